import { z } from "zod";
import { AttributeSchema, EmployeeItemSchema } from "../personio/schemas";
import { DYNAMIC_KEY, STANDARD_ATTRIBUTES } from "./attributes";
import { isCalendarDate, isRelativeDate } from "./dates";

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Quirks reproduce raw Personio data that a lenient client must read, one `"<quirk>:<attribute key>"` each:
 * - `empty_array_relation:team` — an empty relation (department, office, team, subcompany, supervisor) sent as
 *   `[]` instead of null, as older Personio data does; the seed's value must be null or left out.
 * - `compact_offset:hire_date` — a date written with `+0100` instead of `+01:00`.
 * - `no_type_on:position` — the attribute has no `type` property.
 * - `no_universal_id_on:position` — the attribute has no `universal_id` property.
 * - `omit:email` — the attribute is absent for this employee (as when it is not whitelisted), not null.
 */
export const QUIRKS = [
  "empty_array_relation",
  "compact_offset",
  "no_type_on",
  "no_universal_id_on",
  "omit",
] as const;
export type QuirkName = (typeof QUIRKS)[number];

const Quirk = z
  .string()
  .regex(
    new RegExp(`^(${QUIRKS.join("|")}):[a-z0-9_]+$`),
    `expected <quirk>:<key> with quirk one of ${QUIRKS.join(", ")}`,
  );

/** A date as the seed writes it: `YYYY-MM-DD`, `today`, `today-1`, `today+14`, or a full date-time with offset. */
const SeedDate = z
  .string()
  .refine(
    (v) => isCalendarDate(v) || isRelativeDate(v) || DATE_TIME.test(v),
    "expected YYYY-MM-DD, today, today-N, today+N or a date-time with offset",
  );

const Text = z.string().nullable().optional();
const Relation = z.string().min(1).nullable().optional();
const CostCenter = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), percentage: z.number().min(0).max(100) }),
]);
const Custom = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const SeedEmployeeSchema = z
  .looseObject({
    id: z.number().int().positive(),
    first_name: Text,
    last_name: Text,
    preferred_name: Text,
    email: Text,
    gender: Text,
    status: Text,
    position: Text,
    employment_type: Text,
    weekly_working_hours: z.union([z.string(), z.number(), z.null()]).optional(),
    termination_type: Text,
    termination_reason: Text,
    hire_date: SeedDate.nullable().optional(),
    contract_end_date: SeedDate.nullable().optional(),
    termination_date: SeedDate.nullable().optional(),
    probation_period_end: SeedDate.nullable().optional(),
    created_at: SeedDate.nullable().optional(),
    last_modified_at: SeedDate.nullable().optional(),
    last_working_day: SeedDate.nullable().optional(),
    department: Relation,
    office: Relation,
    team: Relation,
    subcompany: Relation,
    supervisor: z.number().int().positive().nullable().optional(),
    cost_centers: z.array(CostCenter).optional(),
    _quirks: z.array(Quirk).optional(),
  })
  .superRefine((employee, ctx) => {
    for (const [key, value] of Object.entries(employee)) {
      if (key === "_quirks" || key in STANDARD_ATTRIBUTES) continue;
      if (DYNAMIC_KEY.test(key)) {
        if (!Custom.safeParse(value).success) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "expected a string, number, boolean or null",
          });
        }
        continue;
      }
      ctx.addIssue({
        code: "custom",
        path: [key],
        message:
          "unknown attribute; allowed: Personio's standard keys (first_name, hire_date, …) or dynamic_<n>",
      });
    }
  });

/** The compact, human-editable company seed (`{"employees": [...]}`), validated where it is read. */
export const CompanySeedSchema = z.strictObject({
  /** Notes for the humans who edit the file. */
  _comment: z.union([z.string(), z.array(z.string())]).optional(),
  /** Labels of custom attributes: `{"dynamic_27163": "Mobile phone"}`; unlabelled ones are labelled by key. */
  labels: z
    .record(z.string(), z.string().min(1))
    .superRefine((labels, ctx) => {
      for (const key of Object.keys(labels).filter((k) => !DYNAMIC_KEY.test(k))) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "labels name custom attributes: expected dynamic_<n>",
        });
      }
    })
    .optional(),
  employees: z.array(SeedEmployeeSchema),
});

export type CompanySeed = z.infer<typeof CompanySeedSchema>;
export type SeedEmployee = z.infer<typeof SeedEmployeeSchema>;

/**
 * Personio's response shape (`{data: [...]}`) or a bare list of items: the client's own item and attribute
 * schemas, with every attribute property kept, since the sandbox serves the items back as they were given.
 */
export const PersonioItemsSchema = z.array(
  EmployeeItemSchema.extend({ attributes: z.record(z.string(), AttributeSchema.loose()) }),
);
