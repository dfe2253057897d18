import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/*
 * The npm package as a TypeScript consumer gets it: the entry built to a temporary dist, `npm pack`, the tarball
 * installed into a temporary program, and that program type-checked. The registry is not asked: the package's
 * dependencies are linked from this repository's node_modules (one link each, to the real directory), and npm
 * installs only the tarball (--offline, --no-save, --ignore-scripts). About 18 s of CPU (60 s on a busy
 * machine), mostly the build: it runs with PERSONIO_AZUREAD_PACK_TEST=1, which `npm run test:pack` (and so
 * `npm run check`) sets.
 */

const ROOT = path.join(__dirname, "../..");
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");
const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
};

const CONSUMER = `import * as pulumi from "@pulumi/pulumi";
import { type DirectoryCounts, EnableFrom, LoginPartUse, LoginSeparator, PersonioDirectory } from "personio-azuread";

const config = new pulumi.Config();
const people = new PersonioDirectory("people", {
  personio: { clientId: "acme-client", clientSecret: config.requireSecret("personioClientSecret") },
  loginSchema: {
    beginning: { attribute: "first_name" },
    separator: LoginSeparator.Dot,
    end: { attribute: "last_name", use: LoginPartUse.Entire },
    domain: "contoso.com",
  },
  attributeMapping: { jobTitle: "position" },
  joiners: { createDaysBeforeHire: 14, enableFrom: EnableFrom.HireDate },
  groups: [{ attribute: "department", groupPrefix: "dept-" }],
});

export const managed: pulumi.Output<number> = people.counts.apply((c: DirectoryCounts) => c.managed);
export const objectIds: pulumi.Output<Record<string, string>> = people.objectIds;
export const upns: pulumi.Output<Record<string, string>> = people.principalNames;
export const salesGroup: pulumi.Output<string | undefined> = people.groupIds.apply((ids) => ids["dept-Sales"]);

// @ts-expect-error a separator outside the enum
new PersonioDirectory("bad", { personio: { clientId: "c", clientSecret: "s" }, loginSchema: { beginning: { attribute: "a" }, separator: "/", domain: "contoso.com" } });
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "personio-azuread-pack-"));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The entry and what it imports, built as `npm run build` builds it, into `<stage>/dist`. */
function build(stage: string): void {
  const tsconfig = path.join(work, "tsconfig.pack.json");
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(ROOT, "tsconfig.build.json"),
      compilerOptions: {
        outDir: path.join(stage, "dist"),
        rootDir: ROOT,
        typeRoots: [path.join(ROOT, "node_modules/@types")],
      },
      files: [path.join(ROOT, "src/package/index.ts")],
      include: [],
    }),
  );
  run(process.execPath, [TSC, "-p", tsconfig], ROOT);
  for (const file of ["package.json", "README.md", "PulumiPlugin.yaml"]) {
    copyFileSync(path.join(ROOT, file), path.join(stage, file));
  }
}

/** A program with the package's dependencies linked in, as an install from the registry would leave them. */
function consumer(dir: string): void {
  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "consumer", version: "1.0.0", private: true }),
  );
  for (const dependency of Object.keys(manifest.dependencies)) {
    const link = path.join(dir, "node_modules", dependency);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(realpathSync(path.join(ROOT, "node_modules", dependency)), link);
  }
  writeFileSync(path.join(dir, "index.ts"), CONSUMER);
}

const packTest = process.env["PERSONIO_AZUREAD_PACK_TEST"] === "1" ? describe : describe.skip;

packTest("the npm package", () => {
  it("packs, installs into a TypeScript program, and type-checks a PersonioDirectory with its outputs", () => {
    const stage = path.join(work, "stage");
    build(stage);
    const [packed] = JSON.parse(
      run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], stage),
    ) as { filename: string; files: { path: string }[] }[];
    const files = (packed?.files ?? []).map((f) => f.path);
    expect(packed?.filename).toBe(`${manifest.name}-${manifest.version}.tgz`);
    expect(files).toEqual(
      expect.arrayContaining([
        "PulumiPlugin.yaml",
        "README.md",
        "package.json",
        "dist/src/package/index.js",
        "dist/src/package/index.d.ts",
      ]),
    );
    expect(files.filter((f) => !/^dist\/src\/.+\.(js|d\.ts)$/.test(f)).sort()).toStrictEqual([
      "PulumiPlugin.yaml",
      "README.md",
      "package.json",
    ]);

    const program = path.join(work, "consumer");
    consumer(program);
    const tarball = path.join(work, packed?.filename ?? "");
    run(
      "npm",
      ["install", "--offline", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", tarball],
      program,
    );

    for (const moduleResolution of ["node10", "node16"]) {
      const options = ["--strict", "--noEmit", "--skipLibCheck", "--target", "ES2022", "--types", "node"];
      const modules = moduleResolution === "node16" ? ["--module", "node16"] : ["--module", "commonjs"];
      const args = [TSC, ...options, ...modules, "--moduleResolution", moduleResolution, "index.ts"];
      expect(
        run(process.execPath, [...args, "--typeRoots", path.join(ROOT, "node_modules/@types")], program),
      ).toBe("");
    }
    const loaded = run(
      process.execPath,
      [
        "-e",
        'const p = require("personio-azuread"); console.log(require.resolve("personio-azuread"), typeof p.PersonioDirectory, p.LoginSeparator.None === "")',
      ],
      program,
    );
    expect(loaded.trim()).toBe(
      `${realpathSync(program)}/node_modules/personio-azuread/dist/src/package/index.js function true`,
    );
  }, 300_000);
});
