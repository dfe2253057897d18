/*
 * The join between the program and the runner when a stack is split into shards (`personio-azuread:shards: N`):
 * which shard an employee belongs to, the name of a shard's stack, and the variable through which the runner
 * tells a shard stack's program which shard it is.
 */

/** Set by the runner for a shard stack's preview and up, as `"<i>/<N>"` (e.g. `"3/8"`). */
export const SHARD_ENV = "PERSONIO_AZUREAD_SHARD";

/** The most shards a stack may be split into (`personio-azuread:shards`). */
export const MAX_SHARDS = 64;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const UTF8 = new TextEncoder();

/**
 * The shard of an employee: FNV-1a (32-bit) over the UTF-8 bytes of the decimal Personio id, modulo `shards`.
 * It depends on the id only — never a name, department or office, whose change would move the account between
 * stacks — so it is stable across listings and adding employees moves nobody else.
 * @example shardOf("1", 8) === 4 (FNV-1a("1") = 0x340ca71c)
 */
export function shardOf(employeeId: string, shards: number): number {
  let hash = FNV_OFFSET;
  for (const byte of UTF8.encode(employeeId)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash % shards;
}

/** The stack of shard `index` of `stack`: `prod` → `prod-3`. */
export function shardStackName(stack: string, index: number): string {
  return `${stack}-${index}`;
}

/** A malformed {@link SHARD_ENV}: one line naming the variable, the value and what is allowed. */
export class ShardEnvError extends Error {
  override readonly name = "ShardEnvError";
}

/**
 * Reads {@link SHARD_ENV}: undefined or empty → undefined (not a shard run); `"3/8"` → `{ index: 3, shards: 8 }`.
 * Throws {@link ShardEnvError} for anything else (`"8/8"`, `"3"`, `"a/b"`).
 */
export function parseShardEnv(value: string | undefined): { index: number; shards: number } | undefined {
  if (value === undefined || value === "") return undefined;
  const match = /^(0|[1-9]\d*)\/([1-9]\d*)$/.exec(value);
  const index = Number(match?.[1]);
  const shards = Number(match?.[2]);
  if (match === null || shards > MAX_SHARDS || index >= shards) {
    throw new ShardEnvError(
      `Invalid value for ${SHARD_ENV}: ${JSON.stringify(value.slice(0, 40))}. ` +
        `Allowed: "<i>/<N>" with N from 1 to ${MAX_SHARDS} and i from 0 to N-1, e.g. "3/8".`,
    );
  }
  return { index, shards };
}
