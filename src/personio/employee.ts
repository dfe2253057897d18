import { z } from "zod";
import { CalendarDateSchema } from "./dates";

/** A normalised attribute value: relations by name, dates as calendar dates, lists as names. */
export const AttributeValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()).readonly(),
]);
export type AttributeValue = z.infer<typeof AttributeValueSchema>;

/** A cost center assignment of an employee. */
export const CostCenterSchema = z
  .strictObject({ id: z.number().nullable(), name: z.string(), percentage: z.number().nullable() })
  .readonly();
export type CostCenter = z.infer<typeof CostCenterSchema>;

/** Personio's documented values of `status`; others are kept as sent. */
export type EmployeeStatus = "active" | "inactive" | "onboarding" | "leave";

/**
 * A Personio employee as the rest of the program sees it: the client's normalised output, and the shape the
 * runner's snapshot file is checked against where it crosses to the program — one schema for both. Fields are
 * null when Personio sent an empty value or did not send the attribute; `attributes` holds every attribute that
 * was sent (absent keys are missing, not null — Personio omits attributes that are not whitelisted for the
 * credentials).
 */
export const EmployeeSchema = z
  .strictObject({
    id: z.number().int().nonnegative(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    /** One of {@link EmployeeStatus} as Personio documents it; an undocumented value is kept as sent. */
    status: z.string().nullable(),
    /** Calendar dates (`YYYY-MM-DD`), the offset Personio sends never applied. */
    hireDate: CalendarDateSchema.nullable(),
    terminationDate: CalendarDateSchema.nullable(),
    lastWorkingDay: CalendarDateSchema.nullable(),
    /** When the employee was created in Personio, as an ISO 8601 UTC instant. */
    createdAt: z.string().nullable(),
    department: z.string().nullable(),
    office: z.string().nullable(),
    team: z.string().nullable(),
    subcompany: z.string().nullable(),
    supervisorId: z.number().int().nullable(),
    costCenters: z.array(CostCenterSchema).readonly(),
    /** Every attribute sent, by key (custom `dynamic_*` included), normalised. */
    attributes: z.record(z.string(), AttributeValueSchema).readonly(),
  })
  .readonly();
export type Employee = z.infer<typeof EmployeeSchema>;

/** The attribute keys the typed fields of {@link Employee} come from. */
export const STANDARD_ATTRIBUTE_KEYS = [
  "id",
  "first_name",
  "last_name",
  "email",
  "status",
  "hire_date",
  "termination_date",
  "last_working_day",
  "created_at",
  "department",
  "office",
  "team",
  "subcompany",
  "supervisor",
  "cost_centers",
] as const;
