// The test environment: Node's, less two costs a worker otherwise pays again in every test file.
//
// Compiled code. Jest gives every test file its own module registry, so each file compiles again every module it
// loads (the SDK, grpc, zod, yaml, the project's own), and compiles each function again on its first call. Here a
// module is compiled as a script, and once its first test file has run, the script's code cache — which then
// holds the functions that ran, not only the top level — is kept by file name and source. The next test file
// that loads the same source starts from it. V8 checks the cache against the source and its own flags and
// rejects what does not fit; a rejected cache is compiled from scratch, so the cache can cost time, never change
// what runs. This cut the suite's CPU by a sixth (131–143 s → 113–115 s on 2 cores).
const asyncHooks = require("node:async_hooks");
const vm = require("node:vm");
const { TestEnvironment } = require("jest-environment-node");

/** file name → the source compiled and its code cache, taken after the source's first test file ran. */
const caches = new Map();
/** Scripts compiled without a usable cache during the current test file: cached at its teardown. */
let compiled = [];

function cachedCompile(original, code, params, options) {
  const { filename, parsingContext, importModuleDynamically } = options ?? {};
  if (
    filename === undefined ||
    parsingContext === undefined ||
    !Array.isArray(params) ||
    code.startsWith("#!")
  ) {
    return original(code, params, options);
  }
  const prefix = `(function (${params.join(", ")}) {`;
  const cache = caches.get(filename);
  const cachedData = cache !== undefined && cache.code === code ? cache.data : undefined;
  const script = new vm.Script(`${prefix}${code}\n})`, {
    filename,
    columnOffset: -prefix.length,
    cachedData,
    importModuleDynamically,
  });
  if (cachedData === undefined || script.cachedDataRejected) compiled.push({ filename, code, script });
  return script.runInContext(parsingContext);
}

const ORIGINAL = Symbol.for("personio-azuread.compileFunction");
if (vm.compileFunction[ORIGINAL] === undefined) {
  const original = vm.compileFunction;
  const patched = (code, params, options) => cachedCompile(original, code, params, options);
  patched[ORIGINAL] = original;
  vm.compileFunction = patched;
}

// The same for AsyncLocalStorage: the SDK makes one in every test file that loads it, and Node runs every live
// one's hook on every promise made afterwards, in every later file of the worker. Each is disabled when its test
// file ends (the file is done with it), and with none left Node turns its promise hook off.
const storages = new Set();
const TRACKED = Symbol.for("personio-azuread.AsyncLocalStorage");
if (asyncHooks.AsyncLocalStorage[TRACKED] === undefined) {
  class TrackedStorage extends asyncHooks.AsyncLocalStorage {
    constructor(...args) {
      super(...args);
      storages.add(this);
    }
  }
  TrackedStorage[TRACKED] = true;
  asyncHooks.AsyncLocalStorage = TrackedStorage;
}

class Environment extends TestEnvironment {
  async teardown() {
    for (const storage of storages) storage.disable();
    storages.clear();
    for (const { filename, code, script } of compiled) {
      caches.set(filename, { code, data: script.createCachedData() });
    }
    compiled = [];
    await super.teardown();
  }
}

module.exports = Environment;
