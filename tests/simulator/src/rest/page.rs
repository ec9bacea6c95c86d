//! The 2010 list envelope: `{<key>: [...], end, first_page_uri, next_page_uri, page, page_size,
//! previous_page_uri, start, uri}` with relative page URIs (`twilio-rest.md` §1.3).
//!
//! `PageToken` is `PA<sid>` ("after this item") on a next page and `PB<sid>` ("before this item")
//! on a previous page, the way Twilio's tokens point at an item rather than an offset, so a list
//! that changes between pages neither skips nor repeats what was already read. Without a token,
//! `Page` alone counts `PageSize` items from the start.

use serde_json::{json, Map, Value};

/// Twilio's default and largest page sizes.
pub const DEFAULT_PAGE_SIZE: usize = 50;
pub const MAX_PAGE_SIZE: usize = 1000;

/// One page of `items` (already filtered) under `key`. `path` is the list's path, `filters` the
/// query parameters that selected `items` (echoed in every page URI), `query` the request's.
pub fn page(
    items: &[Map<String, Value>],
    key: &str,
    path: &str,
    filters: &[(String, String)],
    query: &[(String, String)],
) -> Value {
    let get = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let size = get("PageSize")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, MAX_PAGE_SIZE);
    let page_no = get("Page")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    let index_of = |sid: &str| items.iter().position(|i| i["sid"] == sid);
    let token = get("PageToken");
    let start = match token {
        Some(t) if t.starts_with("PA") => index_of(&t[2..]).map(|i| i + 1),
        Some(t) if t.starts_with("PB") => index_of(&t[2..]).map(|i| i.saturating_sub(size)),
        _ => None,
    }
    .unwrap_or(page_no.saturating_mul(size))
    .min(items.len());
    let end = (start + size).min(items.len());
    let rows = &items[start..end];

    let uri = |page: usize, token: Option<String>| {
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.extend_pairs(filters.iter());
        q.append_pair("PageSize", &size.to_string());
        q.append_pair("Page", &page.to_string());
        if let Some(t) = token {
            q.append_pair("PageToken", &t);
        }
        format!("{path}?{}", q.finish())
    };
    let next =
        (end < items.len()).then(|| uri(page_no + 1, rows.last().map(|r| format!("PA{}", sid(r)))));
    let previous = (page_no > 0 && start > 0)
        .then(|| uri(page_no - 1, rows.first().map(|r| format!("PB{}", sid(r)))));
    let mut out = json!({
        "end": if rows.is_empty() { start } else { end - 1 },
        "first_page_uri": uri(0, None),
        "next_page_uri": next,
        "page": page_no,
        "page_size": size,
        "previous_page_uri": previous,
        "start": start,
        "uri": uri(page_no, token.map(String::from)),
    });
    out[key] = Value::Array(rows.iter().cloned().map(Value::Object).collect());
    out
}

fn sid(row: &Map<String, Value>) -> &str {
    row["sid"].as_str().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: usize) -> Vec<Map<String, Value>> {
        (0..n)
            .map(|i| match json!({"sid": format!("PN{i:032}")}) {
                Value::Object(m) => m,
                _ => unreachable!(),
            })
            .collect()
    }

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn follow(uri: &str) -> Vec<(String, String)> {
        let query = uri.split_once('?').unwrap().1;
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    #[test]
    fn walking_next_page_uri_visits_every_item_once() {
        let all = items(7);
        let filters = q(&[("PhoneNumber", "+1")]);
        let mut query = q(&[("PageSize", "3")]);
        let mut seen = vec![];
        loop {
            let p = page(&all, "xs", "/x.json", &filters, &query);
            for r in p["xs"].as_array().unwrap() {
                seen.push(r["sid"].as_str().unwrap().to_string());
            }
            assert!(p["first_page_uri"]
                .as_str()
                .unwrap()
                .starts_with("/x.json?PhoneNumber=%2B1&PageSize=3&Page=0"));
            match p["next_page_uri"].as_str() {
                Some(next) => query = follow(next),
                None => break,
            }
        }
        let want: Vec<String> = all.iter().map(|r| sid(r).to_string()).collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn previous_page_uri_goes_back_one_page() {
        let all = items(7);
        let first = page(&all, "xs", "/x.json", &[], &q(&[("PageSize", "3")]));
        let second = page(
            &all,
            "xs",
            "/x.json",
            &[],
            &follow(first["next_page_uri"].as_str().unwrap()),
        );
        assert_eq!(second["start"], 3);
        assert_eq!(second["end"], 5);
        let back = page(
            &all,
            "xs",
            "/x.json",
            &[],
            &follow(second["previous_page_uri"].as_str().unwrap()),
        );
        assert_eq!(back["xs"], first["xs"]);
        assert!(first["previous_page_uri"].is_null());
    }
}
