"""Twilio's own helper library, answering questions from the Rust tests.

Reads one JSON array of requests on stdin and writes one JSON array of answers on stdout, so a
test pays for one interpreter start however many cases it checks. Every answer is computed by
twilio-python (pinned in requirements.txt) or PyJWT; nothing here re-implements Twilio.
"""

import json
import sys
import xml.etree.ElementTree as ET
from unittest import mock

import jwt
import phonenumbers
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import VoiceResponse


class MultiParams(dict):
    """Form parameters with repeated names, in the shape RequestValidator reads (getall)."""

    def __init__(self, pairs):
        super().__init__()
        for name, value in pairs:
            self.setdefault(name, []).append(value)

    def getall(self, name):
        return self[name]


def token(req):
    """Mint with twilio-python at a pinned clock, and decode the Rust token with PyJWT."""
    with mock.patch("time.time", return_value=float(req["now"])):
        t = AccessToken(req["account_sid"], req["api_key_sid"], req["secret"],
                        identity=req["identity"], ttl=req["ttl"], nbf=None)
        t.add_grant(VoiceGrant(incoming_allow=True, outgoing_application_sid=req["app_sid"]))
        theirs = t.to_jwt()
    decode = lambda tok: {
        "header": jwt.get_unverified_header(tok),
        "claims": jwt.decode(tok, req["secret"], algorithms=["HS256"], options={"verify_exp": False}),
    }
    answer = {"theirs": decode(theirs)}
    if "ours" in req:
        try:
            answer["ours"] = decode(req["ours"])
        except jwt.InvalidTokenError as e:
            answer["ours_error"] = str(e)
    return answer


def sign(req):
    return RequestValidator(req["auth_token"]).compute_signature(req["url"], MultiParams(req["params"]))


def validate(req):
    return RequestValidator(req["auth_token"]).validate(req["url"], MultiParams(req["params"]), req["signature"])


def twiml(req):
    """What twilio-python's VoiceResponse builds for one routing case."""
    r = VoiceResponse()
    case = req["case"]
    if case == "outbound":
        d = r.dial(caller_id=req["caller_id"], answer_on_bridge=True, time_limit=req["time_limit"], action=req["action"])
        d.number(req["to"])
    elif case == "inbound":
        kwargs = {"answer_on_bridge": True, "timeout": req["timeout"], "time_limit": req["time_limit"], "action": req["action"]}
        if req.get("caller_id"):
            kwargs["caller_id"] = req["caller_id"]
        d = r.dial(**kwargs)
        d.client(req["identity"])
    elif case == "refused":
        r.say(req["text"])
        r.hangup()
    elif case == "reject":
        r.reject(**req.get("kwargs", {}))
    elif case == "verbs":
        # A flat list of verbs: [name, text or null, {twilio-python keyword arguments}].
        for name, text, kwargs in req["verbs"]:
            verb = getattr(r, name)
            verb(text, **kwargs) if text is not None else verb(**kwargs)
    else:
        raise ValueError(case)
    theirs = r.to_xml()
    return {"theirs": theirs, "same_tree": tree(theirs) == tree(req["ours"])}


def tree(xml):
    """Tag, attributes, text and children, recursively: what "the same document" means."""
    def walk(e):
        return (e.tag, sorted(e.attrib.items()), (e.text or ""), [walk(c) for c in e])
    return walk(ET.fromstring(xml.encode("utf-8")))


def phone(req):
    """What Google's libphonenumber (Python port) says about one E.164 number."""
    n = phonenumbers.parse(req["number"], None)
    region = phonenumbers.region_code_for_number(n)
    kinds = {getattr(phonenumbers.PhoneNumberType, k): k.lower()
             for k in dir(phonenumbers.PhoneNumberType) if k.isupper()}
    reasons = {getattr(phonenumbers.ValidationResult, k): k.lower()
               for k in dir(phonenumbers.ValidationResult) if k.isupper()}
    return {
        "e164": phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164),
        "region": region if region and region != "001" else None,
        "type": kinds[phonenumbers.number_type(n)],
        "valid": phonenumbers.is_valid_number(n),
        "length": reasons[phonenumbers.is_possible_number_with_reason(n)],
        "national": phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.NATIONAL),
        "international": phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
    }


OPS = {"token": token, "sign": sign, "validate": validate, "twiml": twiml, "phone": phone}


def main():
    requests = json.load(sys.stdin)
    json.dump([OPS[r["op"]](r) for r in requests], sys.stdout)


if __name__ == "__main__":
    main()
