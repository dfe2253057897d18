import type { KnownNames } from "../src/util/known-names";
import { knownNamesRedactor, PATTERN_REDACTOR } from "../src/util/known-names";
import { knownPeople } from "../src/runner/known-people";
import type { PersonioReading } from "../src/runner/take-snapshot";
import type { LoadedConfig } from "../src/config";
import { mulberry32 } from "../src/util/random";
import { syntheticCompany } from "./render.bench";

const EMPLOYEES = 100_000;
const LINES = 20_000;
const URN = "urn:pulumi:prod::personio-azuread::azuread:index/user:User::employee-";

/** Syllables of four scripts, so that names are distinct and the automaton holds many different strings. */
const SYLLABLES = [
  ["ka", "lo", "mi", "ren", "sa", "tor", "vin", "el", "ha", "jo", "nu", "per"],
  ["ка", "ло", "ми", "рен", "са", "тор", "вин", "ел"],
  ["κα", "λο", "μι", "ρεν", "σα", "τορ", "βιν", "ελ"],
  ["王", "李", "张", "刘", "陈", "杨", "小", "明", "华", "伟", "芳", "娜"],
];

/** Synthetic, distinct people: given and family names from `id`, a login with a collision suffix for some. */
function people(size: number): { known: KnownNames; display: string[] } {
  const next = mulberry32(size);
  const names: string[] = [];
  const logins: string[] = [];
  const display: string[] = [];
  for (let id = 1; id <= size; id++) {
    const script = SYLLABLES[id % SYLLABLES.length] as string[];
    const word = (n: number): string => {
      let out = "";
      for (let i = 0; i < n; i++) out += script[Math.floor(next() * script.length)];
      return script === SYLLABLES[0] ? out[0]?.toUpperCase() + out.slice(1) : out;
    };
    const given = word(2);
    const family = word(3);
    const local = `user${id}${id % 7 === 0 ? `_${id}` : ""}`;
    names.push(`${given} ${family}`, given, family);
    logins.push(`${local}@example.org`, local, `mail${id}@example.com`);
    display.push(`${given} ${family}`);
  }
  return { known: { names, logins }, display };
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** `npm run bench -- redact`: build time, memory and per-line time of the known-names redactor at 100,000 people. */
export async function run(): Promise<void> {
  const { known, display } = people(EMPLOYEES);
  global.gc?.();
  const memory = (): number => {
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const before = memory();
  let start = process.hrtime.bigint();
  const redactor = knownNamesRedactor(known);
  const buildMs = ms(start);
  global.gc?.();
  const heapMb = (memory() - before) / 1e6;
  const lines = Array.from({ length: LINES }, (_, i) =>
    i % 2 === 0
      ? `error: Could not update user user${i + 1}@example.org (${display[i] ?? ""}): Request_BadRequest ${URN}${i + 1}`
      : `2026-11-28T12:00:00.000Z info cycle.applied create=3 update=${i} durationMs=${i * 7}`,
  );
  for (const line of lines.slice(0, 1_000)) redactor.redact(line);
  start = process.hrtime.bigint();
  let redacted = 0;
  for (const line of lines) if (redactor.redact(line).includes("[redacted]")) redacted++;
  const perLineUs = (ms(start) * 1000) / LINES;
  start = process.hrtime.bigint();
  for (const line of lines) PATTERN_REDACTOR.redact(line);
  const patternUs = (ms(start) * 1000) / LINES;

  const company = syntheticCompany(EMPLOYEES);
  const reading = {
    snapshot: { version: 1, today: "2026-11-28", employees: company.employees },
    config: {
      loginSchema: {
        beginning: { attribute: "first_name", use: "entire" },
        separator: ".",
        end: { attribute: "last_name", use: "entire" },
        domain: "example.com",
      },
      attributeMapping: {},
      timezone: "Europe/Berlin",
    } as unknown as LoadedConfig,
  } as unknown as PersonioReading;
  start = process.hrtime.bigint();
  const cycleKnown = knownPeople(reading, {});
  const knownMs = ms(start);
  start = process.hrtime.bigint();
  knownNamesRedactor(cycleKnown);
  const cycleBuildMs = ms(start);

  console.log(
    `redact: ${EMPLOYEES.toLocaleString("en-US")} synthetic employees (Latin, Cyrillic, Greek, CJK)`,
  );
  console.log(
    `  build from ${(known.names as string[]).length + (known.logins as string[]).length} known strings: ` +
      `${buildMs.toFixed(0)} ms, heap and buffers +${heapMb.toFixed(0)} MB${global.gc === undefined ? " (run node with --expose-gc for a steady figure)" : ""}`,
  );
  console.log(
    `  redact ${LINES.toLocaleString("en-US")} log lines (half naming a person): ${perLineUs.toFixed(1)} µs per line ` +
      `(patterns alone ${patternUs.toFixed(1)} µs), ${redacted} redacted`,
  );
  console.log(
    `  a cycle's knowledge (render of the snapshot + names): ${knownMs.toFixed(0)} ms, then the redactor ${cycleBuildMs.toFixed(0)} ms`,
  );
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
