//! A strict `application/x-www-form-urlencoded` parser.
//!
//! Keeps every pair in order, repeated names included (a map would drop them and break the
//! signature), and refuses bad percent-escapes or non-UTF-8 text instead of guessing.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error("the form has a bad percent-escape in pair {0}")]
    BadEscape(usize),
    #[error("the form has text that is not UTF-8 in pair {0}")]
    NotUtf8(usize),
}

pub fn parse(body: &[u8]) -> Result<Vec<(String, String)>, FormError> {
    body.split(|b| *b == b'&')
        .filter(|pair| !pair.is_empty())
        .enumerate()
        .map(|(index, pair)| {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(eq) => (&pair[..eq], &pair[eq + 1..]),
                None => (pair, &[][..]),
            };
            Ok((decode(name, index)?, decode(value, index)?))
        })
        .collect()
}

fn decode(bytes: &[u8], index: usize) -> Result<String, FormError> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .ok_or(FormError::BadEscape(index))?;
                let byte = std::str::from_utf8(hex)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or(FormError::BadEscape(index))?;
                out.push(byte);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| FormError::NotUtf8(index))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect()
    }

    #[test]
    fn decodes_like_twilio_sends() {
        assert_eq!(
            parse(b"To=%2B15557654321&Called=&Caller=client%3Aalice&CallerName=Jos%C3%A9+N&flag")
                .unwrap(),
            pairs(&[
                ("To", "+15557654321"),
                ("Called", ""),
                ("Caller", "client:alice"),
                ("CallerName", "José N"),
                ("flag", ""),
            ])
        );
        assert_eq!(
            parse(b"a=1&a=2&&a=1").unwrap(),
            pairs(&[("a", "1"), ("a", "2"), ("a", "1")])
        );
        assert_eq!(parse(b"").unwrap(), vec![]);
        assert_eq!(parse(b"x=a=b").unwrap(), pairs(&[("x", "a=b")]));
    }

    #[test]
    fn refuses_malformed_input() {
        assert_eq!(parse(b"a=%zz"), Err(FormError::BadEscape(0)));
        assert_eq!(
            parse(b"a=%+A"),
            Err(FormError::BadEscape(0)),
            "from_str_radix alone accepts a sign"
        );
        assert_eq!(parse(b"a=1&b=%4"), Err(FormError::BadEscape(1)));
        assert_eq!(parse(b"a=%ff%fe"), Err(FormError::NotUtf8(0)));
        assert_eq!(parse(b"a=\xff"), Err(FormError::NotUtf8(0)));
    }
}
