//! Who may be connected to whom: the tutorial's two cases, made safe.
//!
//! Everything here is pure, so every rule is tested without a server.

use crate::phone_number::{NumberError, E164};
use crate::settings::WebhookSettings;
use crate::twiml;

/// How long an incoming call rings the app before Twilio gives up (seconds).
pub const RING_TIMEOUT_SECS: u32 = 30;

/// What to do with a call, decided from the webhook's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Our app dials out to an allowed destination.
    Outbound { to: E164 },
    /// Our app dialed something we will not bridge; say why and hang up.
    OutboundRefused { reason: Refusal },
    /// Someone called our number: ring our app.
    Inbound { caller_id: Option<E164> },
    /// Not ours (another identity, another account, another number): refuse unanswered.
    Rejected { reason: &'static str },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotANumber,
    /// Well formed, but no country has that calling code.
    UnknownCountry,
    CountryNotAllowed {
        code: u16,
    },
    /// +1 numbers outside the US and Canada, or premium rate (see [`RESTRICTED_NANP_AREAS`]).
    RestrictedNanpArea {
        area: u16,
    },
}

/// Area codes under +1 that are not the US or Canada (Caribbean and Atlantic countries with
/// their own rates), plus the 900 and 976 premium-rate codes: classic toll-fraud destinations
/// hiding behind "+1". Allowing country code 1 means the US and Canada, so these stay refused.
pub const RESTRICTED_NANP_AREAS: &[u16] = &[
    242, 246, 264, 268, 284, 345, 441, 473, 649, 658, 664, 721, 758, 767, 784, 809, 829, 849, 868,
    869, 876, 900, 976,
];

impl Refusal {
    /// What the caller hears.
    fn spoken(&self) -> String {
        match self {
            Refusal::NotANumber => "This call cannot be placed. Dial the full number with a plus sign and the country code.".to_owned(),
            Refusal::UnknownCountry => "This call cannot be placed: the number does not start with a country code in use.".to_owned(),
            Refusal::RestrictedNanpArea { area } => format!(
                "Calls to area code {area} are not allowed from this phone: it is outside the United States and Canada, or premium rate."
            ),
            Refusal::CountryNotAllowed { code } => format!(
                "Calls to country code {code} are not allowed from this phone. Ask the owner to allow it in Dialtone's settings."
            ),
        }
    }

    /// What the log says.
    pub fn describe(&self) -> String {
        match self {
            Refusal::NotANumber => "destination is not an E.164 number".to_owned(),
            Refusal::UnknownCountry => {
                "destination has no assigned country calling code".to_owned()
            }
            Refusal::RestrictedNanpArea { area } => {
                format!("+1 area code {area} is outside the US and Canada or premium rate")
            }
            Refusal::CountryNotAllowed { code } => {
                format!("country calling code +{code} is not in the allowed list")
            }
        }
    }
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
        return match E164::parse(call.to.trim()) {
            Err(NumberError::UnknownCountryCode(_)) => Route::OutboundRefused {
                reason: Refusal::UnknownCountry,
            },
            Err(NumberError::NotE164(_)) => Route::OutboundRefused {
                reason: Refusal::NotANumber,
            },
            Ok(to) => match allowed(&to, settings) {
                Ok(()) => Route::Outbound { to },
                Err(reason) => Route::OutboundRefused { reason },
            },
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

/// Whether `to` is a destination the owner allowed.
fn allowed(to: &E164, settings: &WebhookSettings) -> Result<(), Refusal> {
    let code = to.country_code();
    if !settings.allowed_country_codes.contains(&code) {
        return Err(Refusal::CountryNotAllowed { code: code.value() });
    }
    if code.value() == 1 {
        let area: u16 = to.digits()[1..4]
            .parse()
            .expect("E.164 numbers have at least 7 digits");
        if RESTRICTED_NANP_AREAS.contains(&area) {
            return Err(Refusal::RestrictedNanpArea { area });
        }
    }
    Ok(())
}

/// The TwiML for a route.
pub fn twiml(route: &Route, settings: &WebhookSettings) -> String {
    match route {
        Route::Outbound { to } => twiml::response([twiml::dial()
            .attr("callerId", settings.caller_id().as_str())
            .attr("answerOnBridge", "true")
            .number(to.as_str())]),
        Route::OutboundRefused { reason } => {
            twiml::response([twiml::say(&reason.spoken()), twiml::hangup()])
        }
        Route::Inbound { caller_id } => {
            let mut dial = twiml::dial()
                .attr("answerOnBridge", "true")
                .attr("timeout", RING_TIMEOUT_SECS.to_string());
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
    use crate::phone_number::CountryCode;

    const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";

    fn settings() -> WebhookSettings {
        WebhookSettings {
            account_sid: ACCOUNT.into(),
            auth_token: None,
            twilio_number: E164::parse("+15551234567").unwrap(),
            identity: "alice".into(),
            public_base: None,
            allowed_country_codes: vec![
                CountryCode::parse("1").unwrap(),
                CountryCode::parse("44").unwrap(),
            ],
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
        let route = route(call("client:alice", "+447700900123"), &settings());
        assert_eq!(
            route,
            Route::Outbound {
                to: E164::parse("+447700900123").unwrap()
            }
        );
        assert_eq!(
            twiml(&route, &settings()),
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial answerOnBridge="true" callerId="+15551234567"><Number>+447700900123</Number></Dial></Response>"#
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
            let xml = twiml(&r, &s);
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
            twiml(&r, &s),
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Dial answerOnBridge="true" callerId="+447700900123" timeout="30"><Client>alice</Client></Dial></Response>"#
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
            assert!(twiml(&r, &s).ends_with("<Response><Reject /></Response>"));
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
