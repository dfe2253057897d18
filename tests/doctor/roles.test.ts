import { loadStackConfig } from "../../src/config";
import { checkRoles, roleNeeds, tokenRoles } from "../../src/doctor/roles";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";

const config = (extra: Record<string, unknown> = {}) =>
  loadStackConfig(
    { ...SAMPLE_CONFIG, personio: { clientId: "c", appId: "APP" }, personioClientSecret: "s", ...extra },
    {},
  );

const jwt = (payload: unknown) =>
  `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.`;

describe("roleNeeds", () => {
  it.each([
    ["users only", {}, [["users", "User.ReadWrite.All"]]],
    [
      "a rule that creates groups",
      { groups: [{ attribute: "department", groupPrefix: "dept-" }] },
      [
        ["users", "User.ReadWrite.All"],
        ["groups", "Group.ReadWrite.All"],
      ],
    ],
    [
      "rules that only fill existing groups",
      { groups: [{ attribute: "department", value: "Sales", existingGroup: "Sales" }] },
      [
        ["users", "User.ReadWrite.All"],
        ["groups", "GroupMember.ReadWrite.All|Group.ReadWrite.All"],
      ],
    ],
    [
      "revokes",
      { graph: { revokeSessions: true } },
      [
        ["users", "User.ReadWrite.All"],
        ["tenant read (Graph step)", "User.Read.All|User.ReadWrite.All"],
        ["revoke sessions", "User.RevokeSessions.All|User.ReadWrite.All"],
      ],
    ],
    [
      "access passes and an extension attribute",
      {
        attributeMapping: { extensionAttribute3: "position" },
        graph: { temporaryAccessPass: { sender: "it@contoso.com", fallbackRecipient: "hr@contoso.com" } },
      },
      [
        ["users", "User.ReadWrite.All"],
        ["tenant read (Graph step)", "User.Read.All|User.ReadWrite.All"],
        ["Temporary Access Pass", "UserAuthenticationMethod.ReadWrite.All"],
        ["access pass mail", "Mail.Send"],
        ["extension attributes", "User.ReadWrite.All"],
      ],
    ],
  ])("lists what %s needs", (_, extra, expected) => {
    expect(roleNeeds(config(extra)).map((n) => [n.feature, n.anyOf.join("|")])).toEqual(expected);
  });
});

describe("tokenRoles", () => {
  it.each([
    ["the roles claim", jwt({ roles: ["User.Read.All", "Mail.Send"] }), ["User.Read.All", "Mail.Send"]],
    ["no roles claim as none", jwt({ aud: "x" }), []],
    [
      "a claim that is not a list",
      jwt({ roles: "Mail.Send" }),
      { error: "its roles claim is not a list of permission names" },
    ],
    ["no JWT", "opaque-token", { error: "the access token is not a JWT with a JSON payload" }],
    ["a payload that is not JSON", "a.b.c", { error: "the access token is not a JWT with a JSON payload" }],
  ])("reads %s", (_, token, expected) => {
    expect(tokenRoles(token)).toEqual(expected);
  });
});

describe("checkRoles", () => {
  it("passes a need covered by any of its roles and fails one covered by none, naming what is granted", () => {
    const needs = [
      { feature: "revoke sessions", anyOf: ["User.RevokeSessions.All", "User.ReadWrite.All"] },
      { feature: "access pass mail", anyOf: ["Mail.Send"] },
    ];
    expect(checkRoles(needs, ["User.ReadWrite.All"])).toEqual([
      { name: "Graph permission for revoke sessions", status: "ok", detail: "User.ReadWrite.All granted." },
      {
        name: "Graph permission for access pass mail",
        status: "fail",
        detail: "Mail.Send not granted (the token grants User.ReadWrite.All).",
        fix:
          "grant the app the Microsoft Graph application permission Mail.Send and admin consent (Entra admin " +
          "center › App registrations › API permissions); new tokens carry it.",
      },
    ]);
    expect(checkRoles(needs.slice(1), [])[0]?.detail).toBe("Mail.Send not granted (the token grants none).");
  });
});
