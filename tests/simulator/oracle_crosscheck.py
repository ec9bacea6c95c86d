"""Cross-checks the simulator's webhook signatures and token checks against twilio-python (the oracle).

Run: /work/main/.venv-oracle/bin/python tests/simulator/oracle_crosscheck.py [path/to/twilio-sim]
"""
import json
import random
import subprocess
import sys
import time
from unittest import mock

from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant
from twilio.request_validator import RequestValidator

SIM = sys.argv[1] if len(sys.argv) > 1 else "target/sim/debug/twilio-sim"
AC, SK, SECRET = "AC" + "0123456789abcdef" * 2, "SK" + "0123456789abcdef" * 2, "s3cret-value-for-the-oracle-check-0123"
AP = "AP" + "0123456789abcdef" * 2
failures = 0


def sim(args, stdin):
    return subprocess.run([SIM, *args], input=stdin, capture_output=True, text=True, check=True).stdout.strip()


def check(name, ok, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f"  {detail}"))
    failures += 0 if ok else 1


class MultiDict(dict):
    """What Flask hands twilio-python: repeated names keep every value."""

    def __init__(self, pairs):
        super().__init__()
        self.pairs = pairs
        for k, v in pairs:
            self.setdefault(k, v)

    def getall(self, name):
        return [v for k, v in self.pairs if k == name]


# ---- signatures: random forms, unicode, empty values, duplicate names, query strings
rng = random.Random(6)
alphabet = "abcXYZ09+:/ éñ&=%'"
for i in range(40):
    url = rng.choice(["https://sim.test/handle_calls", "https://abc.ngrok.app/handle_calls?token=x%20y&a=1", "https://h:8443/p"])
    token = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    pairs = []
    for _ in range(rng.randint(0, 8)):
        name = rng.choice(["From", "To", "CallSid", "Caller", "phone", "Digits", "x", "CallerName"])
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        pairs.append([name, value])
    ours = sim(["sign", url, token], json.dumps(pairs))
    v = RequestValidator(token)
    flat = MultiDict(pairs)
    theirs = v.compute_signature(url, flat)
    check(f"signature #{i}", ours == theirs and v.validate(url, flat, ours), f"{ours} != {theirs} for {pairs}")

# ---- tokens made by twilio-python
NOW = 1_700_000_000


def make(secret=SECRET, account=AC, key=SK, ttl=3600, identity="alice", incoming=True, app=AP, region=None, voice=True, nbf=None):
    with mock.patch("time.time", return_value=float(NOW)):
        t = AccessToken(account, key, secret, identity=identity, ttl=ttl, region=region, nbf=nbf)
        if voice:
            t.add_grant(VoiceGrant(incoming_allow=incoming, outgoing_application_sid=app))
        return t.to_jwt()


def verdict(token, now=NOW + 10):
    return json.loads(sim(["check-token", AC, SK, SECRET, str(now)], token))


cases = [
    ("valid", make(), lambda r: r["ok"] and r["identity"] == "alice" and r["incoming"] and r["outgoing_app"] == AP),
    ("valid with region header", make(region="us1"), lambda r: r["ok"]),
    ("valid, no incoming grant", make(incoming=False), lambda r: r["ok"] and not r["incoming"]),
    ("wrong secret -> 31204", make(secret="another-secret-of-the-same-length-000"), lambda r: not r["ok"] and r["code"] == 31204),
    ("other account -> 31204", make(account="AC" + "f" * 32), lambda r: not r["ok"] and r["code"] == 31204),
    ("other key -> 31204", make(key="SK" + "f" * 32), lambda r: not r["ok"] and r["code"] == 31204),
    ("no voice grant -> 31204", make(voice=False), lambda r: not r["ok"] and r["code"] == 31204),
    ("ttl over 24 h -> 31207", make(ttl=86400 + 60), lambda r: not r["ok"] and r["code"] == 31207),
    ("ttl exactly 24 h accepted", make(ttl=86400 + 10), lambda r: r["ok"]),
    ("nbf in the future -> 31204", make(nbf=NOW + 600), lambda r: not r["ok"] and r["code"] == 31204),
    ("identity with a space -> 31105", make(identity="a b"), lambda r: not r["ok"] and r["code"] == 31105),
]
for name, tok, pred in cases:
    r = verdict(tok)
    check("token " + name, pred(r), r)
r = verdict(make(ttl=60), now=NOW + 60)
check("token expired -> 31205", not r["ok"] and r["code"] == 31205, r)
r = verdict(make()[:-2] + "xx")
check("token tampered signature -> 31204", not r["ok"] and r["code"] == 31204, r)

print(f"{failures} failure(s)")
sys.exit(1 if failures else 0)
