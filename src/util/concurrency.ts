import { setMaxListeners } from "node:events";

/**
 * Maps `items` through `task` with at most `limit` tasks running at once, keeping input order.
 * Fails fast: the first failure aborts the signal handed to the other tasks and is the one rethrown,
 * so a listing never continues (or returns) after one part of it failed. `outer` aborts them all from outside.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, signal: AbortSignal) => Promise<R>,
  /** The caller's abort: passed on to every running task, and no further task starts. */
  outer?: AbortSignal,
): Promise<R[]> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  if (outer?.aborted) abort();
  outer?.addEventListener("abort", abort, { once: true });
  // Every running task listens on the one signal (HTTP, timers, pacing): that is by design, not a leak.
  setMaxListeners(Math.max(10, limit * 4), controller.signal);
  const results = new Array<R>(items.length);
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && firstError === undefined) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T, controller.signal);
      } catch (error) {
        firstError ??= { error };
        controller.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  } finally {
    outer?.removeEventListener("abort", abort);
  }
  if (firstError !== undefined) throw firstError.error;
  return results;
}
