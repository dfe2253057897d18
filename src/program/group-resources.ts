/** Graph's limit for a group's `description`. */
const DESCRIPTION_MAX_LENGTH = 1024;

/** The `azuread.GroupMember` import id of a membership that is already in the tenant. */
export function membershipImportId(groupObjectId: string, memberObjectId: string): string {
  return `${groupObjectId}/member/${memberObjectId}`;
}

/**
 * What a created group says about itself in Entra, so that an administrator knows not to edit its members.
 * Cut to Graph's 1,024 characters with a count of the conditions left out.
 * @example "Managed by personio-azuread from Personio department = Sales; members are set by the stack"
 */
export function groupDescription(sources: readonly string[]): string {
  const text = (shown: readonly string[], more: number): string =>
    `Managed by personio-azuread from Personio ${shown.join(" or ")}` +
    `${more > 0 ? ` (and ${more} more)` : ""}; members are set by the stack`;
  for (let shown = sources.length; shown > 0; shown--) {
    const candidate = text(sources.slice(0, shown), sources.length - shown);
    if (candidate.length <= DESCRIPTION_MAX_LENGTH) return candidate;
  }
  return text([], sources.length).slice(0, DESCRIPTION_MAX_LENGTH);
}
