import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import { logicalNameOf, STACK_TYPE } from "../contract";
import { EngineSteps } from "../review/engine-steps";
import { diffedProperties } from "../review/step-diffs";

/** Steps that change nothing: an unchanged resource, and the reads of a refresh or of a `get`. */
const PASSIVE = new Set<OpType>(["same", "read", "refresh"]);
/** Any one of them makes the resource's steps a replacement. */
const REPLACE_STEPS = new Set<OpType>(["replace", "create-replacement", "delete-replaced"]);

/** What a run does to one resource: its operations (passive ones left out) and the properties they change. */
export interface StepShape {
  readonly type: string;
  readonly ops: ReadonlySet<OpType>;
  readonly properties: ReadonlySet<string>;
}

/** One resource's steps reduced to a {@link StepShape}. */
export function shapeOf(steps: readonly StepEventMetadata[]): StepShape {
  return {
    type: (steps[0] as StepEventMetadata).type,
    ops: new Set(steps.map((step) => step.op).filter((op) => !PASSIVE.has(op))),
    properties: new Set(diffedProperties(steps).keys()),
  };
}

/** Every resource's shape in a run's events, by URN. */
export function shapesOf(events: readonly EngineEvent[]): Map<string, StepShape> {
  return new Map([...EngineSteps.of(events)].map(([urn, steps]) => [urn, shapeOf(steps)]));
}

/**
 * Whether `up` went beyond its preview on one resource: an operation the preview did not show for that URN, or
 * a property it did not show changing. Doing less is not a difference. The root stack's steps change only its
 * outputs, whose values `up` knows better than the preview: their properties are not compared, their operations are.
 */
export function goesBeyond(up: StepShape, preview: StepShape | undefined): boolean {
  if ([...up.ops].some((op) => preview?.ops.has(op) !== true)) return true;
  if (up.type === STACK_TYPE) return false;
  return [...up.properties].some((property) => preview?.properties.has(property) !== true);
}

/**
 * A difference in ids and property names, never values: the logical name, `up`'s operation, the properties it
 * changed beyond the preview, and what the preview showed for that resource.
 * @example "employee-42 update userPrincipalName (preview: department)", "member-7-0f… delete (preview: no step)"
 */
export function describeDifference(urn: string, up: StepShape, preview: StepShape | undefined): string {
  const op = opOf(up.ops);
  const beyond =
    up.type === STACK_TYPE
      ? []
      : sorted(up.properties).filter((name) => preview?.properties.has(name) !== true);
  const what = [logicalNameOf(urn), op, beyond.join(", ")].filter(Boolean).join(" ");
  if (preview === undefined || preview.ops.size === 0) return `${what} (preview: no step)`;
  const previewOp = opOf(preview.ops);
  const properties = sorted(preview.properties).join(", ");
  const shown =
    previewOp === op ? properties || "no properties" : [previewOp, properties].filter(Boolean).join(" ");
  return `${what} (preview: ${shown})`;
}

/** One name for a resource's operations: a replacement's steps are one `replace`, else the ops in order. */
function opOf(ops: ReadonlySet<OpType>): string {
  if ([...ops].some((op) => REPLACE_STEPS.has(op))) return "replace";
  return [...ops].join("+");
}

function sorted(properties: ReadonlySet<string>): string[] {
  return [...properties].sort();
}
