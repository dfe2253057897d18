import { groupUrn, membershipUrn, shardOf, userUrn } from "../../src/contract";
import { moveScript, shardMoves, stackOfEmployee, URNS_PER_COMMAND } from "../../src/plan/shard-moves";

const PROJECT = "personio-azuread";
const GROUP = "0a1b2c3d-0000-4000-8000-00000000000a";
const scope = (stack: string) => ({ stack, project: PROJECT });
const ids = (count: number) => Array.from({ length: count }, (_, i) => String(i + 1));
const accounts = (count: number) => new Map(ids(count).map((id) => [id, id === "1" ? [GROUP] : []]));

describe("shardMoves", () => {
  it("moves every account from the base stack to its shard when a stack is first split (1 → 2)", () => {
    const moves = shardMoves({
      stack: "prod",
      project: PROJECT,
      from: 1,
      to: 2,
      accounts: accounts(10),
      createdGroups: ["dept-Sales"],
    });
    const inShard = (shard: number) => ids(10).filter((id) => shardOf(id, 2) === shard);
    const urnsOf = (shard: number) =>
      inShard(shard).flatMap((id) => [
        userUrn(scope("prod"), id),
        ...(id === "1" ? [membershipUrn(scope("prod"), "1", GROUP)] : []),
      ]);
    expect(moves).toEqual([
      {
        source: "prod",
        dest: "prod-0",
        employees: inShard(0),
        urns: [...urnsOf(0), groupUrn(scope("prod"), "dept-Sales")],
      },
      { source: "prod", dest: "prod-1", employees: inShard(1), urns: urnsOf(1) },
    ]);
    expect(moves[0]?.urns).toContain(
      "urn:pulumi:prod::personio-azuread::personio-azuread:index:Groups$azuread:index/group:Group::group-dept-sales",
    );
  });

  it.each([
    [2, 4],
    [4, 8],
    [8, 3],
  ])(
    "moves only the employees whose stack changes (%i → %i), created groups staying in shard 0",
    (from, to) => {
      const moves = shardMoves({
        stack: "prod",
        project: PROJECT,
        from,
        to,
        accounts: accounts(2000),
        createdGroups: ["g"],
      });
      const expected = ids(2000).filter((id) => shardOf(id, from) !== shardOf(id, to));
      expect(moves.flatMap((m) => m.employees).sort()).toEqual([...expected].sort());
      for (const move of moves) {
        for (const id of move.employees) {
          expect([id, move.source, move.dest]).toEqual([
            id,
            stackOfEmployee("prod", from, id),
            stackOfEmployee("prod", to, id),
          ]);
        }
        expect(move.urns.filter((u) => u.includes("group:Group"))).toEqual([]);
      }
      const pairs = moves.map((m) => `${m.source}>${m.dest}`);
      expect(new Set(pairs).size).toBe(pairs.length);
    },
  );

  it("merges every shard back into the base stack (4 → 1), the created groups from shard 0", () => {
    const moves = shardMoves({
      stack: "prod",
      project: PROJECT,
      from: 4,
      to: 1,
      accounts: accounts(40),
      createdGroups: ["g"],
    });
    expect(moves.map((m) => [m.source, m.dest])).toEqual([
      ["prod-0", "prod"],
      ["prod-1", "prod"],
      ["prod-2", "prod"],
      ["prod-3", "prod"],
    ]);
    expect(moves.reduce((n, m) => n + m.employees.length, 0)).toBe(40);
    expect(moves[0]?.urns.at(-1)).toBe(groupUrn(scope("prod-0"), "g"));
    expect(moves[1]?.urns[0]).toBe(userUrn(scope("prod-1"), moves[1]?.employees[0] as string));
  });
});

describe("moveScript", () => {
  it("prints one quoted pulumi state move per 100 URNs of a pair, without --include-parents", () => {
    const urns = Array.from({ length: 2 * URNS_PER_COMMAND + 1 }, (_, i) => `urn:${i}`);
    const script = moveScript(
      [
        { source: "prod", dest: "prod-1", employees: [], urns },
        { source: "prod", dest: "prod-0", employees: [], urns: ["urn:x::group-it's"] },
      ],
      ["one", "two"],
    );
    const lines = script.split("\n");
    expect(lines.slice(0, 4)).toEqual(["#!/bin/sh", "# one", "# two", "set -eu"]);
    expect(lines.filter((l) => l.startsWith("pulumi "))).toEqual([
      "pulumi state move --source 'prod' --dest 'prod-1' --yes \\",
      "pulumi state move --source 'prod' --dest 'prod-1' --yes \\",
      "pulumi state move --source 'prod' --dest 'prod-1' --yes \\",
      "pulumi state move --source 'prod' --dest 'prod-0' --yes \\",
    ]);
    expect(lines.filter((l) => l.startsWith("  'urn:")).length).toBe(urns.length + 1);
    expect(lines.at(-1)).toBe(`  'urn:x::group-it'\\''s'`);
    expect(lines[5]).toBe("  'urn:0' \\");
    expect(lines[4 + URNS_PER_COMMAND]).toBe(`  'urn:${URNS_PER_COMMAND - 1}'`);
    expect(script).not.toContain("--include-parents");
  });
});
