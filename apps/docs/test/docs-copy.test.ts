// The docs-only copies: the audience boundary still holds with the samples and notes added,
// the bundles themselves are left untouched, and the server notes say things once.
import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../../scripts/bundle/walk.js';
import { serverIntro, withServerNote } from '../src/audience-notes.js';
import { auditDocsCopy, leaksIn } from '../src/boundary.js';
import { loadBundle } from '../src/bundles.js';
import { docsCopy } from '../src/docs-copy.js';

const full = loadBundle('full');
const member = loadBundle('member');
const server = loadBundle('server');
const memberCopy = docsCopy(member, 'member');
const serverCopy = docsCopy(server, 'server');

describe('docs copies', () => {
  it('pass the bundle audit and name nothing of the other side', () => {
    expect(auditDocsCopy(memberCopy, 'member', full)).toEqual([]);
    expect(auditDocsCopy(serverCopy, 'server', full)).toEqual([]);
  });

  it('leave the @expys/openapi bundles as they were', () => {
    expect(member).toEqual(loadBundle('member'));
    expect(server).toEqual(loadBundle('server'));
  });

  it('the leak check catches a planted server name in the member copy', () => {
    const planted = structuredClone(memberCopy);
    planted.info.description += '\n\nSee `curl -X POST https://sandbox.api.expys.com/v1/points/credit` or expys.creditPoints().';
    expect(leaksIn(JSON.stringify(planted), 'member', full)).toEqual(['creditPoints', '/v1/points/credit']);
    expect(auditDocsCopy(planted, 'member', full).length).toBeGreaterThan(0);
  });

  it('every server operation starts with the backend-only callout, said once', () => {
    for (const { operation, section } of operationsOf(serverCopy)) {
      if (section !== 'paths') continue;
      const text: string = operation.description;
      expect(text.startsWith('> **Backend only: needs the Org-API-Key.**')).toBe(true);
      expect(text).toContain('403 member_token_not_allowed');
      expect(text.match(/member_token_not_allowed/g)).toHaveLength(1);
      expect(text).not.toContain('Server mode: backend only');
    }
  });

  it('member operations get no server callout', () => {
    for (const { operation } of operationsOf(memberCopy)) expect(operation.description).not.toContain('Backend only');
  });
});

describe('server notes', () => {
  it('keep an extra remark after the sentence the callout replaces', () => {
    const text = withServerNote(
      'Returns the member.\n\nServer mode: backend only, with the Org-API-Key (scope `members:read`). A member token gets\n403 `member_token_not_allowed`; the app reads its own member through getWallet.\n',
      'members:read',
    );
    expect(text).toContain("(scope `members:read`, sent as `Authorization: Bearer $EXPYS_ORG_API_KEY`)");
    expect(text.endsWith('Returns the member.\n\nThe app reads its own member through getWallet.\n')).toBe(true);
  });

  it('the server intro puts the security rules first and fails when the spec loses one', () => {
    const intro = serverCopy.info.description as string;
    const order = ['Backend only.', '## Security rules (read first)', '**Why the split exists.**', '### Security checklist', '### Key rotation', 'shown only once', '## Two modes, two credentials'];
    const positions = order.map((marker) => intro.indexOf(marker));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(intro.match(/\*\*Why the split exists\.\*\*/g)).toHaveLength(1); // moved, not copied

    expect(() => serverIntro(server.info.description.replace('## Security checklist', '## Checklist'))).toThrow(/Security checklist/);
  });

  it('the Webhooks tag carries the verification recipe with the SDK call', () => {
    const tag = serverCopy.tags.find((t: { name: string }) => t.name === 'Webhooks');
    expect(tag.description).toContain('await expys.webhooks.verify(rawBody, req.headers, secret);');
    expect(tag.description).toContain('timingSafeEqual');
    for (const event of ['redemption.created', 'points.credited', 'member.updated', 'member.removed']) {
      expect(tag.description).toContain(`case "${event}":`);
      expect(serverCopy.webhooks[event].post.description).toContain('-H "webhook-signature: v1,$sig"');
    }
  });
});
