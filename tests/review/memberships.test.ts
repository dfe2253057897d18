import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";
import {
  DIRECTORY_TYPE,
  employeeLogicalName,
  GROUP_MEMBER_TYPE,
  GROUP_TYPE,
  groupLogicalName,
  GROUPS_TYPE,
  membershipLogicalName,
  USER_TYPE,
} from "../../src/contract";
import { changeSetFromEvents } from "../../src/review/change-set";
import type { GuardVerdict } from "../../src/review/guards";
import { summaryMarkdown } from "../../src/review/summary";

const PREFIX = "urn:pulumi:prod::personio-azuread::";
const STACK = `${PREFIX}pulumi:pulumi:Stack::personio-azuread-prod`;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const ZENDESK = "0a1b2c3d-0000-4000-8000-00000000000a";
const BERLIN = "0a1b2c3d-0000-4000-8000-00000000000b";
const PASSED: GuardVerdict = { ok: true, refusals: [], checked: ["deletes: no user deletes or replaces"] };

type State = { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };

let sequence = 0;
function step(op: OpType, type: string, name: string, old?: State, next?: State): EngineEvent {
  const parent = type === USER_TYPE ? DIRECTORY_TYPE : GROUPS_TYPE;
  const urn = `${PREFIX}${parent}$${type}::${name}`;
  const full = (s: State | undefined) =>
    s === undefined
      ? {}
      : {
          type,
          urn,
          id: "",
          parent: "",
          provider: "",
          inputs: s.inputs ?? {},
          outputs: s.outputs ?? s.inputs ?? {},
        };
  return {
    sequence: sequence++,
    timestamp: 0,
    resourcePreEvent: {
      metadata: {
        op,
        urn,
        type,
        provider: "",
        ...(old === undefined ? {} : { old: full(old) }),
        ...(next === undefined ? {} : { new: full(next) }),
      },
    },
  } as EngineEvent;
}

function account(op: OpType, employeeId: string, objectId: string): EngineEvent {
  const state = { inputs: { employeeId }, outputs: { employeeId, objectId } };
  return op === "create"
    ? step(op, USER_TYPE, employeeLogicalName(employeeId), undefined, state)
    : step(op, USER_TYPE, employeeLogicalName(employeeId), state, state);
}

function membership(op: OpType, employeeId: string, groupId: string, memberId: string): EngineEvent {
  const state = { inputs: { groupObjectId: groupId, memberObjectId: memberId } };
  const name = membershipLogicalName(employeeId, groupId);
  return op === "delete"
    ? step(op, GROUP_MEMBER_TYPE, name, state)
    : step(op, GROUP_MEMBER_TYPE, name, undefined, state);
}

function group(
  name: string,
  members: unknown[],
  old?: { inputs: unknown[]; outputs: unknown[] },
): EngineEvent {
  const next = { inputs: { displayName: name, members } };
  const logical = groupLogicalName(name);
  if (old === undefined) return step("create", GROUP_TYPE, logical, undefined, next);
  return step(
    "update",
    GROUP_TYPE,
    logical,
    {
      inputs: { displayName: name, members: old.inputs },
      outputs: { displayName: name, members: old.outputs, objectId: "obj-g" },
    },
    next,
  );
}

/** A preview: a move, a leaver, a new hire, a hand-added member of a created group, existing group changes. */
function previewEvents(): EngineEvent[] {
  return [
    step("same", "pulumi:pulumi:Stack", "personio-azuread-prod"),
    account("same", "3", "obj-3"),
    account("same", "18", "obj-18"),
    account("update", "24", "obj-24"),
    account("create", "70", UNKNOWN),
    group("sg-sales", ["obj-3", "obj-18", UNKNOWN], {
      inputs: ["obj-3", "obj-24"],
      outputs: ["obj-3", "obj-24", "obj-hand-added"],
    }),
    group("dept-New", ["obj-3"]),
    step("delete", GROUP_TYPE, "group-dept-gone", {
      inputs: { displayName: "dept-Gone", members: ["obj-3"] },
    }),
    membership("delete", "18", ZENDESK, "obj-18"),
    membership("import", "37", ZENDESK, "obj-37"),
    membership("create", "45", ZENDESK, "obj-45"),
    membership("create", "70", BERLIN, UNKNOWN),
    membership("same", "3", BERLIN, "obj-3"),
    {
      sequence: sequence++,
      timestamp: 0,
      resOutputsEvent: {
        metadata: {
          op: "same",
          urn: STACK,
          type: "pulumi:pulumi:Stack",
          provider: "",
          new: {
            type: "pulumi:pulumi:Stack",
            urn: STACK,
            id: "",
            parent: "",
            provider: "",
            inputs: {},
            outputs: {
              counts: {
                employees: 70,
                managed: 70,
                enabled: 69,
                disabled: 1,
                adopted: 0,
                created: 70,
                skipped: 0,
              },
              groups: { groups: 4, created: 2, existing: 2, memberships: 120 },
              existingGroups: { [ZENDESK]: "Zendesk Agents" },
            },
          },
        },
      },
    },
  ];
}

describe("membership changes in the change set", () => {
  it("collects joins, adoptions and leaves, mapped to employee ids, sorted by group", () => {
    const changeSet = changeSetFromEvents(previewEvents());
    const row = (
      employeeId: string | undefined,
      memberObjectId: string | undefined,
      g: string,
      change: string,
    ) => ({
      employeeId,
      memberObjectId,
      group: g,
      change,
    });
    expect(changeSet.memberships).toStrictEqual([
      row("70", undefined, BERLIN, "join"),
      row("3", undefined, "dept-New", "join"),
      row("18", undefined, "sg-sales", "join"),
      row(undefined, undefined, "sg-sales", "join"),
      row("24", undefined, "sg-sales", "leave"),
      row(undefined, "obj-hand-added", "sg-sales", "leave"),
      row("45", undefined, "Zendesk Agents", "join"),
      row("37", undefined, "Zendesk Agents", "adopt"),
      row("18", undefined, "Zendesk Agents", "leave"),
    ]);
  });

  it("lists created groups among other changes, never single memberships", () => {
    const changeSet = changeSetFromEvents(previewEvents());
    expect(changeSet.otherChanges.map((c) => [c.urn.slice(c.urn.lastIndexOf("::") + 2), c.op])).toStrictEqual(
      [
        ["group-sg-sales", "update"],
        ["group-dept-new", "create"],
        ["group-dept-gone", "delete"],
      ],
    );
  });

  it("has no memberships key when no group changes", () => {
    const changeSet = changeSetFromEvents([
      account("same", "3", "obj-3"),
      membership("same", "3", BERLIN, "obj-3"),
    ]);
    expect(changeSet).not.toHaveProperty("memberships");
    expect(changeSet.otherChanges).toStrictEqual([]);
  });
});

describe("membership changes in the summary", () => {
  it("counts them and lists them in a table, employees by id", () => {
    const markdown = summaryMarkdown(changeSetFromEvents(previewEvents()), PASSED, { stack: "prod" });
    expect(markdown).toContain(
      [
        "After this run: Personio lists 70 employees (0 skipped); 70 users are managed, 69 enabled and 1 disabled.",
        "",
        "Groups after this run: 4 (2 created by this stack, 2 existing), 120 memberships.",
        "",
        "Group memberships: 5 joins, 3 leaves, 1 taken over (already members).",
        "",
      ].join("\n"),
    );
    expect(markdown).toContain(
      [
        "### Group memberships (9)",
        "",
        "Joins and leaves in the groups this stack fills from Personio:",
        "",
        "| Employee | Group | Change |",
        "| --- | --- | --- |",
        `| 70 | ${BERLIN} | joins |`,
        "| 3 | dept-New | joins |",
        "| 18 | sg-sales | joins |",
        "| a new account (id known after apply) | sg-sales | joins |",
        "| 24 | sg-sales | leaves |",
        "| not from Personio: obj-hand-added | sg-sales | leaves |",
        "| 45 | Zendesk Agents | joins |",
        "| 37 | Zendesk Agents | already a member; now kept in step |",
        "| 18 | Zendesk Agents | leaves |",
        "",
        "### Other changes (3)",
      ].join("\n"),
    );
  });

  it("does not say 'No changes' when only memberships change", () => {
    const markdown = summaryMarkdown(
      changeSetFromEvents([account("same", "3", "obj-3"), membership("create", "3", ZENDESK, "obj-3")]),
      PASSED,
      { stack: "prod" },
    );
    expect(markdown).not.toContain("No changes");
    expect(markdown).toContain("Group memberships: 1 join, 0 leaves.");
    expect(markdown).toContain(`| 3 | ${ZENDESK} | joins |`);
  });
});
