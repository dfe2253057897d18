import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";

/**
 * The steps an engine run reports, grouped by URN in the order they came: each resource's pre-events, or the
 * outputs event of a resource whose step was never announced (a `same` some engines report only there). The one
 * reading behind the change set and the watch that holds `up` to its preview, so the two cannot disagree.
 */
export class EngineSteps {
  readonly byUrn = new Map<string, StepEventMetadata[]>();

  /** Records the step `event` reports, if any, and returns that resource's steps so far; else undefined. */
  add(event: EngineEvent): readonly StepEventMetadata[] | undefined {
    const pre = event.resourcePreEvent?.metadata;
    if (pre !== undefined) {
      const steps = [...(this.byUrn.get(pre.urn) ?? []), pre];
      this.byUrn.set(pre.urn, steps);
      return steps;
    }
    const outputs = event.resOutputsEvent?.metadata;
    if (outputs === undefined || this.byUrn.has(outputs.urn)) return undefined;
    const steps = [outputs];
    this.byUrn.set(outputs.urn, steps);
    return steps;
  }

  /** Every step of `events`, by URN. */
  static of(events: readonly EngineEvent[]): Map<string, StepEventMetadata[]> {
    const steps = new EngineSteps();
    for (const event of events) steps.add(event);
    return steps.byUrn;
  }
}
