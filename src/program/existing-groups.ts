import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, NAMESPACE } from "../config";
import type { PlannedGroup } from "../groups";

/** An existing group as the tenant holds it now. */
export interface TenantGroup {
  readonly objectId: string;
  readonly displayName: string;
  /** Object ids of its direct members (users, groups, service principals). */
  readonly members: ReadonlySet<string>;
}

/** Every group of the tenant, as `azuread.getGroups({ returnAll: true })` lists them (parallel arrays). */
export interface GroupListing {
  readonly displayNames: readonly string[];
  readonly objectIds: readonly string[];
}

/**
 * The object id of every existing group referenced by display name. Display names are not unique in Entra and
 * compare ignoring case; a name that no group or more than one group has is a config error naming the rule, the
 * name and the count. Groups referenced by object id are not looked up here.
 */
export function objectIdsByName(
  groups: readonly PlannedGroup[],
  listing: GroupListing,
): Map<PlannedGroup, string> {
  const holders = new Map<string, string[]>();
  listing.displayNames.forEach((name, index) => {
    const key = name.toLowerCase();
    holders.set(key, [...(holders.get(key) ?? []), (listing.objectIds[index] ?? "").toLowerCase()]);
  });
  const ids = new Map<PlannedGroup, string>();
  for (const group of groups) {
    if (group.kind !== "existing" || group.objectId !== undefined) continue;
    const found = holders.get(group.label.toLowerCase()) ?? [];
    if (found.length !== 1) {
      const why =
        found.length === 0
          ? "no group has this name"
          : `${found.length} groups have this name; give the one meant as existingGroupId`;
      throw new ConfigError(
        `Invalid value for ${NAMESPACE}:groups.${group.rule}.existingGroup: ${JSON.stringify(group.label)}. ` +
          `Allowed: the display name of exactly one existing group (${why}).`,
      );
    }
    ids.set(group, found[0] as string);
  }
  return ids;
}

/**
 * Reads the existing groups the rules reference: one `getGroups` listing for all names (only when some group is
 * referenced by name), then each group once for its current members, which decide whether a membership is
 * adopted (imported) or created. Fails before anything is declared on a name that is missing or ambiguous, on a
 * dynamic group (its rule sets its members) and on a group synchronised from on-premises AD (read-only here).
 */
export async function readExistingGroups(
  groups: readonly PlannedGroup[],
): Promise<Map<PlannedGroup, TenantGroup>> {
  const existing = groups.filter((group) => group.kind === "existing");
  if (existing.length === 0) return new Map();
  const named = existing.filter((group) => group.objectId === undefined);
  const listing =
    named.length === 0
      ? { displayNames: [], objectIds: [] }
      : await tenantCall("list the tenant's groups", () => azuread.getGroups({ returnAll: true }));
  const byName = objectIdsByName(existing, listing);
  const idOf = (group: PlannedGroup): string => group.objectId ?? (byName.get(group) as string);
  const firstReference = new Map<string, PlannedGroup>();
  for (const group of existing) if (!firstReference.has(idOf(group))) firstReference.set(idOf(group), group);
  const read = new Map(
    await Promise.all(
      [...firstReference].map(async ([id, group]) => [id, await readGroup(id, group)] as const),
    ),
  );
  return new Map(existing.map((group) => [group, read.get(idOf(group)) as TenantGroup]));
}

async function readGroup(objectId: string, group: PlannedGroup): Promise<TenantGroup> {
  const where = `${NAMESPACE}:groups.${group.rule}`;
  const found = await tenantCall(`read the group ${objectId} (${where})`, () =>
    azuread.getGroup({ objectId }),
  );
  const refuse = (why: string): never => {
    throw new ConfigError(
      `Invalid group in ${where}: ${JSON.stringify(group.label)} ${why}. ` +
        "Allowed: an assigned (not dynamic) cloud group, or a group this stack creates.",
    );
  };
  if ((found.types ?? []).includes("DynamicMembership"))
    refuse("is a dynamic group: its rule sets its members");
  if (found.onpremisesSyncEnabled === true)
    refuse("is synchronised from on-premises AD and read-only in Entra");
  return {
    objectId,
    displayName: found.displayName,
    members: new Set((found.members ?? []).map((id) => id.toLowerCase())),
  };
}

/** A tenant read that fails (permissions, throttling, a missing group) stops the run with one line. */
async function tenantCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const reason = text.split("\n").find((line) => line.trim() !== "") ?? "no reason given";
    throw new pulumi.RunError(`Cannot ${what}: ${reason}`);
  }
}
