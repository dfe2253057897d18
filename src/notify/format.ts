import type { NotificationContent } from "./content";

/** The webhook flavours `--notify-format` accepts. */
export const NOTIFY_FORMATS = ["teams", "slack", "json"] as const;
export type NotifyFormat = (typeof NOTIFY_FORMATS)[number];

/**
 * The JSON body to POST: a Teams message with one Adaptive Card (incoming webhooks and Workflows' "when a
 * Teams webhook request is received" both take it), a Slack message with blocks, or the content as it is.
 */
export function notificationBody(format: NotifyFormat, content: NotificationContent): unknown {
  if (format === "json") return { source: "personio-azuread", event: content.kind, ...content };
  if (format === "slack") return slackBody(content);
  return teamsBody(content);
}

/** Label → value pairs shown in the chat formats, in this order, empty ones left out. */
export function facts(content: NotificationContent): [string, string][] {
  const counts = Object.entries(content.counts)
    .map(([op, n]) => `${op}=${n}`)
    .join(" ");
  const rows: [string, string | undefined][] = [
    ["Stack", content.stack],
    ["Status", content.status],
    ["Guard", content.guards.map((g) => g.message).join("\n") || undefined],
    ["Override (one run)", content.override],
    ["Users", counts || undefined],
    ["Graph", content.graph],
    ["Shards", content.shards],
    ["Skipped records", content.skippedRecords === undefined ? undefined : String(content.skippedRecords)],
    ["Duration", `${(content.durationMs / 1000).toFixed(1)} s`],
    ["Error", content.error],
    ["Last success", content.lastSuccessAt ?? "never"],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined);
}

function teamsBody(content: NotificationContent): unknown {
  return {
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
              text: content.title,
              weight: "Bolder",
              size: "Medium",
              wrap: true,
              color: content.kind === "recovered" ? "Good" : "Attention",
            },
            { type: "FactSet", facts: facts(content).map(([title, value]) => ({ title, value })) },
          ],
        },
      },
    ],
  };
}

function slackBody(content: NotificationContent): unknown {
  const icon = content.kind === "recovered" ? ":white_check_mark:" : ":warning:";
  return {
    text: content.title,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `${icon} *${slackEscape(content.title)}*` } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: facts(content)
            .map(([k, v]) => `*${k}:* ${slackEscape(v)}`)
            .join("\n"),
        },
      },
    ],
  };
}

/** Slack's mrkdwn reads `<…>` as links and mentions; these three are all it asks to escape. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
