import type { EngineEvent } from "@pulumi/pulumi/automation";
import { GROUP_MEMBER_TYPE, GROUP_TYPE, STACK_TYPE, USER_TYPE } from "../../src/contract";
import { UpWatch } from "../../src/engine/up-watch";
import { groupUrn, memberUrn, pre, STACK_URN, userUrn } from "../fixtures/engine-events";

type Event = Record<string, unknown>;

const PROVIDER_TYPE = "pulumi:providers:azuread";
const PROVIDER_URN = `urn:pulumi:prod::personio-azuread::${PROVIDER_TYPE}::default`;
const GROUP = "5c1d0a2e";
const LEAD = "up applied changes the preview did not show: ";

const user = (id: string, op: string, extra: Event = {}) => pre(userUrn(id), USER_TYPE, op, extra);
const member = (id: string, op: string) => pre(memberUrn(id, GROUP), GROUP_MEMBER_TYPE, op);
const group = (op: string, diffs: string[]) => pre(groupUrn("dept-Sales"), GROUP_TYPE, op, { diffs });
const stack = (op: string, extra: Event = {}) => pre(STACK_URN, STACK_TYPE, op, extra);
const outputs = (event: { resourcePreEvent: { metadata: Event } }) => ({
  resOutputsEvent: { metadata: event.resourcePreEvent.metadata },
});
const disabling = {
  old: { inputs: { accountEnabled: true, department: "A" }, outputs: {} },
  new: { inputs: { accountEnabled: false, department: "B" }, outputs: {} },
};
const detailed = (...paths: string[]) =>
  Object.fromEntries(paths.map((path) => [path, { kind: "update", inputDiff: true }]));

/** Feeds `up`'s events to a watch of the preview: the indexes at which `observe` said cancel, and the line. */
function watch(preview: readonly Event[], up: readonly Event[]) {
  const upWatch = new UpWatch(preview as unknown as EngineEvent[]);
  const fired = up.flatMap((event, index) =>
    upWatch.observe(event as unknown as EngineEvent) ? [index] : [],
  );
  return { fired, violation: upWatch.violation, line: upWatch.describe() };
}

describe("UpWatch: what up does must match the preview by resource, operation and changed properties", () => {
  it.each<[string, Event[], Event[], number, string]>([
    [
      "fails when an update changes userPrincipalName where the preview showed only department",
      [user("42", "update", { diffs: ["department"] })],
      [user("42", "update", { detailedDiff: detailed("department", "userPrincipalName") })],
      0,
      "employee-42 update userPrincipalName (preview: department)",
    ],
    [
      "fails when up removes a group membership the preview did not remove",
      [member("7", "delete")],
      [member("7", "delete"), member("8", "delete")],
      1,
      `member-8-${GROUP} delete (preview: no step)`,
    ],
    [
      "fails when a group's update changes its members where the preview showed only its description",
      [group("update", ["description"])],
      [group("update", ["description", "members[3]"])],
      0,
      "group-dept-sales update members (preview: description)",
    ],
    [
      "fails when the stack's outputs change where the preview had no step on the stack",
      [stack("same")],
      [stack("same"), stack("update", { diffs: ["counts"] })],
      1,
      "personio-azuread-prod update (preview: no step)",
    ],
    [
      "fails when any other resource changes where the preview had no step on it",
      [pre(PROVIDER_URN, PROVIDER_TYPE, "same")],
      [pre(PROVIDER_URN, PROVIDER_TYPE, "update", { diffs: ["version"] })],
      0,
      "default update version (preview: no step)",
    ],
    [
      "fails when up changes a password the preview did not (the summary hides it; the watch does not)",
      [user("7", "update", { diffs: ["department"] })],
      [user("7", "update", { diffs: ["department", "password"] })],
      0,
      "employee-7 update password (preview: department)",
    ],
    [
      "fails when up replaces an account the preview updated, naming the preview's operation",
      [user("9", "update", { diffs: ["userPrincipalName"] })],
      [user("9", "create-replacement", { diffs: ["userPrincipalName"] })],
      0,
      "1 replaces (preview: 0); employee-9 replace (preview: update userPrincipalName)",
    ],
    [
      "fails when up disables an account the preview only moved, with the guards' count first",
      [user("100", "update", { diffs: ["department"] })],
      [user("100", "update", { diffs: ["accountEnabled", "department"], ...disabling })],
      0,
      "1 disables (preview: 0); employee-100 update accountEnabled (preview: department)",
    ],
  ])("%s", (_case, preview, up, at, line) => {
    const result = watch(preview, up);
    expect(result).toEqual({ fired: [at], violation: true, line: `${LEAD}${line}` });
  });

  it.each<[string, Event[], Event[]]>([
    [
      "the same steps with the same properties, outputs events included",
      [
        user("1", "update", { diffs: ["department"] }),
        member("1", "create"),
        stack("update", { diffs: ["counts"] }),
      ],
      [
        user("1", "update", { diffs: ["department"] }),
        outputs(user("1", "update", { diffs: ["department"] })),
        member("1", "create"),
        stack("update", { diffs: ["counts"] }),
      ],
    ],
    [
      "unchanged resources and the reads of a refresh or a get, which the preview did not announce",
      [user("1", "update", { diffs: ["department"] })],
      [
        user("2", "same"),
        user("3", "refresh"),
        pre(groupUrn("all"), GROUP_TYPE, "read"),
        user("1", "update"),
      ],
    ],
    [
      "fewer properties and fewer resources than the preview showed",
      [user("1", "update", { diffs: ["department", "jobTitle"] }), member("2", "delete")],
      [user("1", "update", { diffs: ["department"] })],
    ],
    [
      "the steps of a replacement the preview showed",
      ["create-replacement", "replace", "delete-replaced"].map((op) => user("5", op, { diffs: ["mail"] })),
      ["create-replacement", "replace", "delete-replaced"].map((op) => user("5", op, { diffs: ["mail"] })),
    ],
    [
      "a property path in detailedDiff and its top-level name in diffs",
      [user("1", "update", { detailedDiff: detailed("businessPhones[0]") })],
      [user("1", "update", { diffs: ["businessPhones"] })],
    ],
    [
      "stack outputs that differ from the preview's, where the preview had a step on the stack",
      [stack("update", { diffs: ["counts"] })],
      [stack("update", { diffs: ["counts", "skipped"] })],
    ],
  ])("lets pass %s", (_case, preview, up) => {
    expect(watch(preview, up)).toEqual({
      fired: [],
      violation: false,
      line: `${LEAD}steps the preview did not contain`,
    });
  });

  it("cancels once, names the first five resources that differ and counts the rest", () => {
    const ids = ["11", "12", "13", "14", "15", "16", "17"];
    const result = watch(
      ids.map((id) => user(id, "update", { diffs: ["department"] })),
      ids.map((id) => user(id, "update", { diffs: ["department", "userPrincipalName"] })),
    );
    expect(result).toEqual({
      fired: [0],
      violation: true,
      line:
        LEAD +
        ids
          .slice(0, 5)
          .map((id) => `employee-${id} update userPrincipalName (preview: department)`)
          .join("; ") +
        "; 2 more resources",
    });
  });
});
