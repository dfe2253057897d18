import type { ExtensionAttributes } from "../graph/types";
import type {
  CapturedMail,
  EmulatedUser,
  GraphAction,
  GraphActionKind,
  GraphCounts,
  TapMethod,
} from "./graph-types";

/** `extensionAttribute1` … `extensionAttribute15`, in Graph's order. */
export const EXTENSION_KEYS = Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`);
const MASK = "[masked]";

type MutableUser = { -readonly [K in keyof EmulatedUser]: EmulatedUser[K] };

/**
 * The emulated tenant and what was done to it: users (in listing order), their passes, captured mail, actions
 * and counts. Tests read it directly; handlers change it only after a request succeeded.
 */
export class GraphState {
  readonly mail: CapturedMail[] = [];
  readonly actions: GraphAction[] = [];
  readonly counts: GraphCounts = {
    revoke: 0,
    tapCreated: 0,
    tapDeleted: 0,
    patch: 0,
    mail: 0,
    batchEnvelopes: 0,
    subRequests: 0,
    writes: 0,
    tokens: 0,
  };
  /** The `roles` claim of the next tokens issued; tokens already issued keep theirs, as Entra's do. */
  roles: readonly string[];
  private readonly byId = new Map<string, MutableUser>();
  private readonly taps = new Map<string, TapMethod[]>();
  /** Every pass code, token and secret the emulator knew: {@link mask} hides them in printed text. */
  private readonly secrets = new Set<string>();

  constructor(users: readonly EmulatedUser[], roles: readonly string[], clientSecret: string) {
    this.roles = roles;
    this.addSecret(clientSecret);
    for (const user of users) {
      if (this.byId.has(user.id)) {
        throw new Error(`Invalid emulator users: id ${user.id} appears twice. Allowed: unique ids.`);
      }
      this.byId.set(user.id, {
        ...user,
        onPremisesExtensionAttributes: allExtensionKeys(user.onPremisesExtensionAttributes),
      });
    }
  }

  /** Every user, in listing order. */
  get users(): readonly EmulatedUser[] {
    return [...this.byId.values()];
  }

  /** The user with this object id or (case-insensitive) user principal name, as `/users/{id | upn}` resolves. */
  user(idOrUpn: string): EmulatedUser | undefined {
    const byId = this.byId.get(idOrUpn);
    if (byId !== undefined) return byId;
    const upn = idOrUpn.toLowerCase();
    return [...this.byId.values()].find((u) => u.userPrincipalName.toLowerCase() === upn);
  }

  /** Changes a user's fields; the id must exist. */
  update(id: string, change: Partial<EmulatedUser>): void {
    const user = this.byId.get(id);
    if (user === undefined) throw new Error(`No emulated user ${id}`);
    Object.assign(user, change);
  }

  /** The user's passes (at most one). */
  tapMethods(userId: string): readonly TapMethod[] {
    return this.taps.get(userId) ?? [];
  }

  setTapMethods(userId: string, methods: readonly TapMethod[]): void {
    this.taps.set(userId, [...methods]);
  }

  /** Records one successful change: its action, its counter and `writes`. */
  record(kind: GraphActionKind, userId: string, at: string): void {
    this.actions.push({ kind, userId, at });
    this.counts[kind]++;
    this.counts.writes++;
  }

  addSecret(secret: string): void {
    if (secret.length > 0) this.secrets.add(secret);
  }

  /** `text` with every pass code, token and client secret the emulator knows replaced by `[masked]`. */
  mask(text: string): string {
    let masked = text;
    for (const secret of this.secrets) masked = masked.split(secret).join(MASK);
    return masked;
  }
}

/** All fifteen keys, null where not set, as Graph lists them; null stays null. */
export function allExtensionKeys(values: ExtensionAttributes | null): ExtensionAttributes | null {
  if (values === null) return null;
  return Object.fromEntries(EXTENSION_KEYS.map((key) => [key, values[key] ?? null]));
}
