// Jest loads this instead of @npmcli/arborist (jest.config.js moduleNameMapper). @pulumi/pulumi requires arborist
// when it loads (runtime/closure/codePaths.js, for function serialization) but uses it only inside one function,
// which no test calls; arborist brings pacote, sigstore, cacache and more: 451 of the 774 modules @pulumi/pulumi
// loads, re-evaluated by every test file that imports it. The real module loads on first use of any export.
const path = require("node:path");

const REAL = path.join(__dirname, "..", "..", "node_modules", "@npmcli", "arborist", "lib", "index.js");
let real;
const load = () => (real ??= require(REAL));

module.exports = new Proxy(
  {},
  {
    // `__importStar` asks for __esModule first: answering it keeps the module unloaded until an export is used.
    get: (_target, key) => (key === "__esModule" ? true : load()[key]),
    has: (_target, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
  },
);
