import type { EngineEvent } from "@pulumi/pulumi/automation";
import { USER_TYPE } from "../contract";
import type { KnownNames } from "../util/known-names";
import { EngineSteps } from "./engine-steps";

const NAME_INPUTS = ["displayName", "givenName", "surname"] as const;
const LOGIN_INPUTS = ["userPrincipalName", "mailNickname", "mail"] as const;

/**
 * The people an engine run has named so far: the display, given and family names and the logins of every user
 * step, before and after. What a failed preview knows, to keep those people out of the error line it prints.
 */
export function peopleInEvents(events: readonly EngineEvent[]): KnownNames {
  const names: string[] = [];
  const logins: string[] = [];
  for (const steps of EngineSteps.of(events).values()) {
    for (const step of steps) {
      if (step.type !== USER_TYPE) continue;
      for (const inputs of [step.old?.inputs, step.new?.inputs]) {
        if (inputs === undefined) continue;
        for (const key of NAME_INPUTS) if (typeof inputs[key] === "string") names.push(inputs[key]);
        for (const key of LOGIN_INPUTS) if (typeof inputs[key] === "string") logins.push(inputs[key]);
      }
    }
  }
  return { names, logins };
}
