// Where webhooks may go: the address classifier over literals, and the decision made before any
// connection (a host name resolved by an injected resolver, every address checked). Nothing here
// sends to a non-loopback address: refusals are asserted on the decision, and the one delivery
// (pinning) goes to a loopback receiver.
import { describe, expect, it } from 'vitest';
import { post } from '../src/webhooks/deliveries.js';
import { sign } from '../src/webhooks/signing.js';
import { classifyAddress, pinnedLookup, vetTarget, type Resolve } from '../src/webhooks/targets.js';
import { startReceiver } from './support/receiver.js';

describe('classifyAddress', () => {
  const cases: [string, string][] = [
    // IPv4
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.15.255.255', 'public'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.63.255.255', 'public'],
    ['100.128.0.0', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    // IPv6
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001::1', 'reserved'],
    ['100::1', 'reserved'],
    ['4000::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
    // IPv6 that leads to an IPv4 address: classified by it
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['::FFFF:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'private'],
    ['::ffff:0:7f00:1', 'loopback'],
    ['::ffff:93.184.216.34', 'public'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::5db8:d822', 'public'],
    ['64:ff9b:1::1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a9fe:a9fe::1', 'link-local'],
    ['2002:5db8:d822::1', 'public'],
    // not IP literals (names, odd forms that only new URL() normalises)
    ['localhost', 'not-an-ip'],
    ['example.com', 'not-an-ip'],
    ['127.1', 'not-an-ip'],
    ['0x7f.0.0.1', 'not-an-ip'],
    ['1.2.3.256', 'not-an-ip'],
    ['', 'not-an-ip'],
  ];
  it.each(cases)('%s is %s', (literal, expected) => {
    expect(classifyAddress(literal)).toBe(expected);
  });
});

/** A resolver that must not be called: a literal host is decided without DNS. */
const noDns: Resolve = async (host) => {
  throw new Error(`resolved ${host}`);
};

describe('vetTarget: the decision before any connection', () => {
  // What Node's URL parser makes of odd IPv4 forms: the normalised host is what is classified.
  it.each([
    ['https://0x7f.1/hooks', '127.0.0.1'],
    ['https://127.1/hooks', '127.0.0.1'],
    ['https://2130706433/hooks', '127.0.0.1'],
    ['https://017700000001/hooks', '127.0.0.1'],
    ['https://0x7f000001/hooks', '127.0.0.1'],
    ['https://0177.0.0.1/hooks', '127.0.0.1'],
    ['https://127.0.0.1./hooks', '127.0.0.1'],
    ['https://%31%32%37.0.0.1/hooks', '127.0.0.1'],
    ['https://0/hooks', '0.0.0.0'],
    ['https://[::ffff:127.0.0.1]/hooks', '[::ffff:7f00:1]'],
    ['https://[0:0::1]/hooks', '[::1]'],
  ])('%s is host %s, refused without DNS', async (url, hostname) => {
    expect(new URL(url).hostname).toBe(hostname);
    const decision = await vetTarget(url, { resolve: noDns });
    expect(decision.verdict).toBe('refused');
    expect(decision.verdict === 'refused' && decision.reason).toMatch(/^refused: \S+ is an? (loopback|unspecified) address; .*--allow-private-webhook-targets/);
  });

  it.each(['http://169.254.169.254/latest/meta-data/', 'https://10.1.2.3/', 'https://[fe80::1]/', 'https://[fd00::1]:8443/', 'https://100.64.0.1/', 'https://224.0.0.1/', 'https://[::]/'])(
    'refuses %s',
    async (url) => {
      expect((await vetTarget(url, { resolve: noDns })).verdict).toBe('refused');
    },
  );

  it('allows a public literal, pinned to itself', async () => {
    expect(await vetTarget('https://93.184.216.34/hooks', { resolve: noDns })).toEqual({ verdict: 'allowed', addresses: ['93.184.216.34'] });
  });

  it('checks every address a name resolves to: one private address refuses the name', async () => {
    const asked: string[] = [];
    const resolve: Resolve = async (host) => {
      asked.push(host);
      return ['93.184.216.34', '127.0.0.1'];
    };
    const decision = await vetTarget('https://hooks.rebinding.test/expys', { resolve });
    expect(asked).toEqual(['hooks.rebinding.test']);
    expect(decision).toEqual({ verdict: 'refused', reason: expect.stringMatching(/^refused: hooks\.rebinding\.test resolves to a loopback address; /) });
    // The reason does not say which internal address the name has.
    expect(JSON.stringify(decision)).not.toContain('127.0.0.1');
    for (const addresses of [['::ffff:10.0.0.7'], ['2606:4700:4700::1111', 'fe80::1'], ['169.254.169.254']]) {
      expect((await vetTarget('https://hooks.rebinding.test/expys', { resolve: async () => addresses })).verdict).toBe('refused');
    }
  });

  it('allows a name whose every address is public, pinned to those addresses', async () => {
    const resolve: Resolve = async () => ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'];
    expect(await vetTarget('https://hooks.public.test/expys', { resolve })).toEqual({ verdict: 'allowed', addresses: ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'] });
  });

  it('a name that does not resolve is unreachable, not refused', async () => {
    const resolve: Resolve = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await vetTarget('https://nowhere.test/', { resolve })).toEqual({ verdict: 'unreachable', reason: 'could not resolve nowhere.test: ENOTFOUND' });
    expect(await vetTarget('https://empty.test/', { resolve: async () => [] })).toMatchObject({ verdict: 'unreachable' });
    expect((await vetTarget('ftp://93.184.216.34/', { resolve: noDns })).verdict).toBe('unreachable');
    expect((await vetTarget('not a url', { resolve: noDns })).verdict).toBe('unreachable');
  });

  it('the forward target and allow-private open private addresses, and nothing else changes', async () => {
    const forwardTo = 'http://127.0.0.1:3000/webhooks';
    expect(await vetTarget(forwardTo, { forwardTo, resolve: noDns })).toEqual({ verdict: 'allowed', addresses: ['127.0.0.1'] });
    // Only that URL: another port or path on the same machine is still refused.
    expect((await vetTarget('http://127.0.0.1:3001/webhooks', { forwardTo, resolve: noDns })).verdict).toBe('refused');
    expect((await vetTarget('http://127.0.0.1:3000/admin', { forwardTo, resolve: noDns })).verdict).toBe('refused');
    expect(await vetTarget('https://[::1]:8443/', { allowPrivate: true, resolve: noDns })).toEqual({ verdict: 'allowed', addresses: ['::1'] });
    // With allow-private a name is still resolved once and pinned.
    expect(await vetTarget('https://hooks.local.test/', { allowPrivate: true, resolve: async () => ['127.0.0.1'] })).toEqual({ verdict: 'allowed', addresses: ['127.0.0.1'] });
  });
});

describe('pinned connections', () => {
  it('pinnedLookup answers only with the vetted addresses, in either form net asks for', async () => {
    const lookup = pinnedLookup(['127.0.0.1', '::1']);
    const ask = (options: object) => new Promise<unknown[]>((resolve) => lookup('anything.test', options, (...args) => resolve(args)));
    expect(await ask({ all: true })).toEqual([null, [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]]);
    expect(await ask({})).toEqual([null, '127.0.0.1', 4]);
    expect(await ask({ family: 6 })).toEqual([null, '::1', 6]);
    const [error] = await new Promise<unknown[]>((resolve) => pinnedLookup(['127.0.0.1'])('x.test', { family: 6 }, (...args) => resolve(args)));
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('a delivery to a made-up name goes to the vetted loopback address, with the URL\'s Host header', async () => {
    const receiver = await startReceiver({ verifies: false });
    try {
      const port = new URL(receiver.url).port;
      const url = `http://hooks.pinned.test:${port}/webhooks`;
      let resolved = 0;
      const decision = await vetTarget(url, {
        allowPrivate: true,
        resolve: async () => {
          resolved++;
          return ['127.0.0.1'];
        },
      });
      expect(decision).toEqual({ verdict: 'allowed', addresses: ['127.0.0.1'] });
      const body = JSON.stringify({ id: 'evt_pinned' });
      // The system resolver does not know this name: only the pinned address can have been used.
      const result = await post(url, body, sign(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, 'evt_pinned', body), 5000, {}, decision.verdict === 'allowed' ? decision.addresses : []);
      expect(result).toMatchObject({ ok: true, status: 200, error: null, url });
      expect(resolved).toBe(1);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0].headers.host).toBe(`hooks.pinned.test:${port}`);
      expect(receiver.received[0].body).toBe(body);
    } finally {
      await receiver.stop();
    }
  });
});
