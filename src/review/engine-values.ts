/** What a secret value is shown as: the value itself never leaves the engine's events. */
export const SECRET = "[secret]";
/** What a value the engine only knows after `up` (a new account's object id) is shown as. */
export const UNKNOWN = "[unknown]";

/** Pulumi's serialised secret: `{ "4dabf…": "1b47…", value | plaintext | ciphertext }`. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Pulumi's sentinel for a value not known during a preview. */
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** An engine event value with secrets as {@link SECRET} and unknowns as {@link UNKNOWN}, at any depth. */
export function normalise(value: unknown): unknown {
  if (value === UNKNOWN_SENTINEL) return UNKNOWN;
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "object" && value !== null) {
    if (SECRET_SIG_KEY in value) return SECRET;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalise(item)]));
  }
  return value;
}

/** Numeric ids by value (any length), then any other id by code point. */
export function compareIds(a: string, b: string): number {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA !== numericB) return numericA ? -1 : 1;
  const [x, y] = numericA ? [a.replace(/^0+(?=\d)/, ""), b.replace(/^0+(?=\d)/, "")] : [a, b];
  if (x.length !== y.length && numericA) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
