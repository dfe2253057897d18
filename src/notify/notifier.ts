import { NOOP_OBSERVER, type CycleReport, type RunnerObserver } from "../runner/observer";
import { notificationContent } from "./content";
import { notificationBody, type NotifyFormat } from "./format";
import { initialNotifyState, nextNotifications, type NotifyState } from "./policy";
import { postNotification, type PostOptions } from "./post";
import type { Redactor } from "../util/known-names";

export interface NotifierOptions extends PostOptions {
  readonly url: string;
  readonly format: NotifyFormat;
  readonly stack: string;
  readonly maxStalenessMs: number;
  /** Epoch ms when the runner started: staleness counts from here until the first success. */
  readonly startedAt: number;
  /** What blanks personal data in the content (the cycle's known names); default: the patterns alone. */
  readonly redactor?: Redactor;
}

/** An observer that POSTs notifications in the background; `flush` waits for the ones still on their way. */
export interface Notifier extends RunnerObserver {
  flush(): Promise<void>;
}

/**
 * Sends what {@link nextNotifications} decides, without holding up the cycle: the POSTs run in the background,
 * one after another, and a failure is only logged.
 */
export function webhookNotifier(options: NotifierOptions): Notifier {
  let state: NotifyState = initialNotifyState(options.startedAt);
  let lastSuccessAt: number | undefined;
  // One at a time, in order: a "recovered" must not overtake the "failing" it answers while that one retries.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    ...NOOP_OBSERVER,
    cycleEnded: (report: CycleReport) => {
      const decision = nextNotifications(state, report, options.maxStalenessMs);
      state = decision.state;
      if (report.status === "applied" || report.status === "unchanged") lastSuccessAt = report.at;
      for (const kind of decision.send) {
        const content = notificationContent(
          kind,
          options.stack,
          report,
          options.maxStalenessMs,
          lastSuccessAt,
          options.redactor,
        );
        const body = notificationBody(options.format, content);
        queue = queue.then(() => postNotification(options.url, body, options, kind));
      }
    },
    flush: async () => {
      await queue;
    },
  };
}
