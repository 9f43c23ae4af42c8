// The Fastify host's tenancy (what the sandbox uses for /sandboxes/<id>/): the prefix comes off
// before the boundary sees the URL, the tenant reaches authenticate and the handler, an unknown
// tenant is answered 404 before any credential is looked up, and a URL without the prefix is the
// default tenant's. Checked on a real listening host with a recording authenticator.
import { SAMPLE_CREDENTIALS as C, type Credential, type OperationRequest } from '@expys/gateway';
import { close, createGateway, listen, loadBundle, tenantOf } from '@expys/gateway-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBundleFile } from '../src/mock.js';

describe('the Fastify host with tenancy', () => {
  const authenticated: (string | undefined)[] = [];
  const handled: OperationRequest[] = [];
  let url: string;
  let app: Awaited<ReturnType<typeof createGateway>>['app'];

  beforeAll(async () => {
    ({ app } = createGateway({
      doc: loadBundle(defaultBundleFile()),
      access: { productionUrl: 'https://api.expys.example' },
      controlPlanePrefix: '/_',
      authenticate: (authorization, tenant): Credential => {
        authenticated.push(tenant);
        return authorization === `Bearer ${C.fullAccessKey}` ? { kind: 'org-api-key', environment: 'sandbox', revoked: false } : { kind: 'missing' };
      },
      handler: async (request) => {
        handled.push(request);
        return { status: 200, headers: { 'content-type': 'application/json' }, body: { externalUserID: request.pathParams.externalUserID, tenant: request.tenant ?? null } };
      },
      tenancy: { prefix: '/sandboxes/', exists: (tenant) => tenant === 'sbx_known', notFound: (tenant) => `no tenant ${tenant}` },
    }));
    app.get('/_host/whoami', async (request) => ({ tenant: tenantOf(request) ?? null, url: request.url }));
    ({ url } = await listen(app, 0, '127.0.0.1', '127.0.0.1'));
  });
  afterAll(() => close(app));

  const get = (path: string, key = C.fullAccessKey) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${key}` } });

  it("serves a tenant's path as the path without its prefix, for that tenant", async () => {
    const response = await get('/sandboxes/sbx_known/v1/members/user_123');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ externalUserID: 'user_123', tenant: 'sbx_known' });
    expect(authenticated.at(-1)).toBe('sbx_known');
    expect(handled.at(-1)!.path).toBe('/v1/members/user_123');
  });

  it('serves the URL without the prefix as the default tenant', async () => {
    const response = await get('/v1/members/user_123');
    expect(await response.json()).toEqual({ externalUserID: 'user_123', tenant: null });
    expect(authenticated.at(-1)).toBeUndefined();
  });

  it('answers an unknown, empty or odd tenant 404 before looking at the credential', async () => {
    for (const path of ['/sandboxes/sbx_other/v1/members/user_123', '/sandboxes//v1/members/user_123', '/sandboxes/sbx%2Fknown/v1/members/user_123', '/sandboxes/sbx_known.json', '/sandboxes/']) {
      const before = authenticated.length;
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const body = await response.json();
      expect(body.code, path).toBe('not_found');
      expect(authenticated.length, `${path}: a credential was looked up`).toBe(before);
    }
    expect((await (await get('/sandboxes/sbx_other/v1/wallet')).json()).detail).toBe('no tenant sbx_other');
  });

  it("hands the host's own routes the tenant and the path without the prefix", async () => {
    const own = await (await get('/sandboxes/sbx_known/_host/whoami')).json();
    expect(own).toEqual({ tenant: 'sbx_known', url: '/_host/whoami' });
    const main = await (await get('/_host/whoami')).json();
    expect(main).toEqual({ tenant: null, url: '/_host/whoami' });
  });

  it('keeps the query string and refuses a path outside the API for the tenant as for anyone', async () => {
    const listed = await get('/sandboxes/sbx_known/v1/members/user_123?expand=wallet');
    expect(listed.status).toBe(200);
    expect(handled.at(-1)!.query).toEqual({ expand: 'wallet' });
    const nothing = await get('/sandboxes/sbx_known/v2/nothing');
    expect(nothing.status).toBe(404);
    expect((await nothing.json()).detail).toContain('/v2/nothing');
  });
});
