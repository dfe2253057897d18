import { spawnSync } from "node:child_process";
import { mulberry32 } from "../src/util/random";
import path from "node:path";
import type { ExistingAccount, RenderConfig } from "../src/config/types";
import type { Employee } from "../src/personio/employee";
import { render } from "../src/render";

const SIZES = [10_000, 50_000, 100_000];
const RUNS = 3;

const FIRST_NAMES = [
  "Anna",
  "Thomas",
  "Jürgen",
  "Zoë",
  "François",
  "Łukasz",
  "Ömer",
  "Søren",
  "José",
  "Иван",
  "Maria",
  "Michael",
  "Änne",
  "Björn",
  "Chloé",
  "Dmitrij",
  "Elif",
  "Fatma",
  "Günther",
  "Hélène",
  "Ingrid",
  "Jan",
  "Katarzyna",
  "Lars",
  "Mehmet",
  "Niamh",
  "Oliver",
  "Paweł",
  "Sophie",
  "Yusuf",
];
const LAST_NAMES = [
  "Müller",
  "Schmidt",
  "Schneider",
  "Fischer",
  "Weber",
  "Meyer",
  "Wagner",
  "Becker",
  "Schulz",
  "Hoffmann",
  "Kowalski",
  "Nowak",
  "García",
  "Núñez",
  "Øvergaard",
  "O’Brien",
  "van der Berg",
  "Schulz-Meyer",
  "Petrov",
  "Yılmaz",
  "Dubois",
  "Šimková",
  "Strauß",
  "Kühn",
  "Lindqvist",
  "Ó Súilleabháin",
  "Nguyễn",
  "Papadopoulos",
  "Jovanović",
  "Großmann",
];
const DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "People", "Operations", "Support"];

const CONFIG: RenderConfig = {
  loginSchema: {
    beginning: { attribute: "first_name", use: "entire" },
    separator: ".",
    end: { attribute: "last_name", use: "entire" },
    domain: "example.com",
  },
  attributeMapping: {
    jobTitle: "position",
    department: "department",
    costCenter: "cost_centers",
    employeeHireDate: "hire_date",
    mobilePhone: "dynamic_1",
    managerId: "supervisor",
  },
  timezone: "Europe/Berlin",
  followRenames: false,
};

/**
 * A synthetic company: names with diacritics drawn from small pools (so thousands share a name), a manager
 * for most, some leavers; half already have an account (by employee id), a tenth are adopted by e-mail.
 */
export function syntheticCompany(size: number): { employees: Employee[]; accounts: ExistingAccount[] } {
  const next = mulberry32(size);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const employees: Employee[] = [];
  const accounts: ExistingAccount[] = [];
  for (let id = 1; id <= size; id++) {
    const firstName = pick(FIRST_NAMES);
    const lastName = pick(LAST_NAMES);
    const email = `employee${id}@example.com`;
    const createdAt = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 3650) * 86_400_000).toISOString();
    const terminationDate = next() < 0.05 ? `202${Math.floor(next() * 7)}-06-30` : null;
    const department = pick(DEPARTMENTS);
    const supervisorId = id > 10 ? 1 + Math.floor(next() * (id - 1)) : null;
    employees.push({
      id,
      firstName,
      lastName,
      email,
      status: terminationDate === null ? "active" : "inactive",
      hireDate: createdAt.slice(0, 10),
      terminationDate,
      lastWorkingDay: terminationDate,
      createdAt,
      department,
      office: "Berlin",
      team: null,
      subcompany: null,
      supervisorId,
      costCenters: [],
      attributes: {
        id,
        first_name: firstName,
        last_name: lastName,
        email,
        position: `${department} Specialist`,
        department,
        cost_centers: [`CC-${department}`],
        hire_date: createdAt.slice(0, 10),
        created_at: createdAt,
        termination_date: terminationDate,
        supervisor: supervisorId,
        dynamic_1: `+49 30 ${String(1_000_000 + id)}`,
      },
    });
    const roll = next();
    if (roll < 0.5) {
      accounts.push({
        id: `obj-${id}`,
        userPrincipalName: `u${id}@example.com`,
        mail: null,
        employeeId: String(id),
        accountEnabled: true,
      });
    } else if (roll < 0.6) {
      accounts.push({
        id: `obj-${id}`,
        userPrincipalName: email,
        mail: email,
        employeeId: null,
        accountEnabled: true,
      });
    }
  }
  return { employees, accounts };
}

interface Measurement {
  readonly employees: number;
  readonly users: number;
  readonly medianMs: number;
  readonly peakRssMb: number;
}

/** Renders one company size a warm-up plus {@link RUNS} times in this process. */
function measure(size: number): Measurement {
  const { employees, accounts } = syntheticCompany(size);
  const once = () => render({ employees, config: CONFIG, today: "2026-11-26", existingAccounts: accounts });
  let users = once().users.length;
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    users = once().users.length;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    employees: size,
    users,
    medianMs: times[Math.floor(times.length / 2)] as number,
    // maxRSS is in kilobytes: the peak of this whole process, input building included.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Each size in a fresh process, so that every peak RSS is its own; one line per size. */
export async function run(): Promise<void> {
  console.log(`render: ${RUNS} runs after a warm-up, median; peak RSS of a process holding one company`);
  for (const size of SIZES) {
    const child = spawnSync(
      path.join(__dirname, "..", "node_modules", ".bin", "tsx"),
      [__filename, String(size)],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    if (child.status !== 0) throw new Error(`render bench for ${size} employees exited with ${child.status}`);
    const result = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as Measurement;
    console.log(
      `${String(result.employees).padStart(7)} employees  ${result.medianMs.toFixed(0).padStart(5)} ms  ` +
        `${result.peakRssMb.toFixed(0).padStart(5)} MB peak RSS  (${result.users} users)`,
    );
  }
}

if (require.main === module) {
  const size = Number(process.argv[2]);
  if (Number.isInteger(size) && size > 0) {
    console.log(JSON.stringify(measure(size)));
  } else {
    run().catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
  }
}
