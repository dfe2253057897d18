import type { TokenCredential } from "@azure/identity";
import { createGraphApi, type GraphApi } from "../../src/graph";
import { generateCompany, type GraphEmulator, type PersonioEmployeeItem } from "../../src/sandbox";
import { login, NOW } from "../sandbox/graph-http";

/** The emulated tenant's object id of an employee (`tenantFromCompany`). */
export const obj = (id: number) => `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`;

/**
 * Six employees for the Graph counts, seen on 2026-11-26: 1 is synced in `tenantFromCompany`'s tenant (and the
 * manager of the others), 3 left on 2026-10-31, 4 is hired on 2026-11-27.
 */
export function graphCompany(): PersonioEmployeeItem[] {
  return generateCompany(6).map((item) => {
    const id = item.attributes["id"]?.value as number;
    const attributes = { ...item.attributes };
    const set = (key: string, value: unknown) => {
      const attribute = attributes[key];
      if (attribute !== undefined) attributes[key] = { ...attribute, value } as typeof attribute;
    };
    set("status", id === 3 ? "inactive" : "active");
    set("termination_date", id === 3 ? "2026-10-31T00:00:00+01:00" : null);
    if (id === 4) set("hire_date", "2026-11-27T00:00:00+01:00");
    return { ...item, attributes };
  });
}

const HOST = "graph.local.test";

/**
 * The real Graph client against an emulator: an https endpoint the client accepts, routed to the emulator's plain
 * HTTP port, with tokens from the emulator's own token endpoint.
 */
export function emulatorApi(graph: GraphEmulator): GraphApi {
  const port = new URL(graph.url).port;
  const credential: TokenCredential = {
    getToken: async () => ({ token: await login(graph), expiresOnTimestamp: NOW.getTime() + 3_600_000 }),
  };
  return createGraphApi({
    credential,
    endpoint: `https://${HOST}:${port}`,
    writesPerSecond: 20,
    fetch: (input, init) => fetch(String(input).replace(`https://${HOST}:${port}`, graph.url), init),
  });
}
