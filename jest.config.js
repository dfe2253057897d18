/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": "<rootDir>/jest.esbuild.js",
  },
  testTimeout: 30000,
  // Jest's default on 2 cores is one worker, run in band: one process that grows to 2 GB over the suite. Every
  // core instead, each worker restarted once it holds more than 600 MB after a file.
  maxWorkers: "100%",
  workerIdleMemoryLimit: "600MB",
};
