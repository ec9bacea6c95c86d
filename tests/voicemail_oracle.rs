//! The voicemail TwiML against twilio-python's `VoiceResponse` (tests/oracle/oracle.py): what an
//! unanswered call gets, with a spoken or a recorded greeting, with voicemail off, under
//! do-not-disturb, and after a message.

mod common;

use common::ask_oracle;
use dialtone::i18n::Language;
use dialtone::settings::default_greeting;
use dialtone::webhook::answering::{self, Answering, Voicemail};
use serde_json::{json, Value};

fn oracle_case(ours: String, verbs: Value) -> Value {
    json!({"op": "twiml", "case": "verbs", "verbs": verbs, "ours": ours})
}

#[test]
fn voicemail_twiml_is_what_twilio_python_builds() {
    let answering = Answering {
        ring_secs: 20,
        do_not_disturb: false,
        voicemail: Some(Voicemail {
            greeting: "Ana here & not now <sorry>. Leave a message.".into(),
            max_secs: 90,
        }),
        language: Language::En,
    };
    let record = json!({
        "action": "voicemail/recorded",
        "max_length": 90,
        "recording_status_callback": "voicemail/status"
    });
    let off = Answering {
        voicemail: None,
        ..answering.clone()
    };
    let japanese = Answering {
        voicemail: Some(Voicemail {
            greeting: default_greeting(Language::Ja),
            max_secs: 90,
        }),
        language: Language::Ja,
        ..answering.clone()
    };
    let requests = vec![
        oracle_case(
            answering.unanswered(false),
            json!([
                ["say", "Ana here & not now <sorry>. Leave a message.", {}],
                ["record", null, record],
                ["say", "No message was recorded. Goodbye.", {}],
                ["hangup", null, {}]
            ]),
        ),
        oracle_case(
            answering.unanswered(true),
            json!([
                ["play", "voicemail/greeting", {}],
                ["record", null, record],
                ["say", "No message was recorded. Goodbye.", {}],
                ["hangup", null, {}]
            ]),
        ),
        oracle_case(
            answering.do_not_disturb_twiml(false),
            json!([
                ["say", "Ana here & not now <sorry>. Leave a message.", {}],
                ["record", null, record],
                ["say", "No message was recorded. Goodbye.", {}],
                ["hangup", null, {}]
            ]),
        ),
        oracle_case(off.unanswered(false), json!([["hangup", null, {}]])),
        oracle_case(
            off.do_not_disturb_twiml(false),
            json!([["reject", null, {"reason": "busy"}]]),
        ),
        oracle_case(
            answering.recorded(),
            json!([
                ["say", "Thank you, your message was recorded. Goodbye.", {}],
                ["hangup", null, {}]
            ]),
        ),
        // In Japanese, every <Say> carries the language Twilio should read it in.
        oracle_case(
            japanese.unanswered(false),
            json!([
                ["say", default_greeting(Language::Ja), {"language": "ja-JP"}],
                ["record", null, record],
                ["say", "メッセージは録音されませんでした。失礼いたします。", {"language": "ja-JP"}],
                ["hangup", null, {}]
            ]),
        ),
        oracle_case(
            japanese.recorded(),
            json!([
                ["say", "メッセージをお預かりしました。ありがとうございました。", {"language": "ja-JP"}],
                ["hangup", null, {}]
            ]),
        ),
        oracle_case(answering::hang_up(), json!([["hangup", null, {}]])),
    ];
    for (request, answer) in requests.iter().zip(ask_oracle(&requests)) {
        assert_eq!(answer["same_tree"], true, "{request} vs {answer}");
        assert_eq!(answer["theirs"], request["ours"], "byte-for-byte too");
    }
}
