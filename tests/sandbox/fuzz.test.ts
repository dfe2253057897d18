import fc from "fast-check";
import net from "node:net";
import type { Sandbox } from "../../src/sandbox";
import { authenticate, call, useSandboxes } from "./http";

const start = useSandboxes();

/** Sends one request as raw bytes (no client-side URL or header checks) and resolves with the status line. */
function rawRequest(sandbox: Sandbox, head: string, body: string): Promise<string> {
  const { port } = new URL(sandbox.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1");
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(answer.split("\r\n")[0] ?? ""));
    socket.end(`${head}\r\n\r\n${body}`);
  });
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "get", "FROB"];
const PATH_CHARS = [..."/?#&=[]%:@.\\ab1é\u0000 ", "/v1/auth", "/v1/company/employees", "attributes[]="];

describe("the sandbox under malformed requests", () => {
  it.each([["//"], ["//x:99999/"], ["http://[/"], ["/%zz"], ["//@"]])(
    "answers GET %s with a status and stays up",
    async (target) => {
      const s = await start();
      const status = await rawRequest(s, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close`, "");
      expect(status).toMatch(/^HTTP\/1\.1 [1-5]\d\d /);
      expect((await authenticate(s)).status).toBe(200);
    },
  );

  it("answers GET // with Personio's 400 and records it", async () => {
    const s = await start();
    const status = await rawRequest(s, "GET // HTTP/1.1\r\nHost: x\r\nConnection: close", "");
    expect(status).toBe("HTTP/1.1 400 Bad Request");
    expect(s.requests.map((r) => [r.method, r.path, r.status])).toEqual([["GET", "//", 400]]);
    const answer = await call(s, "/nowhere");
    expect(answer.status).toBe(404);
  });

  it("answers 300 random requests and is still up afterwards", async () => {
    const s = await start({ employees: [] });
    const request = fc.record({
      method: fc.oneof(fc.constantFrom(...METHODS), fc.stringMatching(/^[A-Za-z]{1,8}$/)),
      path: fc.array(fc.constantFrom(...PATH_CHARS), { maxLength: 12 }).map((parts) => parts.join("")),
      headers: fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom("Authorization", "Content-Type", "X-Personio-App-ID", "Accept"),
            fc.stringMatching(/^x-[a-z0-9-]{1,10}$/),
          ),
          fc.string({ maxLength: 40 }),
        ),
        { maxLength: 4 },
      ),
      body: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.json({ maxDepth: 2 }),
        fc.constant('{"client_id":"sandbox-client","client_secret":"sandbox-secret"}'),
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, headers, body }) => {
        const length = Buffer.byteLength(body);
        const lines = [
          `${method} ${path === "" ? "/" : path} HTTP/1.1`,
          "Host: 127.0.0.1",
          ...headers.map(([name, value]) => `${name}: ${value.replace(/[\r\n]/g, " ")}`),
          `Content-Length: ${length}`,
          "Connection: close",
        ];
        const status = await rawRequest(s, lines.join("\r\n"), body);
        expect(status).toMatch(/^HTTP\/1\.1 [1-5]\d\d /);
      }),
      { numRuns: 300 },
    );
    expect((await authenticate(s)).status).toBe(200);
  }, 60_000);
});
