import { handOver } from "../../src/util/hand-over";

describe("handOver", () => {
  it("answers the value once, then undefined", () => {
    const value = { employees: [1, 2, 3] };
    const take = handOver(value);
    expect([take(), take(), take()]).toEqual([value, undefined, undefined]);
  });

  it("answers undefined when given nothing", () => {
    expect(handOver<number>(undefined)()).toBeUndefined();
  });
});
