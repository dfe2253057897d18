import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** README's production quick-start: the afternoon in order, and every link in it leads somewhere. */
const ROOT = path.resolve(__dirname, "../..");
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const section = readme.split("## Production quick-start\n")[1]?.split("\n## ")[0] ?? "";

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
const anchors = new Set([...readme.matchAll(/^#{2,4} (.+)$/gm)].map((m) => anchor(m[1] as string)));

describe("README: Production quick-start", () => {
  it("goes prerequisites → permissions → init → doctor → export and plan → GitHub → policy pack → deploy → upgrade", () => {
    const steps = [
      "**Prerequisites**",
      "docs/permissions.md",
      "npm run init",
      "npm run doctor",
      "npm run export-tenant -- --out users.json",
      "--existing-accounts users.json",
      "the environments `production`",
      "pulumi preview --policy-pack policy",
      "kubectl apply -k deploy/kubernetes/overlays/loop",
      "**Upgrade notes**",
    ];
    const at = steps.map((step) => section.indexOf(step));
    expect(at.filter((i) => i === -1)).toEqual([]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it("links only to sections and files that exist", () => {
    const links = [...section.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) {
      if (link.startsWith("#")) expect([link, anchors.has(link.slice(1))]).toEqual([link, true]);
      else if (!link.startsWith("https://"))
        expect([link, existsSync(path.join(ROOT, link))]).toEqual([link, true]);
    }
  });

  it("names files that exist: runner.env.example, the overlays, the policy config example", () => {
    for (const file of [
      "runner.env.example",
      "deploy/kubernetes/overlays/loop",
      "deploy/kubernetes/overlays/cron",
      "policy/policy-config.example.json",
    ]) {
      expect([file, existsSync(path.join(ROOT, file))]).toEqual([file, true]);
    }
  });
});
