import type { TokenCredential } from "@azure/identity";
import { createGraphApi, type GraphApi, type GraphApiOptions } from "../../src/graph";
import type { GraphEmulator } from "../../src/sandbox";
import { login } from "../sandbox/graph-http";

/** The https origin the client is given; {@link emulatorApi}'s fetch sends its requests to the emulator's http one. */
export const EMULATOR_HOST = "graph.emulator.test";

/**
 * The real Graph client against an in-process emulator started with `tests/sandbox/graph-http`'s tenant and
 * credentials: tokens from the emulator's token endpoint, requests routed as `tests/graph/fake-graph.ts` does.
 */
export function emulatorApi(g: GraphEmulator, options: Partial<GraphApiOptions> = {}): GraphApi {
  const port = new URL(g.url).port;
  const endpoint = `https://${EMULATOR_HOST}:${port}`;
  const routed: typeof fetch = (input, init) => fetch(String(input).replace(endpoint, g.url), init);
  const credential: TokenCredential = {
    getToken: async () => ({ token: await login(g), expiresOnTimestamp: Date.now() + 3_000_000 }),
  };
  return createGraphApi({ credential, endpoint, fetch: routed, random: () => 0, ...options });
}
