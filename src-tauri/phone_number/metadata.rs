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
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

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

/// The region a number belongs to (`None` when its calling code is shared and none of the
/// regions claims it, as for `+1 555…`) and its type there, found in one pass.
pub fn classify(code: u16, national: &str) -> (Option<&'static str>, Kind) {
    let Some(regions) = DATABASE.region(&code) else {
        return (None, Kind::Unknown);
    };
    let kind_for = |id: &str| {
        let meta = if id == NON_GEOGRAPHIC {
            main_metadata(code)
        } else {
            DATABASE.by_id(id)
        };
        meta.map_or(Kind::Unknown, |meta| kind_in(meta, national))
    };
    if let [only] = regions.as_slice() {
        return (Some(only), kind_for(only));
    }
    // `getRegionCodeForNumberFromRegionList`: leading digits decide where a region has them,
    // otherwise the first region with a matching number type.
    for id in regions {
        let Some(meta) = DATABASE.by_id(id) else {
            continue;
        };
        match meta.leading_digits() {
            Some(leading) if matches_start(leading.as_str(), national) => {
                return (Some(id), kind_in(meta, national));
            }
            Some(_) => {}
            None => {
                let kind = kind_in(meta, national);
                if kind != Kind::Unknown {
                    return (Some(id), kind);
                }
            }
        }
    }
    (None, Kind::Unknown)
}

/// `getNumberTypeHelper`: the first description that matches wins, in libphonenumber's order.
fn kind_in(meta: &'static Metadata, national: &str) -> Kind {
    let d = meta.descriptors();
    let general_lengths = possible_lengths(meta);
    if !matches(d.general(), &general_lengths.0, national) {
        return Kind::Unknown;
    }
    let is =
        |desc: Option<&'static Descriptor>| desc.is_some_and(|desc| matches_own(desc, national));
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
fn matches_own(desc: &'static Descriptor, national: &str) -> bool {
    matches(desc, desc.possible_length(), national)
}

/// The length is one of `lengths` (when there are any) and the whole number matches.
fn matches(desc: &'static Descriptor, lengths: &[u16], national: &str) -> bool {
    let length = u16::try_from(national.len()).unwrap_or(u16::MAX);
    if !lengths.is_empty() && !lengths.contains(&length) {
        return false;
    }
    compiled(desc.national_number().as_str(), true).is_match(national)
}

/// `lookingAt`: the pattern matches at the start of the number.
fn matches_start(pattern: &'static str, national: &str) -> bool {
    compiled(pattern, false).is_match(national)
}

/// Anchored copies of the metadata's patterns, compiled on first use and kept: the crate's own
/// cache holds 100 regexes and recompiles when a webhook touches more countries than that.
///
/// Keyed by where the pattern lives: every pattern is a string inside the crate's static
/// database, so its address is stable and unique, and hashing an address is cheaper than
/// hashing a pattern of a few kilobytes. The regexes are shared (`Arc`): cloning a `Regex`
/// would give it a new, empty search cache every time.
fn compiled(pattern: &'static str, whole: bool) -> Arc<Regex> {
    type Key = (usize, usize, bool);
    static CACHE: OnceLock<Mutex<HashMap<Key, Arc<Regex>>>> = OnceLock::new();
    let key = (pattern.as_ptr() as usize, pattern.len(), whole);
    let mut cache = CACHE
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    cache
        .entry(key)
        .or_insert_with(|| {
            let anchored = if whole {
                format!("^(?:{pattern})$")
            } else {
                format!("^(?:{pattern})")
            };
            // The metadata's patterns are spread over lines: whitespace is not part of them.
            Arc::new(
                RegexBuilder::new(&anchored)
                    .ignore_whitespace(true)
                    .build()
                    .expect("the crate already compiled this metadata pattern"),
            )
        })
        .clone()
}
