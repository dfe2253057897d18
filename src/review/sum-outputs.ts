import type { ObservedOutputs } from "../contract";

type Counts = NonNullable<ObservedOutputs["counts"]>;
type Groups = NonNullable<ObservedOutputs["groups"]>;

/**
 * The outputs of the shards of one stack as if one stack had declared them all: employee and user counts and
 * memberships added up (each shard counts its own employees), skipped employees, lifecycle events, existing groups
 * and principal names joined (those of the parts that have them: a shard not yet updated has none); the
 * out-of-scope employees added up and their kept and released accounts joined; the links
 * that wait for another shard's new accounts added up. Group objects belong to one shard, so their counts are the
 * largest any shard reports. A part that lacks an output leaves it out of the sum; `initialPasswords` (a secret)
 * is never summed.
 */
export function sumStackOutputs(parts: readonly ObservedOutputs[]): ObservedOutputs {
  const counts = every(parts.map((p) => p.counts));
  const groups = every(parts.map((p) => p.groups));
  const skipped = every(parts.map((p) => p.skipped));
  const existingGroups = every(parts.map((p) => p.existingGroups));
  const lifecycle = every(parts.map((p) => p.lifecycle));
  const outOfScope = every(parts.map((p) => p.outOfScope));
  const principalNames = parts.map((p) => p.principalNames).filter(isRecord);
  const pending = (key: "crossShardManagersPending" | "crossShardMembersPending") =>
    parts.some((p) => p[key] !== undefined) ? { [key]: parts.reduce((n, p) => n + (p[key] ?? 0), 0) } : {};
  return {
    ...pending("crossShardManagersPending"),
    ...pending("crossShardMembersPending"),
    ...(counts === undefined ? {} : { counts: sumCounts(counts) }),
    ...(groups === undefined ? {} : { groups: sumGroups(groups) }),
    ...(skipped === undefined ? {} : { skipped: skipped.flat() }),
    ...(existingGroups === undefined ? {} : { existingGroups: Object.assign({}, ...existingGroups) }),
    ...(lifecycle === undefined
      ? {}
      : {
          lifecycle: {
            nextEvents: lifecycle.flatMap((l) => l.nextEvents),
            rehires: lifecycle.flatMap((l) => l.rehires),
          },
        }),
    ...(principalNames.length === 0 ? {} : { principalNames: Object.assign({}, ...principalNames) }),
    ...(outOfScope === undefined
      ? {}
      : {
          outOfScope: {
            employees: outOfScope.reduce((n, o) => n + o.employees, 0),
            kept: outOfScope.flatMap((o) => o.kept),
            released: outOfScope.flatMap((o) => o.released),
          },
        }),
  };
}

/** The values when every part has one, else undefined (a sum with a missing part would undercount). */
function every<T>(values: readonly (T | undefined)[]): T[] | undefined {
  return values.every((v) => v !== undefined) ? (values as T[]) : undefined;
}

function sumCounts(parts: readonly Counts[]): Counts {
  const sum = (key: keyof Counts): number => parts.reduce((total, part) => total + part[key], 0);
  return {
    employees: sum("employees"),
    managed: sum("managed"),
    enabled: sum("enabled"),
    disabled: sum("disabled"),
    adopted: sum("adopted"),
    created: sum("created"),
    skipped: sum("skipped"),
  };
}

function sumGroups(parts: readonly Groups[]): Groups {
  const most = (key: keyof Groups): number => Math.max(0, ...parts.map((part) => part[key]));
  return {
    groups: most("groups"),
    created: most("created"),
    existing: most("existing"),
    memberships: parts.reduce((total, part) => total + part.memberships, 0),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
