/*
 * An approximate Pulumi checkpoint, measured as it grows: what a self-managed backend (file, S3, Azure Blob) stores
 * for a stack and writes during a first `up`. The shape mirrors `pulumi stack export` (`{version: 3, deployment:
 * {manifest, secrets_providers, resources}}`); the resources are built from the registrations the program makes
 * under mocks, with the provider's computed outputs filled in as the azuread provider returns them (every one of
 * the `User`'s 49 properties, mostly empty) and secrets as passphrase ciphertext of the same length. No real
 * checkpoint was available here, so this is an estimate, not a copy.
 */
import { DIRECTORY_TYPE, GROUPS_TYPE, STACK_TYPE, USER_TYPE } from "../src/contract";
import { secret, userOutputs } from "./checkpoint-user";

export { secret } from "./checkpoint-user";

/** One registration, as `pulumi.runtime.setMocks` sees it, with what the mock answered. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly id?: string;
}

/** A resource of the checkpoint, in `pulumi stack export`'s field names (ResourceV3). */
export type CheckpointResource = Readonly<Record<string, unknown>>;

/** The sizes of one stack's checkpoint, and what a first `up` creating all of it writes to a self-managed backend. */
export interface CheckpointSizes {
  readonly resources: number;
  /** Bytes of the final checkpoint, compact JSON. */
  readonly bytes: number;
  /** Bytes of the final checkpoint, indented by 4 spaces as `pulumi stack export` prints it. */
  readonly indentedBytes: number;
  /** Σ over the steps of the checkpoint's size after each step (compact): one whole rewrite per step. */
  readonly firstUpBytes: number;
  readonly firstUpIndentedBytes: number;
}

const MODIFIED = "2026-11-26T10:00:00.000000000Z";
const PROVIDER_ID = "00000000-0000-0000-0000-000000000000";
/** `deployment.resources[i]` is printed at this depth (4 spaces each) in the indented form. */
const RESOURCE_DEPTH = 3;

/** A resource's URN: `urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>`. */
export function urnOf(
  stack: string,
  project: string,
  type: string,
  name: string,
  parentType?: string,
): string {
  const qualified = parentType === undefined || parentType === STACK_TYPE ? type : `${parentType}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/**
 * Builds checkpoint resources from registrations and measures the checkpoint as it grows: after each step a
 * self-managed backend rewrites the whole file, so a first `up` of R resources writes Σ size(k), k = 1 … R.
 */
export class CheckpointMeter {
  private readonly header: { bytes: number; indentedBytes: number };
  private readonly providerUrn: string;
  private readonly stackUrn: string;
  private readonly stackBytes: { bytes: number; indentedBytes: number };
  private count = 0;
  private bytes = 0;
  private indentedBytes = 0;
  private firstUpBytes = 0;
  private firstUpIndentedBytes = 0;

  constructor(
    private readonly stack: string,
    private readonly project: string,
  ) {
    this.header = sizes(checkpointOf([]), 0);
    const [stackResource, provider] = baseResources(stack, project);
    this.stackUrn = String(stackResource.urn);
    this.providerUrn = String(provider.urn);
    this.stackBytes = this.add(stackResource);
    this.add(provider);
  }

  /** The checkpoint resource of one registration, as the engine records it once created. */
  resourceOf(registration: Registration): CheckpointResource {
    const { type, name, custom, inputs } = registration;
    const parentType = type === USER_TYPE ? DIRECTORY_TYPE : custom ? GROUPS_TYPE : STACK_TYPE;
    const parent =
      parentType === STACK_TYPE ? this.stackUrn : urnOf(this.stack, this.project, parentType, "personio");
    const manager =
      typeof inputs["managerId"] === "string" ? /^obj-(.+)$/.exec(inputs["managerId"])?.[1] : undefined;
    const dependencies =
      manager === undefined ? [] : [urnOf(this.stack, this.project, type, manager, parentType)];
    const secretInputs =
      typeof inputs["password"] === "string" ? { ...inputs, password: secret(inputs["password"]) } : inputs;
    return {
      urn: urnOf(this.stack, this.project, type, name, parentType),
      custom,
      ...(custom ? { id: registration.id ?? name } : {}),
      type,
      inputs: custom ? { __defaults: [], ...secretInputs } : {},
      outputs: type === USER_TYPE ? userOutputs(inputs, registration.id ?? name) : custom ? secretInputs : {},
      parent,
      ...(dependencies.length === 0 ? {} : { dependencies }),
      ...(custom ? { provider: `${this.providerUrn}::${PROVIDER_ID}` } : {}),
      ...(custom
        ? {
            propertyDependencies: Object.fromEntries(
              Object.keys(inputs).map((key) => [key, key === "managerId" ? dependencies : []]),
            ),
          }
        : {}),
      ...(type === USER_TYPE ? { retainOnDelete: true, additionalSecretOutputs: ["password"] } : {}),
      created: MODIFIED,
      modified: MODIFIED,
    };
  }

  /** Records one created resource (one step: one rewrite of the whole checkpoint); returns its sizes. */
  add(resource: CheckpointResource): { bytes: number; indentedBytes: number } {
    const size = sizes(resource, RESOURCE_DEPTH);
    // Separators: "," compact; ",\n" indented (the first resource has none, the header's "[]" becomes "[\n…\n        ]").
    this.bytes += size.bytes + (this.count === 0 ? 0 : 1);
    this.indentedBytes += size.indentedBytes + (this.count === 0 ? 10 : 2);
    this.count++;
    this.firstUpBytes += this.header.bytes + this.bytes;
    this.firstUpIndentedBytes += this.header.indentedBytes + this.indentedBytes;
    return size;
  }

  /** The final checkpoint: the stack's outputs are written last, in one more rewrite. */
  finish(stackOutputs: Readonly<Record<string, unknown>>): CheckpointSizes {
    const stack = sizes(
      { urn: this.stackUrn, custom: false, type: STACK_TYPE, outputs: stackOutputs },
      RESOURCE_DEPTH,
    );
    const bytes = this.header.bytes + this.bytes + stack.bytes - this.stackBytes.bytes;
    const indentedBytes =
      this.header.indentedBytes + this.indentedBytes + stack.indentedBytes - this.stackBytes.indentedBytes;
    return {
      resources: this.count,
      bytes,
      indentedBytes,
      firstUpBytes: this.firstUpBytes + bytes,
      firstUpIndentedBytes: this.firstUpIndentedBytes + indentedBytes,
    };
  }
}

/** The first two resources of every checkpoint: the stack (its outputs still empty) and the default provider. */
export function baseResources(stack: string, project: string): [CheckpointResource, CheckpointResource] {
  const stackUrn = urnOf(stack, project, STACK_TYPE, `${project}-${stack}`);
  return [
    { urn: stackUrn, custom: false, type: STACK_TYPE, outputs: {} },
    {
      urn: urnOf(stack, project, "pulumi:providers:azuread", "default_6_9_1"),
      custom: true,
      id: PROVIDER_ID,
      type: "pulumi:providers:azuread",
      inputs: { __internal: {}, version: "6.9.1" },
      outputs: { version: "6.9.1" },
      parent: stackUrn,
      created: MODIFIED,
      modified: MODIFIED,
    },
  ];
}

/** The export document around `resources`. */
export function checkpointOf(resources: readonly CheckpointResource[]): Record<string, unknown> {
  return {
    version: 3,
    deployment: {
      manifest: { time: MODIFIED, magic: "0".repeat(64), version: "v3.248.0" },
      secrets_providers: { type: "passphrase", state: { salt: `v1:${"A".repeat(12)}:${"A".repeat(44)}` } },
      resources,
    },
  };
}

/** UTF-8 bytes of `value` as compact JSON, and indented by 4 spaces when printed at `depth`. */
export function sizes(value: unknown, depth: number): { bytes: number; indentedBytes: number } {
  const indented = JSON.stringify(value, null, 4);
  const lines = indented.split("\n").length;
  return {
    bytes: Buffer.byteLength(JSON.stringify(value)),
    indentedBytes: Buffer.byteLength(indented) + lines * 4 * depth,
  };
}
