//! E.164 numbers and their country calling codes.
//!
//! Outbound calls are only bridged to countries the user allowed, so the webhook must know
//! which country calling code a number starts with. ITU-T E.164 codes are prefix-free (no code
//! is the start of another), so the longest assigned prefix of one to three digits is the code.

use std::fmt;

/// A phone number in E.164 form: `+`, a non-zero digit, then 6 to 14 more digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct E164(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("{0:?} is not an E.164 number: write it as + then the country code and number, e.g. +15551234567")]
    NotE164(String),
    #[error("{0:?} does not start with an assigned country calling code")]
    UnknownCountryCode(String),
}

impl E164 {
    pub fn parse(text: &str) -> Result<Self, NumberError> {
        let digits = text
            .strip_prefix('+')
            .ok_or_else(|| NumberError::NotE164(text.to_owned()))?;
        let well_formed = (7..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if !well_formed {
            return Err(NumberError::NotE164(text.to_owned()));
        }
        if CountryCode::of_digits(digits).is_none() {
            return Err(NumberError::UnknownCountryCode(text.to_owned()));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The digits without the leading `+`.
    pub fn digits(&self) -> &str {
        &self.0[1..]
    }

    pub fn country_code(&self) -> CountryCode {
        CountryCode::of_digits(self.digits())
            .expect("E164::parse only accepts numbers with an assigned country code")
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An assigned ITU-T country calling code such as 1 (NANP), 44 or 353.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode(u16);

impl CountryCode {
    /// Parses `44`, `+44` or ` 44 `; refuses codes that are not assigned.
    pub fn parse(text: &str) -> Option<Self> {
        let digits = text.trim().trim_start_matches('+');
        let code: u16 = digits.parse().ok()?;
        (digits.len() <= 3 && !digits.starts_with('0') && is_assigned(code)).then_some(Self(code))
    }

    /// The code a string of national significant digits starts with.
    fn of_digits(digits: &str) -> Option<Self> {
        (1..=3)
            .filter_map(|len| digits.get(..len)?.parse::<u16>().ok())
            .find(|code| is_assigned(*code))
            .map(Self)
    }

    pub fn value(self) -> u16 {
        self.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Assigned country calling codes (ITU-T E.164 list, including the global services codes
/// 800, 808, 870, 878, 881-883, 888 and 979). Kept sorted for binary search.
const ASSIGNED: &[u16] = &[
    1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54,
    55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98, 211,
    212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234,
    235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253,
    254, 255, 256, 257, 258, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298,
    299, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374, 375, 376, 377,
    378, 379, 380, 381, 382, 383, 385, 386, 387, 389, 420, 421, 423, 500, 501, 502, 503, 504, 505,
    506, 507, 508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675,
    676, 677, 678, 679, 680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692, 800, 808, 850,
    852, 853, 855, 856, 870, 878, 880, 881, 882, 883, 886, 888, 960, 961, 962, 963, 964, 965, 966,
    967, 968, 970, 971, 972, 973, 974, 975, 976, 977, 979, 992, 993, 994, 995, 996, 998,
];

fn is_assigned(code: u16) -> bool {
    ASSIGNED.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigned_list_is_sorted_and_prefix_free() {
        assert!(ASSIGNED.windows(2).all(|w| w[0] < w[1]));
        for &code in ASSIGNED {
            let text = code.to_string();
            for len in 1..text.len() {
                let prefix: u16 = text[..len].parse().unwrap();
                assert!(!is_assigned(prefix), "{prefix} is a prefix of {code}");
            }
        }
    }

    #[test]
    fn finds_country_codes() {
        for (number, code) in [
            ("+15551234567", 1),
            ("+447700900123", 44),
            ("+353861234567", 353),
            ("+79161234567", 7),
            ("+8613812345678", 86),
            ("+12425551234", 1),
        ] {
            assert_eq!(
                E164::parse(number).unwrap().country_code().value(),
                code,
                "{number}"
            );
        }
    }

    #[test]
    fn refuses_malformed_numbers() {
        for bad in [
            "",
            "+",
            "15551234567",
            "+0123456789",
            "+1555",
            "+1234567890123456",
            "+1 555 123 4567",
            "+1555123456a",
            "++15551234567",
            "+2801234567",
        ] {
            assert!(E164::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn parses_country_codes() {
        assert_eq!(CountryCode::parse("+44").map(CountryCode::value), Some(44));
        assert_eq!(CountryCode::parse(" 1 ").map(CountryCode::value), Some(1));
        assert_eq!(CountryCode::parse("28"), None);
        assert_eq!(CountryCode::parse("044"), None);
        assert_eq!(CountryCode::parse("4444"), None);
        assert_eq!(CountryCode::parse("x"), None);
    }
}
