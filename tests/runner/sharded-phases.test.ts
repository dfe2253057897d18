import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { runReconcileCommand } from "../../src/cli/reconcile-command";
import { BUNDLE_KEY_ENV } from "../../src/runner/bundle-files";
import { programEvents, userInputs } from "../fixtures/engine-events";
import {
  calls,
  dir,
  EMPLOYEES,
  reconcileDeps,
  ROOT,
  sandbox,
  scenario,
  STUB,
  useStubWorld,
} from "./stub-harness";

/** Issue 24, part C: a sharded cycle in three phases, as hosts of a CI system or a cluster run it. */
useStubWorld();

const SHARDS = 4;
const KEY = Buffer.alloc(32, 7).toString("base64");
const OTHER_KEY = Buffer.alloc(32, 9).toString("base64");
const SHARD_COUNTS = {
  employees: 25,
  managed: 15,
  enabled: 15,
  disabled: 0,
  adopted: 0,
  created: 15,
  skipped: 10,
};

/** Shard `shard`'s change: two users' department A → B, both also disabled with `disable`. */
function shardUpdates(shard: number, disable = false) {
  return programEvents(
    [0, 1].map((i) => {
      const id = String(1000 * (shard + 1) + i);
      return {
        employeeId: id,
        op: "update",
        old: userInputs(id, `u${id}@contoso.com`, { department: "A" }),
        new: userInputs(id, `u${id}@contoso.com`, { department: "B", accountEnabled: !disable }),
        diffs: disable ? ["accountEnabled", "department"] : ["department"],
      };
    }),
    SHARD_COUNTS,
  );
}

function perShard(steps: (shard: number) => Record<string, unknown>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (let shard = 0; shard < SHARDS; shard++)
    for (const [command, step] of Object.entries(steps(shard))) answers[`${command}@prod-${shard}`] = step;
  return answers;
}

function project(stack = "prod", shards = SHARDS): string {
  const root = path.join(dir, "project");
  mkdirSync(path.join(root, "stacks"), { recursive: true });
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
  writeFileSync(
    path.join(root, "stacks", `Pulumi.${stack}.yaml`),
    `config:\n  personio-azuread:shards: ${shards}\n`,
  );
  return root;
}

/** One phase: `reconcile --stack <stack> <flags>` with the bundle key in the environment. */
async function phase(flags: string[], options: { key?: string; stack?: string; shards?: number } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stack = options.stack ?? "prod";
  const code = await runReconcileCommand(
    [
      "--stack",
      stack,
      "--cwd",
      project(stack, options.shards),
      "--pulumi-root",
      STUB,
      "--refresh-every",
      "never",
      ...flags,
    ],
    reconcileDeps({
      stdout: (line) => out.push(line),
      stderr: (line) => err.push(line),
      env: { PERSONIO_BASE_URL: sandbox.baseUrl, [BUNDLE_KEY_ENV]: options.key ?? KEY },
    }),
  );
  return { code, out, err };
}

const bundle = () => path.join(dir, "bundle");
const cliCalls = () =>
  readFileSync(path.join(dir, "calls.log"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as string[]);
const upsOf = () =>
  cliCalls()
    .filter((argv) => argv[0] === "up")
    .map((argv) => argv[argv.indexOf("--stack") + 1]);

describe("reconcile in three phases on a sharded stack (--check, --apply-shard, --after-up)", () => {
  it("checks once, applies prod-0 … prod-3 from the sealed bundle, then runs the after-up steps once", async () => {
    scenario(
      perShard((shard) => ({
        preview: { events: shardUpdates(shard) },
        up: { events: shardUpdates(shard) },
      })),
    );
    const check = await phase(["--check", "--out", bundle()]);
    expect(check.code).toBe(0);
    expect(upsOf()).toEqual([]);
    expect(readdirSync(bundle()).sort()).toEqual([
      "manifest.json",
      "preview-0.bin",
      "preview-1.bin",
      "preview-2.bin",
      "preview-3.bin",
      "snapshot.bin",
    ]);
    for (const name of readdirSync(bundle()))
      expect(statSync(path.join(bundle(), name)).mode & 0o777).toBe(0o600);
    expect(statSync(bundle()).mode & 0o777).toBe(0o700);
    const manifest = JSON.parse(readFileSync(path.join(bundle(), "manifest.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect({ ...manifest, id: "-", createdAt: 0 }).toEqual({
      version: 1,
      id: "-",
      stack: "prod",
      shards: 4,
      createdAt: 0,
      employees: EMPLOYEES.length,
      changes: [2, 2, 2, 2],
    });
    // Nothing personal in plain text: not the first employee's name or e-mail, not a login of the previews.
    for (const name of readdirSync(bundle())) {
      const text = readFileSync(path.join(bundle(), name), "latin1");
      for (const secret of ["Vogel", "katharina.vogel@contoso.com", "u1000@contoso.com"])
        expect(text).not.toContain(secret);
    }

    for (const shard of [0, 1, 2, 3]) {
      const apply = await phase(["--apply-shard", String(shard), "--checked", bundle()]);
      expect(apply.code).toBe(0);
    }
    expect(upsOf()).toEqual(["prod-0", "prod-1", "prod-2", "prod-3"]);
    const after = await phase(["--after-up", "--checked", bundle()]);
    expect(after.code).toBe(0);
    expect(upsOf()).toHaveLength(4);
    expect(after.out.filter((line) => line.includes("cycle.shards"))).toEqual([
      expect.stringMatching(
        /info cycle\.shards status=applied shards="applied: prod-0, prod-1, prod-2, prod-3"$/,
      ),
    ]);
    // The success is recorded once, on the base stack, by the after-up phase.
    expect(cliCalls().filter((argv) => argv.slice(0, 3).join(" ") === "stack tag set")).toEqual([
      [
        "stack",
        "tag",
        "set",
        "personio-azuread:last-success",
        expect.any(String),
        "--stack",
        "prod",
        "--non-interactive",
      ],
    ]);
  }, 120_000);

  it("cancels a shard's up that goes beyond its checked preview, and the after-up phase fails naming it", async () => {
    scenario(
      perShard((shard) => ({
        preview: { events: shardUpdates(shard) },
        up: { events: shardUpdates(shard, shard === 2) },
      })),
    );
    expect((await phase(["--check", "--out", bundle()])).code).toBe(0);
    const codes: number[] = [];
    for (const shard of [0, 1, 2, 3])
      codes.push((await phase(["--apply-shard", String(shard), "--checked", bundle()])).code);
    expect(codes).toEqual([0, 0, 1, 0]);
    const after = await phase(["--after-up", "--checked", bundle()]);
    expect(after.code).toBe(1);
    expect(after.out.find((line) => line.includes("cycle.shards"))).toMatch(
      /warn cycle\.shards status=failed shards="applied: prod-0, prod-1, prod-3; failed: prod-2"$/,
    );
    expect(after.out.find((line) => line.includes("error cycle.failed"))).toContain(
      "1 of 4 shards failed to apply (prod-2): prod-2: up applied changes the preview did not show",
    );
  }, 120_000);

  it("fails the after-up phase for a shard that left no result", async () => {
    scenario(
      perShard((shard) => ({
        preview: { events: shardUpdates(shard) },
        up: { events: shardUpdates(shard) },
      })),
    );
    expect((await phase(["--check", "--out", bundle()])).code).toBe(0);
    for (const shard of [0, 1, 3]) await phase(["--apply-shard", String(shard), "--checked", bundle()]);
    const after = await phase(["--after-up", "--checked", bundle()]);
    expect(after.code).toBe(1);
    expect(after.out.find((line) => line.includes("error cycle.failed"))).toContain(
      "1 of 4 shards failed to apply (prod-2): prod-2: no result: its --apply-shard did not run to the end",
    );
  }, 120_000);

  it.each([
    [
      "a tampered snapshot",
      () => {
        const file = path.join(bundle(), "snapshot.bin");
        const bytes = readFileSync(file);
        bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
        writeFileSync(file, bytes);
      },
      {},
      "Invalid checked bundle BUNDLE: snapshot.bin does not authenticate (changed, from another bundle, or sealed with another PERSONIO_AZUREAD_BUNDLE_KEY). Allowed: the files --check wrote, read with its key.",
    ],
    [
      "a manifest edited to another creation time",
      () => {
        const file = path.join(bundle(), "manifest.json");
        const manifest = JSON.parse(readFileSync(file, "utf8")) as { createdAt: number };
        writeFileSync(file, JSON.stringify({ ...manifest, createdAt: manifest.createdAt + 1 }));
      },
      {},
      "Invalid checked bundle BUNDLE: snapshot.bin does not authenticate (changed, from another bundle, or sealed with another PERSONIO_AZUREAD_BUNDLE_KEY). Allowed: the files --check wrote, read with its key.",
    ],
    [
      "another key",
      () => undefined,
      { key: OTHER_KEY },
      "Invalid checked bundle BUNDLE: snapshot.bin does not authenticate (changed, from another bundle, or sealed with another PERSONIO_AZUREAD_BUNDLE_KEY). Allowed: the files --check wrote, read with its key.",
    ],
    [
      "a bundle for another stack",
      () => undefined,
      { stack: "staging" },
      "Invalid checked bundle BUNDLE: it was checked for stack prod with 4 shards. Allowed: a bundle of --stack staging with 4 shards (personio-azuread:shards).",
    ],
    [
      "a bundle for another shard count",
      () => undefined,
      { shards: 8 },
      "Invalid checked bundle BUNDLE: it was checked for stack prod with 4 shards. Allowed: a bundle of --stack prod with 8 shards (personio-azuread:shards).",
    ],
  ])(
    "refuses %s (exit 1) and runs no up",
    async (_, spoil, options, message) => {
      scenario(
        perShard((shard) => ({
          preview: { events: shardUpdates(shard) },
          up: { events: shardUpdates(shard) },
        })),
      );
      expect((await phase(["--check", "--out", bundle()])).code).toBe(0);
      spoil();
      const apply = await phase(["--apply-shard", "1", "--checked", bundle()], options);
      expect(apply.code).toBe(1);
      expect(apply.err).toEqual([message.replace("BUNDLE", bundle())]);
      expect(upsOf()).toEqual([]);
    },
    60_000,
  );

  it("refuses a bundle older than --max-bundle-age", async () => {
    scenario(perShard((shard) => ({ preview: { events: shardUpdates(shard) } })));
    expect((await phase(["--check", "--out", bundle()])).code).toBe(0);
    const file = path.join(bundle(), "manifest.json");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { createdAt: number };
    writeFileSync(file, JSON.stringify({ ...manifest, createdAt: manifest.createdAt - 3 * 3_600_000 }));
    const apply = await phase(["--apply-shard", "0", "--checked", bundle(), "--max-bundle-age", "1h"]);
    expect(apply.code).toBe(1);
    expect(apply.err).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Invalid checked bundle ${bundle()}: written 3 h( 0 min)? ago\\. Allowed: at most --max-bundle-age 1 h( 0 min)? old; run --check again\\.$`,
        ),
      ),
    ]);
  }, 60_000);

  it("writes no bundle and exits 2 when the summed changes are refused", async () => {
    scenario(perShard((shard) => ({ preview: { events: shardUpdates(shard, true) } })));
    const check = await phase(["--check", "--out", bundle(), "--max-disables", "5"]);
    expect(check.code).toBe(2);
    expect(check.out.filter((line) => line.includes("warn guard.refused guard=disables"))).toEqual([
      expect.stringContaining('reason="disables: 8 accounts would be disabled, more than the threshold 5'),
    ]);
    expect(existsSync(bundle())).toBe(false);
  });

  it.each([
    ["missing", undefined, "Invalid value for PERSONIO_AZUREAD_BUNDLE_KEY: not set."],
    [
      "16 bytes",
      Buffer.alloc(16).toString("base64"),
      "Invalid value for PERSONIO_AZUREAD_BUNDLE_KEY: 16 bytes after base64 decoding.",
    ],
    [
      "not base64",
      "not a key!",
      "Invalid value for PERSONIO_AZUREAD_BUNDLE_KEY: 0 bytes after base64 decoding.",
    ],
  ])("exits 2 before any CLI call when the key is %s", async (_, key, start) => {
    scenario({});
    const out: string[] = [];
    const err: string[] = [];
    const code = await runReconcileCommand(
      ["--stack", "prod", "--cwd", project(), "--pulumi-root", STUB, "--check", "--out", bundle()],
      reconcileDeps({
        stdout: (line) => out.push(line),
        stderr: (line) => err.push(line),
        env: { PERSONIO_BASE_URL: sandbox.baseUrl, ...(key === undefined ? {} : { [BUNDLE_KEY_ENV]: key }) },
      }),
    );
    expect(code).toBe(2);
    expect(err).toEqual([
      `${start} Allowed: 32 random bytes in base64 (openssl rand -base64 32), the same for --check and every later phase.`,
    ]);
    expect(calls().filter((call) => call === "preview")).toEqual([]);
  });
});
