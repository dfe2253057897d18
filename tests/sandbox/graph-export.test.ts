import { parseTenantExport } from "../../src/plan/existing-accounts";
import { exportTenant } from "../../src/sandbox";
import { CLIENT_ID, CLIENT_SECRET, TENANT, useGraphEmulators, users } from "./graph-http";

/** npm start's tenant export: every page of GET /users from the emulator, as the offline plan reads it. */
const startGraph = useGraphEmulators();
const APP = { tenantId: TENANT, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

describe("exportTenant", () => {
  it("follows every page and keeps the fields the plan counts the Graph actions with", async () => {
    const tenant = users(3, { onPremisesExtensionAttributes: { extensionAttribute1: "A" } });
    const graph = await startGraph({ users: tenant, pageSize: 2 });
    const exported = await exportTenant(graph, APP);
    expect(exported).toHaveLength(3);
    expect(
      parseTenantExport(exported, "the emulator").tenant?.map((u) => [u.id, u.onPremisesExtensionAttributes]),
    ).toEqual([
      ["u-1", expect.objectContaining({ extensionAttribute1: "A", extensionAttribute2: null })],
      ["u-2", expect.objectContaining({ extensionAttribute1: "A" })],
      ["u-3", expect.objectContaining({ extensionAttribute1: "A" })],
    ]);
  });

  it("fails naming the request when the token is refused", async () => {
    const graph = await startGraph();
    await expect(exportTenant(graph, { ...APP, clientSecret: "wrong" })).rejects.toThrow(
      "Graph emulator token request failed: HTTP 401.",
    );
  });
});
