import {
  executeGraphActions,
  type GraphAction,
  type GraphRequest,
  MAX_BATCH_SIZE,
  MAX_WRITES_PER_SECOND,
} from "../src/graph";
import { type EmulatedUser, startGraphEmulator } from "../src/sandbox";
import { emulatorApi } from "../tests/graph/emulator-api";
import { CLIENT_ID, CLIENT_SECRET, TENANT } from "../tests/sandbox/graph-http";

const USERS = 10_000;
const EXTENSION_ATTRIBUTES = 400;
const REVOKES = 500;
const ACCESS_PASSES = 100;
const SENDER = "onboarding@contoso.com";
/** The client's default pace (headroom under Graph's 20 writes/s per app). */
const DEFAULT_WRITES_PER_SECOND = 15;

/** The tenant: `USERS` cloud-only accounts, the first `REVOKES` disabled with sessions from long ago, and the sender. */
function tenant(): EmulatedUser[] {
  const users: EmulatedUser[] = Array.from({ length: USERS }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
    employeeId: String(i + 1),
    userPrincipalName: `user${i + 1}@contoso.com`,
    mail: `user${i + 1}@contoso.com`,
    accountEnabled: i >= REVOKES,
    signInSessionsValidFromDateTime: i < REVOKES ? "2025-01-01T00:00:00Z" : null,
    onPremisesSyncEnabled: null,
    onPremisesExtensionAttributes: {},
  }));
  users.push({
    id: "00000000-0000-4000-8000-000000000000",
    employeeId: null,
    userPrincipalName: SENDER,
    mail: SENDER,
    accountEnabled: true,
    signInSessionsValidFromDateTime: null,
    onPremisesSyncEnabled: null,
    onPremisesExtensionAttributes: {},
    mailbox: true,
  });
  return users;
}

/** 500 revokes, 400 attribute writes, 100 passes with their mails: what the planners hand the executor. */
function actions(users: readonly EmulatedUser[], start: string): GraphAction[] {
  const at = (i: number) => users[i] as EmulatedUser;
  const base = (i: number) => ({ employeeId: at(i).employeeId as string, objectId: at(i).id });
  return [
    ...Array.from({ length: REVOKES }, (_, i) => ({ kind: "revokeSessions" as const, ...base(i) })),
    ...Array.from({ length: EXTENSION_ATTRIBUTES }, (_, i) => ({
      kind: "extensionAttributes" as const,
      ...base(REVOKES + i),
      changes: { extensionAttribute1: `cost-center-${i}` },
    })),
    ...Array.from({ length: ACCESS_PASSES }, (_, i) => ({
      kind: "accessPass" as const,
      ...base(REVOKES + EXTENSION_ATTRIBUTES + i),
      startDateTime: start,
      lifetimeInMinutes: 600,
      isUsableOnce: false,
      recipient: "manager@contoso.com",
      recipientIs: "manager" as const,
    })),
  ];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * `npm run bench -- graph`: the Graph step's calls for a tenant of 10,000 users and 1,000 actions against the
 * in-process emulator, at the client's default pace: the one tenant read, the pass-method reads of the hires,
 * then the `$batch` writes — timed against the floor Graph's write limit sets (writes ÷ 20/s).
 */
export async function run(): Promise<void> {
  const users = tenant();
  const g = await startGraphEmulator({
    users,
    tenantId: TENANT,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  });
  try {
    const api = emulatorApi(g, { writesPerSecond: DEFAULT_WRITES_PER_SECOND, random: Math.random });
    const planned = actions(users, new Date(Date.now() + 86_400_000).toISOString());
    console.log(
      `Graph step: ${USERS.toLocaleString("en")} tenant users, ${planned.length.toLocaleString("en")} actions ` +
        `(${REVOKES} revokes, ${EXTENSION_ATTRIBUTES} extension-attribute PATCHes, ${ACCESS_PASSES} passes + mails), ` +
        `emulator in-process, ${DEFAULT_WRITES_PER_SECOND} writes/s (the client's default)`,
    );
    const started = performance.now();
    const listed = await api.listUsers();
    const readAt = performance.now();
    const reads: GraphRequest[] = planned
      .filter((action) => action.kind === "accessPass")
      .map((action) => ({
        id: `read-${action.objectId}`,
        method: "GET",
        url: `/users/${action.objectId}/authentication/temporaryAccessPassMethods`,
      }));
    await api.batch(reads);
    const writesAt = performance.now();
    const upns = new Map(listed.map((user) => [user.id, user.userPrincipalName]));
    const result = await executeGraphActions({
      api,
      actions: planned,
      upnOf: (id) => upns.get(id),
      sender: SENDER,
    });
    const ended = performance.now();
    const { counts } = g.state;
    const floorMs = (counts.writes / MAX_WRITES_PER_SECOND) * 1000;
    const paceMs = (counts.writes / DEFAULT_WRITES_PER_SECOND) * 1000;
    const rows: [string, string][] = [
      ["tenant read (users listed)", `${seconds(readAt - started)} (${listed.length.toLocaleString("en")})`],
      ["pass-method reads", `${seconds(writesAt - readAt)} (${reads.length} GETs)`],
      ["writes", `${seconds(ended - writesAt)} (${counts.writes.toLocaleString("en")} writes)`],
      ["whole step", seconds(ended - started)],
      [
        "$batch envelopes",
        `${counts.batchEnvelopes} (≤ ${MAX_BATCH_SIZE} each; ${counts.subRequests} sub-requests)`,
      ],
      [
        "write-limit floor",
        `${seconds(floorMs)} (${counts.writes} writes ÷ ${MAX_WRITES_PER_SECOND}/s, 3,000 per 150 s)`,
      ],
      ["default-pace floor", `${seconds(paceMs)} (÷ ${DEFAULT_WRITES_PER_SECOND}/s)`],
      ["step ÷ write-limit floor", `${((ended - started) / floorMs).toFixed(2)}×`],
      [
        "done / failed",
        `${result.done.revokes} revoked, ${result.done.accessPasses} passes, ` +
          `${result.done.extensionAttributes} attributes / ${result.failures.length} failed`,
      ],
    ];
    for (const [label, value] of rows) console.log(`  ${label.padEnd(26)} ${value}`);
  } finally {
    await g.close();
  }
}
