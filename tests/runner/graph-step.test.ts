import { parseStackConfig } from "../../src/config";
import type { GraphAction } from "../../src/graph";
import { DEFAULT_GUARDS } from "../../src/review/guards";
import type { ChangeSet, UserChange } from "../../src/review/change-set";
import { graphConfigured } from "../../src/runner/graph-plan";
import { withinDisablesGuard } from "../../src/runner/graph-step";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";

const revoke = (id: number): GraphAction => ({
  kind: "revokeSessions",
  employeeId: String(id),
  objectId: `o${id}`,
});
const ext: GraphAction = { kind: "extensionAttributes", employeeId: "90", objectId: "o90", changes: {} };

function user(id: number, disables: boolean): UserChange {
  return {
    employeeId: String(id),
    userPrincipalName: `user${id}@contoso.com`,
    op: disables ? "update" : "same",
    fields: [],
    disables,
    enables: false,
    adoption: false,
    retained: false,
  };
}

/** A checked preview of `managed` accounts in which `disabled` (ids 1…) are disabled. */
function changeSet(managed: number, disabled: number): ChangeSet {
  const users = Array.from({ length: managed }, (_, i) => user(i + 1, i < disabled));
  return { users, counts: {}, managedBefore: managed, stackOutputs: undefined, otherChanges: [] };
}

describe("withinDisablesGuard", () => {
  it.each<
    [string, number, number, number[], { maxDisables?: number; allowMassDisable?: boolean }, number[], number]
  >([
    [
      "revokes of the checked disables always go, past the threshold too",
      10,
      8,
      [1, 2, 3, 4, 5, 6, 7, 8],
      {},
      [1, 2, 3, 4, 5, 6, 7, 8],
      0,
    ],
    [
      "earlier disables within the threshold (max 5 of 10) go",
      10,
      2,
      [1, 2, 50, 51, 52],
      {},
      [1, 2, 50, 51, 52],
      0,
    ],
    [
      "past the threshold they are held back, in order",
      10,
      2,
      [1, 2, 50, 51, 52, 53, 54],
      {},
      [1, 2, 50, 51, 52],
      2,
    ],
    [
      "20 % of 100 managed: 20 disables",
      100,
      0,
      Array.from({ length: 22 }, (_, i) => 200 + i),
      {},
      Array.from({ length: 20 }, (_, i) => 200 + i),
      2,
    ],
    ["--max-disables 1", 10, 0, [50, 51], { maxDisables: 1 }, [50], 1],
    ["--max-disables 1 with one checked disable: no room", 10, 1, [1, 50], { maxDisables: 1 }, [1], 1],
    [
      "--allow-mass-disable lets all through",
      10,
      2,
      [1, 2, 50, 51, 52, 53, 54, 55],
      { allowMassDisable: true },
      [1, 2, 50, 51, 52, 53, 54, 55],
      0,
    ],
  ])("%s", (_, managed, disabled, ids, guards, allowed, heldBack) => {
    const actions = [...ids.map(revoke), ext];
    const result = withinDisablesGuard(actions, changeSet(managed, disabled), {
      ...DEFAULT_GUARDS,
      ...guards,
    });
    expect(result).toEqual({ allowed: [...allowed.map(revoke), ext], heldBack });
  });

  it("without a checked preview counts every revoke against max(5, 20 % of 0)", () => {
    const result = withinDisablesGuard([1, 2, 3, 4, 5, 6].map(revoke), undefined, DEFAULT_GUARDS);
    expect(result).toEqual({ allowed: [1, 2, 3, 4, 5].map(revoke), heldBack: 1 });
  });
});

describe("graphConfigured", () => {
  const TAP = { sender: "it@contoso.com", fallbackRecipient: "hr@contoso.com" };
  it.each<[string, boolean, Record<string, unknown>]>([
    ["no graph key, no extension attribute", false, {}],
    ["graph with everything off", false, { graph: { revokeSessions: false } }],
    ["revokes on", true, { graph: { revokeSessions: true } }],
    ["access passes on", true, { graph: { temporaryAccessPass: TAP } }],
    ["an extension attribute mapped", true, { attributeMapping: { extensionAttribute15: "department" } }],
    ["other targets only", false, { attributeMapping: { department: "department" } }],
  ])("%s → %s", (_, configured, extra) => {
    const config = parseStackConfig({
      personio: { clientId: "abc", appId: "APP" },
      loginSchema: SAMPLE_CONFIG.loginSchema,
      ...extra,
    });
    expect(graphConfigured({ ...config, personioClientSecret: "x" })).toBe(configured);
  });
});
