// The journeys users run, as the spec's Arazzo workflows, executed with Redocly Respect against
// the target: every step must meet its own success criteria and match the spec. A workflow whose
// inputs the target cannot provide is skipped, visibly.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTarget, type Target } from '../src/target.js';
import { runWorkflow, WORKFLOWS_DIR, workflowFiles, type WorkflowRun } from '../src/workflows.js';

let target: Target;
beforeAll(async () => {
  target = await resolveTarget();
});
afterAll(() => target?.stop());

/** An API key that may read members and nothing org-wide: the boundary's refusals need one. */
function memberReadKey(): string | undefined {
  const c = target.credentials;
  return c.restrictedKey && c.restrictedScopes?.includes('member_read') && !c.restrictedScopes.includes('analytics_read') ? c.restrictedKey : undefined;
}

/** The inputs each workflow takes, from the target's credentials (undefined: not available). */
function inputsFor(file: string): Record<string, string | undefined> {
  const c = target.credentials;
  switch (path.basename(file)) {
    case 'member-journey.arazzo.yaml':
      return { orgApiKey: c.orgApiKey, externalUserID: 'user_123' };
    case 'restricted-key-job.arazzo.yaml':
      return { jobKey: c.jobKey, externalUserID: 'user_123' };
    case 'boundary-refusals.arazzo.yaml':
      return {
        orgApiKey: c.orgApiKey,
        memberToken: c.memberToken,
        expiredMemberToken: c.expiredMemberToken,
        revokedKey: c.revokedKey,
        liveKey: c.wrongEnvironmentKey,
        memberReadKey: memberReadKey(),
        expiredApiKey: c.expiredApiKey,
        appId: c.app?.appId,
        appSecret: c.app?.appSecret,
      };
    case 'key-management.arazzo.yaml':
    case 'key-rotation.arazzo.yaml':
      return { appId: c.app?.appId, appSecret: c.app?.appSecret };
    default:
      throw new Error(`${file}: a new workflow needs its inputs here`);
  }
}

/** Workflows that need a target keeping state (a revoked key refused afterwards): not the stateless mock. */
const STATEFUL = new Set(['key-rotation.arazzo.yaml']);

function summary(run: WorkflowRun): string {
  const failed = run.steps.filter((s) => s.failed.length > 0);
  return failed.length > 0
    ? failed.map((s) => `${s.stepId} (HTTP ${s.status}): ${s.failed.join('; ')}`).join('\n')
    : run.log.slice(-2000);
}

describe('Arazzo workflows (spec/workflows) with Respect', () => {
  it('has the journeys users run', () => {
    expect(workflowFiles().map((f) => path.basename(f)).sort()).toEqual([
      'boundary-refusals.arazzo.yaml',
      'key-management.arazzo.yaml',
      'key-rotation.arazzo.yaml',
      'member-journey.arazzo.yaml',
      'restricted-key-job.arazzo.yaml',
    ]);
  });

  for (const file of workflowFiles()) {
    it(`${path.basename(file)} passes every step`, async (ctx) => {
      if (STATEFUL.has(path.basename(file)) && target.kind === 'mock') return ctx.skip('the mock keeps no state: it runs on the sandbox and deployments');
      const inputs = inputsFor(file);
      const missing = Object.keys(inputs).filter((k) => !inputs[k]);
      if (missing.length > 0) return ctx.skip(`the target provides no ${missing.join(', ')}`);
      const run = await runWorkflow(file, target.url, inputs as Record<string, string>);
      expect(run.steps.length, summary(run)).toBeGreaterThan(0);
      expect(run.steps.filter((s) => s.failed.length > 0), summary(run)).toEqual([]);
      expect(run.exitCode, summary(run)).toBe(0);
    });
  }

  it('fails when the boundary does not hold: a workflow run with swapped credentials fails at its first refusal', async (ctx) => {
    const inputs = inputsFor(path.join(WORKFLOWS_DIR, 'boundary-refusals.arazzo.yaml'));
    const missing = Object.keys(inputs).filter((k) => !inputs[k]);
    if (missing.length > 0) return ctx.skip(`needs every sample credential (no ${missing.join(', ')})`);
    // The Org-API-Key where the member token goes: creditPoints then succeeds, which the step must count as a failure.
    const run = await runWorkflow(path.join(WORKFLOWS_DIR, 'boundary-refusals.arazzo.yaml'), target.url, {
      ...(inputs as Record<string, string>),
      orgApiKey: inputs.memberToken!,
      memberToken: inputs.orgApiKey!,
    });
    expect(run.exitCode).not.toBe(0);
    const failed = run.steps.filter((s) => s.failed.length > 0);
    expect(failed.map((s) => [s.stepId, s.status])).toEqual([['memberTokenCannotCreditPoints', 200]]);
    expect(failed[0].failed.join('\n')).toContain('$statusCode == 403');
  });
});
