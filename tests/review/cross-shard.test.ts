import { sumStackOutputs } from "../../src/review/sum-outputs";
import { crossShardLine } from "../../src/review/summary";

describe("links waiting across shards", () => {
  it("adds up each shard's pending manager links and memberships, and leaves them out when no shard has them", () => {
    expect(
      sumStackOutputs([
        { crossShardManagersPending: 2, crossShardMembersPending: 0 },
        { crossShardManagersPending: 1 },
        {},
      ]),
    ).toEqual({ crossShardManagersPending: 3, crossShardMembersPending: 0 });
    expect(sumStackOutputs([{}, {}])).toEqual({});
  });

  it.each([
    [{}, undefined],
    [{ crossShardManagersPending: 0, crossShardMembersPending: 0 }, undefined],
    [
      { crossShardManagersPending: 1 },
      "Across shards: 1 manager link follows on the next cycle (their accounts are new in another shard).",
    ],
    [
      { crossShardManagersPending: 2, crossShardMembersPending: 1 },
      "Across shards: 2 manager links and 1 group membership follow on the next cycle (their accounts are new in another shard).",
    ],
  ])("%j → %s", (outputs, line) => {
    expect(crossShardLine(outputs)).toBe(line);
  });
});
