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

/** Runs one workflow file with Respect; `inputs` are passed as workflow inputs. */
export async function runWorkflow(file: string, serverUrl: string, inputs: Record<string, string>): Promise<WorkflowRun> {
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
