import { berlinMidnightOffset } from "./dates";
import { mulberry32 } from "../util/random";
import { expandSeed } from "./seed";
import type { SeedEmployee } from "./seed-schema";
import type { PersonioEmployeeItem } from "./types";

const FIRST_NAMES = (
  "Anna Lukas Jürgen Zoë Łukasz José Mia Noah Émilie Søren Ömer Leonie Finn Chloé Mateusz Hannah Paul Elif " +
  "Jonas Sofía Ben Lea Felix Marta Can Ines David Laura Tobias Änne"
).split(" ");
const LAST_NAMES = (
  "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Bauer Richter Klein Wolf " +
  "Schröder Neumann Schwarz Zimmermann Braun Krüger Hartmann Lange Werner Krause García Nowak Dubois Rossi " +
  "Öztürk Strauß Kowalczyk Jansen Lindqvist Novák O'Neill"
).split(" ");
const DEPARTMENTS: readonly (readonly [
  department: string,
  costCenter: string,
  positions: readonly string[],
])[] = [
  [
    "Engineering",
    "CC-200",
    ["Software Engineer", "Senior Software Engineer", "QA Engineer", "Site Reliability Engineer"],
  ],
  ["Sales", "CC-300", ["Account Executive", "Sales Representative"]],
  ["Marketing", "CC-400", ["Marketing Manager", "Content Writer"]],
  ["Finance", "CC-500", ["Accountant", "Controller"]],
  ["People", "CC-600", ["HR Business Partner", "Recruiter"]],
  ["Customer Success", "CC-700", ["Customer Success Manager", "Support Engineer"]],
];
const OFFICES: readonly (readonly [office: string, subcompany: string])[] = [
  ["Berlin", "Contoso GmbH"],
  ["Munich", "Contoso GmbH"],
  ["Hamburg", "Contoso GmbH"],
  ["Vienna", "Contoso Austria GmbH"],
  ["Warsaw", "Contoso Polska Sp. z o.o."],
];
const EMPLOYEE_TYPES = [
  "Permanent",
  "Permanent",
  "Permanent",
  "Permanent",
  "Fixed-term",
  "Working student",
  "Intern",
];
const HOUR_MS = 3_600_000;
const FIRST_CREATED = Date.UTC(2015, 0, 5, 9, 0, 0);
/** Each employee is managed by one of the first ids: a tree with 8 reports per manager, the CEO (id 1) at the top. */
const REPORTS_PER_MANAGER = 8;

/**
 * A deterministic synthetic company of `count` employees with ids 1..count and increasing created_at: names
 * from small lists (with diacritics), unique first.last@contoso.com e-mails, departments, offices, legal
 * entities, a supervisor tree, about 1 % terminated (inactive, with a past termination date), some on leave.
 * The same `seed` always gives the same company.
 */
export function generateCompany(count: number, seed = 1): PersonioEmployeeItem[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`Invalid value for count: ${count}. Allowed: a whole number of employees, 0 or more.`);
  }
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const emails = new Map<string, number>();
  const employees: SeedEmployee[] = [];
  for (let id = 1; id <= count; id++) {
    const [firstName, lastName] = [pick(FIRST_NAMES), pick(LAST_NAMES)];
    const [department, costCenter, positions] =
      id === 1 ? ["Management", "CC-100", ["CEO"]] : pick(DEPARTMENTS);
    const [office, subcompany] = pick(OFFICES);
    const local = new Date(FIRST_CREATED + id * 7 * HOUR_MS + Math.floor(random() * 60) * 60_000);
    const createdDay = local.toISOString().slice(0, 10);
    const hireDate = dayAfter(local, 14 + Math.floor(random() * 45));
    const roll = random();
    const terminated = id > 1 && roll < 0.01;
    const terminationDate = terminated
      ? dayAfter(new Date(Date.UTC(2024, 0, 31)), Math.floor(random() * 600))
      : null;
    employees.push({
      id,
      first_name: firstName,
      last_name: lastName,
      email: uniqueEmail(emails, firstName, lastName),
      status: terminated ? "inactive" : roll < 0.02 ? "leave" : "active",
      position: pick(positions),
      supervisor: id === 1 ? null : Math.floor((id - 2) / REPORTS_PER_MANAGER) + 1,
      hire_date: hireDate,
      termination_date: terminationDate,
      last_working_day: terminationDate,
      created_at: `${local.toISOString().slice(0, 19)}${berlinMidnightOffset(createdDay)}`,
      subcompany,
      office,
      department,
      team: `${department} ${pick(["Alpha", "Beta"])}`,
      cost_centers: [costCenter],
      dynamic_27163: random() < 0.9 ? `+49 151 ${String(Math.floor(random() * 1e7)).padStart(7, "0")}` : null,
      dynamic_31001: pick(EMPLOYEE_TYPES),
    });
  }
  return expandSeed({ labels: { dynamic_27163: "Mobile phone", dynamic_31001: "Employee type" }, employees });
}

/** The e-mail local part a company would derive: ASCII, umlauts as ae/oe/ue, ß as ss, no apostrophes. */
export function emailLocalPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/ł/g, "l")
    .replace(/ø/g, "o")
    .normalize("NFD")
    .replace(/[^a-z0-9-]/g, "");
}

function uniqueEmail(seen: Map<string, number>, firstName: string, lastName: string): string {
  const base = `${emailLocalPart(firstName)}.${emailLocalPart(lastName)}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return `${base}${n === 1 ? "" : n}@contoso.com`;
}

function dayAfter(date: Date, days: number): string {
  return new Date(date.getTime() + days * 24 * HOUR_MS).toISOString().slice(0, 10);
}
