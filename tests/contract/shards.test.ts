import { parseShardEnv, SHARD_ENV, shardOf, shardStackName } from "../../src/contract";

const ids = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => String(from + i));

function spread(employeeIds: readonly string[], shards: number): number[] {
  const sizes = new Array<number>(shards).fill(0);
  for (const id of employeeIds) sizes[shardOf(id, shards)] = (sizes[shardOf(id, shards)] as number) + 1;
  return sizes;
}

describe("shardOf", () => {
  it.each([
    // FNV-1a 32-bit reference values: "1" → 0x340ca71c, "a" → 0xe40c292c, "" → 0x811c9dc5.
    ["1", 8, 0x340ca71c % 8],
    ["a", 64, 0xe40c292c % 64],
    ["", 7, 0x811c9dc5 % 7],
    ["12345", 1, 0],
  ])("puts %j in shard %#: FNV-1a of its UTF-8 bytes modulo %i", (id, shards, expected) => {
    expect(shardOf(id, shards)).toBe(expected);
  });

  it.each([[2], [4], [8], [64]])("gives the same shards in any listing order (%i shards)", (shards) => {
    const listing = ids(1, 500);
    const forward = new Map(listing.map((id) => [id, shardOf(id, shards)]));
    const backward = new Map([...listing].reverse().map((id) => [id, shardOf(id, shards)]));
    expect(backward).toEqual(forward);
  });

  it.each([[4], [8]])("moves nobody when employees are added (%i shards)", (shards) => {
    const before = new Map(ids(1, 2000).map((id) => [id, shardOf(id, shards)]));
    const grown = [...ids(5000, 300), ...ids(1, 2000), ...ids(90000, 300)];
    const after = new Map(grown.map((id) => [id, shardOf(id, shards)]));
    for (const [id, shard] of before) expect([id, after.get(id)]).toEqual([id, shard]);
  });

  it.each([
    [2000, 4, 1],
    [100000, 8, 1],
    [100000, 8, 200001],
  ])(
    "balances %i sequential ids over %i shards within ±15 %% of the mean (from id %i)",
    (count, shards, from) => {
      const sizes = spread(ids(from, count), shards);
      const mean = count / shards;
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(count);
      for (const size of sizes) {
        expect(Math.abs(size - mean) / mean).toBeLessThanOrEqual(0.15);
      }
    },
  );
});

describe("shardStackName", () => {
  it.each([
    ["prod", 0, "prod-0"],
    ["prod", 7, "prod-7"],
    ["acme/personio-azuread/prod", 3, "acme/personio-azuread/prod-3"],
  ])("names shard %s %i %s", (stack, index, expected) => {
    expect(shardStackName(stack, index)).toBe(expected);
  });
});

describe("parseShardEnv", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["0/1", { index: 0, shards: 1 }],
    ["3/8", { index: 3, shards: 8 }],
    ["63/64", { index: 63, shards: 64 }],
  ])("reads %j", (value, expected) => {
    expect(parseShardEnv(value)).toEqual(expected);
  });

  it.each([["8/8"], ["3"], ["a/b"], ["3/0"], ["01/8"], ["-1/8"], ["0/65"], [" 3/8"]])(
    "fails on %j",
    (value) => {
      expect(() => parseShardEnv(value)).toThrow(
        `Invalid value for ${SHARD_ENV}: ${JSON.stringify(value)}. ` +
          'Allowed: "<i>/<N>" with N from 1 to 64 and i from 0 to N-1, e.g. "3/8".',
      );
    },
  );
});
