// The wizard's decisions, pure: which number and caller ID to offer first, whether a number
// needs the user's say-so before it is taken over, what Connect sends. wizard.ts draws them.

import type { AccountOverview, CallerIdChoice, ConnectQuery, NumberChoice, WebhookStatus } from '../../contract';

/** What the user has picked on step 2. */
export interface Choice {
  number: string | null;
  /** null: the number itself. */
  callerId: string | null;
  /** Ticked "take it over" for a number wired elsewhere. */
  takeOver: boolean;
  /** A fixed URL typed in; '' for a tunnel found running. */
  publicUrl: string;
}

/** Step 2 as it opens: the proposed number (the only one, or Dialtone's), its own caller ID. */
export function firstChoice(overview: AccountOverview): Choice {
  return { number: overview.proposed, callerId: null, takeOver: false, publicUrl: '' };
}

export function chosenNumber(overview: AccountOverview, choice: Choice): NumberChoice | null {
  return overview.numbers.find((n) => n.phoneNumber === choice.number) ?? null;
}

/** Where the chosen number sends its calls now, when taking it over needs a yes. */
export function takeOverNeeded(overview: AccountOverview, choice: Choice): string | null {
  const wiring = chosenNumber(overview, choice)?.wiring;
  return wiring?.kind === 'elsewhere' ? wiring.detail : null;
}

/** Picking another number forgets a yes given for the previous one. */
export function pickNumber(choice: Choice, number: string): Choice {
  return number === choice.number ? choice : { ...choice, number, takeOver: false, callerId: null };
}

export function canConnect(overview: AccountOverview, choice: Choice): boolean {
  if (!chosenNumber(overview, choice)) return false;
  return takeOverNeeded(overview, choice) === null || choice.takeOver;
}

/** The caller IDs to offer: the chosen number first, then the account's others, then verified ones. */
export function callerIdOptions(overview: AccountOverview, number: string | null): CallerIdChoice[] {
  const own = overview.callerIds.filter((c) => !c.verified);
  const verified = overview.callerIds.filter((c) => c.verified);
  const first = own.filter((c) => c.phoneNumber === number);
  return [...first, ...own.filter((c) => c.phoneNumber !== number), ...verified];
}

export function connectQuery(accountSid: string, authToken: string, choice: Choice): ConnectQuery {
  const callerId = choice.callerId && choice.callerId !== choice.number ? choice.callerId : null;
  const url = choice.publicUrl.trim();
  return {
    accountSid: accountSid.trim(),
    authToken: authToken.trim(),
    number: choice.number ?? '',
    callerId,
    publicUrl: url === '' ? null : url,
    takeOver: choice.takeOver,
  };
}

/** What step 2 says about where Twilio will call. */
export type PublicUrlNote =
  | { kind: 'tunnel'; tunnel: NonNullable<WebhookStatus['tunnel']> }
  | { kind: 'configured'; url: string }
  | { kind: 'none'; port: string | null };

export function publicUrlNote(listener: WebhookStatus | null): PublicUrlNote {
  const port = listener?.address?.split(':').pop() ?? null;
  if (listener?.publicUrlSource === 'configured' && listener.publicUrl) return { kind: 'configured', url: listener.publicUrl };
  if (listener?.tunnel) return { kind: 'tunnel', tunnel: listener.tunnel };
  if (listener?.publicUrl) return { kind: 'configured', url: listener.publicUrl };
  return { kind: 'none', port };
}
