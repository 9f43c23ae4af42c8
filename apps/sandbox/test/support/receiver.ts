// A webhook receiver on a free loopback port, as an integrator writes one: it verifies each
// delivery (Standard Webhooks headers) with @expys/server-client's verifier, or with the
// reference `standardwebhooks` library, or not at all (to show what the test deliveries catch),
// deduplicates on the event id, and records everything it got.
import { verify } from '@expys/server-client';
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  eventId: string | undefined;
  /** The Standard Webhooks headers as received (webhook-id, webhook-timestamp, webhook-signature). */
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
  status: number;
}

export type Verifier = 'server-client' | 'standardwebhooks';

export interface Receiver {
  url: string;
  received: Received[];
  /** Events processed once each (deduplicated on id). */
  processed: Map<string, unknown>;
  /** The secret deliveries are verified with (set after createWebhook). */
  secret: string | undefined;
  /** Statuses to answer with, in order, before answering normally (e.g. [500]). */
  failNext: number[];
  /** TCP connections accepted (a refused delivery opens none). */
  connections: number;
  stop(): Promise<void>;
}

const rawBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/** Resolves true when `secret` proves the delivery, with either verifier. */
async function verified(with_: Verifier, body: string, headers: IncomingHttpHeaders, secret: string | undefined): Promise<boolean> {
  try {
    if (with_ === 'server-client') await verify(body, headers, secret ?? '');
    else new Webhook(secret ?? '').verify(body, headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

export async function startReceiver(options: { verifies: boolean; with?: Verifier } = { verifies: true }): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], processed: new Map(), secret: undefined, failNext: [], connections: 0, stop: async () => {} };
  const server = createServer(async (request, response) => {
    const body = await rawBody(request);
    const ok = options.verifies ? await verified(options.with ?? 'server-client', body, request.headers, receiver.secret) : false;
    let eventId: string | undefined;
    try {
      eventId = JSON.parse(body).id;
    } catch {
      eventId = undefined;
    }
    const forced = receiver.failNext.shift();
    const status = forced ?? (options.verifies && !ok ? 400 : 200);
    if (status === 200 && eventId && !receiver.processed.has(eventId)) receiver.processed.set(eventId, JSON.parse(body));
    receiver.received.push({ eventId, headers: request.headers, body, verified: ok, status });
    response.writeHead(status).end();
  });
  server.on('connection', () => receiver.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  receiver.stop = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

export async function until(condition: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
