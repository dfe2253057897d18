import type { EngineEvent } from "@pulumi/pulumi/automation";
import { type ChangeSet, changeSetFromEvents } from "../review/change-set";
import type { StackOps } from "./stack-ops";

/**
 * Runs a preview and turns its engine events into a change set; the events are collected into `events`, so that a
 * caller still has the ones that came before a failure.
 */
export async function previewChanges(
  stack: StackOps,
  signal?: AbortSignal,
  events: EngineEvent[] = [],
): Promise<ChangeSet> {
  await stack.preview((event) => events.push(event), signal);
  return changeSetFromEvents(events);
}
