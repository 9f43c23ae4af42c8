// Where the sandbox may send a webhook. A shared sandbox that POSTs to any URL its users give it is
// a reachability oracle (and a way in) for the network it runs in: loopback services, the cloud's
// metadata address (169.254.169.254), the office LAN. So by default a delivery goes only to public
// addresses. A host name is resolved first and EVERY address it resolves to is checked; the
// connection is then made to the checked addresses only (pinned: `pinnedLookup`), so a DNS answer
// that changes between the check and the connection (rebinding) cannot redirect it. The Host
// header and TLS SNI stay the URL's.
//
// Two ways out, for a developer's own machine: the configured forward target
// (--forward-webhooks / EXPYS_SANDBOX_FORWARD_WEBHOOKS) is always allowed, and
// --allow-private-webhook-targets (EXPYS_SANDBOX_ALLOW_PRIVATE_WEBHOOK_TARGETS=1) allows every
// address.
import { lookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP, isIPv4 } from 'node:net';

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  /** 100.64.0.0/10, carrier-grade NAT (RFC 6598). */
  | 'cgnat'
  /** 0.0.0.0/8 and ::; connecting to 0.0.0.0 reaches the local host on Linux. */
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  /** 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20. */
  | 'documentation'
  /** Any other special-purpose block (IANA registries): not a public host. */
  | 'reserved';

/** Resolves a host name to its addresses (all of them). Injectable for tests. */
export type Resolve = (hostname: string) => Promise<string[]>;

export const resolveWithDns: Resolve = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export interface TargetPolicy {
  /** Deliver to any address, private ones included (--allow-private-webhook-targets). */
  allowPrivate?: boolean;
  /** The configured forward target: always allowed, whatever its address. */
  forwardTo?: string;
  /** How host names are resolved (default: the system's resolver, node:dns lookup). */
  resolve?: Resolve;
  /** How long resolving may take (default 10 s). */
  resolveTimeoutMs?: number;
}

export type TargetDecision =
  /** Connect to these addresses only (the URL's own address when its host is an IP literal). */
  | { verdict: 'allowed'; addresses: string[] }
  /** Not sent, by policy: the reason says why and how to allow it. Nothing was connected to. */
  | { verdict: 'refused'; reason: string }
  /** Not sent: the URL is unusable or its host does not resolve. */
  | { verdict: 'unreachable'; reason: string };

export const ALLOW_PRIVATE_HINT =
  'the sandbox delivers webhooks only to public addresses; to deliver to your own machine, start it with --forward-webhooks <url> or --allow-private-webhook-targets (EXPYS_SANDBOX_ALLOW_PRIVATE_WEBHOOK_TARGETS=1)';

/**
 * The class of an IP address literal (IPv4 in dotted-quad form, IPv6 with or without brackets
 * and zone), or 'not-an-ip' for anything else (a host name, or an odd form such as `127.1`, which
 * `new URL()` normalises to `127.0.0.1` before it gets here). IPv6 addresses that embed an IPv4
 * one (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are classified by it.
 */
export function classifyAddress(literal: string): AddressClass | 'not-an-ip' {
  let text = literal.startsWith('[') && literal.endsWith(']') ? literal.slice(1, -1) : literal;
  const zone = text.indexOf('%');
  if (zone > 0 && isIP(text.slice(0, zone)) === 6) text = text.slice(0, zone);
  if (isIPv4(text)) return classifyIPv4(text.split('.').map(Number));
  if (isIP(text) === 6) return classifyIPv6(ipv6Words(text));
  return 'not-an-ip';
}

function classifyIPv4([a, b, c, d]: number[]): AddressClass {
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'cgnat';
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'documentation';
  // IETF protocol assignments, the old 6to4 relay anycast, benchmarking.
  if ((a === 192 && b === 0 && c === 0) || (a === 192 && b === 88 && c === 99) || (a === 198 && (b === 18 || b === 19))) return 'reserved';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a === 255 && b === 255 && c === 255 && d === 255) return 'broadcast';
  if (a >= 240) return 'reserved';
  return 'public';
}

/** The eight 16-bit words of a valid IPv6 literal (a trailing dotted quad included). */
function ipv6Words(text: string): number[] {
  let body = text.toLowerCase();
  const tail: number[] = [];
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (quad) {
    const [a, b, c, d] = quad[1].split('.').map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    body = body.slice(0, -quad[1].length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((w) => parseInt(w, 16)));
  const [head, rest] = body.includes('::') ? body.split('::') : [body, undefined];
  const front = parse(head);
  const back = [...(rest === undefined ? [] : parse(rest)), ...tail];
  return rest === undefined ? [...front, ...tail] : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
}

const embeddedIPv4 = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff];

function classifyIPv6(w: number[]): AddressClass {
  const zeros = (from: number, to: number) => w.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return 'unspecified';
  if (zeros(0, 7) && w[7] === 1) return 'loopback';
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-translated ::ffff:0:a.b.c.d: the IPv4 address is the one reached.
  if (zeros(0, 5) && w[5] === 0xffff) return classifyIPv4(embeddedIPv4(w[6], w[7]));
  if (zeros(0, 4) && w[4] === 0xffff && w[5] === 0) return classifyIPv4(embeddedIPv4(w[6], w[7]));
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) lead to their embedded IPv4 address.
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(2, 6)) return classifyIPv4(embeddedIPv4(w[6], w[7]));
  if (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 1) return 'private'; // local-use NAT64 (RFC 8215)
  if (w[0] === 0x2002) return classifyIPv4(embeddedIPv4(w[1], w[2]));
  if ((w[0] & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((w[0] & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((w[0] & 0xffc0) === 0xfec0) return 'private'; // site-local fec0::/10 (deprecated)
  if ((w[0] & 0xff00) === 0xff00) return 'multicast';
  if (w[0] === 0x2001 && w[1] === 0x0db8) return 'documentation';
  if (w[0] === 0x3fff && (w[1] & 0xf000) === 0) return 'documentation'; // 3fff::/20
  // IETF protocol assignments (2001::/23: Teredo, benchmarking, ORCHID…).
  if (w[0] === 0x2001 && w[1] < 0x0200) return 'reserved';
  // Global unicast is 2000::/3; everything else (IPv4-compatible ::a.b.c.d, discard 100::/64…) is not public.
  if ((w[0] & 0xe000) !== 0x2000) return 'reserved';
  return 'public';
}

/** The URL's host as an address literal or a name, without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

const sameUrl = (a: string, b: string | undefined) => {
  if (b === undefined) return false;
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
};

/**
 * Decides whether a webhook may be sent to `target`, before any connection: parses the URL (odd
 * IPv4 forms are normalised by it), resolves a host name with `policy.resolve` and checks every
 * address. An allowed decision carries the addresses to connect to: connect to those only.
 */
export async function vetTarget(target: string, policy: TargetPolicy = {}): Promise<TargetDecision> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { verdict: 'unreachable', reason: `not a URL: ${JSON.stringify(target)}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { verdict: 'unreachable', reason: `not an http(s) URL: ${url.protocol}` };
  const host = hostOf(url);
  const open = policy.allowPrivate === true || sameUrl(target, policy.forwardTo);

  const literal = classifyAddress(host);
  if (literal !== 'not-an-ip') {
    if (literal !== 'public' && !open) return { verdict: 'refused', reason: `refused: ${host} is ${article(literal)} ${literal} address; ${ALLOW_PRIVATE_HINT}` };
    return { verdict: 'allowed', addresses: [host] };
  }

  let addresses: string[];
  try {
    addresses = await withTimeout((policy.resolve ?? resolveWithDns)(host), policy.resolveTimeoutMs ?? 10_000, `resolving ${host} took too long`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { verdict: 'unreachable', reason: `could not resolve ${host}: ${code ?? (error as Error).message}` };
  }
  if (addresses.length === 0) return { verdict: 'unreachable', reason: `could not resolve ${host}: no address` };
  const classes = addresses.map((address) => classifyAddress(address));
  const bad = classes.find((c) => c !== 'public');
  if (bad !== undefined && !open) {
    // The class, not the address: a shared sandbox should not tell its users what internal names resolve to.
    const what = bad === 'not-an-ip' ? 'something that is not an IP address' : `${article(bad)} ${bad} address`;
    return { verdict: 'refused', reason: `refused: ${host} resolves to ${what}; ${ALLOW_PRIVATE_HINT}` };
  }
  return { verdict: 'allowed', addresses: addresses.filter((_, i) => classes[i] !== 'not-an-ip') };
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request / net.connect that answers only with the vetted addresses: the
 * connection goes where the check looked, whatever DNS says by then.
 */
export function pinnedLookup(addresses: string[]): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  const vetted = addresses.map((address) => ({ address, family: isIP(address) }));
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
    const list = vetted.filter((a) => family === 0 || a.family === family);
    if (list.length === 0) {
      const error: NodeJS.ErrnoException = Object.assign(new Error(`no vetted IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' });
      return process.nextTick(callback, error, '', 0);
    }
    if (options.all) process.nextTick(callback, null, list);
    else process.nextTick(callback, null, list[0].address, list[0].family);
  };
}
