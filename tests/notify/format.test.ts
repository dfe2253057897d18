import { notificationContent } from "../../src/notify/content";
import { facts, notificationBody } from "../../src/notify/format";
import type { CycleReport } from "../../src/runner/observer";
import type { ChangeSet } from "../../src/review/change-set";

const changeSet = { counts: { create: 2, update: 1, delete: 1 } } as unknown as ChangeSet;
const refused: CycleReport = {
  status: "refused",
  durationMs: 12_345.6,
  at: Date.parse("2026-11-28T10:00:00.000Z"),
  result: {
    status: "refused",
    changeSet,
    verdict: {
      ok: false,
      refusals: [
        {
          guard: "deletes",
          message:
            "deletes: 1 user delete/replace (employee 8) — this project never deletes accounts; override with --allow-deletes",
          override: "--allow-deletes",
        },
      ],
      checked: [],
    },
  },
};
const content = notificationContent(
  "refused",
  "prod",
  refused,
  3 * 3_600_000,
  Date.parse("2026-11-28T09:30:00.000Z"),
);

describe("notification content", () => {
  it("carries the stack, status, guard, override, counts and duration", () => {
    expect(content).toEqual({
      kind: "refused",
      stack: "prod",
      status: "refused",
      title: "personio-azuread prod: a guard refused the cycle, nothing was applied",
      guards: [{ guard: "deletes", message: refused.result.verdict?.refusals[0]?.message }],
      override: "--allow-deletes",
      counts: { create: 2, update: 1, delete: 1 },
      durationMs: 12_346,
      lastSuccessAt: "2026-11-28T09:30:00.000Z",
      at: "2026-11-28T10:00:00.000Z",
    });
  });

  it("blanks addresses in a failure's cause line", () => {
    const failed: CycleReport = {
      status: "failed",
      durationMs: 1,
      at: 0,
      result: {
        status: "failed",
        error: "error: creating user 'anna.x@contoso.com' (employee 8): Request_BadRequest",
      },
    };
    const stale = notificationContent("stale", "prod", failed, 90 * 60_000, undefined);
    expect(stale.error).toBe("error: creating user [redacted] (employee 8): Request_BadRequest");
    expect(stale.title).toBe("personio-azuread prod: no successful cycle for more than 90 min");
    expect(stale).not.toHaveProperty("lastSuccessAt");
  });

  it.each([
    ["user jo@x.de exists", "user [redacted] exists"],
    ["UPN <a.b+c@sub.contoso.com>", "UPN <[redacted]>"],
    ["no address here: 42 users", "no address here: 42 users"],
  ])("without known names, the error %j reads %j", (error, expected) => {
    const report: CycleReport = {
      status: "failed",
      durationMs: 1,
      at: 0,
      result: { status: "failed", error },
    };
    expect(notificationContent("failing", "prod", report, 60_000, undefined).error).toBe(expected);
  });
});

describe("notification bodies", () => {
  it("teams: a message with one Adaptive Card, title and facts", () => {
    expect(notificationBody("teams", content)).toEqual({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          contentUrl: null,
          content: {
            $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
            type: "AdaptiveCard",
            version: "1.4",
            body: [
              {
                type: "TextBlock",
                text: "personio-azuread prod: a guard refused the cycle, nothing was applied",
                weight: "Bolder",
                size: "Medium",
                wrap: true,
                color: "Attention",
              },
              {
                type: "FactSet",
                facts: [
                  { title: "Stack", value: "prod" },
                  { title: "Status", value: "refused" },
                  { title: "Guard", value: content.guards[0]?.message },
                  { title: "Override (one run)", value: "--allow-deletes" },
                  { title: "Users", value: "create=2 update=1 delete=1" },
                  { title: "Duration", value: "12.3 s" },
                  { title: "Last success", value: "2026-11-28T09:30:00.000Z" },
                ],
              },
            ],
          },
        },
      ],
    });
  });

  it("slack: text plus mrkdwn blocks, with <, > and & escaped", () => {
    const body = notificationBody("slack", { ...content, error: "a <b> & c" }) as {
      text: string;
      blocks: { text: { text: string } }[];
    };
    expect(body.text).toBe(content.title);
    expect(body.blocks[0]?.text.text).toBe(
      ":warning: *personio-azuread prod: a guard refused the cycle, nothing was applied*",
    );
    expect(body.blocks[1]?.text.text.split("\n")).toEqual([
      "*Stack:* prod",
      "*Status:* refused",
      `*Guard:* ${content.guards[0]?.message}`,
      "*Override (one run):* --allow-deletes",
      "*Users:* create=2 update=1 delete=1",
      "*Duration:* 12.3 s",
      "*Error:* a &lt;b&gt; &amp; c",
      "*Last success:* 2026-11-28T09:30:00.000Z",
    ]);
  });

  it("json: the content with its source and event", () => {
    expect(notificationBody("json", content)).toEqual({
      source: "personio-azuread",
      event: "refused",
      ...content,
    });
  });

  it("leaves out facts that are empty", () => {
    const recovered = notificationContent(
      "recovered",
      "prod",
      { status: "unchanged", durationMs: 500, at: 0, result: { status: "unchanged" } },
      3_600_000,
      0,
    );
    expect(facts(recovered)).toEqual([
      ["Stack", "prod"],
      ["Status", "unchanged"],
      ["Duration", "0.5 s"],
      ["Last success", "1970-01-01T00:00:00.000Z"],
    ]);
  });
});
