import { setMaxListeners } from "node:events";
import { PersonioAuthError, PersonioError, type PersonioClient } from "../personio";
import type { Logger } from "../util/log";
import type { WriteBackChange } from "./diff";

/** Why write-back stopped before writing everything; `message` is one line without personal data. */
export interface WriteBackStop {
  readonly kind:
    | "invalid_attribute"
    | "forbidden"
    | "attributes_unreadable"
    | "outputs_unreadable"
    | "failed"
    /** A stop signal or the cycle's deadline came before the step could start; the next cycle runs it. */
    | "not_started";
  readonly message: string;
}

/** What applying the changes did. */
export interface ApplyResult {
  readonly written: number;
  /** Employee ids not written — failed, or never tried after a stop — in id order; the next cycle retries them. */
  readonly failed: readonly string[];
  readonly stop?: WriteBackStop;
}

export interface ApplyOptions {
  readonly client: Pick<PersonioClient, "updateCustomAttribute">;
  readonly attribute: string;
  readonly log: Logger;
  readonly signal?: AbortSignal;
  /** PATCHes in flight at once; the client's rate limiter paces them. Default 15 (Personio's burst). */
  readonly concurrency?: number;
}

/**
 * Writes each change with one PATCH, several at once, each paced and retried by the client. A failure (404,
 * 422, 5xx after every retry) is logged with the employee id and does not stop the others; a 401/403 (the
 * credentials may not write the attribute) stops write-back, since every other PATCH would fail the same way.
 */
export async function applyWriteBack(
  changes: readonly WriteBackChange[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const { client, attribute, log } = options;
  const stopping = new AbortController();
  const signal =
    options.signal === undefined ? stopping.signal : AbortSignal.any([options.signal, stopping.signal]);
  // Every PATCH in flight listens on the one signal (HTTP, pacing, backoff): by design, not a leak.
  setMaxListeners(0, signal);
  const written = new Set<number>();
  let stop: WriteBackStop | undefined;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < changes.length && !signal.aborted) {
      const change = changes[next++] as WriteBackChange;
      try {
        await client.updateCustomAttribute(change.employeeId, attribute, change.value, signal);
        written.add(change.employeeId);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof PersonioAuthError) {
          stop ??= forbidden(attribute, error);
          log("error", "writeback.forbidden", { employeeId: change.employeeId, status: error.status });
          stopping.abort();
          return;
        }
        log("warn", "writeback.failed", { employeeId: change.employeeId, outcome: outcome(error) });
        if (!(error instanceof PersonioError)) {
          // Unforeseen: the other workers stop too, rather than go on writing after this call has failed.
          stopping.abort();
          throw error;
        }
      }
    }
  };
  const workers = Math.min(Math.max(1, options.concurrency ?? 15), changes.length);
  await Promise.all(Array.from({ length: workers }, worker));
  const failed = changes.filter((c) => !written.has(c.employeeId)).map((c) => String(c.employeeId));
  return { written: written.size, failed, ...(stop === undefined ? {} : { stop }) };
}

function forbidden(attribute: string, error: PersonioAuthError): WriteBackStop {
  return {
    kind: "forbidden",
    message:
      `Write-back stopped: Personio refused ${error.target.method} ${error.target.path} (HTTP ${error.status}). ` +
      `Allowed: API credentials with write access to the custom attribute ${attribute} ` +
      "(Personio: Settings → API credentials → the credential's writable attributes).",
  };
}

/** The HTTP status or failure kind of a failed PATCH, for the log: never Personio's message, which may quote the value. */
function outcome(error: unknown): string {
  if (error instanceof PersonioError && "status" in error && typeof error.status === "number") {
    return `HTTP ${error.status}`;
  }
  return error instanceof PersonioError ? error.name : "unexpected";
}
