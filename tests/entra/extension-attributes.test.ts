import { EXTENSION_ATTRIBUTES, isExtensionAttribute } from "../../src/entra/extension-attributes";
import { AZUREAD_USER_INPUTS } from "../../src/entra/user-inputs";

describe("extension attributes", () => {
  it("are extensionAttribute1 to extensionAttribute15, none of them an azuread.User input", () => {
    expect(EXTENSION_ATTRIBUTES).toEqual(Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`));
    expect(EXTENSION_ATTRIBUTES.filter((name) => AZUREAD_USER_INPUTS.includes(name))).toEqual([]);
  });

  it.each([
    ["extensionAttribute1", true],
    ["extensionAttribute15", true],
    ["extensionAttribute0", false],
    ["extensionAttribute16", false],
    ["extensionattribute1", false],
    ["extensionAttribute01", false],
  ])("isExtensionAttribute(%s) is %s", (name, expected) => {
    expect(isExtensionAttribute(name)).toBe(expected);
  });
});
