import type { z } from "zod";
import type { GraphSchema, TemporaryAccessPassSchema } from "./graph";
import type { JoinersSchema, LoginPartSchema, LoginSchemaSchema, StackConfig } from "./schema";

/*
 * The config types are what the schemas in ./schema.ts produce (defaults applied, `none` turned into null or
 * ""), so a rule changes in one place.
 */

/** One side of the login name: a Personio attribute key, and `entire` or `first_letter`. */
export type LoginPart = Readonly<z.output<typeof LoginPartSchema>>;

/** How a user principal name is built: beginning, separator ("" for none), end (null for none), domain. */
export type LoginSchema = Readonly<z.output<typeof LoginSchemaSchema>>;

/** When a joiner's account is created (`createDaysBeforeHire`, null: at once) and enabled (`enableFrom`). */
export type JoinersConfig = Readonly<z.output<typeof JoinersSchema>>;

/**
 * What rendering needs of the stack configuration: validated, defaults applied. `joiners` may be left out
 * (tests, benches): created as soon as Personio lists the employee, enabled at once (Personio's behaviour).
 */
export type RenderConfig = Readonly<
  Pick<StackConfig, "loginSchema" | "attributeMapping" | "timezone" | "followRenames"> & {
    joiners?: JoinersConfig;
  }
>;

/** An account already in the tenant, as Graph (or `azuread.getUsers`) lists it. */
export interface ExistingAccount {
  /** Graph object id. */
  readonly id: string;
  readonly userPrincipalName: string;
  readonly mail: string | null;
  readonly employeeId: string | null;
  readonly accountEnabled: boolean | null;
  /**
   * True when on-premises AD masters the account (hybrid): it is never adopted. Null or absent: cloud-only,
   * or not known.
   */
  readonly onPremisesSyncEnabled?: boolean | null;
}

/** The Graph step's settings: session revokes on or off, and the Temporary Access Pass (absent: none). */
export type GraphConfig = Readonly<z.output<typeof GraphSchema>>;

/** How hires get their Temporary Access Pass: sender, fallback recipient, start time, lifetime, lead days. */
export type TemporaryAccessPassConfig = Readonly<z.output<typeof TemporaryAccessPassSchema>>;
