import type { TokenCredential } from "@azure/identity";
import { createGraphApi, type GraphApi, type GraphApiOptions } from "../../src/graph";
import type { GraphEmulator } from "../../src/sandbox";
import { login } from "../sandbox/graph-http";

/** The https origin the client is given; {@link emulatorApi}'s fetch sends its requests to the emulator's http one. */
export const EMULATOR_HOST = "graph.emulator.test";

/**
 * The real Graph client against an in-process emulator started with `tests/sandbox/graph-http`'s tenant and
 * credentials: tokens from the emulator's token endpoint, requests routed as `tests/graph/fake-graph.ts` does.
 * Example: `emulatorApi(await startGraph(), { writesPerSecond: 15 })`.
 */
export function emulatorApi(g: GraphEmulator, options: Partial<GraphApiOptions> = {}): GraphApi {
  const port = new URL(g.url).port;
  const endpoint = `https://${EMULATOR_HOST}:${port}`;
  // As a reverse proxy would: requests go to the emulator, and its own origin in answers (`@odata.nextLink`)
  // reads as the endpoint the client was given.
  const routed: typeof fetch = async (input, init) => {
    const response = await fetch(String(input).replace(endpoint, g.url), init);
    const text = await response.text();
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    const body = response.status === 204 ? null : text.split(g.url).join(endpoint);
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
  // One token per client, as @azure/identity caches one: the emulator's token endpoint is not what is measured.
  let token: Promise<string> | undefined;
  const credential: TokenCredential = {
    getToken: async () => ({ token: await (token ??= login(g)), expiresOnTimestamp: Date.now() + 3_000_000 }),
  };
  return createGraphApi({ credential, endpoint, fetch: routed, random: () => 0, ...options });
}
