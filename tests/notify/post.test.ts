import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { postNotification, type PostOptions } from "../../src/notify/post";
import type { LogFields } from "../../src/util/log";

/**
 * A webhook answering the given statuses in turn ("hang" never answers, "redirect" sends a 302); the bodies and
 * Authorization headers it received.
 */
async function webhook(statuses: (number | "hang" | "redirect")[]): Promise<{
  server: Server;
  url: string;
  host: string;
  bodies: unknown[];
  authorizations: (string | undefined)[];
}> {
  const bodies: unknown[] = [];
  const authorizations: (string | undefined)[] = [];
  let call = 0;
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      bodies.push(JSON.parse(body));
      authorizations.push(request.headers.authorization);
      const status = statuses[Math.min(call++, statuses.length - 1)] as number | "hang" | "redirect";
      if (status === "redirect") response.writeHead(302, { location: "http://127.0.0.1:9/elsewhere" }).end();
      else if (status !== "hang") response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url: `http://${host}/secret-token`, host, bodies, authorizations };
}

let open: Server | undefined;
afterEach(async () => {
  open?.closeAllConnections();
  await new Promise<void>((resolve) => (open === undefined ? resolve() : open.close(() => resolve())));
  open = undefined;
});

function options(timeoutMs = 2_000) {
  const lines: [string, string, LogFields | undefined][] = [];
  const sleeps: number[] = [];
  const opts: PostOptions = {
    timeoutMs,
    retryDelayMs: 5_000,
    clock: { now: () => 0, sleep: async (ms) => void sleeps.push(ms) },
    log: (level, event, fields) => lines.push([level, event, fields]),
  };
  return { opts, lines, sleeps };
}

describe("postNotification", () => {
  it("sends once when the webhook accepts", async () => {
    const hook = await webhook([200]);
    open = hook.server;
    const { opts, lines, sleeps } = options();
    expect(await postNotification(hook.url, { a: 1 }, opts, "failing")).toBe(true);
    expect(hook.bodies).toEqual([{ a: 1 }]);
    expect(sleeps).toEqual([]);
    expect(lines).toEqual([["info", "notify.sent", { event: "failing", attempt: 1 }]]);
  });

  it("retries once after a 500, 5 s later", async () => {
    const hook = await webhook([500, 202]);
    open = hook.server;
    const { opts, lines, sleeps } = options();
    expect(await postNotification(hook.url, { a: 1 }, opts, "refused")).toBe(true);
    expect(hook.bodies).toHaveLength(2);
    expect(sleeps).toEqual([5_000]);
    expect(lines).toEqual([
      [
        "warn",
        "notify.failed",
        { event: "refused", attempt: 1, host: hook.host, reason: "HTTP 500", retryInMs: 5_000 },
      ],
      ["info", "notify.sent", { event: "refused", attempt: 2 }],
    ]);
  });

  it("fails when the webhook refuses twice, and never logs the URL", async () => {
    const hook = await webhook([503]);
    open = hook.server;
    const { opts, lines } = options();
    expect(await postNotification(hook.url, {}, opts, "stale")).toBe(false);
    expect(hook.bodies).toHaveLength(2);
    expect(lines.at(-1)).toEqual([
      "error",
      "notify.failed",
      { event: "stale", attempt: 2, host: hook.host, reason: "HTTP 503" },
    ]);
    expect(JSON.stringify(lines)).not.toContain("secret-token");
  });

  it("does not retry a 400: the same body would be refused again", async () => {
    const hook = await webhook([400, 200]);
    open = hook.server;
    const { opts, lines } = options();
    expect(await postNotification(hook.url, {}, opts, "stale")).toBe(false);
    expect(hook.bodies).toHaveLength(1);
    expect(lines).toEqual([
      ["error", "notify.failed", { event: "stale", attempt: 1, host: hook.host, reason: "HTTP 400" }],
    ]);
  });

  it("gives up on a webhook that does not answer within the deadline", async () => {
    const hook = await webhook(["hang"]);
    open = hook.server;
    const { opts, lines } = options(200);
    expect(await postNotification(hook.url, {}, opts, "failing")).toBe(false);
    expect(lines.map(([, , fields]) => [fields?.["host"], fields?.["reason"]])).toEqual([
      [hook.host, "timeout after 200 ms"],
      [hook.host, "timeout after 200 ms"],
    ]);
  });

  it("names the transport error when nothing listens", async () => {
    const hook = await webhook([200]);
    const url = hook.url;
    await new Promise<void>((resolve) => hook.server.close(() => resolve()));
    const { opts, lines } = options();
    expect(await postNotification(url, {}, opts, "failing")).toBe(false);
    expect(lines).toEqual([
      [
        "warn",
        "notify.failed",
        { event: "failing", attempt: 1, host: hook.host, reason: "ECONNREFUSED", retryInMs: 5_000 },
      ],
      ["error", "notify.failed", { event: "failing", attempt: 2, host: hook.host, reason: "ECONNREFUSED" }],
    ]);
  });

  it("says a redirect was refused, not TypeError, and never where it pointed", async () => {
    const hook = await webhook(["redirect"]);
    open = hook.server;
    const { opts, lines } = options();
    expect(await postNotification(hook.url, {}, opts, "failing")).toBe(false);
    expect(lines.map(([, , fields]) => [fields?.["host"], fields?.["reason"]])).toEqual([
      [hook.host, "redirect refused"],
      [hook.host, "redirect refused"],
    ]);
    expect(JSON.stringify(lines)).not.toContain("elsewhere");
  });

  it("sends a URL's credentials as a Basic header, and logs none of the URL but its host", async () => {
    const hook = await webhook([500, 200]);
    open = hook.server;
    const { opts, lines } = options();
    const url = `http://bot:p%40ss@${hook.host}/secret-token?key=query-secret`;
    expect(await postNotification(url, { a: 1 }, opts, "failing")).toBe(true);
    const basic = `Basic ${Buffer.from("bot:p@ss").toString("base64")}`;
    expect(hook.authorizations).toEqual([basic, basic]);
    expect(lines).toEqual([
      [
        "warn",
        "notify.failed",
        { event: "failing", attempt: 1, host: hook.host, reason: "HTTP 500", retryInMs: 5_000 },
      ],
      ["info", "notify.sent", { event: "failing", attempt: 2 }],
    ]);
    for (const secret of ["bot", "p%40ss", "p@ss", "secret-token", "query-secret"])
      expect(JSON.stringify(lines)).not.toContain(secret);
  });
});
