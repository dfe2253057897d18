import type { PersonioDirectoryArgs } from "./args";

/**
 * The args in the stack config's shape (namespace stripped), for the stack config's schema to validate: the
 * same keys, except that the client secret is `personioClientSecret` beside `personio` there. Values are
 * handed over as they are, so the schema reports a bad one as it does for a stack.
 * @example { personio: { clientId: "c", clientSecret: "s" }, … } → { personio: { clientId: "c" }, personioClientSecret: "s", … }
 */
export function stackConfigOf(
  args: PersonioDirectoryArgs,
  clientSecret: string | undefined,
): Record<string, unknown> {
  // A setting given as undefined is left out, as a stack file leaves it out (the engine would hand over "").
  const given = Object.entries(args).filter(([, value]) => value !== undefined);
  const { personio, ...settings } = Object.fromEntries(given) as Record<string, unknown>;
  if (!isRecord(personio)) return personio === undefined ? settings : { ...settings, personio };
  const connection = { ...personio };
  delete connection["clientSecret"];
  return {
    ...settings,
    personio: connection,
    ...(clientSecret === undefined ? {} : { personioClientSecret: clientSecret }),
  };
}

/**
 * A stack's `personio-azuread:*` values (namespace stripped, not yet validated) as the component's args: the
 * client secret moves into `personio`. The component validates them with the stack config's schema, so a bad
 * value is reported by the key the stack file uses.
 */
export function argsOfStackConfig(config: Readonly<Record<string, unknown>>): PersonioDirectoryArgs {
  const { personioClientSecret, personio, ...settings } = config;
  const moved =
    isRecord(personio) && personioClientSecret !== undefined
      ? { ...personio, clientSecret: personioClientSecret }
      : personio;
  // Left beside a `personio` that is not a section, for the schema to report that section as it is.
  const besides = moved === personio && personioClientSecret !== undefined ? { personioClientSecret } : {};
  return {
    ...settings,
    ...besides,
    ...(moved === undefined ? {} : { personio: moved }),
  } as unknown as PersonioDirectoryArgs;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
