/**
 * One measurement in this fresh process (run by program.bench.ts): `program N BASE_URL` runs the real
 * program under mocks against a Personio sandbox listing N employees; `targeted N SNAPSHOT IDS` runs it from a
 * reconcile cycle's snapshot file, as the preview and `up` of `--only IDS` do (the mocks know no targets: the
 * engine runs the whole program for a targeted update, so the work is the same), counting the registrations the
 * targets select; `snapshot N SNAPSHOT [I/S] [checkpoint]` runs it from a snapshot file, as shard I of S (stack
 * `prod-I`, {@link SHARD_ENV} set) or unsharded, and with `checkpoint` also measures the stack's checkpoint
 * (bench/checkpoint.ts: kept out of the timed runs, as it costs time of its own); `bare N` registers N `azuread.User`s with the generated class in one loop, as a program without
 * the mitigations would. Prints one JSON line.
 */
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { type ProgramInputs } from "../src/program";
import {
  argsOfStackConfig,
  ownStackOptions,
  PersonioDirectory,
  stackOutputsOf,
} from "../src/package/own-program";
import { peakRssMb } from "./child";
import type { ProgramBenchResult } from "./program.bench";
import { snapshotFromEnv } from "../src/program/snapshot-source";
import { SNAPSHOT_ENV } from "../src/snapshot";
import { BENCH_CONFIG as CONFIG } from "./program-config";
import { CheckpointMeter, type CheckpointSizes, secret } from "./checkpoint";
import { SHARD_ENV } from "../src/contract";

/** The measurement, with the checkpoint's sizes when asked for. */
type ChildResult = ProgramBenchResult & { readonly checkpoint?: CheckpointSizes };

const USER = "azuread:index/user:User";

/** The program as index.ts runs it: one PersonioDirectory from the stack config, under the stacks' URNs. */
function runAsIndex({ config, ...own }: ProgramInputs): Promise<unknown> {
  return stackOutputsOf(new PersonioDirectory("personio", argsOfStackConfig(config), ownStackOptions(own)));
}

async function main(): Promise<ChildResult> {
  const [mode, count, baseUrl, ids, measureCheckpoint] = process.argv.slice(2);
  const shard = mode === "snapshot" && ids !== undefined && ids !== "-" ? ids : undefined;
  const stack = shard === undefined ? "prod" : `prod-${shard.split("/")[0]}`;
  const meter =
    measureCheckpoint === "checkpoint" ? new CheckpointMeter(stack, "personio-azuread") : undefined;
  const employees = Number(count);
  const only = (ids ?? "").split(",");
  let resources = 0;
  let users = 0;
  let invokes = 0;
  let targeted = 0;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        resources++;
        if (args.type === USER) users++;
        if (only.some((id) => args.name === `employee-${id}` || args.name.startsWith(`member-${id}-`)))
          targeted++;
        const id = `${args.name}-id`;
        meter?.add(meter.resourceOf({ ...args, custom: args.custom ?? false, id: `obj-${args.name}` }));
        return { id, state: { ...args.inputs, objectId: `obj-${args.name}` } };
      },
      call: (args) => {
        invokes++;
        return args.token === "azuread:index/getUsers:getUsers" ? { users: [] } : args.inputs;
      },
    },
    "personio-azuread",
    mode === "snapshot" ? stack : "bench",
    false,
  );
  const started = performance.now();
  let outputs: unknown;
  if (mode === "snapshot") {
    outputs = await runAsIndex({
      config: shard === undefined ? CONFIG : { ...CONFIG, shards: Number(shard.split("/")[1]) },
      env: {
        PERSONIO_CLIENT_SECRET: "sandbox-secret",
        ...(shard === undefined ? {} : { [SHARD_ENV]: shard }),
      },
      now: new Date("2026-11-26T10:00:00Z"),
      snapshot: snapshotFromEnv({ [SNAPSHOT_ENV]: baseUrl }),
    });
  } else if (mode === "targeted") {
    // `baseUrl` is the snapshot file here: the program reads it as under `pulumi preview --target …`.
    await runAsIndex({
      config: CONFIG,
      env: { PERSONIO_CLIENT_SECRET: "sandbox-secret" },
      now: new Date("2026-11-26T10:00:00Z"),
      snapshot: snapshotFromEnv({ [SNAPSHOT_ENV]: baseUrl }),
    });
  } else if (mode === "program") {
    await runAsIndex({
      config: CONFIG,
      env: { PERSONIO_BASE_URL: baseUrl, PERSONIO_CLIENT_SECRET: "sandbox-secret" },
      now: new Date("2026-11-26T10:00:00Z"),
    });
  } else {
    const parent = new pulumi.ComponentResource("personio-azuread:index:Directory", "personio", {}, {});
    for (let i = 1; i <= employees; i++) {
      new azuread.User(
        `employee-${i}`,
        {
          userPrincipalName: `user${i}@contoso.com`,
          displayName: `User ${i}`,
          givenName: "User",
          surname: String(i),
          mailNickname: `user${i}`,
          employeeId: String(i),
          accountEnabled: true,
          jobTitle: "Engineer",
          department: `Department ${i % 40}`,
          officeLocation: `Office ${i % 7}`,
          password: `Initial-${i}-Pa55word!`,
          forcePasswordChange: true,
        },
        {
          parent,
          retainOnDelete: true,
          ignoreChanges: ["password", "forcePasswordChange", "userPrincipalName"],
        },
      );
    }
  }
  // What the language host waits for before the program counts as done: every registration answered.
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  const wallMs = Math.round(performance.now() - started);
  const checkpoint = meter?.finish(await resolved(outputs));
  return {
    mode: mode as string,
    employees,
    wallMs,
    peakRssMb: peakRssMb(),
    resources,
    users,
    invokes,
    ...(mode === "targeted" ? { targeted } : {}),
    ...(checkpoint === undefined ? {} : { checkpoint }),
  };
}

/** The stack outputs' values (secrets as they are stored: ciphertext of the value's JSON). */
async function resolved(outputs: unknown): Promise<Record<string, unknown>> {
  const entries = Object.entries(outputs as Record<string, unknown>).map(async ([key, value]) => {
    if (!pulumi.Output.isInstance(value)) return [key, value] as const;
    const plain = await (value as unknown as { promise(): Promise<unknown> }).promise();
    const isSecret = await (value as unknown as { isSecret: Promise<boolean> }).isSecret;
    return [key, isSecret ? secret(JSON.stringify(plain)) : plain] as const;
  });
  return Object.fromEntries(await Promise.all(entries));
}

main().then(
  (result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
