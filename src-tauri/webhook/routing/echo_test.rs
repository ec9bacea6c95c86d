//! The "Test my set-up" destination: a call from our own app to [`ECHO_TEST_DESTINATION`] is
//! answered with `<Echo/>`, so the app hears its own audio come back over the real path to
//! Twilio and reads the call's quality samples.
//!
//! Why this is safe to expose through the public webhook: it is reached only after the
//! signature check and only from `client:<our identity>` of our account ([`super::route`]
//! checks both first), it never dials anything (no `<Dial>`, so no PSTN leg and no toll), and
//! the value is not a phone number, so no typing of a number can land here by accident.
//! Anyone else asking for it gets the refusal they would get today.

use crate::twiml;

/// What the app sends as `To` for the test call. `dialtone:` is no URI scheme Twilio or a
/// phone network knows, so it can never be mistaken for, or normalised into, a number.
pub const ECHO_TEST_DESTINATION: &str = "dialtone:echo-test";

/// Whether `to` asks for the test destination: exactly, as the app sends it.
pub fn is_echo_test(to: &str) -> bool {
    to == ECHO_TEST_DESTINATION
}

/// `<Response><Echo /></Response>`: Twilio answers and echoes until the app hangs up (the app
/// hangs up by itself after about ten seconds).
pub fn twiml() -> String {
    twiml::response([twiml::echo()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_destination_is_the_test() {
        assert!(is_echo_test("dialtone:echo-test"));
        for other in [
            "",
            "dialtone:echo-test ",
            " dialtone:echo-test",
            "DIALTONE:ECHO-TEST",
            "dialtone:echo-test?x=1",
            "dialtone:echo",
            "+15557654321",
        ] {
            assert!(!is_echo_test(other), "{other:?}");
        }
    }

    #[test]
    fn the_answer_is_a_bare_echo() {
        // twilio-python 9.13.0: `r = VoiceResponse(); r.echo(); str(r)`.
        assert_eq!(
            twiml(),
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Echo /></Response>"#
        );
    }
}
