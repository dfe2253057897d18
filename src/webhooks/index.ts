export { authorized } from "./auth";
export { readDelivery, type Delivery } from "./delivery";
export { PendingIds, type SettledBatch } from "./pending-ids";
export { DELIVERY_OUTCOMES, MAX_BODY_BYTES, webhookReceiver, type DeliveryOutcome } from "./receiver";
export { TokenBucket, WEBHOOK_RATE } from "./token-bucket";
