// Scans folders (or single files): each file read once, binary and oversized files skipped and
// listed, text scanned for credentials and server names, source maps' embedded sources too.
import { open, readFile } from 'node:fs/promises';
import { SEVERITY_RANK, type Severity } from './rules.js';
import { BUILT_IN_SERVER_NAMES, serverNameFinder, type ServerNames } from './server-names.js';
import { embeddedSources } from './source-map.js';
import { scanText, type Finding } from './text.js';
import { walk, type WalkOptions } from './walk.js';

/** 32 MiB: a large app bundle or source map fits; past it a file is skipped and listed. */
export const DEFAULT_MAX_FILE_SIZE = 32 * 1024 * 1024;

export interface ScanOptions extends WalkOptions {
  /** Files larger than this many bytes are skipped (and listed as skipped). */
  maxFileSize?: number;
  /** Server names not to report (an app's own `getMember`, say). */
  allowNames?: readonly string[];
  /** The server-only names to look for; by default those of the spec this package was built from. */
  serverNames?: ServerNames;
}

export interface Skipped {
  file: string;
  reason: 'binary' | 'too large';
}

export interface ScanResult {
  findings: Finding[];
  /** Files read and scanned. */
  files: number;
  bytes: number;
  skipped: Skipped[];
}

/** Git's test for a binary file: a NUL byte in its first 8000 bytes. */
const isBinary = (head: Uint8Array) => head.includes(0);

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(8000);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const names = serverNameFinder(options.serverNames ?? BUILT_IN_SERVER_NAMES, new Set(options.allowNames));
  const result: ScanResult = { findings: [], files: 0, bytes: 0, skipped: [] };
  for (const root of paths) {
    for await (const file of walk(root, options)) {
      if (file.size > maxFileSize) {
        result.skipped.push({ file: file.display, reason: 'too large' });
        continue;
      }
      // Small files are read whole at once; a large one is looked at first, so a big binary is not read.
      const content = file.size > 8000 && isBinary(await readHead(file.absolute)) ? undefined : await readFile(file.absolute);
      if (!content || isBinary(content.subarray(0, 8000))) {
        result.skipped.push({ file: file.display, reason: 'binary' });
        continue;
      }
      result.files++;
      result.bytes += content.length;
      const text = content.toString('utf8');
      result.findings.push(...scanText(text, { file: file.display, names }));
      if (file.display.endsWith('.map')) {
        for (const { source, content: code } of embeddedSources(text)) {
          result.findings.push(...scanText(code, { file: file.display, source, splitOnly: true }));
        }
      }
    }
  }
  return result;
}

/** Whether the scan fails: a finding at `failOn` or worse. */
export const fails = (findings: readonly Finding[], failOn: Severity = 'error') => findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
