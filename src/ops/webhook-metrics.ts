import { Counter, Histogram, type Registry } from "prom-client";
import type { CycleStatus } from "../runner/cycle-types";
import { DELIVERY_OUTCOMES, type DeliveryOutcome } from "../webhooks/receiver";
import type { SettledBatch } from "../webhooks/pending-ids";
import { METRIC_PREFIX } from "./metrics";

/** Seconds from a delivery to the end of its targeted cycle: the debounce (30 s) plus a cycle's minute or two. */
const DELAY_BUCKETS = [5, 15, 30, 45, 60, 90, 120, 180, 300, 600, 1800];

/** The webhook side's metrics, on the runner's registry. Labels are outcomes and statuses — never people. */
export interface WebhookMetrics {
  delivery(outcome: DeliveryOutcome): void;
  /** A targeted cycle ended; its ids' delays count when it applied or found nothing to change. */
  targetedCycle(batch: SettledBatch): void;
}

/** Registers the webhook metrics on `registry`; every delivery outcome starts at 0, so a dashboard sees them all. */
export function webhookMetrics(registry: Registry): WebhookMetrics {
  const registers = [registry];
  const deliveries = new Counter({
    name: `${METRIC_PREFIX}webhook_deliveries_total`,
    help: "Personio webhook deliveries by outcome (accepted, unauthorized, ignored, rejected, throttled).",
    labelNames: ["outcome"],
    registers,
  });
  const targeted = new Counter({
    name: `${METRIC_PREFIX}targeted_cycles_total`,
    help: "Targeted cycles (the ids webhooks asked for) by how they ended.",
    labelNames: ["status"],
    registers,
  });
  const delay = new Histogram({
    name: `${METRIC_PREFIX}webhook_delay_seconds`,
    help: "From a person's first webhook delivery to the end of the targeted cycle that applied it.",
    buckets: DELAY_BUCKETS,
    registers,
  });
  for (const outcome of DELIVERY_OUTCOMES) deliveries.inc({ outcome }, 0);
  const applied: ReadonlySet<CycleStatus> = new Set(["applied", "unchanged"]);
  return {
    delivery: (outcome) => deliveries.inc({ outcome }),
    targetedCycle: ({ result, delaysMs }) => {
      targeted.inc({ status: result.status });
      if (applied.has(result.status)) for (const ms of delaysMs) delay.observe(ms / 1000);
    },
  };
}
