//! What libphonenumber's metadata says about one number: its region, its type, whether its
//! length is possible.
//!
//! The `phonenumber` crate carries Google's metadata and parses and formats well, but three of
//! its own answers differ from libphonenumber's: `number_type` and `country().id()` drop an
//! Italian leading zero (`+39 06…` comes out as type unknown, no region), descriptor patterns
//! match a prefix of the number instead of all of it, and the general description has no
//! possible lengths (Google's build computes them). This module answers the same three
//! questions from the crate's metadata the way `PhoneNumberUtil` does
//! (`getRegionCodeForNumberFromRegionList`, `getNumberTypeHelper`, `testNumberLength`);
//! `tests/phone_numbers.rs` checks it against Google's Python port on generated numbers.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use phonenumber::metadata::{Descriptor, Metadata, DATABASE};
use regex::{Regex, RegexBuilder};

/// The region id libphonenumber gives non-geographic codes (+800, +882, …).
pub const NON_GEOGRAPHIC: &str = "001";

/// A number type, as `PhoneNumberUtil.PhoneNumberType` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    FixedLine,
    Mobile,
    FixedLineOrMobile,
    TollFree,
    PremiumRate,
    SharedCost,
    Voip,
    PersonalNumber,
    Pager,
    Uan,
    Voicemail,
    /// Matches none of the country's ranges: not a number in use, as far as the metadata knows.
    Unknown,
}

impl Kind {
    /// The name `tests/fixtures/phone-numbers.json`, phonenumbers and libphonenumber-js use
    /// (lowercase there).
    pub fn name(self) -> &'static str {
        match self {
            Kind::FixedLine => "fixed_line",
            Kind::Mobile => "mobile",
            Kind::FixedLineOrMobile => "fixed_line_or_mobile",
            Kind::TollFree => "toll_free",
            Kind::PremiumRate => "premium_rate",
            Kind::SharedCost => "shared_cost",
            Kind::Voip => "voip",
            Kind::PersonalNumber => "personal_number",
            Kind::Pager => "pager",
            Kind::Uan => "uan",
            Kind::Voicemail => "voicemail",
            Kind::Unknown => "unknown",
        }
    }
}

/// How a national significant number's length compares with the country's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    Possible,
    /// Only dialable inside an area (a NANP number without its area code, for example).
    LocalOnly,
    TooShort,
    TooLong,
    /// Between the shortest and the longest, but no number has this length.
    Invalid,
}

/// Whether any country or non-geographic service uses this calling code.
pub fn knows_code(code: u16) -> bool {
    DATABASE.region(&code).is_some()
}

/// The regions sharing a calling code, the main one first (`["US", "AG", …]` for 1).
pub fn regions(code: u16) -> Vec<&'static str> {
    DATABASE.region(&code).unwrap_or_default()
}

/// Whether libphonenumber has metadata for this two-letter region.
pub fn knows_region(id: &str) -> bool {
    id != NON_GEOGRAPHIC && DATABASE.by_id(id).is_some()
}

/// The calling code of a region (`"PR"` → 1).
pub fn code_of_region(id: &str) -> Option<u16> {
    DATABASE.by_id(id).map(Metadata::country_code)
}

/// The metadata numbers of this calling code are formatted and measured with: the main
/// region's (non-geographic codes have one entry each).
fn main_metadata(code: u16) -> Option<&'static Metadata> {
    DATABASE.by_code(&code)?.into_iter().next()
}

/// The region a number belongs to, or `None` when its calling code is shared and none of the
/// regions claims it (for example `+1 555…`, which no NANP area uses).
pub fn region_of(code: u16, national: &str) -> Option<&'static str> {
    let regions = DATABASE.region(&code)?;
    if let [only] = regions.as_slice() {
        return Some(only);
    }
    regions.into_iter().find(|id| {
        let Some(meta) = DATABASE.by_id(*id) else {
            return false;
        };
        match meta.leading_digits() {
            Some(leading) => matches_start(leading.as_str(), national),
            None => kind_in(meta, national) != Kind::Unknown,
        }
    })
}

/// The type of a number in its region (or, for a non-geographic code, in that code's plan).
pub fn kind_of(code: u16, national: &str) -> Kind {
    let meta = match region_of(code, national) {
        Some(NON_GEOGRAPHIC) => main_metadata(code),
        Some(id) => DATABASE.by_id(id),
        None => None,
    };
    meta.map_or(Kind::Unknown, |meta| kind_in(meta, national))
}

/// `getNumberTypeHelper`: the first description that matches wins, in libphonenumber's order.
fn kind_in(meta: &Metadata, national: &str) -> Kind {
    let d = meta.descriptors();
    let general_lengths = possible_lengths(meta);
    if !matches(d.general(), &general_lengths.0, national) {
        return Kind::Unknown;
    }
    let is = |desc: Option<&Descriptor>| desc.is_some_and(|desc| matches_own(desc, national));
    let special = [
        (d.premium_rate(), Kind::PremiumRate),
        (d.toll_free(), Kind::TollFree),
        (d.shared_cost(), Kind::SharedCost),
        (d.voip(), Kind::Voip),
        (d.personal_number(), Kind::PersonalNumber),
        (d.pager(), Kind::Pager),
        (d.uan(), Kind::Uan),
        (d.voicemail(), Kind::Voicemail),
    ];
    if let Some((_, kind)) = special.into_iter().find(|(desc, _)| is(*desc)) {
        return kind;
    }
    let same_pattern = match (d.fixed_line(), d.mobile()) {
        (Some(fixed), Some(mobile)) => {
            fixed.national_number().as_str() == mobile.national_number().as_str()
        }
        _ => false,
    };
    if is(d.fixed_line()) {
        return if same_pattern || is(d.mobile()) {
            Kind::FixedLineOrMobile
        } else {
            Kind::FixedLine
        };
    }
    if !same_pattern && is(d.mobile()) {
        return Kind::Mobile;
    }
    Kind::Unknown
}

/// `testNumberLength` for any type, against the lengths of all the code's number types.
/// Without `local`, lengths only dialable inside an area count like any other impossible
/// length, as libphonenumber-js (which has no local lengths) counts them.
pub fn length_of(code: u16, national: &str, local: bool) -> Length {
    let Some(meta) = main_metadata(code) else {
        return Length::Invalid;
    };
    let (lengths, mut local_lengths) = possible_lengths(meta);
    if !local {
        local_lengths.clear();
    }
    let length = u16::try_from(national.len()).unwrap_or(u16::MAX);
    let (Some(&shortest), Some(&longest)) = (lengths.first(), lengths.last()) else {
        return Length::Invalid;
    };
    if local_lengths.contains(&length) {
        Length::LocalOnly
    } else if length < shortest {
        Length::TooShort
    } else if length > longest {
        Length::TooLong
    } else if lengths.contains(&length) {
        Length::Possible
    } else {
        Length::Invalid
    }
}

/// The general description's possible lengths as Google's metadata build computes them: the
/// union over every number type (the crate leaves them empty). Sorted; local-only lengths that
/// are also full lengths are dropped from the local set.
fn possible_lengths(meta: &Metadata) -> (Vec<u16>, Vec<u16>) {
    let d = meta.descriptors();
    let mut lengths = Vec::new();
    let mut local = Vec::new();
    for desc in [
        d.fixed_line(),
        d.mobile(),
        d.toll_free(),
        d.premium_rate(),
        d.shared_cost(),
        d.personal_number(),
        d.voip(),
        d.pager(),
        d.uan(),
        d.voicemail(),
    ]
    .into_iter()
    .flatten()
    {
        lengths.extend_from_slice(desc.possible_length());
        local.extend_from_slice(desc.possible_local_length());
    }
    lengths.sort_unstable();
    lengths.dedup();
    local.sort_unstable();
    local.dedup();
    local.retain(|l| !lengths.contains(l));
    (lengths, local)
}

/// `isNumberMatchingDesc` with the description's own lengths.
fn matches_own(desc: &Descriptor, national: &str) -> bool {
    matches(desc, desc.possible_length(), national)
}

/// The length is one of `lengths` (when there are any) and the whole number matches.
fn matches(desc: &Descriptor, lengths: &[u16], national: &str) -> bool {
    let length = u16::try_from(national.len()).unwrap_or(u16::MAX);
    if !lengths.is_empty() && !lengths.contains(&length) {
        return false;
    }
    compiled(desc.national_number().as_str(), true).is_match(national)
}

/// `lookingAt`: the pattern matches at the start of the number.
fn matches_start(pattern: &str, national: &str) -> bool {
    compiled(pattern, false).is_match(national)
}

/// Anchored copies of the metadata's patterns, compiled on first use and kept: the crate's own
/// cache holds 100 regexes and recompiles when a webhook touches more countries than that.
fn compiled(pattern: &str, whole: bool) -> Regex {
    type Cache = Mutex<[HashMap<String, Regex>; 2]>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let mut caches = CACHE
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let cache = &mut caches[usize::from(whole)];
    if let Some(regex) = cache.get(pattern) {
        return regex.clone();
    }
    let anchored = if whole {
        format!("^(?:{pattern})$")
    } else {
        format!("^(?:{pattern})")
    };
    // The metadata's patterns are spread over lines: whitespace is not part of them.
    let regex = RegexBuilder::new(&anchored)
        .ignore_whitespace(true)
        .build()
        .expect("the crate already compiled this metadata pattern");
    cache.insert(pattern.to_owned(), regex.clone());
    regex
}
