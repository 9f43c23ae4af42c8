// Each kind of spec edit, classified per audience: the fixture pairs are the real bundle before
// and after one edit. "none" means the audience's client sees no change at all.
import { describe, expect, it } from 'vitest';
import type { Audience } from '../src/audiences.js';
import { diffSpec, type Severity } from '../src/spec-diff.js';
import { addMemberCreatedEvent, fullBundle, operation, split, type Doc } from './support/fixtures.js';

type Expected = Severity | 'none';

interface Case {
  name: string;
  /** The edit made for "after"; `before`, when given, edits the released side instead (a removal). */
  edit: (doc: Doc) => void;
  before?: (doc: Doc) => void;
  member: Expected;
  server: Expected;
  /** The rule expected to report it, when it is one of ours. */
  rule?: string;
}

const schemas = (doc: Doc) => doc.components.schemas;


const cases: Case[] = [
  // Breaking
  { name: 'an operation is removed', edit: (d) => delete d.paths['/v1/wallet'], member: 'breaking', server: 'none' },
  {
    name: 'a response field is removed',
    edit: (d) => {
      delete schemas(d).Offer.properties.imageUrl;
      schemas(d).Offer.required = schemas(d).Offer.required.filter((r: string) => r !== 'imageUrl');
    },
    member: 'breaking',
    server: 'none',
  },
  // A value removed from what a client may send breaks it; removed from what it reads, it does not.
  { name: 'an enum value is removed from an input', edit: (d) => (schemas(d).OfferCategory.enum = schemas(d).OfferCategory.enum.filter((t: string) => t !== 'wellness')), member: 'breaking', server: 'none' },
  { name: 'an enum value is removed (input for the server, output only for members)', edit: (d) => (schemas(d).Tier.enum = schemas(d).Tier.enum.filter((t: string) => t !== 'platinum')), member: 'non-breaking', server: 'breaking' },
  // A new value in a response breaks an exhaustive switch in the consumer's code.
  { name: 'an enum value is added to an output', edit: (d) => schemas(d).TimeseriesMetric.enum.push('visits'), member: 'none', server: 'breaking' },
  {
    name: 'a new required request field',
    edit: (d) => {
      schemas(d).PointsCreditInput.properties.source = { type: 'string', maxLength: 20 };
      schemas(d).PointsCreditInput.required.push('source');
    },
    member: 'none',
    server: 'breaking',
  },
  { name: 'a tightened bound on an input', edit: (d) => (schemas(d).RedemptionInput.properties.offerId.maxLength = 32), member: 'breaking', server: 'none' },
  { name: 'a narrowed type', edit: (d) => (schemas(d).PointsCreditInput.properties.amount.maximum = 1000), member: 'none', server: 'breaking' },
  { name: 'a documented status is removed', edit: (d) => delete operation(d, 'getOffer').responses['404'], member: 'breaking', server: 'none' },
  { name: 'an API key scope is renamed', edit: (d) => (operation(d, 'creditPoints').security = [{ orgApiKey: [] }, { apiKey: ['points_credit'] }]), member: 'none', server: 'breaking', rule: 'security' },
  { name: 'the API key alternative is removed (only the Org-API-Key works)', edit: (d) => (operation(d, 'creditPoints').security = [{ orgApiKey: [] }]), member: 'none', server: 'breaking', rule: 'security' },
  {
    name: 'API keys are introduced next to the Org-API-Key (a new scheme, a new alternative)',
    before: (d) => {
      delete d.components.securitySchemes.apiKey;
      for (const item of Object.values<any>(d.paths)) for (const op of Object.values<any>(item)) if (Array.isArray(op?.security)) op.security = op.security.filter((r: object) => !('apiKey' in r));
    },
    edit: () => {},
    member: 'none',
    server: 'non-breaking',
  },
  { name: 'a scope changes', edit: (d) => (operation(d, 'creditPoints').security = [{ orgApiKey: ['points:admin'] }]), member: 'none', server: 'breaking', rule: 'security' },
  { name: 'security is added to an operation', edit: (d) => (operation(d, 'getMember').security = [{ orgApiKey: ['members:read', 'members:write'] }]), member: 'none', server: 'breaking', rule: 'security' },
  {
    name: 'an operation moves from the member to the server audience',
    edit: (d) => {
      const op = operation(d, 'getWallet');
      op['x-expys-mode'] = 'server';
      op.security = [{ orgApiKey: ['members:read'] }];
    },
    member: 'breaking',
    server: 'non-breaking',
    rule: 'audience',
  },
  {
    name: 'an operation moves to another path',
    edit: (d) => {
      d.paths['/v1/catalog/offers'] = d.paths['/v1/offers'];
      delete d.paths['/v1/offers'];
    },
    member: 'breaking',
    server: 'none',
  },
  // Webhooks: each event's payload is an output of the server audience.
  {
    name: 'a required field of a webhook payload is removed',
    edit: (d) => {
      const event = schemas(d).MemberRemovedEvent;
      delete event.properties.createdAt;
      event.required = event.required.filter((r: string) => r !== 'createdAt');
    },
    member: 'none',
    server: 'breaking',
  },
  { name: "a webhook payload field's type changes", edit: (d) => (schemas(d).RemovedMember.properties.removedAt = { type: 'integer', format: 'int64' }), member: 'none', server: 'breaking' },
  { name: 'an optional field of a webhook payload is removed, two levels down', before: (d) => (schemas(d).RemovedMember.properties.reason = { type: 'string', maxLength: 40 }), edit: () => {}, member: 'none', server: 'breaking' },
  { name: 'a webhook event is removed', edit: (d) => delete d.webhooks['member.removed'], member: 'none', server: 'breaking' },
  // Definitions outside the operations.
  { name: "the member token's security scheme changes (bearer → an API-key header)", edit: (d) => (d.components.securitySchemes.memberToken = { type: 'apiKey', in: 'header', name: 'X-Member-Token', description: 'The member token.' }), member: 'breaking', server: 'none', rule: 'security' },
  { name: "the production server's URL changes", edit: (d) => (d.servers[0].url = 'https://api.expys.io'), member: 'breaking', server: 'breaking', rule: 'servers' },
  { name: 'an operationId is renamed (same method and path)', edit: (d) => (operation(d, 'getWallet').operationId = 'fetchWallet'), member: 'breaking', server: 'none', rule: 'route' },
  { name: 'a top-level key the gate does not know changes (fails closed)', edit: (d) => (d['x-expys-rate-plan'] = 'strict'), member: 'breaking', server: 'breaking', rule: 'document' },
  // Outputs that now hold another type; inputs that no longer accept a field.
  { name: "a response field's type changes (string → integer)", edit: (d) => (schemas(d).Offer.properties.title.type = 'integer'), member: 'breaking', server: 'none' },
  { name: 'a response field is made nullable', edit: (d) => (schemas(d).Member.properties.displayName.type = ['string', 'null']), member: 'none', server: 'breaking' },
  { name: 'an optional request field is removed (no other field allowed)', before: (d) => (schemas(d).PointsCreditInput.properties.note = { type: 'string', maxLength: 40 }), edit: () => {}, member: 'none', server: 'breaking' },
  {
    name: 'an optional request field is removed two levels down (no other field allowed)',
    before: (d) => (schemas(d).PointsCreditInput.properties.metadata = { type: 'object', additionalProperties: false, properties: { note: { type: 'string', maxLength: 40 }, tag: { type: 'string', maxLength: 40 } } }),
    edit: (d) => (schemas(d).PointsCreditInput.properties.metadata = { type: 'object', additionalProperties: false, properties: { tag: { type: 'string', maxLength: 40 } } }),
    member: 'none',
    server: 'breaking',
  },
  // Not breaking
  { name: 'a webhook event is added', edit: addMemberCreatedEvent, member: 'none', server: 'non-breaking' },
  { name: 'an optional field is added to a webhook payload', edit: (d) => (schemas(d).RemovedMember.properties.reason = { type: 'string', maxLength: 40 }), member: 'none', server: 'non-breaking' },
  { name: 'a response field made nullable is made non-nullable again (a narrowed output)', before: (d) => (schemas(d).Member.properties.displayName.type = ['string', 'null']), edit: () => {}, member: 'none', server: 'non-breaking' },
  { name: 'a nullable type written in another order', before: (d) => (schemas(d).Member.properties.displayName.type = ['string', 'null']), edit: (d) => (schemas(d).Member.properties.displayName.type = ['null', 'string']), member: 'none', server: 'none' },
  { name: 'a description is written next to a $ref', edit: (d) => (schemas(d).Wallet.properties.currency = { $ref: '#/components/schemas/Currency', description: 'The currency of the balance.' }), member: 'none', server: 'none' },
  { name: "a security scheme's description and the API's description change", edit: (d) => ((d.components.securitySchemes.memberToken.description = 'A token.'), (d.info.description = 'The Expys API.')), member: 'none', server: 'none' },
  {
    name: 'an operation is added',
    edit: (d) => {
      d.paths['/v1/tiers'] = { get: { ...structuredClone(operation(d, 'getWallet')), operationId: 'listTiers' } };
    },
    member: 'non-breaking',
    server: 'none',
  },
  { name: 'an optional request field is added', edit: (d) => (schemas(d).MemberInput.properties.locale = { type: 'string', maxLength: 10 }), member: 'none', server: 'non-breaking' },
  { name: 'a bound on an input is loosened', edit: (d) => (schemas(d).ConciergeInput.properties.message.maxLength = 4000), member: 'non-breaking', server: 'none' },
  { name: 'a description changes', edit: (d) => (operation(d, 'listOffers').description = 'Lists offers.'), member: 'none', server: 'none' },
  { name: 'an operation is deprecated', edit: (d) => (operation(d, 'concierge').deprecated = true), member: 'deprecated', server: 'none' },
];

const worst = (severities: Severity[]): Expected => (severities.includes('breaking') ? 'breaking' : severities.includes('deprecated') ? 'deprecated' : severities.length ? 'non-breaking' : 'none');

describe('spec diff per audience', () => {
  const before = split(fullBundle());
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const full = fullBundle();
    c.edit(full);
    const released = fullBundle();
    c.before?.(released);
    const changes = diffSpec(c.before ? split(released) : before, split(full));
    const by = (audience: Audience) => worst(changes.filter((x) => x.audience === audience).map((x) => x.severity));
    expect({ member: by('member'), server: by('server') }, JSON.stringify(changes.map((x) => [x.audience, x.severity, x.description]), null, 1)).toEqual({ member: c.member, server: c.server });
    if (c.rule) expect(changes.some((x) => x.rule === c.rule && x.severity === 'breaking')).toBe(true);
    // Every change names its audience's package.
    for (const change of changes) expect(change.package, change.description).toBe(change.audience === 'member' ? '@expys/member-client' : '@expys/server-client');
  });

  it('no edit, no change', () => {
    expect(diffSpec(before, split(fullBundle()))).toEqual([]);
  });
});
