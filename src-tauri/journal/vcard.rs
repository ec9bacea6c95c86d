//! Reading vCard files (2.1, 3.0, 4.0, as Google, Apple and Outlook export them) into contact
//! drafts, with `calcard`: lenient with what real exports do (quoted-printable 2.1 values,
//! folded lines, bare `TEL;CELL:` types, vendor properties).

use calcard::vcard::{VCard, VCardEntry, VCardParameterValue, VCardProperty, VCardType};
use calcard::{Entry, Parser};

use super::contacts::{ContactDraft, ContactNumber};

/// What a file held: the cards with a name and at least one number, and how many were not.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ParsedFile {
    pub drafts: Vec<ContactDraft>,
    /// Cards with no name at all (no FN, N or ORG).
    pub nameless: usize,
    /// Cards with no telephone number.
    pub without_numbers: usize,
    /// Lines that are not vCard.
    pub bad_lines: usize,
}

/// Parses the whole file. Text that is not UTF-8 (an old Outlook export in its Windows code
/// page) is read as Latin-1, which keeps every ASCII number intact.
pub fn parse(bytes: &[u8]) -> ParsedFile {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => std::borrow::Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    };
    let mut parser = Parser::new(&text);
    let mut parsed = ParsedFile::default();
    loop {
        match parser.entry() {
            Entry::VCard(card) => match draft_of(&card) {
                Some(draft) if draft.numbers.is_empty() => parsed.without_numbers += 1,
                Some(draft) => parsed.drafts.push(draft),
                None => parsed.nameless += 1,
            },
            Entry::Eof => break,
            Entry::InvalidLine(_) => parsed.bad_lines += 1,
            // iCalendar data or a broken card: not contacts.
            _ => parsed.bad_lines += 1,
        }
    }
    parsed
}

fn text_of(entry: &VCardEntry) -> Option<String> {
    let parts: Vec<&str> = entry
        .values
        .iter()
        .filter_map(|v| v.as_text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The display name: FN, else the parts of N (given before family), else ORG.
fn name_of(card: &VCard) -> Option<String> {
    if let Some(name) = card.property(&VCardProperty::Fn).and_then(text_of) {
        return Some(name);
    }
    if let Some(n) = card.property(&VCardProperty::N) {
        // N: family; given; additional; prefix; suffix.
        let part = |i: usize| {
            n.values
                .get(i)
                .and_then(|v| v.as_text())
                .map(str::trim)
                .filter(|t| !t.is_empty())
        };
        let ordered: Vec<&str> = [3, 1, 2, 0, 4].into_iter().filter_map(part).collect();
        if !ordered.is_empty() {
            return Some(ordered.join(" "));
        }
    }
    card.property(&VCardProperty::Org).and_then(text_of)
}

fn label_of(entry: &VCardEntry) -> Option<String> {
    let mut labels = entry.params.iter().filter_map(|p| match &p.value {
        VCardParameterValue::Type(t) => match t {
            VCardType::Cell => Some("mobile"),
            VCardType::Work => Some("work"),
            VCardType::Home => Some("home"),
            VCardType::Fax => Some("fax"),
            VCardType::Pager => Some("pager"),
            VCardType::MainNumber => Some("main"),
            _ => None,
        },
        _ => None,
    });
    // The most telling word wins: "mobile" over "home" for TYPE=HOME,CELL, "fax" over "work".
    let all: Vec<&str> = labels.by_ref().collect();
    ["mobile", "fax", "pager", "work", "home", "main"]
        .into_iter()
        .find(|l| all.contains(l))
        .map(str::to_owned)
}

fn draft_of(card: &VCard) -> Option<ContactDraft> {
    let name = name_of(card)?;
    let numbers = card
        .properties(&VCardProperty::Tel)
        .filter_map(|tel| {
            Some(ContactNumber {
                number: text_of(tel)?,
                label: label_of(tel),
            })
        })
        .collect();
    Some(ContactDraft { name, numbers })
}
