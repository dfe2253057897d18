export { render } from "./render";
export type {
  DesiredExtensionAttributes,
  DesiredUser,
  RenderInput,
  RenderResult,
  RenderWarning,
  SkipReason,
  SkippedEmployee,
} from "./types";
export { normalizeLoginPart, MAX_LOCAL_PART } from "./login-name";
export { addDays, calendarDateIn, isAccountEnabled } from "./calendar";
export type { LifecycleEvent, LifecycleEventKind } from "./types";
export { nextDays, nextEvents, NEXT_DAYS, type NextEvent, type PlanDay } from "./next-events";
export { instantIn } from "./zoned-time";
