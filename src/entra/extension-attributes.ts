import type { InputRule } from "./user-inputs";

/**
 * The on-premises extension attributes Entra ID keeps on every user, `extensionAttribute1` … `extensionAttribute15`.
 * They are mapping targets, but not `azuread.User` inputs: the provider cannot set them, the Graph step
 * PATCHes them (`onPremisesExtensionAttributes`), and only on cloud-only accounts.
 */
export const EXTENSION_ATTRIBUTES: readonly string[] = Array.from(
  { length: 15 },
  (_, index) => `extensionAttribute${index + 1}`,
);

/** Graph's limit for one extension attribute: free text of at most 1,024 characters. */
export const EXTENSION_ATTRIBUTE_RULE: InputRule = { kind: "text", maxLength: 1024 };

const NAMES = new Set(EXTENSION_ATTRIBUTES);

/** Whether a mapping target is one of the extension attributes (exact spelling, 1 to 15). */
export function isExtensionAttribute(target: string): boolean {
  return NAMES.has(target);
}
