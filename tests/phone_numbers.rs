//! Numbers as the Rust core judges them, against the shared table (which the UI's tests read
//! too) and against Google's libphonenumber itself (its Python port, pinned to the same
//! metadata release) on generated numbers.

mod common;

use common::*;
use dialtone::phone_number::{Kind, Length, Region, E164};
use phonenumber::metadata::DATABASE;
use serde_json::{json, Value};

fn table() -> Vec<Value> {
    let path = repo_root().join("tests/fixtures/phone-numbers.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let document: Value = serde_json::from_str(&text).unwrap();
    document["cases"].as_array().unwrap().clone()
}

fn kind_name(kind: Kind) -> &'static str {
    kind.name()
}

#[test]
fn the_shared_table_of_numbers() {
    let cases = table();
    assert!(cases.len() >= 90, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for case in &cases {
        let home = case["home"].as_str().map(|h| Region::parse(h).unwrap());
        let input = case["input"].as_str().unwrap();
        let label = format!("{input:?} at home in {home:?}");
        match (E164::from_typed(input, home), case.get("error")) {
            (Err(e), Some(expected)) => {
                if e.kind() != expected.as_str().unwrap() {
                    wrong.push(format!("{label}: {} ({e}), expected {expected}", e.kind()));
                }
            }
            (Err(e), None) => wrong.push(format!("{label}: {e}, expected {}", case["e164"])),
            (Ok(n), Some(expected)) => wrong.push(format!("{label}: {n}, expected {expected}")),
            (Ok(n), None) => {
                let got = json!({
                    "e164": n.as_str(),
                    "valid": n.is_valid(),
                    "region": n.region().map(|r| r.to_string()),
                    "type": kind_name(n.kind()),
                    "national": n.national_format(),
                    // Google writes "+1 212-555-0123"; the table holds libphonenumber-js's
                    // spaces-only form, which the UI shows.
                    "international": n.international_format().replace('-', " "),
                });
                for key in [
                    "e164",
                    "valid",
                    "region",
                    "type",
                    "national",
                    "international",
                ] {
                    if got[key] != case[key] {
                        wrong.push(format!(
                            "{label}: {key} {} , expected {}",
                            got[key], case[key]
                        ));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The table's expected values are phonenumbers' answers, not ours: regenerating it with the
/// pinned oracle changes nothing.
#[test]
fn the_table_is_what_googles_library_says() {
    let status = std::process::Command::new(oracle_python())
        .arg(repo_root().join("tests/fixtures/make-phone-numbers.py"))
        .arg("--check")
        .status()
        .unwrap();
    assert!(
        status.success(),
        "tests/fixtures/phone-numbers.json is stale"
    );
}

/// Numbers around every example number of every type in the countries users are likely to
/// allow (and more), with the last digits changed and a digit added or dropped.
fn generated_numbers() -> Vec<String> {
    const REGIONS: &[&str] = &[
        "US", "CA", "GB", "DE", "FR", "IT", "ES", "NL", "PL", "AU", "JP", "BR", "IN", "CH", "AT",
        "SE", "IE", "MX", "KR", "CN", "RU", "ZA", "SG", "HK", "BE", "NZ", "NO", "JM", "PR", "JE",
        "VA", "KZ",
    ];
    let mut rng = Rng::new(0x9e164);
    let mut numbers = Vec::new();
    for id in REGIONS {
        let meta = DATABASE.by_id(*id).unwrap();
        let code = meta.country_code();
        let d = meta.descriptors();
        let examples = [
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
        ];
        for example in examples.into_iter().flatten().filter_map(|d| d.example()) {
            let keep = example.len().saturating_sub(1 + rng.below(4));
            let mut digits: String = example[..keep].to_owned();
            while digits.len() < example.len() {
                digits.push(char::from(b'0' + rng.below(10) as u8));
            }
            numbers.push(format!("+{code}{digits}"));
            match rng.below(3) {
                0 => numbers.push(format!("+{code}{digits}{}", rng.below(10))),
                1 if digits.len() > 4 => numbers.push(format!("+{code}{}", &digits[1..])),
                _ => {}
            }
        }
    }
    numbers.retain(|n| E164::parse(n).is_ok());
    numbers.sort();
    numbers.dedup();
    numbers
}

#[test]
fn classification_matches_googles_python_port() {
    let numbers = generated_numbers();
    assert!(numbers.len() >= 300, "only {} numbers", numbers.len());
    let requests: Vec<Value> = numbers
        .iter()
        .map(|n| json!({"op": "phone", "number": n}))
        .collect();
    let answers = ask_oracle(&requests);
    let mut wrong = Vec::new();
    let (mut crate_type_differs, mut crate_valid_differs) = (0, 0);
    for (text, theirs) in numbers.iter().zip(&answers) {
        let n = E164::parse(text).unwrap();
        let length = match n.length() {
            Length::Possible => "is_possible",
            Length::LocalOnly => "is_possible_local_only",
            Length::TooShort => "too_short",
            Length::TooLong => "too_long",
            Length::Invalid => "invalid_length",
        };
        let ours = json!({
            "e164": n.as_str(),
            "region": n.region().map(|r| r.to_string()),
            "type": kind_name(n.kind()),
            "valid": n.is_valid(),
            "length": length,
            "national": n.national_format(),
            "international": n.international_format(),
        });
        if &ours != theirs {
            wrong.push(format!("{text}: ours {ours}\n  theirs {theirs}"));
        }
        // How the crate's own helpers would have done, for the record.
        let raw: phonenumber::PhoneNumber = text.parse().unwrap();
        let raw_type = format!("{:?}", raw.number_type(&DATABASE));
        if !raw_type.eq_ignore_ascii_case(&theirs["type"].as_str().unwrap().replace('_', "")) {
            crate_type_differs += 1;
        }
        if raw.is_valid() != theirs["valid"].as_bool().unwrap() {
            crate_valid_differs += 1;
        }
    }
    eprintln!(
        "{} numbers: ours differ from phonenumbers on {}; the crate's own number_type on {}, its is_valid on {}",
        numbers.len(),
        wrong.len(),
        crate_type_differs,
        crate_valid_differs
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
