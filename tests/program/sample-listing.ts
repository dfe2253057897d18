import { type Employee, PersonioClient } from "../../src/personio";
import { loadSampleCompany, type PersonioEmployeeItem, startSandbox } from "../../src/sandbox";

/**
 * The employees as the Personio client lists them from a sandbox serving `employees` (default: the sample company
 * on 2026-11-26): what a snapshot holds. The sandbox is started and closed here.
 */
export async function listFromSandbox(
  employees: readonly PersonioEmployeeItem[] = loadSampleCompany({ today: "2026-11-26" }),
): Promise<Employee[]> {
  const sandbox = await startSandbox({ employees });
  try {
    const client = new PersonioClient({
      ...sandbox.credentials,
      baseUrl: sandbox.baseUrl,
      appId: "PERSONIO_AZUREAD_TEST",
    });
    return await client.listEmployees();
  } finally {
    await sandbox.close();
  }
}
