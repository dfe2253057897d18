// The architecture as a rule (docs/ARCHITECTURE.md draws it): the folders of src/ stand on floors, and a file
// may import only from its own folder or from a folder on a lower floor. Folders on one floor are siblings and
// do not import each other. No circle between files, type-only imports included. `npm run lint` checks it.

/** The floors of src/, top to bottom. A new folder gets a floor here, or the architecture test fails. */
const FLOORS = [
  ["cli", "sandbox"],
  ["ops"],
  ["notify", "webhooks"],
  ["runner"],
  ["engine"],
  ["review"],
  ["package"],
  ["program", "plan"],
  ["pipeline", "doctor"],
  ["snapshot", "write-back", "graph"],
  ["groups"],
  ["render"],
  ["config"],
  ["personio"],
  ["contract", "entra", "util"],
];

const escape = (folder) => folder.replace(/[-/\\^$*+?.()|[\]{}]/g, "\\$&");
const anyOf = (folders) => `^src/(${folders.map(escape).join("|")})/`;

/** For every folder: the folders it must not import — every other one on its floor or above. */
const layerRules = FLOORS.flatMap((floor, index) => {
  const notBelow = FLOORS.slice(0, index + 1).flat();
  return floor.map((folder) => ({
    name: `floor-${folder}`,
    severity: "error",
    comment: `src/${folder} may import only from itself and the floors below it (docs/ARCHITECTURE.md).`,
    from: { path: anyOf([folder]) },
    to: { path: anyOf(notBelow.filter((other) => other !== folder)) },
  }));
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "no-circular",
      severity: "error",
      comment: "Files must not import each other in a circle, directly or through others.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "src-stands-alone",
      severity: "error",
      comment: "Product code never imports tests, benches or scripts.",
      from: { path: "^src/" },
      to: { path: "^(tests|bench|scripts|policy)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
  },
};

// For the architecture test; not enumerable, so dependency-cruiser's config schema does not see it.
Object.defineProperty(module.exports, "FLOORS", { value: FLOORS, enumerable: false });
