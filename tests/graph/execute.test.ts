import { executeGraphActions, type GraphAction, type GraphApi, type GraphRequest } from "../../src/graph";

/** A fake Graph: `answer` decides each sub-request's status and body; an aborted signal answers 0, as runBatch does. */
function fakeApi(answer: (request: GraphRequest) => { status: number; body?: unknown }) {
  const sent: { requests: GraphRequest[]; aborted: boolean }[] = [];
  const api: GraphApi = {
    listUsers: () => Promise.resolve([]),
    user: () => Promise.resolve(undefined),
    batch: (requests, signal) => {
      sent.push({ requests: [...requests], aborted: signal?.aborted === true });
      return Promise.resolve(
        requests.map((r) =>
          signal?.aborted === true ? { id: r.id, status: 0 } : { id: r.id, ...answer(r) },
        ),
      );
    },
  };
  return { api, sent, calls: () => sent.flatMap((b) => b.requests.map((r) => `${r.method} ${r.url}`)) };
}

const CODE = "Secr3tPa";
const revoke: GraphAction = { kind: "revokeSessions", employeeId: "2", objectId: "o2" };
const ext: GraphAction = {
  kind: "extensionAttributes",
  employeeId: "3",
  objectId: "o3",
  changes: { extensionAttribute1: "A", extensionAttribute2: null },
};
const pass: GraphAction = {
  kind: "accessPass",
  employeeId: "5",
  objectId: "o5",
  startDateTime: "2026-11-27T06:00:00Z",
  lifetimeInMinutes: 600,
  isUsableOnce: false,
  recipient: "boss@contoso.com",
  recipientIs: "manager",
};
const TAP_URL = "/users/o5/authentication/temporaryAccessPassMethods";
const created = { status: 201, body: { id: "m5", temporaryAccessPass: CODE } };

type Answers = Partial<
  Record<"revoke" | "ext" | "tap" | "mail" | "delete", { status: number; body?: unknown }>
>;
function byKind(answers: Answers) {
  return (request: GraphRequest) => {
    const kind = request.id.split("-")[0] as keyof Answers;
    return answers[kind] ?? { status: 204 };
  };
}

describe("executeGraphActions", () => {
  it.each([
    ["both writes succeed", {}, { revokes: 1, accessPasses: 0, extensionAttributes: 2 }, []],
    [
      "a revoke refused (403) does not stop the attributes",
      { revoke: { status: 403 } },
      { revokes: 0, accessPasses: 0, extensionAttributes: 2 },
      [{ employeeId: "2", call: "revokeSessions", status: 403 }],
    ],
    [
      "an attribute write that fails",
      { ext: { status: 500 } },
      { revokes: 1, accessPasses: 0, extensionAttributes: 0 },
      [{ employeeId: "3", call: "extensionAttributes", status: 500 }],
    ],
  ] as const)("writes: %s", async (_, answers, done, failures) => {
    const fake = fakeApi(byKind(answers));
    const result = await executeGraphActions({
      api: fake.api,
      actions: [revoke, ext],
      upnOf: () => undefined,
    });
    expect(result).toEqual({ done, failures });
    expect(fake.calls()).toEqual(["POST /users/o2/revokeSignInSessions", "PATCH /users/o3"]);
  });

  it.each([
    [
      "created, then mailed",
      { tap: created },
      "user5@contoso.com",
      1,
      [],
      ["POST", "POST /users/it%40contoso.com/sendMail"],
    ],
    [
      "mail fails: the pass is deleted again",
      { tap: created, mail: { status: 403 } },
      "user5@contoso.com",
      0,
      [{ employeeId: "5", call: "sendMail", status: 403 }],
      ["POST", "POST /users/it%40contoso.com/sendMail", `DELETE ${TAP_URL}/m5`],
    ],
    [
      "mail fails and so does the delete",
      { tap: created, mail: { status: 500 }, delete: { status: 404 } },
      "user5@contoso.com",
      0,
      [
        { employeeId: "5", call: "sendMail", status: 500 },
        { employeeId: "5", call: "deleteAccessPass", status: 404 },
      ],
      ["POST", "POST /users/it%40contoso.com/sendMail", `DELETE ${TAP_URL}/m5`],
    ],
    [
      "create answers without a code: no mail, the pass is deleted",
      { tap: { status: 201, body: { id: "m5", temporaryAccessPass: null } } },
      "user5@contoso.com",
      0,
      [{ employeeId: "5", call: "accessPass", status: 201 }],
      ["POST", `DELETE ${TAP_URL}/m5`],
    ],
    [
      "the account's UPN is unknown: no mail, the pass is deleted",
      { tap: created },
      undefined,
      0,
      [{ employeeId: "5", call: "accessPass", status: 201 }],
      ["POST", `DELETE ${TAP_URL}/m5`],
    ],
    [
      "create refused: nothing else",
      { tap: { status: 403 } },
      "user5@contoso.com",
      0,
      [{ employeeId: "5", call: "accessPass", status: 403 }],
      ["POST"],
    ],
  ] as const)("access pass: %s", async (_, answers, upn, mailed, failures, calls) => {
    const fake = fakeApi(byKind(answers));
    const result = await executeGraphActions({
      api: fake.api,
      actions: [pass],
      upnOf: (id) => (id === "o5" ? upn : undefined),
      sender: "it@contoso.com",
    });
    expect(result).toEqual({ done: { revokes: 0, accessPasses: mailed, extensionAttributes: 0 }, failures });
    expect(fake.calls().map((c) => (c === `POST ${TAP_URL}` ? "POST" : c))).toEqual(calls);
    expect(JSON.stringify(result)).not.toContain(CODE);
  });

  it("mails the code to the recipient and nowhere else", async () => {
    const fake = fakeApi(byKind({ tap: created }));
    await executeGraphActions({
      api: fake.api,
      actions: [pass],
      upnOf: () => "user5@contoso.com",
      sender: "it@contoso.com",
    });
    const mail = fake.sent[1]?.requests[0]?.body as {
      message: { toRecipients: unknown; body: { content: string } };
    };
    expect(mail.message.toRecipients).toEqual([{ emailAddress: { address: "boss@contoso.com" } }]);
    expect(mail.message.body.content).toContain(`Pass: ${CODE}\n`);
  });

  it("answers status 0 for every call once aborted, and deletes unmailed passes under the cleanup signal", async () => {
    const cycle = new AbortController();
    const fake = fakeApi((request) => {
      if (request.id.startsWith("tap-")) cycle.abort();
      return request.id.startsWith("tap-") ? created : { status: 204 };
    });
    const result = await executeGraphActions({
      api: fake.api,
      actions: [revoke, pass],
      upnOf: () => "user5@contoso.com",
      sender: "it@contoso.com",
      signal: cycle.signal,
      cleanupSignal: () => new AbortController().signal,
    });
    expect(result).toEqual({
      done: { revokes: 1, accessPasses: 0, extensionAttributes: 0 },
      failures: [{ employeeId: "5", call: "sendMail", status: 0 }],
    });
    expect(fake.sent.map((b) => [b.requests.map((r) => r.method).join(","), b.aborted])).toEqual([
      ["POST", false],
      ["POST", false],
      ["POST", true],
      ["DELETE", false],
    ]);
  });

  it("sends nothing when aborted before it starts", async () => {
    const fake = fakeApi(() => ({ status: 204 }));
    const result = await executeGraphActions({
      api: fake.api,
      actions: [revoke, ext, pass],
      upnOf: () => "user5@contoso.com",
      sender: "it@contoso.com",
      signal: AbortSignal.abort(),
    });
    expect(result).toEqual({
      done: { revokes: 0, accessPasses: 0, extensionAttributes: 0 },
      failures: [
        { employeeId: "2", call: "revokeSessions", status: 0 },
        { employeeId: "3", call: "extensionAttributes", status: 0 },
        { employeeId: "5", call: "accessPass", status: 0 },
      ],
    });
  });

  it("deletes a pass whose create was never answered once a re-read shows it was created during the step", async () => {
    const fake = fakeApi((request) => {
      if (request.id.startsWith("tap-")) return { status: 0 };
      if (request.id.startsWith("lost-"))
        return {
          status: 200,
          body: {
            value: [
              { id: "old", createdDateTime: "2026-11-20T08:00:00Z" },
              { id: "m5", createdDateTime: "2026-11-26T09:00:03Z" },
            ],
          },
        };
      return { status: 204 };
    });
    const result = await executeGraphActions({
      api: fake.api,
      actions: [pass],
      upnOf: () => "new.hire@contoso.com",
      sender: "it@contoso.com",
      startedAt: new Date("2026-11-26T09:00:00Z"),
    });
    expect(result).toEqual({
      done: { revokes: 0, accessPasses: 0, extensionAttributes: 0 },
      failures: [{ employeeId: "5", call: "accessPass", status: 0 }],
    });
    expect(fake.calls()).toEqual([`POST ${TAP_URL}`, `GET ${TAP_URL}`, `DELETE ${TAP_URL}/m5`]);
  });

  it("leaves passes older than the step alone when a create was never answered", async () => {
    const fake = fakeApi((request) =>
      request.id.startsWith("tap-")
        ? { status: 0 }
        : { status: 200, body: { value: [{ id: "old", createdDateTime: "2026-11-20T08:00:00Z" }] } },
    );
    await executeGraphActions({
      api: fake.api,
      actions: [pass],
      upnOf: () => "new.hire@contoso.com",
      sender: "it@contoso.com",
      startedAt: new Date("2026-11-26T09:00:00Z"),
    });
    expect(fake.calls()).toEqual([`POST ${TAP_URL}`, `GET ${TAP_URL}`]);
  });
});
