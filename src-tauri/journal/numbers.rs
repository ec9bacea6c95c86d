//! Numbers as people write them in address books (`(555) 123-4567`, `+44 20 7946 0958`,
//! `tel:+1-555-…`, `0044 …`) turned into E.164, so a contact matches the `From` of a call.
//!
//! A stop-gap over [`crate::phone_number::E164`]: national numbers get the home country's
//! code, with the trunk `0` dropped outside the NANP and `00`/`011` read as the international
//! prefix. When `phone_number` gains libphonenumber's `from_typed`, this becomes a call to it.

use crate::phone_number::{CountryCode, E164};

/// The E.164 form of `raw`, read as a number dialled from the country `home` (the Twilio
/// number's); `None` when it is no phone number.
pub fn to_e164(raw: &str, home: Option<CountryCode>) -> Option<E164> {
    let text = raw.trim();
    let text = text
        .strip_prefix("tel:")
        .or_else(|| text.strip_prefix("TEL:"))
        .unwrap_or(text);
    // An extension ("x12", "ext. 4", "#5") or an RFC 3966 parameter (";ext=12") is not part
    // of what Twilio sends as `From`. ASCII lowercasing keeps byte offsets.
    let lower = text.to_ascii_lowercase();
    let cut = ["ext", "x", "#", ";", ","]
        .iter()
        .filter_map(|marker| lower.find(marker))
        .min()
        .unwrap_or(text.len());
    let text = &text[..cut];
    let plus = text.trim_start().starts_with('+');
    let mut digits = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}' | '+' => {}
            _ => return None,
        }
    }
    if digits.is_empty() {
        return None;
    }
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else {
        let code = home?;
        match code.value() {
            1 => match digits.len() {
                10 => format!("1{digits}"),
                11 if digits.starts_with('1') => digits,
                _ => digits.strip_prefix("011")?.to_owned(),
            },
            // Most of the world dials national numbers with a trunk prefix 0.
            other => format!("{other}{}", digits.strip_prefix('0').unwrap_or(&digits)),
        }
    };
    E164::parse(&format!("+{international}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_address_books_write_them() {
        let us = CountryCode::parse("1");
        let uk = CountryCode::parse("44");
        for (raw, home, e164) in [
            ("+1 (555) 123-4567", us, Some("+15551234567")),
            ("(555) 123-4567", us, Some("+15551234567")),
            ("1-555-123-4567", us, Some("+15551234567")),
            ("555.123.4567", us, Some("+15551234567")),
            ("011 44 20 7946 0958", us, Some("+442079460958")),
            ("tel:+1-555-123-4567", None, Some("+15551234567")),
            ("+44 20 7946 0958", us, Some("+442079460958")),
            ("020 7946 0958", uk, Some("+442079460958")),
            ("0044 20 7946 0958", uk, Some("+442079460958")),
            ("07700 900123", uk, Some("+447700900123")),
            ("+1 555 123 4567 x89", None, Some("+15551234567")),
            ("+1 555 123 4567 ext. 4", None, Some("+15551234567")),
            ("tel:+1-555-123-4567;ext=12", None, Some("+15551234567")),
            ("555-1234", us, None),
            ("020 7946 0958", None, None),
            ("call me", us, None),
            ("", us, None),
        ] {
            assert_eq!(
                to_e164(raw, home).as_ref().map(E164::as_str),
                e164,
                "{raw:?} from {home:?}"
            );
        }
    }
}
