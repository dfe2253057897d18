import http from "node:http";
import type { AddressInfo } from "node:net";
import { fetchGitHubIdToken } from "../../src/graph";
import { caught } from "../personio/harness";

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`;
}

describe("fetchGitHubIdToken", () => {
  it("asks with the request token for audience api://AzureADTokenExchange", async () => {
    const seen: [string | undefined, string | undefined][] = [];
    const requestUrl = await serve((req, res) => {
      seen.push([req.url, req.headers.authorization]);
      res.end(JSON.stringify({ value: "id-token" }));
    });
    expect(await fetchGitHubIdToken({ requestUrl, requestToken: "rt" })).toBe("id-token");
    expect(seen).toEqual([["/token?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange", "Bearer rt"]]);
  });

  it("fails with the status only", async () => {
    const requestUrl = await serve((_req, res) => {
      res.writeHead(403).end('{"message":"secret detail"}');
    });
    expect((await caught(fetchGitHubIdToken({ requestUrl, requestToken: "rt" }))).message).toBe(
      "GitHub OIDC token request failed: HTTP 403",
    );
  });

  it("fails past its deadline when GitHub never answers", async () => {
    const requestUrl = await serve(() => undefined);
    expect(
      (await caught(fetchGitHubIdToken({ requestUrl, requestToken: "rt", deadlineMs: 50 }))).message,
    ).toBe("GitHub OIDC token request failed: no answer within 50 ms");
  });
});
