//! Where an outbound call may go: the owner's allowed countries, minus the kinds of number
//! toll fraud uses, plus the exact numbers the owner allowed by hand.
//!
//! Every destination is classified with libphonenumber's metadata ([`crate::phone_number`]).
//! Refused, in every allowed country:
//! - premium-rate numbers (the caller pays a surcharge the owner of the number shares),
//! - shared-cost numbers (UK 084/087, FR 08 1x, DE 0180, AU 13/1300: surcharged, and
//!   revenue-sharing ranges too),
//! - personal numbers (UK 070, DE 0700: forward anywhere at the caller's expense, the classic
//!   "070 scam"),
//! - pagers (UK 076: priced like personal numbers and abused the same way; nobody pages a
//!   desktop softphone),
//! - numbers the metadata does not know at all ([`Kind::Unknown`]): a typo, an unassigned
//!   range, or a range newer than the metadata. Refusing is the safe side (new premium ranges
//!   are new too), and the refusal says how to allow the number.
//! - NANP numbers in the `976` exchange of any area code: the old pay-per-call exchange, which
//!   the metadata files as ordinary lines.
//!
//! Allowed: fixed lines, mobiles, toll-free, VoIP, UAN (company numbers at a geographic rate)
//! and voicemail access numbers.
//!
//! A number in the allowed-numbers setting is dialed whatever its country or kind: typing one
//! exact number is the narrowest permission there is, while allowing its whole country (or
//! every premium number there) would be a wider one than the owner asked for.

use std::fmt;

use super::{CountryCode, E164};
use crate::phone_number::{Kind, Region};
use crate::settings::WebhookSettings;

/// Why an outbound call was not placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotANumber,
    /// Well formed, but no country has that calling code.
    UnknownCountry,
    CountryNotAllowed {
        code: u16,
    },
    /// The calling code is allowed, but the number is in a region it does not cover (a
    /// Caribbean country or US territory under +1, Jersey under +44).
    RegionNotAllowed {
        number: E164,
        region: Region,
    },
    /// No range of its country matches: not a number in use, as far as the metadata knows.
    NotInUse {
        number: E164,
    },
    TollFraudRisk {
        number: E164,
        risk: Risk,
    },
}

/// The kinds of number refused even in an allowed country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Risk {
    PremiumRate,
    /// `+1 NPA 976 xxxx`.
    PremiumExchange,
    SharedCost,
    PersonalNumber,
    Pager,
}

impl Risk {
    fn of(number: &E164, kind: Kind) -> Option<Self> {
        match kind {
            Kind::PremiumRate => Some(Risk::PremiumRate),
            Kind::SharedCost => Some(Risk::SharedCost),
            Kind::PersonalNumber => Some(Risk::PersonalNumber),
            Kind::Pager => Some(Risk::Pager),
            _ if number.nanp_exchange() == Some("976") => Some(Risk::PremiumExchange),
            _ => None,
        }
    }
}

impl Risk {
    /// Short enough to be read out.
    fn spoken(self) -> &'static str {
        match self {
            Risk::PremiumRate | Risk::PremiumExchange => "premium-rate number",
            Risk::SharedCost => "shared-cost number",
            Risk::PersonalNumber => "personal number",
            Risk::Pager => "pager number",
        }
    }
}

impl fmt::Display for Risk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Risk::PremiumRate => "premium-rate number",
            Risk::PremiumExchange => "premium-rate number (the 976 exchange)",
            Risk::SharedCost => "shared-cost number",
            Risk::PersonalNumber => "personal number (it forwards anywhere, at the caller's cost)",
            Risk::Pager => "pager number",
        })
    }
}

/// Parses the dialed `To` and decides whether it may be dialed.
pub fn check(to: &str, settings: &WebhookSettings) -> Result<E164, Refusal> {
    let number = E164::parse(to).map_err(|e| match e {
        crate::phone_number::NumberError::UnknownCountryCode(_) => Refusal::UnknownCountry,
        _ => Refusal::NotANumber,
    })?;
    if settings.allowed_numbers.contains(&number) {
        return Ok(number);
    }
    let code = number.country_code().value();
    let entries: Vec<_> = settings
        .allowed_country_codes
        .iter()
        .filter(|entry| entry.calling_code() == Some(code))
        .collect();
    if entries.is_empty() {
        return Err(Refusal::CountryNotAllowed { code });
    }
    let class = number.classify();
    if class.kind == Kind::Unknown {
        return Err(Refusal::NotInUse { number });
    }
    if !entries
        .iter()
        .any(|entry| entry.covers_in(&number, class.region))
    {
        // A number of a known kind has a region, or a non-geographic code that a code entry
        // always covers; the fallback only keeps this total.
        return Err(match class.region {
            Some(region) => Refusal::RegionNotAllowed { number, region },
            None => Refusal::CountryNotAllowed { code },
        });
    }
    match Risk::of(&number, class.kind) {
        Some(risk) => Err(Refusal::TollFraudRisk { number, risk }),
        None => Ok(number),
    }
}

/// "+1 means the US and Canada": what allowing a calling code covers, in words.
fn code_meaning(code: u16) -> String {
    let regions: Vec<String> = CountryCode::parse(&code.to_string())
        .map(CountryCode::regions)
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect();
    format!("+{code} means {}", regions.join(" and "))
}

impl Refusal {
    /// What the caller (the owner, at the app) hears.
    pub fn spoken(&self) -> String {
        const ALLOW_NUMBER: &str =
            "To call it anyway, add it to the allowed numbers in Dialtone's settings.";
        match self {
            Refusal::NotANumber => "This call cannot be placed. Dial the full number with a plus sign and the country code.".to_owned(),
            Refusal::UnknownCountry => "This call cannot be placed: the number does not start with a country code in use.".to_owned(),
            Refusal::CountryNotAllowed { code } => format!(
                "Calls to country code {code} are not allowed from this phone. Ask the owner to allow it in Dialtone's settings."
            ),
            Refusal::RegionNotAllowed { .. } => format!(
                "Calls to this country are not allowed from this phone, even though its country code is. Add the country to the allowed countries in Dialtone's settings. {ALLOW_NUMBER}"
            ),
            Refusal::NotInUse { .. } => "This call was not placed: the number does not look like one in use. If it is right, add it to the allowed numbers in Dialtone's settings.".to_owned(),
            Refusal::TollFraudRisk { risk, .. } => format!(
                "This call was not placed: it is a {}, which this phone does not call. {ALLOW_NUMBER}",
                risk.spoken()
            ),
        }
    }

    /// What the log and the settings panel's listener card say: the kind of number and the
    /// setting that would allow it.
    pub fn describe(&self) -> String {
        match self {
            Refusal::NotANumber => "destination is not an E.164 number".to_owned(),
            Refusal::UnknownCountry => {
                "destination has no country calling code in use".to_owned()
            }
            Refusal::CountryNotAllowed { code } => format!(
                "country calling code +{code} is not in the allowed countries; add {code} to Allowed countries in Settings to call there"
            ),
            Refusal::RegionNotAllowed { number, region } => {
                let code = number.country_code().value();
                format!(
                    "{number} is in {region}, which allowing +{code} does not include ({}); add {region} to Allowed countries, or {number} to Allowed numbers, in Settings",
                    code_meaning(code)
                )
            }
            Refusal::NotInUse { number } => format!(
                "{number} is not a number in use according to libphonenumber's data for +{} (a typo, or a range newer than Dialtone's data); if it is right, add {number} to Allowed numbers in Settings",
                number.country_code()
            ),
            Refusal::TollFraudRisk { number, risk } => format!(
                "{number} is a {risk}, a common toll-fraud destination; to call it anyway, add {number} to Allowed numbers in Settings"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phone_number::Country;

    fn settings(countries: &str, numbers: &[&str]) -> WebhookSettings {
        WebhookSettings {
            account_sid: "AC0123456789abcdef0123456789abcdef".into(),
            auth_token: None,
            twilio_number: E164::parse("+15551234567").unwrap(),
            identity: "alice".into(),
            public_base: None,
            allowed_country_codes: countries
                .split(',')
                .map(|c| Country::parse(c).unwrap())
                .collect(),
            allowed_numbers: numbers.iter().map(|n| E164::parse(n).unwrap()).collect(),
            max_call_seconds: 14_400,
            outgoing_caller_id: None,
        }
    }

    /// What each destination gets when its country is allowed: "ok", or the kind of refusal.
    /// The numbers are our own, picked from each country's numbering plan (regulators'
    /// drama ranges where they are in use), not the library's example numbers.
    const CASES: &[(&str, &str, &str)] = &[
        // NANP: +1 means the US and Canada.
        ("1", "+12125550123", "ok"),               // New York
        ("1", "+14165550123", "ok"),               // Toronto
        ("1", "+18005550100", "ok"),               // toll-free
        ("1", "+19005550100", "premium_rate"),     // 900 area code
        ("1", "+12129761234", "premium_exchange"), // the 976 exchange, any area code
        ("1", "+14169765555", "premium_exchange"),
        ("1", "+15551234567", "not_in_use"), // 555 is no area code
        ("1", "+18765550123", "region:JM"),  // Jamaica
        ("1", "+12423221234", "region:BS"),  // Nassau, Bahamas
        ("1", "+17875550123", "region:PR"),  // Puerto Rico: a US territory, named apart
        ("1", "+13405550123", "region:VI"),  // US Virgin Islands
        ("1,PR", "+17875550123", "ok"),
        // United Kingdom
        ("44", "+442079460958", "ok"), // London, Ofcom's drama range
        ("44", "+447400123456", "ok"), // mobile
        ("44", "+448001234567", "ok"), // freephone
        ("44", "+443001234567", "ok"), // 03, charged as geographic
        ("44", "+449012345678", "premium_rate"), // 09
        ("44", "+448712345678", "premium_rate"), // 087x is premium since 2015
        ("44", "+448441234567", "premium_rate"), // 0844
        ("44", "+447012345678", "personal_number"), // 070
        ("44", "+447600123456", "pager"), // 076
        ("44", "+447700900123", "not_in_use"), // Ofcom's mobile drama range: never assigned
        ("44", "+441534456789", "region:JE"), // Jersey
        // Germany
        ("49", "+4930123456", "ok"),
        ("49", "+4915123456789", "ok"),
        ("49", "+498001234567", "ok"),
        ("49", "+499001234567", "premium_rate"),
        ("49", "+491801234567", "shared_cost"),
        ("49", "+4970012345678", "personal_number"),
        // France
        ("33", "+33142685300", "ok"),
        ("33", "+33612345678", "ok"),
        ("33", "+33800123456", "ok"),
        ("33", "+33891123456", "premium_rate"),
        ("33", "+33810123456", "shared_cost"),
        // Italy: the 0 stays after +39
        ("39", "+390612345678", "ok"),
        ("39", "+393123456789", "ok"),
        ("39", "+39800123456", "ok"),
        ("39", "+39899123456", "premium_rate"),
        ("39", "+39848123456", "shared_cost"),
        // Spain
        ("34", "+34912345678", "ok"),
        ("34", "+34612345678", "ok"),
        ("34", "+34803123456", "premium_rate"),
        ("34", "+34901123456", "shared_cost"),
        // Netherlands
        ("31", "+31201234567", "ok"),
        ("31", "+31612345678", "ok"),
        ("31", "+319001234567", "premium_rate"),
        // Poland
        ("48", "+48221234567", "ok"),
        ("48", "+48512345678", "ok"),
        ("48", "+48701234567", "premium_rate"),
        // Australia
        ("61", "+61298765432", "ok"),
        ("61", "+61412345678", "ok"),
        ("61", "+611800123456", "ok"),
        ("61", "+611900123456", "premium_rate"),
        ("61", "+611300123456", "shared_cost"),
        // Japan
        ("81", "+81312345678", "ok"),
        ("81", "+819012345678", "ok"),
        ("81", "+81120123456", "ok"),
        ("81", "+81990123456", "premium_rate"),
        ("81", "+81570123456", "ok"), // navi dial: a UAN, charged by distance
        // Not allowed at all
        ("44", "+33612345678", "country:33"),
        ("1", "+882345678901", "country:882"),
        ("1", "+979123456789", "country:979"),
        ("979", "+979123456789", "premium_rate"), // international premium rate
    ];

    fn outcome(result: Result<E164, Refusal>) -> String {
        match result {
            Ok(_) => "ok".into(),
            Err(Refusal::TollFraudRisk { risk, .. }) => match risk {
                Risk::PremiumRate => "premium_rate",
                Risk::PremiumExchange => "premium_exchange",
                Risk::SharedCost => "shared_cost",
                Risk::PersonalNumber => "personal_number",
                Risk::Pager => "pager",
            }
            .into(),
            Err(Refusal::NotInUse { .. }) => "not_in_use".into(),
            Err(Refusal::RegionNotAllowed { region, .. }) => format!("region:{region}"),
            Err(Refusal::CountryNotAllowed { code }) => format!("country:{code}"),
            Err(other) => format!("{other:?}"),
        }
    }

    #[test]
    fn destinations_in_the_countries_users_allow() {
        let mut wrong = Vec::new();
        for (countries, number, expected) in CASES {
            let got = outcome(check(number, &settings(countries, &[])));
            if got != *expected {
                wrong.push(format!(
                    "{number} with {countries}: {got}, expected {expected}"
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn an_allowed_number_is_dialed_whatever_it_is() {
        for number in [
            "+12129761234",
            "+447012345678",
            "+18765550123",
            "+33612345678",
        ] {
            let s = settings("1,44", &[number]);
            assert_eq!(
                check(number, &s).map(|n| n.to_string()),
                Ok(number.to_owned())
            );
        }
        // Only that number: its neighbours are still refused.
        let s = settings("44", &["+447012345678"]);
        assert!(check("+447012345679", &s).is_err());
    }

    #[test]
    fn refusals_name_the_kind_of_number_and_how_to_allow_it() {
        let s = settings("1,44", &[]);
        let refusal = check("+12129761234", &s).unwrap_err();
        let text = refusal.describe();
        assert!(
            text.contains("+12129761234 is a premium-rate number (the 976 exchange)")
                && text.contains("add +12129761234 to Allowed numbers"),
            "{text}"
        );
        assert!(refusal.spoken().contains("premium-rate number"));
        let jersey = check("+441534456789", &s).unwrap_err().describe();
        assert!(
            jersey.contains("is in JE")
                && jersey.contains("+44 means GB")
                && jersey.contains("add JE to Allowed countries"),
            "{jersey}"
        );
        let jamaica = check("+18765550123", &s).unwrap_err().describe();
        assert!(jamaica.contains("+1 means US and CA"), "{jamaica}");
        let personal = check("+447012345678", &s).unwrap_err();
        assert!(
            personal.spoken().contains("personal number"),
            "{}",
            personal.spoken()
        );
        let unknown = check("+15551234567", &s).unwrap_err().describe();
        assert!(unknown.contains("not a number in use"), "{unknown}");
    }
}
