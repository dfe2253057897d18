import type { LoadedConfig } from "../config";
import { isExtensionAttribute } from "../entra/extension-attributes";
import { GRAPH_PERMISSIONS, graphConfigured } from "../graph";
import type { CheckResult } from "./check";

/** A feature the stack turns on and the application permissions of which any one is enough for it. */
export interface RoleNeed {
  readonly feature: string;
  readonly anyOf: readonly string[];
}

/** Broader permissions Entra accepts in place of a narrower one, as Graph's permission reference lists them. */
const ALSO_BY: Readonly<Record<string, readonly string[]>> = {
  [GRAPH_PERMISSIONS.listUsers]: ["User.ReadWrite.All"],
  [GRAPH_PERMISSIONS.revokeSessions]: ["User.ReadWrite.All"],
};

const need = (feature: string, permission: string): RoleNeed => ({
  feature,
  anyOf: [permission, ...(ALSO_BY[permission] ?? [])],
});

/**
 * The application permissions each feature the stack turns on needs: users always; groups with group rules
 * (creating groups needs Group.ReadWrite.All, adding members to existing ones GroupMember.ReadWrite.All is
 * enough); the Graph step's tenant read, revokes, access passes and their mail, and extension attributes.
 */
export function roleNeeds(config: LoadedConfig): RoleNeed[] {
  const needs: RoleNeed[] = [{ feature: "users", anyOf: ["User.ReadWrite.All"] }];
  if (config.groups.length > 0) {
    const creates = config.groups.some((rule) => "group" in rule || "groupPrefix" in rule);
    needs.push({
      feature: "groups",
      anyOf: creates ? ["Group.ReadWrite.All"] : ["GroupMember.ReadWrite.All", "Group.ReadWrite.All"],
    });
  }
  const extensions = Object.keys(config.attributeMapping).some(isExtensionAttribute);
  const tap = config.graph.temporaryAccessPass !== undefined;
  if (graphConfigured(config)) needs.push(need("tenant read (Graph step)", GRAPH_PERMISSIONS.listUsers));
  if (config.graph.revokeSessions) needs.push(need("revoke sessions", GRAPH_PERMISSIONS.revokeSessions));
  if (tap) {
    needs.push(need("Temporary Access Pass", GRAPH_PERMISSIONS.accessPass));
    needs.push(need("access pass mail", GRAPH_PERMISSIONS.sendMail));
  }
  if (extensions) needs.push(need("extension attributes", GRAPH_PERMISSIONS.extensionAttributes));
  return needs;
}

/**
 * The `roles` claim of an access token: the application permissions granted to the app, read without checking
 * the signature — the token came straight from the token endpoint, and only what it grants is read from it.
 * Returns the reason when the token is not a JWT with a payload.
 */
export function tokenRoles(token: string): readonly string[] | { readonly error: string } {
  const payload = token.split(".")[1];
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8"));
    if (typeof claims !== "object" || claims === null) throw new TypeError("not an object");
    const roles = (claims as { roles?: unknown }).roles ?? [];
    if (!Array.isArray(roles) || !roles.every((role) => typeof role === "string")) {
      return { error: "its roles claim is not a list of permission names" };
    }
    return roles;
  } catch {
    return { error: "the access token is not a JWT with a JSON payload" };
  }
}

/** One line per feature: granted (naming the role that covers it) or missing (naming what to grant). */
export function checkRoles(needs: readonly RoleNeed[], roles: readonly string[]): CheckResult[] {
  return needs.map(({ feature, anyOf }) => {
    const name = `Graph permission for ${feature}`;
    const granted = anyOf.find((role) => roles.includes(role));
    if (granted !== undefined) return { name, status: "ok", detail: `${granted} granted.` };
    const wanted = anyOf.join(" or ");
    return {
      name,
      status: "fail",
      detail: `${wanted} not granted (the token grants ${roles.length === 0 ? "none" : roles.join(", ")}).`,
      fix:
        `grant the app the Microsoft Graph application permission ${anyOf[0] ?? wanted} and admin consent ` +
        "(Entra admin center › App registrations › API permissions); new tokens carry it.",
    };
  });
}
