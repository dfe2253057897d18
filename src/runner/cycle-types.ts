import type { GraphOutcome } from "../graph";
import type { ChangeSet } from "../review/change-set";
import type { GuardOptions, GuardVerdict } from "../review/guards";
import type { Clock } from "../util/clock";
import type { CycleRedactor } from "../util/known-names";
import type { Logger } from "../util/log";
import type { WriteBackResult } from "../write-back";
import type { SuccessClock } from "./staleness";
import type { PersonioReading } from "./take-snapshot";
import type { GraphStep } from "./graph-step";
import type { SenderCheck } from "./sender-check";
import type { WriteBackStep } from "./write-back-step";

/** How one reconcile cycle ended. */
export type CycleStatus = "applied" | "unchanged" | "refused" | "locked" | "failed";

/** How one shard's stack (`prod-3`) fared in a coordinator cycle. */
export interface ShardResult {
  readonly shard: number;
  readonly stack: string;
  readonly status: CycleStatus;
  /** One line, no personal data, when the shard failed. */
  readonly error?: string;
}

export interface CycleResult {
  readonly status: CycleStatus;
  /** What the checked preview showed. */
  readonly changeSet?: ChangeSet;
  /** What `up` did, from its own engine events (status `applied`, or `failed` after an `up` began). */
  readonly applied?: ChangeSet;
  readonly verdict?: GuardVerdict;
  /** One line, no personal data. */
  readonly error?: string;
  /** The cycle failed on the stack's config (a bad value, a sender without a mailbox): `--once` exits 2. */
  readonly configError?: boolean;
  /** What write-back did after a successful cycle, when the stack configures it. */
  readonly writeBack?: WriteBackResult;
  /** What the Graph step did after a successful cycle, when the stack asks for Graph actions. */
  readonly graph?: GraphOutcome;
  /** The employee ids a targeted cycle was limited to (numeric order); absent for a full cycle. */
  readonly only?: readonly string[];
  /** Ids of a targeted cycle that Personio does not list: it stopped before the preview (`--once`: exit 2). */
  readonly unknownIds?: readonly string[];
  /** Records Personio sent that could not be read (the snapshot's `skipped`); absent when Personio was not listed. */
  readonly skippedRecords?: number;
  /** A coordinator cycle (`shards: N > 1`): each shard's stack and how it ended, in shard order. */
  readonly shards?: readonly ShardResult[];
}

export interface CycleOptions {
  readonly guards: GuardOptions;
  /**
   * Refresh state from the tenant first (to see edits made in the portal) when the stack's last refresh is at
   * least this old; Infinity never refreshes. A refresh costs 4 Graph reads per user, hence not every cycle.
   */
  readonly refreshEveryMs: number;
  /** The cycle's one Personio read, with the stack's config (namespace stripped, secret decrypted). */
  readonly readPersonio: (config: Record<string, unknown>, signal: AbortSignal) => Promise<PersonioReading>;
  /** Write-back after a successful cycle (applied or unchanged); none when absent. */
  readonly writeBack?: WriteBackStep;
  /** The Graph step after write-back (revokes, access passes, extension attributes); none when absent. */
  readonly graph?: GraphStep;
  /** Right after the listing, before the preview: the Temporary Access Pass's sender is a mailbox. None: unchecked. */
  readonly senderCheck?: SenderCheck;
  /** The environment the Personio overrides (`PERSONIO_CLIENT_SECRET` …) come from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** On a stop, how long a running refresh or `up` may take to finish before it is cancelled. */
  readonly graceMs: number;
  /** The whole cycle's deadline (`--cycle-timeout`). */
  readonly timeoutMs: number;
  /** A lock older than this fails the cycle instead of skipping it (`--max-lock-age`). */
  readonly maxLockAgeMs: number;
  /** No success for longer than this is logged as an error each cycle (`--max-staleness`). */
  readonly maxStalenessMs: number;
  /** The last success, across the cycles of a loop. */
  readonly success: SuccessClock;
  /** When this runner first saw the current lock, for backends that do not date their locks. */
  readonly lockSeen: { at?: number };
  readonly log: Logger;
  /**
   * Learns each snapshot's names and logins (after the listing, before the preview); the logger, notifier and
   * metrics hold the same object, so they redact them for the rest of the cycle. None: patterns only.
   */
  readonly redactor?: CycleRedactor;
  /** Monotonic time and timers, for durations, the deadline and the grace period. */
  readonly clock: Clock;
  /** Epoch ms, to compare with the stack's history. */
  readonly wallNow: () => number;
  /**
   * Set by `runCycle` for the after-up steps of a targeted cycle: they act for these employee ids only. Absent:
   * every employee.
   */
  readonly only?: ReadonlySet<string>;
  /**
   * A targeted cycle's ids that Personio does not list: `fail` the cycle (`--only`, the default), or `drop` them
   * and target the rest (webhooks: a person deleted since the delivery).
   */
  readonly unknownIds?: "fail" | "drop";
}
