import { SAMPLE_CONFIG } from "../tests/fixtures/stack-config";

/** The stack config of the program benches: the sample config, reading Personio's sandbox. */
export const BENCH_CONFIG = {
  personio: { clientId: "sandbox-client", appId: "PERSONIO_AZUREAD_BENCH" },
  ...SAMPLE_CONFIG,
  attributeMapping: { ...SAMPLE_CONFIG.attributeMapping, officeLocation: "office" },
};
