import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";
import { USER_TYPE } from "../src/contract";
import { changeSetFromEvents } from "../src/review/change-set";
import { DEFAULT_GUARDS, evaluateGuards } from "../src/review/guards";
import { GITHUB_COMMENT_LIMIT, summaryMarkdown } from "../src/review/summary";

const USERS = 10_000;
const RUNS = 5;
const GOAL_MS = 1_000;
const PREFIX = "urn:pulumi:prod::personio-azuread::";
const STACK_URN = `${PREFIX}pulumi:pulumi:Stack::personio-azuread-prod`;
const DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "People", "Operations", "Support"];

/** A user's inputs as the program declares them (synthetic names: no personal data). */
function inputs(id: number, enabled: boolean, department: string): Record<string, unknown> {
  return {
    __defaults: [],
    accountEnabled: enabled,
    displayName: `Employee ${id}`,
    employeeId: String(id),
    givenName: "Employee",
    surname: String(id),
    mailNickname: `employee${id}`,
    userPrincipalName: `employee${id}@example.com`,
    jobTitle: `${department} Specialist`,
    department,
  };
}

function pre(sequence: number, op: OpType, urn: string, type: string, extra: object = {}): EngineEvent {
  return {
    sequence,
    timestamp: 1764150000,
    resourcePreEvent: { metadata: { op, urn, type, provider: "", ...extra } },
  };
}

/**
 * The engine events of a preview of a 10,000-user stack where everything changes: a tenth are new hires (with a
 * secret password), a tenth leavers (disabled), the rest move department; the stack outputs come last.
 */
export function previewEvents(size = USERS): EngineEvent[] {
  const events: EngineEvent[] = [
    { sequence: 0, timestamp: 1764150000, preludeEvent: { config: {} } },
    pre(1, "same", STACK_URN, "pulumi:pulumi:Stack"),
  ];
  for (let id = 1; id <= size; id++) {
    const urn = `${PREFIX}personio-azuread:index:Directory$${USER_TYPE}::employee-${id}`;
    const department = DEPARTMENTS[id % DEPARTMENTS.length] as string;
    const moved = DEPARTMENTS[(id + 1) % DEPARTMENTS.length] as string;
    const state = (values: Record<string, unknown>) => ({
      type: USER_TYPE,
      urn,
      id: `/users/${id}`,
      parent: "",
      provider: "",
      inputs: values,
      outputs: values,
    });
    if (id % 10 === 0) {
      const password = {
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        value: "[secret]",
      };
      events.push(
        pre(events.length, "create", urn, USER_TYPE, {
          new: state({ ...inputs(id, true, department), password, forcePasswordChange: true }),
        }),
      );
    } else if (id % 10 === 1) {
      events.push(
        pre(events.length, "update", urn, USER_TYPE, {
          old: state(inputs(id, true, department)),
          new: state(inputs(id, false, department)),
          diffs: ["accountEnabled"],
          detailedDiff: { accountEnabled: { diffKind: "update", inputDiff: false } },
        }),
      );
    } else {
      events.push(
        pre(events.length, "update", urn, USER_TYPE, {
          old: state(inputs(id, true, department)),
          new: state(inputs(id, true, moved)),
          diffs: ["department", "jobTitle"],
          detailedDiff: {
            department: { diffKind: "update", inputDiff: false },
            jobTitle: { diffKind: "update", inputDiff: false },
          },
        }),
      );
    }
  }
  const counts = { employees: size, managed: size, enabled: size - size / 10, disabled: size / 10 };
  events.push({
    sequence: events.length,
    timestamp: 1764150001,
    resOutputsEvent: {
      metadata: {
        op: "same",
        urn: STACK_URN,
        type: "pulumi:pulumi:Stack",
        provider: "",
        new: {
          type: "pulumi:pulumi:Stack",
          urn: STACK_URN,
          id: "",
          parent: "",
          provider: "",
          inputs: {},
          outputs: { counts: { ...counts, adopted: 0, created: size, skipped: 0 } },
        },
      },
    },
  });
  return events;
}

/** Events → change set → guards → Markdown, as the runner does after a preview. */
function once(events: readonly EngineEvent[]): string {
  const changeSet = changeSetFromEvents(events);
  const verdict = evaluateGuards({ changeSet, employees: USERS, lastEmployees: USERS }, DEFAULT_GUARDS);
  return summaryMarkdown(changeSet, verdict, { stack: "prod" });
}

/** One warm-up, then the median of {@link RUNS} timed runs; prints the time, the size and the cut. */
export async function run(): Promise<void> {
  const events = previewEvents();
  let markdown = once(events);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    markdown = once(events);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const cut = /_… and [\d,]+ more changed users not shown/.test(markdown);
  console.log(
    `summary: ${USERS.toLocaleString("en-US")} changed users, ${events.length.toLocaleString("en-US")} engine events; ` +
      `median of ${RUNS} after a warm-up`,
  );
  console.log(
    `  changeSetFromEvents + evaluateGuards + summaryMarkdown: ${median.toFixed(0)} ms ` +
      `(goal < ${GOAL_MS} ms: ${median < GOAL_MS ? "met" : "MISSED"})`,
  );
  console.log(
    `  Markdown: ${markdown.length.toLocaleString("en-US")} chars (limit ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")}), ` +
      `truncation note ${cut ? "present" : "absent"}`,
  );
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
