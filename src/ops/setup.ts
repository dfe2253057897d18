import { webhookNotifier } from "../notify/notifier";
import { DEFAULT_POST } from "../notify/post";
import type { Logger } from "../util/log";
import type { StackOps } from "../engine/stack-ops";
import type { Clock } from "../util/clock";
import type { Redactor } from "../util/known-names";
import type { OpsSettings } from "./settings";
import { healthTracker } from "./health";
import { observedCycle, timedStack } from "./instrument";
import { runnerMetrics } from "./metrics";
import { fanOut, type RunnerObserver } from "../runner/observer";
import { startOpsServer, type OpsServer } from "./server";
import type { Cycle } from "../runner/loop";
import type { TargetQueue } from "../runner/target-queue";
import { PendingIds, TokenBucket, WEBHOOK_RATE, webhookReceiver } from "../webhooks";
import { webhookMetrics } from "./webhook-metrics";

/** The running operations side of one reconcile command: the hooks the command wires in, and `close`. */
export interface Ops {
  /** For counters the runner reports itself (Personio requests, employees listed). */
  readonly observer: RunnerObserver;
  /** The stack, its operations timed and their failures counted. */
  instrument(stack: StackOps): StackOps;
  /** The cycle, reported to health, metrics and notifications when it ends. */
  observe(cycle: Cycle): Cycle;
  /** The ids Personio's webhooks asked for, when the webhook route is on. */
  readonly targets?: TargetQueue;
  /** Marks the loop stopped, waits for notifications still on their way, stops the server. */
  close(): Promise<void>;
}

export interface OpsDeps {
  readonly log: Logger;
  readonly clock: Clock;
  readonly wallNow: () => number;
  readonly stack: string;
  /** Blanks personal data in notifications and metric labels: the cycle's known names. */
  readonly redactor?: Redactor;
}

/** Starts what `settings` asks for — the server only with `--listen`, notifications only with a URL. */
export async function startOps(settings: OpsSettings, deps: OpsDeps): Promise<Ops> {
  const { log, clock, wallNow } = deps;
  const onError = (error: unknown): void =>
    log("error", "ops.error", {
      reason: error instanceof Error ? error.message.split("\n")[0] : String(error),
    });
  const observers: RunnerObserver[] = [];
  let server: OpsServer | undefined;
  let targets: PendingIds | undefined;
  if (settings.listen !== undefined) {
    const health = healthTracker(wallNow, settings.maxStalenessMs);
    const metrics = runnerMetrics(true, deps.redactor);
    observers.push(health, metrics);
    const { host, port } = settings.listen;
    const token = settings.webhook?.token;
    let webhook: { path: string; handle: ReturnType<typeof webhookReceiver> } | undefined;
    if (settings.webhook !== undefined && token !== undefined) {
      const counted = webhookMetrics(metrics.registry);
      const bucket = new TokenBucket(WEBHOOK_RATE.capacity, WEBHOOK_RATE.perSecond, () => clock.now());
      targets = new PendingIds(
        () => clock.now(),
        (batch) => counted.targetedCycle(batch),
      );
      const queue = targets;
      webhook = {
        path: settings.webhook.path,
        handle: webhookReceiver({
          token,
          enqueue: (id) => queue.add(id),
          admit: () => bucket.take(),
          onDelivery: (outcome, detail) => {
            counted.delivery(outcome);
            if (outcome === "rejected") log("warn", "webhook.rejected", { reason: detail });
          },
        }),
      };
    }
    server = await startOpsServer(
      host,
      port,
      {
        healthz: () => health.healthz(),
        readyz: () => health.readyz(),
        metrics: async () => ({
          status: 200,
          contentType: metrics.registry.contentType,
          body: await metrics.scrape(),
        }),
        ...(webhook === undefined ? {} : { webhook }),
      },
      onError,
    ).catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      throw new Error(
        `Cannot listen on ${host}:${port} (--listen): ${typeof code === "string" ? code : String(error)}`,
      );
    });
    log("info", "ops.listening", {
      url: server.url,
      paths: `/healthz /readyz /metrics${webhook === undefined ? "" : ` ${webhook.path}`}`,
    });
    if (settings.webhook !== undefined && webhook === undefined)
      log("info", "webhook.off", { reason: "PERSONIO_WEBHOOK_TOKEN is not set" });
  }
  const notifier =
    settings.notify === undefined
      ? undefined
      : webhookNotifier({
          ...settings.notify,
          stack: deps.stack,
          maxStalenessMs: settings.maxStalenessMs,
          startedAt: wallNow(),
          timeoutMs: DEFAULT_POST.timeoutMs,
          retryDelayMs: DEFAULT_POST.retryDelayMs,
          clock,
          log,
          redactor: deps.redactor,
        });
  if (notifier !== undefined) observers.push(notifier);
  const observer = fanOut(observers, onError);
  return {
    observer,
    ...(targets === undefined ? {} : { targets }),
    instrument: (stack) => timedStack(stack, observer, () => clock.now()),
    observe: (cycle) => observedCycle(cycle, observer, () => clock.now(), wallNow),
    close: async () => {
      observer.loopRunning(false);
      await notifier?.flush();
      await server?.close();
    },
  };
}
