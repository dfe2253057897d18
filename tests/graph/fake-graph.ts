import http from "node:http";
import type { AddressInfo } from "node:net";
import type { TokenCredential } from "@azure/identity";
import type { Clock } from "../../src/util/clock";

/** One request the fake received. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

export interface FakeReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** A handler returns the reply, or `"hang"` to never answer. */
export type Handler = (request: Received, index: number) => FakeReply | "hang";

export interface FakeGraph {
  /** A non-default https base URL: requests to it reach this server over plain http through {@link fetch}. */
  readonly baseUrl: string;
  readonly received: Received[];
  readonly fetch: typeof fetch;
  close(): Promise<void>;
}

export const FAKE_HOST = "graph.local.test";
export const TEST_TOKEN = "test-token";

/** A tiny local Graph; the handler decides each answer. */
export async function startFakeGraph(handler: Handler): Promise<FakeGraph> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const request: Received = {
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization,
        body: text === "" ? undefined : (JSON.parse(text) as unknown),
      };
      received.push(request);
      const reply = handler(request, received.length - 1);
      if (reply === "hang") return;
      res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
      res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `https://${FAKE_HOST}:${port}`;
  const routed: typeof fetch = (input, init) =>
    fetch(String(input).replace(baseUrl, `http://127.0.0.1:${port}`), init);
  return {
    baseUrl,
    received,
    fetch: routed,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A credential that hands out {@link TEST_TOKEN} and counts the calls. */
export function fakeCredential(): TokenCredential & { calls: number } {
  const credential = {
    calls: 0,
    getToken: () => {
      credential.calls++;
      return Promise.resolve({ token: TEST_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 });
    },
  };
  return credential;
}

/** Virtual time that moves only when someone sleeps; every sleep is recorded and returns at once. */
export class RecordingClock implements Clock {
  current = 0;
  readonly sleeps: number[] = [];

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new Error("aborted"));
    this.sleeps.push(ms);
    this.current += Math.max(0, ms);
    return Promise.resolve();
  }
}
