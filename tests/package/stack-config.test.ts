import { argsOfStackConfig, stackConfigOf } from "../../src/package/own-program";
import { SAMPLE_CONFIG } from "../fixtures/stack-config";

const PERSONIO = { clientId: "c-1", appId: "ACME_ENTRA_SYNC" };

describe("stackConfigOf and argsOfStackConfig", () => {
  it("move the client secret between personio (args) and personioClientSecret (stack config)", () => {
    const stack = { personio: PERSONIO, personioClientSecret: "s-1", ...SAMPLE_CONFIG };
    const args = argsOfStackConfig(stack);
    expect(args).toStrictEqual({ personio: { ...PERSONIO, clientSecret: "s-1" }, ...SAMPLE_CONFIG });
    expect(stackConfigOf(args, "s-1")).toStrictEqual(stack);
  });

  it.each([
    ["no secret (the environment gives it)", { personio: PERSONIO }],
    ["no personio section", { timezone: "UTC" }],
    ["a personio that is not a section", { personio: "abc", personioClientSecret: "s-1" }],
    [
      "stack file spellings the schema reads",
      { personio: PERSONIO, joiners: { createDaysBeforeHire: "none" } },
    ],
  ])("give a stack config back as it was: %s", (_, stack: Record<string, unknown>) => {
    const args = argsOfStackConfig(stack);
    const secret = (args.personio as { clientSecret?: string } | string | undefined) ?? {};
    expect(stackConfigOf(args, typeof secret === "string" ? undefined : secret.clientSecret)).toStrictEqual(
      stack,
    );
  });

  it("takes the secret given apart from the args (a consumer's may be a secret Output)", () => {
    const args = {
      personio: { ...PERSONIO, clientSecret: "not this" },
      loginSchema: SAMPLE_CONFIG.loginSchema,
    };
    expect(stackConfigOf(args as never, "resolved")).toStrictEqual({
      personio: PERSONIO,
      personioClientSecret: "resolved",
      loginSchema: SAMPLE_CONFIG.loginSchema,
    });
  });

  it("leaves out a setting given as undefined, as a stack file does", () => {
    const args = { personio: PERSONIO, loginSchema: SAMPLE_CONFIG.loginSchema, timezone: undefined };
    expect(stackConfigOf(args as never, undefined)).toStrictEqual({
      personio: PERSONIO,
      loginSchema: SAMPLE_CONFIG.loginSchema,
    });
  });
});
