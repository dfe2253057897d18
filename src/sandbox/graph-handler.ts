import type { GraphReply } from "./graph-reply";
import type { GraphState } from "./graph-state";

/** One API request (direct or inside a `$batch`), reduced to what a handler needs. */
export interface GraphCall {
  readonly method: string;
  /** The path after `/v1.0`, decoded: `/users/u-1/revokeSignInSessions`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The parsed JSON body; undefined without one. */
  readonly body: unknown;
  /** The captures of the route's pattern: `[userId]`, `[userId, methodId]`. */
  readonly params: readonly string[];
}

/** The emulator-wide values every handler may read. */
export interface GraphContext {
  readonly baseUrl: string;
  readonly state: GraphState;
  readonly pageSize: number;
  readonly now: Date;
  readonly log: (line: string) => void;
}

export type GraphHandler = (ctx: GraphContext, call: GraphCall) => GraphReply;
