import { readFileSync } from "node:fs";
import path from "node:path";

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
      "ARG PULUMI_SHA256",
      "ENV NODE_ENV=production PULUMI_HOME=/home/node/.pulumi PULUMI_SKIP_UPDATE_CHECK=true",
    ]);
    expect(instructions.filter((l) => /^(COPY|ADD)\s/.test(l) && /\.env|\.pulumi\b/.test(l))).toEqual([]);
    // The whole build context is never copied: only what the build and the runtime need.
    expect(instructions.filter((l) => /^COPY \. /.test(l))).toEqual([]);
  });

  it("checks the Pulumi CLI download against its SHA-256 before unpacking it", () => {
    const run = instructions.find((l) => l.includes("pulumi.tar.gz")) as string;
    expect(run).toContain('echo "${PULUMI_SHA256}  /tmp/pulumi.tar.gz" | sha256sum -c -');
    expect(run.indexOf("sha256sum -c")).toBeLessThan(run.indexOf("tar -xzf"));
    expect(dockerfile).not.toContain("get.pulumi.com | sh");
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
