/*
 * The Pulumi type tokens the program declares and the runner (and the policy pack's tests) read back from
 * engine events. One place, so that the two sides cannot disagree.
 */

/** `azuread.User`: one account per Personio employee. */
export const USER_TYPE = "azuread:index/user:User";
/** `azuread.Group`: a group this stack creates (its `members` list is set by the stack). */
export const GROUP_TYPE = "azuread:index/group:Group";
/** `azuread.GroupMember`: one membership in an existing group. */
export const GROUP_MEMBER_TYPE = "azuread:index/groupMember:GroupMember";
/** The component that parents every user. */
export const DIRECTORY_TYPE = "personio-azuread:index:Directory";
/** The component that parents the groups and memberships. */
export const GROUPS_TYPE = "personio-azuread:index:Groups";
/** The root stack resource, whose outputs are the {@link StackOutputs}. */
export const STACK_TYPE = "pulumi:pulumi:Stack";
/** The public component of the package (src/package), as other Pulumi programs declare it. */
export const PERSONIO_DIRECTORY_TYPE = "personio-azuread:index:PersonioDirectory";
