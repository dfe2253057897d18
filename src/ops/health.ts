import { NOOP_OBSERVER, type CycleReport, type RunnerObserver } from "../runner/observer";
import { INITIAL_READINESS, nextReadiness, readiness, type ReadinessState } from "./readiness";
import type { OpsResponse } from "./server";

/** Liveness and readiness, kept up to date from the observer calls. */
export interface HealthTracker extends RunnerObserver {
  healthz(): OpsResponse;
  readyz(): OpsResponse;
}

/**
 * `/healthz` is 200 until the loop has stopped (a blocked event loop cannot answer at all, which the probe
 * sees as a failure too); `/readyz` is {@link readiness} at the time of the request, as one line of JSON.
 */
export function healthTracker(wallNow: () => number, maxStalenessMs: number): HealthTracker {
  let state: ReadinessState = INITIAL_READINESS;
  let stopped = false;
  return {
    ...NOOP_OBSERVER,
    cycleEnded: (report: CycleReport) => {
      state = nextReadiness(state, report);
    },
    loopRunning: (running) => {
      stopped = !running;
    },
    healthz: () => json(stopped ? 503 : 200, { alive: !stopped }),
    readyz: () => {
      const verdict = readiness(state, wallNow(), maxStalenessMs);
      return json(verdict.ready ? 200 : 503, verdict);
    },
  };
}

function json(status: number, body: unknown): OpsResponse {
  return { status, contentType: "application/json", body: `${JSON.stringify(body)}\n` };
}
