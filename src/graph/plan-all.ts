import { accessPassCandidates, planAccessPasses } from "./access-passes";
import type { GraphPlan, GraphPlanInput } from "./actions";
import { planExtensionAttributes } from "./extension-attributes";
import { planRevokes } from "./revokes";

/**
 * Every Graph action one cycle derives — revokes, then extension attributes, then access passes — and the
 * accounts the planners left alone. `methods` says how many passes each candidate has (see
 * {@link accessPassCandidates}); without it, as offline or with a read-only identity, every candidate counts as
 * having none, so the passes are a ceiling.
 */
export function planGraph(input: GraphPlanInput, methods?: ReadonlyMap<string, number>): GraphPlan {
  const revokes = planRevokes(input);
  const extensions = planExtensionAttributes(input);
  const known = methods ?? new Map(accessPassCandidates(input).map((id) => [id, 0]));
  const passes = planAccessPasses(input, known);
  return {
    actions: [...revokes.actions, ...extensions.actions, ...passes.actions],
    warnings: [...revokes.warnings, ...extensions.warnings, ...passes.warnings],
  };
}
