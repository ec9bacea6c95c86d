# Dialtone's words in English. The UI (ui/src/i18n/i18n.ts) and Rust (src-tauri/i18n.rs) read
# this file; ja.ftl has the same ids with the same variables. Call sites use literal ids, so
# `grep -r "'id'"` finds them; tests/i18n_catalog.rs checks both files against each other and
# against the sources. Twilio Console menu names stay in English in every language: Twilio's
# console is in English.

## Shared

# Text that is not a message of ours (the SDK's own words, a message from Rust).
plain-text = { $text }

## Twilio errors: the value is the title; .what says what happened, .fix what to do.

twilio-mic-denied = Microphone blocked
    .what = Dialtone was not allowed to use the microphone, so the call could not start.
    .fix = Allow microphone access for Dialtone (macOS: System Settings › Privacy & Security › Microphone; Windows: Settings › Privacy & security › Microphone, “Let desktop apps access your microphone”), then call again.
twilio-mic-failed = Microphone unavailable
    .what = Microphone access is allowed, but no microphone could be opened: none is connected, or another app is using it.
    .fix = Plug in a microphone or headset, close other apps that use it (video calls, recorders), check the input device in your system sound settings, then call again.
twilio-token-invalid = Access token rejected
    .what = Twilio could not validate the access token Dialtone made: the API key, its secret or the Account SID do not match.
    .fix = In Settings, check the Account SID, API Key SID and API Key Secret (the key must belong to that account), then save.
twilio-not-found = Number not found
    .what = The number you called does not exist or cannot be reached.
    .fix = Check the number and its country code, then call again.
twilio-unavailable = Not available
    .what = The person you called is temporarily unavailable.
    .fix = Try again later.
twilio-busy = Busy
    .what = The line you called is busy.
    .fix = Try again in a few minutes.
twilio-decline = Call declined
    .what = The person you called declined the call.
    .fix = Try again later, or send them a message first.
twilio-token-expired = Access token expired
    .what = The access token expired (or its expiry is more than 24 hours away, which Twilio refuses).
    .fix = Dialtone fetches a new token by itself. If this keeps happening, check that the computer’s clock and time zone are right.
twilio-auth-failed = Sign-in to Twilio failed
    .what = Twilio did not accept the credentials in the access token.
    .fix = In Settings, check the Account SID, API Key SID and API Key Secret, then save.
twilio-unknown = Unknown Twilio error
    .what = Twilio reported an error without details.
    .fix = Try again. If it repeats, check the Twilio Console’s Debugger for this call.
twilio-connection-declined = Call declined
    .what = The call was declined.
    .fix = Try again later.
twilio-timeout = Twilio did not answer
    .what = Twilio’s servers did not answer in time.
    .fix = Check your internet connection and try again.
twilio-connection-error = Connection to Twilio failed
    .what = The connection to Twilio broke off: the network dropped (Dialtone reconnects by itself), or, when a call fails as it starts, your webhook answered with an error or with TwiML Twilio could not use.
    .fix = In Settings, check that the listener is running, your tunnel is up, and the TwiML App’s Voice Request URL is exactly the one shown there. The Twilio Console’s Debugger shows what the webhook answered.
twilio-old-sdk = Old Twilio SDK
    .what = This version of the Twilio Voice SDK has been shut down.
    .fix = Update Dialtone.
twilio-call-cancelled = Caller already hung up
    .what = You answered after the caller had hung up.
    .fix = Call them back from the keypad.
twilio-transport = Offline
    .what = The link to Twilio is down, so calls can’t come in or go out.
    .fix = Check your internet connection. Dialtone reconnects by itself when the network is back.
twilio-invalid-identity = Invalid client identity
    .what = The client identity has characters Twilio does not allow, or is longer than 121 characters.
    .fix = In Settings, set the client identity to letters, digits and underscores only (or leave it empty for the default).
twilio-token-signature = Access token signature invalid
    .what = The access token was signed with the wrong API key secret.
    .fix = In Settings, enter the API Key Secret that belongs to the API Key SID, then save.
twilio-no-account = No valid Twilio account
    .what = Twilio found no active account for these credentials.
    .fix = Check the Account SID in Settings, and that the account is active in the Twilio Console.
twilio-jwt-expired = Access token expired
    .what = The access token expired.
    .fix = Dialtone fetches a new token by itself. If this keeps happening, check the computer’s clock.
twilio-token-too-long = Access token lives too long
    .what = The access token’s lifetime is over Twilio’s 24-hour maximum.
    .fix = Update Dialtone; if it persists, report it.
twilio-unreachable = Can’t reach Twilio
    .what = Dialtone cannot reach Twilio’s servers (network down, or a firewall, proxy or VPN in the way).
    .fix = Check your internet connection, and that secure WebSockets to *.twilio.com are allowed. Dialtone keeps retrying.
twilio-dropped = Connection to Twilio dropped
    .what = The link to Twilio’s servers dropped unexpectedly.
    .fix = Dialtone reconnects by itself; check your internet connection if it doesn’t.
twilio-media = Audio connection failed
    .what = The call’s audio could not get through, or it was cut off and did not come back within 30 seconds (the media connection failed).
    .fix = Check your network: a weak Wi-Fi signal, a VPN or a firewall blocking UDP traffic are the usual causes. Try a wired connection or another network, or allow UDP to Twilio (ports 10000–60000).
# A code we have no words for: the SDK's message is shown as what happened.
twilio-error-code = Twilio error { $code }
    .fix = Look up error { $code } at twilio.com/docs/api/errors, or check the Twilio Console’s Debugger.
twilio-error-generic = Error
    .fix = Try again. If it repeats, restart Dialtone.
twilio-no-message = Twilio reported an error without a message.

## The device log's own lines

# An SDK error in the log: "Microphone blocked (31401). Dialtone was not allowed…".
log-error = { $title } ({ $code }). { $what }
log-error-no-code = { $title }. { $what }
log-error-prefixed = { $prefix }: { $title } ({ $code }). { $what }
log-error-prefixed-no-code = { $prefix }: { $title }. { $what }
log-calling = Calling { $number }…
log-call-not-started = The call could not start
log-call-ended = Call ended.
log-second-call-rejected = Rejected a second incoming call from { $number }: already on a call.
log-incoming = Incoming call from { $number }.
log-answering = Answering…
log-declined = Declined the call from { $number }.
log-cancelled = Call cancelled.
log-ended-after-error = Call ended after an error.
log-tone-failed = Could not send the tone
log-ringing = Ringing…
log-connected = Call connected.
log-remote-hung-up = The other side hung up. Call ended.
log-missed = Missed call from { $number }: the caller hung up before you answered.
log-missed-unknown = Missed call: the caller hung up before you answered.
log-call-declined = Call declined.
log-audio-back = Reconnected: the call goes on.
log-reconnecting-audio = The call’s audio dropped (network trouble); reconnecting…
log-reconnecting-signaling = The connection to Twilio dropped during the call; reconnecting… The audio may go on meanwhile.
log-call-lost = Call ended: the connection to Twilio could not be restored.

## The status bar: registration states

status-starting = Starting
status-starting-detail = Getting ready…
status-getting-token = Getting an access token…
status-registering = Registering
status-registering-detail = Connecting to Twilio…
status-unsupported = Calls unavailable
status-unsupported-detail = This window can’t carry calls: the system web view has no WebRTC.
status-ready = Ready
status-ready-identity = Calls to “{ $identity }” ring here.
status-ready-number = Calls to { $number } ring here.
status-ready-detail = Ready for calls.
status-offline = Offline
status-offline-reconnecting = Reconnecting to Twilio…
status-offline-lost-twilio = Lost the connection to Twilio; reconnecting…
status-offline-computer = Your computer is offline. Calls will work again when the network is back.
status-error = Error
status-token-expired = Token expired
status-token-expired-detail = The access token expired and could not be renewed: { $message }
status-window-closed = Window closed
status-window-replaced = A newer calling window took over, or Dialtone restarted.
status-open-settings = Open settings
status-retry = Retry now
# Read out before the detail by screen readers: "Offline: Reconnecting to Twilio…".
status-spoken = { $title }:{" "}
log-no-webrtc = This web view has no WebRTC, so it cannot place or receive calls.
log-settings-after-call = New settings will apply when this call ends.
log-retiring-after-call = This window takes no new calls; the current call goes on until you hang up.
log-retired = This window no longer places or takes calls.
log-requesting-token = Requesting an access token…
log-got-token = Got a token for “{ $identity }”.
log-phone-not-started = The phone could not start
log-registered = Ready: registered with Twilio.
log-network-back = The network is back.
log-computer-offline = The computer went offline.
# Why the token is renewed; shown inside log-token-renewing and log-token-renew-deferred.
token-why-after-call = Renewing the access token after the call
token-why-expiring = The access token is about to expire
token-why-twilio-expired = Twilio says the access token expired
token-why-expired-offline = The access token expired while offline
token-why-expired-asleep = The access token expired while the computer slept
log-token-renew-deferred = { $why }; it will be renewed when this call ends.
log-token-renewing = { $why }; renewing it…
log-token-renewed = Access token renewed.
log-token-renew-failed = Could not renew the access token: { $message }
    .fix = Check your Twilio details in Settings.
log-asked-answer-no-call = Asked to answer, but no call is ringing.
log-asked-hang-up-no-call = Asked to hang up, but there is no call.
log-asked-mute-no-call = Asked to mute, but there is no call in progress.
log-handed-in-during-call = Another program asked to call { $number }; finish this call first, then dial it.
log-handed-in = Another program handed over { $number }: press Call to dial it.
log-cant-follow-window = Can’t follow the calling window: { $message }
log-cant-follow-commands = Can’t follow the app’s phone commands: { $message }
log-cant-follow-webhook = Can’t follow the webhook listener: { $message }
log-cant-follow-journal = Can’t follow changes to the call history: { $message }
log-what-to-do = What to do:{" "}
log-title = Device log

## The dial pad

dial-blocked = Can’t call yet: { $reason }
dial-blocked-not-connected = the phone is not connected yet.

## A failed token request (the message comes from Rust, in the same language)

token-fix-settings = Open Settings and complete your Twilio details.
token-fix-settings-elsewhere = Complete your Twilio details in the Dialtone app window, then come back here.
token-setup-needed = Setup needed
token-no-token-detail = Could not get an access token: { $message }.
token-no-token-log = Could not get an access token: { $message }
token-keychain-locked = Keychain locked
token-keychain-detail = The system keychain is locked or unreachable: { $message }.
token-keychain-log = Could not read the credentials from the system keychain: { $message }
token-keychain-fix = Unlock the keychain as the message says, then retry (closing Settings retries too).
token-settings-unreadable = Settings unreadable
token-settings-detail = { $message }.
token-settings-log = Could not read the settings: { $message }
token-settings-fix = Fix or remove the file the message names, then retry.
token-none = No access token
token-create-failed-detail = Could not create an access token: { $message }.
token-create-failed-log = Could not create an access token: { $message }
token-create-failed-fix = Check the Account SID, API Key SID and API Key Secret in Settings.
token-unreachable = Can’t reach Dialtone
token-unreachable-fix = Check that Dialtone is running, then retry.
token-session-lost = Session lost
token-session-lost-fix = In the Dialtone app window choose “Reopen calling window”; this window can then be closed.
token-refused = Refused
token-refused-detail = Dialtone refused this window: { $message }.
token-refused-log = Dialtone refused the token request: { $message }
token-refused-fix = Open the calling window from the Dialtone app, not from a bookmark or another address.
token-waiting = Waiting
token-waiting-detail = Too many token requests; trying again in { $seconds } s.
token-waiting-log = Dialtone asked to wait before the next token request: { $message }
token-waiting-fix = The phone tries again by itself in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }.
token-other-fix = Retry; if it keeps failing, check Settings.
# The calling window's session is gone (HTTP 401): only the app can open a new one.
session-lost = This calling window lost its session: choose Reopen calling window in Dialtone.

## Talking to the Rust side (lowercase: placed inside other sentences)

ipc-unexpected-answer = the app did not answer as expected
ipc-unreachable = cannot reach Dialtone: is the app still running?
ipc-http-status = Dialtone answered HTTP { $status }
ipc-rate-limited = too many requests; wait a few seconds

## The calling window as the app window sees it (Linux)

cw-status-setup-needed = Fill in your Twilio details in Settings; the calling window opens once they are saved.
cw-status-opening = Opening the calling window…
cw-status-closed = Calling window closed
cw-status-closed-detail = Calls happen in the calling window, which is not open. Reopen it to make and take calls.
cw-status-registering = The calling window is connecting to Twilio…
cw-status-ready = Calls ring in the calling window.
cw-status-offline = The calling window lost its connection to Twilio; it is reconnecting.
cw-status-error = The calling window could not register with Twilio.
cw-status-unsupported = The browser of the calling window has no WebRTC; install Chromium or Firefox.

## Numbers as typed (ui/src/phone/number.ts)

number-empty = Enter a number to call.
number-letters = A phone number can’t contain letters (found “{ $letters }”). Type the digits instead.
number-tone-digits = * and # can only be sent as tones once a call is connected. Remove them to call the number.
number-bad-character = “{ $character }” can’t be part of a phone number. Use digits, with + in front for the country code.
number-plus-inside = The + goes only at the start, before the country code.
number-needs-country = Add the country code: start with + (e.g. +1 for the US, +44 for the UK). With your Twilio number set in Settings, national numbers work too.
number-after-plus = Enter the country code and number after the +.
number-code-zero = A country code never starts with 0. After the + type the country code, e.g. +44 for the UK.
number-code-incomplete = Keep typing: the country code is not complete yet.
number-code-unknown = No country uses the calling code at the start of { $start }…. Check the country code after the +.
# $scope: home (the Twilio number's country), code (another country), unknown. $abroad: yes
# when national numbers are read against the Twilio number's country.
number-too-long = { $scope ->
        [home] Too long for a { $code } (your Twilio number’s country) number.
        [code] Too long for a { $code } number.
       *[unknown] Too long for a number of this country.
    }{ $abroad ->
        [yes] {" "}For other countries start with +.
       *[no] {""}
    }
number-too-short = { $scope ->
        [home] Too short for a { $code } (your Twilio number’s country) number.
        [code] Too short for a { $code } number.
       *[unknown] Too short for a number of this country.
    }{ $abroad ->
        [yes] {" "}For other countries start with +.
       *[no] {""}
    }
number-invalid-length = { $scope ->
        [home] No { $code } (your Twilio number’s country) number has that many digits.
        [code] No { $code } number has that many digits.
       *[unknown] No number of this country has that many digits.
    } Check for a missing or extra digit.{ $abroad ->
        [yes] {" "}For other countries start with +.
       *[no] {""}
    }
party-unknown = Unknown caller
party-app-user = { $name } (app user)
party-withheld = Withheld number

## The window

app-settings-button =
    .aria-label = Settings
unsupported-title = This window can’t make calls
unsupported-why = Calls need WebRTC, and this system’s web view (WebKitGTK, as shipped by most Linux distributions) doesn’t include it.
unsupported-what-to-do = What to do
unsupported-step-settings = Set up your Twilio details in Settings here; they are kept for the calling window.
unsupported-step-browser = Make and take calls from Dialtone’s calling window in a browser with WebRTC: Chromium, Chrome, Edge, Brave or Firefox.
unsupported-step-other-systems = On Windows and macOS this window makes calls itself.
incoming-title = Incoming call
incoming-accept = Accept
incoming-decline = Decline
keypad-star =
    .aria-label = Star
keypad-pound =
    .aria-label = Pound
dial-section =
    .aria-label = Dial pad
dial-input =
    .placeholder = Enter a number
dial-input-label = Number to call
dial-call-button =
    .aria-label = Call
dial-backspace =
    .aria-label = Delete last digit
dial-plus =
    .aria-label = Plus (country code)
dial-keys =
    .aria-label = Dial pad keys
# Under the number as typed: what will be dialled, in international form.
dial-will-call = Calls { $number }

## A call

call-duration =
    .aria-label = Call duration
call-muted-badge = Your microphone is muted
call-tones-sent =
    .aria-label = Tones sent
call-keypad-tones =
    .aria-label = Keypad tones
call-mute = Mute
call-muted = Muted
call-keypad = Keypad
call-hang-up =
    .aria-label = Hang up
call-calling = Calling…
call-ringing = Ringing…
call-connecting = Connecting…
call-reconnecting = Reconnecting…
call-connected = Connected

## The calling window panel (the app window on Linux)

cw-title = Calling window
cw-why = This window can’t carry calls (its web view has no WebRTC), so calls happen in a browser window Dialtone opens for you. Settings stay here.
cw-reopen = Reopen calling window
cw-opening = Opening…
cw-not-open = Not open
cw-open = Open
cw-open-in = Open in { $browser }
cw-opens-in = Dialtone opens it in { $browser }.
cw-in-call = In call
cw-call-from = Call from
cw-call-to = Call to
cw-outgoing = Outgoing call
cw-ringing-text = Incoming call from { $caller } — answer in the calling window.

## Settings: inline validation (ui/src/settings/fields.ts). $where is a Twilio Console page.

valid-sid-prefix = Starts with { $prefix }, followed by 32 hex digits ({ $where }).
valid-sid-hex = { $prefix } must be followed by exactly 32 hex digits (0-9, a-f); this has { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }{ $nonhex ->
        [yes] , some not hex
       *[no] {""}
    }.
valid-url-parse = Enter the full https address your tunnel gives, ending in /handle_calls, e.g. https://abc123.ngrok.app/handle_calls.
valid-url-https = Must start with https:// (Twilio signs and sends webhooks over https).
valid-url-path = Must end in /handle_calls, the path Dialtone answers on.
valid-url-query = Leave out any ?query or #fragment.
valid-url-user = Leave out any user name or password.
valid-url-exact = Write it exactly as { $url } (lowercase host, no extra characters).
valid-number-country = Start with + and the country code, e.g. +15551234567.
valid-countries-comma = Separate the entries with single commas, e.g. 1,44.
valid-countries-code = No country uses the calling code { $entry }. Use codes such as 1, 44 or 39.
valid-countries-region = “{ $entry }” is neither a calling code nor a two-letter country code (such as PR, JM or JE).
valid-numbers-comma = Separate the numbers with single commas.
valid-numbers-entry = “{ $entry }”: { $problem }
valid-required-account-sid = Required: your Account SID (Twilio Console › Account Info).
valid-required-api-key-sid = Required: an API Key SID (Twilio Console › API keys & tokens).
valid-required-twiml-app-sid = Required: the TwiML App SID (Twilio Console › Voice › TwiML Apps).
valid-required-number = Required: your Twilio phone number, e.g. +15551234567.
valid-auth-token = The Auth Token is 32 hex digits (0-9, a-f); this has { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }.
valid-api-key-secret = The API Key Secret has no spaces; paste it again.
valid-identity-length = At most 121 characters (this has { $count }).
valid-identity-characters = Only letters, digits and underscores (Twilio rejects anything else, including + and spaces).
valid-port = A port is a whole number from 1 to 65535.
valid-call-seconds = Whole seconds from 1 to { $max } (4 hours, Twilio’s limit), e.g. 3600 for one hour.
valid-language = Choose auto, en or ja.
valid-switch = Either on or off.
valid-shortcut-shape = Write it as modifiers and one key joined by +, e.g. Ctrl+Alt+A.
valid-shortcut-key-last = End with the key itself, e.g. Ctrl+Alt+A.
valid-shortcut-one-key = Only one key, after the modifiers (Ctrl, Alt, Shift, Super), e.g. Ctrl+Alt+A.
valid-shortcut-modifier = Add Ctrl, Alt or Super: a plain key would be taken from every other program (a function key such as F9 may stand alone).
valid-greeting-length = At most 500 characters (this has { $count }).
valid-seconds-range = A whole number of seconds from { $min } to { $max }.

## Settings: fields (labels are Rust's too), hints and sections

field-account-sid = Account SID
field-auth-token = Auth Token
field-api-key-sid = API Key SID
field-api-key-secret = API Key Secret
field-twiml-app-sid = TwiML App SID
field-twilio-number = Twilio number
field-identity = Client identity
field-public-url = Public webhook URL
field-port = Listener port
field-allowed-country-codes = Allowed countries
field-allowed-numbers = Allowed numbers
field-max-call-seconds = Maximum call length
field-voicemail = Voicemail
field-voicemail-greeting = Voicemail greeting
field-voicemail-max-secs = Longest voicemail (seconds)
field-ring-secs = Ring time (seconds)
field-do-not-disturb = Do not disturb
field-call-at-once = Call at once when another program hands me a number
field-launch-at-login = Launch at login
field-close-to-tray = Keep running in the tray when the window is closed
field-shortcut-answer = Shortcut: answer
field-shortcut-hang-up = Shortcut: hang up
field-shortcut-mute = Shortcut: mute
field-language = Language
hint-account-sid = Twilio Console › Account Info. Starts with AC.
hint-auth-token = Twilio Console › Account Info. Used to check that webhooks really come from Twilio.
hint-api-key-sid = Twilio Console › API keys & tokens. Starts with SK.
hint-api-key-secret = Shown once when the API key was created.
hint-twiml-app-sid = Twilio Console › Voice › TwiML Apps. Starts with AP.
hint-twilio-number = The number calls come from and ring to, e.g. +15551234567.
hint-identity = The name this phone registers as. Leave empty for the default.
hint-public-url = Your tunnel’s https address plus /handle_calls (ngrok, cloudflared…).
hint-port = The local port the tunnel forwards to. Default 3000.
hint-allowed-country-codes = Outgoing calls only go to these countries: calling codes, or two-letter codes for places that share one (1 means the US and Canada; add PR, JM… for other +1 countries). Default: your number’s own.
hint-allowed-numbers = Exact numbers called even where their country or kind is refused (premium rate, shared cost, personal numbers), e.g. +447012345678. Separate with commas.
hint-max-call-seconds = Calls are cut off after this many seconds, both ways. Default 14400 (4 hours).
hint-voicemail = Unanswered calls go to voicemail. Default: on.
hint-voicemail-greeting = Spoken to callers before the tone (unless you set a recorded greeting).
hint-voicemail-max-secs = The longest message a caller may leave. Default: 120.
hint-ring-secs = How long a call rings before voicemail. Default: 30.
hint-do-not-disturb = Calls go straight to voicemail without ringing.
hint-call-at-once = For tel: links and dialtone call. Off: the number waits in the dial pad for you to press Call.
hint-launch-at-login = Start Dialtone when you log in to this computer.
hint-close-to-tray = Closing the window hides Dialtone in the tray, where calls still ring. Only where the desktop shows a tray; elsewhere closing quits.
hint-shortcut-answer = Answers a ringing call from any program, e.g. Ctrl+Alt+A. Empty: none. X11 only: Wayland does not let apps take global shortcuts.
hint-shortcut-hang-up = Ends the call, or declines a ringing one, e.g. Ctrl+Alt+H. Empty: none. X11 only.
hint-shortcut-mute = Mutes or unmutes the call, e.g. Ctrl+Alt+M. Empty: none. X11 only.
hint-language = The language of Dialtone’s windows. System follows your computer’s language.
section-twilio-account = Twilio account
section-your-phone = Your phone
section-webhook = Webhook
section-voicemail = Voicemail
section-desktop = Desktop
section-language = Language
# Where a value comes from (the badge next to each label).
source-environment = From environment
source-dotenv = From .env file
source-keychain = In keychain
source-settings-file = Saved
source-default = Default
source-unset = Not set
# A secret that is set: "Set · In keychain". $source is the source's name in the settings.
source-secret-set = { $source ->
        [environment] Set · From environment
        [keychain] Set · In keychain
        [settings-file] Set · Saved
        [dotenv] Set · From .env file
       *[other] Set
    }
placeholder-secret-set =
    .placeholder = Set. Type a new value to replace it
placeholder-secret-set-read-only =
    .placeholder = Set
placeholder-unset =
    .placeholder = Not set
placeholder-identity =
    .placeholder = Derived from your number
placeholder-identity-default =
    .placeholder = Default: { $identity }
hint-from-environment = {" "}Set by an environment variable, which wins over saved values.
hint-from-dotenv = {" "}Read from a .env file in the folder `dialtone phone` was started from, which wins over saved values.

## Settings: the panel

settings-title = Settings
settings-back =
    .aria-label = Back to the phone
settings-save = Save
settings-unsaved = Your changes are not saved yet.
settings-unreadable = Could not read the settings: { $message }
settings-read-only = Change settings in the Dialtone app window; this calling window only shows them.
settings-no-keychain = The system keychain is not available. Credentials cannot be saved; set them as environment variables or in a .env file instead.
settings-no-keychain-because = The system keychain is not available ({ $message }). Credentials cannot be saved; set them as environment variables or in a .env file instead.
settings-fill-in = Fill in your Twilio details to start using the phone.
settings-fix-marked = Fix the marked fields, then save.
settings-nothing-changed = Nothing changed.
settings-saving = Saving…
settings-saved-complete = { $keychain ->
        [yes] Saved. Credentials are in your system keychain. The phone is reconnecting.
       *[no] Saved. The phone is reconnecting.
    }
settings-saved-incomplete = { $keychain ->
        [yes] Saved. Credentials are in your system keychain. Some details are still missing.
       *[no] Saved. Some details are still missing.
    }
settings-not-saved = Not saved: { $message }
settings-language-saved = Language saved.
hint-language-environment = Set by DIALTONE_LANGUAGE in the environment, which wins over this choice.
# The language menu: System follows the computer; each language is named in itself.
language-auto = System
language-en = English
language-ja = 日本語

## Settings: the .env import

import-title = Import a .env file
import-hint = Reads the tutorial’s variables (TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWIML_APP_SID, TWILIO_NUMBER …) and saves them like the form does.
import-choose-file = Choose a file
import-paste = Or paste its contents
import-pasted = Import pasted text
import-empty = The .env text is empty.
import-done = Imported { $count ->
        [one] { $count } setting
       *[other] { $count } settings
    }: { $names }.
import-nothing = No Dialtone settings found in that text.
import-failed = Not imported: { $message }

## Settings: the webhook listener card. $menu, $field and $choice are Twilio Console names.

webhook-title = Local listener
webhook-refresh =
    .aria-label = Refresh listener state
webhook-no-url = Save your public URL above to get the exact address to paste.
webhook-voice-url = Voice Request URL
webhook-url-code =
    .aria-label = Voice Request URL
webhook-step-app = { $app ->
        [none] In the Twilio Console open { $menu } › your app. Paste the URL above into { $field }, method HTTP POST, and save.
       *[other] In the Twilio Console open { $menu } › { $app }. Paste the URL above into { $field }, method HTTP POST, and save.
    }
webhook-step-number = { $number ->
        [none] Open { $menu } › your number. Under Voice Configuration choose { $choice }, pick the same app, and save.
       *[other] Open { $menu } › { $number }. Under Voice Configuration choose { $choice }, pick the same app, and save.
    }
webhook-copy = Copy
webhook-copied = Copied
webhook-press-ctrl-c = Press Ctrl+C
webhook-copied-spoken = Voice Request URL copied.
webhook-copy-failed = Copying failed; the URL is selected, press Ctrl+C.
webhook-state-unreadable = Can’t read the listener state: { $message }
webhook-state-unknown = Listener state unknown.
webhook-listening = Listening on { $address }
webhook-listening-unknown = Listening on an unknown address
webhook-starting = Starting…
webhook-failed = Not running: { $message }
webhook-failed-unknown = Not running: it failed to start
webhook-stopped = Stopped
webhook-last = Last webhook: { $time } · HTTP { $status } · { $outcome }
webhook-none-yet = No webhook from Twilio received yet.

## Rust: the calling window's own pages (src-tauri/calling_window)

launch-opening = Opening the phone…
launch-used = This link was already used. Choose “Reopen calling window” in Dialtone for a new one.
refusal-no-session = This phone page opens from the Dialtone app: choose “Reopen calling window” there.
refusal-forbidden = Forbidden.
refusal-rate-limited = Too many token requests; wait a few seconds.
page-not-found = Not found.

## Rust: errors the UI shows (src-tauri/i18n/errors.rs). Lowercase: the UI places them in
## its own sentences. The English must stay the errors' Display, word for word (a test checks).

error-joined = { $first }; { $second }
error-name-list = { $first }, { $second }
error-missing-name = { $label } ({ $variable })
error-missing-settings = missing settings: { $names }. Set them in the Settings panel, with `dialtone config set FIELD`, or in the environment
error-invalid-value = { $label } ({ $name }) is not valid: expected { $shape }
error-keychain-unavailable = the system keychain could not be reached ({ $detail }). Dialtone keeps your Twilio credentials only in the keychain, never in a plain file. { $fix }
keychain-fix-linux = Start a Secret Service provider and unlock it (GNOME Keyring, KWallet or KeePassXC with Secret Service enabled), make sure DBUS_SESSION_BUS_ADDRESS is set in this session, then try again. Environment variables such as TWILIO_ACCOUNT_SID still work without a keychain.
keychain-fix-macos = Unlock your login keychain in Keychain Access, then try again. Environment variables such as TWILIO_ACCOUNT_SID still work without a keychain.
keychain-fix-windows = Make sure Windows Credential Manager is available for your user, then try again. Environment variables such as TWILIO_ACCOUNT_SID still work without a keychain.
# $action: open, read, save or delete.
error-keychain-refused = the keychain refused to { $action ->
        [read] read
        [save] save
        [delete] delete
       *[open] open
    } { $field }: { $detail }
error-keychain-with-missing = { $keychain } ({ $missing })
error-settings-corrupt = the settings file { $path } is not valid JSON ({ $detail }); fix it or delete it to start over
error-settings-io = could not { $action ->
        [read] read
        [write] write
        [replace] replace
        [create-folder] create the folder of
       *[other] use
    } the settings file { $path }: { $detail }
error-no-config-dir = no settings directory could be found: set DIALTONE_CONFIG_DIR to a writable folder
error-token-ttl = a token lifetime of { $ttl } s is not allowed: choose { $min } to { $max } seconds (Twilio refuses more than 24 hours)
error-token-clock = the clock reads before 1970; set the system clock
error-token-signing = signing the token failed: { $detail }
error-dotenv-invalid = the file is not a valid .env file: { $detail }
error-dotenv-line = a line cannot be read (near character { $index }): write each setting as NAME=value, and quote values that contain spaces
error-dotenv-other = it is not a valid .env file
error-dotenv-none = the file holds none of Dialtone's settings (TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, …)
error-internal = the request failed: { $detail }
error-port-in-use = port { $port } is already in use by another program. Pick another port: `dialtone serve --port { $next }`, DIALTONE_PORT={ $next }, or the Listener port field in Settings (and point your tunnel at it)
error-port-privileged = port { $port } cannot be opened without administrator rights; choose a port from 1024 to 65535
error-port-bind = could not listen on 127.0.0.1:{ $port }: { $detail }

## Rust: Twilio's REST API (src-tauri/twilio/error.rs). $words is Twilio's own code, message
## and link, shown as Twilio wrote them; $request is the method and path that failed.

rest-unreachable = could not reach Twilio at { $host }: { $reason }. Check the internet connection{ $elsewhere ->
        [yes] { " " }and DIALTONE_TWILIO_API_BASE, which points Dialtone elsewhere than api.twilio.com
       *[no] {""}
    }
rest-timeout = Twilio at { $host } did not answer { $what } within { $seconds } s. Try again; if it keeps happening, check the connection or https://status.twilio.com
rest-bad-response = Twilio's answer to { $what } could not be read ({ $reason }); this is a bug in Dialtone or a change at Twilio
rest-invalid-sid = { $what } { $value } is not a Twilio SID: it is { $prefix } followed by 32 hexadecimal digits
rest-base-url = the Twilio API base URL { $url } cannot be used: { $reason }
rest-base-url-not-a-url = it is not a URL; use https://api.twilio.com
rest-base-url-plain-http = plain http is only allowed to this machine (127.0.0.1); use https
rest-base-url-not-https = it must start with https://
rest-base-url-credentials = credentials do not belong in the URL
rest-client-setup = the HTTP client could not be set up: { $detail }
rest-api-credentials = Twilio refused the credentials ({ $words }). Check the Account SID and Auth Token (or the API key SID and secret) in Settings; a Standard API key cannot read the account or manage keys
rest-api-not-found = Twilio has nothing at { $request } ({ $words }). The SID is wrong or it was deleted: check it in the Twilio Console
# $tries: how many times the request was sent. $wait: Twilio's Retry-After in seconds, 0 when none.
rest-api-rate-limited = Twilio is limiting how fast this account may send requests{ $tries ->
        [0] {""}
        [1] {""}
       *[other] { " " }(tried { $tries } times)
    }.{ $wait ->
        [0] {""}
       *[other] { " " }Twilio asked to wait { $wait } s.
    } Wait a minute and try again
rest-api-app-sid = Twilio rejected the TwiML App SID ({ $words }). Use a TwiML App of this account: Console › Voice › TwiML Apps
rest-api-url = Twilio rejected a URL ({ $words }). Use a full https:// URL that Twilio can reach, such as the tunnel's URL plus /handle_calls
rest-api-method = Twilio rejected an HTTP method ({ $words }). Use GET or POST
rest-api-too-many-apps = this account already has Twilio's maximum of 1000 TwiML Apps ({ $words }). Delete unused ones in Console › Voice › TwiML Apps
rest-api-down = Twilio's API is not working right now{ $tries ->
        [0] {""}
        [1] {""}
       *[other] { " " }(tried { $tries } times)
    } ({ $words }). Try again later; https://status.twilio.com says when it is back
rest-api-refused = Twilio refused { $request } with HTTP { $status }: { $words }

## Rust: set-up's errors and what it put back (src-tauri/setup/). The English is also what the
## command line prints.

sentence-then = { $first } { $second }
setup-step-check-account = check the Account SID and Auth Token
setup-step-list-numbers = list the account's phone numbers
setup-step-list-caller-ids = list the account's verified caller IDs
setup-step-check-key = check the API key
setup-step-create-key = create the API key
setup-step-find-app = find Dialtone's TwiML App
setup-step-create-app = create the TwiML App
setup-step-point-app = set the TwiML App's Voice URL
setup-step-find-number = read the number's voice configuration
setup-step-bind-number = connect the number to the TwiML App
setup-step-restore-number = put the number's voice configuration back
setup-step-delete-app = delete the TwiML App
setup-step-delete-key = delete the API key
setup-failed-credentials = Twilio refused this Account SID and Auth Token (error 20003). Copy both again from the Twilio Console, Account Info (the Auth Token shows after you click it). Nothing was saved
# $status: Twilio's word for the account's state (suspended, closed).
setup-failed-account-inactive = this Twilio account is { $status }, so it can neither place nor take calls. Reactivate it in the Twilio Console, then run the set-up again
# $others: how many numbers the account has without voice.
setup-failed-no-voice-number = this Twilio account has no phone number that can take voice calls{ $others ->
        [0] {""}
        [1] {", "}only one without voice
       *[other] {", "}only { $others } without voice
    }. Buy one in the Twilio Console (Phone Numbers › Buy a number, with Voice), then run the set-up again
setup-failed-no-such-number = { $number } is not a voice number of this Twilio account; its voice numbers are { $choices }
setup-failed-needs-confirmation = { $number } already sends its calls to { $wired }. Dialtone takes it over only when you confirm (on the command line: --force); it records that configuration and puts it back when you disconnect
setup-failed-caller-id = { $caller } cannot be the outgoing caller ID: it is neither a number of this account nor one of its verified caller IDs (Twilio Console › Phone Numbers › Verified Caller IDs). Choose one of { $choices }
setup-failed-declined = stopped: you declined to { $what }
setup-failed-not-set-up = nothing to undo: Dialtone has no record of a set-up made on this computer (it keeps one in { $path }). A set-up made by hand is undone in the Twilio Console
setup-failed-step = could not { $step }: { $reason }
setup-failed-stopped = set-up stopped: { $cause }.
setup-failed-nothing-changed = Nothing had been changed in your Twilio account yet, and nothing was saved.
setup-failed-put-back = Put back as it was: { $items }. Nothing was saved.
setup-failed-left = Could not be put back, so do it in the Twilio Console: { $items }.
setup-undo-unfinished = undo did not finish: { $items }.
setup-undo-done = Done: { $items }.
setup-undo-try-again = Dialtone kept its record, so `dialtone setup --undo` (or Disconnect in Settings) tries the rest again.
setup-undo-did-not-happen = { $what } did not happen ({ $why })
setup-undo-step-failed = { $step }: { $reason }
setup-undo-declined = you declined to { $what }
setup-undone-new-key = deleted the new API key { $sid }
setup-undone-new-app = deleted the new TwiML App { $sid }
setup-undone-app-url = the TwiML App { $sid } has its old Voice URL again
# $voice: where the number's calls went before (a URL, a TwiML App, Twilio's demo answer).
setup-undone-number = { $number } sends its calls to { $voice } again
setup-undone-number-gone = { $number } is no longer in the account, so there was nothing to put back
setup-undone-app = deleted the TwiML App { $sid }
setup-undone-app-gone = the TwiML App { $sid } was already gone
setup-undone-key = deleted the API key { $sid }
setup-undone-key-gone = the API key { $sid } was already gone
setup-record-corrupt = Dialtone's record of what set-up changed in your Twilio account, { $path }, cannot be read ({ $detail }). Undo needs it: restore the file from a backup, or undo the set-up by hand in the Twilio Console and delete the file
# $action: read, write, replace, delete or create-folder.
setup-record-io = could not { $action ->
        [read] read
        [write] write
        [replace] replace
        [delete] delete
       *[create-folder] create the folder of
    } { $path }, Dialtone's record of what set-up changed in your Twilio account: { $detail }
journal-moved-aside = the call history file was damaged and was moved to { $path }; a new one was started
setup-env-overrides = { $variable } is set in Dialtone's environment, so it is used instead of what set-up saved

## Rust: the desktop shell's problems, shown under a setting (src-tauri/desktop/)

shortcut-wayland = Wayland does not let apps take global shortcuts, so this one is not active. Bind the key in your desktop's keyboard settings to the command dialtone answer, dialtone hangup or dialtone mute instead.
shortcut-no-display = there is no X11 display to take the shortcut on (DISPLAY is not set), so it is not active
# $other: the label of the setting that already has the keys.
shortcut-duplicate = { $keys } is already the shortcut for "{ $other }": give each its own combination
shortcut-unreadable = { $keys } cannot be read as a key combination: { $detail }
shortcut-taken = { $keys } is taken by another program, so it is not active: choose another combination
shortcut-failed = { $keys } could not be set up as a global shortcut ({ $detail }); choose another combination
autostart-off-failed = launch at login could not be switched off ({ $detail }); remove Dialtone from your desktop's startup applications
autostart-failed = launch at login could not be set up ({ $detail }); add Dialtone to your desktop's startup applications instead
autostart-path-with-space = launch at login is not set up: Dialtone runs from { $path }, a path with a space, which the startup entry cannot hold. Move Dialtone to a folder without spaces and save again
autostart-other-folder = launch at login is set up in { $written }, but XDG_CONFIG_HOME is { $config }: desktops that follow it look in { $read } and will not start Dialtone. Copy the entry there, or add Dialtone in your desktop's startup settings

## Rust: the call journal's, voicemail's and contacts' errors (src-tauri/journal/)

# $why: what went wrong opening the file, in the words of SQLite or the OS.
error-journal-unavailable = call history is unavailable: { $why }
error-journal-write-failed = the call history could not be written: { $detail }
error-journal-writer-stopped = the call history's writer has stopped
error-journal-read-failed = the call history could not be read: { $detail }
error-contacts-no-vcards = the file holds no vCards (BEGIN:VCARD … END:VCARD); export the contacts as vCard (.vcf) and try again
error-voicemail-not-found = there is no voicemail { $sid } (it may have been deleted)
error-contact-not-found = there is no contact { $id } (it may have been deleted)
error-contact-needs-name = a contact needs a name
error-contact-name-too-long = the name is longer than { $max } characters
error-contact-needs-number = a contact needs at least one phone number
error-contact-too-many-numbers = a contact can have at most { $max } numbers
error-contact-not-a-number = { $number } is not a phone number Dialtone can read: write it with + and the country code, e.g. +15551234567
error-voicemail-recording-gone = Twilio has no recording { $sid } (it may have been deleted in the Twilio Console)
error-voicemail-recording-too-large = the recording is too large to keep
error-greeting-not-audio = the greeting must be an MP3 or WAV file; this one is neither
error-greeting-too-large = the greeting is { $size } bytes; keep it under { $max } MB (a minute of MP3 is about 1 MB)
error-greeting-empty = the greeting is empty
error-greeting-no-folder = there is no data folder to keep the greeting in
error-greeting-io = the greeting could not be saved in { $path }: { $detail }

## Rust: what voicemail says to callers (src-tauri/webhook/answering.rs), read by Twilio's <Say>

voicemail-spoken-greeting = The person you are calling is not available. Please leave a message after the tone.
voicemail-spoken-no-message = No message was recorded. Goodbye.
voicemail-spoken-thanks = Thank you, your message was recorded. Goodbye.

## Rust: the remote checks of Settings › Twilio and `dialtone doctor` (src-tauri/setup/wiring.rs)

# $what: one of the wiring-repair-* messages.
wiring-repair = Fix it (or run `dialtone setup --repair`): { $what }
wiring-repair-key = a new key is made and saved
wiring-repair-app = Dialtone makes a new one
wiring-repair-voice-url = the app gets the right URL
wiring-repair-number = the number is connected to the app again
wiring-not-set-up = Dialtone is not set up: { $why }
wiring-not-set-up-fix = Run the set-up: Settings › Set up with your Twilio account, or `dialtone setup`
wiring-unreachable = Twilio could not be asked: { $why }
wiring-unreachable-fix = Check the internet connection and try again
wiring-key-ok = the API key { $sid } authenticates
wiring-app-ok = the TwiML App { $sid } exists
wiring-key-refused = Twilio refused the API key { $sid }: it was deleted, or the saved secret is not its own
wiring-app-gone = the TwiML App { $sid } no longer exists
wiring-no-public-url = there is no public URL: no tunnel was found forwarding to the listener, and none is configured
wiring-no-public-url-fix = Start a tunnel to port { $port } (`ngrok http { $port }` or `cloudflared tunnel --url http://127.0.0.1:{ $port }`): Dialtone finds it. Or set the public URL in Settings
wiring-no-public-url-fix-no-port = Start a tunnel to the listener port, or set the public URL in Settings
wiring-voice-url-ok = Twilio calls { $url }
wiring-no-voice-url = no Voice URL
wiring-voice-url-wrong = the TwiML App's Voice URL is { $now }, not { $url } (POST)
wiring-number-gone = { $number } is not a number of this account any more
wiring-number-gone-fix = Run the set-up again and pick one of the account's numbers
wiring-number-ok = { $number } sends its calls to the TwiML App
wiring-demo-answer = Twilio's demo answer
wiring-nowhere = nowhere
wiring-number-elsewhere = calls to { $number } go to { $to }, not to Dialtone's TwiML App
wiring-number-unreadable = the number could not be read: { $why }
wiring-try-again = Try again
wiring-caller-id-ok = outgoing calls show { $caller }
wiring-your-number = your number
wiring-caller-id-gone = { $caller } is no longer a number or verified caller ID of this account, so calls show { $shown } instead
wiring-caller-id-gone-fix = Choose another outgoing caller ID in Settings
shape-account-sid = AC followed by 32 hex digits (Twilio Console > Account Info)
shape-auth-token = 32 hex digits (Twilio Console > Account Info > Auth Token)
shape-api-key-sid = SK followed by 32 hex digits (Console > API keys & tokens)
shape-api-key-secret = the secret shown once when the API key was created
shape-twiml-app-sid = AP followed by 32 hex digits (Console > Voice > TwiML Apps)
shape-twilio-number = your Twilio number with + and the country code, e.g. +15551234567, with as many digits as that country's numbers have
shape-identity = 1 to 121 letters, digits or underscores
shape-public-url = the https URL your tunnel gives, e.g. https://abc123.ngrok.app (with or without /handle_calls at the end)
shape-port = a port number from 1 to 65535
shape-allowed-country-codes = country calling codes or two-letter country codes separated by commas, e.g. 1,44 or 1,PR (1 means the US and Canada; name other +1 countries, such as PR or JM, and places such as JE under +44, to allow them)
shape-allowed-numbers = numbers with + and the country code, separated by commas, e.g. +442079460958,+12129761234 (each is dialed even when its country or kind of number is refused)
shape-max-call-seconds = whole seconds from 1 to 14400 (4 hours, Twilio's own limit), e.g. 3600 for one hour
shape-language = auto (follow the system), en or ja
shape-switch = on or off (true/false, yes/no and 1/0 work too)
shape-shortcut = a key combination with Ctrl, Alt or Super, e.g. Ctrl+Alt+A (a function key such as F9 may stand alone); leave it empty for none
shape-voicemail-greeting = 1 to 500 characters of text, spoken to the caller before the tone
shape-voicemail-max-secs = a number of seconds from 5 to 3600
shape-ring-secs = a number of seconds from 5 to 120

## Rust: the webhook card's outcome lines (src-tauri/i18n/errors.rs, the log's words)

outcome-outbound = outbound call to { $to }
outcome-outbound-refused = outbound call refused: { $reason }
outcome-echo-test = set-up test call: echo
outcome-incoming = incoming call from { $caller }
outcome-withheld = a withheld number
outcome-rejected = rejected: { $reason }
outcome-refused = refused ({ $status }): { $reason }
rejected-other-account = the call belongs to another Twilio account
rejected-other-identity = the call comes from another client identity
rejected-not-our-number = the call is not for our number
refused-not-a-form = expected an application/x-www-form-urlencoded body
refused-unreadable-body = the body could not be read
refused-malformed-form = malformed form body
refused-forbidden = forbidden
refused-no-signature = forbidden: no X-Twilio-Signature
refused-bad-signature = forbidden: X-Twilio-Signature does not match (check the public URL and the Auth Token)
refusal-not-a-number = destination is not an E.164 number
refusal-unknown-country = destination has no country calling code in use
refusal-country-not-allowed = country calling code +{ $code } is not in the allowed countries; add { $code } to Allowed countries in Settings to call there
refusal-region-not-allowed = { $number } is in { $region }, which allowing +{ $code } does not include (+{ $code } means { $regions }); add { $region } to Allowed countries, or { $number } to Allowed numbers, in Settings
region-list = { $first } and { $second }
refusal-not-in-use = { $number } is not a number in use according to libphonenumber's data for +{ $code } (a typo, or a range newer than Dialtone's data); if it is right, add { $number } to Allowed numbers in Settings
refusal-toll-fraud = { $number } is a { $risk }, a common toll-fraud destination; to call it anyway, add { $number } to Allowed numbers in Settings
risk-premium-rate = premium-rate number
risk-premium-exchange = premium-rate number (the 976 exchange)
risk-shared-cost = shared-cost number
risk-personal-number = personal number (it forwards anywhere, at the caller's cost)
risk-pager = pager number
outcome-do-not-disturb = { $outcome }: do not disturb, straight to voicemail
outcome-unanswered-voicemail = incoming call not answered ({ $status }): voicemail
outcome-unanswered = incoming call not answered ({ $status })
outcome-call-ended = call ended ({ $status })
outcome-voicemail-left = voicemail left
# $status: Twilio's RecordingStatus.
outcome-voicemail-recording = voicemail recording { $status ->
        [in-progress] in-progress
        [completed] completed
        [absent] absent
        [failed] failed
       *[other] { $status }
    }
error-type-auth-token = type the Auth Token (Twilio Console › Account Info)

## The phone's tabs (views/tabBar.ts, views/phoneTabs.ts)

tabs-label =
    .aria-label = Phone
tab-keypad = Keypad
tab-recents = Recents
tab-voicemail = Voicemail
tab-contacts = Contacts
tab-badge-missed = { $count ->
        [one] { $count } missed call
       *[other] { $count } missed calls
    }
tab-badge-voicemail = { $count ->
        [one] { $count } new message
       *[other] { $count } new messages
    }
diagnostics-title = Diagnostics
journal-unavailable = History is unavailable: { $reason }
journal-unavailable-unknown = Dialtone could not say why.

## Recents (views/recents.ts)

recents-title = Recents
recents-filter-label =
    .aria-label = Show
recents-filter-all = All
recents-filter-missed = Missed
recents-empty = No calls yet.
recents-empty-missed = No missed calls.
recents-inbound-answered = Incoming
recents-inbound-missed = Missed
recents-inbound-declined = Declined
recents-inbound-busy = Incoming, busy
recents-inbound-failed = Incoming, failed
recents-inbound-refused = Incoming, refused
recents-outbound-answered = Outgoing
recents-outbound-missed = Outgoing, no answer
recents-outbound-declined = Outgoing, declined
recents-outbound-busy = Outgoing, busy
recents-outbound-failed = Outgoing, failed
recents-outbound-refused = Outgoing, refused
recents-has-voicemail = Voicemail
recents-call-back =
    .aria-label = Call { $party }
    .title = Call back
recents-add-contact =
    .aria-label = Add { $party } to contacts
    .title = Add to contacts
recents-clear = Clear
recents-clear-question = Clear all recents? Voicemail and contacts are kept.
recents-clear-confirm = Clear recents
recents-clear-cancel = Cancel
recents-cleared = Recents cleared.
recents-clear-failed = Recents were not cleared: { $reason }
recents-quality-mos = Average call quality score { $mos } out of 5.
recents-quality-worst = Worst moment: { $warning }
recents-quality-no-warning = No quality warnings during the call.

## Voicemail (views/voicemail.ts, views/greeting.ts)

voicemail-title = Voicemail
voicemail-empty = No messages.
voicemail-new = New
voicemail-player =
    .aria-label = Voicemail message
voicemail-play = Play
voicemail-playing = Playing
voicemail-loading = Loading the message…
voicemail-play-failed = The message could not be played: { $reason }
voicemail-save = Save
voicemail-saved = Saved to { $path }
voicemail-save-failed = The message could not be saved: { $reason }
voicemail-delete = Delete
voicemail-delete-confirm = Delete for good
voicemail-delete-cancel = Keep
voicemail-deleted = Message deleted.
voicemail-delete-failed = The message was not deleted: { $reason }
greeting-title = Greeting
greeting-spoken = Callers hear the spoken greeting from Settings › Voicemail.
greeting-recorded = Callers hear your recorded greeting.
greeting-upload = Upload a greeting (MP3 or WAV)
greeting-clear = Use the spoken greeting
greeting-set = Recorded greeting saved.
greeting-cleared = Back to the spoken greeting.
greeting-failed = The greeting was not changed: { $reason }
greeting-record = Record a greeting
greeting-record-title = Record a greeting
greeting-record-stop = Stop
greeting-record-play = Play
greeting-record-play-stop = Stop playing
greeting-record-save = Save
greeting-record-discard = Discard
greeting-record-level = Your voice
greeting-record-starting = Opening the microphone…
greeting-record-recording = Recording: say your greeting, then press Stop. It stops by itself at { $max }.
greeting-record-finishing = Finishing the recording…
greeting-record-ready = Your recording ({ $length }) is ready: play it to listen, then save it as your greeting or discard it.
greeting-record-playing = Playing your recording ({ $length })…
greeting-record-saving = Saving your recording as the greeting…
greeting-record-discarded = Recording discarded; the greeting was not changed.
greeting-record-stopped-by-call = Recording stopped because a call started; nothing was saved.
greeting-record-in-call = A greeting cannot be recorded during a call. Try again when the call has ended.
greeting-record-no-microphone = No microphone was found.
greeting-record-refused = Permission to use the microphone was refused.
greeting-record-busy = The microphone could not be opened.
greeting-record-gone = The microphone chosen in Settings › Sound is not connected.
greeting-record-gone-fix = Plug it back in, or choose another microphone in Settings › Sound.
greeting-record-unsupported = This window cannot record from a microphone.
greeting-record-unsupported-fix = Upload an MP3 or WAV file instead, or record in the calling window.
greeting-record-silent = The recording is silent: no sound came from the microphone, so nothing was kept.
greeting-record-silent-fix = Check that it is not muted (a switch on the headset or its cable, the system sound settings) and that the right microphone is chosen in Settings › Sound, then record again.
greeting-record-failed = The recording failed.
greeting-record-failed-fix = Try again; if it keeps failing, upload an MP3 or WAV file instead.
greeting-record-convert-failed = The recording could not be turned into a WAV file, so the greeting was not changed: { $reason }

## Contacts (views/contacts.ts, views/contactForm.ts)

contacts-title = Contacts
contacts-add = Add contact
contacts-search-label = Search contacts
contacts-search =
    .placeholder = Search by name or number
contacts-empty = No contacts yet. Add one, or import a vCard file.
contacts-none-found = No contact matches.
contacts-call =
    .aria-label = Call { $party }
    .title = Call
contacts-edit = Edit
contacts-delete = Delete
contacts-delete-confirm = Delete for good
contacts-delete-cancel = Keep
contacts-deleted = { $name } deleted.
contacts-delete-failed = The contact was not deleted: { $reason }
contacts-form-add = New contact
contacts-form-edit = Edit contact
contacts-name = Name
contacts-numbers = Numbers (one per line)
contacts-numbers-input =
    .placeholder = +15551234567
contacts-save = Save
contacts-cancel = Cancel
contacts-need-name = Write a name.
contacts-need-number = Write at least one number, e.g. +15551234567.
contacts-save-failed = Not saved: { $reason }
contacts-added = { $name } added.
contacts-edited = { $name } saved.
contacts-import-title = Import a vCard file
contacts-import-hint = A .vcf file exported from Google Contacts, Apple Contacts or Outlook (vCard 2.1, 3.0 or 4.0).
contacts-import-choose = Choose a .vcf file
contacts-import-done = { $imported ->
        [one] { $imported } contact imported.
       *[other] { $imported } contacts imported.
    }
contacts-import-duplicates = { $count ->
        [one] { $count } was already there.
       *[other] { $count } were already there.
    }
contacts-import-without-numbers = { $count ->
        [one] { $count } had no phone number and was skipped.
       *[other] { $count } had no phone number and were skipped.
    }
contacts-import-nameless = { $count ->
        [one] { $count } had no name and was skipped.
       *[other] { $count } had no name and were skipped.
    }
contacts-import-unreadable = Numbers that could not be read: { $numbers }
contacts-import-failed = The file was not imported: { $reason }
## Sound and call quality: the call screen's meters (views/callMeters.ts) and what each SDK
## warning means (phone/quality.ts: the value says what happened, .fix what to try).

call-level-you = You
call-level-them = Them
call-talking-while-muted = You are talking while muted. Press Mute to be heard.
call-quality-good = Good line
call-quality-fair = Fair line
call-quality-poor = Poor line
call-quality-figures =
    .title = MOS { $mos } · round trip { $rtt } ms · jitter { $jitter } ms · loss { $loss } %
quality-warning-high-rtt = Your voice takes long to arrive (over 400 ms there and back), so you may talk over each other.
quality-warning-high-rtt-fix = A wired connection or a closer Wi-Fi access point helps; a VPN or a satellite link adds delay, so try without it.
quality-warning-high-jitter = The audio arrives unevenly, so words may sound choppy.
quality-warning-high-jitter-fix = Pause big downloads, uploads and video on this network, or move closer to the Wi-Fi access point or plug in a cable.
quality-warning-packet-loss = Parts of the audio are lost on the way, so words drop out.
quality-warning-packet-loss-fix = Use a wired connection, close uploads and backups that fill the line, or try without the VPN.
quality-warning-low-mos = The call sounds poor: delay, uneven audio or losses on the network.
quality-warning-low-mos-fix = Use a wired connection, close other uploads and video, and try without the VPN.
quality-warning-no-audio-in = No audio is arriving from the other side.
quality-warning-no-audio-in-fix = Check your network: the call comes back by itself if it returns within a few seconds.
quality-warning-no-audio-out = Your audio is not getting out.
quality-warning-no-audio-out-fix = Check your network and that no firewall or VPN blocks UDP; the call comes back by itself if the network returns.
quality-warning-mic-silent = Your microphone sends nothing but silence.
quality-warning-mic-silent-fix = Check that the headset is plugged in and not muted on its cable, and choose the right microphone in Settings › Sound.
quality-warning-connection-lost = The connection to Twilio was interrupted.
quality-warning-connection-lost-fix = Dialtone is trying to restore the call; check your Wi-Fi or cable.

## Settings: the Sound card (views/settings/audioSection.ts)

audio-title = Sound
audio-microphone = Microphone
audio-speaker = Speaker
audio-ringtone-device = Ringtone plays on
audio-system-default = System default
audio-unnamed-device = Unnamed device ({ $id })
audio-not-ready = The devices show here once the phone is connected.
audio-outputs-unsupported = This window cannot choose where sound plays, so calls and the ringtone use the system’s output. Change it in your system sound settings.
audio-missing = { $kind ->
        [input] The microphone you chose is not connected, so the system default is used. It comes back when you plug it in.
        [speaker] The speaker you chose is not connected, so the system default is used. It comes back when you plug it in.
       *[ringtone] The ringtone device you chose is not connected, so the system default is used. It comes back when you plug it in.
    }
audio-mic-level = Microphone level
audio-test-sound = Play test sound
    .aria-label = Play a test sound on this device
audio-ringtone = Ringtone
audio-ringtone-name = { $tone ->
        [chime] Soft chime
        [digital] Digital beep
        [trill] Trill
       *[classic] Classic double ring
    }
audio-ringtone-play = Play
    .aria-label = Play the ringtone on the ringtone device
audio-ringtone-volume = Ringtone volume
audio-ringtone-volume-value = { $percent } %
call-devices = Sound
log-quality-warning = Call quality warning from the SDK: { $name }.
log-ringtone-failed = Could not play the ringtone
log-audio-device-failed = { $what ->
        [input] Could not use the chosen microphone
        [speaker] Could not use the chosen speaker
        [ringtone] Could not use the chosen ringtone device
       *[other] Could not play the test sound
    }

## Desktop notifications (src-tauri/notifications/words.rs)

notify-caller-named = { $name } ({ $number })
notify-incoming-call = Incoming call
notify-answer = Answer
notify-decline = Decline
notify-open-to-answer = Open Dialtone to answer.
notify-missed-call = Missed call
notify-new-voicemail = New voicemail
notify-voicemail-body = { $seconds ->
        [one] { $caller } left a message ({ $seconds } second)
       *[other] { $caller } left a message ({ $seconds } seconds)
    }

## The tray icon and closing to the tray (src-tauri/desktop/tray/)

tray-state-registered = Registered
tray-state-offline = Offline
tray-state-in-call = In a call
tray-state-do-not-disturb = Do not disturb is on
tray-missed-count = { $count } missed
tray-voicemail-count = { $count ->
        [one] { $count } voicemail
       *[other] { $count } voicemails
    }
tray-separator = {" · "}
tray-tooltip = Dialtone: { $status }
tray-show = Show Dialtone
tray-do-not-disturb = Do not disturb
tray-recent-missed = Recent missed calls
tray-recent-missed-none = No missed calls
# $who: the contact's name or the number; $time: 14:05 today, 12/1 14:05 before.
tray-missed-item = { $who }, { $time }
tray-quit = Quit
tray-closed-title = Dialtone is still running
tray-closed-body = Calls still ring. Open Dialtone again from its icon in the tray, or quit it from there.
tray-none-title = No tray on this desktop
tray-none-body = This desktop shows no tray icons, so closing the Dialtone window quits it. Nothing is lost: your settings, calls and voicemail are kept. On GNOME, the AppIndicator extension adds a tray.

## The set-up wizard, the Twilio connection card and the remote checks (views/setup/)

setup-card-title = Twilio connection
setup-not-connected-intro = Type your Account SID and Auth Token: Dialtone checks them with Twilio, creates an API key and its own TwiML App, and connects your number. Nothing else to copy.
setup-start = Set up with your Twilio account
setup-again = Set up again
setup-connected-to = Connected: calls to { $number } ring here.
# $app, $key: a SID, or "none" when set-up does not know it.
setup-connected-parts = TwiML App { $app ->
        [none] unknown
       *[other] { $app }
    } · API key { $key ->
        [none] unknown
       *[other] { $key }
    }
setup-caller-id-label = Outgoing caller ID
setup-caller-id-hint = The number people see when you call. One of your Twilio numbers or a verified caller ID.
# $kind: verified (a verified caller ID) or own (one of the account's numbers).
setup-caller-id-option = { $number } ({ $kind ->
        [verified] verified caller ID
       *[own] your number
    })
setup-caller-id-saved = Calls now show { $number }.
setup-caller-id-failed = The caller ID was not changed: { $why }
setup-disconnect = Disconnect this number
# $restores: what the number gets back, or "none" when set-up recorded nothing.
setup-disconnect-confirm = Disconnect { $number }? It gets back { $restores ->
        [none] its old configuration
       *[other] { $restores }
    }, and Dialtone deletes the API key and the TwiML App it made.
setup-disconnect-yes = Disconnect
setup-disconnect-no = Keep it
setup-disconnecting = Disconnecting…
# $done: what was undone, sentences from Rust.
setup-disconnected = Disconnected. { $done }
setup-disconnect-failed = Not disconnected: { $why }
setup-manual-title = Or enter every value by hand
setup-title = Connect your Twilio account
setup-step-credentials = Step 1 of 2 · Your account
setup-account-sid = Twilio Account SID
setup-account-sid-hint = Twilio Console › Account Info. Starts with AC.
setup-auth-token = Twilio Auth Token
setup-auth-token-required = Required: your Auth Token (Twilio Console › Account Info).
setup-auth-token-hint = Twilio Console › Account Info (click to show it). Also used to check that webhooks come from Twilio.
setup-auth-token-saved =
    .placeholder = Saved. Leave empty to use it
setup-continue = Continue
setup-checking = Checking with Twilio…
setup-cancel = Cancel
setup-step-number = Step 2 of 2 · Your number
# $named: yes when the account has a friendly name ($name); $trial: yes for a trial account.
setup-account-line = { $named ->
        [yes] { $name }
       *[no] Your account
    }{ $trial ->
        [yes] {" "}(trial: calls go only to verified numbers)
       *[no] {""}
    } · { $sid }
setup-number-legend = Which number should ring here?
# $kind: how the number is wired now; $detail: where it sends its calls (elsewhere only).
setup-wiring = { $kind ->
        [free] Not configured yet
        [demo] Twilio’s demo answer
        [dialtone] Already connected to Dialtone
       *[elsewhere] Sends its calls to { $detail }
    }
setup-take-over = Take { $number } over. It sends its calls to { $detail } now; Dialtone records that and puts it back when you disconnect.
setup-take-over-needed = Tick the box to take this number over, or pick another.
setup-where-title = Where Twilio calls
setup-where-tunnel = Your { $agent } tunnel: { $url }. Dialtone follows it when its URL changes.
setup-where-configured = The public URL in Settings: { $url }.
setup-where-none = No tunnel found. Start one to port { $port } (ngrok http { $port }, or cloudflared tunnel --url http://127.0.0.1:{ $port }) and Dialtone finds it, or type a fixed https URL below. You can also connect now and start the tunnel later.
setup-public-url = Public URL (optional)
setup-public-url-hint = Only for a fixed address such as your own domain; a tunnel is found by itself.
setup-connect = Connect
setup-connecting = Connecting your number…
setup-back = Back
setup-done-title = Your phone is ready
setup-done = Calls to { $number } ring here, and your calls show { $callerId }.
setup-done-voice-url = Twilio calls { $url }.
setup-done-no-url = Twilio gets your public URL as soon as a tunnel runs.
setup-done-replaced = The number sent its calls to { $was }; Disconnect puts that back.
setup-close = Close
setup-tunnel-found = { $agent } tunnel found: { $url }
# $source: tunnel (found running) or settings (configured).
setup-public-url-source = { $url } ({ $source ->
        [tunnel] found running
       *[settings] configured
    })
setup-twilio-now-calls = Twilio now calls { $url }, updated { $time }
setup-repoint-failed = Not updated at Twilio: { $why }
setup-no-tunnel = No tunnel to the listener is running, and no public URL is configured.
setup-wiring-title = Wiring at Twilio
setup-check-wiring = Check with Twilio
setup-checking-wiring = Asking Twilio…
setup-wiring-ok = All wired, checked { $time }.
setup-wiring-failed = Something is not wired, checked { $time }:
setup-wiring-unreadable = Could not check: { $why }
setup-fix = Fix it
setup-fixing = Fixing…
# $why: Rust's sentence saying what the repair would take over.
setup-fix-confirm = { $why } Take it over?
setup-fix-take-over = Take it over
setup-fix-failed = Not fixed: { $why }

## Settings › Sound › Test my set-up (views/settings/setupTest.ts, phone/setupCheck.ts)

setup-test-title = Test my set-up
setup-test-intro = Records three seconds from your microphone and plays them back on your speaker, then makes a ten-second test call to Twilio to check the network. No one is called.
setup-test-start = Test my set-up
setup-test-during-call = Not available during a call.
setup-test-level = Your voice
setup-test-recording = Say something: recording for three seconds…
setup-test-playing = Playing back your recording. Did you hear yourself?
setup-test-calling = Calling Twilio’s echo test…
setup-test-measuring = Test call to Twilio: speak and listen to yourself. { $seconds } s left.
setup-test-done = Test finished.
setup-test-stopped = Test stopped: a call started.
setup-test-mic-title = Microphone and speaker:
setup-test-mic-ok = your microphone works and your recording was played back.
setup-test-mic-quiet = your microphone works, but you sound very quiet.
setup-test-mic-quiet-fix = Move the microphone closer, or raise its input volume in your system sound settings.
setup-test-mic-silent = the microphone sends only silence.
setup-test-mic-silent-fix = Check that it is not muted (a switch on the headset or its cable, the system sound settings) and that the right microphone is chosen above.
setup-test-mic-none = no microphone was found.
setup-test-mic-none-fix = Plug in a headset or microphone, then try again.
setup-test-mic-refused = permission to use the microphone was refused.
setup-test-mic-refused-fix = Allow the microphone for this window (the icon in the address bar, or your system’s privacy settings), then try again.
setup-test-mic-busy = the microphone could not be opened.
setup-test-mic-busy-fix = Another program may be using it: close it, or choose another microphone, then try again.
setup-test-mic-gone = the chosen microphone is no longer connected.
setup-test-mic-gone-fix = Plug it back in, or choose another microphone above.
setup-test-mic-unsupported = this window cannot record sound.
setup-test-mic-unsupported-fix = Run the test in the calling window, where your calls are made.
setup-test-mic-playback-failed = your microphone works, but the recording could not be played back.
setup-test-mic-playback-failed-fix = Check the speaker chosen above and its volume, then try again.
setup-test-net-title = Network to Twilio:
setup-test-net-good = good. Calls should sound clear.
setup-test-net-fair = fair. Calls will work but may sound rough at times.
setup-test-net-poor = poor. Calls may break up or drop.
setup-test-net-unmeasured = the test call worked, but Twilio reported no quality figures.
setup-test-net-unmeasured-fix = Try again; if this repeats, place a real call and watch its quality indicator.
setup-test-net-no-echo = poor. Your audio reached Twilio but nothing came back.
setup-test-net-no-echo-fix = A firewall or VPN may block the return audio (UDP): try without the VPN, or on another network.
setup-test-net-not-set-up = not tested: the phone is not connected to Twilio.
setup-test-net-not-set-up-fix = Set up your Twilio account above and wait for “Ready”, then run the test again.
setup-test-net-no-answer = Twilio did not answer the test call.
setup-test-net-no-answer-fix = Check your internet connection, and that no firewall blocks Twilio, then try again.
setup-test-net-hung-up = Twilio ended the test call early.
setup-test-net-hung-up-fix = See the last webhook in the listener card: Twilio must reach Dialtone through your public URL.
setup-test-net-figures = MOS { $mos }, round trip { $rtt } ms, jitter { $jitter } ms, loss { $loss } %, codec { $codec }
log-setup-test-call = Test call to Twilio’s echo (Test my set-up).
