// Runs the spec's Arazzo workflows (spec/workflows/*.arazzo.yaml) with Redocly Respect against a
// target, and reads back what each step did. Respect checks each response against the spec
// (status, content type, schema) on top of each step's own success criteria.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKFLOWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../spec/workflows');
const REDOCLY_BIN = path.join(path.dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');

export function workflowFiles(): string[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((f) => f.endsWith('.arazzo.yaml'))
    .map((f) => path.join(WORKFLOWS_DIR, f));
}

/**
 * Where a workflow can run, from its `x-expys-target`: `any` (the default; every step's criteria
 * hold on any target that serves the contract, the stateless mock included), `stateful` (it
 * checks state across calls: the sandbox and deployments), `sandbox` (it also reads the sandbox's
 * control plane, `/_sandbox/…`), `examples` (it relies on the mock answering the spec's examples).
 */
export type WorkflowTarget = 'any' | 'stateful' | 'sandbox' | 'examples';
const TARGETS: readonly string[] = ['any', 'stateful', 'sandbox', 'examples'];

export interface WorkflowInfo {
  file: string;
  workflowId: string;
  target: WorkflowTarget;
}

/**
 * The workflows of one file, in order, with their targets. Read line by line (the package has no
 * YAML parser, and these files are ours): a workflow starts at `  - workflowId: <id>` and its
 * `x-expys-target` is a key of that workflow, four spaces in.
 */
export function workflowsIn(file: string): WorkflowInfo[] {
  const found: WorkflowInfo[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const start = /^  - workflowId: *([A-Za-z0-9_-]+) *$/.exec(line);
    if (start) found.push({ file, workflowId: start[1], target: 'any' });
    const target = /^    x-expys-target: *(\S+) *$/.exec(line);
    if (target) {
      const current = found.at(-1);
      if (!current || !TARGETS.includes(target[1])) throw new Error(`${path.basename(file)}: x-expys-target ${target[1]} (one of ${TARGETS.join(', ')}, inside a workflow)`);
      current.target = target[1] as WorkflowTarget;
    }
  }
  return found;
}

export interface StepOutcome {
  stepId: string;
  status?: number;
  /** Names and messages of the checks that failed (empty when the step passed). */
  failed: string[];
}

export interface WorkflowRun {
  exitCode: number | null;
  steps: StepOutcome[];
  /** Respect's own output, for a failure message (secrets are masked by Respect). */
  log: string;
}

/** Runs one workflow file with Respect (only `workflowIds` when given); `inputs` are passed as workflow inputs. */
export async function runWorkflow(file: string, serverUrl: string, inputs: Record<string, string>, workflowIds: string[] = []): Promise<WorkflowRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'expys-respect-'));
  const jsonFile = path.join(dir, 'result.json');
  try {
    const args = [
      REDOCLY_BIN,
      'respect',
      file,
      '--server',
      `expys=${serverUrl}`,
      '--input',
      JSON.stringify(inputs),
      '--json-output',
      jsonFile,
      '--max-fetch-timeout',
      '10000',
      ...(workflowIds.length > 0 ? ['--workflow', ...workflowIds] : []),
    ];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    let steps: StepOutcome[] = [];
    try {
      const result = JSON.parse(readFileSync(jsonFile, 'utf8'));
      steps = Object.values<any>(result.files).flatMap((f) =>
        f.executedWorkflows.flatMap((w: any) =>
          w.executedSteps.map((s: any) => ({
            stepId: s.stepId,
            status: s.response?.statusCode,
            failed: s.checks.filter((c: any) => !c.passed).map((c: any) => `${c.name}: ${c.message}`),
          })),
        ),
      );
    } catch {
      // No JSON: Respect failed before running (the log says why).
    }
    return { exitCode, steps, log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
