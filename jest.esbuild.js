// Jest's TypeScript transform: esbuild strips the types, file by file, with no type check — as ts-jest did
// with `isolatedModules`, but without loading the TypeScript compiler into every worker. The type check is
// `npm run typecheck`. esbuild moves imports above other statements and does not hoist `jest.mock`: a test
// that must replace a module before it is imported spies on it instead (see tests/webhooks/auth.test.ts).
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const esbuild = require("esbuild");

const OPTIONS = {
  loader: "ts",
  format: "cjs",
  target: "node20",
  sourcemap: "external",
  sourcesContent: false,
  // `await import(…)` becomes a `require`, as tsc emits it for CommonJS: jest's module registry sees it.
  supported: { "dynamic-import": false },
  // What tsconfig.json decides for the emitted JavaScript (target ES2022: class fields are defined).
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
};
const VERSION = createHash("sha1").update(esbuild.version).update(readFileSync(__filename)).digest("hex");

module.exports = {
  getCacheKey(source, filename) {
    return createHash("sha1").update(VERSION).update(filename).update(source).digest("hex");
  },
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, { ...OPTIONS, sourcefile: filename });
    return { code, map };
  },
};
