import crypto from "node:crypto";
import { authorized } from "../../src/webhooks/auth";

// A spy on node:crypto's own export, which auth.ts reads at each call: no module mock to hoist above imports.
const timingSafeEqual = jest.spyOn(crypto, "timingSafeEqual");
const compared = () => timingSafeEqual.mock.calls.map(([a, b]) => [a.byteLength, b.byteLength]);
afterAll(() => timingSafeEqual.mockRestore());

const TOKEN = "t".repeat(40);

describe("authorized", () => {
  beforeEach(() => timingSafeEqual.mockClear());

  it.each([
    ["the token as Personio sends it", TOKEN, true],
    ["Bearer and the token", `Bearer ${TOKEN}`, true],
    ["no header", undefined, false],
    ["an empty header", "", false],
    ["a wrong token", "x".repeat(40), false],
    ["the token with one character less", TOKEN.slice(1), false],
    ["the token and more", `${TOKEN}x`, false],
    ["bearer in lower case", `bearer ${TOKEN}`, false],
    ["Bearer without the token", "Bearer ", false],
    ["Basic and the token", `Basic ${TOKEN}`, false],
  ])("%s → %s", (_, header, expected) => {
    expect(authorized(header, TOKEN)).toBe(expected);
  });

  it.each([["short"], [TOKEN.slice(1)], ["y".repeat(5000)], [`Bearer ${TOKEN}`]])(
    "compares 32-byte digests in constant time, both forms, whatever the header (%#)",
    (header) => {
      authorized(header, TOKEN);
      expect(compared()).toEqual([
        [32, 32],
        [32, 32],
      ]);
    },
  );
});
