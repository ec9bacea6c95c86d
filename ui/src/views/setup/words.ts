// Every word the set-up wizard, the Twilio connection card and the remote checks show, in one
// place, so the translation (issue 13) converts them here and nowhere else. Functions take
// the values they put in a sentence; nothing else in views/setup/ holds user-facing text.

import type { NumberWiring, Tunnel } from '../../contract';

export const words = {
  // The connection card in Settings.
  cardTitle: 'Twilio connection',
  notConnectedIntro:
    'Type your Account SID and Auth Token: Dialtone checks them with Twilio, creates an API key and its own TwiML App, and connects your number. Nothing else to copy.',
  startSetup: 'Set up with your Twilio account',
  setUpAgain: 'Set up again',
  connectedTo: (number: string) => `Connected: calls to ${number} ring here.`,
  connectedParts: (app: string | null, key: string | null) =>
    `TwiML App ${app ?? 'unknown'} · API key ${key ?? 'unknown'}`,
  callerIdLabel: 'Outgoing caller ID',
  callerIdHint: 'The number people see when you call. One of your Twilio numbers or a verified caller ID.',
  callerIdSaved: (number: string) => `Calls now show ${number}.`,
  callerIdFailed: (why: string) => `The caller ID was not changed: ${why}`,
  disconnect: 'Disconnect this number',
  disconnectConfirm: (number: string, restores: string | null) =>
    `Disconnect ${number}? It gets back ${restores ?? 'its old configuration'}, and Dialtone deletes the API key and the TwiML App it made.`,
  disconnectYes: 'Disconnect',
  disconnectNo: 'Keep it',
  disconnecting: 'Disconnecting…',
  disconnected: (done: string[]) => `Disconnected. ${done.join('. ')}.`,
  disconnectFailed: (why: string) => `Not disconnected: ${why}`,
  manualTitle: 'Or enter every value by hand',

  // Step 1: credentials.
  wizardTitle: 'Connect your Twilio account',
  stepCredentials: 'Step 1 of 2 · Your account',
  accountSidLabel: 'Twilio Account SID',
  accountSidHint: 'Twilio Console › Account Info. Starts with AC.',
  authTokenLabel: 'Twilio Auth Token',
  authTokenRequired: 'Required: your Auth Token (Twilio Console › Account Info).',
  authTokenHint: 'Twilio Console › Account Info (click to show it). Also used to check that webhooks come from Twilio.',
  authTokenSaved: 'Saved. Leave empty to use it',
  checkAccount: 'Continue',
  checking: 'Checking with Twilio…',
  cancel: 'Cancel',

  // Step 2: the number.
  stepNumber: 'Step 2 of 2 · Your number',
  accountLine: (name: string | null, trial: boolean) =>
    `${name ?? 'Your account'}${trial ? ' (trial: calls go only to verified numbers)' : ''}`,
  numberLegend: 'Which number should ring here?',
  wiring: (wiring: NumberWiring): string => {
    switch (wiring.kind) {
      case 'free':
        return 'Not configured yet';
      case 'demo':
        return 'Twilio’s demo answer';
      case 'dialtone':
        return 'Already connected to Dialtone';
      case 'elsewhere':
        return `Sends its calls to ${wiring.detail}`;
    }
  },
  takeOver: (number: string, detail: string) =>
    `Take ${number} over. It sends its calls to ${detail} now; Dialtone records that and puts it back when you disconnect.`,
  takeOverNeeded: 'Tick the box to take this number over, or pick another.',
  callerIdVerified: 'verified caller ID',
  callerIdOwn: 'your number',
  publicUrlTitle: 'Where Twilio calls',
  publicUrlTunnel: (tunnel: Tunnel) => `Your ${tunnel.agent} tunnel: ${tunnel.publicBase}. Dialtone follows it when its URL changes.`,
  publicUrlConfigured: (url: string) => `The public URL in Settings: ${url}.`,
  publicUrlNone: (port: string | null) =>
    `No tunnel found. Start one to port ${port ?? '3000'} (ngrok http ${port ?? '3000'}, or cloudflared tunnel --url http://127.0.0.1:${port ?? '3000'}) and Dialtone finds it, or type a fixed https URL below. You can also connect now and start the tunnel later.`,
  publicUrlLabel: 'Public URL (optional)',
  publicUrlHint: 'Only for a fixed address such as your own domain; a tunnel is found by itself.',
  connect: 'Connect',
  connecting: 'Connecting your number…',
  back: 'Back',

  // Done.
  doneTitle: 'Your phone is ready',
  done: (number: string, callerId: string) =>
    number === callerId ? `Calls to ${number} ring here, and your calls show ${number}.` : `Calls to ${number} ring here, and your calls show ${callerId}.`,
  doneVoiceUrl: (url: string | null) =>
    url ? `Twilio calls ${url}.` : 'Twilio gets your public URL as soon as a tunnel runs.',
  doneReplaced: (was: string) => `The number sent its calls to ${was}; Disconnect puts that back.`,
  close: 'Close',

  // The listener card: where Twilio calls, and the remote checks.
  tunnelFound: (tunnel: Tunnel) => `${tunnel.agent} tunnel found: ${tunnel.publicBase}`,
  publicUrlFromTunnel: 'found running',
  publicUrlFromSettings: 'configured',
  twilioNowCalls: (url: string, at: number) => `Twilio now calls ${url}, updated ${time(at)}`,
  repointFailed: (why: string) => `Not updated at Twilio: ${why}`,
  noTunnel: 'No tunnel to the listener is running, and no public URL is configured.',
  wiringTitle: 'Wiring at Twilio',
  checkWiring: 'Check with Twilio',
  checkingWiring: 'Asking Twilio…',
  wiringOk: (at: number) => `All wired, checked ${time(at)}.`,
  wiringFailed: (at: number) => `Something is not wired, checked ${time(at)}:`,
  wiringUnreadable: (why: string) => `Could not check: ${why}`,
  fixIt: 'Fix it',
  fixing: 'Fixing…',
  fixConfirm: (why: string) => `${why} Take it over?`,
  fixTakeOver: 'Take it over',
  fixFailed: (why: string) => `Not fixed: ${why}`,
} as const;

/** A time of day the way the user's locale writes it, e.g. 12:03. */
export function time(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
