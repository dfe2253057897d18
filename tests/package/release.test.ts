import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  argsOfStackConfig,
  ownStackOptions,
  PersonioDirectory,
  stackOutputsOf,
} from "../../src/package/own-program";
import { generateCompany } from "../../src/sandbox";
import type { Snapshot } from "../../src/snapshot";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";
import { installMocks, type MockWorld, valueOf } from "../program/mocks";
import { listFromSandbox } from "../program/sample-company";

/*
 * tests/program/release.test.ts proves runProgram lets go of the runner's snapshot before it declares; this is
 * the path index.ts takes (a PersonioDirectory with the own program's options), which must too: a shard stack
 * declares an eighth of the snapshot, and the rest would be garbage every collection walks.
 */
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const USER = "azuread:index/user:User";
const CONFIG = {
  personio: { clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_TEST" },
  ...SAMPLE_CONFIG,
  groups: [{ attribute: "department", groupPrefix: "dept-" }],
};
const ENV = { PERSONIO_BASE_URL: "http://127.0.0.1:9", PERSONIO_CLIENT_SECRET: "never-used" };
const world: MockWorld = { resources: [], invokes: [], tenant: [] };
let listing: string;

/** What was alive of the snapshot when the first account reached the engine. */
const alive: { listing: boolean; employees: number }[] = [];
let refs: { listing: WeakRef<object>; employees: WeakRef<object>[] } | undefined;

beforeAll(async () => {
  // More accounts per run than one declaration batch (100): the first account reaches the engine while the run is
  // still declaring, so what the run holds then is what it holds while it declares.
  listing = JSON.stringify(await listFromSandbox(generateCompany(700, 5)));
  await installMocks(world);
  // The first user's registration waits a macrotask (a WeakRef holds its target until the job ends), collects,
  // and notes what of the snapshot is still alive.
  const pulumi = await import("@pulumi/pulumi");
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource: (req: { getType(): string }, cb: unknown) => void;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    if (req.getType() !== USER || refs === undefined) return register(req, cb);
    const watched = refs;
    refs = undefined;
    setImmediate(() => {
      gc();
      alive.push({
        listing: watched.listing.deref() !== undefined,
        employees: watched.employees.filter((e) => e.deref() !== undefined).length,
      });
      register(req, cb);
    });
  };
});
beforeEach(() => {
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

/** A PersonioDirectory as index.ts makes it, on a snapshot that only it holds; `refs` watches the snapshot. */
function directoryOnOwnSnapshot(shard: number | undefined): PersonioDirectory {
  const snapshot: Snapshot = { version: 1, today: "2026-11-26", employees: JSON.parse(listing) };
  refs = {
    listing: new WeakRef(snapshot.employees),
    employees: snapshot.employees.map((e) => new WeakRef(e)),
  };
  return new PersonioDirectory(
    "personio",
    argsOfStackConfig(shard === undefined ? CONFIG : { ...CONFIG, shards: 3 }),
    ownStackOptions({
      env: shard === undefined ? ENV : { ...ENV, PERSONIO_AZUREAD_SHARD: `${shard}/3` },
      now: new Date("2026-11-26T10:00:00Z"),
      stack: shard === undefined ? "prod" : `prod-${shard}`,
      snapshot,
      newPassword: () => "Initial-Password",
    }),
  );
}

it.each([
  ["an unsharded stack", undefined],
  ["shard 0 of 3", 0],
  ["shard 2 of 3", 2],
])(
  "index.ts's PersonioDirectory holds no employee of the snapshot in %s once it declares",
  async (_c, shard) => {
    alive.length = 0;
    const outputs = await stackOutputsOf(directoryOnOwnSnapshot(shard));
    await valueOf(outputs.initialPasswords); // resolved once every account is registered

    expect(outputs.counts.managed).toBeGreaterThan(200); // more than two batches in every run
    expect(alive).toEqual([{ listing: false, employees: 0 }]);
  },
);
