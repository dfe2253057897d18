import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { TokenCredential } from "@azure/identity";
import { createGraphApi, type GraphApi } from "../../src/graph";
import {
  type EmulatedUser,
  type GraphEmulator,
  type GraphEmulatorOptions,
  startGraphEmulator,
} from "../../src/sandbox";
import { expandSeed } from "../../src/sandbox/seed";
import type { PersonioEmployeeItem } from "../../src/sandbox/types";
import { RecordingClock } from "../graph/fake-graph";

/**
 * The world of issue 22's "Done when", on 2026-11-26 10:00 in Berlin: a Personio company of nine and its tenant
 * in the Graph emulator. Leavers 2 and 3 are disabled with sessions older than their disable moment, leaver 4
 * was revoked already; hires 5 (tomorrow, supervisor 1 has an account) and 6 (today, supervisor 9 has none) are
 * inside the pass window, hire 7 (in two weeks) is not; 8 is synced from on-premises.
 */
export const NOW = new Date("2026-11-26T09:00:00.000Z");
export const TENANT = "11111111-2222-4333-8444-555555555555";
export const CLIENT_ID = "graph-cycle-client";
export const CLIENT_SECRET = "graph-cycle-secret";
export const SENDER = "it@contoso.com";
export const FALLBACK = "hr@contoso.com";
export const MANAGER_UPN = "boss@contoso.com";

/** The stack config keys of the Graph step: revokes, passes, and two extension attributes mapped. */
export const GRAPH_STACK = {
  attributeMapping: {
    jobTitle: "position",
    department: "department",
    managerId: "supervisor",
    extensionAttribute1: "department",
    extensionAttribute2: "position",
  },
  graph: {
    revokeSessions: true,
    temporaryAccessPass: { sender: SENDER, fallbackRecipient: FALLBACK, daysBeforeHire: 1 },
  },
};

type Seed = { id: number; status: string; hire: string; left?: string; boss?: number };
const PEOPLE: readonly Seed[] = [
  { id: 1, status: "active", hire: "2020-01-06" },
  { id: 2, status: "inactive", hire: "2021-03-01", left: "2026-11-20", boss: 1 },
  { id: 3, status: "inactive", hire: "2021-03-01", left: "2026-11-25", boss: 1 },
  { id: 4, status: "inactive", hire: "2021-03-01", left: "2026-11-20", boss: 1 },
  { id: 5, status: "onboarding", hire: "2026-11-27", boss: 1 },
  { id: 6, status: "onboarding", hire: "2026-11-26", boss: 9 },
  { id: 7, status: "onboarding", hire: "2026-12-10", boss: 1 },
  { id: 8, status: "active", hire: "2019-05-01", boss: 1 },
  { id: 9, status: "active", hire: "2024-02-01", boss: 1 },
];
const NAMES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** The Personio listing of {@link PEOPLE}: department "Eng", position "Dev" for everyone. */
export function company(): PersonioEmployeeItem[] {
  return expandSeed({
    employees: PEOPLE.map((p) => ({
      id: p.id,
      first_name: "Person",
      last_name: NAMES[p.id] as string,
      email: `person.${NAMES[p.id] as string}@contoso.com`,
      status: p.status,
      position: "Dev",
      department: "Eng",
      hire_date: p.hire,
      termination_date: p.left ?? null,
      created_at: "2019-01-01T09:00:00+01:00",
      supervisor: p.boss ?? null,
    })),
  });
}

const SAME = { extensionAttribute1: "Eng", extensionAttribute2: "Dev" };

function account(id: number, fields: Partial<EmulatedUser> = {}): EmulatedUser {
  return {
    id: `obj-${id}`,
    employeeId: String(id),
    userPrincipalName: `person.${NAMES[id] as string}@contoso.com`,
    accountEnabled: true,
    signInSessionsValidFromDateTime: null,
    onPremisesSyncEnabled: null,
    onPremisesExtensionAttributes: SAME,
    ...fields,
  };
}

/**
 * The tenant: every employee but 9 has an account. Extension attributes differ on 1 (one value) and 5 (both)
 * and on the synced 8; the sender `it@contoso.com` has the one mailbox.
 */
export function tenant(): EmulatedUser[] {
  return [
    account(1, {
      userPrincipalName: MANAGER_UPN,
      onPremisesExtensionAttributes: { extensionAttribute1: "Eng" },
    }),
    account(2, { accountEnabled: false }),
    account(3, { accountEnabled: false, signInSessionsValidFromDateTime: "2026-11-01T08:00:00Z" }),
    account(4, { accountEnabled: false, signInSessionsValidFromDateTime: "2026-11-21T08:00:00Z" }),
    account(5, { onPremisesExtensionAttributes: null }),
    account(6),
    account(7),
    account(8, {
      onPremisesSyncEnabled: true,
      onPremisesExtensionAttributes: { extensionAttribute1: "Ops" },
    }),
    {
      ...account(0, { onPremisesExtensionAttributes: null }),
      id: "obj-sender",
      employeeId: null,
      userPrincipalName: SENDER,
      mailbox: true,
    },
  ];
}

/** The emulator on {@link tenant}, its clock fixed at {@link NOW}. */
export function startTenant(options: Partial<GraphEmulatorOptions> = {}): Promise<GraphEmulator> {
  return startGraphEmulator({
    users: tenant(),
    tenantId: TENANT,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    clock: () => NOW,
    ...options,
  });
}

const HOST = "https://graph.local.test";

/**
 * The real Graph client against the emulator: an https base URL routed to its plain-http port, a credential that
 * gets its token from the emulator's token endpoint, and virtual time (`clock.sleeps` records the waits).
 */
export function emulatorClient(emulator: GraphEmulator, clock = new RecordingClock()): GraphApi {
  const port = new URL(emulator.url).port;
  const base = `${HOST}:${port}`;
  const credential: TokenCredential = {
    getToken: async () => {
      const form = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        scope: `${base}/.default`,
      });
      const response = await fetch(`${emulator.url}/${TENANT}/oauth2/v2.0/token`, {
        method: "POST",
        body: form,
      });
      const { access_token } = (await response.json()) as { access_token: string };
      return { token: access_token, expiresOnTimestamp: Date.now() + 3_000_000 };
    },
  };
  return createGraphApi({
    credential,
    endpoint: base,
    clock,
    random: () => 0,
    writesPerSecond: 20,
    fetch: (input, init) => fetch(String(input).replace(base, emulator.url), init),
  });
}

/** The pass codes the mails carry (`Pass: <code>`). */
export function codesIn(mails: readonly { content: string }[]): string[] {
  return mails.map((mail) => /^Pass: (\S+)$/m.exec(mail.content)?.[1] ?? "(no code)");
}

/** Every file under `dir`, as text. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [readFileSync(file, "utf8")];
  });
}
