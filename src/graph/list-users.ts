import { z } from "zod";
import { GraphPayloadError } from "./errors";
import { type RetryDeps, sendWithRetry } from "./retry";
import { TENANT_USER_FIELDS, type TenantUser } from "./types";

/** One user as Graph lists it; fields Graph adds beyond `$select` (`@odata.type`, …) are ignored. */
export const TenantUserSchema = z.object({
  id: z.string().min(1),
  employeeId: z.string().nullable().default(null),
  userPrincipalName: z.string().min(1),
  mail: z.string().nullable().default(null),
  accountEnabled: z.boolean().nullable().default(null),
  signInSessionsValidFromDateTime: z.string().nullable().default(null),
  onPremisesSyncEnabled: z.boolean().nullable().default(null),
  onPremisesExtensionAttributes: z.record(z.string(), z.string().nullable()).nullable().default(null),
}) satisfies z.ZodType<TenantUser, unknown>;

const PageSchema = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.string().optional(),
});

/** The first page's path: every field the Graph step reads, Graph's largest page. */
export const LIST_USERS_PATH = `/users?$select=${TENANT_USER_FIELDS.join(",")}&$top=999`;

/**
 * Every user of the tenant: follows `@odata.nextLink` until it is absent, so a partial listing never passes for
 * the tenant. A page that fails (after retries) or does not validate fails the whole listing.
 */
export async function listTenantUsers(
  deps: RetryDeps & { readonly baseUrl: string },
  signal?: AbortSignal,
): Promise<TenantUser[]> {
  const users: TenantUser[] = [];
  const seen = new Set<string>();
  let path: string | undefined = LIST_USERS_PATH;
  for (let page = 1; path !== undefined; page++) {
    const answer = await sendWithRetry(deps, { method: "GET", path }, signal);
    const parsed = PageSchema.safeParse(answer.body);
    if (!parsed.success) throw new GraphPayloadError("/v1.0/users", `page ${page} is not a user listing`);
    parsed.data.value.forEach((raw, index) => {
      const user = TenantUserSchema.safeParse(raw);
      if (!user.success) {
        const field = user.error.issues[0]?.path.join(".") ?? "?";
        throw new GraphPayloadError("/v1.0/users", `page ${page}, user ${index + 1}: invalid field ${field}`);
      }
      users.push(user.data);
    });
    path = parsed.data["@odata.nextLink"];
    if (path !== undefined && !path.startsWith(`${deps.baseUrl}/`)) {
      throw new GraphPayloadError(
        "/v1.0/users",
        `page ${page}'s @odata.nextLink leaves the base URL ${deps.baseUrl}`,
      );
    }
    if (path !== undefined && seen.has(path)) {
      throw new GraphPayloadError("/v1.0/users", `page ${page}'s @odata.nextLink repeats an earlier page`);
    }
    if (path !== undefined) seen.add(path);
  }
  return users;
}
