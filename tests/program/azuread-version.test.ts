import azureadPackage from "@pulumi/azuread/package.json";
import projectPackage from "../../package.json";
import { LEAN_USER_VERIFIED_AGAINST } from "../../src/program/lean-user";

/** What to do when this test fails: the lean registration copies the generated class of one version. */
const RECHECK =
  "src/program/lean-user.ts declareUser mirrors node_modules/@pulumi/azuread/user.js of the verified version. " +
  "Re-check it against the new user.js (required inputs, secret inputs, additionalSecretOutputs, aliases, " +
  "how empty values are sent), run tests/program/lean-user.test.ts and `npm run bench -- program`, then " +
  "update LEAN_USER_VERIFIED_AGAINST.";

describe("the @pulumi/azuread version", () => {
  it("is the one the lean registration was verified against", () => {
    const installed = azureadPackage.version.replace(/^v/, "");
    if (installed !== LEAN_USER_VERIFIED_AGAINST) {
      throw new Error(
        `@pulumi/azuread ${installed} is installed; the lean registration was verified against ${LEAN_USER_VERIFIED_AGAINST}. ${RECHECK}`,
      );
    }
    expect(installed).toBe(LEAN_USER_VERIFIED_AGAINST);
  });

  it("is pinned exactly in package.json", () => {
    expect(projectPackage.dependencies["@pulumi/azuread"]).toBe(LEAN_USER_VERIFIED_AGAINST);
  });
});
