import { z } from "zod";
import { GraphPayloadError, GraphRequestError } from "./errors";
import { type RetryDeps, sendWithRetry } from "./retry";
import type { MailUser } from "./types";

const MailUserSchema = z.object({
  id: z.string().min(1),
  mail: z.string().nullable().default(null),
}) satisfies z.ZodType<MailUser, unknown>;

/**
 * `GET /users/{id | upn}?$select=id,mail`: the user's object id and primary SMTP address, or undefined when the
 * tenant holds no such user (404). Any other failure throws, as every read of the client does.
 */
export async function readUser(
  deps: RetryDeps,
  idOrUpn: string,
  signal?: AbortSignal,
): Promise<MailUser | undefined> {
  const path = `/users/${encodeURIComponent(idOrUpn)}?$select=id,mail`;
  let body: unknown;
  try {
    body = (await sendWithRetry(deps, { method: "GET", path }, signal)).body;
  } catch (error) {
    if (error instanceof GraphRequestError && error.status === 404) return undefined;
    throw error;
  }
  const parsed = MailUserSchema.safeParse(body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") ?? "?";
    throw new GraphPayloadError("/v1.0/users/{key}", `invalid field ${field}`);
  }
  return parsed.data;
}
