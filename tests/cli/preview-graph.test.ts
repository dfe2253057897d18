import { runPreviewCommand } from "../../src/cli/preview-command";
import type { StackOps } from "../../src/engine/stack-ops";
import { type GraphEmulator, type Sandbox, startSandbox, tenantFromCompany } from "../../src/sandbox";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";
import { NOW, useGraphEmulators } from "../sandbox/graph-http";
import { emulatorApi, graphCompany } from "./graph-fixtures";

/** The preview summary counts the Graph actions that would follow `up`, with a read-only identity. */
const startGraph = useGraphEmulators();
const GRAPH = {
  revokeSessions: true,
  temporaryAccessPass: { sender: "it@contoso.com", fallbackRecipient: "hr@contoso.com" },
};
const EXTENSION = { extensionAttribute1: "department" };

let sandbox: Sandbox;
let graph: GraphEmulator;
beforeEach(async () => {
  const employees = graphCompany();
  sandbox = await startSandbox({ employees });
  graph = await startGraph({ users: tenantFromCompany(employees), roles: ["User.Read.All"] });
});
afterEach(() => sandbox.close());

/** A stack whose preview shows no change and whose config is `config`; nothing else may be called. */
function stack(config: Record<string, unknown>): StackOps {
  const unexpected = (): Promise<never> => Promise.reject(new Error("not expected in a preview"));
  return {
    stackName: "prod",
    preview: () => Promise.resolve(),
    up: unexpected,
    refresh: unexpected,
    lastOutputs: () => Promise.resolve({}),
    lastRefreshAt: unexpected,
    projectConfig: () =>
      Promise.resolve({
        personio: {
          baseUrl: sandbox.baseUrl,
          clientId: sandbox.credentials.clientId,
          appId: "PERSONIO_AZUREAD_TEST",
        },
        personioClientSecret: sandbox.credentials.clientSecret,
        ...SAMPLE_CONFIG,
        ...config,
      }),
    runningUpdateSince: unexpected,
    lastSuccessAt: unexpected,
    recordSuccess: unexpected,
  };
}

async function graphLines(config: Record<string, unknown>, injected = true) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPreviewCommand(["--stack", "prod", "--allow-empty", "--allow-shrink"], {
    io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, now: () => NOW },
    openStack: () => Promise.resolve(stack(config)),
    ...(injected ? { graphApi: () => emulatorApi(graph) } : {}),
  });
  const markdown = out.join("\n");
  return {
    code,
    err,
    markdown,
    lines: markdown.split("\n").filter((line) => line.startsWith("After up, Graph")),
  };
}

describe("npm run preview with Graph actions", () => {
  it("adds the counts, access passes as a ceiling, reading the tenant only", async () => {
    const mapping = { ...SAMPLE_CONFIG.attributeMapping, ...EXTENSION };
    const { code, lines, markdown } = await graphLines({ graph: GRAPH, attributeMapping: mapping });
    expect(code).toBe(0);
    expect(lines).toEqual([
      "After up, Graph: 1 session to revoke, up to 1 access pass, 5 extension attributes.",
    ]);
    expect(markdown).not.toContain("@");
    expect(graph.state.counts.subRequests).toBe(0);
  });

  it("says the actions were not counted without Graph credentials, and the preview still passes", async () => {
    const { code, lines, err } = await graphLines({ graph: GRAPH }, false);
    expect({ code, lines, err }).toEqual({
      code: 0,
      lines: ["After up, Graph: not counted (no Graph credentials in this job)."],
      err: [],
    });
  });

  it("says the actions were not counted when the tenant read is refused", async () => {
    graph.faults.subRequest({ path: "/users", status: 403, times: "always" });
    const { code, lines } = await graphLines({ graph: GRAPH });
    expect(code).toBe(0);
    expect(lines).toEqual([
      "After up, Graph: not counted (the read failed: Graph GET /v1.0/users failed: HTTP 403 " +
        "(Authorization_RequestDenied) after 1 attempt(s)).",
    ]);
  });

  it("adds no Graph line for a stack without Graph actions", async () => {
    const { lines } = await graphLines({});
    expect(lines).toEqual([]);
  });
});
