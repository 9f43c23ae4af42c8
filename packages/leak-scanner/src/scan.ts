// Scans folders (or single files): each file read once, binary and oversized files skipped and
// listed, text scanned for credentials and server names, source maps' embedded sources too
// (from `.map` files and from inline `data:` URLs), precompressed `.gz` / `.br` files decompressed.
import { open, readFile } from 'node:fs/promises';
import { createBrotliDecompress, createGunzip } from 'node:zlib';
import { SEVERITY_RANK, type Severity } from './rules.js';
import { BUILT_IN_SERVER_NAMES, serverNameFinder, type ServerNames } from './server-names.js';
import { embeddedSources, inlineSourceMaps } from './source-map.js';
import { scanText, type Finding, type NameFinder } from './text.js';
import { walk, type WalkOptions } from './walk.js';

/** 32 MiB: a large app bundle or source map fits; past it a file is skipped and listed. */
export const DEFAULT_MAX_FILE_SIZE = 32 * 1024 * 1024;
/** 64 MiB: what a `.gz` / `.br` file may grow to once decompressed; past it only that much is scanned (a zip bomb stops there). */
export const DEFAULT_MAX_DECOMPRESSED_SIZE = 64 * 1024 * 1024;

export interface ScanOptions extends WalkOptions {
  /** Files larger than this many bytes are skipped (and listed as skipped). */
  maxFileSize?: number;
  /** A `.gz` / `.br` file is decompressed up to this many bytes; past it, the rest is not scanned (and a warning says so). */
  maxDecompressedSize?: number;
  /** Server names not to report (an app's own `getMember`, say). */
  allowNames?: readonly string[];
  /** The server-only names to look for; by default those of the spec this package was built from. */
  serverNames?: ServerNames;
}

export interface Skipped {
  file: string;
  reason: 'binary' | 'too large';
}

/** A file scanned only in part, or not as its name says: a compressed file larger than the limit once decompressed, or not valid. */
export interface ScanWarning {
  file: string;
  message: string;
}

export interface ScanResult {
  findings: Finding[];
  /** Files read and scanned. */
  files: number;
  /** Bytes read from disk (a compressed file counts as stored). */
  bytes: number;
  skipped: Skipped[];
  /** Always set by `scanPaths` (optional so that a result made by hand, as before, still type-checks). */
  warnings?: ScanWarning[];
}

/** How much of a file's start decides whether it is binary (git's figure). */
const HEAD = 8000;

/** Control characters other than tab, newline, vertical tab, form feed, carriage return and escape. */
const isControl = (byte: number) => byte < 32 && (byte < 9 || byte > 13) && byte !== 27;

/**
 * Whether a file is binary, from its first 8,000 bytes. Without a NUL byte it is text (git's
 * test, and the common case: one fast search). With one, it is still text when the rest says so:
 * valid UTF-8 and at most 1 byte in 10 a control character, so a stray NUL near the start of a
 * bundle does not hide it. Images, fonts, WebAssembly and archives are neither.
 */
export function isBinary(head: Uint8Array): boolean {
  if (!head.includes(0)) return false;
  let control = 0;
  for (const byte of head) if (isControl(byte)) control++;
  if (control * 10 > head.length) return true;
  try {
    // `stream`: a character cut by the end of the head is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return false;
  } catch {
    return true;
  }
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(HEAD);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

type Compression = 'gzip' | 'brotli';
/** Precompressed assets, by name, as servers and CDNs pick them: `app.js.gz`, `app.js.br`. */
const COMPRESSED: Record<string, Compression> = { '.gz': 'gzip', '.br': 'brotli' };
const compressionOf = (name: string): Compression | undefined => COMPRESSED[name.slice(name.lastIndexOf('.')).toLowerCase()];

const formatSize = (bytes: number) =>
  bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : bytes % 1024 === 0 ? `${bytes / 1024} kB` : `${bytes.toLocaleString('en-US')} bytes`;

/**
 * Decompresses `content`, stopping at `limit` bytes of output: a zip bomb costs at most that much
 * memory and time (the stream is destroyed there), never a crash.
 */
function decompress(content: Buffer, compression: Compression, limit: number): Promise<{ data: Buffer; truncated: boolean } | { error: string }> {
  return new Promise((resolve) => {
    const stream = compression === 'gzip' ? createGunzip({ chunkSize: 1024 * 1024 }) : createBrotliDecompress({ chunkSize: 1024 * 1024 });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: { data: Buffer; truncated: boolean } | { error: string }) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (chunk.length > limit - size) {
        chunks.push(chunk.subarray(0, limit - size));
        settle({ data: Buffer.concat(chunks, limit), truncated: true });
        stream.destroy();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    stream.on('end', () => settle({ data: Buffer.concat(chunks, size), truncated: false }));
    stream.on('error', (error) => settle({ error: error.message }));
    stream.end(content);
  });
}

/**
 * Everything in one file's text: the text itself; a source map's embedded sources (`name` ends
 * with `.map`); the sources of inline `data:` source maps. What the file holds readably is
 * reported once, where it is: from a `.map` or a URL-encoded inline map, only what its sources
 * hold in pieces; from a base64 inline map (unreadable as it is), everything.
 */
function scanFileText(text: string, file: string, name: string, names: NameFinder): Finding[] {
  let findings = scanText(text, { file, names });
  const sources = name.endsWith('.map') ? embeddedSources(text) : [];
  if (sources.length > 0) {
    // Seams and escapes in a map's JSON are its sources' (a single-quoted `'…' + '…'` is kept
    // as it is): reported once, at the source, not also at the JSON's line and column.
    findings = findings.filter((f) => !f.split && !f.escaped);
    for (const { source, content } of sources) findings.push(...scanText(content, { file, source, splitOnly: true }));
  }
  for (const map of inlineSourceMaps(text)) {
    for (const { source, content } of map.sources) findings.push(...scanText(content, { file, source, names: map.base64 ? names : undefined, splitOnly: !map.base64 }));
  }
  return findings;
}

export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const maxDecompressedSize = options.maxDecompressedSize ?? DEFAULT_MAX_DECOMPRESSED_SIZE;
  const names = serverNameFinder(options.serverNames ?? BUILT_IN_SERVER_NAMES, new Set(options.allowNames));
  const warnings: ScanWarning[] = [];
  const result: ScanResult = { findings: [], files: 0, bytes: 0, skipped: [], warnings };
  for (const root of paths) {
    for await (const file of walk(root, options)) {
      if (file.size > maxFileSize) {
        result.skipped.push({ file: file.display, reason: 'too large' });
        continue;
      }
      const compression = compressionOf(file.display);
      // Small files are read whole at once; a large one is looked at first, so a big binary is not read.
      const stored = !compression && file.size > HEAD && isBinary(await readHead(file.absolute)) ? undefined : await readFile(file.absolute);
      let content: Buffer | undefined = stored;
      let name = file.display;
      if (stored && compression) {
        const decompressed = await decompress(stored, compression, maxDecompressedSize);
        if ('error' in decompressed) {
          warnings.push({ file: file.display, message: `not valid ${compression} (${decompressed.error}): scanned as it is stored` });
        } else {
          content = decompressed.data;
          name = file.display.slice(0, file.display.lastIndexOf('.'));
          if (decompressed.truncated) {
            const limit = formatSize(maxDecompressedSize);
            warnings.push({
              file: file.display,
              message: `larger than ${limit} once decompressed (--max-decompressed-size; a zip bomb?): only its first ${limit} scanned`,
            });
          }
        }
      }
      if (!stored || !content || isBinary(content.subarray(0, HEAD))) {
        result.skipped.push({ file: file.display, reason: 'binary' });
        continue;
      }
      result.files++;
      result.bytes += stored.length;
      result.findings.push(...scanFileText(content.toString('utf8'), file.display, name, names));
    }
  }
  return result;
}

/** Whether the scan fails: a finding at `failOn` or worse. */
export const fails = (findings: readonly Finding[], failOn: Severity = 'error') => findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
