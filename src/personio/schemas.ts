import { z } from "zod";

/** Personio sends some numbers as strings (`"offset": "100"`): accept both, strictly numeric. */
const NumberLike = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** `POST /v1/auth` success body. */
export const AuthResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({ token: z.string().min(1), expires_in: NumberLike.optional() }),
});

/** The envelope of `GET /v1/company/employees`; items are validated one by one so errors can name the employee. */
export const EmployeesPageSchema = z.object({
  success: z.literal(true),
  metadata: z.object({
    total_elements: NumberLike,
    current_page: NumberLike.optional(),
    total_pages: NumberLike.optional(),
  }),
  offset: NumberLike.optional(),
  limit: NumberLike.optional(),
  data: z.array(z.unknown()),
});

/** One employee item; `type` may be missing in older data. */
export const EmployeeItemSchema = z.object({
  type: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()),
});

/** One attribute of an item; `type` and `universal_id` may be missing or null. The label is localised: never keyed on. */
export const AttributeSchema = z.object({
  label: z.string().optional(),
  value: z.unknown(),
  type: z.string().nullish(),
  universal_id: z.string().nullish(),
});

/** `GET /v1/company/employees/attributes` body. */
export const AttributesResponseSchema = z.object({
  success: z.literal(true),
  data: z.array(
    z.object({
      key: z.string(),
      label: z.string().optional(),
      type: z.string().nullish(),
      universal_id: z.string().nullish(),
    }),
  ),
});

/** `PATCH /v1/company/employees/{id}` success body; `meta` lists fields Personio ignored. */
export const EmployeeUpdatedSchema = z.object({
  success: z.literal(true),
  data: z.object({ id: NumberLike }).optional(),
  meta: z.array(z.unknown()).optional(),
});

/** Personio's error body; messages are sometimes German, so callers switch on the HTTP status, not the text. */
export const ErrorResponseSchema = z.object({
  success: z.literal(false),
  error: z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() }),
});

export type EmployeesPage = z.infer<typeof EmployeesPageSchema>;
export type AttributeDefinition = z.infer<typeof AttributesResponseSchema>["data"][number];
