export { runCycle } from "./cycle";
export type { CycleOptions, CycleResult, CycleStatus } from "./cycle-types";
export { runLoop, type LoopOptions } from "./loop";
export { type RunnerObserver, type CycleReport, NOOP_OBSERVER, fanOut } from "./observer";
export { takeSnapshot, type PersonioReading } from "./take-snapshot";
