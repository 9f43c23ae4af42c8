// The shape of src/generated/{member,server}.ts: what one audience bundle documents, as data.

/** One documented answer (a status of an operation). */
export interface AnswerSpec {
  contentType?: string;
  /** Header examples from the spec (Request-Id, RateLimit-*, …), by the spec's header name. */
  headers: Record<string, string>;
  /** Named examples in the spec's order (`default` for a media type's single `example`). */
  examples: Record<string, unknown>;
  /** The schema's own example: served ahead of the named ones for a status asked for (Prefer: code=), as the mock does. */
  schemaExample?: unknown;
}

/** A JSON Schema (2020-12, OpenAPI 3.1's dialect) from the bundle, annotations pruned. */
export type JsonSchema = Record<string, unknown> | boolean;

/** One request parameter, as the gateway validates it. */
export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface OperationSpec<Id extends string> {
  operationId: Id;
  method: 'get' | 'put' | 'post' | 'delete' | 'patch';
  /** The path template as the spec writes it, e.g. `/v1/offers/{offerId}`. */
  path: string;
  mode: 'member' | 'server';
  /** The operation's security requirements as the spec writes them (scheme → scopes). */
  security: Record<string, string[]>[];
  scopes: string[];
  isPublic: boolean;
  /** The lowest documented 2xx: what the mock answers by default. */
  successStatus: number;
  /** A cursor list's example with `hasMore: false`, served for next-page requests. */
  lastPageExample?: string;
  /** By status code. */
  answers: Record<string, AnswerSpec>;
  /** Path-item and operation parameters (the operation's win), in the gateway's order. */
  parameters: ParameterSpec[];
  /** The operation documents a request body: a body sent to any other operation is refused (400). */
  acceptsBody: boolean;
  /** The `application/json` request body's schema, when it has one. */
  body?: { required: boolean; schema: JsonSchema };
}

export interface DocumentedProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}

/** The sample credentials' fixed meanings (@expys/gateway's KnownCredentials) and their values for tests. */
export interface CredentialTable {
  /** Revoked Org-API-Keys and API keys (401 invalid_api_key). */
  revokedKeys: readonly string[];
  /** Member token → the expiry it reports (401 token_expired). */
  expiredTokens: Record<string, string>;
  /** API key → its scopes. */
  apiKeys: Record<string, readonly string[]>;
  /** The scopes of any other well-formed test_sk_ API key (every scope). */
  defaultApiKeyScopes: readonly string[];
  /** API key → the expiry it reports (401 api_key_expired). */
  expiredApiKeys: Record<string, string>;
  /** App ID → App Secret: the Basic pairs accepted (the server audience's sample application). */
  apps: Record<string, string>;
  /** The mock's sample credentials for this audience, for tests to use. */
  samples: Record<string, string>;
}

export interface AudienceTable<Id extends string> {
  audience: 'member' | 'server';
  sandboxUrl: string;
  productionUrl: string;
  operations: OperationSpec<Id>[];
  /** The problem+json examples the bundle documents, by `code`. */
  problems: Record<string, DocumentedProblem>;
  /**
   * The parts of the bundle the request schemas `$ref` (`#/components/schemas/…`), at the same
   * JSON pointers, so those references resolve against it: request validation needs nothing else.
   */
  schemaDocument: Record<string, unknown>;
  /** The audience's security scheme definitions (the boundary tells HTTP Basic from bearer schemes by them). */
  securitySchemes: Record<string, unknown>;
  credentials: CredentialTable;
}
