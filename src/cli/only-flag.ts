import type { Values } from "./flags";
import { CommandError, EXIT } from "./io";

const ALLOWED =
  "Allowed: Personio employee ids (whole numbers above 0), comma-separated, such as 812 or 812,913.";

/**
 * `--only 812,913`: the employee ids of one targeted cycle, or undefined without the flag. Only with `--once`: a
 * running loop limits cycles to employees through Personio's webhooks instead. Whether Personio lists the ids is
 * checked by the cycle, against its listing.
 * @example onlyFlag({ once: true, only: "812,913" }) → Set {"812", "913"}
 */
export function onlyFlag(values: Values): ReadonlySet<string> | undefined {
  const text = values["only"];
  if (typeof text !== "string") return undefined;
  const ids = text.split(",").map((id) => id.trim());
  if (!ids.every((id) => /^[1-9]\d*$/.test(id))) {
    throw new CommandError(`Invalid value for --only: ${JSON.stringify(text)}. ${ALLOWED}`, EXIT.usage);
  }
  if (values["once"] !== true) {
    throw new CommandError(
      `Invalid value for --only: ${JSON.stringify(text)}. Allowed: only with --once ` +
        "(a running loop targets employees through webhooks); add --once.",
      EXIT.usage,
    );
  }
  return new Set(ids);
}
