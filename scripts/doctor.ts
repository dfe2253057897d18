import { runDoctorCommand } from "../src/cli/doctor-command";
import { processIO } from "../src/cli/io";

runDoctorCommand(process.argv.slice(2), { io: processIO() }).then((code) => {
  process.exitCode = code;
});
