/**
 * Bare cost: `npx tsx bench/scale/bare.ts <N> [--preview]` prints one JSON line (see harness.ts).
 * Registers N `azuread.User` children of one ComponentResource exactly as a naive program would.
 */
import { bareDeclare, main } from "./harness";

main("bare", bareDeclare);
