//! vCard import of the exports in tests/fixtures/vcards (see its README for what each imitates):
//! names decoded (quoted-printable included), numbers in E.164 with the Twilio number's country
//! for national ones, labels kept, cards without a name or number skipped and counted, and a
//! second import adding nothing.

mod common;

use common::repo_root;
use dialtone::journal::{ImportReport, Journal};
use dialtone::phone_number::Region;
use serde_json::{json, Value};

fn import(journal: &Journal, file: &str) -> ImportReport {
    let bytes = std::fs::read(repo_root().join("tests/fixtures/vcards").join(file)).unwrap();
    journal.import_vcard(&bytes, Region::parse("US")).unwrap()
}

fn contacts(journal: &Journal) -> Value {
    let list: Vec<Value> = journal
        .contacts(None)
        .unwrap()
        .into_iter()
        .map(|c| json!({"name": c.name, "numbers": c.numbers.iter().map(|n| json!([n.number, n.label])).collect::<Vec<_>>()}))
        .collect();
    Value::Array(list)
}

#[test]
fn real_exports_import_as_named_e164_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("calls.sqlite3"));
    let reports: Vec<ImportReport> = [
        "android-2.1-quoted-printable.vcf",
        "apple-3.0.vcf",
        "google-3.0.vcf",
        "outlook-2.1.vcf",
        "rfc6350-4.0.vcf",
    ]
    .into_iter()
    .map(|file| import(&journal, file))
    .collect();
    let summary: Vec<(usize, usize, usize, Vec<String>)> = reports
        .iter()
        .map(|r| {
            (
                r.imported,
                r.nameless,
                r.without_numbers,
                r.unreadable_numbers.clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (2, 1, 0, vec!["José Núñez: 020 7946 0958".to_owned()]),
            (2, 0, 0, vec![]),
            (2, 0, 1, vec!["Raj Patel: Ask reception".to_owned()]),
            (1, 0, 0, vec![]),
            (1, 0, 0, vec![]),
        ]
    );
    assert_eq!(
        contacts(&journal),
        json!([
            {"name": "Bea Lopez", "numbers": [["+15557654321", null], ["+15557654300", "work"], ["+15557654399", "fax"]]},
            {"name": "Chidi Okafor", "numbers": [["+15550100199", "home"]]},
            {"name": "Dentist", "numbers": [["+15550100123", "work"]]},
            {"name": "José Núñez", "numbers": [["+447700900123", "mobile"]]},
            {"name": "Karin Svensson", "numbers": [["+46812345678", "work"], ["+15550100188", "mobile"]]},
            {"name": "Mei Chen", "numbers": [["+15550100142", "mobile"], ["+442079460011", "work"]]},
            {"name": "Raj Patel", "numbers": [["+919876543210", "mobile"]]},
            {"name": "Zoë Müller", "numbers": [["+4930901820", "mobile"], ["+15550100177", "work"]]}
        ])
    );
    // The names the phone shows, however the number is written.
    assert_eq!(
        journal.name_for("+49 30 901820", None).unwrap().as_deref(),
        Some("Zoë Müller")
    );
    assert_eq!(
        journal
            .name_for("(555) 765-4321", Region::parse("US"))
            .unwrap()
            .as_deref(),
        Some("Bea Lopez")
    );
    assert_eq!(journal.name_for("+15550000000", None).unwrap(), None);
    // Search by name (any case, accents kept) or by digits.
    let names = |q: &str| -> Vec<String> {
        journal
            .contacts(Some(q))
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect()
    };
    assert_eq!(names("núñez"), ["José Núñez"]);
    assert_eq!(names("ZOË"), ["Zoë Müller"]);
    assert_eq!(names("555 765"), ["Bea Lopez"]);
    assert_eq!(
        names("0100"),
        [
            "Chidi Okafor",
            "Dentist",
            "Karin Svensson",
            "Mei Chen",
            "Zoë Müller"
        ]
    );

    // Importing the same file again adds nothing.
    let again = import(&journal, "apple-3.0.vcf");
    assert_eq!((again.imported, again.duplicates), (0, 2));
}

#[test]
fn a_file_that_is_no_vcard_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("calls.sqlite3"));
    let err = journal
        .import_vcard(b"name,phone\nAna,+15557654321\n", None)
        .unwrap_err();
    assert!(err.to_string().contains("holds no vCards"), "{err}");
    assert!(journal.contacts(None).unwrap().is_empty());
}
