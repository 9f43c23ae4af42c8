// What passes between the boundary, its hosts and the operation handler behind it.
import type { Credential } from './credentials.js';
import type { Route } from './routes.js';

/** Request headers by lower-case name, as Node (`IncomingHttpHeaders`) and the Fetch API give them. */
export type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

/** A request that passed every check, as the operation handler sees it. */
export interface OperationRequest {
  route: Route;
  method: string;
  /** The canonical (percent-decoded) path. */
  path: string;
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: HeaderBag;
  /** The parsed JSON body, when the operation takes one and it was sent. */
  body: unknown;
  credential: Credential;
  /** The tenant the host found in the URL (the sandbox's `/sandboxes/<id>`); undefined on a host with one tenant. */
  tenant?: string;
  /** Aborted when the client goes away or the handler's time is up. */
  signal: AbortSignal;
}

export interface OperationResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string or bytes. */
  body?: unknown;
}

export type OperationHandler = (request: OperationRequest) => Promise<OperationResponse>;

/** What a host writes back: a status, headers (lower-case names) and the body as bytes or text. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

export interface RequestLogEntry {
  method: string;
  /** Path and query as sent (without a tenant's prefix: see `tenant`). */
  url: string;
  /** The tenant the request was for, on a host with several (the sandbox's `/sandboxes/<id>`). */
  tenant?: string;
  status: number;
  /** Who answered: the gateway (a refusal or failure) or the operation handler. */
  answeredBy: 'gateway' | 'handler';
  operationId?: string;
  /** The problem code, when the gateway refused or failed the request. */
  code?: string;
  ms: number;
}
