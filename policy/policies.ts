import type { Policies } from "@pulumi/policy";
import { userHasEmployeeId } from "./rules/employee-id";
import { noDisablePasswordExpiration, noDisableStrongPassword } from "./rules/password-settings";
import { upnInAllowedDomain } from "./rules/upn-domain";

/** The pack's policies, all mandatory. Importable without side effects, unlike `index.ts`. */
export const policies: Policies = [
  userHasEmployeeId,
  upnInAllowedDomain,
  noDisableStrongPassword,
  noDisablePasswordExpiration,
];
