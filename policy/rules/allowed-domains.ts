import type { PolicyConfigSchema } from "@pulumi/policy";

/** The name of the policy that reads `allowedDomains`; its key in a `--policy-pack-config` file. */
export const UPN_DOMAIN_POLICY = "personio-azuread-upn-in-allowed-domain";

/**
 * A domain name: dot-separated labels, no "@", no wildcard. Used by the CLI's schema check (Go RE2) and at
 * run time, so it stays within the syntax both understand.
 */
const DOMAIN_PATTERN = "^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$";

/**
 * The policy's config. `allowedDomains` is required: the stack's `loginSchema.domain` is not visible to a
 * policy and no default would be right for every tenant, so the CLI refuses to start the pack without it.
 */
export const allowedDomainsSchema: PolicyConfigSchema = {
  properties: {
    allowedDomains: {
      type: "array",
      description:
        'Domains a userPrincipalName may end in, compared case-insensitively, e.g. ["contoso.com"].',
      minItems: 1,
      items: { type: "string", pattern: DOMAIN_PATTERN },
    },
  },
  required: ["allowedDomains"],
};

/** The allowed domains, lower case, or the one-line message to report instead. */
export type AllowedDomains =
  | { readonly ok: true; readonly domains: readonly string[] }
  | { readonly ok: false; readonly message: string };

/**
 * Reads `allowedDomains` from the policy's config. The CLI has already checked it against the schema; this
 * guards the pack where nothing did (an older CLI, a hand-built config), failing closed with a message.
 */
export function readAllowedDomains(config: Readonly<Record<string, unknown>>): AllowedDomains {
  const value = config["allowedDomains"];
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    return {
      ok: false,
      message:
        `No allowed UPN domains are configured. Set "allowedDomains" for policy "${UPN_DOMAIN_POLICY}" in a ` +
        "policy pack config file and pass it with --policy-pack-config (example: policy/policy-config.example.json).",
    };
  }
  const domainPattern = new RegExp(DOMAIN_PATTERN);
  if (
    !Array.isArray(value) ||
    !value.every((d): d is string => typeof d === "string" && domainPattern.test(d))
  ) {
    return {
      ok: false,
      message:
        `Invalid value for allowedDomains in the policy pack config: ${JSON.stringify(value)}. ` +
        'Allowed: a non-empty list of domain names such as ["contoso.com"].',
    };
  }
  return { ok: true, domains: value.map((d) => d.toLowerCase()) };
}
