import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { GRAPH_PERMISSIONS } from "../../src/graph/permissions";

/** docs/permissions.md names every permission the code asks for and every secret and variable a workflow reads. */
const ROOT = path.resolve(__dirname, "../..");
const doc = readFileSync(path.join(ROOT, "docs/permissions.md"), "utf8");
const quoted = new Set([...doc.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string));

const WORKFLOWS = [
  ...readdirSync(path.join(ROOT, ".github/workflows")).map((f) => `.github/workflows/${f}`),
  ...readdirSync(path.join(ROOT, "deploy/github-actions")).map((f) => `deploy/github-actions/${f}`),
];
const referenced = [
  ...new Set(
    WORKFLOWS.flatMap((file) => [
      ...readFileSync(path.join(ROOT, file), "utf8").matchAll(/\b(?:secrets|vars)\.([A-Z0-9_]+)/g),
    ]).map((m) => m[1] as string),
  ),
].sort();

describe("docs/permissions.md", () => {
  it("names the Graph permission of every call of the Graph steps, and the provider's", () => {
    const needed = [
      ...new Set([
        ...Object.values(GRAPH_PERMISSIONS),
        "User.ReadWrite.All",
        "Group.ReadWrite.All",
        "Group.Read.All",
        "GroupMember.Read.All",
      ]),
    ];
    expect(needed.filter((permission) => !quoted.has(permission))).toEqual([]);
  });

  it("names every secret and variable the workflows read", () => {
    expect(referenced.length).toBeGreaterThan(10);
    expect(referenced.filter((name) => !quoted.has(name))).toEqual([]);
  });

  it("links to what exists", () => {
    const links = [...doc.matchAll(/\]\((\.\.\/[^)#]+)/g)].map((m) => m[1] as string);
    expect([...new Set(links)].sort()).toEqual(["../README.md", "../runner.env.example"]);
    for (const link of links) expect(() => readFileSync(path.join(ROOT, "docs", link))).not.toThrow();
  });
});
