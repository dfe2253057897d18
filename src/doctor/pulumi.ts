import type { CheckResult } from "./check";

/**
 * The oldest Pulumi CLI the runner works with: from 3.174 an adoption whose inputs differ is imported and updated
 * in one run (README, `engine/stack-ops` says the same when the CLI is missing).
 */
export const MIN_PULUMI_CLI: readonly [number, number, number] = [3, 174, 0];

const INSTALL =
  "install the Pulumi CLI 3.174 or later (curl -fsSL https://get.pulumi.com | sh, or " +
  "https://www.pulumi.com/docs/install/) and put it on PATH, or pass --pulumi-root DIR holding bin/pulumi.";

/** What running the CLI gave: its output, or why it gave none (absent, failed, past its deadline). */
export type CliAnswer =
  { readonly ok: true; readonly output: string } | { readonly ok: false; readonly why: string };

/**
 * Whether `pulumi version` answered a version at or above {@link MIN_PULUMI_CLI}.
 * @example checkPulumiVersion({ ok: true, output: "v3.190.0\n" }).status === "ok"
 */
export function checkPulumiVersion(answer: CliAnswer): CheckResult {
  const name = "Pulumi CLI";
  if (!answer.ok) return { name, status: "fail", detail: `${answer.why}.`, fix: INSTALL };
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(answer.output.trim());
  if (match === null) {
    return { name, status: "fail", detail: "pulumi version answered no version number.", fix: INSTALL };
  }
  const version = [Number(match[1]), Number(match[2]), Number(match[3])];
  const text = version.join(".");
  const older = compare(version, MIN_PULUMI_CLI) < 0;
  return older
    ? { name, status: "fail", detail: `${text} is older than ${MIN_PULUMI_CLI.join(".")}.`, fix: INSTALL }
    : { name, status: "ok", detail: `${text} (${MIN_PULUMI_CLI.join(".")} or later needed).` };
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * A backend URL without what may identify a person or hold a secret: scheme and host only (Pulumi Cloud's
 * URL ends in the user name, a file backend's path in a home directory, a bucket URL may carry keys).
 * @example backendOrigin("https://app.pulumi.com/jdoe") === "https://app.pulumi.com"
 */
export function backendOrigin(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url.trim());
  if (scheme === null) return "an unrecognised URL";
  const rest = url.trim().slice(scheme[0].length);
  const host = /^(?:[^@/?#]*@)?([^/?#]*)/.exec(rest)?.[1] ?? "";
  return `${scheme[1]?.toLowerCase()}://${host}`;
}

/**
 * Where the engine keeps the stack: the CLI's login as the Automation API uses it — `PULUMI_BACKEND_URL` when
 * set, else what `pulumi whoami -v` reports (its `Backend URL:` line).
 */
export function checkBackend(backendUrl: string | undefined, whoami: CliAnswer): CheckResult {
  const name = "Pulumi backend";
  if (backendUrl !== undefined && backendUrl.trim() !== "") {
    return { name, status: "ok", detail: `${backendOrigin(backendUrl)} (PULUMI_BACKEND_URL).` };
  }
  const line = whoami.ok ? /^Backend URL:\s*(\S+)/m.exec(whoami.output)?.[1] : undefined;
  if (line !== undefined) return { name, status: "ok", detail: `${backendOrigin(line)} (pulumi login).` };
  return {
    name,
    status: "fail",
    detail: `not logged in (${whoami.ok ? "pulumi whoami -v named no backend" : whoami.why}).`,
    fix:
      "pulumi login (Pulumi Cloud, PULUMI_ACCESS_TOKEN in CI), pulumi login --local or pulumi login " +
      "azblob://… / s3://…, or set PULUMI_BACKEND_URL.",
  };
}
