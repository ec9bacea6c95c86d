//! Phone numbers, judged by libphonenumber's metadata (Google's, version 9.0.33, through the
//! `phonenumber` crate; the UI's libphonenumber-js 1.13.7 carries the same release).
//!
//! [`E164`] is a number in canonical E.164 form whose calling code is in use; it knows its
//! region, its type and how to format itself. [`E164::from_typed`] reads a number the way a
//! person writes it. [`Country`] is one entry of the allowed-countries setting. The cases both
//! this module and the UI must agree on are in `tests/fixtures/phone-numbers.json`.

mod metadata;

use std::fmt;
use std::str::FromStr;

pub use metadata::{Kind, Length};

use phonenumber::{country::Id, Mode, PhoneNumber};

/// A phone number in canonical E.164 form (`+`, the calling code, the national significant
/// number, no separators) whose calling code some country or service uses.
///
/// Being well formed says nothing about the number being in use: ask [`E164::kind`].
#[derive(Clone)]
pub struct E164 {
    /// Always equal to what `number` formats as E.164.
    text: String,
    number: PhoneNumber,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("{0:?} is not an E.164 number: write it as + then the country code and number, e.g. +15551234567")]
    NotE164(String),
    #[error("{0:?} does not start with a country calling code in use")]
    UnknownCountryCode(String),
    #[error("enter a number")]
    Empty,
    #[error("a phone number cannot contain letters; type the digits instead")]
    Letters,
    #[error("* and # can only be sent as tones once a call is connected; remove them")]
    ToneDigits,
    #[error(
        "{0:?} cannot be part of a phone number; use digits, with + in front for the country code"
    )]
    BadCharacter(char),
    #[error("the + goes only at the start, before the country code")]
    MisplacedPlus,
    #[error("a country code never starts with 0; after the + type the country code, e.g. +44 for the UK")]
    ZeroCountryCode,
    #[error("add the country code: start with + (e.g. +1 for the US, +44 for the UK)")]
    NeedsCountryCode,
    #[error("too short for a +{code} number")]
    TooShort { code: u16 },
    #[error("too long for a +{code} number")]
    TooLong { code: u16 },
    #[error("no +{code} number has that many digits")]
    InvalidLength { code: u16 },
}

impl NumberError {
    /// The kind of error, as `tests/fixtures/phone-numbers.json` names it.
    pub fn kind(&self) -> &'static str {
        match self {
            NumberError::NotE164(_) | NumberError::BadCharacter(_) | NumberError::MisplacedPlus => {
                "not_a_number"
            }
            NumberError::UnknownCountryCode(_) | NumberError::ZeroCountryCode => {
                "unknown_country_code"
            }
            NumberError::Empty | NumberError::TooShort { .. } => "too_short",
            NumberError::Letters => "letters",
            NumberError::ToneDigits => "tone_digits",
            NumberError::NeedsCountryCode => "needs_country_code",
            NumberError::TooLong { .. } => "too_long",
            NumberError::InvalidLength { .. } => "invalid_length",
        }
    }
}

/// E.164 allows at most 15 digits after the `+`; the shortest numbers in use have 7.
const E164_DIGITS: std::ops::RangeInclusive<usize> = 7..=15;

impl E164 {
    /// Reads an exact E.164 string, as Twilio sends and the UI dials: no separators, no trunk
    /// prefix after the calling code, a calling code in use. The number need not be in use.
    pub fn parse(text: &str) -> Result<Self, NumberError> {
        let not_e164 = || NumberError::NotE164(text.to_owned());
        let digits = text.strip_prefix('+').ok_or_else(not_e164)?;
        let well_formed = E164_DIGITS.contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if !well_formed {
            return Err(not_e164());
        }
        let number = phonenumber::parse(None, text).map_err(|e| match e {
            phonenumber::ParseError::InvalidCountryCode => {
                NumberError::UnknownCountryCode(text.to_owned())
            }
            _ => not_e164(),
        })?;
        if !metadata::knows_code(number.code().value()) {
            return Err(NumberError::UnknownCountryCode(text.to_owned()));
        }
        let e164 = Self::from_number(number);
        // The parser forgives a trunk 0 after the calling code (+44 020…); E.164 does not.
        if e164.text != text {
            return Err(not_e164());
        }
        Ok(e164)
    }

    /// Reads a number as people write it: separators, `+` or an international prefix, and,
    /// with a `home` region, national numbers with or without their trunk prefix (dropped in
    /// the UK, kept in Italy, as the metadata says). The length must be one that country uses.
    pub fn from_typed(input: &str, home: Option<Region>) -> Result<Self, NumberError> {
        let compact: String = input.chars().filter(|c| !is_separator(*c)).collect();
        if compact.is_empty() {
            return Err(NumberError::Empty);
        }
        if compact.chars().any(char::is_alphabetic) {
            return Err(NumberError::Letters);
        }
        if compact.contains(['*', '#']) {
            return Err(NumberError::ToneDigits);
        }
        if let Some(bad) = compact.chars().find(|c| !c.is_ascii_digit() && *c != '+') {
            return Err(NumberError::BadCharacter(bad));
        }
        if compact.rfind('+').is_some_and(|at| at > 0) {
            return Err(NumberError::MisplacedPlus);
        }
        if let Some(digits) = compact.strip_prefix('+') {
            if digits.starts_with('0') {
                return Err(NumberError::ZeroCountryCode);
            }
            return Self::checked(&compact, None);
        }
        match home {
            // The home country's own international prefix (011, 0011, 010…) comes first; 00,
            // the most common one, is understood everywhere, as it was before.
            Some(home) => Self::checked(&compact, Some(home)).or_else(|error| {
                match compact.strip_prefix("00") {
                    Some(rest) if !rest.is_empty() => Self::checked(&format!("+{rest}"), None),
                    _ => Err(error),
                }
            }),
            None => match compact.strip_prefix("00") {
                Some(rest) if !rest.starts_with('0') => Self::checked(&format!("+{rest}"), None),
                _ => Err(NumberError::NeedsCountryCode),
            },
        }
    }

    /// Parses digits (and a leading `+`) and insists on a calling code in use and a length
    /// that code's numbers have.
    fn checked(digits: &str, home: Option<Region>) -> Result<Self, NumberError> {
        let region = home.and_then(|home| home.id());
        let code_from = |digits: &str| -> Option<u16> {
            let rest = digits.strip_prefix('+')?;
            (1..=3)
                .filter_map(|n| rest.get(..n)?.parse().ok())
                .find(|code| metadata::knows_code(*code))
        };
        let fallback_code = || code_from(digits).or_else(|| home.and_then(Region::calling_code));
        let number = phonenumber::parse(region, digits).map_err(|e| match e {
            phonenumber::ParseError::InvalidCountryCode => {
                NumberError::UnknownCountryCode(digits.to_owned())
            }
            phonenumber::ParseError::TooLong => match fallback_code() {
                Some(code) => NumberError::TooLong { code },
                None => NumberError::UnknownCountryCode(digits.to_owned()),
            },
            _ => match fallback_code() {
                Some(code) => NumberError::TooShort { code },
                None => NumberError::UnknownCountryCode(digits.to_owned()),
            },
        })?;
        let code = number.code().value();
        if !metadata::knows_code(code) {
            return Err(NumberError::UnknownCountryCode(digits.to_owned()));
        }
        let mut e164 = Self::from_number(number);
        // A trunk prefix the parser kept because dropping it left too few digits
        // (`020 7946 09` read as +44 020794609): the number is what E.164 makes of it.
        if let Ok(number) = phonenumber::parse(None, &e164.text) {
            e164 = Self::from_number(number);
        }
        // German numbers may have 15 digits after the 49 (or 4), but E.164 has 7 to 15 in all.
        if e164.digits().len() > *E164_DIGITS.end() {
            return Err(NumberError::TooLong { code });
        }
        if e164.digits().len() < *E164_DIGITS.start() {
            return Err(NumberError::TooShort { code });
        }
        match metadata::length_of(code, e164.national_digits(), false) {
            Length::Possible => Ok(e164),
            Length::TooShort | Length::LocalOnly => Err(NumberError::TooShort { code }),
            Length::TooLong => Err(NumberError::TooLong { code }),
            Length::Invalid => Err(NumberError::InvalidLength { code }),
        }
    }

    fn from_number(number: PhoneNumber) -> Self {
        let text = number.format().mode(Mode::E164).to_string();
        Self { text, number }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The digits without the leading `+`.
    pub fn digits(&self) -> &str {
        &self.text[1..]
    }

    pub fn country_code(&self) -> CountryCode {
        CountryCode(self.number.code().value())
    }

    /// The national significant number, with an Italian leading zero where there is one.
    pub fn national_digits(&self) -> &str {
        &self.text[1 + self.country_code().to_string().len()..]
    }

    /// Its region and its type, from the metadata, in one pass (what routing asks).
    pub fn classify(&self) -> Class {
        let (id, kind) = metadata::classify(self.country_code().0, self.national_digits());
        Class {
            region: id.and_then(Region::parse),
            kind,
        }
    }

    /// The region the number belongs to; `None` for a non-geographic code and for a shared
    /// calling code whose regions all disown the number (`+1 555…`).
    pub fn region(&self) -> Option<Region> {
        self.classify().region
    }

    /// The region national numbers are read against when this is the user's own number: its
    /// region, or, when the metadata places it nowhere (the fictional `+1 555…`), its calling
    /// code's main country (`US` for `1`), as the UI's `homeRegionOf` does.
    pub fn home_region(&self) -> Option<Region> {
        self.region().or_else(|| {
            metadata::regions(self.country_code().value())
                .first()
                .and_then(|id| Region::parse(id))
        })
    }

    /// What kind of number this is, from the metadata of its region.
    pub fn kind(&self) -> Kind {
        self.classify().kind
    }

    /// Whether numbers of this calling code have this many digits (`testNumberLength`).
    pub fn length(&self) -> Length {
        metadata::length_of(self.country_code().0, self.national_digits(), true)
    }

    /// In use, as far as the metadata knows.
    pub fn is_valid(&self) -> bool {
        self.kind() != Kind::Unknown
    }

    /// The exchange (NXX) of a NANP number: `976` for `+1 212 976 1234`.
    pub fn nanp_exchange(&self) -> Option<&str> {
        let national = self.national_digits();
        (self.country_code().0 == 1 && national.len() == 10).then(|| &national[3..6])
    }

    /// As the metadata writes it for callers in the same country: `020 7946 0958`.
    pub fn national_format(&self) -> String {
        self.number.format().mode(Mode::National).to_string()
    }

    /// As the metadata writes it for callers abroad: `+44 20 7946 0958`.
    pub fn international_format(&self) -> String {
        self.number.format().mode(Mode::International).to_string()
    }
}

impl PartialEq for E164 {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for E164 {}

impl std::hash::Hash for E164 {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl PartialOrd for E164 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for E164 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl fmt::Debug for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("E164").field(&self.text).finish()
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// What the metadata says about a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Class {
    /// `None` for non-geographic codes and numbers no region of their code claims.
    pub region: Option<Region>,
    pub kind: Kind,
}

/// Separators people paste from contact cards, web pages and spreadsheets.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '.' | '(' | ')' | '/' | '\u{a0}' | '\u{2010}'..='\u{2015}' | '\u{2212}'
        )
}

/// A country calling code in use, such as 1 (NANP), 44 or 353, or a non-geographic one (800).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode(u16);

impl CountryCode {
    /// Parses `44`, `+44` or ` 44 `; refuses codes no country or service uses.
    pub fn parse(text: &str) -> Option<Self> {
        let digits = text.trim().trim_start_matches('+');
        let code: u16 = digits.parse().ok()?;
        (digits.len() <= 3 && !digits.starts_with('0') && metadata::knows_code(code))
            .then_some(Self(code))
    }

    pub fn value(self) -> u16 {
        self.0
    }

    /// The regions allowing this code means. Shared codes mean their main country only
    /// (44 is the UK, not Jersey; 7 is Russia, not Kazakhstan), except that 1 means the US
    /// and Canada: the other NANP members (US territories, Caribbean and Atlantic countries)
    /// have their own rates and are named separately. Empty for non-geographic codes, which
    /// have no region.
    pub fn regions(self) -> Vec<Region> {
        if self.0 == 1 {
            return ["US", "CA"].into_iter().filter_map(Region::parse).collect();
        }
        metadata::regions(self.0)
            .first()
            .and_then(|id| Region::parse(id))
            .into_iter()
            .collect()
    }

    /// True for the global services codes (+800, +882, +979…), which belong to no country.
    pub fn is_non_geographic(self) -> bool {
        metadata::regions(self.0) == [metadata::NON_GEOGRAPHIC]
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A region libphonenumber has metadata for, by its two-letter code (`US`, `GB`, `PR`, `JE`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region([u8; 2]);

impl fmt::Debug for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Region({})", self.as_str())
    }
}

impl Region {
    /// Parses `PR` or `pr`; refuses codes without metadata (and `001`, the non-geographic id).
    pub fn parse(text: &str) -> Option<Self> {
        let upper = text.trim().to_ascii_uppercase();
        let bytes: [u8; 2] = upper.as_bytes().try_into().ok()?;
        (bytes.iter().all(u8::is_ascii_uppercase) && metadata::knows_region(&upper))
            .then_some(Self(bytes))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("two ASCII letters")
    }

    pub fn calling_code(self) -> Option<u16> {
        metadata::code_of_region(self.as_str())
    }

    fn id(self) -> Option<Id> {
        Id::from_str(self.as_str()).ok()
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of the allowed-countries setting: a calling code (`44`: see
/// [`CountryCode::regions`] for what it covers) or one region by name (`PR`, `JM`, `JE`).
/// Codes sort before regions, so a normalised list reads `1,44,PR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Country {
    Code(CountryCode),
    Region(Region),
}

impl Country {
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.starts_with(|c: char| c.is_ascii_alphabetic()) {
            Region::parse(text).map(Country::Region)
        } else {
            CountryCode::parse(text).map(Country::Code)
        }
    }

    /// The calling code numbers of this entry start with.
    pub fn calling_code(self) -> Option<u16> {
        match self {
            Country::Code(code) => Some(code.value()),
            Country::Region(region) => region.calling_code(),
        }
    }

    /// Whether `number` is in what this entry allows.
    pub fn covers(self, number: &E164) -> bool {
        self.covers_in(number, number.region())
    }

    /// [`Country::covers`] for a number whose region is already known.
    pub fn covers_in(self, number: &E164, region: Option<Region>) -> bool {
        match self {
            Country::Code(code) if code.is_non_geographic() => number.country_code() == code,
            Country::Code(code) => {
                number.country_code() == code
                    && region.is_some_and(|region| code.regions().contains(&region))
            }
            Country::Region(entry) => region == Some(entry),
        }
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Country::Code(code) => code.fmt(f),
            Country::Region(region) => region.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(text: &str) -> E164 {
        E164::parse(text).unwrap()
    }

    #[test]
    fn finds_country_codes_from_the_metadata() {
        for (number, code) in [
            ("+15551234567", 1),
            ("+447700900123", 44),
            ("+353861234567", 353),
            ("+79161234567", 7),
            ("+8613812345678", 86),
            ("+12425551234", 1),
            ("+80012345678", 800),
        ] {
            assert_eq!(e164(number).country_code().value(), code, "{number}");
        }
    }

    #[test]
    fn refuses_what_is_not_exact_e164() {
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
            "+4402079460958",
        ] {
            assert!(
                matches!(E164::parse(bad), Err(NumberError::NotE164(_))),
                "{bad:?} should be refused"
            );
        }
        assert_eq!(
            E164::parse("+2801234567"),
            Err(NumberError::UnknownCountryCode("+2801234567".into()))
        );
    }

    #[test]
    fn an_italian_leading_zero_is_kept_and_classified() {
        let rome = E164::from_typed("06 1234 5678", Region::parse("IT")).unwrap();
        assert_eq!(rome.as_str(), "+390612345678");
        assert_eq!(rome.national_digits(), "0612345678");
        assert_eq!(rome.region(), Region::parse("IT"));
        assert_eq!(rome.kind(), Kind::FixedLine);
        assert_eq!(rome.national_format(), "06 1234 5678");
    }

    #[test]
    fn typed_numbers_say_what_is_wrong() {
        let gb = Region::parse("GB");
        for (input, kind) in [
            ("", "too_short"),
            ("020 7946 09", "invalid_length"),
            ("020 7946 09581", "too_long"),
            ("0800-FLOWERS", "letters"),
            ("020 7946 0958#", "tone_digits"),
            ("020_7946", "not_a_number"),
            ("+44 20+7946", "not_a_number"),
            ("+0 20", "unknown_country_code"),
            ("+28 1234 5678", "unknown_country_code"),
        ] {
            let err = E164::from_typed(input, gb).unwrap_err();
            assert_eq!(err.kind(), kind, "{input:?}: {err}");
        }
        assert_eq!(
            E164::from_typed("020 7946 0958", None),
            Err(NumberError::NeedsCountryCode)
        );
        assert_eq!(
            E164::from_typed("0044 20 7946 0958", None).unwrap(),
            e164("+442079460958")
        );
    }

    /// Whatever reaches the webhook or a settings field: no panic, and every accepted number
    /// can be classified and formatted.
    #[test]
    fn the_home_region_falls_back_to_the_codes_main_country() {
        for (number, home) in [
            ("+15551234567", "US"),
            ("+12125550123", "US"),
            ("+14165550123", "CA"),
            ("+390612345678", "IT"),
            ("+447700900123", "GB"),
        ] {
            let e164 = E164::parse(number).unwrap();
            assert_eq!(
                e164.home_region().map(|r| r.as_str().to_owned()),
                Some(home.to_owned()),
                "{number}"
            );
        }
    }

    #[test]
    fn arbitrary_input_never_panics() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        const CHARS: &[u8] = b"0123456789012345678901234567890123456789+ -()#*.a";
        for _ in 0..2000 {
            let len = 1 + next(22) as usize;
            let text: String = (0..len)
                .map(|i| {
                    if i == 0 && next(3) > 0 {
                        '+'
                    } else {
                        char::from(CHARS[next(CHARS.len() as u64) as usize])
                    }
                })
                .collect();
            if let Ok(n) = E164::parse(&text) {
                let _ = (
                    n.region(),
                    n.kind(),
                    n.length(),
                    n.national_format(),
                    n.international_format(),
                );
            }
            let home = Region::parse(["US", "GB", "IT", "JP", "DE"][next(5) as usize]);
            if let Ok(n) = E164::from_typed(&text, home) {
                assert!(E164::parse(n.as_str()).is_ok(), "{text:?} gave {n:?}");
                let _ = (n.region(), n.kind(), n.national_format());
            }
        }
    }

    #[test]
    fn allowed_country_entries() {
        let uk = Country::parse("44").unwrap();
        let pr = Country::parse("pr").unwrap();
        assert_eq!(pr.to_string(), "PR");
        assert!(Country::parse("28").is_none() && Country::parse("XX").is_none());
        assert!(Country::parse("001").is_none());
        assert!(uk.covers(&e164("+442079460958")));
        assert!(!uk.covers(&e164("+441534456789")), "Jersey is not the UK");
        let nanp = Country::parse("1").unwrap();
        assert!(nanp.covers(&e164("+12125550123")) && nanp.covers(&e164("+14165550123")));
        assert!(!nanp.covers(&e164("+17875550123")), "Puerto Rico is named");
        assert!(pr.covers(&e164("+17875550123")));
        assert!(Country::parse("800").unwrap().covers(&e164("+80012345678")));
        let mut list = [pr, uk, nanp];
        list.sort();
        assert_eq!(list.map(|c| c.to_string()), ["1", "44", "PR"]);
    }
}
