export { PersonioClient, type PersonioClientOptions, type ListEmployeesOptions } from "./client";
export type { Employee, AttributeValue, CostCenter, EmployeeStatus } from "./employee";
export { EmployeeSchema } from "./employee";
export { STANDARD_ATTRIBUTE_KEYS } from "./employee";
export type { CalendarDate } from "./dates";
export {
  PersonioError,
  PersonioTransportError,
  PersonioAuthError,
  PersonioRequestError,
  PersonioPayloadError,
  PersonioResponseTooLargeError,
  PersonioConsistencyError,
  type RequestTarget,
} from "./errors";
export type { RequestEvent } from "./executor";
export { PERSONIO_RATE_WINDOWS, RateLimiter, type RateWindow } from "./rate-limiter";
export type { RetryOptions } from "./retry-policy";
export type { AttributeDefinition } from "./schemas";
export type { EmployeeListing, SkippedRecord } from "./page";
