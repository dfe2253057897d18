import type { GraphAction } from "./actions";
import type { GraphRequest } from "./types";

type AccessPassAction = Extract<GraphAction, { kind: "accessPass" }>;

/** What the mail tells the recipient, besides the code: whose account, from when, for how long. */
export interface AccessPassMail {
  readonly action: AccessPassAction;
  /** The new account's user principal name: the manager needs to know whose pass it is. */
  readonly userPrincipalName: string;
  /** The pass itself, as Graph returned it on create; lives only in this request. */
  readonly code: string;
  /** The mailbox it is sent from (`graph.temporaryAccessPass.sender`). */
  readonly sender: string;
}

/**
 * The `sendMail` sub-request that hands a Temporary Access Pass to the manager (or the fallback recipient).
 * The message is not saved to the sender's Sent Items, so the code stays in one mailbox only; its request id
 * is `mail-<objectId>` so the answer finds the pass again.
 */
export function accessPassMailRequest(mail: AccessPassMail): GraphRequest {
  const { action, userPrincipalName, code, sender } = mail;
  const lines = [
    `A Temporary Access Pass was issued for the new account ${userPrincipalName} (Personio employee ${action.employeeId}).`,
    "",
    `Pass: ${code}`,
    `Valid from ${action.startDateTime} (UTC) for ${action.lifetimeInMinutes} minutes, ` +
      `${action.isUsableOnce ? "usable once" : "usable several times within that time"}.`,
    "",
    "Please hand it over in person or over a trusted channel on the first day. With it, the new colleague signs",
    "in at https://aka.ms/mysecurityinfo and sets up their own sign-in methods. If you did not expect this mail,",
    "tell IT and do not pass the code on.",
  ];
  return {
    id: `mail-${action.objectId}`,
    method: "POST",
    url: `/users/${encodeURIComponent(sender)}/sendMail`,
    body: {
      message: {
        subject: `Temporary Access Pass for ${userPrincipalName}`,
        body: { contentType: "Text", content: lines.join("\n") },
        toRecipients: [{ emailAddress: { address: action.recipient } }],
      },
      saveToSentItems: false,
    },
  };
}
