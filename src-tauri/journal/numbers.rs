//! Numbers as people write them in address books (`(555) 123-4567`, `+44 20 7946 0958`,
//! `tel:+1-555-…`, `0044 …`) turned into E.164, so a contact matches the `From` of a call.
//!
//! What address books add around a number (`tel:`, extensions, RFC 3966 parameters) is cut
//! here; the number itself is read by [`E164::from_typed`] with libphonenumber's metadata, so a
//! contact's national number means what the dial pad would make of it (Italy keeps its 0).

use crate::phone_number::{Region, E164};

/// The E.164 form of `raw`, read as a number dialled from the region `home` (the Twilio
/// number's); `None` when it is no phone number.
pub fn to_e164(raw: &str, home: Option<Region>) -> Option<E164> {
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
    E164::from_typed(text, home).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_address_books_write_them() {
        let us = Region::parse("US");
        let uk = Region::parse("GB");
        let it = Region::parse("IT");
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
            ("06 1234 5678", it, Some("+390612345678")),
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
