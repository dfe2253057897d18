import { generateCompany, type PersonioEmployeeItem } from "../../src/sandbox";

/** The custom text attribute write-back fills in the tests, and a list attribute it must refuse. */
export const LOGIN = "dynamic_40001";
export const LIST = "dynamic_50001";

/**
 * A generated company whose employees carry the `LOGIN` text attribute (empty unless `logins` sets it) and the
 * `LIST` list attribute, as Personio lists whitelisted custom attributes.
 */
export function companyWithLogins(
  count: number,
  logins: Readonly<Record<number, string>> = {},
): PersonioEmployeeItem[] {
  return generateCompany(count, 1).map((item) => {
    const id = item.attributes["id"]?.value as number;
    return {
      ...item,
      attributes: {
        ...item.attributes,
        [LOGIN]: { label: "Login", value: logins[id] ?? null, type: "standard", universal_id: null },
        [LIST]: { label: "Shirt size", value: null, type: "list", universal_id: null },
      },
    };
  });
}

/** Employee id → UPN for ids 1..count: `user<id>@contoso.com`. */
export function upnsFor(ids: readonly number[]): Map<string, string> {
  return new Map(ids.map((id) => [String(id), `user${id}@contoso.com`]));
}
