//! Contacts: names for numbers. Numbers are stored in E.164 so they match what Twilio sends.

use rusqlite::{params, Connection, OptionalExtension as _};
use serde::{Deserialize, Serialize};

/// A contact as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: i64,
    pub name: String,
    pub numbers: Vec<ContactNumber>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactNumber {
    /// E.164 once stored; as the user typed it in a draft.
    pub number: String,
    /// `mobile`, `work`, …
    #[serde(default)]
    pub label: Option<String>,
}

/// A contact to add or the new state of one to edit, as the user gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactDraft {
    pub name: String,
    pub numbers: Vec<ContactNumber>,
}

/// Inserts a contact whose numbers are already E.164; returns its id.
pub fn insert(conn: &Connection, draft: &ContactDraft, at: i64) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO contacts (name, created_at, updated_at) VALUES (?1, ?2, ?2)",
        params![draft.name, at],
    )?;
    let id = conn.last_insert_rowid();
    insert_numbers(conn, id, &draft.numbers)?;
    Ok(id)
}

fn insert_numbers(conn: &Connection, id: i64, numbers: &[ContactNumber]) -> rusqlite::Result<()> {
    let mut statement = conn.prepare_cached(
        "INSERT INTO contact_numbers (contact_id, number, label) VALUES (?1, ?2, ?3)
         ON CONFLICT (contact_id, number) DO NOTHING",
    )?;
    for n in numbers {
        statement.execute(params![id, n.number, n.label])?;
    }
    Ok(())
}

/// Replaces a contact's name and numbers; returns whether it exists.
pub fn update(conn: &Connection, id: i64, draft: &ContactDraft, at: i64) -> rusqlite::Result<bool> {
    let changed = conn.execute(
        "UPDATE contacts SET name = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, draft.name, at],
    )?;
    if changed == 0 {
        return Ok(false);
    }
    conn.execute("DELETE FROM contact_numbers WHERE contact_id = ?1", [id])?;
    insert_numbers(conn, id, &draft.numbers)?;
    Ok(true)
}

/// Returns whether it existed.
pub fn delete(conn: &Connection, id: i64) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM contacts WHERE id = ?1", [id])? > 0)
}

/// Every contact, by name.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Contact>> {
    let mut statement = conn.prepare_cached(
        "SELECT c.id, c.name, n.number, n.label FROM contacts c
         LEFT JOIN contact_numbers n ON n.contact_id = c.id
         ORDER BY c.name COLLATE NOCASE, c.id, n.rowid",
    )?;
    let mut rows = statement.query([])?;
    let mut contacts: Vec<Contact> = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if contacts.last().is_none_or(|c| c.id != id) {
            contacts.push(Contact {
                id,
                name: row.get(1)?,
                numbers: Vec::new(),
            });
        }
        if let Some(number) = row.get::<_, Option<String>>(2)? {
            let contact = contacts.last_mut().expect("pushed above");
            contact.numbers.push(ContactNumber {
                number,
                label: row.get(3)?,
            });
        }
    }
    Ok(contacts)
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Contact>> {
    Ok(all(conn)?.into_iter().find(|c| c.id == id))
}

/// The name for an E.164 number, if a contact has it.
pub fn name_for(conn: &Connection, e164: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT ct.name FROM contact_numbers cn JOIN contacts ct ON ct.id = cn.contact_id
         WHERE cn.number = ?1 ORDER BY ct.name, ct.id LIMIT 1",
        [e164],
        |row| row.get(0),
    )
    .optional()
}

/// Whether a contact of this name already has every one of these numbers (an import that
/// ran twice adds nothing).
pub fn has_duplicate(conn: &Connection, draft: &ContactDraft) -> rusqlite::Result<bool> {
    let mut statement = conn.prepare_cached(
        "SELECT count(*) FROM contact_numbers cn JOIN contacts ct ON ct.id = cn.contact_id
         WHERE ct.name = ?1 AND cn.number = ?2",
    )?;
    for n in &draft.numbers {
        let found: i64 = statement.query_row(params![draft.name, n.number], |row| row.get(0))?;
        if found == 0 {
            return Ok(false);
        }
    }
    Ok(!draft.numbers.is_empty())
}

/// Contacts whose name contains `query` (any case) or whose numbers contain its digits.
pub fn search(contacts: Vec<Contact>, query: &str) -> Vec<Contact> {
    let query = query.trim();
    if query.is_empty() {
        return contacts;
    }
    let words = query.to_lowercase();
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    let number_like = query
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    contacts
        .into_iter()
        .filter(|c| {
            c.name.to_lowercase().contains(&words)
                || (number_like
                    && !digits.is_empty()
                    && c.numbers.iter().any(|n| n.number.contains(&digits)))
        })
        .collect()
}
