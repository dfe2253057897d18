import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether an `Authorization` header carries the webhook token, as Personio sends it (verbatim) or as
 * `Bearer <token>`. Both forms are compared as SHA-256 digests with `timingSafeEqual`, so neither the length nor
 * the first differing byte of the token shows in the response time.
 * @example authorized("Bearer s3cr3t…", "s3cr3t…") === true
 */
export function authorized(header: string | undefined, token: string): boolean {
  if (header === undefined) return false;
  const given = digest(header);
  const plain = timingSafeEqual(given, digest(token));
  const bearer = timingSafeEqual(given, digest(`Bearer ${token}`));
  return plain || bearer;
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
