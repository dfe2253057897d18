import { type Employee, PersonioError, type PersonioClient } from "../personio";
import type { Logger } from "../util/log";
import { applyWriteBack, type WriteBackStop } from "./apply";
import { attributeProblem } from "./attribute-check";
import { planWriteBack } from "./diff";

/** What write-back needs from one reconcile cycle. */
export interface WriteBackArgs {
  /** The cycle's Personio listing (normalised), fetched with `requiredAttributes(config)` so it holds the attribute. */
  readonly employees: readonly Employee[];
  /** Employee id → UPN of every managed account: `readPrincipalNames(await stack.lastOutputs())` after `up`. */
  readonly upns: ReadonlyMap<string, string>;
  /** `config.writeBack.attribute`, a `dynamic_<n>` key. */
  readonly attribute: string;
  /** The cycle's client (sharing its rate limiter with the listing keeps the two within Personio's limits). */
  readonly client: Pick<PersonioClient, "listAttributes" | "updateCustomAttribute">;
  readonly log: Logger;
  readonly signal?: AbortSignal;
  /** PATCHes in flight at once. Default 15. */
  readonly concurrency?: number;
}

/** What write-back did; ids and counts only, so it can go into logs, status lines and metrics as is. */
export interface WriteBackResult {
  /** Employees whose attribute differs from their account's UPN. */
  readonly planned: number;
  readonly written: number;
  /** Employee ids of planned values not written (failed, or never tried after a stop); retried next cycle. */
  readonly failed: readonly string[];
  /** Set when write-back stopped before any or every write: an unusable attribute, or Personio's 403. */
  readonly stop?: WriteBackStop;
}

/**
 * Writes each managed account's UPN into the Personio custom attribute `attribute`, where it differs from the
 * listing: checks first that Personio lists the attribute as text for these credentials (else nothing is
 * written), then PATCHes the differences, paced and retried. Reports instead of throwing for everything Personio
 * does, so a failed write-back never fails the `up` before it. Logs `writeback.done` with the counts.
 */
export async function writeBack(args: WriteBackArgs): Promise<WriteBackResult> {
  const { attribute, client, log } = args;
  const changes = planWriteBack(args.employees, args.upns, attribute);
  const all = changes.map((c) => String(c.employeeId));
  const stopped = (stop: WriteBackStop): WriteBackResult => {
    log("error", "writeback.stopped", { reason: stop.kind, planned: changes.length, message: stop.message });
    return { planned: changes.length, written: 0, failed: all, stop };
  };
  if (changes.length === 0) {
    log("info", "writeback.done", { planned: 0, written: 0, failed: 0 });
    return { planned: 0, written: 0, failed: [] };
  }
  let problem: string | undefined;
  try {
    problem = attributeProblem(attribute, await client.listAttributes(args.signal));
  } catch (error) {
    if (!(error instanceof PersonioError)) throw error;
    return stopped({
      kind: "attributes_unreadable",
      message: `Write-back stopped: cannot check the attribute: ${error.message}`,
    });
  }
  if (problem !== undefined) return stopped({ kind: "invalid_attribute", message: problem });
  const applied = await applyWriteBack(changes, {
    client,
    attribute,
    log,
    signal: args.signal,
    concurrency: args.concurrency,
  });
  const result = { planned: changes.length, ...applied };
  if (applied.stop !== undefined) return { ...stopped(applied.stop), ...result };
  log("info", "writeback.done", {
    planned: result.planned,
    written: result.written,
    failed: result.failed.length,
  });
  return result;
}
