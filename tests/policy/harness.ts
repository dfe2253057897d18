import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

import { USER_TYPE } from "../../src/contract";

/** The type token of `azuread.User`, as the engine sends it. */
export { USER_TYPE };

/** What one validation of one resource produced. */
export interface Outcome {
  readonly violations: readonly string[];
  /** The reason the policy gave for not applying, if it did so. */
  readonly notApplicable?: string;
}

class NotApplicable extends Error {
  constructor(readonly reason: string | undefined) {
    super(reason ?? "not applicable");
  }
}

/**
 * Runs a policy's `validateResource` on one resource the way the engine does (the `ResourceValidationArgs` of
 * @pulumi/policy 1.21's analyzer): `getConfig` returns `config`, violations are collected.
 */
export async function validate(
  policy: ResourceValidationPolicy,
  props: Record<string, unknown>,
  { type = USER_TYPE, config = {} }: { type?: string; config?: Record<string, unknown> } = {},
): Promise<Outcome> {
  const isType: ResourceValidationArgs["isType"] = (resourceClass) =>
    (resourceClass as unknown as { __pulumiType?: unknown }).__pulumiType === type;
  const args: ResourceValidationArgs = {
    type,
    props,
    urn: `urn:pulumi:test::personio-azuread::${type}::employee-1`,
    name: "employee-1",
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType,
    asType: ((resourceClass: Parameters<typeof isType>[0]) =>
      isType(resourceClass) ? props : undefined) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason) => {
      throw new NotApplicable(reason);
    },
  };
  const violations: string[] = [];
  const validations = policy.validateResource;
  try {
    for (const validation of Array.isArray(validations) ? validations : [validations]) {
      await validation?.(args, (message) => violations.push(message));
    }
  } catch (e) {
    if (e instanceof NotApplicable) return { violations, notApplicable: e.reason };
    throw e;
  }
  return { violations };
}
