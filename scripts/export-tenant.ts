import { runExportTenantCommand } from "../src/cli/export-tenant-command";
import { processIO } from "../src/cli/io";

runExportTenantCommand(process.argv.slice(2), { io: processIO() }).then((code) => {
  process.exitCode = code;
});
