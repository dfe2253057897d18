import type { NotifyFormat } from "../notify/format";

/** What the operations side was asked for. */
export interface OpsSettings {
  /** Where to serve /healthz, /readyz and /metrics; undefined: no server (the default). */
  readonly listen?: { readonly host: string; readonly port: number };
  /** Where to POST notifications (`--notify-url`, else `NOTIFY_URL`); undefined: none. */
  readonly notify?: { readonly url: string; readonly format: NotifyFormat };
  /** How old the last success may get before the runner is not ready and "stale" is sent. Default 3 h. */
  readonly maxStalenessMs: number;
  /** The Personio webhook route on the `--listen` server; off without a token (`PERSONIO_WEBHOOK_TOKEN`). */
  readonly webhook?: { readonly path: string; readonly token?: string };
}
