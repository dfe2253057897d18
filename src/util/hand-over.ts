/**
 * A function that answers `value` once, then undefined, and so holds it only until it is asked: for a large
 * value (the runner's snapshot) that a long-lived closure must pass on without keeping it alive.
 * @example const take = handOver(snapshot); take() → snapshot; take() → undefined
 */
export function handOver<T>(value: T | undefined): () => T | undefined {
  let held = value;
  return () => {
    const taken = held;
    held = undefined;
    return taken;
  };
}
