import { ConfigError, parseStackConfig } from "../../src/config";

const base = {
  personio: { clientId: "abc123", appId: "ACME_ENTRA_SYNC" },
  loginSchema: {
    beginning: { attribute: "first_name", use: "entire" },
    separator: ".",
    end: { attribute: "last_name", use: "entire" },
    domain: "Contoso.com",
  },
};

const TAP = { sender: "it@contoso.com", fallbackRecipient: "hr@contoso.com" };

function failure(raw: Record<string, unknown>): string {
  try {
    parseStackConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseStackConfig", () => {
  it("applies the documented defaults", () => {
    expect(parseStackConfig(base)).toEqual({
      personio: { baseUrl: "https://api.personio.de", clientId: "abc123", appId: "ACME_ENTRA_SYNC" },
      loginSchema: {
        beginning: { attribute: "first_name", use: "entire" },
        separator: ".",
        end: { attribute: "last_name", use: "entire" },
        domain: "contoso.com",
      },
      attributeMapping: {},
      timezone: "UTC",
      followRenames: false,
      groups: [],
      joiners: { createDaysBeforeHire: null, enableFrom: "created" },
      graph: { revokeSessions: false },
      shards: 1,
      scope: { include: {}, exclude: {} },
    });
  });

  it.each([
    [8, 8],
    ["8", 8],
    [64, 64],
    [1, 1],
  ])("reads shards %j as %i", (shards, expected) => {
    expect(parseStackConfig({ ...base, shards }).shards).toBe(expected);
  });

  it.each([
    [0, "0"],
    [65, "65"],
    [1.5, "1.5"],
    ["x", '"x"'],
    ["1.5", '"1.5"'],
  ])("fails on shards %j", (shards, shown) => {
    expect(failure({ ...base, shards })).toBe(
      `Invalid value for personio-azuread:shards: ${shown}. Allowed: a whole number of shards from 1 to 64 (1: one stack, not sharded).`,
    );
  });

  it("applies the Temporary Access Pass defaults", () => {
    const graph = { temporaryAccessPass: { sender: "it@contoso.com", fallbackRecipient: "hr@contoso.com" } };
    expect(parseStackConfig({ ...base, graph }).graph).toEqual({
      revokeSessions: false,
      temporaryAccessPass: {
        sender: "it@contoso.com",
        fallbackRecipient: "hr@contoso.com",
        validFrom: "07:00",
        lifetimeMinutes: 600,
        usableOnce: false,
        daysBeforeHire: 1,
      },
    });
  });

  it("reads every graph setting as given", () => {
    const temporaryAccessPass = {
      sender: "onboarding@contoso.com",
      fallbackRecipient: "it-desk@contoso.com",
      validFrom: "23:59",
      lifetimeMinutes: 43_200,
      usableOnce: true,
      daysBeforeHire: 30,
    };
    expect(parseStackConfig({ ...base, graph: { revokeSessions: true, temporaryAccessPass } }).graph).toEqual(
      { revokeSessions: true, temporaryAccessPass },
    );
  });

  it.each(["extensionAttribute1", "extensionAttribute9", "extensionAttribute15"])(
    "accepts %s as a mapping target",
    (target) => {
      expect(
        parseStackConfig({ ...base, attributeMapping: { [target]: "dynamic_7" } }).attributeMapping,
      ).toEqual({ [target]: "dynamic_7" });
    },
  );

  it("reads the opt-in write-back attribute", () => {
    expect(parseStackConfig({ ...base, writeBack: { attribute: "dynamic_40001" } }).writeBack).toEqual({
      attribute: "dynamic_40001",
    });
  });

  it.each([
    [{ createDaysBeforeHire: 14 }, { createDaysBeforeHire: 14, enableFrom: "created" }],
    [
      { createDaysBeforeHire: 0, enableFrom: "hireDate" },
      { createDaysBeforeHire: 0, enableFrom: "hireDate" },
    ],
    [
      { createDaysBeforeHire: "none", enableFrom: "hireDate" },
      { createDaysBeforeHire: null, enableFrom: "hireDate" },
    ],
  ])("reads joiners %j", (joiners, expected) => {
    expect(parseStackConfig({ ...base, joiners }).joiners).toEqual(expected);
  });

  it.each([
    [
      { createDaysBeforeHire: 400 },
      "Invalid value for personio-azuread:joiners.createDaysBeforeHire: 400. Allowed: a whole number of days from 0 to 365, or none.",
    ],
    [
      { createDaysBeforeHire: 1.5 },
      "Invalid value for personio-azuread:joiners.createDaysBeforeHire: 1.5. Allowed: a whole number of days from 0 to 365, or none.",
    ],
    [
      { createDaysBeforeHire: "14" },
      'Invalid value for personio-azuread:joiners.createDaysBeforeHire: "14". Allowed: a whole number of days from 0 to 365, or none.',
    ],
    [
      { enableFrom: "hire_date" },
      'Invalid value for personio-azuread:joiners.enableFrom: "hire_date". Allowed: created or hireDate.',
    ],
    [
      { createBefore: 3 },
      "Unknown key in personio-azuread:joiners: createBefore. Allowed: { createDaysBeforeHire: <days> | none, enableFrom: created | hireDate }.",
    ],
  ])("fails when joiners is %j", (joiners, message) => {
    expect(failure({ ...base, joiners })).toBe(message);
  });

  it("reads separator none and end none", () => {
    const config = parseStackConfig({
      ...base,
      loginSchema: { ...base.loginSchema, separator: "none", end: "none" },
    });
    expect(config.loginSchema).toMatchObject({ separator: "", end: null });
  });

  it("reads a login schema without end as end none", () => {
    const { beginning, separator, domain } = base.loginSchema;
    const config = parseStackConfig({ ...base, loginSchema: { beginning, separator, domain } });
    expect(config.loginSchema.end).toBeNull();
  });

  it("lets the environment override client id, secret and base URL", () => {
    const config = parseStackConfig(base, {
      PERSONIO_CLIENT_ID: "env-id",
      PERSONIO_CLIENT_SECRET: "env-secret",
      PERSONIO_BASE_URL: "http://127.0.0.1:4010",
    });
    expect(config.personio).toEqual({
      baseUrl: "http://127.0.0.1:4010",
      clientId: "env-id",
      appId: "ACME_ENTRA_SYNC",
    });
    expect(config.personioClientSecret).toBe("env-secret");
  });

  it.each([
    [
      "an unknown mapping target",
      { attributeMapping: { jobTitel: "position" } },
      /^Invalid mapping target in personio-azuread:attributeMapping: "jobTitel"\. Allowed: an azuread\.User input: ageGroup, businessPhones, .*jobTitle, .*usageLocation \(userPrincipalName, employeeId, accountEnabled, givenName, surname, mailNickname are set by the program and cannot be mapped\), or extensionAttribute1 … extensionAttribute15\.$/,
    ],
    [
      "a fixed property as mapping target",
      { attributeMapping: { userPrincipalName: "email" } },
      /^Invalid mapping target in personio-azuread:attributeMapping: "userPrincipalName"\. Allowed: an azuread\.User input: /,
    ],
    [
      "an unknown Personio key",
      { attributeMapping: { jobTitle: "positon" } },
      /^Invalid value for personio-azuread:attributeMapping\.jobTitle: "positon"\. Allowed: a Personio attribute key: a standard key such as first_name, or dynamic_<n>\.$/,
    ],
    [
      "managerId mapped to something other than supervisor",
      { attributeMapping: { managerId: "team" } },
      /^Invalid value for personio-azuread:attributeMapping\.managerId: "team"\. Allowed: supervisor \(the manager is resolved from it\)\.$/,
    ],
    [
      "an unknown time zone",
      { timezone: "Europe/Berln" },
      /^Invalid value for personio-azuread:timezone: "Europe\/Berln"\. Allowed: an IANA time zone such as Europe\/Berlin\.$/,
    ],
    [
      "a bad separator",
      { loginSchema: { ...base.loginSchema, separator: "/" } },
      /^Invalid value for personio-azuread:loginSchema\.separator: "\/"\. Allowed: "\.", "-", "_" or none\.$/,
    ],
    [
      "a domain that is not a domain",
      { loginSchema: { ...base.loginSchema, domain: "contoso" } },
      /^Invalid value for personio-azuread:loginSchema\.domain: "contoso"\. Allowed: a DNS domain such as contoso\.com\.$/,
    ],
    [
      "an unknown login attribute",
      { loginSchema: { ...base.loginSchema, beginning: { attribute: "firstname" } } },
      /^Invalid value for personio-azuread:loginSchema\.beginning\.attribute: "firstname"\. Allowed: a Personio attribute key: /,
    ],
    [
      "a bad use",
      { loginSchema: { ...base.loginSchema, end: { attribute: "last_name", use: "first" } } },
      /^Invalid value for personio-azuread:loginSchema\.end\.use: "first"\. Allowed: entire or first_letter\.$/,
    ],
    [
      "an unknown key",
      { loginschema: {} },
      /^Unknown key in personio-azuread: personio-azuread:loginschema\. Allowed: the personio-azuread keys: personio, personioClientSecret, loginSchema, attributeMapping, timezone, followRenames, groups, writeBack, joiners, graph, shards, scope\.$/,
    ],
    [
      "an app id that is not UPPER_SNAKE_CASE",
      { personio: { clientId: "abc", appId: "acme-sync" } },
      /^Invalid value for personio-azuread:personio\.appId: "acme-sync"\. Allowed: UPPER_SNAKE_CASE, e\.g\. ACME_ENTRA_SYNC\.$/,
    ],
    [
      "a missing login schema",
      { loginSchema: undefined },
      /^Invalid value for personio-azuread:loginSchema: \(missing\)\. Allowed: \{ beginning, separator, end, domain \}\.$/,
    ],
    [
      "a secret of the wrong type, without echoing it",
      { personioClientSecret: 12345 },
      /^Invalid value for personio-azuread:personioClientSecret: \[secret\]\. Allowed: a secret string\.$/,
    ],
    [
      "a write-back attribute that is not a custom attribute",
      { writeBack: { attribute: "email" } },
      /^Invalid value for personio-azuread:writeBack\.attribute: "email"\. Allowed: a Personio custom text attribute key dynamic_<n>\.$/,
    ],
    [
      "a write-back without an attribute",
      { writeBack: {} },
      /^Invalid value for personio-azuread:writeBack\.attribute: \(missing\)\. Allowed: a Personio custom text attribute key dynamic_<n>\.$/,
    ],
    [
      "an unknown write-back key",
      { writeBack: { attribute: "dynamic_1", field: "upn" } },
      /^Unknown key in personio-azuread:writeBack: field\. Allowed: \{ attribute: dynamic_<n> \}\.$/,
    ],
    ...["extensionAttribute16", "extensionAttribute0", "ExtensionAttribute1"].map((target) => [
      `the mapping target ${target}`,
      { attributeMapping: { [target]: "dynamic_7" } },
      new RegExp(
        `^Invalid mapping target in personio-azuread:attributeMapping: "${target}"\\. Allowed: an azuread\\.User input: .*, or extensionAttribute1 … extensionAttribute15\\.$`,
      ),
    ]),
    [
      "an unknown graph key",
      { graph: { revokeSession: true } },
      /^Unknown key in personio-azuread:graph: revokeSession\. Allowed: \{ revokeSessions, temporaryAccessPass \}\.$/,
    ],
    [
      "revokeSessions that is not a boolean",
      { graph: { revokeSessions: "yes" } },
      /^Invalid value for personio-azuread:graph\.revokeSessions: "yes"\. Allowed: true or false\.$/,
    ],
    [
      "an unknown temporaryAccessPass key",
      { graph: { temporaryAccessPass: { ...TAP, lifetime: 60 } } },
      /^Unknown key in personio-azuread:graph\.temporaryAccessPass: lifetime\. Allowed: \{ sender, fallbackRecipient, validFrom, lifetimeMinutes, usableOnce, daysBeforeHire \}\.$/,
    ],
    [
      "a temporaryAccessPass without a sender",
      { graph: { temporaryAccessPass: { fallbackRecipient: "hr@contoso.com" } } },
      /^Invalid value for personio-azuread:graph\.temporaryAccessPass\.sender: \(missing\)\. Allowed: the user principal name or e-mail address of a mailbox, such as it@contoso\.com\.$/,
    ],
    [
      "a sender that is not an address",
      { graph: { temporaryAccessPass: { ...TAP, sender: "it-desk" } } },
      /^Invalid value for personio-azuread:graph\.temporaryAccessPass\.sender: "it-desk"\. Allowed: the user principal name or e-mail address of a mailbox, such as it@contoso\.com\.$/,
    ],
    [
      "a fallback recipient that is not an address",
      { graph: { temporaryAccessPass: { ...TAP, fallbackRecipient: "hr@contoso" } } },
      /^Invalid value for personio-azuread:graph\.temporaryAccessPass\.fallbackRecipient: "hr@contoso"\. Allowed: an e-mail address such as it@contoso\.com\.$/,
    ],
    ...["7:00", "24:00", "07:60", "0700", 7].map((validFrom) => [
      `validFrom ${JSON.stringify(validFrom)}`,
      { graph: { temporaryAccessPass: { ...TAP, validFrom } } },
      new RegExp(
        `^Invalid value for personio-azuread:graph\\.temporaryAccessPass\\.validFrom: ${JSON.stringify(validFrom)}\\. Allowed: a time of day "HH:MM" from 00:00 to 23:59\\.$`,
      ),
    ]),
    ...[9, 43_201, 60.5, "600"].map((lifetimeMinutes) => [
      `lifetimeMinutes ${JSON.stringify(lifetimeMinutes)}`,
      { graph: { temporaryAccessPass: { ...TAP, lifetimeMinutes } } },
      new RegExp(
        `^Invalid value for personio-azuread:graph\\.temporaryAccessPass\\.lifetimeMinutes: ${JSON.stringify(lifetimeMinutes)}\\. Allowed: a whole number of minutes from 10 to 43200\\.$`,
      ),
    ]),
    ...[-1, 31, 1.5].map((daysBeforeHire) => [
      `daysBeforeHire ${daysBeforeHire}`,
      { graph: { temporaryAccessPass: { ...TAP, daysBeforeHire } } },
      new RegExp(
        `^Invalid value for personio-azuread:graph\\.temporaryAccessPass\\.daysBeforeHire: ${daysBeforeHire}\\. Allowed: a whole number of days from 0 to 30\\.$`,
      ),
    ]),
    [
      "usableOnce that is not a boolean",
      { graph: { temporaryAccessPass: { ...TAP, usableOnce: "no" } } },
      /^Invalid value for personio-azuread:graph\.temporaryAccessPass\.usableOnce: "no"\. Allowed: true or false\.$/,
    ],
    [
      "followRenames that is not a boolean",
      { followRenames: "yes" },
      /^Invalid value for personio-azuread:followRenames: "yes"\. Allowed: true or false\.$/,
    ],
  ] as [string, Record<string, unknown>, RegExp][])("fails on %s", (_case, override, message) => {
    expect(failure({ ...base, ...override })).toMatch(message);
  });

  const BASE_URL_ALLOWED =
    "Allowed: an http(s) URL such as https://api.personio.de, with a port 1-65535 if any, and no query, fragment or credentials.";
  it("fails on a base URL with credentials without showing them", () => {
    const baseUrl = "https://user:pw@api.personio.de";
    expect(failure({ ...base, personio: { ...base.personio, baseUrl } })).toBe(
      `Invalid value for personio-azuread:personio.baseUrl: "https://[redacted]@api.personio.de". ${BASE_URL_ALLOWED}`,
    );
    // Anywhere in a value shown whole, too.
    expect(failure({ ...base, personio: [baseUrl] })).toBe(
      'Invalid value for personio-azuread:personio: ["https://[redacted]@api.personio.de"]. Allowed: { baseUrl, clientId, appId }.',
    );
  });

  it.each([
    ["a port out of range", "https://api.personio.de:65536"],
    ["port 0", "http://127.0.0.1:0"],
    ["a query", "https://api.personio.de?x=1"],
    ["an empty query", "https://api.personio.de/?"],
    ["a fragment", "https://api.personio.de#v1"],
    ["no host", "https:///v1"],
    ["another scheme", "ftp://api.personio.de"],
  ])("fails on a base URL with %s", (_case, baseUrl) => {
    expect(failure({ ...base, personio: { ...base.personio, baseUrl } })).toBe(
      `Invalid value for personio-azuread:personio.baseUrl: ${JSON.stringify(baseUrl)}. ${BASE_URL_ALLOWED}`,
    );
  });

  it.each([
    ["http://127.0.0.1:4010"],
    ["https://api.personio.de/"],
    ["https://proxy.example.com:8443/personio"],
  ])("accepts the base URL %s", (baseUrl) => {
    expect(parseStackConfig({ ...base, personio: { ...base.personio, baseUrl } }).personio.baseUrl).toBe(
      baseUrl,
    );
  });

  it.each<[string, unknown]>([
    ["a string", "abc"],
    ["a list", ["abc"]],
    ["a number", 5],
  ])("fails on personio set to %s, naming the key rather than a missing clientId", (_case, personio) => {
    expect(failure({ ...base, personio })).toBe(
      `Invalid value for personio-azuread:personio: ${JSON.stringify(personio)}. Allowed: { baseUrl, clientId, appId }.`,
    );
    expect(() => parseStackConfig({ ...base, personio }, { PERSONIO_CLIENT_ID: "env-id" })).toThrow(
      `Invalid value for personio-azuread:personio: ${JSON.stringify(personio)}.`,
    );
  });

  it("fails on a base URL from the environment that has a query", () => {
    expect(() => parseStackConfig(base, { PERSONIO_BASE_URL: "http://127.0.0.1:4010/?debug" })).toThrow(
      `Invalid value for personio-azuread:personio.baseUrl: "http://127.0.0.1:4010/?debug". ${BASE_URL_ALLOWED}`,
    );
  });

  it("counts further problems in the one line", () => {
    expect(failure({ ...base, timezone: "Mars/Base", followRenames: 1 })).toBe(
      'Invalid value for personio-azuread:timezone: "Mars/Base". Allowed: an IANA time zone such as Europe/Berlin. (and 1 more problem)',
    );
  });
});
