import type { StepEventMetadata } from "@pulumi/pulumi/automation";

/**
 * The top-level properties a resource's steps change, as the engine names them: the keys of `detailedDiff`,
 * else of `diffs`. Each maps to whether the engine diffed it against the declared inputs (`false`: against the
 * state's outputs, e.g. an edit made in the portal).
 * @example a step with `detailedDiff: { "businessPhones[0]": { kind: "update", inputDiff: true } }` → `businessPhones` → true
 */
export function diffedProperties(steps: readonly StepEventMetadata[]): Map<string, boolean> {
  const properties = new Map<string, boolean>();
  for (const step of steps) {
    for (const [path, diff] of Object.entries(step.detailedDiff ?? {})) {
      properties.set(topLevel(path), diff.inputDiff);
    }
  }
  if (properties.size === 0) {
    for (const step of steps) for (const path of step.diffs ?? []) properties.set(topLevel(path), true);
  }
  return properties;
}

/** The property a diff path starts with: `businessPhones[0]` → `businessPhones`. */
function topLevel(path: string): string {
  return /^[^.[]+/.exec(path)?.[0] ?? path;
}
