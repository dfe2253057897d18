import { describePath } from "../../src/graph";

describe("describePath", () => {
  it.each([
    ["/users?$select=id&$top=999", "/v1.0/users"],
    [
      "/users/5b3c0a4e-1f2d-4c6b-9a8e-7d6c5b4a3f21/revokeSignInSessions",
      "/v1.0/users/5b3c0a4e-1f2d-4c6b-9a8e-7d6c5b4a3f21/revokeSignInSessions",
    ],
    ["/users/anna.schmidt@example.test", "/v1.0/users/{key}"],
    [
      "/users/42/authentication/temporaryAccessPassMethods",
      "/v1.0/users/{key}/authentication/temporaryAccessPassMethods",
    ],
    ["/$batch", "/v1.0/$batch"],
    ["https://graph.microsoft.com/v1.0/users?$skiptoken=abc", "/v1.0/users"],
    ["/users?$filter=displayName eq 'Anna'", "/v1.0/users"],
  ])("%s → %s", (input, expected) => {
    expect(describePath(input)).toBe(expected);
  });
});
