export interface paths {
    "/v1/offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List offers
         * @description Lists the offers the member can see, one page at a time, in display order. Pass
         *     `category` to show one kind of reward. To page, send the `nextCursor` of the previous page
         *     as `cursor` while `hasMore` is `true`. To know whether the member can redeem a given offer
         *     now, call checkEligibility.
         *
         *     Member mode: call it from the app with the member token.
         */
        get: operations["listOffers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/offers/{offerId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of the offer (`off_…`), from listOffers.
                 * @example off_7Hq2LmN4pX9rT1vB
                 */
                offerId: components["parameters"]["OfferId"];
            };
            cookie?: never;
        };
        /**
         * Get an offer
         * @description Returns one offer by its id, for a detail screen. Answers 404 when the offer does not exist
         *     or is not visible to the member.
         *
         *     Member mode: call it from the app with the member token.
         */
        get: operations["getOffer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/offers/{offerId}/eligibility": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of the offer (`off_…`), from listOffers.
                 * @example off_7Hq2LmN4pX9rT1vB
                 */
                offerId: components["parameters"]["OfferId"];
            };
            cookie?: never;
        };
        /**
         * Check whether the member can redeem an offer
         * @description Tells whether createRedemption would succeed for this offer right now, and if not, every
         *     reason (`insufficient_points`, `tier_too_low`, `offer_expired`) with a message you can show.
         *     Use it to enable or disable the redeem button; the result can change as the balance changes.
         *
         *     Member mode: call it from the app with the member token.
         */
        get: operations["checkEligibility"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the member's redemptions
         * @description Lists the member's redemptions, newest first, one page at a time. To page, send the
         *     `nextCursor` of the previous page as `cursor` while `hasMore` is `true`.
         *
         *     Member mode: call it from the app with the member token.
         */
        get: operations["listRedemptions"];
        put?: never;
        /**
         * Redeem an offer
         * @description Redeems an offer for the member: the offer's `pointsCost` is deducted from the balance at
         *     once and a redemption is returned (`pending` until the voucher is issued, then `fulfilled`
         *     with a `voucherCode`; poll getRedemption). A `redemption.created` webhook is sent to your
         *     backend.
         *
         *     Idempotent: send an `Idempotency-Key`. A retry with the same key within 24 h replays the
         *     first result instead of redeeming (and charging) again, so retry timeouts with the same
         *     key. If the member cannot redeem, the answer is 422 with `insufficient_points` or
         *     `not_eligible` and nothing is deducted; call checkEligibility first to show why.
         *
         *     Member mode: call it from the app with the member token.
         */
        post: operations["createRedemption"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{redemptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of the redemption (`red_…`), from createRedemption or listRedemptions.
                 * @example red_5Xv8Qk2NwR7mLp3T
                 */
                redemptionId: components["parameters"]["RedemptionId"];
            };
            cookie?: never;
        };
        /**
         * Get a redemption
         * @description Returns one of the member's redemptions. Poll it after createRedemption until `status` is
         *     `fulfilled` to show the `voucherCode`. Answers 404 when the redemption does not exist or
         *     belongs to another member.
         *
         *     Member mode: call it from the app with the member token.
         */
        get: operations["getRedemption"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the member's wallet
         * @description Returns the member's points balance, the org's loyalty currency (show amounts with its
         *     `symbol`) and the member's tier.
         *
         *     Member mode: call it from the app with the member token.
         */
        get: operations["getWallet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the member's wallet transactions
         * @description Lists the changes to the member's balance (credits and redemptions), newest first, one
         *     page at a time. To page, send the `nextCursor` of the previous page as `cursor` while
         *     `hasMore` is `true`.
         *
         *     Member mode: call it from the app with the member token.
         */
        get: operations["listWalletTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/concierge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask the concierge
         * @description Sends the member's message to the concierge assistant and returns its reply, with the
         *     offers it recommends (render them like listOffers items). Each call produces a new reply,
         *     so it is not idempotent: do not retry automatically after a timeout, let the member resend.
         *
         *     Member mode: call it from the app with the member token.
         */
        post: operations["concierge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The kind of reward an offer gives.
         * @example dining
         * @enum {string}
         */
        OfferCategory: "dining" | "travel" | "shopping" | "entertainment" | "wellness";
        /**
         * @description The member's loyalty tier, lowest to highest.
         * @example gold
         * @enum {string}
         */
        Tier: "bronze" | "silver" | "gold" | "platinum";
        /**
         * @description A reward a member can redeem with points.
         * @example {
         *       "id": "off_7Hq2LmN4pX9rT1vB",
         *       "title": "Free coffee",
         *       "description": "One hot drink of any size at any Bean & Co. café.",
         *       "category": "dining",
         *       "pointsCost": 500,
         *       "minimumTier": "bronze",
         *       "imageUrl": "https://cdn.expys.com/offers/off_7Hq2LmN4pX9rT1vB.jpg",
         *       "availableUntil": "2026-12-31T23:59:59Z"
         *     }
         */
        Offer: {
            /** @description Identifier of the offer (`off_…`). */
            id: string;
            /** @description Short title to show in a list. */
            title: string;
            /** @description Full description of what the member gets. */
            description: string;
            category: components["schemas"]["OfferCategory"];
            /**
             * Format: int64
             * @description Points a redemption costs.
             */
            pointsCost: number;
            minimumTier: components["schemas"]["Tier"];
            /**
             * Format: uri
             * @description HTTPS URL of the offer image.
             */
            imageUrl: string;
            /**
             * Format: date-time
             * @description When the offer stops being redeemable; `null` if it has no end date.
             */
            availableUntil: string | null;
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
        /** @description One page of offers the member can see, in display order. */
        OfferList: {
            /** @description The offers on this page. */
            data: components["schemas"]["Offer"][];
            nextCursor: components["schemas"]["NextCursor"];
            hasMore: components["schemas"]["HasMore"];
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
         * @description Why the member cannot redeem an offer right now.
         * @example {
         *       "code": "insufficient_points",
         *       "message": "You need 300 more Bean Stars for this offer."
         *     }
         */
        EligibilityReason: {
            /**
             * @description `insufficient_points`: the balance is below `pointsRequired`. `tier_too_low`: the
             *     offer needs a higher tier. `offer_expired`: the offer is past `availableUntil`.
             * @enum {string}
             */
            code: "insufficient_points" | "tier_too_low" | "offer_expired";
            /** @description A sentence you can show to the member. */
            message: string;
        };
        /**
         * @description Whether the member can redeem the offer now, and why not if they cannot.
         * @example {
         *       "offerId": "off_7Hq2LmN4pX9rT1vB",
         *       "eligible": false,
         *       "reasons": [
         *         {
         *           "code": "insufficient_points",
         *           "message": "You need 300 more Bean Stars for this offer."
         *         }
         *       ],
         *       "pointsRequired": 500,
         *       "pointsAvailable": 200
         *     }
         */
        Eligibility: {
            /** @description The offer checked. */
            offerId: string;
            /** @description `true` when createRedemption would succeed now. */
            eligible: boolean;
            /** @description Empty when `eligible` is `true`; otherwise every reason that blocks the redemption. */
            reasons: components["schemas"]["EligibilityReason"][];
            /**
             * Format: int64
             * @description The offer's cost in points.
             */
            pointsRequired: number;
            /**
             * Format: int64
             * @description The member's current balance.
             */
            pointsAvailable: number;
        };
        /**
         * @description Your own identifier for the member (the user id in your system). 1–128 characters from
         *     `A–Z a–z 0–9 _ . : -`. It is stable: Expys never changes it.
         * @example user_123
         */
        ExternalUserID: string;
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
        /** @description One page of the member's redemptions, newest first. */
        RedemptionList: {
            /** @description The redemptions on this page. */
            data: components["schemas"]["Redemption"][];
            nextCursor: components["schemas"]["NextCursor"];
            hasMore: components["schemas"]["HasMore"];
        };
        /**
         * @description The offer to redeem for the member the token belongs to.
         * @example {
         *       "offerId": "off_7Hq2LmN4pX9rT1vB"
         *     }
         */
        RedemptionInput: {
            /** @description The offer to redeem (`off_…`). */
            offerId: string;
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
         * @description The member's points balance and tier.
         * @example {
         *       "externalUserID": "user_123",
         *       "balance": 1200,
         *       "currency": {
         *         "code": "STAR",
         *         "symbol": "★",
         *         "name": "Bean Stars"
         *       },
         *       "tier": "gold",
         *       "updatedAt": "2026-03-14T09:30:12Z"
         *     }
         */
        Wallet: {
            externalUserID: components["schemas"]["ExternalUserID"];
            /**
             * Format: int64
             * @description Points available to spend.
             */
            balance: number;
            currency: components["schemas"]["Currency"];
            tier: components["schemas"]["Tier"];
            /**
             * Format: date-time
             * @description When the balance or tier last changed.
             */
            updatedAt: string;
        };
        /**
         * @description One change to the member's balance.
         * @example {
         *       "id": "txn_9Lm4Tq7WzX2kPv8R",
         *       "type": "credit",
         *       "amount": 250,
         *       "balanceAfter": 1450,
         *       "description": "Purchase at Bean & Co. Main St",
         *       "redemptionId": null,
         *       "createdAt": "2026-03-14T10:05:00Z"
         *     }
         */
        WalletTransaction: {
            /** @description Identifier of the transaction (`txn_…`). */
            id: string;
            /**
             * @description `credit`: points credited by the org (for example for a purchase). `redemption`: points spent on an offer.
             * @enum {string}
             */
            type: "credit" | "redemption";
            /**
             * Format: int64
             * @description Signed change to the balance; positive for a credit, negative for a redemption.
             */
            amount: number;
            /**
             * Format: int64
             * @description The balance right after this transaction.
             */
            balanceAfter: number;
            /** @description What the transaction was for (the credit's `reason` or the offer's title). */
            description: string;
            /** @description The redemption, for `type` `redemption`; otherwise `null`. */
            redemptionId: string | null;
            /**
             * Format: date-time
             * @description When the transaction happened.
             */
            createdAt: string;
        };
        /** @description One page of the member's wallet transactions, newest first. */
        WalletTransactionList: {
            /** @description The transactions on this page. */
            data: components["schemas"]["WalletTransaction"][];
            nextCursor: components["schemas"]["NextCursor"];
            hasMore: components["schemas"]["HasMore"];
        };
        /**
         * @description A message from the member to the concierge assistant.
         * @example {
         *       "message": "Anything for a coffee lover under 600 stars?"
         *     }
         */
        ConciergeInput: {
            /** @description What the member typed, 1–2000 characters. */
            message: string;
        };
        /**
         * @description The concierge's answer and the offers it recommends.
         * @example {
         *       "reply": "With 1,200 stars you can get a free coffee today, and have 700 stars left.",
         *       "suggestedOffers": [
         *         {
         *           "id": "off_7Hq2LmN4pX9rT1vB",
         *           "title": "Free coffee",
         *           "description": "One hot drink of any size at any Bean & Co. café.",
         *           "category": "dining",
         *           "pointsCost": 500,
         *           "minimumTier": "bronze",
         *           "imageUrl": "https://cdn.expys.com/offers/off_7Hq2LmN4pX9rT1vB.jpg",
         *           "availableUntil": "2026-12-31T23:59:59Z"
         *         }
         *       ]
         *     }
         */
        ConciergeReply: {
            /** @description Text to show to the member. */
            reply: string;
            /** @description Offers the reply refers to, in the order mentioned; at most 10, may be empty. */
            suggestedOffers: components["schemas"]["Offer"][];
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
         * @description An Org-API-Key was sent to a member operation (`org_api_key_not_allowed`). The Org-API-Key must
         *     never be used from an app: your backend mints a member token with the token exchange and hands
         *     it to the app, which sends it as the bearer.
         */
        MemberForbidden: {
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
         * @description The redemption was not made and no points were deducted. Check `code`:
         *     `validation_failed` (the body is invalid; see `errors`), `insufficient_points` (the balance is
         *     below the offer's cost), `not_eligible` (for example the tier is too low or the offer expired).
         *     Call checkEligibility to get the reasons to show the member before offering the redemption.
         */
        RedemptionRejected: {
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
    };
    parameters: {
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
         * @description Identifier of the offer (`off_…`), from listOffers.
         * @example off_7Hq2LmN4pX9rT1vB
         */
        OfferId: string;
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
         * @description Identifier of the redemption (`red_…`), from createRedemption or listRedemptions.
         * @example red_5Xv8Qk2NwR7mLp3T
         */
        RedemptionId: string;
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
    listOffers: {
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
                /**
                 * @description Only return offers of this category. Omit it to return all categories.
                 * @example dining
                 */
                category?: components["schemas"]["OfferCategory"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of offers. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MemberForbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    getOffer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of the offer (`off_…`), from listOffers.
                 * @example off_7Hq2LmN4pX9rT1vB
                 */
                offerId: components["parameters"]["OfferId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The offer. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Offer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MemberForbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    checkEligibility: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of the offer (`off_…`), from listOffers.
                 * @example off_7Hq2LmN4pX9rT1vB
                 */
                offerId: components["parameters"]["OfferId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The eligibility of the member for the offer. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Eligibility"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MemberForbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    listRedemptions: {
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
            /** @description One page of redemptions. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedemptionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MemberForbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    createRedemption: {
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
                 *       "offerId": "off_7Hq2LmN4pX9rT1vB"
                 *     }
                 */
                "application/json": components["schemas"]["RedemptionInput"];
            };
        };
        responses: {
            /** @description The redemption was created and the points were deducted (or, for a replayed Idempotency-Key, the original redemption). */
            201: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Redemption"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MemberForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["RedemptionRejected"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    getRedemption: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of the redemption (`red_…`), from createRedemption or listRedemptions.
                 * @example red_5Xv8Qk2NwR7mLp3T
                 */
                redemptionId: components["parameters"]["RedemptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The redemption. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Redemption"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MemberForbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    getWallet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member's wallet. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Wallet"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MemberForbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    listWalletTransactions: {
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
            /** @description One page of wallet transactions. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletTransactionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MemberForbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
    concierge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "message": "Anything for a coffee lover under 600 stars?"
                 *     }
                 */
                "application/json": components["schemas"]["ConciergeInput"];
            };
        };
        responses: {
            /** @description The concierge's reply. */
            200: {
                headers: {
                    "Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConciergeReply"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MemberForbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
        };
    };
}
