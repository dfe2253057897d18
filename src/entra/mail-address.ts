const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const EMAIL_MAX_LENGTH = 254;

/**
 * Whether a text has the syntax of an e-mail address (and so of a user principal name): a local part of the
 * usual characters, `@`, a dotted domain; at most 254 characters. Whether a mailbox exists is the tenant's to say.
 * @example isEmailAddress("it@contoso.com") === true; isEmailAddress("it@contoso") === false
 */
export function isEmailAddress(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value);
}
