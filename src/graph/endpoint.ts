/** Graph's public endpoint; national clouds and emulators set `GRAPH_ENDPOINT` instead. */
export const DEFAULT_GRAPH_ENDPOINT = "https://graph.microsoft.com";

/** Where the client sends requests, which hosts get the token, and the scope it asks for. */
export interface GraphEndpoint {
  /** Origin without a trailing slash, e.g. `https://graph.microsoft.us`. */
  readonly baseUrl: string;
  /**
   * Bare hostnames (no port) the graph-client's auth middleware may send the token to besides its own list of
   * Graph hosts: without them it silently sends none to a non-default base URL.
   */
  readonly customHosts: readonly string[];
  /** `<baseUrl>/.default`: the application permissions granted to the app registration. */
  readonly scope: string;
}

/**
 * The endpoint from `GRAPH_ENDPOINT`'s value, or the public one; throws one line naming the value when it is not
 * an https origin (the graph-client sends a token only over https).
 * @example resolveGraphEndpoint("https://graph.local.test:8443/").customHosts → ["graph.local.test"]
 */
export function resolveGraphEndpoint(value: string | undefined): GraphEndpoint {
  const text = value === undefined || value.trim() === "" ? DEFAULT_GRAPH_ENDPOINT : value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    url = new URL("invalid:");
  }
  const bare = url.pathname === "/" || url.pathname === "";
  if (url.protocol !== "https:" || !bare || url.search !== "" || url.hash !== "" || url.username !== "") {
    throw new RangeError(
      `Invalid GRAPH_ENDPOINT: ${JSON.stringify(text)}. Allowed: an https origin without path, ` +
        `e.g. ${DEFAULT_GRAPH_ENDPOINT} or https://graph.microsoft.us.`,
    );
  }
  const baseUrl = url.origin;
  return {
    baseUrl,
    customHosts: baseUrl === DEFAULT_GRAPH_ENDPOINT ? [] : [url.hostname],
    scope: `${baseUrl}/.default`,
  };
}
