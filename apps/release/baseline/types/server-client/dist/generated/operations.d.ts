import type { ApiPromise, PagePromise, RequestOptions } from "@expys/client-core";
import type { paths } from "./schema.js";
/** What the shared runtime needs to call each operation; one client method per entry. */
export declare const operationTable: {
    readonly exchangeToken: {
        readonly method: "POST";
        readonly path: "/v1/auth/exchange";
        readonly pathParams: readonly [];
        readonly hasBody: true;
        readonly hasQuery: false;
        readonly idempotent: true;
        readonly paginated: false;
    };
    readonly creditPoints: {
        readonly method: "POST";
        readonly path: "/v1/points/credit";
        readonly pathParams: readonly [];
        readonly hasBody: true;
        readonly hasQuery: false;
        readonly idempotent: true;
        readonly paginated: false;
    };
    readonly getMember: {
        readonly method: "GET";
        readonly path: "/v1/members/{externalUserID}";
        readonly pathParams: readonly ["externalUserID"];
        readonly hasBody: false;
        readonly hasQuery: false;
        readonly idempotent: false;
        readonly paginated: false;
    };
    readonly setMember: {
        readonly method: "PUT";
        readonly path: "/v1/members/{externalUserID}";
        readonly pathParams: readonly ["externalUserID"];
        readonly hasBody: true;
        readonly hasQuery: false;
        readonly idempotent: false;
        readonly paginated: false;
    };
    readonly removeMember: {
        readonly method: "DELETE";
        readonly path: "/v1/members/{externalUserID}";
        readonly pathParams: readonly ["externalUserID"];
        readonly hasBody: false;
        readonly hasQuery: false;
        readonly idempotent: false;
        readonly paginated: false;
    };
    readonly analyticsSummary: {
        readonly method: "GET";
        readonly path: "/v1/analytics/summary";
        readonly pathParams: readonly [];
        readonly hasBody: false;
        readonly hasQuery: true;
        readonly idempotent: false;
        readonly paginated: false;
    };
    readonly analyticsOffers: {
        readonly method: "GET";
        readonly path: "/v1/analytics/offers";
        readonly pathParams: readonly [];
        readonly hasBody: false;
        readonly hasQuery: true;
        readonly idempotent: false;
        readonly paginated: true;
    };
    readonly analyticsTimeseries: {
        readonly method: "GET";
        readonly path: "/v1/analytics/timeseries";
        readonly pathParams: readonly [];
        readonly hasBody: false;
        readonly hasQuery: true;
        readonly idempotent: false;
        readonly paginated: false;
    };
    readonly listWebhooks: {
        readonly method: "GET";
        readonly path: "/v1/webhooks";
        readonly pathParams: readonly [];
        readonly hasBody: false;
        readonly hasQuery: true;
        readonly idempotent: false;
        readonly paginated: true;
    };
    readonly createWebhook: {
        readonly method: "POST";
        readonly path: "/v1/webhooks";
        readonly pathParams: readonly [];
        readonly hasBody: true;
        readonly hasQuery: false;
        readonly idempotent: true;
        readonly paginated: false;
    };
    readonly deleteWebhook: {
        readonly method: "DELETE";
        readonly path: "/v1/webhooks/{webhookId}";
        readonly pathParams: readonly ["webhookId"];
        readonly hasBody: false;
        readonly hasQuery: false;
        readonly idempotent: false;
        readonly paginated: false;
    };
};
/** Default baseUrl and credential prefixes per environment, from the spec's `servers`. */
export declare const environmentTable: {
    readonly production: {
        readonly baseUrl: "https://api.expys.com";
        readonly keyPrefix: "expys_live_";
        readonly memberTokenPrefix: "mt_live_";
        readonly live: true;
    };
    readonly sandbox: {
        readonly baseUrl: "https://sandbox.api.expys.com";
        readonly keyPrefix: "expys_test_";
        readonly memberTokenPrefix: "mt_test_";
        readonly live: false;
    };
};
export type Environment = keyof typeof environmentTable;
/** Sent as `Expys-Client` with every request, so the API can tell client versions apart. */
export declare const clientIdentity: string;
export type ExchangeTokenBody = NonNullable<paths["/v1/auth/exchange"]["post"]["requestBody"]>["content"]["application/json"];
export type ExchangeTokenResult = paths["/v1/auth/exchange"]["post"]["responses"][200]["content"]["application/json"];
export type CreditPointsBody = NonNullable<paths["/v1/points/credit"]["post"]["requestBody"]>["content"]["application/json"];
export type CreditPointsResult = paths["/v1/points/credit"]["post"]["responses"][200]["content"]["application/json"];
export type GetMemberPath = paths["/v1/members/{externalUserID}"]["get"]["parameters"]["path"];
export type GetMemberResult = paths["/v1/members/{externalUserID}"]["get"]["responses"][200]["content"]["application/json"];
export type SetMemberPath = paths["/v1/members/{externalUserID}"]["put"]["parameters"]["path"];
export type SetMemberBody = NonNullable<paths["/v1/members/{externalUserID}"]["put"]["requestBody"]>["content"]["application/json"];
export type SetMemberResult = paths["/v1/members/{externalUserID}"]["put"]["responses"][200]["content"]["application/json"];
export type RemoveMemberPath = paths["/v1/members/{externalUserID}"]["delete"]["parameters"]["path"];
export type RemoveMemberResult = void;
export type AnalyticsSummaryQuery = NonNullable<paths["/v1/analytics/summary"]["get"]["parameters"]["query"]>;
export type AnalyticsSummaryResult = paths["/v1/analytics/summary"]["get"]["responses"][200]["content"]["application/json"];
export type AnalyticsOffersQuery = NonNullable<paths["/v1/analytics/offers"]["get"]["parameters"]["query"]>;
export type AnalyticsOffersResult = paths["/v1/analytics/offers"]["get"]["responses"][200]["content"]["application/json"];
export type AnalyticsTimeseriesQuery = NonNullable<paths["/v1/analytics/timeseries"]["get"]["parameters"]["query"]>;
export type AnalyticsTimeseriesResult = paths["/v1/analytics/timeseries"]["get"]["responses"][200]["content"]["application/json"];
export type ListWebhooksQuery = NonNullable<paths["/v1/webhooks"]["get"]["parameters"]["query"]>;
export type ListWebhooksResult = paths["/v1/webhooks"]["get"]["responses"][200]["content"]["application/json"];
export type CreateWebhookBody = NonNullable<paths["/v1/webhooks"]["post"]["requestBody"]>["content"]["application/json"];
export type CreateWebhookResult = paths["/v1/webhooks"]["post"]["responses"][201]["content"]["application/json"];
export type DeleteWebhookPath = paths["/v1/webhooks/{webhookId}"]["delete"]["parameters"]["path"];
export type DeleteWebhookResult = void;
/**
 * One method per operation, named by its operationId:
 * `(...path parameters in template order, body | query, options?)`.
 */
export interface Methods {
    /**
     * Mint a member token
     *
     * Mints a short-lived member token for one member, so the app can call member operations
     * without ever holding the Org-API-Key. Call it from your backend after you have
     * authenticated the user in your own system, then hand `token` and `expiresAt` to the app.
     * The token expires 15 minutes after minting; the app asks your backend for a new one before
     * `expiresAt` or when it gets 401 `token_expired`. The member must exist (create it with
     * setMember), otherwise the answer is 404.
     *
     * Idempotent: a retry with the same `Idempotency-Key` within 24 h replays the first result
     * (the same token) instead of minting again.
     *
     * Server mode: backend only, with the Org-API-Key (scope `tokens:write`). A member token gets
     * 403 `member_token_not_allowed`.
     *
     * `POST /v1/auth/exchange` · Server mode (backend only): orgApiKey with scope `tokens:write`.
     * Idempotent: sends an Idempotency-Key (yours or a generated one), reused on every retry.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: The credential is valid but may not call this server operation.
     * @throws {NotFoundError} 404: No member has this `externalUserID` in the org (`not_found`).
     * @throws {ConflictError} 409: The `Idempotency-Key` was already used within the last 24 h with a different request body (`idempotency_conflict`).
     * @throws {ApiError} 413: The request body is over the size limit (`payload_too_large`, 1 MiB).
     * @throws {ApiError} 415: The body is not JSON this operation reads (`unsupported_media_type`): send `Content-Type: application/json` (UTF-8, or UTF-16 with its charset).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    exchangeToken(body: ExchangeTokenBody, options?: RequestOptions): ApiPromise<ExchangeTokenResult>;
    /**
     * Credit points to a member
     *
     * Adds `amount` points (1–1,000,000) to a member's balance, with a `reason` shown in the
     * member's wallet history. Returns the new `balance` and the org's `currency`. A
     * `points.credited` webhook is sent. Answers 404 when no member has this `externalUserID`.
     *
     * Idempotent: always send an `Idempotency-Key` (for example your order id). A retry with the
     * same key within 24 h replays the first result instead of crediting again; the same key with
     * a different body gets 409 `idempotency_conflict`.
     *
     * Server mode: backend only, with the Org-API-Key (scope `points:write`). A member token gets
     * 403 `member_token_not_allowed`.
     *
     * `POST /v1/points/credit` · Server mode (backend only): orgApiKey with scope `points:write`.
     * Idempotent: sends an Idempotency-Key (yours or a generated one), reused on every retry.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: The credential is valid but may not call this server operation.
     * @throws {NotFoundError} 404: No member has this `externalUserID` in the org (`not_found`).
     * @throws {ConflictError} 409: The `Idempotency-Key` was already used within the last 24 h with a different request body (`idempotency_conflict`).
     * @throws {ApiError} 413: The request body is over the size limit (`payload_too_large`, 1 MiB).
     * @throws {ApiError} 415: The body is not JSON this operation reads (`unsupported_media_type`): send `Content-Type: application/json` (UTF-8, or UTF-16 with its charset).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    creditPoints(body: CreditPointsBody, options?: RequestOptions): ApiPromise<CreditPointsResult>;
    /**
     * Get a member
     *
     * Returns the member with this `externalUserID`, with tier and points balance. Answers 404
     * when no such member exists.
     *
     * Server mode: backend only, with the Org-API-Key (scope `members:read`). A member token gets
     * 403 `member_token_not_allowed`; the app reads its own member through getWallet.
     *
     * `GET /v1/members/{externalUserID}` · Server mode (backend only): orgApiKey with scope `members:read`.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: The credential is valid but may not call this server operation.
     * @throws {NotFoundError} 404: No member has this `externalUserID` in the org (`not_found`).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    getMember(externalUserID: GetMemberPath["externalUserID"], options?: RequestOptions): ApiPromise<GetMemberResult>;
    /**
     * Create or replace a member
     *
     * Creates the member with this `externalUserID`, or replaces its `displayName` and `tier` if
     * it exists. A new member starts with a balance of 0. A `member.updated` webhook is sent.
     * Idempotent by HTTP semantics: sending the same request again leaves the same state, so it
     * can be retried without an Idempotency-Key.
     *
     * Server mode: backend only, with the Org-API-Key (scope `members:write`). A member token gets
     * 403 `member_token_not_allowed`.
     *
     * `PUT /v1/members/{externalUserID}` · Server mode (backend only): orgApiKey with scope `members:write`.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: The credential is valid but may not call this server operation.
     * @throws {ApiError} 413: The request body is over the size limit (`payload_too_large`, 1 MiB).
     * @throws {ApiError} 415: The body is not JSON this operation reads (`unsupported_media_type`): send `Content-Type: application/json` (UTF-8, or UTF-16 with its charset).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    setMember(externalUserID: SetMemberPath["externalUserID"], body: SetMemberBody, options?: RequestOptions): ApiPromise<SetMemberResult>;
    /**
     * Remove a member
     *
     * Removes the member with this `externalUserID` from the org. A `member.removed` webhook is
     * sent. Answers 404 when no such member exists (so a retry after a successful removal gets
     * 404, which you can treat as done).
     *
     * Server mode: backend only, with the Org-API-Key (scope `members:write`). A member token gets
     * 403 `member_token_not_allowed`.
     *
     * `DELETE /v1/members/{externalUserID}` · Server mode (backend only): orgApiKey with scope `members:write`.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: The credential is valid but may not call this server operation.
     * @throws {NotFoundError} 404: No member has this `externalUserID` in the org (`not_found`).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    removeMember(externalUserID: RemoveMemberPath["externalUserID"], options?: RequestOptions): ApiPromise<RemoveMemberResult>;
    /**
     * Get org-wide totals
     *
     * Returns org-wide totals over a date range: members, active members, points minted and
     * redeemed, and redemptions. The range is `from`–`to` in UTC, both inclusive; by default the
     * last 30 days up to today. A `from` later than `to`, a range longer than 366 days or a
     * malformed date gets 422.
     *
     * Server mode: backend only, with the Org-API-Key (scope `analytics:read`). A member token
     * gets 403 `member_token_not_allowed`.
     *
     * `GET /v1/analytics/summary` · Server mode (backend only): orgApiKey with scope `analytics:read`.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: The credential is valid but may not call this server operation.
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    analyticsSummary(query?: AnalyticsSummaryQuery, options?: RequestOptions): ApiPromise<AnalyticsSummaryResult>;
    /**
     * List per-offer analytics
     *
     * Lists how each offer performs (redemptions, points spent, conversion rate), most redeemed
     * first, one page at a time. To page, send the `nextCursor` of the previous page as `cursor`
     * while `hasMore` is `true`.
     *
     * Server mode: backend only, with the Org-API-Key (scope `analytics:read`). A member token
     * gets 403 `member_token_not_allowed`.
     *
     * `GET /v1/analytics/offers` · Server mode (backend only): orgApiKey with scope `analytics:read`.
     * Paginated: `await` it for the first page, or `for await` over every item of every page.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: The credential is valid but may not call this server operation.
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    analyticsOffers(query?: AnalyticsOffersQuery, options?: RequestOptions): PagePromise<AnalyticsOffersResult>;
    /**
     * Get a metric over time
     *
     * Returns one metric bucketed by `interval` (day, week or month, in UTC) over the range
     * `from`–`to` (default: the last 30 days up to today), oldest bucket first, including empty
     * buckets with value 0. A missing or unknown `metric`, an unknown `interval`, a `from` later
     * than `to` or a range longer than 366 days gets 422.
     *
     * Server mode: backend only, with the Org-API-Key (scope `analytics:read`). A member token
     * gets 403 `member_token_not_allowed`.
     *
     * `GET /v1/analytics/timeseries` · Server mode (backend only): orgApiKey with scope `analytics:read`.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: The credential is valid but may not call this server operation.
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    analyticsTimeseries(query: AnalyticsTimeseriesQuery, options?: RequestOptions): ApiPromise<AnalyticsTimeseriesResult>;
    /**
     * List webhook endpoints
     *
     * Lists the org's webhook endpoints, newest first, one page at a time. Signing secrets are not
     * included. To page, send the `nextCursor` of the previous page as `cursor` while `hasMore` is
     * `true`.
     *
     * Server mode: backend only, with the Org-API-Key (scope `webhooks:read`). A member token gets
     * 403 `member_token_not_allowed`.
     *
     * `GET /v1/webhooks` · Server mode (backend only): orgApiKey with scope `webhooks:read`.
     * Paginated: `await` it for the first page, or `for await` over every item of every page.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: The credential is valid but may not call this server operation.
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    listWebhooks(query?: ListWebhooksQuery, options?: RequestOptions): PagePromise<ListWebhooksResult>;
    /**
     * Create a webhook endpoint
     *
     * Registers an HTTPS endpoint of your backend to receive the listed events. The response
     * holds `signingSecret` (`whsec_…`, a Standard Webhooks secret): it is shown only in this
     * response, so store it now as a backend secret; you need it to verify the `webhook-signature`
     * header of every delivery. If it is lost, delete the endpoint and create a new one.
     *
     * Idempotent: a retry with the same `Idempotency-Key` within 24 h replays the first result
     * (the same endpoint and secret) instead of creating a second endpoint.
     *
     * Server mode: backend only, with the Org-API-Key (scope `webhooks:write`). A member token
     * gets 403 `member_token_not_allowed`.
     *
     * `POST /v1/webhooks` · Server mode (backend only): orgApiKey with scope `webhooks:write`.
     * Idempotent: sends an Idempotency-Key (yours or a generated one), reused on every retry.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: The credential is valid but may not call this server operation.
     * @throws {ConflictError} 409: The `Idempotency-Key` was already used within the last 24 h with a different request body (`idempotency_conflict`).
     * @throws {ApiError} 413: The request body is over the size limit (`payload_too_large`, 1 MiB).
     * @throws {ApiError} 415: The body is not JSON this operation reads (`unsupported_media_type`): send `Content-Type: application/json` (UTF-8, or UTF-16 with its charset).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    createWebhook(body: CreateWebhookBody, options?: RequestOptions): ApiPromise<CreateWebhookResult>;
    /**
     * Delete a webhook endpoint
     *
     * Deletes the endpoint; no further events are delivered to it and its signing secret stops
     * being used. Answers 404 when no such endpoint exists (so a retry after a successful delete
     * gets 404, which you can treat as done).
     *
     * Server mode: backend only, with the Org-API-Key (scope `webhooks:write`). A member token
     * gets 403 `member_token_not_allowed`.
     *
     * `DELETE /v1/webhooks/{webhookId}` · Server mode (backend only): orgApiKey with scope `webhooks:write`.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: The credential is valid but may not call this server operation.
     * @throws {NotFoundError} 404: The resource named in the path or body does not exist, was removed, or is not visible to this credential (`not_found`).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    deleteWebhook(webhookId: DeleteWebhookPath["webhookId"], options?: RequestOptions): ApiPromise<DeleteWebhookResult>;
}
