import { DURATION_FLAGS } from "./duration-flags";
import type { CommandSpec } from "./flags";
import { OPS_FLAGS } from "./ops-flags";
import { PHASE_FLAGS } from "./phase-command";
import { GUARD_FLAGS, STACK_FLAGS } from "./runner-args";
import { SHARD_PARALLELISM_FLAG } from "./shard-count";

const d = (flag: keyof typeof DURATION_FLAGS) => DURATION_FLAGS[flag].fallback;

/** `npm run reconcile`: the loop, one cycle, the phases of a sharded cycle, and the operations flags. */
export const RECONCILE_SPEC: CommandSpec = {
  usage: "npm run reconcile -- --stack <name> [flags]",
  about:
    "Personio snapshot → preview → guards → up, every --interval, or once with --once. Exit (with --once) 0 done, 1 failed, 2 a guard refused or bad flags or config.",
  flags: {
    ...STACK_FLAGS,
    once: { type: "boolean", description: "run one cycle and exit (cron, CronJob, CI)" },
    only: {
      type: "string",
      value: "IDS",
      default: "every employee",
      description: "with --once: a cycle for these Personio employee ids only",
      example: "812,913",
    },
    interval: {
      type: "string",
      value: "DURATION",
      default: d("interval"),
      description: "time between cycles, on a grid from midnight",
      example: "15m",
    },
    jitter: {
      type: "string",
      value: "DURATION",
      default: d("jitter"),
      description: "the most random delay added to a cycle's start (0: none)",
      example: "0",
    },
    "refresh-every": {
      type: "string",
      value: "DURATION|never",
      default: d("refresh-every"),
      description: "refresh the state from the tenant first this often",
      example: "never",
    },
    grace: {
      type: "string",
      value: "DURATION",
      default: d("grace"),
      description: "how long a running update may finish after a stop signal",
      example: "2m",
    },
    "cycle-timeout": {
      type: "string",
      value: "DURATION",
      default: d("cycle-timeout"),
      description: "a cycle's deadline (shorter than --interval)",
      example: "20m",
    },
    "max-lock-age": {
      type: "string",
      value: "DURATION",
      default: d("max-lock-age"),
      description: "a younger stack lock skips the cycle with a warning",
      example: "1h",
    },
    timezone: {
      type: "string",
      value: "ZONE",
      default: "the stack file's personio-azuread:timezone, else UTC",
      description: "the time zone whose midnights the cycle grid follows",
      example: "Europe/Berlin",
    },
    "log-format": {
      type: "string",
      value: "text|json",
      default: "text",
      description: "one log line per event, as text or JSON",
      example: "json",
    },
    ...GUARD_FLAGS,
    "shard-parallelism": SHARD_PARALLELISM_FLAG,
    ...PHASE_FLAGS,
    ...OPS_FLAGS,
  },
  notes: [
    "Environment: PERSONIO_CLIENT_ID, PERSONIO_CLIENT_SECRET; ARM_* for the provider; PERSONIO_WEBHOOK_TOKEN (webhooks, with --listen); PERSONIO_AZUREAD_BUNDLE_KEY (phases).",
  ],
  example: "npm run reconcile -- --stack prod --listen 0.0.0.0:9464",
};
