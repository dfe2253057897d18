import { api, login, useGraphEmulators, users } from "./graph-http";

const start = useGraphEmulators();
const TAPS = "/users/u-1/authentication/temporaryAccessPassMethods";

describe("Graph emulator: Temporary Access Pass", () => {
  it("returns the code on create only; GET lists the pass with temporaryAccessPass null", async () => {
    const g = await start();
    const token = await login(g);
    const body = { startDateTime: "2026-12-01T07:00:00Z", lifetimeInMinutes: 480, isUsableOnce: true };
    const created = await api(g, token, "POST", TAPS, body);
    expect(created.status).toBe(201);
    expect(created.body.temporaryAccessPass).toMatch(/^[A-Za-z2-9]{8}$/);
    const { temporaryAccessPass: code, id, ...rest } = created.body;
    expect(rest).toEqual({
      "@odata.context": `${g.url}/v1.0/$metadata#users('u-1')/authentication/temporaryAccessPassMethods/$entity`,
      createdDateTime: "2026-11-26T08:00:00Z",
      startDateTime: "2026-12-01T07:00:00Z",
      lifetimeInMinutes: 480,
      isUsableOnce: true,
      isUsable: false,
      methodUsabilityReason: "NotYetValid",
    });
    const listed = await api(g, token, "GET", TAPS);
    const method = { ...rest, "@odata.context": undefined };
    expect(listed.body.value).toEqual([{ ...method, id, temporaryAccessPass: null }]);
    expect(JSON.stringify(listed.body)).not.toContain(code);
    expect(g.state.counts).toMatchObject({ tapCreated: 1, writes: 1 });
  });

  it("refuses a second pass with 400 and accepts one after the first is deleted", async () => {
    const g = await start();
    const token = await login(g);
    const first = await api(g, token, "POST", TAPS, {});
    const second = await api(g, token, "POST", TAPS, {});
    expect([second.status, second.body.error.code]).toEqual([400, "badRequest"]);
    const deleted = await api(g, token, "DELETE", `${TAPS}/${first.body.id}`);
    expect(deleted.status).toBe(204);
    const third = await api(g, token, "POST", TAPS, { lifetimeInMinutes: 10 });
    expect(third.status).toBe(201);
    expect(g.state.counts).toMatchObject({ tapCreated: 2, tapDeleted: 1, writes: 3 });
  });

  it.each([
    [9, 400],
    [10, 201],
    [43_200, 201],
    [43_201, 400],
    [60.5, 400],
  ])("lifetimeInMinutes %d answers %i", async (lifetimeInMinutes, status) => {
    const g = await start();
    const answer = await api(g, await login(g), "POST", TAPS, { lifetimeInMinutes });
    expect(answer.status).toBe(status);
  });

  it("DELETE of a pass the user does not have answers 404", async () => {
    const g = await start();
    const answer = await api(g, await login(g), "DELETE", `${TAPS}/nope`);
    expect([answer.status, answer.body.error.code]).toEqual([404, "itemNotFound"]);
  });
});

describe("Graph emulator: sendMail", () => {
  const mail = (to: string, content: string) => ({
    message: {
      subject: "Your first day",
      body: { contentType: "Text", content },
      toRecipients: [{ emailAddress: { address: to } }],
    },
    saveToSentItems: false,
  });

  it("captures the raw message in state.mail and masks the pass code in every log line", async () => {
    const lines: string[] = [];
    const g = await start({
      users: [...users(2), ...users(1, { id: "sender", userPrincipalName: "hr@contoso.com", mailbox: true })],
      log: (l) => lines.push(l),
    });
    const token = await login(g);
    const code = (await api(g, token, "POST", TAPS, {})).body.temporaryAccessPass as string;
    const sent = await api(
      g,
      token,
      "POST",
      "/users/hr@contoso.com/sendMail",
      mail("manager@contoso.com", `Pass: ${code}`),
    );
    expect([sent.status, sent.body]).toEqual([202, undefined]);
    expect(g.state.mail).toEqual([
      {
        senderId: "sender",
        to: ["manager@contoso.com"],
        subject: "Your first day",
        content: `Pass: ${code}`,
        message: mail("manager@contoso.com", `Pass: ${code}`).message,
        at: "2026-11-26T08:00:00Z",
      },
    ]);
    expect(lines).toContain('mail from sender to 1 recipient(s): "Your first day" "Pass: [masked]"');
    expect(
      lines.filter((l) => l.includes(code) || l.includes(token) || l.includes("graph-secret-value")),
    ).toEqual([]);
    expect(g.state.counts).toMatchObject({ mail: 1, tapCreated: 1, writes: 2 });
  });

  it.each([
    ["nobody@contoso.com", "ErrorInvalidUser", "The requested user 'nobody@contoso.com' is invalid."],
    [
      "u-1",
      "MailboxNotEnabledForRESTAPI",
      "The mailbox is either inactive, soft-deleted, or is hosted on-premise.",
    ],
  ])("fails with 404 when the sender is %s", async (sender, code, message) => {
    const g = await start();
    const answer = await api(
      g,
      await login(g),
      "POST",
      `/users/${sender}/sendMail`,
      mail("a@contoso.com", "hi"),
    );
    expect([answer.status, answer.body]).toEqual([404, { error: { code, message } }]);
    expect(g.state.mail).toEqual([]);
  });
});
