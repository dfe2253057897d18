// typescript: required by @pulumi/pulumi (typescript-shim.js) for function serialization and the component
// analyzer, used only when they run (tests/package/schema.test.ts does: it loads then). Evaluating the 9 MB compiler
// was more than half of the SDK's load time in every test file that imports it.
const path = require("node:path");
const lazy = require("./lazy");

module.exports = lazy(
  path.join(__dirname, "..", "..", "..", "node_modules", "typescript", "lib", "typescript.js"),
);
