//! `X-Twilio-Signature`: HMAC-SHA1 over the webhook URL and the sorted form parameters, keyed
//! with the account's Auth Token (`twilio.md` §2).

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

/// The signature Twilio computes for a form POST to `url` with `params`.
///
/// Names are sorted by byte order; a repeated name contributes each distinct value once, in
/// sorted order, exactly as twilio-python's `sorted(set(values))`.
pub fn compute(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut mac =
        Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(url.as_bytes());
    for (name, value) in sorted {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// True when `signature` matches `url` with or without its port (Twilio may sign either form,
/// see `twilio.md` §2.1), compared in constant time.
pub fn validate(auth_token: &str, url: &str, params: &[(String, String)], signature: &str) -> bool {
    let candidates = port_variants(url);
    let mut matched = false;
    for candidate in &candidates {
        let expected = compute(auth_token, candidate, params);
        // Non-short-circuit OR: every variant is checked, so timing says nothing about which.
        matched |= bool::from(expected.as_bytes().ct_eq(signature.as_bytes()));
    }
    matched
}

/// The URL as given, without its port, and with the scheme's default port made explicit.
fn port_variants(url: &str) -> Vec<String> {
    let mut variants = vec![url.to_owned()];
    let Ok(parsed) = url::Url::parse(url) else {
        return variants;
    };
    let (Some(host), Some(default_port)) = (parsed.host_str(), default_port(parsed.scheme()))
    else {
        return variants;
    };
    // Rebuild by splicing the authority, so the path and query stay byte-for-byte as signed
    // (url::Url would re-encode them).
    let Some(rest_start) = url.find("://").map(|i| i + 3) else {
        return variants;
    };
    let after_authority = url[rest_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| rest_start + i);
    let scheme = &url[..rest_start];
    let tail = &url[after_authority..];
    let userinfo = url[rest_start..after_authority]
        .rfind('@')
        .map_or("", |i| &url[rest_start..=rest_start + i]);
    let port = parsed.port().unwrap_or(default_port);
    variants.push(format!("{scheme}{userinfo}{host}{tail}"));
    variants.push(format!("{scheme}{userinfo}{host}:{port}{tail}"));
    variants.sort();
    variants.dedup();
    variants
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "https" => Some(443),
        "http" => Some(80),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn base_params() -> Vec<(String, String)> {
        params(&[
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+14158675309"),
            ("Digits", "1234"),
            ("From", "+14158675309"),
            ("To", "+18005551212"),
        ])
    }

    const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";

    /// twilio-python's own test vectors (`twilio.md` §2.2).
    #[test]
    fn official_vectors() {
        assert_eq!(
            compute("12345", URL, &base_params()),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        );
        assert_eq!(
            compute(
                "12345",
                "https://mycompany.com:443/myapp.php?foo=1&bar=2",
                &base_params()
            ),
            "kvajT1Ptam85bY51eRf/AJRuM3w="
        );
        assert_eq!(
            compute(
                "12345",
                "http://mycompany.com:1234/myapp.php?foo=1&bar=2",
                &base_params()
            ),
            "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="
        );
        let dupes = params(&[
            ("Sid", "CA123"),
            ("SidAccount", "AC123"),
            ("Digits", "5678"),
            ("Digits", "1234"),
            ("Digits", "1234"),
        ]);
        assert_eq!(
            compute("12345", URL, &dupes),
            "IK+Dwps556ElfBT0I3Rgjkr1wJU="
        );
    }

    #[test]
    fn port_variants_validate() {
        assert!(validate(
            "12345",
            URL,
            &base_params(),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        ));
        assert!(validate(
            "12345",
            URL,
            &base_params(),
            "kvajT1Ptam85bY51eRf/AJRuM3w="
        ));
        // Signed without the port, received at :1234: stripping the port matches.
        assert!(validate(
            "12345",
            "https://mycompany.com:1234/myapp.php?foo=1&bar=2",
            &base_params(),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        ));
        assert!(validate(
            "12345",
            "http://mycompany.com/myapp.php?foo=1&bar=2",
            &base_params(),
            "0ZXoZLH/DfblKGATFgpif+LLRf4="
        ));
    }

    #[test]
    fn tampering_fails() {
        let mut tampered = base_params();
        tampered[4].1 = "+19005551212".into();
        assert!(!validate(
            "12345",
            URL,
            &tampered,
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        ));
        assert!(!validate(
            "54321",
            URL,
            &base_params(),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        ));
        assert!(!validate("12345", URL, &base_params(), ""));
        assert!(!validate(
            "12345",
            URL,
            &base_params(),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8"
        ));
    }

    /// `twilio.md` §2.3: V-A, an outgoing call from the SDK, and V-D, a verbatim query.
    #[test]
    fn softphone_vectors() {
        let v_a = params(&[
            ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
            ("ApiVersion", "2010-04-01"),
            ("ApplicationSid", "AP0123456789abcdef0123456789abcdef"),
            ("CallSid", "CA0123456789abcdef0123456789abcdef"),
            ("CallStatus", "ringing"),
            ("Called", ""),
            ("Caller", "client:alice"),
            ("Direction", "inbound"),
            ("From", "client:alice"),
            ("To", "+15557654321"),
        ]);
        let token = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            compute(token, "https://abc123.ngrok.app/handle_calls", &v_a),
            "mmKGgBofkKO8HEihP1iMVVqfoWE="
        );
        assert_eq!(
            compute(
                token,
                "https://abc123.ngrok.app/handle_calls?token=x%20y&a=1",
                &params(&[("CallSid", "CA1")])
            ),
            "QyR/TDrtBUjIOp4xTLh1QI1pl/E="
        );
    }

    #[test]
    fn variants_keep_path_and_query_verbatim() {
        let v = port_variants("https://h.example:8443/a%20b/handle_calls?x=%27");
        assert_eq!(
            v,
            vec![
                "https://h.example/a%20b/handle_calls?x=%27".to_owned(),
                "https://h.example:8443/a%20b/handle_calls?x=%27".to_owned(),
            ]
        );
    }
}
