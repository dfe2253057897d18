import { loadStackConfig, type LoadedConfig } from "../config";
import type { StackOps } from "../engine/stack-ops";
import {
  countGraphActions,
  type GraphApi,
  GraphCredentialsError,
  graphApiFromEnv,
  GraphPayloadError,
  GraphRequestError,
  GraphTransportError,
} from "../graph";
import { PersonioError } from "../personio";
import { AttributeAccessError } from "../pipeline";
import type { GraphSummary } from "../review/summary";
import { graphConfigured, planGraphActions } from "../runner/graph-plan";
import { takeSnapshot } from "../runner/take-snapshot";
import type { CommandIO } from "./io";

/** Errors whose message is one line of ids and statuses, safe for a pull-request comment. */
const ONE_LINE = [
  GraphRequestError,
  GraphTransportError,
  GraphPayloadError,
  PersonioError,
  AttributeAccessError,
];

/**
 * The preview summary's Graph line: the actions the Graph step would take after `up`, counted with the preview's
 * read-only identity (`User.Read.All`: pass methods unread, so every pass candidate counts). Undefined when the
 * stack asks for no Graph action or its config cannot be read; never a failure of the preview — without
 * credentials, or when a read fails, the summary says the actions were not counted.
 */
export async function previewGraphSummary(
  stack: StackOps,
  io: CommandIO,
  graphApi: (env: CommandIO["env"]) => GraphApi = graphApiFromEnv,
): Promise<GraphSummary | undefined> {
  let raw: Record<string, unknown>;
  let config: LoadedConfig;
  try {
    raw = await stack.projectConfig(io.env);
    config = loadStackConfig(raw, io.env);
  } catch {
    return undefined;
  }
  if (!graphConfigured(config)) return undefined;
  let api: GraphApi;
  try {
    api = graphApi(io.env);
  } catch (error) {
    if (error instanceof GraphCredentialsError) return { notCounted: "no Graph credentials in this job" };
    throw error;
  }
  try {
    const now = io.now();
    const reading = await takeSnapshot(raw, { env: io.env, now });
    const { snapshot } = reading;
    const plan = await planGraphActions({ api, config, snapshot, now, readPassMethods: false });
    return { counts: countGraphActions(plan.actions) };
  } catch (error) {
    const safe = ONE_LINE.some((kind) => error instanceof kind);
    return { notCounted: `the read failed: ${safe ? (error as Error).message : "unexpected error"}` };
  }
}
