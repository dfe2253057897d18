import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { runProgram } from "../../src/program";
import { Directory } from "../../src/program/directory";
import type { Snapshot } from "../../src/snapshot";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";
import { installMocks, type MockWorld, valueOf } from "./mocks";
import { listFromSandbox } from "./sample-company";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const CONFIG = {
  personio: { clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_TEST" },
  ...SAMPLE_CONFIG,
  groups: [{ attribute: "department", groupPrefix: "dept-" }],
};
const ENV = { PERSONIO_BASE_URL: "http://127.0.0.1:9", PERSONIO_CLIENT_SECRET: "never-used" };
const world: MockWorld = { resources: [], invokes: [], tenant: [] };
let listing: string;

beforeAll(async () => {
  listing = JSON.stringify(await listFromSandbox());
  await installMocks(world);
});
beforeEach(() => {
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

/** Weak references to a snapshot's parts: they tell, after a collection, what someone still holds. */
interface Watched {
  readonly listing: WeakRef<object>;
  readonly employees: { readonly id: number; readonly ref: WeakRef<object> }[];
}

/** Starts the program on a snapshot that only the program holds; `watched` sees its parts. */
function runOnOwnSnapshot(shard: number | undefined, watched: Watched[]): ReturnType<typeof runProgram> {
  const snapshot: Snapshot = {
    version: 1,
    today: "2026-11-26",
    employees: JSON.parse(listing) as Snapshot["employees"],
  };
  watched.push({
    listing: new WeakRef(snapshot.employees),
    employees: snapshot.employees.map((e) => ({ id: e.id, ref: new WeakRef(e) })),
  });
  return runProgram({
    config: shard === undefined ? CONFIG : { ...CONFIG, shards: 3 },
    env: shard === undefined ? ENV : { ...ENV, PERSONIO_AZUREAD_SHARD: `${shard}/3` },
    now: new Date("2026-11-26T10:00:00Z"),
    stack: shard === undefined ? "prod" : `prod-${shard}`,
    snapshot,
    newPassword: () => "Initial-Password",
  });
}

describe("the program's memory while it declares", () => {
  it.each([
    ["an unsharded stack", undefined],
    ["shard 0 of 3 (it owns the created groups)", 0],
    ["shard 2 of 3", 2],
  ])(
    "holds no employee of the listing in %s: the snapshot is released before the first account",
    async (_c, shard) => {
      const watched: Watched[] = [];
      const alive: { listing: boolean; employees: number[] }[] = [];
      const declare = Directory.declare.bind(Directory);
      jest.spyOn(Directory, "declare").mockImplementation(async (...args) => {
        // A WeakRef holds its target until the microtasks run out: under mocks, the whole run so far.
        await new Promise((resolve) => setImmediate(resolve));
        gc();
        const [snapshot] = watched;
        alive.push({
          listing: snapshot?.listing.deref() !== undefined,
          employees: (snapshot?.employees ?? []).filter((e) => e.ref.deref() !== undefined).map((e) => e.id),
        });
        return declare(...args);
      });
      const outputs = await runOnOwnSnapshot(shard, watched);
      await valueOf(outputs.initialPasswords);

      // The run declared accounts from that snapshot, and nothing of it was alive when it began to.
      expect(outputs.counts.managed).toBeGreaterThan(10);
      expect(alive).toEqual([{ listing: false, employees: [] }]);
    },
  );
});
