import { planExtensionAttributes } from "../../src/graph";
import type { ExtensionAttributes } from "../../src/graph/types";
import { applied, desired, employee, input, tenantUser } from "./fixtures";

const NOW = new Date("2026-11-26T10:00:00Z");
const DESIRED = { extensionAttribute3: "Team A", extensionAttribute4: null };

function plan(current: ExtensionAttributes | null, wanted: Record<string, string | null> = DESIRED) {
  const users = [desired(5, { extensionAttributes: wanted })];
  const tenant = [tenantUser(5, { onPremisesExtensionAttributes: current })];
  return planExtensionAttributes(input({ now: NOW, employees: [employee(5)], users, tenant }));
}

describe("planExtensionAttributes", () => {
  it.each<[string, ExtensionAttributes | null, Record<string, string | null> | null]>([
    ["nothing set yet", null, { extensionAttribute3: "Team A" }],
    [
      "a differing value and one to clear",
      { extensionAttribute3: "Team B", extensionAttribute4: "x" },
      DESIRED,
    ],
    ["all in step", { extensionAttribute3: "Team A", extensionAttribute4: null }, null],
    ["an empty string as empty", { extensionAttribute3: "Team A", extensionAttribute4: "" }, null],
    ["unmapped keys left alone", { extensionAttribute3: "Team A", extensionAttribute9: "kept" }, null],
  ])("%s → changes %j", (_case, current, changes) => {
    expect(plan(current)).toEqual({
      actions:
        changes === null
          ? []
          : [{ kind: "extensionAttributes", employeeId: "5", objectId: "obj-5", changes }],
      warnings: [],
    });
  });

  it("plans nothing when no extension attribute is mapped", () => {
    const tenant = [tenantUser(5, { onPremisesExtensionAttributes: { extensionAttribute3: "x" } })];
    expect(planExtensionAttributes(input({ now: NOW, users: [desired(5)], tenant }))).toEqual({
      actions: [],
      warnings: [],
    });
  });

  it("skips a synced account with a warning code", () => {
    const users = [desired(5, { extensionAttributes: DESIRED })];
    const tenant = [tenantUser(5, { onPremisesSyncEnabled: true })];
    expect(planExtensionAttributes(input({ now: NOW, employees: [employee(5)], users, tenant }))).toEqual({
      actions: [],
      warnings: [{ employeeId: "5", code: "synced_account" }],
    });
  });

  it("never touches tenant accounts of no desired user, and does nothing twice", () => {
    const users = [
      desired(5, { extensionAttributes: DESIRED }),
      desired(6, { extensionAttributes: DESIRED }),
    ];
    const tenant = [
      tenantUser(5),
      tenantUser(6, { onPremisesExtensionAttributes: { extensionAttribute4: "y" } }),
      tenantUser(7),
      tenantUser(null),
    ];
    const first = planExtensionAttributes(input({ now: NOW, users, tenant }));
    expect(first.actions.map((a) => a.objectId)).toEqual(["obj-5", "obj-6"]);
    const second = planExtensionAttributes(
      input({ now: NOW, users, tenant: applied(tenant, first.actions, NOW) }),
    );
    expect(second).toEqual({ actions: [], warnings: [] });
  });
});
