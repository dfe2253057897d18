type FakeTimersConfig = Exclude<
  Parameters<typeof jest.useFakeTimers>[0],
  { legacyFakeTimers?: true } | undefined
>;

const TIMERS: FakeTimersConfig["doNotFake"] = [
  "hrtime", "nextTick", "performance", "queueMicrotask", "requestAnimationFrame", "cancelAnimationFrame",
  "requestIdleCallback", "cancelIdleCallback", "setImmediate", "clearImmediate", "setInterval", "clearInterval",
  "setTimeout", "clearTimeout",
]; // prettier-ignore

/**
 * Fakes only `Date`, at `now`: the component reads the clock itself (a consumer has no other to give it), while
 * HTTP to the sandbox and the batches' yields need the real timers. Undo with `jest.useRealTimers()`.
 */
export function fakeDateOnly(now: Date): void {
  jest.useFakeTimers({ now, doNotFake: TIMERS });
}
