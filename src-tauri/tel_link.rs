//! `tel:` and `callto:` links: the number in a link a browser, a mail program or a contacts app
//! hands Dialtone. `tel:` follows RFC 3966 (`tel:+1-555-123-4567`,
//! `tel:5551234567;phone-context=+1`); `callto:` is the older Skype/NetMeeting scheme
//! (`callto:+15551234567`, `callto://+15551234567`). Whatever the link holds, the result is a
//! number [`crate::phone_control::check_number`] accepts, or a refusal that says what is wrong:
//! links come from web pages, so anything else is refused rather than guessed at.

use percent_encoding::percent_decode_str;

use crate::phone_control::{self, NumberRefused};

/// The longest link looked at. RFC 3966 sets no limit; a phone number with a few parameters
/// fits many times over, and a page cannot make Dialtone parse megabytes.
pub const MAX_LINK: usize = 512;

/// The schemes Dialtone registers for (also in `tauri.conf.json` and the desktop entry).
pub const SCHEMES: [&str; 2] = ["tel", "callto"];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("{0:?} is not a tel: or callto: link: Dialtone dials links such as tel:+15551234567 (for a plain number, use dialtone call NUMBER)")]
    NotAPhoneLink(String),
    #[error("the link is {0} characters long; Dialtone reads links of at most {MAX_LINK}")]
    TooLong(usize),
    #[error("the link has a broken %-escape, or one that is not UTF-8 text")]
    BadEscape,
    #[error("the link's phone-context {0:?} is neither a +country prefix nor a domain name")]
    BadContext(String),
    #[error("the link's number cannot be dialled: {0}")]
    Number(#[from] NumberRefused),
}

/// The number a `tel:` or `callto:` link calls: `+` and digits for a global number (a local
/// number with a `+…` phone-context gets that prefix), else the local digits, which the dial
/// pad reads like a typed national number. Visual separators (`-`, `.`, `(`, `)`, spaces) are
/// dropped; parameters other than phone-context are ignored, as RFC 3966 §3 allows; an
/// extension (`;ext=`) cannot be dialled through Twilio, so it is left for the keypad.
pub fn number_in(link: &str) -> Result<String, LinkError> {
    let length = link.chars().count();
    if length > MAX_LINK {
        return Err(LinkError::TooLong(length));
    }
    let link = link.trim();
    let Some((scheme, rest)) = link.split_once(':') else {
        return Err(LinkError::NotAPhoneLink(shorten(link)));
    };
    if !SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
        return Err(LinkError::NotAPhoneLink(shorten(link)));
    }
    // `callto://` is how that scheme is usually written; some pages write `tel://` too.
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    // Parameters are split before unescaping: an escaped `;` belongs to its value.
    let mut parts = rest.split(';');
    let number = decode(parts.next().unwrap_or_default())?;
    let mut context = None;
    for part in parts {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        if name.eq_ignore_ascii_case("phone-context") {
            context = Some(decode(value)?);
        }
    }
    // Some programs add a trailing slash to `callto://` links.
    let number = number.trim_end_matches('/');
    let digits = strip_separators(phone_control::check_number(number)?);
    if digits.starts_with('+') {
        return Ok(digits);
    }
    match context {
        Some(context) if context.starts_with('+') => {
            let prefix = strip_separators(&context);
            if prefix.len() < 2 || !prefix[1..].bytes().all(|b| b.is_ascii_digit()) {
                return Err(LinkError::BadContext(shorten(&context)));
            }
            let global = format!("{prefix}{digits}");
            phone_control::check_number(&global)?;
            Ok(global)
        }
        Some(context) if !is_domain(&context) => Err(LinkError::BadContext(shorten(&context))),
        // A domain context (or none, which RFC 3966 does not allow for local numbers but
        // pages write anyway) leaves a local number: the dial pad applies the home country.
        _ => Ok(digits),
    }
}

fn decode(text: &str) -> Result<String, LinkError> {
    // A `%` not followed by two hex digits is passed through by the decoder; refuse it here.
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        {
            return Err(LinkError::BadEscape);
        }
    }
    percent_decode_str(text)
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| LinkError::BadEscape)
}

/// Digits, `+`, `*` and `#` only.
fn strip_separators(number: &str) -> String {
    number
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect()
}

/// A domain name as RFC 3966's `domainname`: dot-separated labels of letters, digits and `-`.
fn is_domain(text: &str) -> bool {
    let text = text.strip_suffix('.').unwrap_or(text);
    !text.is_empty()
        && text.len() <= 253
        && text.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// What a refusal quotes of the link: enough to recognise it, never a page of junk.
fn shorten(text: &str) -> String {
    const SHOWN: usize = 40;
    if text.chars().count() <= SHOWN {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(SHOWN).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_numbers_lose_their_separators() {
        for (link, number) in [
            ("tel:+1-555-123-4567", "+15551234567"),
            ("TEL:+1.555.123.4567", "+15551234567"),
            ("tel:+1(555)1234567", "+15551234567"),
            ("tel:+44-20-7946-0958;ext=123", "+442079460958"),
            ("tel:+15551234567;isub=1411;foo=bar", "+15551234567"),
            ("tel://+15551234567", "+15551234567"),
            ("callto:+15551234567", "+15551234567"),
            ("callto://+15551234567", "+15551234567"),
            ("callto://+15551234567/", "+15551234567"),
            ("tel:%2B1%20555%20123%204567", "+15551234567"),
            ("  tel:+15551234567\n", "+15551234567"),
        ] {
            assert_eq!(number_in(link).as_deref(), Ok(number), "{link}");
        }
    }

    #[test]
    fn a_global_phone_context_makes_a_local_number_global() {
        for (link, number) in [
            ("tel:5551234567;phone-context=+1", "+15551234567"),
            ("tel:555-123-4567;phone-context=+1", "+15551234567"),
            ("tel:1234567;phone-context=+1-555", "+15551234567"),
            ("tel:7946-0958;PHONE-CONTEXT=%2B44-20", "+442079460958"),
            ("tel:5551234567;phone-context=example.com", "5551234567"),
            ("tel:5551234567", "5551234567"),
        ] {
            assert_eq!(number_in(link).as_deref(), Ok(number), "{link}");
        }
    }

    #[test]
    fn junk_is_refused_with_the_reason() {
        assert!(matches!(
            number_in("https://example.com"),
            Err(LinkError::NotAPhoneLink(_))
        ));
        assert!(matches!(
            number_in("+15551234567"),
            Err(LinkError::NotAPhoneLink(_))
        ));
        assert!(matches!(
            number_in("sms:+15551234567"),
            Err(LinkError::NotAPhoneLink(_))
        ));
        assert_eq!(
            number_in("tel:1-800-FLOWERS"),
            Err(LinkError::Number(NumberRefused::Character('F')))
        );
        assert_eq!(
            number_in("callto://some.skype.name"),
            Err(LinkError::Number(NumberRefused::Character('s')))
        );
        assert_eq!(
            number_in("tel:%2"),
            Err(LinkError::BadEscape),
            "a cut-off escape"
        );
        assert_eq!(number_in("tel:%FF%FE"), Err(LinkError::BadEscape));
        assert_eq!(
            number_in("tel:+1555%0A1234"),
            Err(LinkError::Number(NumberRefused::Character('\n')))
        );
        assert_eq!(
            number_in("tel:"),
            Err(LinkError::Number(NumberRefused::Empty))
        );
        assert_eq!(
            number_in("tel:5551234;phone-context=+"),
            Err(LinkError::BadContext("+".into()))
        );
        assert_eq!(
            number_in("tel:5551234;phone-context=<script>"),
            Err(LinkError::BadContext("<script>".into()))
        );
        assert_eq!(
            number_in(&format!("tel:+1{}", "5".repeat(600))),
            Err(LinkError::TooLong(606))
        );
        assert_eq!(
            number_in(&format!("tel:{};phone-context=+1", "5".repeat(63))),
            Err(LinkError::Number(NumberRefused::TooLong(65))),
            "the number with its context is checked too"
        );
    }

    #[test]
    fn refusals_quote_a_bounded_piece_of_the_link() {
        let junk = format!("javascript:{}", "a".repeat(400));
        let message = number_in(&junk).unwrap_err().to_string();
        assert!(message.len() < 200, "{message}");
        assert!(message.contains("tel:+15551234567"), "{message}");
    }

    /// Nothing a web page can put in a link makes the parser panic, and whatever it accepts
    /// is a number the phone accepts.
    #[test]
    fn arbitrary_links_never_panic() {
        let pieces = [
            "tel:",
            "callto:",
            "//",
            "+",
            "1",
            "5",
            "-",
            ".",
            "(",
            ")",
            ";",
            "=",
            "%",
            "%2B",
            "%3B",
            "%C3%A9",
            "%FF",
            "phone-context",
            "ext",
            "é",
            "\u{0}",
            " ",
            "/",
            "a",
            "+44",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut link = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                link.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            if let Ok(number) = number_in(&link) {
                assert!(phone_control::check_number(&number).is_ok(), "{link:?}");
            }
        }
    }
}
