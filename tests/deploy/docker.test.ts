import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

const ROOT = path.resolve(__dirname, "../..");
const dockerignore = readFileSync(path.join(ROOT, ".dockerignore"), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l !== "" && !l.startsWith("#"));
const dockerfile = readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
/** Instructions, continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l !== "" && !l.startsWith("#"));

describe("Dockerfile and .dockerignore", () => {
  it.each(["*.env", "runner.env", ".pulumi/", ".git", "node_modules"])(
    ".dockerignore excludes %s",
    (pattern) => {
      expect(dockerignore).toContain(pattern);
    },
  );

  it("bakes no secret into a layer: no ARG or ENV named like a credential, no env file copied", () => {
    const argsAndEnvs = instructions.filter((l) => /^(ARG|ENV)\s/.test(l));
    expect(argsAndEnvs).toEqual([
      "ARG PULUMI_VERSION=3.248.0",
      "ARG PULUMI_SHA256_AMD64",
      "ARG PULUMI_SHA256_ARM64",
      "ARG TARGETARCH",
      "ENV NODE_ENV=production PULUMI_HOME=/home/node/.pulumi PULUMI_SKIP_UPDATE_CHECK=true",
    ]);
    expect(instructions.filter((l) => /^(COPY|ADD)\s/.test(l) && /\.env|\.pulumi\b/.test(l))).toEqual([]);
    // The whole build context is never copied: only what the build and the runtime need.
    expect(instructions.filter((l) => /^COPY \. /.test(l))).toEqual([]);
  });

  it("checks the Pulumi CLI download against its SHA-256 before unpacking it", () => {
    const run = instructions.find((l) => l.includes("pulumi.tar.gz")) as string;
    expect(run).toContain('echo "${sha}  /tmp/pulumi.tar.gz" | sha256sum -c -');
    expect(run.indexOf("sha256sum -c")).toBeLessThan(run.indexOf("tar -xzf"));
    expect(dockerfile).not.toContain("get.pulumi.com | sh");
  });

  it("every stage is on one current Node LTS (22 or 24), the version CI also tests", () => {
    const froms = instructions.filter((l) => l.startsWith("FROM "));
    expect(froms).toEqual([
      "FROM --platform=$BUILDPLATFORM node:24-bookworm-slim AS pulumi",
      "FROM node:24-bookworm-slim AS build",
      "FROM node:24-bookworm-slim",
    ]);
    const major = Number(/node:(\d+)-/.exec(froms[0] as string)?.[1]);
    expect([22, 24]).toContain(major);
    const ci = parse(readFileSync(path.join(ROOT, ".github/workflows/ci.yml"), "utf8")) as {
      jobs: { test: { strategy: { matrix: { node: number[] } } } };
    };
    expect(ci.jobs.test.strategy.matrix.node).toContain(major);
  });

  it("documents the multi-platform build: linux/amd64 and linux/arm64, a checksum for each", () => {
    expect(dockerfile).toContain("#   docker buildx build --platform linux/amd64,linux/arm64 \\\n");
    expect(dockerfile).toContain(
      "--build-arg PULUMI_SHA256_AMD64=<sha256 of pulumi-v3.248.0-linux-x64.tar.gz>",
    );
    expect(dockerfile).toContain(
      "--build-arg PULUMI_SHA256_ARM64=<sha256 of pulumi-v3.248.0-linux-arm64.tar.gz>",
    );
  });

  /** The Pulumi stage's choice of download and checksum, run in sh up to the download, for one TARGETARCH. */
  const pulumiDownload = (env: Record<string, string>): string => {
    const run = instructions.find((l) => l.includes("pulumi.tar.gz")) as string;
    const choice = run.slice("RUN ".length, run.indexOf("apt-get update;"));
    const script = `PULUMI_VERSION=3.248.0; ${choice} echo "$arch $sha"`;
    const result = spawnSync("sh", ["-c", script], {
      env: { PATH: process.env["PATH"] ?? "", ...env },
      encoding: "utf8",
    });
    return `${result.status}: ${(result.stdout + result.stderr).trim()}`;
  };

  it.each([
    [{ TARGETARCH: "amd64", PULUMI_SHA256_AMD64: "aaa", PULUMI_SHA256_ARM64: "bbb" }, "0: x64 aaa"],
    [{ TARGETARCH: "arm64", PULUMI_SHA256_AMD64: "aaa", PULUMI_SHA256_ARM64: "bbb" }, "0: arm64 bbb"],
    [
      { TARGETARCH: "arm64", PULUMI_SHA256_AMD64: "aaa" },
      "1: Missing --build-arg PULUMI_SHA256_ARM64: the SHA-256 of pulumi-v3.248.0-linux-arm64.tar.gz (see the release's checksums.txt)",
    ],
    [
      { TARGETARCH: "s390x" },
      "1: Invalid TARGETARCH: 's390x'. Allowed: amd64, arm64 (docker buildx build --platform linux/amd64,linux/arm64)",
    ],
    [
      {},
      "1: Invalid TARGETARCH: ''. Allowed: amd64, arm64 (docker buildx build --platform linux/amd64,linux/arm64)",
    ],
  ])("the Pulumi download for %j → %s", (env, expected) => {
    expect(pulumiDownload(env)).toBe(expected);
  });

  it("runs the compiled JavaScript as a non-root user, not tsx", () => {
    expect(instructions).toContain("RUN npm run build && npm prune --omit=dev --no-audit --no-fund");
    expect(instructions).toContain("USER 1000:1000");
    expect(instructions.at(-2)).toBe(
      'ENTRYPOINT ["node", "dist/scripts/reconcile.js", "--log-format", "json", "--listen", "0.0.0.0:9464"]',
    );
    expect(dockerfile).not.toMatch(/\btsx\b/);
  });

  it("builds what the entrypoint runs: npm run build compiles scripts/ into dist/", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts["build"]).toBe("tsc -p tsconfig.build.json");
    const build = JSON.parse(readFileSync(path.join(ROOT, "tsconfig.build.json"), "utf8")) as {
      include: string[];
    };
    const base = JSON.parse(readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")) as {
      compilerOptions: { outDir: string; rootDir: string };
    };
    expect(build.include).toEqual(["index.ts", "src/**/*.ts", "scripts/**/*.ts"]);
    expect(base.compilerOptions).toMatchObject({ outDir: "dist", rootDir: "." });
  });
});
