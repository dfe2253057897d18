import type { EngineEvent } from "@pulumi/pulumi/automation";
import { USER_TYPE } from "../contract";
import { type ChangeSet, changeSetFromEvents } from "../review/change-set";
import { EngineSteps } from "../review/engine-steps";
import { describeDifference, goesBeyond, shapeOf, shapesOf, type StepShape } from "./step-shape";

/** The risky kinds of change a guard counts; `up` may do fewer of each than its preview showed, never more. */
type Risk = "disables" | "deletes" | "replaces";

/** How many resources the failure line names; the rest are counted. */
const NAMED = 5;

/**
 * Watches the engine events of an `up` against the preview the guards checked, resource by resource (URN): an
 * operation the preview did not show for that resource, or a property it did not show changing, is a
 * violation — for users, memberships, groups and every other resource alike; `observe` reports the first one so
 * that the update can be cancelled. Unchanged resources and reads (`same`, `read`, `refresh`) are not steps.
 */
export class UpWatch {
  private readonly previewShapes: Map<string, StepShape>;
  private readonly previewRisks: Record<Risk, Set<string>>;
  private readonly upSteps = new EngineSteps();
  private readonly differences = new Map<string, StepShape>();
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
    this.previewShapes = shapesOf(previewEvents);
    this.previewRisks = risksOf(preview.users);
  }

  /** Feeds one event of the `up`; true the first time the update goes beyond the preview. */
  observe(event: EngineEvent): boolean {
    const steps = this.upSteps.add(event);
    const step = steps?.at(-1);
    if (steps === undefined || step === undefined) return false;
    const shape = shapeOf(steps);
    let beyond = false;
    if (goesBeyond(shape, this.previewShapes.get(step.urn))) {
      this.differences.set(step.urn, shape);
      beyond = true;
    }
    if (step.type === USER_TYPE && step.op !== "same") {
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
   * One line naming what went beyond the preview: the risky kinds with the preview's numbers, then each
   * resource with what `up` did and what the preview showed, in ids and property names only, e.g.
   * `up applied changes the preview did not show: employee-42 update userPrincipalName (preview: department)`.
   */
  describe(): string {
    const risks: string[] = [];
    for (const risk of ["disables", "deletes", "replaces"] as const) {
      const extra = [...this.upRisks[risk]].filter((id) => !this.previewRisks[risk].has(id));
      if (extra.length > 0)
        risks.push(`${this.upRisks[risk].size} ${risk} (preview: ${this.previewRisks[risk].size})`);
    }
    const resources = [...this.differences]
      .slice(0, NAMED)
      .map(([urn, shape]) => describeDifference(urn, shape, this.previewShapes.get(urn)));
    if (this.differences.size > NAMED) resources.push(`${this.differences.size - NAMED} more resources`);
    const parts = [risks.join(", "), resources.join("; ")].filter(Boolean);
    return `up applied changes the preview did not show: ${parts.join("; ") || "steps the preview did not contain"}`;
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
