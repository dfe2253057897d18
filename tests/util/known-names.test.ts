import { CycleRedactor, knownNamesRedactor, PATTERN_REDACTOR } from "../../src/util/known-names";
import { LEAKY_LINE, PEOPLE_KNOWN, REDACTED_LINE } from "../fixtures/people";

const redactor = knownNamesRedactor(PEOPLE_KNOWN);

describe("knownNamesRedactor", () => {
  it("blanks every known name and login in an engine error, keeping the id, the URN and the Graph code", () => {
    expect(redactor.redact(LEAKY_LINE)).toBe(REDACTED_LINE);
  });

  it.each([
    [
      "a name in parentheses without quotes",
      "failed for 4711 (Jürgen Groß) today",
      "failed for 4711 ([redacted]) today",
    ],
    ["a part of a name alone", "Groß left; Jürgen stays", "[redacted] left; [redacted] stays"],
    ["a CJK name inside other text", "用户王小明已存在", "用户[redacted]已存在"],
    ["a Cyrillic name", "user Ирина Волкова exists", "user [redacted] exists"],
    ["a Greek family name", "Παπαδοπούλου: conflict", "[redacted]: conflict"],
    ["a collision login in any case", "login ANNA.Schmidt_12345 taken", "login [redacted] taken"],
    ["a UPN as an address", "upn anna.schmidt_12345@EXAMPLE.org", "upn [redacted]"],
    ["a name only as written: lower case is a word", "anna may retry", "anna may retry"],
    ["a name only as a whole word in spaced scripts", "Annals of Schmidtville", "Annals of Schmidtville"],
    ["a decomposed name, compared NFC", "by Ju\u0308rgen", "by [redacted]"],
    [
      "ids, URNs and the CLI's words",
      "employee-12345 urn:pulumi:a::b::c Request_BadRequest",
      "employee-12345 urn:pulumi:a::b::c Request_BadRequest",
    ],
    ["quoted text by pattern, as the second layer", 'value "Some One" rejected', "value [redacted] rejected"],
    [
      "a quoted Pulumi command",
      'clear it with "pulumi cancel --stack prod"',
      'clear it with "pulumi cancel --stack prod"',
    ],
  ])("%s: %j → %j", (_case, text, expected) => {
    expect(redactor.redact(text)).toBe(expected);
  });

  it("ignores known strings shorter than 2 characters and prefers the longest match", () => {
    const short = knownNamesRedactor({ names: ["A", "Li", "Li Na"], logins: ["x@y"] });
    expect(short.redact("A Li Na and Li went to x@y")).toBe("A [redacted] and [redacted] went to [redacted]");
  });
});

describe("CycleRedactor", () => {
  it("redacts by pattern until it learns a snapshot, then by what the snapshot names", () => {
    const cycle = new CycleRedactor();
    expect(cycle.redact("by Ирина Волкова")).toBe(PATTERN_REDACTOR.redact("by Ирина Волкова"));
    expect(cycle.redact("by Ирина Волкова")).toBe("by Ирина Волкова");
    cycle.learn(PEOPLE_KNOWN);
    expect(cycle.redact("by Ирина Волкова")).toBe("by [redacted]");
  });
});
