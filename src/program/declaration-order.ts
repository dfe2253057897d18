import type { DesiredUser } from "../render";

/** Where a user's manager comes from: an account that already exists, or one declared earlier in this run. */
export type ManagerRef =
  | { readonly kind: "existing"; readonly objectId: string }
  | { readonly kind: "declared"; readonly employeeId: string };

/** One user in the order it must be declared, with its manager reference. */
export interface Declaration {
  readonly user: DesiredUser;
  readonly manager: ManagerRef | undefined;
}

/** A manager link dropped because the supervisor chain loops; names only employee ids. */
export interface DroppedManager {
  readonly employeeId: string;
  readonly managerEmployeeId: string;
}

/**
 * Orders users so that a new account's manager, when also new, is declared before it (its object id is only
 * known as an output), and resolves managers that already exist to their object ids (no dependency at all).
 * A loop in Personio's supervisor chain among new accounts cannot be declared; the link of the lowest
 * employee id in the loop is dropped and reported.
 */
export function declarationOrder(users: readonly DesiredUser[]): {
  declarations: Declaration[];
  dropped: DroppedManager[];
} {
  const byId = new Map(users.map((user) => [user.employeeId, user]));
  const refs = new Map<string, ManagerRef | undefined>();
  const waitingOn = new Map<string, string>();
  const reports = new Map<string, string[]>();
  for (const user of users) {
    const ref = managerRef(user, byId);
    refs.set(user.employeeId, ref);
    if (ref?.kind === "declared") {
      waitingOn.set(user.employeeId, ref.employeeId);
      const list = reports.get(ref.employeeId);
      if (list === undefined) reports.set(ref.employeeId, [user.employeeId]);
      else list.push(user.employeeId);
    }
  }

  const declarations: Declaration[] = [];
  const dropped: DroppedManager[] = [];
  const declared = new Set<string>();
  const declare = (id: string): void => {
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (declared.has(next)) continue;
      declared.add(next);
      declarations.push({ user: byId.get(next) as DesiredUser, manager: refs.get(next) });
      for (const report of reports.get(next) ?? []) {
        waitingOn.delete(report);
        stack.push(report);
      }
    }
  };
  for (const user of users) {
    if (!waitingOn.has(user.employeeId)) declare(user.employeeId);
  }
  for (const user of users) {
    if (declared.has(user.employeeId)) continue;
    // Everything left waits, directly or not, on a loop: break the loop at its lowest id.
    const breakAt = lowestInLoop(user.employeeId, waitingOn);
    dropped.push({ employeeId: breakAt, managerEmployeeId: waitingOn.get(breakAt) as string });
    refs.set(breakAt, undefined);
    waitingOn.delete(breakAt);
    declare(breakAt);
  }
  return { declarations, dropped };
}

/** Follows the manager chain from `start` into the loop it must end in; returns the loop's lowest id. */
function lowestInLoop(start: string, waitingOn: ReadonlyMap<string, string>): string {
  const seen = new Set<string>();
  let current = start;
  while (!seen.has(current)) {
    seen.add(current);
    current = waitingOn.get(current) as string;
  }
  let lowest = current;
  for (
    let member = waitingOn.get(current) as string;
    member !== current;
    member = waitingOn.get(member) as string
  ) {
    if (Number(member) < Number(lowest)) lowest = member;
  }
  return lowest;
}

function managerRef(user: DesiredUser, byId: ReadonlyMap<string, DesiredUser>): ManagerRef | undefined {
  if (user.managerObjectId !== undefined) return { kind: "existing", objectId: user.managerObjectId };
  if (user.managerEmployeeId === undefined) return undefined;
  const manager = byId.get(user.managerEmployeeId);
  if (manager === undefined) return undefined;
  if (manager.adoptedObjectId !== undefined) return { kind: "existing", objectId: manager.adoptedObjectId };
  return { kind: "declared", employeeId: manager.employeeId };
}
