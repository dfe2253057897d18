import { TokenCache } from "../../src/personio/token-cache";
import { NetworkError } from "../../src/personio/transport";
import type { Clock } from "../../src/util/clock";
import { caught } from "./harness";

const clock: Clock = { now: () => 0, sleep: () => Promise.resolve() };

/** An authenticate function whose calls stay pending until the test answers them. */
function pendingAuth(): {
  readonly signals: AbortSignal[];
  readonly answer: (index: number, token: string) => void;
  readonly authenticate: (signal: AbortSignal) => Promise<{ token: string; expiresInSeconds: number }>;
} {
  const signals: AbortSignal[] = [];
  const answers: ((token: string) => void)[] = [];
  return {
    signals,
    answer: (index, token) => answers[index]?.(token),
    authenticate: (signal) => {
      signals.push(signal);
      return new Promise((resolve) => answers.push((token) => resolve({ token, expiresInSeconds: 86_400 })));
    },
  };
}

describe("TokenCache", () => {
  it("lets an aborted caller go at once while the others keep the shared authentication", async () => {
    const auth = pendingAuth();
    const cache = new TokenCache(auth.authenticate, clock);
    const controller = new AbortController();
    const leaving = caught(cache.get(controller.signal));
    const staying = cache.get(new AbortController().signal);
    controller.abort();
    const error = await leaving;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe("ABORTED");
    expect(auth.signals.map((s) => s.aborted)).toEqual([false]);
    auth.answer(0, "t1");
    expect(await staying).toBe("t1");
    expect(await cache.get()).toBe("t1");
    expect(auth.signals).toHaveLength(1);
  });

  it("cancels the authentication when every caller has aborted, and the next caller starts anew", async () => {
    const auth = pendingAuth();
    const cache = new TokenCache(auth.authenticate, clock);
    const controller = new AbortController();
    const first = caught(cache.get(controller.signal));
    const second = caught(cache.get(controller.signal));
    controller.abort();
    expect((await first).message).toBe("ABORTED");
    expect((await second).message).toBe("ABORTED");
    expect(auth.signals.map((s) => s.aborted)).toEqual([true]);
    const next = cache.get();
    auth.answer(1, "t2");
    expect(await next).toBe("t2");
    expect(auth.signals.map((s) => s.aborted)).toEqual([true, false]);
  });

  it("does not authenticate for a caller whose signal has already aborted", async () => {
    const auth = pendingAuth();
    const cache = new TokenCache(auth.authenticate, clock);
    const error = await caught(cache.get(AbortSignal.abort()));
    expect(error.message).toBe("ABORTED");
    expect(auth.signals).toHaveLength(0);
  });
});
