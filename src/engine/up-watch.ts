import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import { USER_TYPE } from "../contract";
import { type ChangeSet, changeSetFromEvents } from "../review/change-set";

/** The risky kinds of change a guard counts; `up` may do fewer of each than its preview showed, never more. */
type Risk = "disables" | "deletes" | "replaces";

const REPLACE_OPS = new Set<OpType>([
  "replace",
  "create-replacement",
  "delete-replaced",
  "import-replacement",
]);

/**
 * Watches the engine events of an `up` against the preview the guards checked. A step on a resource the
 * preview did not show with that operation, or a disable, delete or replace of an account the preview did not
 * disable, delete or replace, is a violation: `observe` reports the first one so the update can be cancelled.
 */
export class UpWatch {
  private readonly previewOps = new Map<string, Set<OpType>>();
  private readonly previewRisks: Record<Risk, Set<string>>;
  private readonly upSteps = new Map<string, StepEventMetadata[]>();
  private readonly unexpected = new Map<OpType, number>();
  private readonly upRisks: Record<Risk, Set<string>> = {
    disables: new Set(),
    deletes: new Set(),
    replaces: new Set(),
  };
  private violated = false;

  constructor(
    previewEvents: readonly EngineEvent[],
    preview: ChangeSet = changeSetFromEvents(previewEvents),
  ) {
    for (const event of previewEvents) {
      const step = event.resourcePreEvent?.metadata;
      if (step === undefined) continue;
      const ops = this.previewOps.get(step.urn) ?? new Set<OpType>();
      ops.add(step.op);
      this.previewOps.set(step.urn, ops);
    }
    this.previewRisks = risksOf(preview.users);
  }

  /** Feeds one event of the `up`; true the first time the update goes beyond the preview. */
  observe(event: EngineEvent): boolean {
    const step = event.resourcePreEvent?.metadata;
    if (step === undefined || step.op === "same") return false;
    const steps = [...(this.upSteps.get(step.urn) ?? []), step];
    this.upSteps.set(step.urn, steps);
    let beyond = false;
    if (this.previewOps.get(step.urn)?.has(step.op) !== true) {
      this.unexpected.set(step.op, (this.unexpected.get(step.op) ?? 0) + 1);
      beyond = true;
    }
    if (step.type === USER_TYPE) {
      const [change] = changeSetFromEvents(
        steps.map((metadata) => ({ resourcePreEvent: { metadata } }) as EngineEvent),
      ).users;
      for (const [risk, flagged] of Object.entries(risksOf(change === undefined ? [] : [change])) as [
        Risk,
        Set<string>,
      ][]) {
        for (const id of flagged) {
          this.upRisks[risk].add(id);
          if (!this.previewRisks[risk].has(id)) beyond = true;
        }
      }
    }
    if (!beyond || this.violated) return false;
    this.violated = true;
    return true;
  }

  /** Whether any step went beyond the preview. */
  get violation(): boolean {
    return this.violated;
  }

  /**
   * One line naming what went beyond the preview, with the preview's numbers, e.g.
   * `up applied changes the preview did not show: 30 disables (preview: 0)`.
   */
  describe(): string {
    const parts: string[] = [];
    for (const risk of ["disables", "deletes", "replaces"] as const) {
      const extra = [...this.upRisks[risk]].filter((id) => !this.previewRisks[risk].has(id));
      if (extra.length > 0)
        parts.push(`${this.upRisks[risk].size} ${risk} (preview: ${this.previewRisks[risk].size})`);
    }
    for (const [op, count] of [...this.unexpected].sort(([a], [b]) => a.localeCompare(b))) {
      if (op === "delete" || REPLACE_OPS.has(op)) continue;
      parts.push(`${count} ${op} step${count === 1 ? "" : "s"} on resources the preview did not ${op}`);
    }
    return `up applied changes the preview did not show: ${parts.join(", ") || "steps the preview did not contain"}`;
  }
}

function risksOf(users: ChangeSet["users"]): Record<Risk, Set<string>> {
  const risks: Record<Risk, Set<string>> = { disables: new Set(), deletes: new Set(), replaces: new Set() };
  for (const user of users) {
    if (user.disables) risks.disables.add(user.employeeId);
    if (user.op === "delete") risks.deletes.add(user.employeeId);
    if (user.op === "replace" || user.op === "import-replacement") risks.replaces.add(user.employeeId);
  }
  return risks;
}
