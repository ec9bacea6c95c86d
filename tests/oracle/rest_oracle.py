"""The simulator's REST API against two oracles: Twilio's OpenAPI description and twilio-python.

Run: .venv-oracle/bin/python tests/oracle/rest_oracle.py path/to/twilio-sim

It starts the simulator, tours every REST route with twilio-python's own `Client` (and plain
`requests` for the audio, which the library does not fetch), and checks two things:

1. every 2xx JSON answer validates against its operation in `twilio-oai/twilio_api_v2010.json`
   (openapi-core, pinned): each property the schema lists must be present, none it does not list
   may be, and RFC 2822 dates must parse. One documented exception: an IncomingPhoneNumber's
   `voice_application_sid` / `sms_application_sid` are `""` when unset, as Twilio answers and
   the spec's own examples show, though their pattern says `AP…` (see twilio-oai/README.md);
2. twilio-python reads the answers as it reads Twilio's: pages followed, keys and apps created
   and deleted, a number updated, and errors raised as `TwilioRestException` with Twilio's code.

Then a voicemail: a simulated caller rings a webhook written here with twilio-python's
`VoiceResponse`, which checks every request with twilio-python's `RequestValidator`. Nobody
answers the `<Dial>`, so the simulator requests its `action` (`DialCallStatus`), plays the
`<Play>` URL (a signed GET), runs `<Record>` while the caller speaks a tone, and sends the record
action and the recording status callback. The recording it made is then read back through the
REST API (against the spec and with twilio-python), its WAV opened with Python's `wave` module.
"""

import copy
import datetime
import email.utils
import http.server
import json
import math
import os
import threading
import wave
import io
import subprocess
import sys
import tempfile
import time
import urllib.parse

import requests
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.voice_response import VoiceResponse

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "twilio-oai", "twilio_api_v2010.json")
SIM = sys.argv[1] if len(sys.argv) > 1 else "target/debug/twilio-sim"

AC = "AC" + "0123456789abcdef" * 2
TOKEN = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
SK, SK_SECRET = "SK" + "0123456789abcdef" * 2, "an-api-key-secret"
AP = "AP" + "0123456789abcdef" * 2
TK = "TK" + "fedcba9876543210" * 2
NUMBER = "+15551234567"
PUBLIC = "https://abc123.ngrok.app"
DAY = 86_400
NOW = int(time.time())

failures = 0
passed = 0


def check(name, ok, detail=""):
    global failures, passed
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f"  {detail}"))
    if ok:
        passed += 1
    else:
        failures += 1


# ---------------------------------------------------------------------------- the spec

def load_spec():
    with open(SPEC) as f:
        spec = json.load(f)
    schemas = spec["components"]["schemas"]
    number = schemas["api.v2010.account.incoming_phone_number"]["properties"]
    for field in ("voice_application_sid", "sms_application_sid"):
        number[field] = dict(number[field], pattern="^(AP[0-9a-fA-F]{32})?$", minLength=0)
    # `format: uri-map` objects (subresource_uris) list no properties: they map names to URIs.
    # Under the "forbid" policy below they need saying so.
    for schema in schemas.values():
        for prop in schema.get("properties", {}).values():
            if prop.get("format") == "uri-map":
                prop["additionalProperties"] = {"type": "string"}

    def rfc2822(value):
        try:
            return email.utils.parsedate_to_datetime(value) is not None
        except (TypeError, ValueError):
            return False

    config = Config(
        spec_validator_cls=None,  # the spec is Twilio's; validating it again takes seconds
        extra_format_validators={"date-time-rfc-2822": rfc2822},
        additional_properties_default_policy="forbid",
        response_properties_default_policy="required",
    )
    return OpenAPI.from_dict(spec, config=config)


class Recorder(TwilioHttpClient):
    """twilio-python's own HTTP client, keeping every exchange for the spec check."""

    def __init__(self):
        super().__init__()
        self.exchanges = []

    def request(self, method, url, params=None, data=None, headers=None, auth=None, timeout=None,
                allow_redirects=False):
        response = super().request(method, url, params=params, data=data, headers=headers, auth=auth,
                                   timeout=timeout, allow_redirects=allow_redirects)
        full = requests.Request(method, url, params=params).prepare().url
        self.exchanges.append((method, full, response.status_code, response.text))
        self.last = response
        return response


def validate(api, exchanges):
    seen = set()
    for method, url, status, text in exchanges:
        if not 200 <= status < 300 or status == 204:
            continue
        parts = urllib.parse.urlsplit(url)
        args = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
        request = MockRequest("https://api.twilio.com", method.lower(), parts.path, args=args)
        response = MockResponse(text.encode(), status_code=status, content_type="application/json")
        template = route_of(parts.path)
        try:
            api.validate_response(request, response)
            ok, detail = True, ""
        except Exception as e:  # openapi-core raises one of several classes; all mean "invalid"
            errors = getattr(e.__cause__, "schema_errors", None) or getattr(e, "schema_errors", None)
            reasons = [f"{'/'.join(map(str, err.absolute_path))}: {err.message}" for err in errors or []]
            ok, detail = False, f"{type(e).__name__}: {reasons or e}"[:1500]
        key = (method, template, status, ok)
        if key in seen and ok:
            continue
        seen.add(key)
        check(f"spec: {method} {template} -> {status}", ok, detail)
    return seen


def route_of(path):
    """The path with SIDs replaced, to name a check once per route."""
    out = []
    for seg in path.split("/"):
        stem, dot, ext = seg.partition(".")
        out.append(("{" + stem[:2] + "}" + dot + ext) if len(stem) == 34 else seg)
    return "/".join(out)


# ---------------------------------------------------------------------------- the simulator

def start_sim(seed, webhook="http://127.0.0.1:9/handle_calls"):
    env = dict(os.environ, TWILIO_ACCOUNT_SID=AC, TWILIO_AUTH_TOKEN=TOKEN, TWILIO_API_KEY_SID=SK,
               TWILIO_API_KEY_SECRET=SK_SECRET, TWIML_APP_SID=AP, TWILIO_NUMBER=NUMBER,
               DIALTONE_PUBLIC_URL=PUBLIC + "/handle_calls",
               SIM_WEBHOOK_URL=webhook)
    proc = subprocess.Popen([SIM, "--port", "0", "--control-port", "0", "--rest-port", "0", "--rest-seed", seed],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if line.startswith("{"):
            ports = json.loads(line)
            return proc, ports
    proc.kill()
    sys.exit(f"twilio-sim at {SIM} exited before it was ready: build it with cargo build -p twilio-sim")


def tour(rest, control, api):
    http = Recorder()
    client = Client(AC, TOKEN, http_client=http)
    client.api.base_url = rest
    state = lambda: requests.get(f"{control}/rest/state", timeout=10).json()

    def expect_error(name, call, status, code):
        """A fetch, create, update or delete raises TwilioRestException; a list raises
        twilio-python's TwilioException("Unable to fetch page", response) instead."""
        try:
            call()
            check(name, False, "no exception")
        except TwilioRestException as e:
            check(name, e.status == status and e.code == code and bool(e.msg),
                  f"status {e.status} code {e.code} msg {e.msg!r}")
        except TwilioException as e:
            response = e.args[1] if len(e.args) > 1 else None
            body = json.loads(response.text) if response is not None else {}
            check(name, response.status_code == status and body.get("code") == code, e)

    # --- the account
    account = client.api.v2010.accounts(AC).fetch()
    check("account: fetched with the Auth Token", account.sid == AC and account.status == "active")

    # --- numbers, over several pages
    numbers = client.incoming_phone_numbers.list(page_size=3)
    seeded = len(state()["numbers"])
    check("numbers: every page followed", len(numbers) == seeded == 9, f"{len(numbers)} of {seeded}")
    check("numbers: no number twice", len({n.sid for n in numbers}) == len(numbers))
    pages = [u for m, u, s, _ in http.exchanges if "IncomingPhoneNumbers.json" in u]
    check("numbers: 3 requests for 9 numbers in pages of 3 (relative next_page_uri resolved)",
          len(pages) == 3 and "PageToken=PA" in pages[-1], pages)
    found = client.incoming_phone_numbers.list(phone_number="+1555010")
    check("numbers: PhoneNumber filter", {n.phone_number for n in found} == {f"+1555010000{i}" for i in range(7)},
          [n.phone_number for n in found])
    ours = next(n for n in numbers if n.phone_number == NUMBER)
    check("numbers: voice capability read", ours.capabilities.get("voice") is True, ours.capabilities)

    # --- keys: created, usable at once (REST and access tokens), deleted
    key = client.new_keys.create(friendly_name="Dialtone test")
    check("keys: created with a secret shown once", key.sid.startswith("SK") and len(key.secret or "") >= 32)
    listed = [k for k in client.keys.list() if k.sid == key.sid]
    check("keys: listed without the secret", len(listed) == 1 and not hasattr(listed[0], "secret"))
    with_key = Client(key.sid, key.secret, AC, http_client=http)
    with_key.api.base_url = rest
    check("keys: a new key works at once", len(with_key.incoming_phone_numbers.list(limit=2)) == 2)
    expect_error("keys: a Standard key cannot read the account (401 20003)",
                 lambda: with_key.api.v2010.accounts(AC).fetch(), 401, 20003)
    expect_error("keys: a Standard key cannot list keys (401 20003)", lambda: with_key.keys.list(), 401, 20003)
    token = AccessToken(AC, key.sid, key.secret, identity="alice", ttl=600)
    token.add_grant(VoiceGrant(incoming_allow=True, outgoing_application_sid=AP))
    verdict = requests.post(f"{control}/token-check", json={"token": token.to_jwt()}, timeout=10).json()
    check("keys: a token signed with the new key's secret is accepted by signaling", verdict.get("ok") is True, verdict)
    check("keys: deleted", client.keys(key.sid).delete() is True)
    expect_error("keys: a deleted key no longer authenticates (401 20003)",
                 lambda: with_key.incoming_phone_numbers.list(limit=1), 401, 20003)
    verdict = requests.post(f"{control}/token-check", json={"token": token.to_jwt()}, timeout=10).json()
    check("keys: a deleted key's tokens are refused (31204)", verdict.get("code") == 31204, verdict)
    expect_error("keys: deleting again is 404 20404", lambda: client.keys(key.sid).delete(), 404, 20404)

    # --- applications
    app = client.applications.create(friendly_name="Dialtone oracle", voice_url="https://a.example/handle_calls",
                                     voice_method="POST")
    check("apps: created", app.sid.startswith("AP") and app.voice_url == "https://a.example/handle_calls")
    check("apps: FriendlyName filter", [a.sid for a in client.applications.list(friendly_name="Dialtone oracle")] == [app.sid])
    updated = client.applications(app.sid).update(voice_url="https://b.example/handle_calls")
    check("apps: updated", updated.voice_url == "https://b.example/handle_calls"
          and client.applications(app.sid).fetch().voice_url == "https://b.example/handle_calls")

    # --- a number: bound to the app (the trunk goes), then to a trunk (the app goes)
    trunked = next(n for n in numbers if n.trunk_sid)
    bound = client.incoming_phone_numbers(trunked.sid).update(voice_application_sid=app.sid)
    check("numbers: binding an app clears the trunk", bound.voice_application_sid == app.sid and bound.trunk_sid is None,
          (bound.voice_application_sid, bound.trunk_sid))
    back = client.incoming_phone_numbers(trunked.sid).update(trunk_sid=TK)
    check("numbers: setting a trunk clears the app", back.trunk_sid == TK and back.voice_application_sid == "",
          (back.voice_application_sid, back.trunk_sid))
    restored = client.incoming_phone_numbers(ours.sid).update(
        voice_url="https://old.example/voice", voice_method="GET", voice_fallback_url="", status_callback="")
    check("numbers: voice URL and method updated", restored.voice_url == "https://old.example/voice"
          and restored.voice_method == "GET")
    expect_error("numbers: an unknown app is refused (400 21420)",
                 lambda: client.incoming_phone_numbers(ours.sid).update(voice_application_sid="AP" + "e" * 32),
                 400, 21420)
    expect_error("numbers: a bad URL is refused (400 21402)",
                 lambda: client.incoming_phone_numbers(ours.sid).update(voice_url="not a url"), 400, 21402)
    expect_error("numbers: an unknown number is 404 20404",
                 lambda: client.incoming_phone_numbers("PN" + "0" * 32).fetch(), 404, 20404)
    check("numbers: a refused update changed nothing",
          client.incoming_phone_numbers(ours.sid).fetch().voice_url == "https://old.example/voice")

    check("apps: deleted", client.applications(app.sid).delete() is True)
    expect_error("apps: fetching a deleted app is 404 20404", lambda: client.applications(app.sid).fetch(), 404, 20404)

    # --- caller IDs, calls, recordings
    ids = client.outgoing_caller_ids.list()
    check("caller IDs: listed", sorted(c.phone_number for c in ids) == ["+15557654321", "+447700900123"],
          [c.phone_number for c in ids])
    calls = client.calls.list(page_size=2)
    check("calls: every page followed", len(calls) == 5, len(calls))
    to_us = client.calls.list(to=NUMBER)
    check("calls: To filter", len(to_us) == 4 and all(c.to == NUMBER for c in to_us), [c.to for c in to_us])
    today = time.strftime("%Y-%m-%d", time.gmtime(NOW))
    recent = client.calls.list(start_time_after=today)
    check("calls: StartTime> filter (today)", len(recent) == 3, [c.start_time for c in recent])
    older = client.calls.list(start_time_before=time.strftime("%Y-%m-%d", time.gmtime(NOW - DAY)))
    check("calls: StartTime< filter (yesterday and before)", len(older) == 2, [c.start_time for c in older])
    first = calls[0]
    recs = client.recordings.list(call_sid=first.sid)
    check("recordings: CallSid filter", len(recs) == 1 and recs[0].call_sid == first.sid, recs)
    rec = client.recordings(recs[0].sid).fetch()
    check("recordings: fetched", rec.duration == "7" and rec.status == "completed", (rec.duration, rec.status))
    base = f"{rest}/2010-04-01/Accounts/{AC}/Recordings/{rec.sid}"
    wav = requests.get(base + ".wav", auth=(AC, TOKEN), timeout=10)
    check("recordings: .wav media", wav.status_code == 200 and wav.content[:4] == b"RIFF"
          and wav.headers["content-type"].startswith("audio/"))
    mp3 = requests.get(base + ".mp3", auth=(SK, SK_SECRET), timeout=10)
    check("recordings: .mp3 media with an API key", mp3.status_code == 200 and mp3.content[:2] == b"\xff\xfb")
    check("recordings: media needs credentials", requests.get(base + ".wav", timeout=10).status_code == 401)
    check("recordings: deleted", client.recordings(rec.sid).delete() is True)
    expect_error("recordings: a deleted recording is 404 20404", lambda: client.recordings(rec.sid).fetch(), 404, 20404)

    # --- errors as Twilio shapes them
    wrong = Client(AC, "0" * 32, http_client=http)
    wrong.api.base_url = rest
    expect_error("errors: a wrong Auth Token is 401 20003", lambda: wrong.api.v2010.accounts(AC).fetch(), 401, 20003)
    requests.post(f"{control}/rest/faults", json={"path": f"/2010-04-01/Accounts/{AC}.json",
                                                 "status": 429, "retry_after": 2, "count": 1}, timeout=10)
    try:
        client.api.v2010.accounts(AC).fetch()
        check("errors: an injected 429 reads as 20429 with Retry-After", False, "no exception")
    except TwilioRestException as e:
        retry_after = http.last.headers.get("Retry-After")
        check("errors: an injected 429 reads as 20429 with Retry-After", e.status == 429 and e.code == 20429
              and retry_after == "2", (e.status, e.code, retry_after))
    check("errors: the fault is used up", client.api.v2010.accounts(AC).fetch().sid == AC)
    raw = requests.get(f"{rest}/2010-04-01/Accounts/{AC}/Nope.json", auth=(AC, TOKEN), timeout=10)
    body = raw.json()
    check("errors: the body has code, message, more_info, status",
          raw.status_code == 404 and body["code"] == 20404 and body["status"] == 404
          and body["more_info"] == "https://www.twilio.com/docs/errors/20404" and body["message"], body)

    # --- every answer against the spec
    routes = validate(api, http.exchanges)
    covered = {r[1] for r in routes}
    for route in [
        "/2010-04-01/Accounts/{AC}.json",
        "/2010-04-01/Accounts/{AC}/IncomingPhoneNumbers.json",
        "/2010-04-01/Accounts/{AC}/IncomingPhoneNumbers/{PN}.json",
        "/2010-04-01/Accounts/{AC}/Keys.json",
        "/2010-04-01/Accounts/{AC}/Applications.json",
        "/2010-04-01/Accounts/{AC}/Applications/{AP}.json",
        "/2010-04-01/Accounts/{AC}/OutgoingCallerIds.json",
        "/2010-04-01/Accounts/{AC}/Calls.json",
        "/2010-04-01/Accounts/{AC}/Recordings.json",
        "/2010-04-01/Accounts/{AC}/Recordings/{RE}.json",
    ]:
        check(f"spec: the tour covered {route}", route in covered)


def seed():
    calls = [
        {"from": "+15559876543", "to": NUMBER, "start_time": NOW - 60, "duration": 7},
        {"from": "+15559876544", "to": NUMBER, "start_time": NOW - 120, "status": "no-answer"},
        {"from": "client:dialtone_15551234567", "to": "+15557654321", "start_time": NOW - 180,
         "direction": "outbound-dial"},
        {"from": "+15559876545", "to": NUMBER, "start_time": NOW - 2 * DAY},
        {"from": "+15559876546", "to": NUMBER, "start_time": NOW - 3 * DAY, "status": "busy"},
    ]
    # Within today only if now is late enough for three calls to fit after midnight.
    midnight = NOW - NOW % DAY
    if NOW - 180 < midnight:
        for c in calls[:3]:
            c["start_time"] = midnight + 1
    sids = ["CA" + f"{i:032x}" for i in range(1, 6)]
    for c, sid in zip(calls, sids):
        c["sid"] = sid
    return {
        "numbers": [
            {"phone_number": "+15550100000", "count": 6, "voice_url": "https://elsewhere.example/voice"},
            {"phone_number": "+15550100006", "trunk_sid": TK},
            {"phone_number": "+447700900001", "capabilities": {"voice": False, "sms": True, "mms": False, "fax": False}},
        ],
        "caller_ids": [{"phone_number": "+15557654321"}, {"phone_number": "+447700900123", "friendly_name": "Office"}],
        "calls": calls,
        "recordings": [{"call_sid": sids[0], "duration": 7, "start_time": NOW - 50}],
    }


# ---------------------------------------------------------------------------- a voicemail

MESSAGE_HZ = 523
GREETING = b"RIFF" + b"\0" * 996


class Webhook(http.server.BaseHTTPRequestHandler):
    """A voicemail webhook written with twilio-python: each request's signature checked by its
    RequestValidator against the public URL Twilio would have requested."""

    requests = []
    validator = RequestValidator(TOKEN)

    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", content_type="text/xml"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = PUBLIC + self.path
        valid = self.validator.validate(url, {}, self.headers.get("X-Twilio-Signature", ""))
        Webhook.requests.append(("GET", self.path, {}, valid))
        self.answer(200 if valid else 403, GREETING if valid else b"", "audio/wav")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        params = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
        valid = self.validator.validate(PUBLIC + self.path, params, self.headers.get("X-Twilio-Signature", ""))
        Webhook.requests.append(("POST", self.path, params, valid))
        if not valid:
            return self.answer(403)
        r = VoiceResponse()
        if self.path == "/handle_calls":
            dial = r.dial(action="dial_status", timeout=5)
            dial.client("nobody_is_registered")
        elif self.path == "/dial_status":
            r.play("voicemail/greeting.wav")
            r.record(action="voicemail/recorded", max_length=10, recording_status_callback="voicemail/status")
        elif self.path == "/voicemail/status":
            return self.answer(204)
        else:
            r.hangup()
        self.answer(200, str(r).encode())


def dominant_hz(samples, rate):
    best, best_power = 0, -1.0
    for hz in range(100, 3501, 10):
        w = 2 * math.pi * hz / rate
        s1 = s2 = 0.0
        for x in samples:
            s1, s2 = x + 2 * math.cos(w) * s1 - s2, s1
        power = s1 * s1 + s2 * s2 - 2 * math.cos(w) * s1 * s2
        if power > best_power:
            best, best_power = hz, power
    return best


def voicemail_tour(api):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Webhook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({}, f)
    proc, ports = start_sim(f.name, f"http://127.0.0.1:{server.server_address[1]}/handle_calls")
    rest, control = f"http://127.0.0.1:{ports['rest_port']}", f"http://127.0.0.1:{ports['control_port']}"
    try:
        before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(seconds=1)
        parent = requests.post(f"{control}/inbound", json={"from": "+15557654321", "message_secs": 1,
                                                           "message_hz": MESSAGE_HZ}, timeout=10).json()["call_sid"]
        deadline = time.time() + 30
        while time.time() < deadline and not any(p == "/voicemail/status" for _, p, _, _ in Webhook.requests):
            time.sleep(0.1)
        seen = {(m, p): params for m, p, params, _ in Webhook.requests}
        check("voicemail: the webhook, Dial action, Play, Record action and status callback, in order",
              [(m, p) for m, p, _, _ in Webhook.requests] == [
                  ("POST", "/handle_calls"), ("POST", "/dial_status"), ("GET", "/voicemail/greeting.wav"),
                  ("POST", "/voicemail/recorded"), ("POST", "/voicemail/status")], Webhook.requests)
        check("voicemail: every request signed as twilio-python's RequestValidator expects",
              all(valid for *_, valid in Webhook.requests), Webhook.requests)
        dial = seen.get(("POST", "/dial_status"), {})
        check("voicemail: DialCallStatus no-answer for the parent call",
              dial.get("DialCallStatus") == "no-answer" and dial.get("CallSid") == parent
              and dial.get("DialCallDuration") == "0", dial)
        recorded = seen.get(("POST", "/voicemail/recorded"), {})
        re_sid = recorded.get("RecordingSid", "")
        check("voicemail: the record action has RecordingSid, RecordingUrl, RecordingDuration, Digits",
              re_sid.startswith("RE") and recorded.get("RecordingDuration") == "1"
              and recorded.get("Digits") == "hangup"
              and recorded.get("RecordingUrl", "").endswith(f"/Recordings/{re_sid}"), recorded)
        status = seen.get(("POST", "/voicemail/status"), {})
        check("voicemail: the status callback names the recording, its parent call and completed",
              status.get("RecordingSid") == re_sid and status.get("CallSid") == parent
              and status.get("RecordingStatus") == "completed" and status.get("AccountSid") == AC
              and status.get("RecordingDuration") == "1", status)

        recorder = Recorder()
        client = Client(SK, SK_SECRET, AC, http_client=recorder)
        client.api.base_url = rest
        rec = client.recordings(re_sid).fetch()
        check("voicemail: the recording in the REST API", rec.call_sid == parent and rec.duration == "1"
              and rec.status == "completed" and rec.source == "RecordVerb", (rec.call_sid, rec.duration, rec.source))
        check("voicemail: listed for its call", [r.sid for r in client.recordings.list(call_sid=parent)] == [re_sid])
        to_us = client.calls.list(to=NUMBER, start_time_after=before)
        check("voicemail: the call in the Calls list (To, StartTime> an instant, as the catch-up asks)",
              [(c.sid, c.status, c.direction) for c in to_us] == [(parent, "completed", "inbound")],
              [(c.sid, c.status, c.direction, c.start_time) for c in to_us])
        later = client.calls.list(to=NUMBER, start_time_after=before + datetime.timedelta(hours=1))
        check("voicemail: StartTime> an instant after the call lists nothing", later == [], later)
        wav = requests.get(f"{rest}/2010-04-01/Accounts/{AC}/Recordings/{re_sid}.wav", auth=(SK, SK_SECRET), timeout=10)
        with wave.open(io.BytesIO(wav.content)) as w:
            shape = (w.getnchannels(), w.getframerate(), w.getsampwidth(), w.getnframes())
            frames = w.readframes(w.getnframes())
        check("voicemail: its WAV is 1 s of 8 kHz 16-bit mono (Python's wave module)", shape == (1, 8000, 2, 8000), shape)
        samples = [int.from_bytes(frames[i:i + 2], "little", signed=True) for i in range(0, len(frames), 2)]
        hz = dominant_hz(samples, 8000)
        check("voicemail: its audio is the caller's tone", abs(hz - MESSAGE_HZ) <= 10, hz)
        check("voicemail: deleted", client.recordings(re_sid).delete() is True)
        validate(api, recorder.exchanges)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        server.shutdown()
        os.unlink(f.name)


def main():
    api = load_spec()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(seed(), f)
    proc, ports = start_sim(f.name)
    try:
        tour(f"http://127.0.0.1:{ports['rest_port']}", f"http://127.0.0.1:{ports['control_port']}", api)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        os.unlink(f.name)
    voicemail_tour(api)
    print(f"{passed} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
