import type { EngineEvent } from "@pulumi/pulumi/automation";
import { type ChangeSet, changeSetFromEvents } from "../review/change-set";
import type { StackOps } from "./stack-ops";

/** Runs a preview and turns its engine events into a change set. */
export async function previewChanges(stack: StackOps, signal?: AbortSignal): Promise<ChangeSet> {
  const events: EngineEvent[] = [];
  await stack.preview((event) => events.push(event), signal);
  return changeSetFromEvents(events);
}
