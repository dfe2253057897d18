import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** runner.env.example: every environment variable the code reads, and nothing it does not. */
const ROOT = path.resolve(__dirname, "../..");
const example = readFileSync(path.join(ROOT, "runner.env.example"), "utf8");

/** The variables the example names, set (`NAME=`) or commented out (`# NAME=`). */
const listed = [...example.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] as string);

/**
 * How the code reads a variable: `env.X`, `env["X"]` (`process.env` too), the Graph credentials' `get(env, "X")`
 * and `need("X", "Y")`, and the `X_ENV = "X"` constants that name one for `env[X_ENV]`.
 */
const READS = [
  /\benv(?:\.|\[")([A-Z][A-Z0-9_]*)/g,
  /\b(?:get\(env, |need\()"([A-Z][A-Z0-9_]*)"(?:, "([A-Z][A-Z0-9_]*)")?/g,
  /\bconst [A-Z_]+_ENV = "([A-Z][A-Z0-9_]*)"/g,
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return file.endsWith(".ts") ? [file] : [];
  });
}

// The sandbox is the demo's Personio emulator, not part of the runner.
const read = [
  ...new Set(
    [...sources(path.join(ROOT, "src")), ...sources(path.join(ROOT, "scripts")), path.join(ROOT, "index.ts")]
      .filter((file) => !file.includes(`${path.sep}sandbox${path.sep}`))
      .flatMap((file) => {
        const text = readFileSync(file, "utf8");
        return READS.flatMap((pattern) => [...text.matchAll(pattern)].flatMap((m) => m.slice(1)));
      })
      .filter((name): name is string => name !== undefined),
  ),
].sort();

/** Read by the Pulumi CLI or Node, not by this code, and needed by the runner all the same. */
const READ_ELSEWHERE = ["PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE", "TMPDIR"];

describe("runner.env.example", () => {
  it("finds the variables the code reads (the scan itself works)", () => {
    expect(read).toEqual(
      expect.arrayContaining([
        "ARM_CLIENT_SECRET",
        "AZURE_AUTHORITY_HOST",
        "GRAPH_ENDPOINT",
        "NOTIFY_URL",
        "PERSONIO_AZUREAD_BUNDLE_KEY",
        "PERSONIO_AZUREAD_SNAPSHOT",
        "PERSONIO_BASE_URL",
        "PERSONIO_CLIENT_ID",
        "PERSONIO_WEBHOOK_TOKEN",
      ]),
    );
  });

  it("lists every variable the code reads", () => {
    expect(read.filter((name) => !listed.includes(name))).toEqual([]);
  });

  it("lists nothing else but what the Pulumi CLI and Node read, each once", () => {
    expect(listed.filter((name) => !read.includes(name)).sort()).toEqual(READ_ELSEWHERE);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("holds no value but the example hosts: every set variable is empty", () => {
    const values = [...example.matchAll(/^(?:# )?[A-Z][A-Z0-9_]*=(.*)$/gm)]
      .map((m) => m[1])
      .filter((v) => v !== "");
    expect(values).toEqual(["true", "https://login.microsoftonline.com", "https://graph.microsoft.com"]);
  });

  it("is kept out of git as runner.env, like every *.env", () => {
    const ignored = readFileSync(path.join(ROOT, ".gitignore"), "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["*.env", "runner.env"]));
  });
});
