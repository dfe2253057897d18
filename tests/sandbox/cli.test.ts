import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { existsSync, readFileSync } from "node:fs";
import { request } from "node:https";
import { parseSandboxArgs, selfSignedCertificate } from "../../src/sandbox";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const SCRIPT = path.join(ROOT, "scripts", "sandbox.ts");

describe("parseSandboxArgs", () => {
  it("defaults to a free port, the sample company, no latency and no faults", () => {
    expect(parseSandboxArgs([])).toEqual({
      help: false,
      port: 0,
      data: undefined,
      generate: undefined,
      latencyMs: 0,
      today: undefined,
      tokenTtlSeconds: undefined,
      rejectCredentials: false,
      rateLimit: undefined,
      graphPort: undefined,
      webhook: undefined,
    });
  });

  it("reads every flag", () => {
    const argv = ["--port", "8080", "--data", "c.json", "--latency=50", "--today", "2026-11-26"];
    argv.push("--token-ttl", "60", "--reject-credentials", "--rate-limit", "15/300");
    argv.push("--webhook-url", "http://127.0.0.1:8080/webhooks/personio", "--webhook-token", "Bearer t");
    expect(parseSandboxArgs(argv)).toEqual({
      help: false,
      port: 8080,
      data: "c.json",
      generate: undefined,
      latencyMs: 50,
      today: "2026-11-26",
      tokenTtlSeconds: 60,
      rejectCredentials: true,
      rateLimit: { perSecond: 15, perMinute: 300 },
      graphPort: undefined,
      webhook: { url: "http://127.0.0.1:8080/webhooks/personio", token: "Bearer t" },
    });
  });

  const FLAGS =
    "--port, --data, --generate, --latency, --today, --token-ttl, --reject-credentials, --rate-limit, --graph, --graph-port, --webhook-url, --webhook-token, --help";
  it.each([
    [
      ["--port", "http"],
      'Invalid value for --port: "http". Allowed: a whole number 0-65535 (0 picks a free port).',
    ],
    [
      ["--port", "70000"],
      'Invalid value for --port: "70000". Allowed: a whole number 0-65535 (0 picks a free port).',
    ],
    [["--latency=-5"], 'Invalid value for --latency: "-5". Allowed: whole milliseconds 0-600000.'],
    [
      ["--generate", "1e3"],
      'Invalid value for --generate: "1e3". Allowed: a whole number of employees 0-1000000.',
    ],
    [["--today", "26.11.2026"], 'Invalid value for --today: "26.11.2026". Allowed: a date YYYY-MM-DD.'],
    [
      ["--rate-limit", "15"],
      'Invalid value for --rate-limit: "15". Allowed: PERSEC/PERMIN, two whole numbers of 1 or more, e.g. 15/300.',
    ],
    [
      ["--port"],
      "Missing value for --port. Allowed: a whole number 0-65535 (0 picks a free port) (write --flag=-x for a value starting with -).",
    ],
    [["--reject-credentials=yes"], "Invalid flag --reject-credentials: it takes no value."],
    [["--fault-everything"], `Unknown flag --fault-everything. Flags: ${FLAGS} (see --help).`],
    [["data.json"], `Unexpected argument "data.json". Allowed: flags only (${FLAGS}).`],
    [
      ["--data", "a.json", "--generate", "10"],
      'Invalid flags: --data "a.json" and --generate "10" both given. Allowed: one of them, or neither (the sample company).',
    ],
    [
      ["--webhook-url", "ftp://example.com/hook", "--webhook-token", "t"],
      'Invalid value for --webhook-url: "ftp://example.com/hook". Allowed: an http:// or https:// URL.',
    ],
    [
      ["--webhook-url", "not a url", "--webhook-token", "t"],
      'Invalid value for --webhook-url: "not a url". Allowed: an http:// or https:// URL.',
    ],
    [
      ["--webhook-url", "http://127.0.0.1:8080/webhooks/personio"],
      "Missing --webhook-token for --webhook-url. Allowed: a non-empty token, sent verbatim as the Authorization header.",
    ],
    [
      ["--webhook-url", "http://127.0.0.1:8080/", "--webhook-token", " "],
      "Invalid value for --webhook-token: empty. Allowed: a non-empty token.",
    ],
    [
      ["--webhook-token", "t"],
      "Invalid flags: --webhook-token given without --webhook-url. Allowed: both, or neither.",
    ],
  ])("fails for %j", (argv, message) => {
    expect(() => parseSandboxArgs(argv)).toThrow(message);
  });
});

/** Runs the script; resolves with its exit code, stdout lines and stderr once it exits. */
function run(args: readonly string[], onFirstLine?: (line: string, stop: () => void) => void) {
  const child = spawn(TSX, [SCRIPT, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    if (lines.length === 3) onFirstLine?.(lines[0] as string, () => child.kill("SIGTERM"));
  });
  return new Promise<{ code: number | null; lines: string[]; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, lines, stderr })),
  );
}

describe("scripts/sandbox.ts", () => {
  it("prints its base URL first, then the credentials, serves, and exits 0 on SIGTERM", async () => {
    let status: number | undefined;
    const result = await run(["--generate", "120", "--latency", "1"], (baseUrl, stop) => {
      fetch(`${baseUrl}/v1/auth`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ client_id: "sandbox-client", client_secret: "sandbox-secret" }),
      })
        .then((response) => (status = response.status))
        .finally(stop);
    });
    expect(result.code).toBe(0);
    expect(status).toBe(200);
    expect(result.lines).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      "PERSONIO_CLIENT_ID=sandbox-client",
      "PERSONIO_CLIENT_SECRET=sandbox-secret",
    ]);
    expect(result.stderr).toContain("Personio sandbox: 120 employees at http://127.0.0.1:");
    expect(result.stderr).toContain("Personio sandbox: stopped (SIGTERM) after 1 request.");
  });

  it("exits 2 with a one-line error when --webhook-token is missing", async () => {
    const result = await run(["--webhook-url", "http://127.0.0.1:1/webhooks/personio"]);
    expect(result).toEqual({
      code: 2,
      lines: [],
      stderr:
        "Missing --webhook-token for --webhook-url. Allowed: a non-empty token, sent verbatim as the Authorization header.\n",
    });
  });

  it("exits 2 with a one-line error on a bad flag", async () => {
    const result = await run(["--port", "http"]);
    expect(result).toEqual({
      code: 2,
      lines: [],
      stderr: 'Invalid value for --port: "http". Allowed: a whole number 0-65535 (0 picks a free port).\n',
    });
  });

  // The runner's Graph client sends tokens only over https, and MSAL wants an https authority.
  const hasOpenssl = selfSignedCertificate() !== null;
  if (!hasOpenssl) console.log("skipped: the --graph TLS test needs openssl to make a certificate");
  (hasOpenssl ? it : it.skip)(
    "with --graph serves the Graph emulator over TLS, prints the certificate to trust, removes it on exit",
    async () => {
      const child = spawn(TSX, [SCRIPT, "--graph"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
      const env: Record<string, string> = {};
      let status: number | undefined;
      createInterface({ input: child.stdout }).on("line", (line) => {
        const [key, ...value] = line.split("=");
        if (key !== undefined && value.length > 0) env[key] = value.join("=");
        if (key !== "NODE_EXTRA_CA_CERTS") return;
        const url = new URL(
          `${env["AZURE_AUTHORITY_HOST"]}/${env["AZURE_TENANT_ID"]}/v2.0/.well-known/openid-configuration`,
        );
        const ca = readFileSync(env["NODE_EXTRA_CA_CERTS"] as string);
        request(url, { ca }, (response) => {
          status = response.statusCode;
          response.resume();
          child.kill("SIGTERM");
        }).end();
      });
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(code).toBe(0);
      expect(status).toBe(200);
      expect(env["GRAPH_ENDPOINT"]).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(env["AZURE_AUTHORITY_HOST"]).toBe(env["GRAPH_ENDPOINT"]);
      expect(existsSync(env["NODE_EXTRA_CA_CERTS"] as string)).toBe(false);
    },
    30_000,
  );
});
