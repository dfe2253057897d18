import { z } from "zod";
import { isPersonioKey } from "./personio-keys";

/**
 * One `personio-azuread:groups` rule, validated. A value rule puts the enabled users whose attribute has that
 * value into one group: one this stack creates (`group`), or an existing one by display name (`existingGroup`)
 * or object id (`existingGroupId`). A prefix rule creates one group per distinct value, named prefix + value.
 */
export type GroupRule =
  | { readonly attribute: string; readonly value: string; readonly group: string }
  | { readonly attribute: string; readonly value: string; readonly existingGroup: string }
  | { readonly attribute: string; readonly value: string; readonly existingGroupId: string }
  | { readonly attribute: string; readonly groupPrefix: string };

/** Graph's limit for a group's `displayName`. */
export const GROUP_NAME_MAX_LENGTH = 256;

const allowed = (text: string) => ({ error: text });

const PERSONIO_KEY_ALLOWED = "a Personio attribute key: a standard key such as department, or dynamic_<n>";
const NAME_ALLOWED = `a group display name: 1 to ${GROUP_NAME_MAX_LENGTH} characters, no control characters, no leading or trailing spaces`;
const PREFIX_ALLOWED = `a group name prefix such as "dept-": 1 to ${GROUP_NAME_MAX_LENGTH - 1} characters, no control characters, no leading spaces`;
const OBJECT_ID_ALLOWED = "a group object id (a GUID such as 00000000-0000-0000-0000-000000000000)";
const VALUE_ALLOWED = "a Personio attribute value (text, number or true/false), not empty";
const SHAPE_ALLOWED =
  "{ attribute, value, group | existingGroup | existingGroupId } (one target) or { attribute, groupPrefix }";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A display name Entra ID accepts for a group (Graph: required, at most 256 characters). */
export function isGroupName(name: string): boolean {
  return (
    name.length >= 1 && name.length <= GROUP_NAME_MAX_LENGTH && !hasControl(name) && name.trim() === name
  );
}

/** C0 controls and DEL: a line break or tab in a group name is a typo, and Entra shows it garbled. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const groupName = z.string(allowed(NAME_ALLOWED)).refine(isGroupName, allowed(NAME_ALLOWED));
const prefix = z
  .string(allowed(PREFIX_ALLOWED))
  .refine(
    (p) => p.length >= 1 && p.length < GROUP_NAME_MAX_LENGTH && !hasControl(p) && p.trimStart() === p,
    allowed(PREFIX_ALLOWED),
  );

const RuleInput = z.strictObject(
  {
    attribute: z.string(allowed(PERSONIO_KEY_ALLOWED)).refine(isPersonioKey, allowed(PERSONIO_KEY_ALLOWED)),
    value: z
      .union([z.string(), z.number(), z.boolean()], allowed(VALUE_ALLOWED))
      .transform((v) => String(v).trim())
      .refine((v) => v !== "", allowed(VALUE_ALLOWED))
      .optional(),
    group: groupName.optional(),
    existingGroup: groupName.optional(),
    existingGroupId: z
      .string(allowed(OBJECT_ID_ALLOWED))
      .regex(GUID, allowed(OBJECT_ID_ALLOWED))
      .transform((id) => id.toLowerCase())
      .optional(),
    groupPrefix: prefix.optional(),
  },
  allowed(SHAPE_ALLOWED),
);

type RuleFields = z.infer<typeof RuleInput>;

const rule = RuleInput.superRefine((fields, ctx) => {
  const targets = (["group", "existingGroup", "existingGroupId"] as const).filter(
    (t) => fields[t] !== undefined,
  );
  const valueRule = fields.value !== undefined && targets.length === 1 && fields.groupPrefix === undefined;
  const prefixRule = fields.groupPrefix !== undefined && fields.value === undefined && targets.length === 0;
  if (!valueRule && !prefixRule) {
    // Which keys the rule has says what is wrong with it; its values may be long.
    const keys = Object.keys(fields).filter((key) => fields[key as keyof RuleFields] !== undefined);
    ctx.addIssue({
      code: "custom",
      message: SHAPE_ALLOWED,
      params: { label: "Invalid rule in", shown: `{ ${keys.join(", ")} }` },
    });
  }
}).transform(toRule);

/**
 * The `personio-azuread:groups` list. Besides each rule's own shape, no rule may appear twice (values and group
 * names compare as Entra compares names, ignoring case) and no name may be both created and referenced.
 */
export const GroupRules = z
  .array(rule, allowed("a list of rules: " + SHAPE_ALLOWED))
  .superRefine((rules, ctx) => {
    const seen = new Map<string, number>();
    const created = new Map<string, number>();
    rules.forEach((r, index) => {
      const key = ruleKey(r);
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `each rule once (this one repeats groups.${first})`,
          params: { label: "Duplicate rule in" },
        });
      } else {
        seen.set(key, index);
      }
      if ("group" in r && !created.has(r.group.toLowerCase())) created.set(r.group.toLowerCase(), index);
    });
    rules.forEach((r, index) => {
      if (!("existingGroup" in r)) return;
      const creator = created.get(r.existingGroup.toLowerCase());
      if (creator === undefined) return;
      ctx.addIssue({
        code: "custom",
        path: [index, "existingGroup"],
        message: `a group this stack does not create (groups.${creator} creates a group of this name)`,
      });
    });
  })
  .default([]);

function toRule(fields: RuleFields): GroupRule {
  const { attribute } = fields;
  if (fields.groupPrefix !== undefined) return { attribute, groupPrefix: fields.groupPrefix };
  const value = fields.value as string;
  if (fields.group !== undefined) return { attribute, value, group: fields.group };
  if (fields.existingGroup !== undefined) return { attribute, value, existingGroup: fields.existingGroup };
  return { attribute, value, existingGroupId: fields.existingGroupId as string };
}

function ruleKey(r: GroupRule): string {
  if ("groupPrefix" in r) return JSON.stringify([r.attribute, "prefix", r.groupPrefix.toLowerCase()]);
  const target =
    "group" in r
      ? ["group", r.group.toLowerCase()]
      : "existingGroup" in r
        ? ["existingGroup", r.existingGroup.toLowerCase()]
        : ["existingGroupId", r.existingGroupId];
  return JSON.stringify([r.attribute, r.value.toLowerCase(), ...target]);
}
