import { useGraphEmulators, users } from "../sandbox/graph-http";
import { emulatorApi } from "./emulator-api";

const start = useGraphEmulators();

describe("GraphApi.user", () => {
  it.each([
    ["by object id", "u-1", { id: "u-1", mail: "it@contoso.com" }],
    ["by UPN, any case", "USER1@contoso.com", { id: "u-1", mail: "it@contoso.com" }],
    ["without mail", "u-2", { id: "u-2", mail: null }],
    ["unknown (404)", "nobody@contoso.com", undefined],
  ])("reads a user %s", async (_, key, expected) => {
    const [first, second] = users(2);
    const g = await start({
      users: [
        { ...first!, mail: "it@contoso.com" },
        { ...second!, mail: null },
      ],
    });
    expect(await emulatorApi(g).user(key)).toEqual(expected);
  });

  it("fails with the status when the app may not read users", async () => {
    const g = await start({ roles: ["Mail.Send"] });
    await expect(emulatorApi(g).user("u-1")).rejects.toThrow(
      "Graph GET /v1.0/users/{key} failed: HTTP 403 (Authorization_RequestDenied) after 1 attempt(s)",
    );
  });
});
