// The text scan on its own: split credentials, positions, and the server names from the spec.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mintCredential } from '@expys/credentials';
import { describe, expect, it } from 'vitest';
import { foreignNames } from '../../../scripts/bundle/audit.js';
import { BUILT_IN_SERVER_NAMES, scanText, serverNameFinder } from '../src/index.js';

const KEY = mintCredential('org-api-key', 'production');
const scan = (text: string, splitOnly = false) => scanText(text, { file: 'f', names: serverNameFinder(BUILT_IN_SERVER_NAMES), splitOnly });

describe('credentials', () => {
  it.each([
    ['double quotes and +', `"${KEY.slice(0, 18)}" + "${KEY.slice(18)}"`],
    ['single quotes across a line', `'${KEY.slice(0, 30)}' +\n      '${KEY.slice(30)}'`],
    ['three pieces, template literals', `\`${KEY.slice(0, 14)}\`+\`${KEY.slice(14, 30)}\`+\`${KEY.slice(30)}\``],
    ['a backslash-newline continuation', `"${KEY.slice(0, 25)}\\\n${KEY.slice(25)}"`],
    ['a CRLF continuation', `"${KEY.slice(0, 25)}\\\r\n${KEY.slice(25)}"`],
  ])('finds a real key split with %s', (_, text) => {
    expect(scan(text)).toMatchObject([{ rule: 'expys-org-api-key', line: 1, column: 2, split: true }]);
  });

  it('does not join a look-alike, nor a real key followed by more letters once joined', () => {
    const lookAlike = `${KEY.slice(0, -1)}${KEY.endsWith('a') ? 'b' : 'a'}`;
    expect(scan(`"${lookAlike.slice(0, 20)}" + "${lookAlike.slice(20)}"`)).toEqual([]);
    expect(scan(`"${KEY.slice(0, 20)}" + "${KEY.slice(20)}" + "more"`)).toEqual([]);
  });

  it('reports direct matches once, and only split ones in splitOnly mode', () => {
    const text = `a="${KEY}";\nb="${KEY.slice(0, 20)}"+"${KEY.slice(20)}"`;
    expect(scan(text).map((f) => [f.line, f.column, f.split ?? false])).toEqual([
      [1, 4, false],
      [2, 4, true],
    ]);
    expect(scan(text, true).map((f) => [f.line, f.column])).toEqual([[2, 4]]);
  });

  it('counts lines and columns in UTF-16 units, CRLF files included', () => {
    expect(scan(`é\r\n\r\n  x="${KEY}"`)).toMatchObject([{ line: 3, column: 6 }]);
  });
});

describe('server names', () => {
  it("are the spec's server-only operationIds and paths, as the bundle audit lists them", () => {
    const full = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@expys/openapi/full.json'), 'utf8'));
    const expected = foreignNames(full, 'member');
    expect([...BUILT_IN_SERVER_NAMES.operationIds]).toEqual(expected.operationIds);
    expect([...BUILT_IN_SERVER_NAMES.paths]).toEqual(expected.paths);
    expect(BUILT_IN_SERVER_NAMES.operationIds).toEqual(expect.arrayContaining(['exchangeToken', 'creditPoints', 'getMember']));
    expect(BUILT_IN_SERVER_NAMES.paths).toEqual(expect.arrayContaining(['/v1/auth/exchange', '/v1/points/credit']));
  });

  it('finds every occurrence as an identifier (with $ as an identifier character) and paths with parameters filled in', () => {
    const text = 'a.creditPoints(1);b["creditPoints"];$creditPoints;creditPoints$;creditPointsX;\nurl+"/v1/webhooks/we_123?x=1";"/v1/webhooks-beta";fetch("/v1/webhooks")';
    expect(scan(text).map((f) => `${f.rule} ${f.match} ${f.line}:${f.column}`)).toEqual([
      'expys-server-operation creditPoints 1:3',
      'expys-server-operation creditPoints 1:22',
      'expys-server-path /v1/webhooks/{webhookId} 2:6',
      'expys-server-path /v1/webhooks 2:58',
    ]);
  });

  it('names a path only as a whole template: a longer member path that starts with it is another operation', () => {
    const find = serverNameFinder({ operationIds: [], paths: ['/v1/offers/{offerId}'] });
    expect(find('fetch("/v1/offers/o_1/eligibility");fetch(`/v1/offers/${id}/eligibility`)')).toEqual([]);
    // What ends a path: a query, a template literal's `${…}` or a `{?…}` right after it.
    const ends = serverNameFinder({ operationIds: [], paths: ['/v1/analytics/summary', '/v1/webhooks'] });
    expect(ends('fetch(`${base}/v1/analytics/summary${qs}`);fetch(`${base}/v1/webhooks${query}`);"/v1/webhooks{?cursor,limit}"').map((h) => h.name)).toEqual(['/v1/analytics/summary', '/v1/webhooks', '/v1/webhooks']);
    const text = 'fetch("/v1/offers/o_1");fetch("/v1/offers/o_2/");fetch("/v1/offers/o_3?x=1")';
    expect(find(text).map((h) => h.index)).toEqual(['o_1', 'o_2', 'o_3'].map((id) => text.indexOf(`/v1/offers/${id}`)));
  });

  it('takes more names than the one-regex-per-name threshold (the scale of a large spec)', () => {
    const names = { operationIds: Array.from({ length: 300 }, (_, i) => `serverOp${i}`), paths: Array.from({ length: 300 }, (_, i) => `/v1/s${i}/{id}`) };
    const find = serverNameFinder(names, new Set(['serverOp7']));
    const hits = find('x.serverOp250();x.serverOp7();fetch("/v1/s299/abc");"/v1/s2990/x"');
    expect(hits.map((h) => h.name)).toEqual(['serverOp250', '/v1/s299/{id}']);
  });
});
