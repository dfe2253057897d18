import { ConfigError } from "../config";
import { attributeRows, attributeTable } from "../doctor/attribute-table";
import { causeLine } from "../engine/cause-line";
import { type PersonioClientOptions, PersonioError } from "../personio";
import { personioClient } from "../pipeline/personio";
import { reportFailure } from "./failure";
import { type CommandSpec, parseFlags, printedHelp, requiredFlag } from "./flags";
import { type CommandIO, EXIT } from "./io";
import { loadStackFile } from "./stack-config";

const SPEC: CommandSpec = {
  usage: "npm run attributes -- --stack-config FILE",
  about:
    "Lists the attributes the credentials may read: key, label, type, how many employees have a value (never the " +
    "values) and the attributeMapping line that would use it (<input>: any azuread.User input, e.g. employeeType).",
  flags: {
    "stack-config": {
      type: "string",
      value: "FILE",
      required: true,
      description: "the stack file whose Personio credentials are used",
      example: "stacks/Pulumi.prod.yaml",
    },
  },
  example: "npm run attributes -- --stack-config stacks/Pulumi.prod.yaml",
};

/** Terminal width when stdout is not a terminal. */
export const DEFAULT_COLUMNS = 100;

export interface AttributesDeps {
  readonly io: CommandIO;
  /** The terminal's width (`process.stdout.columns`); default {@link DEFAULT_COLUMNS}. */
  readonly columns?: number;
  /** Personio client settings tests change (retry delays); the rest comes from the stack config. */
  readonly personio?: Partial<PersonioClientOptions>;
}

/**
 * `npm run attributes`: the Personio attributes the stack's credentials may read, as a table fitted to the
 * terminal, each with a count of employees that have a value and the mapping line that would use it.
 * Exit status: 0 listed, 1 Personio failed, 2 bad flags or stack config.
 */
export async function runAttributesCommand(argv: readonly string[], deps: AttributesDeps): Promise<number> {
  const { io } = deps;
  try {
    const values = parseFlags(argv, SPEC);
    if (printedHelp(values, SPEC, io)) return EXIT.ok;
    const file = requiredFlag(values, SPEC, "stack-config", "whose credentials to use");
    const config = loadStackFile(file, io.env);
    const client = personioClient(config, deps.personio);
    const definitions = await client.listAttributes();
    const keys = definitions.map((definition) => definition.key).filter((key) => key !== "id");
    const { employees } = await client.listEmployeeRecords({ attributes: keys });
    const rows = attributeRows(definitions, employees, config);
    for (const line of attributeTable(rows, deps.columns ?? DEFAULT_COLUMNS)) io.stdout(line);
    io.stdout(`${rows.length} attributes readable; ${employees.length} employees counted.`);
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, io, {
      usage: [ConfigError],
      failed: [PersonioError],
      otherwise: (cause) => `Listing the attributes failed: ${causeLine(cause)}`,
    });
  }
}
