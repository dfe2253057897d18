import { PendingIds, type SettledBatch } from "../../src/webhooks/pending-ids";
import { TokenBucket } from "../../src/webhooks/token-bucket";

describe("PendingIds", () => {
  it("keeps each id once, with its first delivery's time, and empties on take", () => {
    let now = 100;
    const settled: SettledBatch[] = [];
    const queue = new PendingIds(
      () => now,
      (batch) => settled.push(batch),
    );
    let wakes = 0;
    const unsubscribe = queue.onArrival(() => wakes++);
    queue.add("812");
    now = 150;
    queue.add("913");
    queue.add("812");
    expect([queue.size, queue.oldestArrival(), wakes]).toEqual([2, 100, 2]);
    const batch = queue.take();
    expect([[...batch.ids], queue.size, queue.oldestArrival()]).toEqual([["812", "913"], 0, undefined]);
    now = 1150;
    batch.settled({ status: "applied" });
    expect(settled).toEqual([{ result: { status: "applied" }, delaysMs: [1050, 1000] }]);
    unsubscribe();
    queue.add("812");
    expect([queue.oldestArrival(), wakes]).toEqual([1150, 2]);
  });
});

describe("TokenBucket", () => {
  it.each([
    [0, [true, true, true, false]],
    [500, [true, true, true, true, false]],
    [10_000, [true, true, true, true, true, true, false]],
  ])("after %i ms of refill at 2/s holds up to 3", (waitMs, expected) => {
    let now = 0;
    const bucket = new TokenBucket(3, 2, () => now);
    const first = [bucket.take(), bucket.take(), bucket.take()];
    now += waitMs;
    const later = Array.from({ length: expected.length - 3 }, () => bucket.take());
    expect([...first, ...later]).toEqual(expected);
  });
});
