import { loadStackConfig } from "../../src/config";
import { attributeUses, checkReadableAttributes, checkWriteBackType } from "../../src/doctor/attributes";
import type { AttributeDefinition } from "../../src/personio";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";

const config = (extra: Record<string, unknown> = {}) =>
  loadStackConfig(
    { ...SAMPLE_CONFIG, personio: { clientId: "c", appId: "APP" }, personioClientSecret: "s", ...extra },
    {},
  );

const defined = (key: string, type = "standard"): AttributeDefinition => ({
  key,
  label: key,
  type,
  universal_id: null,
});

const EVERY_RUN = "every run (names, e-mail, status, lifecycle)";

describe("attributeUses", () => {
  it("lists what a run reads, each with the key that makes it read", () => {
    const uses = attributeUses(
      config({
        groups: [{ attribute: "office", groupPrefix: "office-" }],
        writeBack: { attribute: "dynamic_9" },
        joiners: { createDaysBeforeHire: 7 },
      }),
    );
    expect(uses).toEqual([
      ["created_at", EVERY_RUN],
      ["department", "personio-azuread:attributeMapping.department"],
      ["dynamic_9", "personio-azuread:writeBack.attribute"],
      ["email", EVERY_RUN],
      ["first_name", "personio-azuread:loginSchema.beginning.attribute"],
      ["hire_date", "personio-azuread:joiners or graph.temporaryAccessPass"],
      ["last_name", "personio-azuread:loginSchema.end.attribute"],
      ["office", "personio-azuread:groups.0.attribute"],
      ["position", "personio-azuread:attributeMapping.jobTitle"],
      ["status", EVERY_RUN],
      ["supervisor", "personio-azuread:attributeMapping.managerId"],
      ["termination_date", EVERY_RUN],
    ]);
  });
});

describe("checkReadableAttributes", () => {
  const readable = ["id", "first_name", "last_name", "email", "status", "termination_date", "created_at"];

  it("passes when every used attribute is readable", () => {
    const all = [...readable, "position", "department", "supervisor", "team"].map((k) => defined(k));
    expect(checkReadableAttributes(config(), all, "Pulumi.prod.yaml")).toEqual({
      name: "Personio attributes",
      status: "ok",
      detail: "the key may read all 9 attributes the config uses (11 readable).",
    });
  });

  it("fails naming every attribute it may not read and where the config uses it", () => {
    const result = checkReadableAttributes(
      config(),
      [...readable, "position"].map((k) => defined(k)),
      "p.yaml",
    );
    expect(result).toEqual({
      name: "Personio attributes",
      status: "fail",
      detail:
        "the key may not read 2 of the 9 attributes the config uses: department " +
        "(personio-azuread:attributeMapping.department), supervisor (personio-azuread:attributeMapping.managerId).",
      fix:
        "add them to the readable attributes of the API credentials in Personio (Settings › Integrations › API " +
        "credentials), or remove them from p.yaml; npm run attributes lists what the key may read.",
    });
  });
});

describe("checkWriteBackType", () => {
  it.each([
    ["a custom text attribute", "standard", "ok", "dynamic_9 is a custom text attribute (type standard)."],
    ["a long text", "multiline", "ok", "dynamic_9 is a custom text attribute (type multiline)."],
  ])("passes %s", (_, type, status, detail) => {
    const result = checkWriteBackType(config({ writeBack: { attribute: "dynamic_9" } }), [
      defined("dynamic_9", type),
    ]);
    expect(result).toEqual({ name: "write-back attribute", status, detail });
  });

  it.each([
    [
      "a date attribute",
      [defined("dynamic_9", "date")],
      'Invalid value for personio-azuread:writeBack.attribute: "dynamic_9" (a date attribute). Allowed: a custom text attribute (type standard or multiline).',
    ],
    [
      "an attribute the key cannot see",
      [defined("dynamic_8")],
      'Invalid value for personio-azuread:writeBack.attribute: "dynamic_9" (not among the attributes these Personio credentials can read). Allowed: a custom text attribute the credentials can read and write: dynamic_8.',
    ],
  ])("fails %s with write-back's own line", (_, definitions, detail) => {
    expect(checkWriteBackType(config({ writeBack: { attribute: "dynamic_9" } }), definitions)).toEqual({
      name: "write-back attribute",
      status: "fail",
      detail,
      fix: "point writeBack.attribute at a custom text attribute the credentials may read and write.",
    });
  });

  it("is skipped without write-back", () => {
    expect(checkWriteBackType(config(), [])).toEqual({
      name: "write-back attribute",
      status: "skip",
      detail: "skipped: personio-azuread:writeBack is not set.",
    });
  });
});
