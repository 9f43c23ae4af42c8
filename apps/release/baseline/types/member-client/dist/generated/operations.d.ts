import type { ApiPromise, PagePromise, RequestOptions } from "@expys/client-core";
import type { paths } from "./schema.js";
/** What the shared runtime needs to call each operation; one client method per entry. */
export declare const operationTable: {
    readonly listOffers: {
        readonly method: "GET";
        readonly path: "/v1/offers";
        readonly pathParams: readonly [];
        readonly hasBody: false;
        readonly hasQuery: true;
        readonly idempotent: false;
        readonly paginated: true;
    };
    readonly getOffer: {
        readonly method: "GET";
        readonly path: "/v1/offers/{offerId}";
        readonly pathParams: readonly ["offerId"];
        readonly hasBody: false;
        readonly hasQuery: false;
        readonly idempotent: false;
        readonly paginated: false;
    };
    readonly checkEligibility: {
        readonly method: "GET";
        readonly path: "/v1/offers/{offerId}/eligibility";
        readonly pathParams: readonly ["offerId"];
        readonly hasBody: false;
        readonly hasQuery: false;
        readonly idempotent: false;
        readonly paginated: false;
    };
    readonly listRedemptions: {
        readonly method: "GET";
        readonly path: "/v1/redemptions";
        readonly pathParams: readonly [];
        readonly hasBody: false;
        readonly hasQuery: true;
        readonly idempotent: false;
        readonly paginated: true;
    };
    readonly createRedemption: {
        readonly method: "POST";
        readonly path: "/v1/redemptions";
        readonly pathParams: readonly [];
        readonly hasBody: true;
        readonly hasQuery: false;
        readonly idempotent: true;
        readonly paginated: false;
    };
    readonly getRedemption: {
        readonly method: "GET";
        readonly path: "/v1/redemptions/{redemptionId}";
        readonly pathParams: readonly ["redemptionId"];
        readonly hasBody: false;
        readonly hasQuery: false;
        readonly idempotent: false;
        readonly paginated: false;
    };
    readonly getWallet: {
        readonly method: "GET";
        readonly path: "/v1/wallet";
        readonly pathParams: readonly [];
        readonly hasBody: false;
        readonly hasQuery: false;
        readonly idempotent: false;
        readonly paginated: false;
    };
    readonly listWalletTransactions: {
        readonly method: "GET";
        readonly path: "/v1/wallet/transactions";
        readonly pathParams: readonly [];
        readonly hasBody: false;
        readonly hasQuery: true;
        readonly idempotent: false;
        readonly paginated: true;
    };
    readonly concierge: {
        readonly method: "POST";
        readonly path: "/v1/concierge";
        readonly pathParams: readonly [];
        readonly hasBody: true;
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
export type ListOffersQuery = NonNullable<paths["/v1/offers"]["get"]["parameters"]["query"]>;
export type ListOffersResult = paths["/v1/offers"]["get"]["responses"][200]["content"]["application/json"];
export type GetOfferPath = paths["/v1/offers/{offerId}"]["get"]["parameters"]["path"];
export type GetOfferResult = paths["/v1/offers/{offerId}"]["get"]["responses"][200]["content"]["application/json"];
export type CheckEligibilityPath = paths["/v1/offers/{offerId}/eligibility"]["get"]["parameters"]["path"];
export type CheckEligibilityResult = paths["/v1/offers/{offerId}/eligibility"]["get"]["responses"][200]["content"]["application/json"];
export type ListRedemptionsQuery = NonNullable<paths["/v1/redemptions"]["get"]["parameters"]["query"]>;
export type ListRedemptionsResult = paths["/v1/redemptions"]["get"]["responses"][200]["content"]["application/json"];
export type CreateRedemptionBody = NonNullable<paths["/v1/redemptions"]["post"]["requestBody"]>["content"]["application/json"];
export type CreateRedemptionResult = paths["/v1/redemptions"]["post"]["responses"][201]["content"]["application/json"];
export type GetRedemptionPath = paths["/v1/redemptions/{redemptionId}"]["get"]["parameters"]["path"];
export type GetRedemptionResult = paths["/v1/redemptions/{redemptionId}"]["get"]["responses"][200]["content"]["application/json"];
export type GetWalletResult = paths["/v1/wallet"]["get"]["responses"][200]["content"]["application/json"];
export type ListWalletTransactionsQuery = NonNullable<paths["/v1/wallet/transactions"]["get"]["parameters"]["query"]>;
export type ListWalletTransactionsResult = paths["/v1/wallet/transactions"]["get"]["responses"][200]["content"]["application/json"];
export type ConciergeBody = NonNullable<paths["/v1/concierge"]["post"]["requestBody"]>["content"]["application/json"];
export type ConciergeResult = paths["/v1/concierge"]["post"]["responses"][200]["content"]["application/json"];
/**
 * One method per operation, named by its operationId:
 * `(...path parameters in template order, body | query, options?)`.
 */
export interface Methods {
    /**
     * List offers
     *
     * Lists the offers the member can see, one page at a time, in display order. Pass
     * `category` to show one kind of reward. To page, send the `nextCursor` of the previous page
     * as `cursor` while `hasMore` is `true`. To know whether the member can redeem a given offer
     * now, call checkEligibility.
     *
     * Member mode: call it from the app with the member token.
     *
     * `GET /v1/offers` · Member mode: memberToken.
     * Paginated: `await` it for the first page, or `for await` over every item of every page.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: An Org-API-Key was sent to a member operation (`org_api_key_not_allowed`).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    listOffers(query?: ListOffersQuery, options?: RequestOptions): PagePromise<ListOffersResult>;
    /**
     * Get an offer
     *
     * Returns one offer by its id, for a detail screen. Answers 404 when the offer does not exist
     * or is not visible to the member.
     *
     * Member mode: call it from the app with the member token.
     *
     * `GET /v1/offers/{offerId}` · Member mode: memberToken.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: An Org-API-Key was sent to a member operation (`org_api_key_not_allowed`).
     * @throws {NotFoundError} 404: The resource named in the path or body does not exist, was removed, or is not visible to this credential (`not_found`).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    getOffer(offerId: GetOfferPath["offerId"], options?: RequestOptions): ApiPromise<GetOfferResult>;
    /**
     * Check whether the member can redeem an offer
     *
     * Tells whether createRedemption would succeed for this offer right now, and if not, every
     * reason (`insufficient_points`, `tier_too_low`, `offer_expired`) with a message you can show.
     * Use it to enable or disable the redeem button; the result can change as the balance changes.
     *
     * Member mode: call it from the app with the member token.
     *
     * `GET /v1/offers/{offerId}/eligibility` · Member mode: memberToken.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: An Org-API-Key was sent to a member operation (`org_api_key_not_allowed`).
     * @throws {NotFoundError} 404: The resource named in the path or body does not exist, was removed, or is not visible to this credential (`not_found`).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    checkEligibility(offerId: CheckEligibilityPath["offerId"], options?: RequestOptions): ApiPromise<CheckEligibilityResult>;
    /**
     * List the member's redemptions
     *
     * Lists the member's redemptions, newest first, one page at a time. To page, send the
     * `nextCursor` of the previous page as `cursor` while `hasMore` is `true`.
     *
     * Member mode: call it from the app with the member token.
     *
     * `GET /v1/redemptions` · Member mode: memberToken.
     * Paginated: `await` it for the first page, or `for await` over every item of every page.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: An Org-API-Key was sent to a member operation (`org_api_key_not_allowed`).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    listRedemptions(query?: ListRedemptionsQuery, options?: RequestOptions): PagePromise<ListRedemptionsResult>;
    /**
     * Redeem an offer
     *
     * Redeems an offer for the member: the offer's `pointsCost` is deducted from the balance at
     * once and a redemption is returned (`pending` until the voucher is issued, then `fulfilled`
     * with a `voucherCode`; poll getRedemption). A `redemption.created` webhook is sent to your
     * backend.
     *
     * Idempotent: send an `Idempotency-Key`. A retry with the same key within 24 h replays the
     * first result instead of redeeming (and charging) again, so retry timeouts with the same
     * key. If the member cannot redeem, the answer is 422 with `insufficient_points` or
     * `not_eligible` and nothing is deducted; call checkEligibility first to show why.
     *
     * Member mode: call it from the app with the member token.
     *
     * `POST /v1/redemptions` · Member mode: memberToken.
     * Idempotent: sends an Idempotency-Key (yours or a generated one), reused on every retry.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: An Org-API-Key was sent to a member operation (`org_api_key_not_allowed`).
     * @throws {NotFoundError} 404: The resource named in the path or body does not exist, was removed, or is not visible to this credential (`not_found`).
     * @throws {ConflictError} 409: The `Idempotency-Key` was already used within the last 24 h with a different request body (`idempotency_conflict`).
     * @throws {ApiError} 413: The request body is over the size limit (`payload_too_large`, 1 MiB).
     * @throws {ApiError} 415: The body is not JSON this operation reads (`unsupported_media_type`): send `Content-Type: application/json` (UTF-8, or UTF-16 with its charset).
     * @throws {ValidationError} 422: The redemption was not made and no points were deducted.
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    createRedemption(body: CreateRedemptionBody, options?: RequestOptions): ApiPromise<CreateRedemptionResult>;
    /**
     * Get a redemption
     *
     * Returns one of the member's redemptions. Poll it after createRedemption until `status` is
     * `fulfilled` to show the `voucherCode`. Answers 404 when the redemption does not exist or
     * belongs to another member.
     *
     * Member mode: call it from the app with the member token.
     *
     * `GET /v1/redemptions/{redemptionId}` · Member mode: memberToken.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: An Org-API-Key was sent to a member operation (`org_api_key_not_allowed`).
     * @throws {NotFoundError} 404: The resource named in the path or body does not exist, was removed, or is not visible to this credential (`not_found`).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    getRedemption(redemptionId: GetRedemptionPath["redemptionId"], options?: RequestOptions): ApiPromise<GetRedemptionResult>;
    /**
     * Get the member's wallet
     *
     * Returns the member's points balance, the org's loyalty currency (show amounts with its
     * `symbol`) and the member's tier.
     *
     * Member mode: call it from the app with the member token.
     *
     * `GET /v1/wallet` · Member mode: memberToken.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: An Org-API-Key was sent to a member operation (`org_api_key_not_allowed`).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    getWallet(options?: RequestOptions): ApiPromise<GetWalletResult>;
    /**
     * List the member's wallet transactions
     *
     * Lists the changes to the member's balance (credits and redemptions), newest first, one
     * page at a time. To page, send the `nextCursor` of the previous page as `cursor` while
     * `hasMore` is `true`.
     *
     * Member mode: call it from the app with the member token.
     *
     * `GET /v1/wallet/transactions` · Member mode: memberToken.
     * Paginated: `await` it for the first page, or `for await` over every item of every page.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: An Org-API-Key was sent to a member operation (`org_api_key_not_allowed`).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    listWalletTransactions(query?: ListWalletTransactionsQuery, options?: RequestOptions): PagePromise<ListWalletTransactionsResult>;
    /**
     * Ask the concierge
     *
     * Sends the member's message to the concierge assistant and returns its reply, with the
     * offers it recommends (render them like listOffers items). Each call produces a new reply,
     * so it is not idempotent: do not retry automatically after a timeout, let the member resend.
     *
     * Member mode: call it from the app with the member token.
     *
     * `POST /v1/concierge` · Member mode: memberToken.
     * `.withResponse()` also gives the HTTP response, its `requestId` and the `rateLimit` figures.
     * @throws {ValidationError} 400: The request cannot be read (`bad_request`): a body sent to an operation that takes none, a body that did not arrive in time, or a malformed request line or header.
     * @throws {AuthenticationError} 401: The credential is missing, malformed, expired, revoked, or for the other environment.
     * @throws {PermissionError} 403: An Org-API-Key was sent to a member operation (`org_api_key_not_allowed`).
     * @throws {ApiError} 413: The request body is over the size limit (`payload_too_large`, 1 MiB).
     * @throws {ApiError} 415: The body is not JSON this operation reads (`unsupported_media_type`): send `Content-Type: application/json` (UTF-8, or UTF-16 with its charset).
     * @throws {ValidationError} 422: The request failed validation (`validation_failed`): a body field, a query parameter, or an identifier in the path that is not well-formed (a well-formed but unknown identifier is a 404).
     * @throws {RateLimitError} 429: Too many requests for this credential (`rate_limited`).
     * @throws {ServerError} 500: Unexpected failure on the Expys side (`internal_error`).
     * @throws {ConnectionError} no answer (network, timeout); {ExpysConfigError} refused before sending.
     */
    concierge(body: ConciergeBody, options?: RequestOptions): ApiPromise<ConciergeResult>;
}
