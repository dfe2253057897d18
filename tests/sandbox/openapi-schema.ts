/**
 * A small checker of OpenAPI 3.0 schema objects, enough for the contract test (no schema library is installed):
 * the keywords Personio's specs use for the responses the sandbox serves.
 */
export type Schema = { readonly [keyword: string]: unknown };
export type Doc = Record<string, unknown>;

/** Follows a local `$ref` (`#/components/schemas/X`); any other schema is returned as it is. */
export function resolve(doc: Doc, schema: Schema): Schema {
  const ref = schema["$ref"];
  if (typeof ref !== "string") return schema;
  const target = ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, key) => (node as Doc | undefined)?.[key], doc);
  if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return resolve(doc, target as Schema);
}

/** `allOf` as extension: properties merged (later members win), `required` united. */
function flatten(doc: Doc, schema: Schema): Schema {
  const own = resolve(doc, schema);
  const parts = own["allOf"] as Schema[] | undefined;
  if (parts === undefined) return own;
  const merged = parts.map((part) => flatten(doc, part));
  return {
    type: merged.find((part) => part["type"] !== undefined)?.["type"],
    properties: Object.assign({}, ...merged.map((part) => part["properties"] ?? {})),
    required: merged.flatMap((part) => (part["required"] as string[] | undefined) ?? []),
  };
}

const TYPE_OF: Record<string, (v: unknown) => boolean> = {
  object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  array: Array.isArray,
  string: (v) => typeof v === "string",
  integer: Number.isInteger,
  number: (v) => typeof v === "number",
  boolean: (v) => typeof v === "boolean",
};

/** The OpenAPI 3.0 keywords these responses use: type, nullable, enum, required, properties, items, anyOf, maxItems. */
export function check(doc: Doc, schema: Schema, value: unknown, at = "$"): string[] {
  const s = flatten(doc, schema);
  const type = s["type"] as string | undefined;
  if (s["anyOf"] !== undefined) {
    const branches = (s["anyOf"] as Schema[]).map((branch) => check(doc, branch, value, at));
    return branches.some((errors) => errors.length === 0) ? [] : (branches[0] ?? []);
  }
  if (value === null)
    return type === undefined || s["nullable"] === true ? [] : [`${at}: expected ${type}, got null`];
  if (type !== undefined && !TYPE_OF[type]?.(value))
    return [`${at}: expected ${type}, got ${JSON.stringify(value)}`];
  const errors: string[] = [];
  const allowed = s["enum"] as unknown[] | undefined;
  if (allowed !== undefined && !allowed.includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`);
  if (Array.isArray(value)) {
    if (typeof s["maxItems"] === "number" && value.length > s["maxItems"])
      errors.push(`${at}: more than ${s["maxItems"]} items`);
    if (s["items"] !== undefined)
      value.forEach((item, i) => errors.push(...check(doc, s["items"] as Schema, item, `${at}[${i}]`)));
  } else if (TYPE_OF["object"]?.(value)) {
    const object = value as Record<string, unknown>;
    for (const key of (s["required"] as string[] | undefined) ?? [])
      if (!(key in object)) errors.push(`${at}: missing ${key}`);
    for (const [key, property] of Object.entries(
      (s["properties"] as Record<string, Schema> | undefined) ?? {},
    )) {
      if (key in object) errors.push(...check(doc, property, object[key], `${at}.${key}`));
    }
  }
  return errors;
}

/** A schema that accepts what the examples show: required keys are those every example has; null makes a value nullable. */
export function inferSchema(samples: readonly unknown[]): Schema {
  const present = samples.filter((v) => v !== null && v !== undefined);
  const nullable = present.length < samples.length;
  const first = present[0];
  if (first === undefined) return {};
  if (Array.isArray(first)) return { type: "array", nullable, items: inferSchema(present.flat()) };
  if (typeof first !== "object") return { type: typeof first, nullable };
  const objects = present as Record<string, unknown>[];
  const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  const properties = Object.fromEntries(keys.map((key) => [key, inferSchema(objects.map((o) => o[key]))]));
  return {
    type: "object",
    nullable,
    required: keys.filter((key) => objects.every((o) => key in o)),
    properties,
  };
}
