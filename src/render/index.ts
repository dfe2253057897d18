export { render } from "./render";
export type {
  DesiredUser,
  RenderInput,
  RenderResult,
  RenderWarning,
  SkipReason,
  SkippedEmployee,
} from "./types";
export { normalizeLoginPart, MAX_LOCAL_PART } from "./login-name";
export { addDays, calendarDateIn, isAccountEnabled } from "./calendar";
export type { LifecycleEvent, LifecycleEventKind } from "./lifecycle";
export { AZUREAD_USER_INPUTS, FIXED_USER_INPUTS } from "../graph/user-inputs";
