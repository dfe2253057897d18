import { groupUrn, membershipUrn, type UrnScope, userUrn } from "../contract/urns";
import { shardOf, shardStackName } from "../contract/shards";

/** What changing a stack's number of shards moves. */
export interface ShardMoveInput {
  /** The base stack (`prod`) and the project, as in URNs. */
  readonly stack: string;
  readonly project: string;
  /** The number of shards now (`personio-azuread:shards`) and the one wanted; 1 is the base stack itself. */
  readonly from: number;
  readonly to: number;
  /** Every employee with an account the stacks hold, with the object ids of the existing groups they are in. */
  readonly accounts: ReadonlyMap<string, readonly string[]>;
  /** The display names of the groups the stack creates (owned by the base stack, or by shard 0). */
  readonly createdGroups: readonly string[];
}

/** The resources that move from one stack to another: whose, and their URNs in the source stack. */
export interface ShardMove {
  readonly source: string;
  readonly dest: string;
  /** Employee ids whose account moves, in numeric order. */
  readonly employees: readonly string[];
  readonly urns: readonly string[];
}

/** The stack that holds an employee's account with `shards` shards: the base stack itself with 1. */
export function stackOfEmployee(stack: string, shards: number, employeeId: string): string {
  return shards === 1 ? stack : shardStackName(stack, shardOf(employeeId, shards));
}

/**
 * Every move that changing the number of shards needs, one per (source, dest) pair in stack order: each employee
 * whose shard changes takes its account and its memberships of existing groups along; the created groups follow
 * their owner (the base stack with 1 shard, shard 0 otherwise). Nothing is deleted and created again.
 * @example prod 1 → 2: employee 1 (shard 0 of 2) moves `employee-1` from prod to prod-0
 */
export function shardMoves(input: ShardMoveInput): ShardMove[] {
  const pairs = new Map<string, { source: string; dest: string; employees: string[]; urns: string[] }>();
  const pair = (source: string, dest: string) => {
    const key = `${source}\n${dest}`;
    const found = pairs.get(key) ?? { source, dest, employees: [], urns: [] };
    pairs.set(key, found);
    return found;
  };
  const ids = [...input.accounts.keys()].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  for (const id of ids) {
    const source = stackOfEmployee(input.stack, input.from, id);
    const dest = stackOfEmployee(input.stack, input.to, id);
    if (source === dest) continue;
    const move = pair(source, dest);
    const scope: UrnScope = { stack: source, project: input.project };
    move.employees.push(id);
    move.urns.push(userUrn(scope, id));
    for (const group of input.accounts.get(id) ?? []) move.urns.push(membershipUrn(scope, id, group));
  }
  const owner = (shards: number) => (shards === 1 ? input.stack : shardStackName(input.stack, 0));
  if (owner(input.from) !== owner(input.to) && input.createdGroups.length > 0) {
    const move = pair(owner(input.from), owner(input.to));
    const scope: UrnScope = { stack: owner(input.from), project: input.project };
    for (const name of input.createdGroups) move.urns.push(groupUrn(scope, name));
  }
  return [...pairs.values()].sort((a, b) => order(a.source, b.source) || order(a.dest, b.dest));
}

/** Stacks in order: the base stack, then shards by number (`prod-2` before `prod-10`). */
function order(a: string, b: string): number {
  const index = (name: string) => Number(/-(\d+)$/.exec(name)?.[1] ?? -1);
  return index(a) - index(b) || a.localeCompare(b);
}

/** URNs per `pulumi state move` command, so that no command line grows past what a shell accepts. */
export const URNS_PER_COMMAND = 100;

/**
 * The moves as a shell script: `pulumi state move --source <a> --dest <b> --yes '<urn>' …`, at most
 * {@link URNS_PER_COMMAND} URNs each, quoted for the shell. `--include-parents` is deliberately absent: it would
 * move the `Directory` component and with it every account; an account moved alone is re-parented to the
 * destination's root and takes its `Directory` parent again at the next `up`, its URN unchanged.
 */
export function moveScript(moves: readonly ShardMove[], header: readonly string[]): string {
  const lines = ["#!/bin/sh", ...header.map((line) => `# ${line}`), "set -eu"];
  for (const move of moves) {
    for (let at = 0; at < move.urns.length; at += URNS_PER_COMMAND) {
      const urns = move.urns.slice(at, at + URNS_PER_COMMAND).map((urn) => `  ${quote(urn)}`);
      lines.push(`pulumi state move --source ${quote(move.source)} --dest ${quote(move.dest)} --yes \\`);
      lines.push(urns.join(" \\\n"));
    }
  }
  return lines.join("\n");
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
