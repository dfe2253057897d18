import { notificationContent } from "../../src/notify/content";
import { facts, notificationBody } from "../../src/notify/format";
import type { GraphOutcome } from "../../src/graph";
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

describe("notification content: the Graph step and skipped records", () => {
  const NONE = { revokes: 0, accessPasses: 0, extensionAttributes: 0 };
  const denied: GraphOutcome = {
    planned: { ...NONE, revokes: 2, extensionAttributes: 4 },
    done: { ...NONE, extensionAttributes: 4 },
    failures: [
      { employeeId: "7", call: "revokeSessions", status: 403 },
      { employeeId: "9", call: "revokeSessions", status: 403 },
    ],
    heldBack: 0,
    warnings: [],
  };
  const quiet: GraphOutcome = { ...denied, done: { ...NONE, revokes: 2 }, failures: [] };
  const applied = (graph: GraphOutcome | undefined, skippedRecords: number | undefined): CycleReport => ({
    status: "applied",
    durationMs: 1000,
    at: 0,
    result: { status: "applied", changeSet },
    ...(graph === undefined ? {} : { graph }),
    ...(skippedRecords === undefined ? {} : { skippedRecords }),
  });

  it("names the Graph step's status when it needs attention, and the skipped records, in the content and facts", () => {
    const content = notificationContent("failing", "prod", applied(denied, 3), 3_600_000, 0);
    expect(content).toMatchObject({
      title: "personio-azuread prod: applied, but Graph actions failed",
      graph: "graph: revoke failed (missing User.RevokeSessions.All), 4 extension attributes",
      skippedRecords: 3,
    });
    expect(facts(content)).toEqual([
      ["Stack", "prod"],
      ["Status", "applied"],
      ["Users", "create=2 update=1 delete=1"],
      ["Graph", "graph: revoke failed (missing User.RevokeSessions.All), 4 extension attributes"],
      ["Skipped records", "3"],
      ["Duration", "1.0 s"],
      ["Last success", "1970-01-01T00:00:00.000Z"],
    ]);
  });

  it.each([
    ["a Graph step that needs no attention and no skips", quiet, 0],
    ["no Graph step and no count", undefined, undefined],
  ])("leaves both out for %s", (_, graph, skipped) => {
    const content = notificationContent("recovered", "prod", applied(graph, skipped), 3_600_000, 0);
    expect(content).not.toHaveProperty("graph");
    expect(content).not.toHaveProperty("skippedRecords");
    expect(facts(content).map(([label]) => label)).toEqual([
      "Stack",
      "Status",
      "Users",
      "Duration",
      "Last success",
    ]);
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
