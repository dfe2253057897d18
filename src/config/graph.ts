import { z } from "zod";
import { isEmailAddress } from "../entra/mail-address";

/** Every message here is the "Allowed: …" half of a config error; the key and value are added by the formatter. */
const allowed = (text: string) => ({ error: text });

const SENDER_ALLOWED = "the user principal name or e-mail address of a mailbox, such as it@contoso.com";
const RECIPIENT_ALLOWED = "an e-mail address such as it@contoso.com";
const TIME_ALLOWED = 'a time of day "HH:MM" from 00:00 to 23:59';
const LIFETIME_ALLOWED = "a whole number of minutes from 10 to 43200";
const DAYS_ALLOWED = "a whole number of days from 0 to 30";

const mailAddress = (text: string) => z.string(allowed(text)).refine(isEmailAddress, allowed(text));

const wholeNumber = (text: string, min: number, max: number) =>
  z.number(allowed(text)).int(allowed(text)).min(min, allowed(text)).max(max, allowed(text));

/**
 * A Temporary Access Pass for each hire, mailed from `sender` to the manager (else `fallbackRecipient`),
 * issued from `daysBeforeHire` days before the hire date and valid from `validFrom` (company time zone) on it.
 * Whether `sender` is a mailbox only the tenant can say; the runner checks it.
 */
export const TemporaryAccessPassSchema = z.strictObject(
  {
    sender: mailAddress(SENDER_ALLOWED),
    fallbackRecipient: mailAddress(RECIPIENT_ALLOWED),
    validFrom: z
      .string(allowed(TIME_ALLOWED))
      .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, allowed(TIME_ALLOWED))
      .default("07:00"),
    lifetimeMinutes: wholeNumber(LIFETIME_ALLOWED, 10, 43_200).default(600),
    usableOnce: z.boolean(allowed("true or false")).default(false),
    daysBeforeHire: wholeNumber(DAYS_ALLOWED, 0, 30).default(1),
  },
  allowed("{ sender, fallbackRecipient, validFrom, lifetimeMinutes, usableOnce, daysBeforeHire }"),
);

/**
 * The Graph step after `up` (opt-in): revoke a leaver's sessions once the account is disabled, and Temporary
 * Access Passes for hires. Extension attributes need no switch: mapping one turns it on.
 */
export const GraphSchema = z
  .strictObject(
    {
      revokeSessions: z.boolean(allowed("true or false")).default(false),
      temporaryAccessPass: TemporaryAccessPassSchema.optional(),
    },
    allowed("{ revokeSessions, temporaryAccessPass }"),
  )
  .default({ revokeSessions: false });
