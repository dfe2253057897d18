import { z } from "zod";

/** The environment variable through which the runner hands a cycle's snapshot file to the program. */
export const SNAPSHOT_ENV = "PERSONIO_AZUREAD_SNAPSHOT";

const CalendarDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const AttributeValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()).readonly(),
]);

/** A normalised Personio employee as `src/personio` returns it, checked again where it crosses a file. */
export const EmployeeSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  status: z.string().nullable(),
  hireDate: CalendarDateSchema.nullable(),
  terminationDate: CalendarDateSchema.nullable(),
  lastWorkingDay: CalendarDateSchema.nullable(),
  createdAt: z.string().nullable(),
  department: z.string().nullable(),
  office: z.string().nullable(),
  team: z.string().nullable(),
  subcompany: z.string().nullable(),
  supervisorId: z.number().int().nullable(),
  costCenters: z
    .array(z.strictObject({ id: z.number().nullable(), name: z.string(), percentage: z.number().nullable() }))
    .readonly(),
  attributes: z.record(z.string(), AttributeValueSchema),
});

/**
 * One cycle's reading of Personio: the complete employee listing and the company-time-zone date it was
 * rendered for. Preview and `up` of the cycle both render from it, so `up` applies what the guards checked.
 */
export const SnapshotSchema = z.strictObject({
  version: z.literal(1),
  today: CalendarDateSchema,
  employees: z.array(EmployeeSchema).readonly(),
});

export type Snapshot = z.infer<typeof SnapshotSchema>;
