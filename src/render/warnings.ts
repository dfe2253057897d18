import type { RenderWarning } from "./types";

/** Reports a problem with one property of the employee being rendered; never pass the value itself. */
export type Warn = (property: string, message: string) => void;

/** Collects warnings in the order they arise and hands them out sorted by numeric employee id. */
export class WarningLog {
  private readonly entries: { readonly id: number; readonly warning: RenderWarning }[] = [];

  /** Records a warning about one employee's property. */
  add(employeeId: number, property: string, message: string): void {
    this.entries.push({ id: employeeId, warning: { employeeId: String(employeeId), property, message } });
  }

  /** A {@link Warn} bound to one employee. */
  for(employeeId: number): Warn {
    return (property, message) => this.add(employeeId, property, message);
  }

  /** Every warning, by numeric employee id; one employee's keep their order (the sort is stable). */
  sorted(): RenderWarning[] {
    return [...this.entries].sort((a, b) => a.id - b.id).map((entry) => entry.warning);
  }
}

/**
 * Cuts free text to a Graph length limit with a warning, never splitting a surrogate pair.
 * @example fitText("x".repeat(70), 64, warn) === "x".repeat(64), warning "longer than 64 characters; trimmed to 64"
 */
export function fitText(value: string, maxLength: number, property: string, warn: Warn): string {
  if (value.length <= maxLength) return value;
  warn(property, `longer than ${maxLength} characters; trimmed to ${maxLength}`);
  const last = value.charCodeAt(maxLength - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? maxLength - 1 : maxLength;
  return value.slice(0, end).trimEnd();
}

/**
 * Cuts free text to a limit the provider counts in UTF-8 bytes, with a warning, only between code points.
 * @example fitBytes("ä".repeat(40), 64, warn) === "ä".repeat(32), warning "longer than 64 bytes in UTF-8; trimmed to 64 bytes"
 */
export function fitBytes(value: string, maxBytes: number, property: string, warn: Warn): string {
  if (Buffer.byteLength(value, "utf8") <= maxBytes) return value;
  warn(property, `longer than ${maxBytes} bytes in UTF-8; trimmed to ${maxBytes} bytes`);
  let bytes = 0;
  let end = 0;
  for (const character of value) {
    const size = Buffer.byteLength(character, "utf8");
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += character.length;
  }
  return value.slice(0, end).trimEnd();
}
