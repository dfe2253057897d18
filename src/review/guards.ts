import type { ChangeSet, UserChange } from "./change-set";
import { scopeReleaseNote, scopeReleases } from "./scope-releases";
import { DEFAULT_SKIP_LIMIT, type SkipLimit, skippedGuard } from "./skipped-guard";

/** The guards checked between preview and `up`; each can be overridden for one run by an explicit flag. */
export interface GuardOptions {
  /**
   * Let users be deleted or replaced (`--allow-deletes`); default false: any user delete, replace or
   * import-replacement (another account swapped in under an employee's name) refuses.
   */
  readonly allowDeletes: boolean;
  /** Let more accounts be disabled than {@link maxDisables} (`--allow-mass-disable`); default false. */
  readonly allowMassDisable: boolean;
  /** Most disables a run may make (`--max-disables`); default max(5, ⌈20 % of the managed users⌉). */
  readonly maxDisables?: number;
  /** Let a run go on when Personio lists 0 employees (`--allow-empty`); default false. */
  readonly allowEmptyPersonio: boolean;
  /** Let a run go on when Personio lists fewer employees than {@link minEmployeeShare} allows (`--allow-shrink`). */
  readonly allowShrink: boolean;
  /** Least share of the last successful run's employee count Personio must list (`--min-employee-share`); 0.9. */
  readonly minEmployeeShare: number;
  /** Let more group memberships end than the threshold (`--allow-mass-leave`); default false. */
  readonly allowMassLeave?: boolean;
  /** Most unreadable Personio records a run may skip (`--max-skipped`); default 5 % of the employees. */
  readonly maxSkipped?: SkipLimit;
  /**
   * Let the program release the managed accounts of employees out of `personio-azuread:scope`
   * (`--allow-scope-release`); their releases (and only those) then pass the deletes guard. Default false.
   */
  readonly allowScopeRelease?: boolean;
}

/** What the guards look at. */
export interface GuardInput {
  readonly changeSet: ChangeSet;
  /** `counts.employees` of this preview's stack outputs; undefined when the preview carries none. */
  readonly employees: number | undefined;
  /** `counts.employees` of the last successful run; undefined before the first one. */
  readonly lastEmployees: number | undefined;
}

/** A guard that stops `up`: which one, why (one line, with the numbers), and the flag that overrides it. */
export interface Refusal {
  readonly guard: "deletes" | "disables" | "leaves" | "empty" | "shrink" | "unknown-employees" | "skipped";
  readonly message: string;
  readonly override: string;
}

/** `ok` when nothing refuses; `checked` says, one line per guard, what passed or was overridden. */
export interface GuardVerdict {
  readonly ok: boolean;
  readonly refusals: readonly Refusal[];
  readonly checked: readonly string[];
}

/** Every guard on, at its default threshold. */
export const DEFAULT_GUARDS: GuardOptions = {
  allowDeletes: false,
  allowMassDisable: false,
  allowEmptyPersonio: false,
  allowShrink: false,
  minEmployeeShare: 0.9,
};

/** How many employee ids a refusal names before it says "and N more", so that it stays one readable line. */
const LISTED_IDS = 10;
const DELETE_OPS: ReadonlySet<string> = new Set(["delete", "replace", "import-replacement"]);

/**
 * Decides whether `up` may follow this preview. A count at a threshold is allowed, one past it refuses: with
 * 58 managed users 12 disables pass and 13 refuse; with 100 employees last time, 90 pass and 89 refuse.
 * Without an employee count (no stack outputs in the preview) the empty and shrink guards cannot be checked,
 * so the run is refused ("unknown-employees", fail closed) unless both of them are overridden.
 *
 * @example evaluateGuards({ changeSet, employees: 0, lastEmployees: 100 }, DEFAULT_GUARDS).ok === false
 */
export function evaluateGuards(input: GuardInput, options: GuardOptions): GuardVerdict {
  validate(options);
  const refusals: Refusal[] = [];
  const checked: string[] = [];
  const record = (outcome: Refusal | string): void => {
    if (typeof outcome === "string") checked.push(outcome);
    else refusals.push(outcome);
  };
  record(deletesGuard(input.changeSet, options));
  record(disablesGuard(input.changeSet, options));
  if (input.changeSet.memberships !== undefined) record(leavesGuard(input.changeSet, options));
  record(skippedGuard(input.changeSet, input.employees ?? 0, options.maxSkipped ?? DEFAULT_SKIP_LIMIT));
  if (input.employees === undefined) {
    record(unknownEmployeesGuard(options));
  } else {
    record(emptyGuard(input.employees, input.changeSet.managedBefore, options));
    record(shrinkGuard(input.employees, input.lastEmployees, options));
  }
  return { ok: refusals.length === 0, refusals, checked };
}

/** Fails on options no flag parser should let through: a guard must never be silently off. */
function validate(options: GuardOptions): void {
  const share = options.minEmployeeShare;
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new RangeError(
      `Invalid value for minEmployeeShare: ${share}. Allowed values are: a number from 0 to 1.`,
    );
  }
  const max = options.maxDisables;
  if (max !== undefined && !(Number.isInteger(max) && max >= 0)) {
    throw new RangeError(`Invalid value for maxDisables: ${max}. Allowed values are: a whole number >= 0.`);
  }
}

function deletesGuard(changeSet: ChangeSet, options: GuardOptions): Refusal | string {
  const released = scopeReleases(changeSet, options.allowScopeRelease === true);
  const deletes = changeSet.users.filter((user) => DELETE_OPS.has(user.op) && !released.has(user.employeeId));
  const scope = scopeReleaseNote(released.size);
  if (deletes.length === 0) return `deletes: no user deletes or replaces${scope}`;
  const what = `${deletes.length} user ${deletes.length === 1 ? "delete/replace" : "deletes/replaces"}`;
  const which = `(${deletes.length === 1 ? "employee" : "employees"} ${idList(deletes)})`;
  if (options.allowDeletes) return `deletes: ${what} ${which}, allowed by --allow-deletes${scope}`;
  return {
    guard: "deletes",
    message: `deletes: ${what} ${which} — this project never deletes accounts; override with --allow-deletes`,
    override: "--allow-deletes",
  };
}

function disablesGuard(changeSet: ChangeSet, options: GuardOptions): Refusal | string {
  const disables = changeSet.users.filter((user) => user.disables).length;
  const { threshold, rule } = disableThreshold(changeSet.managedBefore, options.maxDisables);
  if (disables <= threshold) return `disables: ${disables}, at most ${threshold} allowed (${rule})`;
  const what = `${plural(disables, "account")} would be disabled`;
  if (options.allowMassDisable) {
    return `disables: ${what}, more than ${threshold} (${rule}), allowed by --allow-mass-disable`;
  }
  return {
    guard: "disables",
    message: `disables: ${what}, more than the threshold ${threshold} (${rule}); override with --allow-mass-disable`,
    override: "--allow-mass-disable",
  };
}

/**
 * The most disables a run may make. The default rounds 20 % up to a whole account: it guards against mass
 * events (a broken Personio answer, a wrong date), which are far past the line, so the fraction goes to the
 * routine offboarding a reader of "20 %" expects to pass (58 managed → 11.6 → 12). The product is taken in
 * integers first: 0.2 × 55 is 11.000000000000002 in floating point and would round up to 12.
 */
export function disableThreshold(
  managed: number,
  maxDisables: number | undefined,
): { threshold: number; rule: string } {
  if (maxDisables !== undefined) return { threshold: maxDisables, rule: "set by --max-disables" };
  return {
    threshold: Math.max(5, Math.ceil((managed * 20) / 100)),
    rule: `max(5, 20 % of ${managed} managed)`,
  };
}

/**
 * Group memberships ending in one run, against max(5, 20 % of the memberships the stack managed before): a
 * Personio answer with an attribute suddenly empty would otherwise take every member out of its groups — a
 * lockout as real as a mass disable. The count before is derived from this run's: after − joins − adoptions
 * + leaves (the stack output `groups.memberships` is the count after).
 */
function leavesGuard(changeSet: ChangeSet, options: GuardOptions): Refusal | string {
  const memberships = changeSet.memberships ?? [];
  const count = (change: string): number => memberships.filter((m) => m.change === change).length;
  const leaves = count("leave");
  const after = changeSet.stackOutputs?.groups?.memberships ?? 0;
  const before = Math.max(0, after - count("join") - count("adopt") + leaves);
  const threshold = Math.max(5, Math.ceil((before * 20) / 100));
  const rule = `max(5, 20 % of ${before} managed memberships)`;
  if (leaves <= threshold)
    return `leaves: ${leaves} group memberships end, at most ${threshold} allowed (${rule})`;
  const what = `${plural(leaves, "group membership")} would end`;
  if (options.allowMassLeave === true)
    return `leaves: ${what}, more than ${threshold} (${rule}), allowed by --allow-mass-leave`;
  return {
    guard: "leaves",
    message: `leaves: ${what}, more than the threshold ${threshold} (${rule}); override with --allow-mass-leave`,
    override: "--allow-mass-leave",
  };
}

function unknownEmployeesGuard(options: GuardOptions): Refusal | string {
  const what = "the preview carries no employee count (stack output counts.employees)";
  if (options.allowEmptyPersonio && options.allowShrink) {
    return `unknown-employees: ${what}, allowed by --allow-empty and --allow-shrink`;
  }
  return {
    guard: "unknown-employees",
    message: `unknown-employees: ${what}, so the empty and shrink guards cannot be checked; override with --allow-empty --allow-shrink`,
    override: "--allow-empty --allow-shrink",
  };
}

function emptyGuard(employees: number, managed: number, options: GuardOptions): Refusal | string {
  if (employees > 0) return `empty: Personio lists ${plural(employees, "employee")}`;
  const what = `Personio lists 0 employees while ${plural(managed, "user")} ${managed === 1 ? "is" : "are"} managed`;
  if (options.allowEmptyPersonio) return `empty: ${what}, allowed by --allow-empty`;
  return {
    guard: "empty",
    message: `empty: ${what}; override with --allow-empty`,
    override: "--allow-empty",
  };
}

function shrinkGuard(
  employees: number,
  lastEmployees: number | undefined,
  options: GuardOptions,
): Refusal | string {
  if (lastEmployees === undefined || lastEmployees <= 0) {
    return "shrink: no earlier successful run with employees to compare with";
  }
  const share = percent(options.minEmployeeShare);
  // The tolerance keeps float noise from raising the bar: 0.9 × 70 is 63.00000000000001, and 63 must pass.
  const minimum = Math.ceil(options.minEmployeeShare * lastEmployees - 1e-9);
  const against = `${share} % of the last successful run's ${lastEmployees}`;
  const lists = `Personio lists ${plural(employees, "employee")}`;
  if (employees >= minimum) return `shrink: ${lists}, at least ${minimum} needed (${against})`;
  const what = `${lists}, fewer than ${against} (at least ${minimum} needed)`;
  if (options.allowShrink) return `shrink: ${what}, allowed by --allow-shrink`;
  return {
    guard: "shrink",
    message: `shrink: ${what}; override with --allow-shrink`,
    override: "--allow-shrink",
  };
}

function idList(users: readonly UserChange[]): string {
  const listed = users.slice(0, LISTED_IDS).map((user) => user.employeeId);
  const more = users.length - listed.length;
  return more > 0 ? `${listed.join(", ")} and ${more} more` : listed.join(", ");
}

/** 0.9 → "90", 0.925 → "92.5". */
function percent(share: number): string {
  return String(Number((share * 100).toFixed(2)));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
