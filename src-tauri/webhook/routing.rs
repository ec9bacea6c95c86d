//! Who may be connected to whom: the tutorial's two cases, made safe.
//!
//! Everything here is pure, so every rule is tested without a server.

use crate::phone_number::{CountryCode, E164};
use crate::settings::WebhookSettings;
use crate::twiml;

mod destination;
pub mod echo_test;

pub use destination::{Refusal, Risk};

/// How long an incoming call rings the app before it goes to voicemail, unless the Ring time
/// setting says otherwise (seconds).
pub const RING_TIMEOUT_SECS: u32 = crate::settings::DEFAULT_RING_SECS;

/// What to do with a call, decided from the webhook's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Our app dials out to an allowed destination.
    Outbound { to: E164 },
    /// Our app dialed something we will not bridge; say why and hang up.
    OutboundRefused { reason: Refusal },
    /// Our app's "Test my set-up" call: its audio comes straight back ([`echo_test`]).
    EchoTest,
    /// Someone called our number: ring our app.
    Inbound { caller_id: Option<E164> },
    /// Not ours (another identity, another account, another number): refuse unanswered.
    Rejected { reason: &'static str },
}

/// The webhook fields routing reads.
#[derive(Debug, Default, Clone, Copy)]
pub struct CallFields<'a> {
    pub account_sid: &'a str,
    pub from: &'a str,
    pub to: &'a str,
}

impl<'a> CallFields<'a> {
    /// The first value of each field; `From` falls back to `Caller` and `To` to `Called`, which
    /// Twilio sends with the same values.
    pub fn from_params(params: &'a [(String, String)]) -> Self {
        let first = |name: &str| {
            params
                .iter()
                .find(|(k, v)| k == name && !v.is_empty())
                .map(|(_, v)| v.as_str())
        };
        Self {
            account_sid: first("AccountSid").unwrap_or(""),
            from: first("From").or_else(|| first("Caller")).unwrap_or(""),
            to: first("To").or_else(|| first("Called")).unwrap_or(""),
        }
    }
}

pub fn route(call: CallFields<'_>, settings: &WebhookSettings) -> Route {
    if call.account_sid != settings.account_sid {
        return Route::Rejected {
            reason: "the call belongs to another Twilio account",
        };
    }
    if let Some(identity) = call.from.strip_prefix("client:") {
        if identity != settings.identity {
            return Route::Rejected {
                reason: "the call comes from another client identity",
            };
        }
        if echo_test::is_echo_test(call.to) {
            return Route::EchoTest;
        }
        return match destination::check(call.to.trim(), settings) {
            Ok(to) => Route::Outbound { to },
            Err(reason) => Route::OutboundRefused { reason },
        };
    }
    if call.to == settings.twilio_number.as_str() {
        // A withheld or malformed caller ID ("anonymous") is left out, so Twilio shows its own.
        return Route::Inbound {
            caller_id: E164::parse(call.from).ok(),
        };
    }
    Route::Rejected {
        reason: "the call is not for our number",
    }
}

/// The TwiML for a route; an incoming call rings for `ring_secs`. Both kinds of `<Dial>` report
/// how they ended to the `<Dial action>` ([`super::answering`]), which journals it and, for
/// an unanswered incoming call, answers with voicemail.
pub fn twiml(route: &Route, settings: &WebhookSettings, ring_secs: u32) -> String {
    match route {
        Route::Outbound { to } => twiml::response([twiml::dial()
            .attr("action", super::answering::DIAL_STATUS_PATH)
            .attr("callerId", settings.caller_id().as_str())
            .attr("answerOnBridge", "true")
            .attr("timeLimit", settings.max_call_seconds.to_string())
            .number(to.as_str())]),
        Route::OutboundRefused { reason } => {
            twiml::response([twiml::say(&reason.spoken()), twiml::hangup()])
        }
        Route::EchoTest => echo_test::twiml(),
        Route::Inbound { caller_id } => {
            let mut dial = twiml::dial()
                .attr("action", super::answering::DIAL_STATUS_PATH)
                .attr("answerOnBridge", "true")
                .attr("timeout", ring_secs.to_string())
                // The same cap as outbound: a caller holding the line for hours costs the
                // owner too (a toll-free number pays for every inbound minute).
                .attr("timeLimit", settings.max_call_seconds.to_string());
            if let Some(caller_id) = caller_id {
                dial = dial.attr("callerId", caller_id.as_str());
            }
            twiml::response([dial.client(&settings.identity)])
        }
        Route::Rejected { .. } => twiml::response([twiml::reject()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phone_number::Country;

    const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";

    fn settings() -> WebhookSettings {
        WebhookSettings {
            account_sid: ACCOUNT.into(),
            auth_token: None,
            twilio_number: E164::parse("+15551234567").unwrap(),
            identity: "alice".into(),
            public_base: None,
            allowed_country_codes: vec![
                Country::parse("1").unwrap(),
                Country::parse("44").unwrap(),
            ],
            allowed_numbers: vec![],
            max_call_seconds: 3600,
            outgoing_caller_id: None,
        }
    }

    fn call<'a>(from: &'a str, to: &'a str) -> CallFields<'a> {
        CallFields {
            account_sid: ACCOUNT,
            from,
            to,
        }
    }

    #[test]
    fn outbound_to_an_allowed_country_dials() {
        let route = route(call("client:alice", "+442079460958"), &settings());
        assert_eq!(
            route,
            Route::Outbound {
                to: E164::parse("+442079460958").unwrap()
            }
        );
        assert_eq!(
            twiml(&route, &settings(), RING_TIMEOUT_SECS),
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial action="dial_status" answerOnBridge="true" callerId="+15551234567" timeLimit="3600"><Number>+442079460958</Number></Dial></Response>"#
        );
    }

    #[test]
    fn outbound_elsewhere_is_refused_aloud() {
        let s = settings();
        assert_eq!(
            route(call("client:alice", "+882345678901"), &s),
            Route::OutboundRefused {
                reason: Refusal::CountryNotAllowed { code: 882 }
            }
        );
        for bad in [
            "",
            "5557654321",
            "</Number><Number>+19005550100",
            "+1 555 765 4321",
            "sip:x@y",
        ] {
            let r = route(call("client:alice", bad), &s);
            assert_eq!(
                r,
                Route::OutboundRefused {
                    reason: Refusal::NotANumber
                },
                "{bad:?}"
            );
            let xml = twiml(&r, &s, RING_TIMEOUT_SECS);
            assert!(
                xml.contains("<Say>") && xml.ends_with("<Hangup /></Response>"),
                "{xml}"
            );
            assert!(!xml.contains("<Dial"));
        }
    }

    #[test]
    fn inbound_rings_our_client() {
        let s = settings();
        let r = route(call("+447700900123", "+15551234567"), &s);
        assert_eq!(
            twiml(&r, &s, RING_TIMEOUT_SECS),
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial action="dial_status" answerOnBridge="true" callerId="+447700900123" timeLimit="3600" timeout="30"><Client>alice</Client></Dial></Response>"#
        );
        let anonymous = route(call("anonymous", "+15551234567"), &s);
        assert_eq!(anonymous, Route::Inbound { caller_id: None });
    }

    #[test]
    fn strangers_are_rejected() {
        let s = settings();
        for (account, from, to) in [
            (ACCOUNT, "client:mallory", "+15557654321"),
            (
                "AC9999999999abcdef0123456789abcdef",
                "client:alice",
                "+15557654321",
            ),
            (ACCOUNT, "+15557654321", "+15559999999"),
            ("", "", ""),
        ] {
            let r = route(
                CallFields {
                    account_sid: account,
                    from,
                    to,
                },
                &s,
            );
            assert!(matches!(r, Route::Rejected { .. }), "{r:?}");
            assert!(twiml(&r, &s, RING_TIMEOUT_SECS).ends_with("<Response><Reject /></Response>"));
        }
    }

    #[test]
    fn fields_fall_back_to_caller_and_called() {
        let params = vec![
            ("AccountSid".to_owned(), ACCOUNT.to_owned()),
            ("From".to_owned(), String::new()),
            ("Caller".to_owned(), "client:alice".to_owned()),
            ("To".to_owned(), "+15557654321".to_owned()),
            ("To".to_owned(), "+19005550100".to_owned()),
        ];
        let fields = CallFields::from_params(&params);
        assert_eq!(fields.from, "client:alice");
        assert_eq!(fields.to, "+15557654321", "the first To wins");
    }
}
