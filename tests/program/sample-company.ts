import { type Employee, PersonioClient } from "../../src/personio";
import { loadSampleCompany, type PersonioEmployeeItem, type Sandbox, startSandbox } from "../../src/sandbox";
import { installMocks, type MockWorld } from "./mocks";

/** The sample company as the sandbox serves it on the tests' day. */
const sampleCompany = () => loadSampleCompany({ today: "2026-11-26" });

/**
 * The employees as the Personio client lists them from a sandbox serving `employees` (default: the sample company
 * on 2026-11-26): what a snapshot holds. The sandbox is started and closed here.
 */
export async function listFromSandbox(
  employees: readonly PersonioEmployeeItem[] = sampleCompany(),
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

/**
 * For the tests of the file (or `describe`) that calls it: a sandbox serving the sample company on 2026-11-26 and
 * Pulumi's mocks recording into `world`, started before them and the sandbox closed after them.
 */
export function useSampleSandbox(world: MockWorld): { readonly sandbox: Sandbox } {
  let started: Sandbox | undefined;
  beforeAll(async () => {
    started = await startSandbox({ employees: sampleCompany() });
    await installMocks(world);
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get sandbox(): Sandbox {
      if (started === undefined) throw new Error("The sample sandbox starts in beforeAll.");
      return started;
    },
  };
}
