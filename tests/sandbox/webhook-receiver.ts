import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../src/util/clock";

/** One delivery as the receiver got it. */
export interface Received {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/** An answer the receiver gives; `hang` never answers (the sender's deadline must end the attempt). */
export type Script = { readonly status: number; readonly headers?: Record<string, string> } | "hang";

/** A local webhook receiver answering from `script` in order (then 200), recording every request. */
export async function startReceiver(script: Script[] = []) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        authorization: req.headers.authorization,
        contentType: req.headers["content-type"],
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      const answer = script.shift() ?? { status: 200 };
      if (answer === "hang") return;
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/personio`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A clock whose waits end at once and are recorded, so backoff is checked exactly and without waiting. */
export function recordingClock(): Clock & { readonly waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    now: () => performance.now(),
    sleep: async (ms, signal) => {
      waits.push(ms);
      signal?.throwIfAborted();
    },
  };
}
