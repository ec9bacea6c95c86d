"""twilio-python sends the same REST calls as a Rust test, so the two request bodies can be compared.

Reads {"base": "http://127.0.0.1:PORT", "account_sid", "auth_token", "ops": [...]} on stdin; each op
is carried out with twilio-python's `Client` against `base`, in order, and nothing is printed
but "done": the simulator's event log holds what was sent. Used by tests/twilio_oracle.rs.
"""

import json
import sys

from twilio.rest import Client


def run(client, op):
    kind, args = op["op"], op.get("args", {})
    if kind == "list_numbers":
        client.incoming_phone_numbers.list(**args)
    elif kind == "update_number":
        client.incoming_phone_numbers(op["sid"]).update(**args)
    elif kind == "create_app":
        client.applications.create(**args)
    elif kind == "update_app":
        client.applications(op["sid"]).update(**args)
    elif kind == "list_apps":
        client.applications.list(**args)
    elif kind == "create_key":
        client.new_keys.create(**args)
    elif kind == "list_calls":
        client.calls.list(**args)
    elif kind == "list_recordings":
        client.recordings.list(**args)
    elif kind == "list_caller_ids":
        client.outgoing_caller_ids.list(**args)
    elif kind == "fetch_account":
        client.api.v2010.accounts(client.account_sid).fetch()
    else:
        raise SystemExit(f"unknown op {kind}")


def main():
    req = json.load(sys.stdin)
    client = Client(req["account_sid"], req["auth_token"])
    client.api.base_url = req["base"]
    for op in req["ops"]:
        run(client, op)
    print("done")


if __name__ == "__main__":
    main()
