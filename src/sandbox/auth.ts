import { randomBytes } from "node:crypto";
import type { SandboxCredentials } from "./types";

/** Bearer tokens issued by `POST /v1/auth`: reusable in parallel until they expire or are revoked. */
export class TokenStore {
  private readonly expiries = new Map<string, number>();

  /** Issues a random token valid for `ttlSeconds` from `now` (ms). */
  issue(ttlSeconds: number, now: number): string {
    const token = randomBytes(24).toString("base64url");
    this.expiries.set(token, now + ttlSeconds * 1000);
    return token;
  }

  /** True while `token` was issued, is not revoked and has not expired at `now` (ms). */
  isValid(token: string, now: number): boolean {
    const expiry = this.expiries.get(token);
    return expiry !== undefined && now < expiry;
  }

  revokeAll(): void {
    this.expiries.clear();
  }
}

/**
 * The credentials of a `POST /v1/auth` body, JSON or form-encoded (Personio accepts both); undefined when
 * the body carries none.
 */
export function readCredentials(
  body: string,
  contentType: string | undefined,
): SandboxCredentials | undefined {
  let fields: Record<string, unknown>;
  if (contentType?.toLowerCase().includes("application/x-www-form-urlencoded")) {
    fields = Object.fromEntries(new URLSearchParams(body));
  } else {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== "object" || parsed === null) return undefined;
      fields = parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const { client_id: clientId, client_secret: clientSecret } = fields;
  return typeof clientId === "string" && typeof clientSecret === "string"
    ? { clientId, clientSecret }
    : undefined;
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive). */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}
