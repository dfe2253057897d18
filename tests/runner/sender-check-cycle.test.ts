import { runReconcileCommand } from "../../src/cli/reconcile-command";
import { programEvents, userInputs } from "../fixtures/engine-events";
import { emulatorApi } from "../graph/emulator-api";
import { useGraphEmulators, users } from "../sandbox/graph-http";
import { calls, COUNTS, reconcileDeps, ROOT, scenario, STUB, useStubWorld } from "./stub-harness";

/** Issue 22: with a Temporary Access Pass, the cycle checks its sender is a mailbox before the preview. */
useStubWorld();
const startGraph = useGraphEmulators();

const SENDER = "onboarding@contoso.com";
const ACCESS_PASS = { temporaryAccessPass: { sender: SENDER, fallbackRecipient: "it@contoso.com" } };
const update = programEvents(
  [
    {
      employeeId: "3",
      op: "update",
      old: userInputs("3", "user3@contoso.com", { department: "A" }),
      new: userInputs("3", "user3@contoso.com", { department: "B" }),
      diffs: ["department"],
    },
  ],
  COUNTS,
);

async function reconcile(senderMail: string | null | "absent") {
  const [first] = users(1);
  const sender = { ...first!, id: "u-sender", employeeId: null, userPrincipalName: SENDER, mail: senderMail };
  const g = await startGraph({ users: senderMail === "absent" ? users(2) : [...users(2), sender] });
  scenario({ preview: { events: update }, up: { events: update } }, { graph: ACCESS_PASS });
  const out: string[] = [];
  const code = await runReconcileCommand(
    ["--stack", "prod", "--once", "--cwd", ROOT, "--pulumi-root", STUB, "--refresh-every", "never"],
    { ...reconcileDeps({ stdout: (line) => out.push(line) }), graph: () => emulatorApi(g) },
  );
  return { code, out, graph: g };
}

const REASON =
  "Invalid value for personio-azuread:graph.temporaryAccessPass.sender: [redacted]. Allowed: a user of this " +
  "tenant with a mailbox (a shared mailbox such as [redacted] will do)";

describe("reconcile --once with a Temporary Access Pass: the sender check", () => {
  it.each([
    ["has no mailbox (mail null)", null, "that user has no mailbox (mail is empty)"],
    ["is not a user of the tenant (404)", "absent" as const, "the tenant has no such user"],
  ])(
    "exits 2 before the preview when the sender %s",
    async (_, mail, why) => {
      const run = await reconcile(mail);
      expect(run.code).toBe(2);
      expect(calls()).not.toContain("preview");
      expect(calls()).not.toContain("up");
      expect(run.graph.state.counts.writes).toBe(0);
      const failedLines = run.out.filter((line) => line.includes("cycle.failed"));
      expect(failedLines).toHaveLength(1);
      expect(failedLines[0]).toContain(`reason="${REASON}; ${why}."`);
    },
    30_000,
  );

  it("previews and applies when the sender is a mailbox", async () => {
    const run = await reconcile(SENDER);
    expect(run.code).toBe(0);
    expect(calls()).toContain("preview");
    expect(calls()).toContain("up");
    expect(run.out.some((line) => line.includes("cycle.failed"))).toBe(false);
  }, 30_000);
});
