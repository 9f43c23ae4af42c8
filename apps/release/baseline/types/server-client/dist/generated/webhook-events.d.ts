import type { webhooks } from "./schema.js";
/** The payload of a `redemption.created` delivery. */
export type RedemptionCreatedEvent = NonNullable<webhooks["redemption.created"]["post"]["requestBody"]>["content"]["application/json"];
/** The payload of a `points.credited` delivery. */
export type PointsCreditedEvent = NonNullable<webhooks["points.credited"]["post"]["requestBody"]>["content"]["application/json"];
/** The payload of a `member.updated` delivery. */
export type MemberUpdatedEvent = NonNullable<webhooks["member.updated"]["post"]["requestBody"]>["content"]["application/json"];
/** The payload of a `member.removed` delivery. */
export type MemberRemovedEvent = NonNullable<webhooks["member.removed"]["post"]["requestBody"]>["content"]["application/json"];
/** Every event Expys delivers, discriminated on `type`. */
export type WebhookEvent = RedemptionCreatedEvent | PointsCreditedEvent | MemberUpdatedEvent | MemberRemovedEvent;
export type WebhookEventType = WebhookEvent["type"];
export declare const webhookEventTypes: readonly ["redemption.created", "points.credited", "member.updated", "member.removed"];
