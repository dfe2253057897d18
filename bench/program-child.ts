/**
 * One measurement in this fresh process (run by program.bench.ts): `program N BASE_URL` runs the real
 * program under mocks against a Personio sandbox listing N employees; `targeted N SNAPSHOT IDS` runs it from a
 * reconcile cycle's snapshot file, as the preview and `up` of `--only IDS` do (the mocks know no targets: the
 * engine runs the whole program for a targeted update, so the work is the same), counting the registrations the
 * targets select; `bare N` registers N `azuread.User`s with the generated class in one loop, as a program without
 * the mitigations would. Prints one JSON line.
 */
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../src/program";
import { peakRssMb } from "./child";
import type { ProgramBenchResult } from "./program.bench";
import { snapshotFromEnv } from "../src/program/snapshot-source";
import { SNAPSHOT_ENV } from "../src/snapshot";
import { BENCH_CONFIG as CONFIG } from "./program-config";

const USER = "azuread:index/user:User";

async function main(): Promise<ProgramBenchResult> {
  const [mode, count, baseUrl, ids] = process.argv.slice(2);
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
        return { id: `${args.name}-id`, state: { ...args.inputs, objectId: `obj-${args.name}` } };
      },
      call: (args) => {
        invokes++;
        return args.token === "azuread:index/getUsers:getUsers" ? { users: [] } : args.inputs;
      },
    },
    "personio-azuread",
    "bench",
    false,
  );
  const started = performance.now();
  if (mode === "targeted") {
    // `baseUrl` is the snapshot file here: the program reads it as under `pulumi preview --target …`.
    await runProgram({
      config: CONFIG,
      env: { PERSONIO_CLIENT_SECRET: "sandbox-secret" },
      now: new Date("2026-11-26T10:00:00Z"),
      snapshot: snapshotFromEnv({ [SNAPSHOT_ENV]: baseUrl }),
    });
  } else if (mode === "program") {
    await runProgram({
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
  return {
    mode: mode as string,
    employees,
    wallMs,
    peakRssMb: peakRssMb(),
    resources,
    users,
    invokes,
    ...(mode === "targeted" ? { targeted } : {}),
  };
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
