// A stand-in for a module that @pulumi/pulumi requires when it loads but uses only inside functions no test
// calls: jest.config.js maps the module's name here, and the real module (by absolute path, which the mapping
// does not match) loads on first use of any export. Every test file that imports the SDK is spared evaluating it.
module.exports = function lazy(file) {
  let real;
  const load = () => (real ??= require(file));
  return new Proxy(
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
};
