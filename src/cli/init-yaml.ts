import { parse } from "yaml";
import { loadStackConfig, NAMESPACE } from "../config";
import { type InitAnswers, stackValues } from "./init-answers";

/** A YAML scalar: plain where it is plainly a string, else double-quoted (JSON strings are YAML). */
function scalar(value: string | number): string {
  if (typeof value === "number") return String(value);
  const plain = /^[A-Za-z][A-Za-z0-9_/+-]*(\.[A-Za-z0-9_/+-]+)*$/.test(value);
  return plain && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value) ? value : JSON.stringify(value);
}

function part(attribute: string, use: string): string {
  return `{ attribute: ${scalar(attribute)}, use: ${scalar(use)} }`;
}

/**
 * The commented `stacks/Pulumi.<stack>.yaml` of the answers, in the shape of stacks/Pulumi.example.yaml. The
 * client secret is not in it: `pulumi config set --secret` encrypts it into the file.
 */
export function stackFileText(answers: InitAnswers): string {
  const mapping = Object.entries(answers.attributeMapping);
  return [
    `# Stack ${answers.stack}, written by npm run init. Check it with:`,
    `#   npm run plan -- --stack-config stacks/Pulumi.${answers.stack}.yaml`,
    "# Set the Personio client secret with: pulumi config set --secret personioClientSecret <secret>",
    "config:",
    "  # The Entra tenant; the provider's credentials come from the environment (ARM_CLIENT_ID, ARM_CLIENT_SECRET,",
    "  # or OIDC in CI). Without this line the provider reads ARM_TENANT_ID.",
    answers.tenantId === undefined
      ? "  # azuread:tenantId: 00000000-0000-0000-0000-000000000000"
      : `  azuread:tenantId: ${answers.tenantId}`,
    "",
    "  # Personio API credentials (Settings > Integrations > API credentials); PERSONIO_CLIENT_ID and",
    "  # PERSONIO_BASE_URL override these, PERSONIO_CLIENT_SECRET the secret.",
    `  ${NAMESPACE}:personio:`,
    "    baseUrl: https://api.personio.de # the default",
    `    clientId: ${JSON.stringify(answers.clientId)}`,
    "",
    "  # The login name: beginning, separator, end and domain, as in Personio's own integration (step 6).",
    '  # use: entire | first_letter; separator: ".", "-", "_" or none; end: { attribute, use } or none.',
    "  # Names are normalised (Müller → mueller, José → jose); a collision gets _<employee id>.",
    `  ${NAMESPACE}:loginSchema:`,
    `    beginning: ${part(answers.beginning, answers.beginningUse)}`,
    `    separator: ${JSON.stringify(answers.separator)}`,
    `    end: ${answers.end === "none" ? "none" : part(answers.end, answers.endUse)}`,
    `    domain: ${scalar(answers.domain)}`,
    "",
    "  # azuread.User input → Personio attribute key; custom attributes by their dynamic_<n> key",
    "  # (GET /v1/company/employees/attributes lists them). A mapped field follows Personio on every run;",
    "  # unmapped fields are never touched.",
    mapping.length === 0
      ? `  ${NAMESPACE}:attributeMapping: {}`
      : [`  ${NAMESPACE}:attributeMapping:`, ...mapping.map(([to, key]) => `    ${to}: ${scalar(key)}`)].join(
          "\n",
        ),
    "",
    "  # The company time zone (IANA): accounts are disabled from 00:00 here on the day after the termination",
    "  # date, and joiners are enabled from 00:00 of their hire date.",
    `  ${NAMESPACE}:timezone: ${scalar(answers.timezone)}`,
    "",
    "  # New hires: createDaysBeforeHire: the account appears at most this many days before the hire date (none:",
    "  # as soon as Personio lists the employee); enableFrom: created (at once, as Personio's integration does)",
    "  # or hireDate (from 00:00 of the hire date).",
    `  ${NAMESPACE}:joiners:`,
    `    createDaysBeforeHire: ${scalar(answers.createDaysBeforeHire)}`,
    `    enableFrom: ${scalar(answers.enableFrom)}`,
    "",
  ].join("\n");
}

/**
 * Reads the text back as the stack-config loader reads a stack file and validates it there, so that nothing is
 * written that `npm run plan` or the program would refuse; throws the loader's one-line ConfigError. The secret
 * is not in the file, so a stand-in takes its place for the check.
 */
export function checkStackFileText(text: string, answers: InitAnswers): void {
  const config = (parse(text) as { config: Record<string, unknown> }).config;
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${NAMESPACE}:`)) values[key.slice(NAMESPACE.length + 1)] = value;
  }
  loadStackConfig(values, { PERSONIO_CLIENT_SECRET: "checked-by-init" });
  const expected = JSON.stringify(stackValues(answers));
  const written = JSON.stringify(stackValues({ ...answers, ...fromValues(values) }));
  if (expected !== written) throw new Error("init: the stack file does not read back as answered");
}

/** The answers a stack file's values hold, for the read-back check. */
function fromValues(values: Record<string, unknown>): Partial<InitAnswers> {
  const login = values["loginSchema"] as {
    beginning: { attribute: string; use: string };
    separator: string;
    end: { attribute: string; use: string } | "none";
    domain: string;
  };
  const joiners = values["joiners"] as { createDaysBeforeHire: number | "none"; enableFrom: string };
  return {
    clientId: (values["personio"] as { clientId: string }).clientId,
    domain: login.domain,
    beginning: login.beginning.attribute,
    beginningUse: login.beginning.use,
    separator: login.separator,
    end: login.end === "none" ? "none" : login.end.attribute,
    ...(login.end === "none" ? {} : { endUse: login.end.use }),
    timezone: values["timezone"] as string,
    createDaysBeforeHire: joiners.createDaysBeforeHire,
    enableFrom: joiners.enableFrom,
    attributeMapping: values["attributeMapping"] as Record<string, string>,
  };
}
