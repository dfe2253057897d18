import { redact } from "../util/redact";

/**
 * The CLI's errors carry its whole output; the first line that says "error:" is the cause, with e-mail
 * addresses, UPNs and quoted names redacted (provider errors quote them).
 */
export function causeLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return redact(lines.find((l) => l.startsWith("error:")) ?? lines[0] ?? "unknown error").slice(0, 300);
}
