/*
 * What identifies a Personio API endpoint and this integration to it: checked the same way by the stack
 * config (`personio.baseUrl`, `personio.appId`) and by the client's own options.
 */

/** Personio's API root, without `/v1`. */
export const DEFAULT_BASE_URL = "https://api.personio.de";

/** The `X-Personio-App-ID` sent when the stack sets none. */
export const DEFAULT_APP_ID = "PERSONIO_AZUREAD";

export const BASE_URL_ALLOWED =
  "an http(s) URL such as https://api.personio.de, with a port 1-65535 if any, and no query, fragment or credentials";

export const APP_ID_ALLOWED = "UPPER_SNAKE_CASE, e.g. ACME_ENTRA_SYNC";

const APP_ID = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** An app id Personio accepts in `X-Personio-App-ID`: UPPER_SNAKE_CASE. */
export function isAppId(text: string): boolean {
  return APP_ID.test(text);
}

/** An API root: http(s), a host, a port 1-65535 if any, no query, fragment or credentials. */
export function isBaseUrl(text: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+/i.test(text) || /\s/.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  // `new URL` drops an empty `?` or `#`, so the text itself is checked for them too.
  if (url.search !== "" || url.hash !== "" || text.includes("?") || text.includes("#")) return false;
  if (url.username !== "" || url.password !== "") return false;
  return url.port !== "0";
}

/** Text as an error may show it: the credentials of any URL in it (`https://user:pw@host`) become `[redacted]`. */
export function withoutCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s"']*@/gi, "$1[redacted]@");
}
