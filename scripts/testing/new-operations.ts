// A spec author's new operations, written into a copy of the spec (`apps/dev/src/spec-copy.ts`)
// with every convention our lint rules ask for: what the tests that prove "a new operation needs
// no other edit" add. listOfferReviews is a paginated member operation; getReviewStats a server
// one (an API key needs analytics_read). Neither has code anywhere: the pipeline must carry them.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const NEW_MEMBER_OPERATION = { operationId: 'listOfferReviews', path: '/v1/offers/{offerId}/reviews', summary: 'List the reviews of an offer' } as const;
export const NEW_SERVER_OPERATION = { operationId: 'getReviewStats', path: '/v1/analytics/reviews', summary: 'Get review statistics' } as const;

const OFFER_REVIEWS = `
offerReviews:
  parameters:
    - $ref: ../components/parameters/OfferId.yaml
  get:
    operationId: listOfferReviews
    tags: [Offers]
    summary: List the reviews of an offer
    description: |
      Lists what members wrote about an offer, newest first, one page at a time.

      Member mode: call it from the app with the member token.
    x-expys-mode: member
    security:
      - memberToken: []
    parameters:
      - $ref: ../components/parameters/Cursor.yaml
      - $ref: ../components/parameters/Limit.yaml
    responses:
      '200':
        description: One page of reviews.
        headers:
          Request-Id:
            $ref: ../components/headers/RequestId.yaml
          RateLimit-Limit:
            $ref: ../components/headers/RateLimitLimit.yaml
          RateLimit-Remaining:
            $ref: ../components/headers/RateLimitRemaining.yaml
          RateLimit-Reset:
            $ref: ../components/headers/RateLimitReset.yaml
        content:
          application/json:
            schema:
              $ref: ../components/schemas/OfferReviewList.yaml
            examples:
              firstPage:
                summary: A page with more to come
                value:
                  data:
                    - id: rev_4Tg7Hk2LmQ9pX1vB
                      rating: 5
                      text: Great coffee, and the barista knew the offer.
                  nextCursor: eyJpZCI6InJldl80VGc3SGsyTG1ROXBYMXZCIn0
                  hasMore: true
              lastPage:
                summary: The last page
                value:
                  data:
                    - id: rev_8Wn3Bc6RtY2kL5sD
                      rating: 3
                      text: Fine, but only small sizes at my café.
                  nextCursor: null
                  hasMore: false
      '400':
        $ref: ../components/responses/BadRequest.yaml
      '401':
        $ref: ../components/responses/Unauthorized.yaml
      '403':
        $ref: ../components/responses/MemberForbidden.yaml
      '404':
        $ref: ../components/responses/NotFound.yaml
      '422':
        $ref: ../components/responses/ValidationFailed.yaml
      '429':
        $ref: ../components/responses/RateLimited.yaml
      '500':
        $ref: ../components/responses/ServerError.yaml
`;

const REVIEW_LIST_SCHEMA = `type: object
description: One page of reviews of an offer, newest first.
required: [data, nextCursor, hasMore]
additionalProperties: false
properties:
  data:
    type: array
    maxItems: 100
    description: The reviews on this page.
    items:
      type: object
      required: [id, rating, text]
      additionalProperties: false
      properties:
        id:
          type: string
          maxLength: 64
          description: Identifier of the review (\`rev_…\`).
        rating:
          type: integer
          format: int32
          minimum: 1
          maximum: 5
          description: Stars, 1 to 5.
        text:
          type: string
          maxLength: 2000
          description: What the member wrote.
  nextCursor:
    $ref: ./NextCursor.yaml
  hasMore:
    $ref: ./HasMore.yaml
`;

const REVIEW_STATS = `
reviewStats:
  get:
    operationId: getReviewStats
    tags: [Analytics]
    summary: Get review statistics
    description: |
      Returns how many reviews members wrote and their average rating, over the whole org.

      Server mode: backend only, with the Org-API-Key or an API key with the scope
      \`analytics_read\`. A member token gets 403 \`member_token_not_allowed\`.
    x-expys-mode: server
    security:
      - orgApiKey: []
      - apiKey: [analytics_read]
    responses:
      '200':
        description: The statistics.
        headers:
          Request-Id:
            $ref: ../components/headers/RequestId.yaml
          RateLimit-Limit:
            $ref: ../components/headers/RateLimitLimit.yaml
          RateLimit-Remaining:
            $ref: ../components/headers/RateLimitRemaining.yaml
          RateLimit-Reset:
            $ref: ../components/headers/RateLimitReset.yaml
        content:
          application/json:
            schema:
              type: object
              description: Review statistics of the org.
              required: [reviewCount, averageRating]
              additionalProperties: false
              properties:
                reviewCount:
                  type: integer
                  format: int64
                  minimum: 0
                  description: Reviews written.
                averageRating:
                  type: number
                  minimum: 0
                  maximum: 5
                  description: Average stars, 0 when there is no review.
            examples:
              someReviews:
                summary: An org with reviews
                value:
                  reviewCount: 1284
                  averageRating: 4.3
      '400':
        $ref: ../components/responses/BadRequest.yaml
      '401':
        $ref: ../components/responses/Unauthorized.yaml
      '403':
        $ref: ../components/responses/ServerForbidden.yaml
      '429':
        $ref: ../components/responses/RateLimited.yaml
      '500':
        $ref: ../components/responses/ServerError.yaml
`;

/** Adds listOfferReviews (and, with `server`, getReviewStats) to the spec copy in `dir`. */
export function addNewOperations(dir: string, { server = true } = {}): void {
  const spec = (file: string) => path.join(dir, 'spec', file);
  appendFileSync(spec('paths/offers.yaml'), OFFER_REVIEWS);
  writeFileSync(spec('components/schemas/OfferReviewList.yaml'), REVIEW_LIST_SCHEMA);
  let root = readFileSync(spec('openapi.yaml'), 'utf8');
  const after = (anchor: string, lines: string) => {
    if (!root.includes(anchor)) throw new Error(`spec/openapi.yaml no longer has ${JSON.stringify(anchor)}: update scripts/testing/new-operations.ts`);
    root = root.replace(anchor, `${anchor}${lines}`);
  };
  after('  /v1/offers/{offerId}/eligibility:\n    $ref: ./paths/offers.yaml#/offerEligibility\n', '  /v1/offers/{offerId}/reviews:\n    $ref: ./paths/offers.yaml#/offerReviews\n');
  if (server) {
    appendFileSync(spec('paths/analytics.yaml'), REVIEW_STATS);
    after('  /v1/analytics/timeseries:\n    $ref: ./paths/analytics.yaml#/analyticsTimeseries\n', '  /v1/analytics/reviews:\n    $ref: ./paths/analytics.yaml#/reviewStats\n');
  }
  writeFileSync(spec('openapi.yaml'), root);
}
