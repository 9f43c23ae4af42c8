// The journeys users run, as the spec's Arazzo workflows, executed with Redocly Respect against
// the target: every step must meet its own success criteria and match the spec. A workflow whose
// inputs the target cannot provide, or which needs another kind of target (its x-expys-target),
// is skipped, visibly.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTarget, type Target } from '../src/target.js';
import { runWorkflow, WORKFLOWS_DIR, workflowFiles, workflowsIn, type WorkflowInfo, type WorkflowRun } from '../src/workflows.js';

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

/**
 * A member no other test or run uses: the area workflows start from a new member (its first token
 * enrols it), so what they check of its stamps, cashback, claims and referrals is theirs alone,
 * on a target that keeps state across runs too.
 */
const newMember = (area: string) => `wf-${area}-${randomBytes(6).toString('hex')}`;

/** The inputs each workflow takes, from the target's credentials (undefined: not available); new members on every call. */
function inputsFor(file: string): Record<string, string | undefined> {
  const c = target.credentials;
  const area = path.basename(file, '.arazzo.yaml');
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
    case 'stamps.arazzo.yaml':
    case 'cashback.arazzo.yaml':
    case 'claims.arazzo.yaml':
    case 'cards.arazzo.yaml':
      return { orgApiKey: c.orgApiKey, externalUserID: newMember(area) };
    case 'referrals.arazzo.yaml':
      return { orgApiKey: c.orgApiKey, referrerExternalUserID: newMember('referrer'), friendExternalUserID: newMember('friend'), secondFriendExternalUserID: newMember('friend') };
    case 'passcodes.arazzo.yaml':
      // The sandbox's control plane shows the code; the mock answers verifyPasscode's example, whose code this is.
      return { orgApiKey: c.orgApiKey, externalUserID: newMember(area), sandboxUrl: target.url, exampleCode: '482913' };
    default:
      throw new Error(`${file}: a new workflow needs its inputs here`);
  }
}

/** Why this target cannot run a workflow (its x-expys-target), or undefined when it can. */
function unsuitable(workflow: WorkflowInfo): string | undefined {
  switch (workflow.target) {
    case 'any':
      return undefined;
    case 'stateful':
      return target.kind === 'mock' ? 'the mock keeps no state: it runs on the sandbox and deployments' : undefined;
    case 'sandbox':
      return target.kind === 'sandbox' ? undefined : "it reads the sandbox's control plane (/_sandbox/…): it runs on the sandbox";
    case 'examples':
      return target.kind === 'mock' ? undefined : "it relies on the spec's examples as answers: it runs on the mock";
  }
}

function summary(run: WorkflowRun): string {
  const failed = run.steps.filter((s) => s.failed.length > 0);
  return failed.length > 0
    ? failed.map((s) => `${s.stepId} (HTTP ${s.status}): ${s.failed.join('; ')}`).join('\n')
    : run.log.slice(-2000);
}

describe('Arazzo workflows (spec/workflows) with Respect', () => {
  it('has the journeys users run, one file per area of the API', () => {
    expect(workflowFiles().map((f) => path.basename(f)).sort()).toEqual([
      'boundary-refusals.arazzo.yaml',
      'cards.arazzo.yaml',
      'cashback.arazzo.yaml',
      'claims.arazzo.yaml',
      'key-management.arazzo.yaml',
      'key-rotation.arazzo.yaml',
      'member-journey.arazzo.yaml',
      'passcodes.arazzo.yaml',
      'referrals.arazzo.yaml',
      'restricted-key-job.arazzo.yaml',
      'stamps.arazzo.yaml',
    ]);
    // Every area's journey runs somewhere the suite goes: on every target, or split between the mock and the sandbox.
    for (const file of workflowFiles()) {
      const targets = new Set(workflowsIn(file).map((w) => w.target));
      expect(targets.size, path.basename(file)).toBeGreaterThan(0);
      if (!targets.has('any') && !['key-rotation.arazzo.yaml'].includes(path.basename(file))) expect([...targets].sort(), path.basename(file)).toEqual(['examples', 'sandbox']);
    }
  });

  for (const workflow of workflowFiles().flatMap(workflowsIn)) {
    it(`${path.basename(workflow.file)} ${workflow.workflowId} passes every step`, async (ctx) => {
      const why = unsuitable(workflow);
      if (why) return ctx.skip(why);
      const inputs = inputsFor(workflow.file);
      const missing = Object.keys(inputs).filter((k) => !inputs[k]);
      if (missing.length > 0) return ctx.skip(`the target provides no ${missing.join(', ')}`);
      const run = await runWorkflow(workflow.file, target.url, inputs as Record<string, string>, [workflow.workflowId]);
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

  it('the stateful checks are real: on the stateless mock, stampsAreSpentOnce fails where state matters', async (ctx) => {
    if (target.kind !== 'mock') return ctx.skip('the proof needs the stateless mock');
    const file = path.join(WORKFLOWS_DIR, 'stamps.arazzo.yaml');
    const run = await runWorkflow(file, target.url, inputsFor(file) as Record<string, string>, ['stampsAreSpentOnce']);
    expect(run.exitCode).not.toBe(0);
    // The mock's example card holds 7 stamps where a new member holds none: the first state check fails.
    const failed = run.steps.filter((s) => s.failed.length > 0);
    expect(failed.map((s) => [s.stepId, s.status])).toEqual([['readEmptyCard', 200]]);
    expect(failed[0].failed.join('\n')).toContain('$response.body#/cards/0/stamps == 0');
  });
});
