import { z } from "zod";

/*
 * The stack outputs: what the program returns and what the runner reads back (from preview events and from
 * `pulumi stack output`). The program's return type is checked against {@link StackOutputsSchema}; the runner
 * parses what it reads once, with {@link readStackOutputs}, and stops on a mismatch.
 */

/** The output write-back reads: employee id → UPN of every managed account. Not a secret. */
export const PRINCIPAL_NAMES_OUTPUT = "principalNames";

const count = z.number().int().nonnegative();

/** Counts of a run; `adopted` counts existing accounts matched (those this stack created before included). */
export const StackCountsSchema = z.object({
  employees: count,
  managed: count,
  enabled: count,
  disabled: count,
  adopted: count,
  created: count,
  skipped: count,
});

/** Groups the rules fill (created + existing), those created, those existing, and enabled users × groups. */
export const GroupCountsSchema = z.object({
  groups: count,
  created: count,
  existing: count,
  memberships: count,
});

/** The `counts` output. */
export type StackCounts = z.infer<typeof StackCountsSchema>;
/** The `groups` output. */
export type GroupCounts = z.infer<typeof GroupCountsSchema>;

/** The `reason` of a skipped employee whose Personio record had an unreadable field (`attribute`: the field). */
export const UNREADABLE_RECORD = "unreadable record";

/** An employee the program did not declare: id, reason, the missing attribute, the day due; never a name. */
export const SkippedOutputSchema = z.object({
  employeeId: z.string(),
  reason: z.string(),
  attribute: z.string().optional(),
  createOn: z.string().optional(),
});

/**
 * For the pull-request summary: each employee's next lifecycle event on a later day (create, enable, disable at
 * 00:00 company time), and new profiles that look like rehires of another employee's disabled account. Ids and
 * dates only.
 */
export const LifecycleOutputSchema = z.object({
  nextEvents: z.array(
    z.object({
      employeeId: z.string(),
      event: z.enum(["create", "enable", "disable"]),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
  ),
  rehires: z.array(z.object({ employeeId: z.string(), previousEmployeeId: z.string() })),
});

/**
 * With `personio-azuread:scope`: how many listed employees it leaves out, and the employee ids of those whose
 * managed account this run keeps as it is (`kept`) or releases from the stack (`released`, `--allow-scope-release`).
 */
export const OutOfScopeOutputSchema = z.object({
  employees: count,
  kept: z.array(z.string()),
  released: z.array(z.string()),
});

/** The `outOfScope` output. */
export type OutOfScopeOutput = z.infer<typeof OutOfScopeOutputSchema>;

/** `{ "101": "anna.mueller@contoso.com" }`: Personio employee ids (decimal) to UPNs. */
export const PrincipalNamesSchema = z.record(z.string().regex(/^[1-9]\d*$/), z.string().min(1));

/**
 * The stack outputs as the program declares them: counts, skipped employees, initial passwords (a secret; absent
 * when a Temporary Access Pass is configured: the passwords are then never shown), group counts, the names of the existing groups the stack adds members to (by object id, for previews), and
 * the UPN of every managed account by employee id, and the coming lifecycle events.
 */
export const StackOutputsSchema = z.object({
  counts: StackCountsSchema,
  skipped: z.array(SkippedOutputSchema),
  initialPasswords: z.record(z.string(), z.string()).optional(),
  groups: GroupCountsSchema,
  existingGroups: z.record(z.string(), z.string()),
  [PRINCIPAL_NAMES_OUTPUT]: PrincipalNamesSchema,
  lifecycle: LifecycleOutputSchema,
  /**
   * In a shard stack only: its users whose manager's account is new this cycle in another shard (linked on the
   * next cycle), and members of created groups (shard 0) waiting the same way. Absent when not sharded.
   */
  crossShardManagersPending: count.optional(),
  crossShardMembersPending: count.optional(),
  /** With a scope only (see {@link OutOfScopeOutputSchema}). */
  outOfScope: OutOfScopeOutputSchema.optional(),
});

/** The stack outputs, as the program returns them once resolved. */
export type StackOutputs = z.infer<typeof StackOutputsSchema>;

/**
 * The stack outputs as the runner sees them: any may be missing (a stack not yet updated by this version,
 * secrets left out of `stack output`); secret or not-yet-known outputs (`initialPasswords`, `principalNames`
 * in a preview) are left for their one reader to check (write-back reads `principalNames`).
 */
export const ObservedOutputsSchema = StackOutputsSchema.extend({
  initialPasswords: z.unknown(),
  [PRINCIPAL_NAMES_OUTPUT]: z.unknown(),
}).partial();

/** What {@link readStackOutputs} returns. */
export type ObservedOutputs = z.infer<typeof ObservedOutputsSchema>;

/** `counts.employees` of the program's stack outputs, when present. */
export function employeesOf(outputs: ObservedOutputs | undefined): number | undefined {
  return outputs?.counts?.employees;
}

/** Stack outputs that do not have the contract's shape: one line, paths and expectations, never the values. */
export class StackOutputsError extends Error {
  override readonly name = "StackOutputsError";
}

/**
 * Parses stack outputs read from the engine or the CLI; undefined stays undefined (no outputs yet). Throws
 * {@link StackOutputsError} naming each mismatching path, so that a program and a runner of different versions
 * stop instead of guessing.
 */
export function readStackOutputs(raw: unknown): ObservedOutputs | undefined {
  if (raw === undefined) return undefined;
  const parsed = ObservedOutputsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length === 0 ? "(root)" : issue.path.join(".")}: ${issue.message}`,
  );
  const shown = problems.slice(0, 3).join("; ");
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : "";
  throw new StackOutputsError(
    `Invalid stack outputs: ${shown}${more}. ` +
      "Allowed: the outputs of this version of the program; deploy the program and the runner together.",
  );
}
