/** @type {import('jest').Config} */
module.exports = {
  // Node's environment, keeping each module's compiled code for the worker's next test files (see the file).
  testEnvironment: "<rootDir>/tests/support/environment.js",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": "<rootDir>/jest.esbuild.js",
  },
  testTimeout: 30000,
  // @pulumi/pulumi requires arborist and the TypeScript compiler when it loads, and uses them only in functions
  // most tests never call: stand-ins load them on first use (tests/support/lazy/), sparing each file that imports
  // the SDK.
  moduleNameMapper: {
    "^@npmcli/arborist$": "<rootDir>/tests/support/lazy/arborist.js",
    "^typescript$": "<rootDir>/tests/support/lazy/typescript.js",
    "^\\.\\./locales/index\\.cjs$": "<rootDir>/tests/support/lazy/zod-locales.js",
  },
  // Jest's default on 2 cores is one worker, run in band: one process that grows to 2 GB over the suite. At least
  // four workers instead (every core on larger machines), each restarted once it holds more than 600 MB after a
  // file: some tests wait on real deadlines and retry backoffs, and more workers than cores fill those waits with
  // other files' work (2 cores, quiet: 102 s with 2 workers, 80 s with 4, 80 s with 6; peak 0.84 GB).
  maxWorkers: Math.max(4, require("node:os").availableParallelism()),
  workerIdleMemoryLimit: "600MB",
};
