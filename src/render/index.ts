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
export { calendarDateIn, isAccountEnabled } from "./calendar";
export { AZUREAD_USER_INPUTS, FIXED_USER_INPUTS } from "./user-inputs";
