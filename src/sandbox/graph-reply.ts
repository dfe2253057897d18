/** What the Graph emulator answers to one request or sub-request. */
export type GraphReply =
  | {
      readonly kind: "json";
      readonly status: number;
      /** Undefined: no body (204, 202). */
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** The request is never answered (a whole-request fault); closing the emulator ends it. */
  | { readonly kind: "hang" };

/** Graph's error body `{error: {code, message}}` with this status. */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers?: Readonly<Record<string, string>>,
): GraphReply {
  return { kind: "json", status, body: { error: { code, message } }, headers };
}

/** A JSON answer. */
export function ok(status: number, body?: unknown): GraphReply {
  return { kind: "json", status, body };
}

/** The emulator's ISO time without milliseconds, as Graph writes date-times (`2026-11-26T08:00:00Z`). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
