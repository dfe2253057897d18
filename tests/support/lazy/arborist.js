// @npmcli/arborist: required by @pulumi/pulumi's closure serializer (runtime/closure/codePaths.js) and used in one
// function; with pacote, sigstore and cacache it is 451 of the 774 modules the SDK loads.
const path = require("node:path");
const lazy = require("./lazy");

module.exports = lazy(
  path.join(__dirname, "..", "..", "..", "node_modules", "@npmcli", "arborist", "lib", "index.js"),
);
