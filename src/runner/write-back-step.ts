import type { PersonioReading } from "./take-snapshot";
import { PrincipalNamesOutputError, readPrincipalNames } from "../contract";
import { writeBack, type WriteBackResult } from "../write-back";
import type { Logger } from "../util/log";

/** What write-back gets from a successful cycle. */
export interface WriteBackInput {
  /**
   * The cycle's Personio read: its listing holds the attribute's current values; its config says whether and
   * where to write; its client (already authenticated, rate-limited) writes.
   */
  readonly reading: PersonioReading;
  /** Reads the stack's plain outputs after `up` (`principalNames`); called only when write-back is configured. */
  readonly outputs: () => Promise<Record<string, unknown>>;
  readonly signal: AbortSignal;
}

/** Write-back after a successful cycle; undefined when the stack does not configure it. */
export type WriteBackStep = (input: WriteBackInput) => Promise<WriteBackResult | undefined>;

/**
 * The real step: with `personio-azuread:writeBack` configured, writes each managed account's UPN into the
 * Personio attribute where the cycle's listing differs. Never throws for what Personio or the outputs do.
 */
export function personioWriteBack(log: Logger): WriteBackStep {
  return async ({ reading, outputs, signal }) => {
    const { config, snapshot, client } = reading;
    if (config.writeBack === undefined) return undefined;
    let upns: ReadonlyMap<string, string>;
    try {
      upns = readPrincipalNames(await outputs());
    } catch (error) {
      if (!(error instanceof PrincipalNamesOutputError)) throw error;
      log("error", "writeback.stopped", { reason: "outputs", message: error.message });
      return {
        planned: 0,
        written: 0,
        failed: [],
        stop: { kind: "outputs_unreadable", message: error.message },
      };
    }
    return writeBack({
      employees: snapshot.employees,
      upns,
      attribute: config.writeBack.attribute,
      client,
      log,
      signal,
    });
  };
}

/**
 * The step of a targeted cycle: it sees only these employees of the listing, so it writes back for them alone.
 * @example limitedWriteBack(personioWriteBack(log), new Set(["812"]))
 */
export function limitedWriteBack(step: WriteBackStep, only: ReadonlySet<string>): WriteBackStep {
  return (input) => {
    const { snapshot } = input.reading;
    const employees = snapshot.employees.filter((employee) => only.has(String(employee.id)));
    return step({ ...input, reading: { ...input.reading, snapshot: { ...snapshot, employees } } });
  };
}

/** The cycle's status with write-back, e.g. `applied, 3 write-backs failed`. */
export function statusLine(status: string, writeBackResult: WriteBackResult | undefined): string {
  if (writeBackResult === undefined) return status;
  const failed = writeBackResult.failed.length;
  if (writeBackResult.stop !== undefined)
    return `${status}, write-back stopped (${writeBackResult.stop.kind})`;
  if (failed > 0) return `${status}, ${failed} write-back${failed === 1 ? "" : "s"} failed`;
  return `${status}, ${writeBackResult.written} written back`;
}
