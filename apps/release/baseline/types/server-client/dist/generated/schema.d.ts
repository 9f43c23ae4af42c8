export interface paths {
    "/v1/auth/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mint a member token
         * @description Mints a short-lived member token for one member, so the app can call member operations
         *     without ever holding the Org-API-Key. Call it from your backend after you have
         *     authenticated the user in your own system, then hand `token` and `expiresAt` to the app.
         *     The token expires 15 minutes after minting; the app asks your backend for a new one before
         *     `expiresAt` or when it gets 401 `token_expired`. The member must exist (create it with
         *     setMember), otherwise the answer is 404.
         *
         *     Idempotent: a retry with the same `Idempotency-Key` within 24 h replays the first result
         *     (the same token) instead of minting again.
         *
         *     Server mode: backend only, with the Org-API-Key (scope `tokens:write`). A member token gets
         *     403 `member_token_not_allowed`.
         */
        post: operations["exchangeToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/points/credit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Credit points to a member
         * @description Adds `amount` points (1–1,000,000) to a member's balance, with a `reason` shown in the
         *     member's wallet history. Returns the new `balance` and the org's `currency`. A
         *     `points.credited` webhook is sent. Answers 404 when no member has this `externalUserID`.
         *
         *     Idempotent: always send an `Idempotency-Key` (for example your order id). A retry with the
         *     same key within 24 h replays the first result instead of crediting again; the same key with
         *     a different body gets 409 `idempotency_conflict`.
         *
         *     Server mode: backend only, with the Org-API-Key (scope `points:write`). A member token gets
         *     403 `member_token_not_allowed`.
         */
        post: operations["creditPoints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{externalUserID}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Your own identifier for the member (the user id in your system).
                 * @example user_123
                 */
                externalUserID: components["parameters"]["ExternalUserID"];
            };
            cookie?: never;
        };
        /**
         * Get a member
         * @description Returns the member with this `externalUserID`, with tier and points balance. Answers 404
         *     when no such member exists.
         *
         *     Server mode: backend only, with the Org-API-Key (scope `members:read`). A member token gets
         *     403 `member_token_not_allowed`; the app reads its own member through getWallet.
         */
        get: operations["getMember"];
        /**
         * Create or replace a member
         * @description Creates the member with this `externalUserID`, or replaces its `displayName` and `tier` if
         *     it exists. A new member starts with a balance of 0. A `member.updated` webhook is sent.
         *     Idempotent by HTTP semantics: sending the same request again leaves the same state, so it
         *     can be retried without an Idempotency-Key.
         *
         *     Server mode: backend only, with the Org-API-Key (scope `members:write`). A member token gets
         *     403 `member_token_not_allowed`.
         */
        put: operations["setMember"];
        post?: never;
        /**
         * Remove a member
         * @description Removes the member with this `externalUserID` from the org. A `member.removed` webhook is
         *     sent. Answers 404 when no such member exists (so a retry after a successful removal gets
         *     404, which you can treat as done).
         *
         *     Server mode: backend only, with the Org-API-Key (scope `members:write`). A member token gets
         *     403 `member_token_not_allowed`.
         */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get org-wide totals
         * @description Returns org-wide totals over a date range: members, active members, points minted and
         *     redeemed, and redemptions. The range is `from`–`to` in UTC, both inclusive; by default the
         *     last 30 days up to today. A `from` later than `to`, a range longer than 366 days or a
         *     malformed date gets 422.
         *
         *     Server mode: backend only, with the Org-API-Key (scope `analytics:read`). A member token
         *     gets 403 `member_token_not_allowed`.
         */
        get: operations["analyticsSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List per-offer analytics
         * @description Lists how each offer performs (redemptions, points spent, conversion rate), most redeemed
         *     first, one page at a time. To page, send the `nextCursor` of the previous page as `cursor`
         *     while `hasMore` is `true`.
         *
         *     Server mode: backend only, with the Org-API-Key (scope `analytics:read`). A member token
         *     gets 403 `member_token_not_allowed`.
         */
        get: operations["analyticsOffers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/timeseries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a metric over time
         * @description Returns one metric bucketed by `interval` (day, week or month, in UTC) over the range
         *     `from`–`to` (default: the last 30 days up to today), oldest bucket first, including empty
         *     buckets with value 0. A missing or unknown `metric`, an unknown `interval`, a `from` later
         *     than `to` or a range longer than 366 days gets 422.
         *
         *     Server mode: backend only, with the Org-API-Key (scope `analytics:read`). A member token
         *     gets 403 `member_token_not_allowed`.
         */
        get: operations["analyticsTimeseries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Lists the org's webhook endpoints, newest first, one page at a time. Signing secrets are not
         *     included. To page, send the `nextCursor` of the previous page as `cursor` while `hasMore` is
         *     `true`.
         *
         *     Server mode: backend only, with the Org-API-Key (scope `webhooks:read`). A member token gets
         *     403 `member_token_not_allowed`.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Registers an HTTPS endpoint of your backend to receive the listed events. The response
         *     holds `signingSecret` (`whsec_…`, a Standard Webhooks secret): it is shown only in this
         *     response, so store it now as a backend secret; you need it to verify the `webhook-signature`
         *     header of every delivery. If it is lost, delete the endpoint and create a new one.
         *
         *     Idempotent: a retry with the same `Idempotency-Key` within 24 h replays the first result
         *     (the same endpoint and secret) instead of creating a second endpoint.
         *
         *     Server mode: backend only, with the Org-API-Key (scope `webhooks:write`). A member token
         *     gets 403 `member_token_not_allowed`.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of the webhook endpoint (`we_…`), from createWebhook or listWebhooks.
                 * @example we_2Rk8Vn5TqL9wXm3P
                 */
                webhookId: components["parameters"]["WebhookId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Deletes the endpoint; no further events are delivered to it and its signing secret stops
         *     being used. Answers 404 when no such endpoint exists (so a retry after a successful delete
         *     gets 404, which you can treat as done).
         *
         *     Server mode: backend only, with the Org-API-Key (scope `webhooks:write`). A member token
         *     gets 403 `member_token_not_allowed`.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "redemption.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A member redeemed an offer
         * @description Sent when a member redeems an offer with createRedemption. `data` is the redemption; fulfil or record it on your side.
         *
         *     Expys sends this `POST` to every endpoint subscribed to the event (createWebhook), signed as
         *     [Standard Webhooks](https://www.standardwebhooks.com/) defines. Verify the `webhook-id`,
         *     `webhook-timestamp` and `webhook-signature` headers with the endpoint's signing secret before
         *     trusting the body, answer any 2xx within 10 s, and do the work afterwards. Deliveries are
         *     retried, so the same event can arrive more than once: deduplicate on `webhook-id` (the event
         *     `id`).
         *
         *     Server mode: received by your backend; no credential is sent, the signature authenticates it.
         */
        post: operations["redemptionCreatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.credited": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Points were credited to a member
         * @description Sent when creditPoints adds points to a member. `data` is the credit with the member's new balance.
         *
         *     Expys sends this `POST` to every endpoint subscribed to the event (createWebhook), signed as
         *     [Standard Webhooks](https://www.standardwebhooks.com/) defines. Verify the `webhook-id`,
         *     `webhook-timestamp` and `webhook-signature` headers with the endpoint's signing secret before
         *     trusting the body, answer any 2xx within 10 s, and do the work afterwards. Deliveries are
         *     retried, so the same event can arrive more than once: deduplicate on `webhook-id` (the event
         *     `id`).
         *
         *     Server mode: received by your backend; no credential is sent, the signature authenticates it.
         */
        post: operations["pointsCreditedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A member was created or replaced
         * @description Sent when setMember creates or replaces a member. `data` is the member after the change.
         *
         *     Expys sends this `POST` to every endpoint subscribed to the event (createWebhook), signed as
         *     [Standard Webhooks](https://www.standardwebhooks.com/) defines. Verify the `webhook-id`,
         *     `webhook-timestamp` and `webhook-signature` headers with the endpoint's signing secret before
         *     trusting the body, answer any 2xx within 10 s, and do the work afterwards. Deliveries are
         *     retried, so the same event can arrive more than once: deduplicate on `webhook-id` (the event
         *     `id`).
         *
         *     Server mode: received by your backend; no credential is sent, the signature authenticates it.
         */
        post: operations["memberUpdatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "member.removed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A member was removed
         * @description Sent when removeMember removes a member. `data` identifies the member; delete or archive your copy.
         *
         *     Expys sends this `POST` to every endpoint subscribed to the event (createWebhook), signed as
         *     [Standard Webhooks](https://www.standardwebhooks.com/) defines. Verify the `webhook-id`,
         *     `webhook-timestamp` and `webhook-signature` headers with the endpoint's signing secret before
         *     trusting the body, answer any 2xx within 10 s, and do the work afterwards. Deliveries are
         *     retried, so the same event can arrive more than once: deduplicate on `webhook-id` (the event
         *     `id`).
         *
         *     Server mode: received by your backend; no credential is sent, the signature authenticates it.
         */
        post: operations["memberRemovedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /**
         * @description Your own identifier for the member (the user id in your system). 1–128 characters from
         *     `A–Z a–z 0–9 _ . : -`. It is stable: Expys never changes it.
         * @example user_123
         */
        ExternalUserID: string;
        /**
         * @description The member to mint a member token for.
         * @example {
         *       "externalUserID": "user_123"
         *     }
         */
        TokenExchangeInput: {
            externalUserID: components["schemas"]["ExternalUserID"];
        };
        /**
         * @description A member token for one member. Hand `token` and `expiresAt` to the app; the app sends
         *     `Authorization: Bearer <token>` on member operations and asks your backend for a new token
         *     before `expiresAt` (or after a 401 `token_expired`).
         * @example {
         *       "token": "mt_test_IAagwUHQbxIdRcRkn9KRSWGfqpj2O6i5m64QwZxZ",
         *       "tokenType": "Bearer",
         *       "externalUserID": "user_123",
         *       "expiresAt": "2026-03-14T09:45:00Z"
         *     }
         */
        TokenGrant: {
            /** @description The member token, `mt_test_` (sandbox) or `mt_live_` (production) followed by 40 base62 characters: 34 random, then a 6-character checksum (CRC32 of the prefix and the random part, in base62 `0-9A-Za-z`, left-padded with `0`). Pass it on unchanged. */
            token: string;
            /**
             * @description Always `Bearer`.
             * @enum {string}
             */
            tokenType: "Bearer";
            externalUserID: components["schemas"]["ExternalUserID"];
            /**
             * Format: date-time
             * @description When the token stops working, 15 minutes after minting.
             */
            expiresAt: string;
        };
        /**
         * @description Machine-readable error code carried in every `Problem`. Branch on `code`, never on `title` or
         *     `detail` (those are for humans and may change).
         *
         *     | code | status | meaning and what to do |
         *     |---|---|---|
         *     | `unauthenticated` | 401 | No `Authorization: Bearer …` header, or it is malformed (including a credential whose checksum does not match: mistyped or made up). Send the credential the operation's mode requires. |
         *     | `token_expired` | 401 | The member token is past its `expiresAt` (15 minutes after minting). Ask your backend for a new one (it runs the token exchange), then retry. |
         *     | `invalid_api_key` | 401 | The Org-API-Key is unknown or revoked. Check the backend secret; if the key was rotated, deploy the new one. |
         *     | `environment_mismatch` | 401 | A live credential (`expys_live_…`, `mt_live_…`) was sent to the sandbox, or a test credential (`expys_test_…`, `mt_test_…`) to production. Use the credential that matches the server. |
         *     | `member_token_not_allowed` | 403 | A member token called a server operation. Member tokens can never do that: make the call from your backend with the Org-API-Key. |
         *     | `org_api_key_not_allowed` | 403 | An Org-API-Key called a member operation. The key must never be used from an app: your backend mints a member token with the token exchange, and the app uses that. |
         *     | `insufficient_scope` | 403 | The Org-API-Key is restricted to scopes that do not include the one this operation needs. Use a key with that scope. |
         *     | `bad_request` | 400 | The request cannot be read: a body sent to an operation that takes none, a body that did not arrive in time (10 s), or a malformed request line or header. Fix the request; retrying it unchanged fails again. |
         *     | `method_not_allowed` | 405 | The path exists but not with this method; the `Allow` header lists the methods it has. |
         *     | `not_acceptable` | 406 | The `Accept` header excludes JSON. Accept `application/json` and `application/problem+json`. |
         *     | `payload_too_large` | 413 | The request body is over the size limit (1 MiB). Send less. |
         *     | `unsupported_media_type` | 415 | The body is not `application/json` in UTF-8 (or UTF-16 with its charset), or the `Content-Type` cannot be parsed. |
         *     | `validation_failed` | 422 | The body, query or path failed validation; `errors` lists each failing field. Fix the request; retrying it unchanged fails again. |
         *     | `not_found` | 404 | The resource does not exist, was removed, or is not visible to this credential. |
         *     | `idempotency_conflict` | 409 | The `Idempotency-Key` was already used within 24 h with a different request body. Use a new key for a new action. |
         *     | `insufficient_points` | 422 | The member's balance is lower than the offer's `pointsCost`. |
         *     | `not_eligible` | 422 | The member cannot redeem this offer (for example tier too low or offer expired); `checkEligibility` returns the reasons. |
         *     | `rate_limited` | 429 | Too many requests for this credential. Wait the number of seconds in `Retry-After`, then retry. |
         *     | `internal_error` | 500 | Unexpected failure on our side. Retry with exponential backoff (reuse the same `Idempotency-Key` on POSTs); quote `requestId` to support if it persists. |
         * @example token_expired
         * @enum {string}
         */
        ErrorCode: "unauthenticated" | "token_expired" | "invalid_api_key" | "environment_mismatch" | "member_token_not_allowed" | "org_api_key_not_allowed" | "insufficient_scope" | "bad_request" | "method_not_allowed" | "not_acceptable" | "payload_too_large" | "unsupported_media_type" | "validation_failed" | "not_found" | "idempotency_conflict" | "insufficient_points" | "not_eligible" | "rate_limited" | "internal_error";
        /**
         * @description An error, in the `application/problem+json` format of RFC 9457. Branch on `code`; show
         *     `detail` to developers, not to end users; quote `requestId` when contacting support.
         */
        Problem: {
            /**
             * Format: uri
             * @description A URI that identifies the error type and links to its documentation.
             */
            type: string;
            /** @description A short, human-readable summary of the error type. Do not parse it. */
            title: string;
            /**
             * Format: int32
             * @description The HTTP status code, repeated for convenience.
             */
            status: number;
            /** @description A human-readable explanation specific to this occurrence, including what to do next. */
            detail: string;
            code: components["schemas"]["ErrorCode"];
            /** @description The identifier of this request. Quote it when contacting support. */
            requestId: string;
        };
        /**
         * @description One field that failed validation.
         * @example {
         *       "path": "/amount",
         *       "message": "must be an integer between 1 and 1000000"
         *     }
         */
        ValidationErrorDetail: {
            /**
             * @description Where the failing value is: a JSON Pointer into the request body (`/amount`), or
             *     `query.<name>` / `path.<name>` for a query or path parameter.
             */
            path: string;
            /** @description What is wrong with the value and what is accepted. */
            message: string;
        };
        /**
         * @description A `Problem` for a request that is well-formed but cannot be processed (status 422), with one
         *     entry in `errors` per failing field. Fix the listed fields; retrying unchanged fails again.
         */
        ValidationProblem: {
            /**
             * Format: uri
             * @description A URI that identifies the error type and links to its documentation.
             */
            type: string;
            /** @description A short, human-readable summary of the error type. Do not parse it. */
            title: string;
            /**
             * Format: int32
             * @description The HTTP status code (422).
             */
            status: number;
            /** @description A human-readable explanation specific to this occurrence. */
            detail: string;
            code: components["schemas"]["ErrorCode"];
            /** @description The identifier of this request. Quote it when contacting support. */
            requestId: string;
            /** @description The fields that failed, one entry each (at most 100). Empty when the failure is not tied to one field. */
            errors: components["schemas"]["ValidationErrorDetail"][];
        };
        /**
         * @description Points to add to a member's balance.
         * @example {
         *       "externalUserID": "user_123",
         *       "amount": 250,
         *       "reason": "Purchase at Bean & Co. Main St"
         *     }
         */
        PointsCreditInput: {
            externalUserID: components["schemas"]["ExternalUserID"];
            /**
             * Format: int64
             * @description Points to add, 1–1,000,000.
             */
            amount: number;
            /** @description Why the points are credited, 1–200 characters; shown in the member's wallet history. */
            reason: string;
        };
        /**
         * @description The org's loyalty currency. Display amounts with its `symbol` or `name`.
         * @example {
         *       "code": "STAR",
         *       "symbol": "★",
         *       "name": "Bean Stars"
         *     }
         */
        Currency: {
            /** @description Short code of the currency, stable across renames. */
            code: string;
            /** @description Symbol to show next to amounts. */
            symbol: string;
            /** @description Display name of the currency (plural form). */
            name: string;
        };
        /**
         * @description The result of a credit, with the member's new balance.
         * @example {
         *       "externalUserID": "user_123",
         *       "transactionId": "txn_9Lm4Tq7WzX2kPv8R",
         *       "amount": 250,
         *       "balance": 1450,
         *       "currency": {
         *         "code": "STAR",
         *         "symbol": "★",
         *         "name": "Bean Stars"
         *       }
         *     }
         */
        PointsCredit: {
            externalUserID: components["schemas"]["ExternalUserID"];
            /** @description The wallet transaction created (`txn_…`). */
            transactionId: string;
            /**
             * Format: int64
             * @description Points added.
             */
            amount: number;
            /**
             * Format: int64
             * @description The member's balance after the credit.
             */
            balance: number;
            currency: components["schemas"]["Currency"];
        };
        /**
         * @description The member's loyalty tier, lowest to highest.
         * @example gold
         * @enum {string}
         */
        Tier: "bronze" | "silver" | "gold" | "platinum";
        /**
         * @description A member of the org's loyalty program.
         * @example {
         *       "externalUserID": "user_123",
         *       "displayName": "Ada Lovelace",
         *       "tier": "gold",
         *       "pointsBalance": 1200,
         *       "createdAt": "2025-11-02T16:20:00Z",
         *       "updatedAt": "2026-03-14T09:30:12Z"
         *     }
         */
        Member: {
            externalUserID: components["schemas"]["ExternalUserID"];
            /** @description Name to show for the member. */
            displayName: string;
            tier: components["schemas"]["Tier"];
            /**
             * Format: int64
             * @description Points available to spend (the wallet `balance`).
             */
            pointsBalance: number;
            /**
             * Format: date-time
             * @description When the member was created.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the member was last changed.
             */
            updatedAt: string;
        };
        /**
         * @description The full state of a member; setMember replaces any existing values with these.
         * @example {
         *       "displayName": "Ada Lovelace",
         *       "tier": "gold"
         *     }
         */
        MemberInput: {
            /** @description Name to show for the member, 1–100 characters. */
            displayName: string;
            tier: components["schemas"]["Tier"];
        };
        /**
         * @description Org-wide totals over the date range `from`–`to` (inclusive, UTC).
         * @example {
         *       "from": "2026-02-13",
         *       "to": "2026-03-14",
         *       "memberCount": 18250,
         *       "activeMembers": 6412,
         *       "pointsMinted": 2480000,
         *       "pointsRedeemed": 1935500,
         *       "redemptionCount": 3871
         *     }
         */
        AnalyticsSummary: {
            /**
             * Format: date
             * @description First day of the range (UTC).
             */
            from: string;
            /**
             * Format: date
             * @description Last day of the range (UTC), inclusive.
             */
            to: string;
            /**
             * Format: int64
             * @description Members in the org at the end of the range.
             */
            memberCount: number;
            /**
             * Format: int64
             * @description Members with at least one credit or redemption in the range.
             */
            activeMembers: number;
            /**
             * Format: int64
             * @description Points credited in the range.
             */
            pointsMinted: number;
            /**
             * Format: int64
             * @description Points spent on redemptions in the range.
             */
            pointsRedeemed: number;
            /**
             * Format: int64
             * @description Redemptions created in the range.
             */
            redemptionCount: number;
        };
        /**
         * @description How one offer performs.
         * @example {
         *       "offerId": "off_7Hq2LmN4pX9rT1vB",
         *       "title": "Free coffee",
         *       "redemptionCount": 2140,
         *       "pointsRedeemed": 1070000,
         *       "conversionRate": 0.31
         *     }
         */
        OfferAnalytics: {
            /** @description The offer. */
            offerId: string;
            /** @description The offer's title. */
            title: string;
            /**
             * Format: int64
             * @description Redemptions of the offer.
             */
            redemptionCount: number;
            /**
             * Format: int64
             * @description Points spent on the offer.
             */
            pointsRedeemed: number;
            /** @description Share of members who viewed the offer (getOffer) and then redeemed it, from 0 to 1. */
            conversionRate: number;
        };
        /**
         * @description Opaque cursor for the next page: pass it unchanged as the `cursor` query parameter. `null` when
         *     this is the last page. Do not parse or build cursors; their format may change.
         * @example eyJpZCI6Im9mZl83SHEyTG1ONHBYOXJUMXZCIn0
         */
        NextCursor: string | null;
        /**
         * @description `true` when another page exists (then `nextCursor` is not null).
         * @example false
         */
        HasMore: boolean;
        /** @description One page of per-offer analytics, most redeemed first. */
        OfferAnalyticsList: {
            /** @description The offers on this page. */
            data: components["schemas"]["OfferAnalytics"][];
            nextCursor: components["schemas"]["NextCursor"];
            hasMore: components["schemas"]["HasMore"];
        };
        /**
         * @description The measured quantity. `pointsMinted`: points credited. `pointsRedeemed`: points spent.
         *     `redemptions`: redemptions created. `activeMembers`: members with at least one credit or
         *     redemption in the bucket.
         * @example pointsMinted
         * @enum {string}
         */
        TimeseriesMetric: "pointsMinted" | "pointsRedeemed" | "redemptions" | "activeMembers";
        /**
         * @description Bucket size. Weeks start on Monday; all buckets are in UTC.
         * @default day
         * @example day
         * @enum {string}
         */
        TimeseriesInterval: "day" | "week" | "month";
        /**
         * @description The value of the metric in one bucket.
         * @example {
         *       "timestamp": "2026-03-13T00:00:00Z",
         *       "value": 84200
         *     }
         */
        TimeseriesPoint: {
            /**
             * Format: date-time
             * @description Start of the bucket (UTC).
             */
            timestamp: string;
            /**
             * Format: int64
             * @description The metric's value in the bucket.
             */
            value: number;
        };
        /**
         * @description One metric over time, oldest bucket first.
         * @example {
         *       "metric": "pointsMinted",
         *       "interval": "day",
         *       "points": [
         *         {
         *           "timestamp": "2026-03-12T00:00:00Z",
         *           "value": 79100
         *         },
         *         {
         *           "timestamp": "2026-03-13T00:00:00Z",
         *           "value": 84200
         *         },
         *         {
         *           "timestamp": "2026-03-14T00:00:00Z",
         *           "value": 31050
         *         }
         *       ]
         *     }
         */
        Timeseries: {
            metric: components["schemas"]["TimeseriesMetric"];
            interval: components["schemas"]["TimeseriesInterval"];
            /** @description One entry per bucket in the range, including buckets with value 0. */
            points: components["schemas"]["TimeseriesPoint"][];
        };
        /**
         * @description An event Expys can deliver. `redemption.created`: a member redeemed an offer.
         *     `points.credited`: creditPoints added points. `member.updated`: setMember created or replaced a
         *     member. `member.removed`: removeMember removed a member.
         * @example redemption.created
         * @enum {string}
         */
        WebhookEventType: "redemption.created" | "points.credited" | "member.updated" | "member.removed";
        /**
         * @description A webhook endpoint. The signing secret is never returned after creation.
         * @example {
         *       "id": "we_2Rk8Vn5TqL9wXm3P",
         *       "url": "https://backend.example.com/expys/webhooks",
         *       "events": [
         *         "redemption.created"
         *       ],
         *       "createdAt": "2026-03-01T08:00:00Z"
         *     }
         */
        Webhook: {
            /** @description Identifier of the endpoint (`we_…`). */
            id: string;
            /**
             * Format: uri
             * @description HTTPS URL events are delivered to.
             */
            url: string;
            /** @description The event types delivered to this endpoint. */
            events: components["schemas"]["WebhookEventType"][];
            /**
             * Format: date-time
             * @description When the endpoint was created.
             */
            createdAt: string;
        };
        /** @description One page of the org's webhook endpoints, newest first. Signing secrets are not included. */
        WebhookList: {
            /** @description The endpoints on this page. */
            data: components["schemas"]["Webhook"][];
            nextCursor: components["schemas"]["NextCursor"];
            hasMore: components["schemas"]["HasMore"];
        };
        /**
         * @description Where to deliver events and which ones.
         * @example {
         *       "url": "https://backend.example.com/expys/webhooks",
         *       "events": [
         *         "redemption.created"
         *       ]
         *     }
         */
        WebhookInput: {
            /**
             * Format: uri
             * @description HTTPS URL of your endpoint; it receives a signed `POST` per event.
             */
            url: string;
            /** @description The event types to deliver to this endpoint, each at most once. */
            events: components["schemas"]["WebhookEventType"][];
        };
        /**
         * @description A newly created webhook endpoint, with its signing secret. This is the only time
         *     `signingSecret` is returned: store it now as a backend secret.
         * @example {
         *       "id": "we_2Rk8Vn5TqL9wXm3P",
         *       "url": "https://backend.example.com/expys/webhooks",
         *       "events": [
         *         "redemption.created"
         *       ],
         *       "createdAt": "2026-03-01T08:00:00Z",
         *       "signingSecret": "whsec_paGL2zb8vkowt84OFP+SiipVGpHzVyezJPrcCC76Kak="
         *     }
         */
        WebhookWithSecret: {
            /** @description Identifier of the endpoint (`we_…`). */
            id: string;
            /**
             * Format: uri
             * @description HTTPS URL events are delivered to.
             */
            url: string;
            /** @description The event types delivered to this endpoint. */
            events: components["schemas"]["WebhookEventType"][];
            /**
             * Format: date-time
             * @description When the endpoint was created.
             */
            createdAt: string;
            /**
             * @description Secret used to verify the `webhook-signature` header of deliveries, in the [Standard
             *     Webhooks](https://www.standardwebhooks.com/) format: `whsec_` followed by the base64 of 32
             *     random bytes. The HMAC key is those decoded bytes, not the text; Standard Webhooks
             *     libraries take the whole `whsec_…` string. Shown only in this response; keep it on your
             *     backend like a password.
             */
            signingSecret: string;
        };
        /**
         * @description A redemption of an offer by a member; the points are deducted when it is created.
         * @example {
         *       "id": "red_5Xv8Qk2NwR7mLp3T",
         *       "offerId": "off_7Hq2LmN4pX9rT1vB",
         *       "externalUserID": "user_123",
         *       "pointsSpent": 500,
         *       "status": "fulfilled",
         *       "voucherCode": "BEAN-7Q2K-9XPL",
         *       "createdAt": "2026-03-14T09:30:12Z"
         *     }
         */
        Redemption: {
            /** @description Identifier of the redemption (`red_…`). */
            id: string;
            /** @description The offer redeemed. */
            offerId: string;
            externalUserID: components["schemas"]["ExternalUserID"];
            /**
             * Format: int64
             * @description Points deducted from the member's balance.
             */
            pointsSpent: number;
            /**
             * @description `pending`: accepted, the voucher is being issued. `fulfilled`: `voucherCode` is ready to
             *     show. `cancelled`: the redemption was cancelled and the points were returned.
             * @enum {string}
             */
            status: "pending" | "fulfilled" | "cancelled";
            /** @description The code the member shows to claim the reward; `null` until `fulfilled`. */
            voucherCode: string | null;
            /**
             * Format: date-time
             * @description When the redemption was created.
             */
            createdAt: string;
        };
        /**
         * @description Sent when a member redeems an offer; `data` is the redemption. Envelope: `id` is unique per event (use it to ignore
         *     duplicate deliveries), `type` names the event, `data` holds the object.
         * @example {
         *       "id": "evt_4Gm7Xq2RtV9kLw3N",
         *       "type": "redemption.created",
         *       "createdAt": "2026-03-14T09:30:12Z",
         *       "data": {
         *         "id": "red_5Xv8Qk2NwR7mLp3T",
         *         "offerId": "off_7Hq2LmN4pX9rT1vB",
         *         "externalUserID": "user_123",
         *         "pointsSpent": 500,
         *         "status": "pending",
         *         "voucherCode": null,
         *         "createdAt": "2026-03-14T09:30:12Z"
         *       }
         *     }
         */
        RedemptionCreatedEvent: {
            /** @description Identifier of the event (`evt_…`); the same on every retry of a delivery. */
            id: string;
            /**
             * @description Always `redemption.created`.
             * @enum {string}
             */
            type: "redemption.created";
            /**
             * Format: date-time
             * @description When the event happened.
             */
            createdAt: string;
            data: components["schemas"]["Redemption"];
        };
        /**
         * @description Sent when creditPoints adds points to a member; `data` is the credit with the new balance. Envelope: `id` is unique per event (use it to ignore
         *     duplicate deliveries), `type` names the event, `data` holds the object.
         * @example {
         *       "id": "evt_8Pn3Wz6KqT1xRm5V",
         *       "type": "points.credited",
         *       "createdAt": "2026-03-14T10:05:00Z",
         *       "data": {
         *         "externalUserID": "user_123",
         *         "transactionId": "txn_9Lm4Tq7WzX2kPv8R",
         *         "amount": 250,
         *         "balance": 1450,
         *         "currency": {
         *           "code": "STAR",
         *           "symbol": "★",
         *           "name": "Bean Stars"
         *         }
         *       }
         *     }
         */
        PointsCreditedEvent: {
            /** @description Identifier of the event (`evt_…`); the same on every retry of a delivery. */
            id: string;
            /**
             * @description Always `points.credited`.
             * @enum {string}
             */
            type: "points.credited";
            /**
             * Format: date-time
             * @description When the event happened.
             */
            createdAt: string;
            data: components["schemas"]["PointsCredit"];
        };
        /**
         * @description Sent when setMember creates or replaces a member; `data` is the member after the change. Envelope: `id` is unique per event (use it to ignore
         *     duplicate deliveries), `type` names the event, `data` holds the object.
         * @example {
         *       "id": "evt_6Tc1Lm8QwZ4nVk7X",
         *       "type": "member.updated",
         *       "createdAt": "2026-03-14T10:30:00Z",
         *       "data": {
         *         "externalUserID": "user_123",
         *         "displayName": "Ada Lovelace",
         *         "tier": "platinum",
         *         "pointsBalance": 1450,
         *         "createdAt": "2025-11-02T16:20:00Z",
         *         "updatedAt": "2026-03-14T10:30:00Z"
         *       }
         *     }
         */
        MemberUpdatedEvent: {
            /** @description Identifier of the event (`evt_…`); the same on every retry of a delivery. */
            id: string;
            /**
             * @description Always `member.updated`.
             * @enum {string}
             */
            type: "member.updated";
            /**
             * Format: date-time
             * @description When the event happened.
             */
            createdAt: string;
            data: components["schemas"]["Member"];
        };
        /**
         * @description A member that was removed with removeMember.
         * @example {
         *       "externalUserID": "user_123",
         *       "removedAt": "2026-03-14T11:00:00Z"
         *     }
         */
        RemovedMember: {
            externalUserID: components["schemas"]["ExternalUserID"];
            /**
             * Format: date-time
             * @description When the member was removed.
             */
            removedAt: string;
        };
        /**
         * @description Sent when removeMember removes a member; `data` identifies the member. Envelope: `id` is unique per event (use it to ignore
         *     duplicate deliveries), `type` names the event, `data` holds the object.
         * @example {
         *       "id": "evt_3Hx9Rv2MpK7qWt4L",
         *       "type": "member.removed",
         *       "createdAt": "2026-03-14T11:00:00Z",
         *       "data": {
         *         "externalUserID": "user_123",
         *         "removedAt": "2026-03-14T11:00:00Z"
         *       }
         *     }
         */
        MemberRemovedEvent: {
            /** @description Identifier of the event (`evt_…`); the same on every retry of a delivery. */
            id: string;
            /**
             * @description Always `member.removed`.
             * @enum {string}
             */
            type: "member.removed";
            /**
             * Format: date-time
             * @description When the event happened.
             */
            createdAt: string;
            data: components["schemas"]["RemovedMember"];
        };
    };
    responses: {
        /**
         * @description The request cannot be read (`bad_request`): a body sent to an operation that takes none, a
         *     body that did not arrive in time, or a malformed request line or header. Nothing was done. Fix the request; retrying it unchanged fails again.
         */
        BadRequest: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The credential is missing, malformed, expired, revoked, or for the other environment. Check
         *     `code`: `unauthenticated` (send `Authorization: Bearer …`), `token_expired` (member token past
         *     `expiresAt`: get a new one from your backend, which runs the token exchange, then retry),
         *     `invalid_api_key` (unknown or revoked Org-API-Key: check the backend secret),
         *     `environment_mismatch` (a live credential sent to the sandbox or a test credential sent to
         *     production: use `expys_test_…`/`mt_test_…` with the sandbox and `expys_live_…`/`mt_live_…` with
         *     production).
         */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The credential is valid but may not call this server operation. `member_token_not_allowed`:
         *     a member token can never call a server operation; make the call from your backend with the
         *     Org-API-Key. `insufficient_scope`: the Org-API-Key is restricted to scopes that do not include
         *     the one this operation needs (see the operation's security requirement); use a key that has it.
         */
        ServerForbidden: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description No member has this `externalUserID` in the org (`not_found`). Create the member first
         *     (setMember), or check the identifier; do not retry unchanged.
         */
        MemberNotFound: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The `Idempotency-Key` was already used within the last 24 h with a different request body
         *     (`idempotency_conflict`). Nothing was done. If this is a new action, send a new key; if it is a
         *     retry, send exactly the original body.
         */
        Conflict: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is over the size limit (`payload_too_large`, 1 MiB). Nothing was done. */
        PayloadTooLarge: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The body is not JSON this operation reads (`unsupported_media_type`): send
         *     `Content-Type: application/json` (UTF-8, or UTF-16 with its charset). Nothing was done.
         */
        UnsupportedMediaType: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The request failed validation (`validation_failed`): a body field, a query parameter, or an
         *     identifier in the path that is not well-formed (a well-formed but unknown identifier is a
         *     404). `errors` lists each failing field with what is accepted. Nothing was done. Fix the request; retrying it unchanged fails again.
         */
        ValidationFailed: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ValidationProblem"];
            };
        };
        /**
         * @description Too many requests for this credential (`rate_limited`). Wait the number of seconds in
         *     `Retry-After`, then retry; on POSTs that take an `Idempotency-Key`, keep the same key.
         */
        RateLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Unexpected failure on the Expys side (`internal_error`). Retry with exponential backoff; on
         *     POSTs that take an `Idempotency-Key`, reuse the same key so the action is not repeated. If it
         *     persists, contact support with the `requestId`.
         */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The resource named in the path or body does not exist, was removed, or is not visible to this
         *     credential (`not_found`). Check the identifier; do not retry unchanged.
         */
        NotFound: {
            headers: {
                "Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description A unique key you choose for this action (a UUID v4 is a good choice), 1–255 characters.
         *     A retry with the same key within 24 h replays the first result (same status and body) instead
         *     of repeating the action, so a timeout or network error can be retried safely. A key reused
         *     with a different body gets `409` with code `idempotency_conflict`. Use a new key for each new
         *     action; keys expire 24 h after first use.
         * @example 5f1c7a9e-2b4d-4e8a-9c3f-7d6b1a0e4c2f
         */
        IdempotencyKey: string;
        /**
         * @description Your own identifier for the member (the user id in your system).
         * @example user_123
         */
        ExternalUserID: components["schemas"]["ExternalUserID"];
        /**
         * @description First day of the range, `YYYY-MM-DD` in UTC, inclusive. Defaults to 29 days before `to`
         *     (a 30-day range). A `from` later than `to` gets `422`.
         * @example 2026-02-13
         */
        From: string;
        /**
         * @description Last day of the range, `YYYY-MM-DD` in UTC, inclusive. Defaults to today (UTC).
         * @example 2026-03-14
         */
        To: string;
        /**
         * @description The `nextCursor` of the previous page, passed unchanged. Omit it for the first page. An
         *     unknown or malformed cursor gets `422` with code `validation_failed`.
         * @example eyJpZCI6Im9mZl83SHEyTG1ONHBYOXJUMXZCIn0
         */
        Cursor: string;
        /**
         * @description Maximum number of items on the page, 1–100 (default 20). A page may hold fewer even when `hasMore` is `true`.
         * @example 20
         */
        Limit: number;
        /**
         * @description Identifier of the webhook endpoint (`we_…`), from createWebhook or listWebhooks.
         * @example we_2Rk8Vn5TqL9wXm3P
         */
        WebhookId: string;
        /**
         * @description The message id of the delivery ([Standard Webhooks](https://www.standardwebhooks.com/)):
         *     Expys sends the event's `id` (`evt_…`), the same on every retry of the delivery, so it is the
         *     key to deduplicate on. It is part of the signed content (see `webhook-signature`).
         */
        WebhookMessageId: string;
        /**
         * @description When this attempt was signed, in integer unix seconds ([Standard
         *     Webhooks](https://www.standardwebhooks.com/)). Every attempt, retries included, is signed
         *     afresh with the current time. Reject the delivery if it is more than 300 s away from your
         *     clock, either way: that is the replay protection. It is part of the signed content (see
         *     `webhook-signature`), so it cannot be changed without breaking the signature.
         */
        WebhookTimestamp: string;
        /**
         * @description Proof that the delivery comes from Expys and was not altered, as [Standard
         *     Webhooks](https://www.standardwebhooks.com/) defines it: a space-separated list of
         *     `v1,<base64 HMAC-SHA256>`. While the endpoint's signing secret is being rotated it carries one
         *     signature per active secret; accept the delivery if any of them matches. Any Standard Webhooks
         *     verifier (the reference libraries exist for JavaScript, Python, Go, Ruby, PHP, Java, Rust,
         *     C#, Elixir…) checks it with the endpoint's signing secret; `@expys/server-client` does too.
         *
         *     To verify without a library, before parsing the JSON:
         *
         *     1. Take the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers; reject the
         *        delivery if one is missing.
         *     2. Reject it if `webhook-timestamp` is more than 300 seconds away from your current time
         *        (replay protection).
         *     3. The HMAC key is the signing secret (`whsec_…`, returned once by createWebhook) without its
         *        `whsec_` prefix, base64-decoded: bytes, not the text of the secret.
         *     4. Compute HMAC-SHA256 with that key over the signed content
         *        `<webhook-id>.<webhook-timestamp>.<raw body>`: the id, a dot, the timestamp, a dot, and the
         *        request body exactly as received (bytes, not re-serialized JSON). Base64-encode it
         *        (standard alphabet, with padding).
         *     5. Split `webhook-signature` on spaces; for each entry starting with `v1,`, compare the text
         *        after the comma with yours in constant time. Ignore other versions. Accept if one matches;
         *        otherwise answer `400` and drop the delivery.
         *
         *     The examples are real: each is the signature of its event's example body (as compact JSON),
         *     with the example secret of createWebhook (`whsec_paGL2zb8vkowt84OFP+SiipVGpHzVyezJPrcCC76Kak=`)
         *     and the same example's `webhook-id` and `webhook-timestamp`.
         */
        WebhookSignature: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The identifier of this request, on every answer (the same value as `requestId` in an error
         *     body). Log it with your own request logs and quote it when contacting support; the clients
         *     expose it as `requestId` on errors and with `.withResponse()`.
         * @example req_8Kf2Lq9ZtX4mB7nC
         */
        RequestId: string;
        /**
         * @description Requests this credential may make in the current window (the window is `RateLimit-Reset`
         *     seconds long at most). Limits are per credential: each member token and each Org-API-Key has
         *     its own. Read it rather than hard-coding a number; it may change per plan.
         * @example 600
         */
        RateLimitLimit: number;
        /**
         * @description Requests left in the current window for this credential. At `0` the next request gets
         *     `429 rate_limited`: slow down before that, and wait `RateLimit-Reset` seconds.
         * @example 599
         */
        RateLimitRemaining: number;
        /**
         * @description Seconds until the current window ends and `RateLimit-Remaining` is back to `RateLimit-Limit`.
         * @example 60
         */
        RateLimitReset: number;
        /**
         * @description Seconds to wait before retrying.
         * @example 30
         */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    exchangeToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key you choose for this action (a UUID v4 is a good choice), 1–255 characters.
                 *     A retry with the same key within 24 h replays the first result (same status and body) instead
                 *     of repeating the action, so a timeout or network error can be retried safely. A key reused
                 *     with a different body gets `409` with code `idempotency_conflict`. Use a new key for each new
                 *     action; keys expire 24 h after first use.
                 * @example 5f1c7a9e-2b4d-4e8a-9c3f-7d6b1a0e4c2f
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "externalUserID": "user_123"
                 *     }
                 */
                "application/json": components["schemas"]["TokenExchangeInput"];
            };
        };
        responses: {
            /** @description A member token for the member, with its expiry. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenGrant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ServerForbidden"];
            404: components["responses"]["MemberNotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    creditPoints: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key you choose for this action (a UUID v4 is a good choice), 1–255 characters.
                 *     A retry with the same key within 24 h replays the first result (same status and body) instead
                 *     of repeating the action, so a timeout or network error can be retried safely. A key reused
                 *     with a different body gets `409` with code `idempotency_conflict`. Use a new key for each new
                 *     action; keys expire 24 h after first use.
                 * @example 5f1c7a9e-2b4d-4e8a-9c3f-7d6b1a0e4c2f
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "externalUserID": "user_123",
                 *       "amount": 250,
                 *       "reason": "Purchase at Bean & Co. Main St"
                 *     }
                 */
                "application/json": components["schemas"]["PointsCreditInput"];
            };
        };
        responses: {
            /** @description The points were credited (or, for a replayed Idempotency-Key, the original credit). */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PointsCredit"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ServerForbidden"];
            404: components["responses"]["MemberNotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    getMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Your own identifier for the member (the user id in your system).
                 * @example user_123
                 */
                externalUserID: components["parameters"]["ExternalUserID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ServerForbidden"];
            404: components["responses"]["MemberNotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    setMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Your own identifier for the member (the user id in your system).
                 * @example user_123
                 */
                externalUserID: components["parameters"]["ExternalUserID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "displayName": "Ada Lovelace",
                 *       "tier": "gold"
                 *     }
                 */
                "application/json": components["schemas"]["MemberInput"];
            };
        };
        responses: {
            /** @description The member as stored, whether it was created or replaced. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ServerForbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Your own identifier for the member (the user id in your system).
                 * @example user_123
                 */
                externalUserID: components["parameters"]["ExternalUserID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member was removed. No content. */
            204: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ServerForbidden"];
            404: components["responses"]["MemberNotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    analyticsSummary: {
        parameters: {
            query?: {
                /**
                 * @description First day of the range, `YYYY-MM-DD` in UTC, inclusive. Defaults to 29 days before `to`
                 *     (a 30-day range). A `from` later than `to` gets `422`.
                 * @example 2026-02-13
                 */
                from?: components["parameters"]["From"];
                /**
                 * @description Last day of the range, `YYYY-MM-DD` in UTC, inclusive. Defaults to today (UTC).
                 * @example 2026-03-14
                 */
                to?: components["parameters"]["To"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The totals for the range. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyticsSummary"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ServerForbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    analyticsOffers: {
        parameters: {
            query?: {
                /**
                 * @description The `nextCursor` of the previous page, passed unchanged. Omit it for the first page. An
                 *     unknown or malformed cursor gets `422` with code `validation_failed`.
                 * @example eyJpZCI6Im9mZl83SHEyTG1ONHBYOXJUMXZCIn0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Maximum number of items on the page, 1–100 (default 20). A page may hold fewer even when `hasMore` is `true`.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of per-offer analytics. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferAnalyticsList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ServerForbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    analyticsTimeseries: {
        parameters: {
            query: {
                /**
                 * @description The metric to return.
                 * @example pointsMinted
                 */
                metric: components["schemas"]["TimeseriesMetric"];
                /**
                 * @description Bucket size; defaults to `day`.
                 * @example day
                 */
                interval?: components["schemas"]["TimeseriesInterval"];
                /**
                 * @description First day of the range, `YYYY-MM-DD` in UTC, inclusive. Defaults to 29 days before `to`
                 *     (a 30-day range). A `from` later than `to` gets `422`.
                 * @example 2026-02-13
                 */
                from?: components["parameters"]["From"];
                /**
                 * @description Last day of the range, `YYYY-MM-DD` in UTC, inclusive. Defaults to today (UTC).
                 * @example 2026-03-14
                 */
                to?: components["parameters"]["To"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metric over time. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeseries"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ServerForbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /**
                 * @description The `nextCursor` of the previous page, passed unchanged. Omit it for the first page. An
                 *     unknown or malformed cursor gets `422` with code `validation_failed`.
                 * @example eyJpZCI6Im9mZl83SHEyTG1ONHBYOXJUMXZCIn0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Maximum number of items on the page, 1–100 (default 20). A page may hold fewer even when `hasMore` is `true`.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of webhook endpoints. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ServerForbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key you choose for this action (a UUID v4 is a good choice), 1–255 characters.
                 *     A retry with the same key within 24 h replays the first result (same status and body) instead
                 *     of repeating the action, so a timeout or network error can be retried safely. A key reused
                 *     with a different body gets `409` with code `idempotency_conflict`. Use a new key for each new
                 *     action; keys expire 24 h after first use.
                 * @example 5f1c7a9e-2b4d-4e8a-9c3f-7d6b1a0e4c2f
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://backend.example.com/expys/webhooks",
                 *       "events": [
                 *         "redemption.created"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["WebhookInput"];
            };
        };
        responses: {
            /** @description The endpoint was created. Store `signingSecret` now; it is never returned again. */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ServerForbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of the webhook endpoint (`we_…`), from createWebhook or listWebhooks.
                 * @example we_2Rk8Vn5TqL9wXm3P
                 */
                webhookId: components["parameters"]["WebhookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint was deleted. No content. */
            204: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ServerForbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    redemptionCreatedEvent: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The message id of the delivery ([Standard Webhooks](https://www.standardwebhooks.com/)):
                 *     Expys sends the event's `id` (`evt_…`), the same on every retry of the delivery, so it is the
                 *     key to deduplicate on. It is part of the signed content (see `webhook-signature`).
                 */
                "webhook-id": components["parameters"]["WebhookMessageId"];
                /**
                 * @description When this attempt was signed, in integer unix seconds ([Standard
                 *     Webhooks](https://www.standardwebhooks.com/)). Every attempt, retries included, is signed
                 *     afresh with the current time. Reject the delivery if it is more than 300 s away from your
                 *     clock, either way: that is the replay protection. It is part of the signed content (see
                 *     `webhook-signature`), so it cannot be changed without breaking the signature.
                 */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Proof that the delivery comes from Expys and was not altered, as [Standard
                 *     Webhooks](https://www.standardwebhooks.com/) defines it: a space-separated list of
                 *     `v1,<base64 HMAC-SHA256>`. While the endpoint's signing secret is being rotated it carries one
                 *     signature per active secret; accept the delivery if any of them matches. Any Standard Webhooks
                 *     verifier (the reference libraries exist for JavaScript, Python, Go, Ruby, PHP, Java, Rust,
                 *     C#, Elixir…) checks it with the endpoint's signing secret; `@expys/server-client` does too.
                 *
                 *     To verify without a library, before parsing the JSON:
                 *
                 *     1. Take the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers; reject the
                 *        delivery if one is missing.
                 *     2. Reject it if `webhook-timestamp` is more than 300 seconds away from your current time
                 *        (replay protection).
                 *     3. The HMAC key is the signing secret (`whsec_…`, returned once by createWebhook) without its
                 *        `whsec_` prefix, base64-decoded: bytes, not the text of the secret.
                 *     4. Compute HMAC-SHA256 with that key over the signed content
                 *        `<webhook-id>.<webhook-timestamp>.<raw body>`: the id, a dot, the timestamp, a dot, and the
                 *        request body exactly as received (bytes, not re-serialized JSON). Base64-encode it
                 *        (standard alphabet, with padding).
                 *     5. Split `webhook-signature` on spaces; for each entry starting with `v1,`, compare the text
                 *        after the comma with yours in constant time. Ignore other versions. Accept if one matches;
                 *        otherwise answer `400` and drop the delivery.
                 *
                 *     The examples are real: each is the signature of its event's example body (as compact JSON),
                 *     with the example secret of createWebhook (`whsec_paGL2zb8vkowt84OFP+SiipVGpHzVyezJPrcCC76Kak=`)
                 *     and the same example's `webhook-id` and `webhook-timestamp`.
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_4Gm7Xq2RtV9kLw3N",
                 *       "type": "redemption.created",
                 *       "createdAt": "2026-03-14T09:30:12Z",
                 *       "data": {
                 *         "id": "red_5Xv8Qk2NwR7mLp3T",
                 *         "offerId": "off_7Hq2LmN4pX9rT1vB",
                 *         "externalUserID": "user_123",
                 *         "pointsSpent": 500,
                 *         "status": "pending",
                 *         "voucherCode": null,
                 *         "createdAt": "2026-03-14T09:30:12Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["RedemptionCreatedEvent"];
            };
        };
        responses: {
            /** @description Return any 2xx within 10 s to acknowledge; other answers are retried with exponential backoff for 3 days. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    pointsCreditedEvent: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The message id of the delivery ([Standard Webhooks](https://www.standardwebhooks.com/)):
                 *     Expys sends the event's `id` (`evt_…`), the same on every retry of the delivery, so it is the
                 *     key to deduplicate on. It is part of the signed content (see `webhook-signature`).
                 */
                "webhook-id": components["parameters"]["WebhookMessageId"];
                /**
                 * @description When this attempt was signed, in integer unix seconds ([Standard
                 *     Webhooks](https://www.standardwebhooks.com/)). Every attempt, retries included, is signed
                 *     afresh with the current time. Reject the delivery if it is more than 300 s away from your
                 *     clock, either way: that is the replay protection. It is part of the signed content (see
                 *     `webhook-signature`), so it cannot be changed without breaking the signature.
                 */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Proof that the delivery comes from Expys and was not altered, as [Standard
                 *     Webhooks](https://www.standardwebhooks.com/) defines it: a space-separated list of
                 *     `v1,<base64 HMAC-SHA256>`. While the endpoint's signing secret is being rotated it carries one
                 *     signature per active secret; accept the delivery if any of them matches. Any Standard Webhooks
                 *     verifier (the reference libraries exist for JavaScript, Python, Go, Ruby, PHP, Java, Rust,
                 *     C#, Elixir…) checks it with the endpoint's signing secret; `@expys/server-client` does too.
                 *
                 *     To verify without a library, before parsing the JSON:
                 *
                 *     1. Take the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers; reject the
                 *        delivery if one is missing.
                 *     2. Reject it if `webhook-timestamp` is more than 300 seconds away from your current time
                 *        (replay protection).
                 *     3. The HMAC key is the signing secret (`whsec_…`, returned once by createWebhook) without its
                 *        `whsec_` prefix, base64-decoded: bytes, not the text of the secret.
                 *     4. Compute HMAC-SHA256 with that key over the signed content
                 *        `<webhook-id>.<webhook-timestamp>.<raw body>`: the id, a dot, the timestamp, a dot, and the
                 *        request body exactly as received (bytes, not re-serialized JSON). Base64-encode it
                 *        (standard alphabet, with padding).
                 *     5. Split `webhook-signature` on spaces; for each entry starting with `v1,`, compare the text
                 *        after the comma with yours in constant time. Ignore other versions. Accept if one matches;
                 *        otherwise answer `400` and drop the delivery.
                 *
                 *     The examples are real: each is the signature of its event's example body (as compact JSON),
                 *     with the example secret of createWebhook (`whsec_paGL2zb8vkowt84OFP+SiipVGpHzVyezJPrcCC76Kak=`)
                 *     and the same example's `webhook-id` and `webhook-timestamp`.
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_8Pn3Wz6KqT1xRm5V",
                 *       "type": "points.credited",
                 *       "createdAt": "2026-03-14T10:05:00Z",
                 *       "data": {
                 *         "externalUserID": "user_123",
                 *         "transactionId": "txn_9Lm4Tq7WzX2kPv8R",
                 *         "amount": 250,
                 *         "balance": 1450,
                 *         "currency": {
                 *           "code": "STAR",
                 *           "symbol": "★",
                 *           "name": "Bean Stars"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["PointsCreditedEvent"];
            };
        };
        responses: {
            /** @description Return any 2xx within 10 s to acknowledge; other answers are retried with exponential backoff for 3 days. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    memberUpdatedEvent: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The message id of the delivery ([Standard Webhooks](https://www.standardwebhooks.com/)):
                 *     Expys sends the event's `id` (`evt_…`), the same on every retry of the delivery, so it is the
                 *     key to deduplicate on. It is part of the signed content (see `webhook-signature`).
                 */
                "webhook-id": components["parameters"]["WebhookMessageId"];
                /**
                 * @description When this attempt was signed, in integer unix seconds ([Standard
                 *     Webhooks](https://www.standardwebhooks.com/)). Every attempt, retries included, is signed
                 *     afresh with the current time. Reject the delivery if it is more than 300 s away from your
                 *     clock, either way: that is the replay protection. It is part of the signed content (see
                 *     `webhook-signature`), so it cannot be changed without breaking the signature.
                 */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Proof that the delivery comes from Expys and was not altered, as [Standard
                 *     Webhooks](https://www.standardwebhooks.com/) defines it: a space-separated list of
                 *     `v1,<base64 HMAC-SHA256>`. While the endpoint's signing secret is being rotated it carries one
                 *     signature per active secret; accept the delivery if any of them matches. Any Standard Webhooks
                 *     verifier (the reference libraries exist for JavaScript, Python, Go, Ruby, PHP, Java, Rust,
                 *     C#, Elixir…) checks it with the endpoint's signing secret; `@expys/server-client` does too.
                 *
                 *     To verify without a library, before parsing the JSON:
                 *
                 *     1. Take the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers; reject the
                 *        delivery if one is missing.
                 *     2. Reject it if `webhook-timestamp` is more than 300 seconds away from your current time
                 *        (replay protection).
                 *     3. The HMAC key is the signing secret (`whsec_…`, returned once by createWebhook) without its
                 *        `whsec_` prefix, base64-decoded: bytes, not the text of the secret.
                 *     4. Compute HMAC-SHA256 with that key over the signed content
                 *        `<webhook-id>.<webhook-timestamp>.<raw body>`: the id, a dot, the timestamp, a dot, and the
                 *        request body exactly as received (bytes, not re-serialized JSON). Base64-encode it
                 *        (standard alphabet, with padding).
                 *     5. Split `webhook-signature` on spaces; for each entry starting with `v1,`, compare the text
                 *        after the comma with yours in constant time. Ignore other versions. Accept if one matches;
                 *        otherwise answer `400` and drop the delivery.
                 *
                 *     The examples are real: each is the signature of its event's example body (as compact JSON),
                 *     with the example secret of createWebhook (`whsec_paGL2zb8vkowt84OFP+SiipVGpHzVyezJPrcCC76Kak=`)
                 *     and the same example's `webhook-id` and `webhook-timestamp`.
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_6Tc1Lm8QwZ4nVk7X",
                 *       "type": "member.updated",
                 *       "createdAt": "2026-03-14T10:30:00Z",
                 *       "data": {
                 *         "externalUserID": "user_123",
                 *         "displayName": "Ada Lovelace",
                 *         "tier": "platinum",
                 *         "pointsBalance": 1450,
                 *         "createdAt": "2025-11-02T16:20:00Z",
                 *         "updatedAt": "2026-03-14T10:30:00Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["MemberUpdatedEvent"];
            };
        };
        responses: {
            /** @description Return any 2xx within 10 s to acknowledge; other answers are retried with exponential backoff for 3 days. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    memberRemovedEvent: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The message id of the delivery ([Standard Webhooks](https://www.standardwebhooks.com/)):
                 *     Expys sends the event's `id` (`evt_…`), the same on every retry of the delivery, so it is the
                 *     key to deduplicate on. It is part of the signed content (see `webhook-signature`).
                 */
                "webhook-id": components["parameters"]["WebhookMessageId"];
                /**
                 * @description When this attempt was signed, in integer unix seconds ([Standard
                 *     Webhooks](https://www.standardwebhooks.com/)). Every attempt, retries included, is signed
                 *     afresh with the current time. Reject the delivery if it is more than 300 s away from your
                 *     clock, either way: that is the replay protection. It is part of the signed content (see
                 *     `webhook-signature`), so it cannot be changed without breaking the signature.
                 */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Proof that the delivery comes from Expys and was not altered, as [Standard
                 *     Webhooks](https://www.standardwebhooks.com/) defines it: a space-separated list of
                 *     `v1,<base64 HMAC-SHA256>`. While the endpoint's signing secret is being rotated it carries one
                 *     signature per active secret; accept the delivery if any of them matches. Any Standard Webhooks
                 *     verifier (the reference libraries exist for JavaScript, Python, Go, Ruby, PHP, Java, Rust,
                 *     C#, Elixir…) checks it with the endpoint's signing secret; `@expys/server-client` does too.
                 *
                 *     To verify without a library, before parsing the JSON:
                 *
                 *     1. Take the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers; reject the
                 *        delivery if one is missing.
                 *     2. Reject it if `webhook-timestamp` is more than 300 seconds away from your current time
                 *        (replay protection).
                 *     3. The HMAC key is the signing secret (`whsec_…`, returned once by createWebhook) without its
                 *        `whsec_` prefix, base64-decoded: bytes, not the text of the secret.
                 *     4. Compute HMAC-SHA256 with that key over the signed content
                 *        `<webhook-id>.<webhook-timestamp>.<raw body>`: the id, a dot, the timestamp, a dot, and the
                 *        request body exactly as received (bytes, not re-serialized JSON). Base64-encode it
                 *        (standard alphabet, with padding).
                 *     5. Split `webhook-signature` on spaces; for each entry starting with `v1,`, compare the text
                 *        after the comma with yours in constant time. Ignore other versions. Accept if one matches;
                 *        otherwise answer `400` and drop the delivery.
                 *
                 *     The examples are real: each is the signature of its event's example body (as compact JSON),
                 *     with the example secret of createWebhook (`whsec_paGL2zb8vkowt84OFP+SiipVGpHzVyezJPrcCC76Kak=`)
                 *     and the same example's `webhook-id` and `webhook-timestamp`.
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_3Hx9Rv2MpK7qWt4L",
                 *       "type": "member.removed",
                 *       "createdAt": "2026-03-14T11:00:00Z",
                 *       "data": {
                 *         "externalUserID": "user_123",
                 *         "removedAt": "2026-03-14T11:00:00Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["MemberRemovedEvent"];
            };
        };
        responses: {
            /** @description Return any 2xx within 10 s to acknowledge; other answers are retried with exponential backoff for 3 days. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
