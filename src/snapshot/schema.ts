import { z } from "zod";
import { CalendarDateSchema } from "../personio/dates";
import { EmployeeSchema } from "../personio/employee";

/** The environment variable through which the runner hands a cycle's snapshot file to the program. */
export const SNAPSHOT_ENV = "PERSONIO_AZUREAD_SNAPSHOT";

/**
 * One cycle's reading of Personio: the complete employee listing and the company-time-zone date it was
 * rendered for. Preview and `up` of the cycle both render from it, so `up` applies what the guards checked.
 */
export const SnapshotSchema = z.strictObject({
  version: z.literal(1),
  today: CalendarDateSchema,
  employees: z.array(EmployeeSchema).readonly(),
  /** Employees whose record had an unreadable field: id and field only, never the value. */
  skipped: z
    .array(z.strictObject({ employeeId: z.number().int().positive(), field: z.string() }).readonly())
    .readonly()
    .optional(),
});

export type Snapshot = z.infer<typeof SnapshotSchema>;
