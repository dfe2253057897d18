// zod's locales: zod's main entry requires all 63 of its error-message translations when it loads (63 of the 95
// modules it loads), and sets English itself. Nothing here picks another locale, so they load on first use.
const path = require("node:path");
const lazy = require("./lazy");

module.exports = lazy(
  path.join(__dirname, "..", "..", "..", "node_modules", "zod", "v4", "locales", "index.cjs"),
);
