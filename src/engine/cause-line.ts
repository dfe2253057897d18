import { PATTERN_REDACTOR, type Redactor } from "../util/known-names";

/**
 * The CLI's errors carry its whole output; the first line that says "error:" is the cause, with e-mail
 * addresses, UPNs and quoted names redacted (provider errors quote them), and with `redactor` every name and
 * login the cycle knows.
 */
export function causeLine(error: unknown, redactor: Redactor = PATTERN_REDACTOR): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return redactor
    .redact(lines.find((l) => l.startsWith("error:")) ?? lines[0] ?? "unknown error")
    .slice(0, 300);
}
