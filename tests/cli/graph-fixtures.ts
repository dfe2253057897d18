import { generateCompany, type PersonioEmployeeItem } from "../../src/sandbox";

/** The emulated tenant's object id of an employee (`tenantFromCompany`). */
export const obj = (id: number) => `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`;

/**
 * Six employees for the Graph counts, seen on 2026-11-26: 1 is synced in `tenantFromCompany`'s tenant (and the
 * manager of the others), 3 left on 2026-10-31, 4 is hired on 2026-11-27.
 */
export function graphCompany(): PersonioEmployeeItem[] {
  return generateCompany(6).map((item) => {
    const id = item.attributes["id"]?.value as number;
    const attributes = { ...item.attributes };
    const set = (key: string, value: unknown) => {
      const attribute = attributes[key];
      if (attribute !== undefined) attributes[key] = { ...attribute, value } as typeof attribute;
    };
    set("status", id === 3 ? "inactive" : "active");
    set("termination_date", id === 3 ? "2026-10-31T00:00:00+01:00" : null);
    if (id === 4) set("hire_date", "2026-11-27T00:00:00+01:00");
    return { ...item, attributes };
  });
}
