//! Access-token checks (as Twilio's gateway does them) and X-Twilio-Signature signing.

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::Value;

#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub identity: Option<String>,
    pub exp: i64,
    pub incoming: bool,
    pub outgoing_app: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TokenError {
    /// Gateway code: 31204 invalid, 31205 expired, 31207 TTL over 24 h.
    pub code: u32,
    pub message: String,
}

fn invalid(msg: impl Into<String>) -> TokenError {
    TokenError {
        code: 31204,
        message: format!("JWT token is invalid: {}", msg.into()),
    }
}

/// Checks a Voice access token the way Twilio does: HS256 signed with the secret of the API key in `iss`,
/// `cty` = `twilio-fpa;v=1`, `sub` = the account, `exp` in the future and at most 24 h away, `nbf` passed,
/// a voice grant present. `key_secret` looks a key up by SID: the account's keys change at run time
/// (a key created through the REST API signs tokens at once), so the check asks rather than holds one.
pub fn check_token(
    token: &str,
    account_sid: &str,
    key_secret: &dyn Fn(&str) -> Option<String>,
    now: i64,
) -> Result<TokenInfo, TokenError> {
    let header =
        jsonwebtoken::decode_header(token).map_err(|e| invalid(format!("malformed: {e}")))?;
    if header.alg != jsonwebtoken::Algorithm::HS256 {
        return Err(invalid("alg must be HS256"));
    }
    if header.cty.as_deref() != Some("twilio-fpa;v=1") {
        return Err(invalid("cty must be twilio-fpa;v=1"));
    }
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    // Peek at iss before verifying, to pick the key (Twilio looks the key up by iss).
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(invalid("not three segments"));
    }
    let payload_raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(parts[1].trim_end_matches('='))
        .map_err(|_| invalid("payload is not base64url"))?;
    let unverified: Value =
        serde_json::from_slice(&payload_raw).map_err(|_| invalid("payload is not JSON"))?;
    let Some(api_key_secret) = unverified
        .get("iss")
        .and_then(Value::as_str)
        .and_then(key_secret)
    else {
        return Err(invalid("unknown API key (iss)"));
    };
    let data = jsonwebtoken::decode::<Value>(
        token,
        &jsonwebtoken::DecodingKey::from_secret(api_key_secret.as_bytes()),
        &validation,
    )
    .map_err(|e| TokenError {
        code: 31204,
        message: format!("JWT signature validation failed: {e}"),
    })?;
    let c = data.claims;
    if c.get("sub").and_then(Value::as_str) != Some(account_sid) {
        return Err(invalid("sub is not the account"));
    }
    let exp = c
        .get("exp")
        .and_then(Value::as_i64)
        .ok_or_else(|| invalid("exp missing"))?;
    if exp <= now {
        return Err(TokenError {
            code: 31205,
            message: "JWT token has expired".into(),
        });
    }
    if exp - now > 86400 {
        return Err(TokenError {
            code: 31207,
            message: "JWT token expiration is too long (over 24 h)".into(),
        });
    }
    if let Some(nbf) = c.get("nbf").and_then(Value::as_i64) {
        if nbf > now + 5 {
            return Err(invalid("nbf is in the future"));
        }
    }
    let grants = c.get("grants").ok_or_else(|| invalid("grants missing"))?;
    let voice = grants
        .get("voice")
        .ok_or_else(|| invalid("voice grant missing"))?;
    let incoming = voice.pointer("/incoming/allow").and_then(Value::as_bool) == Some(true);
    let outgoing_app = voice
        .pointer("/outgoing/application_sid")
        .and_then(Value::as_str)
        .map(String::from);
    let identity = grants
        .get("identity")
        .and_then(Value::as_str)
        .map(String::from);
    if let Some(id) = &identity {
        if id.is_empty()
            || id.len() > 121
            || !id.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
        {
            return Err(TokenError {
                code: 31105,
                message: format!("invalid client name {id:?}"),
            });
        }
    }
    Ok(TokenInfo {
        identity,
        exp,
        incoming,
        outgoing_app,
    })
}

/// X-Twilio-Signature: base64(HMAC-SHA1(auth_token, url + sorted name/value pairs)).
pub fn signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    let mut names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
    names.sort();
    names.dedup();
    let mut s = url.to_string();
    for name in names {
        let mut values: Vec<&str> = params
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect();
        values.sort();
        values.dedup();
        for v in values {
            s.push_str(name);
            s.push_str(v);
        }
    }
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(auth_token.as_bytes()).expect("hmac key");
    mac.update(s.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    // Vectors computed by twilio-python 9.13.0 (reference §2.2/§2.3).
    #[test]
    fn signature_matches_twilio_python_vectors() {
        let base = p(&[
            ("CallSid", "CA1234567890ABCDE"),
            ("Digits", "1234"),
            ("From", "+14158675309"),
            ("To", "+18005551212"),
            ("Caller", "+14158675309"),
        ]);
        assert_eq!(
            signature(
                "12345",
                "https://mycompany.com/myapp.php?foo=1&bar=2",
                &base
            ),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        );
        let dup = p(&[
            ("Sid", "CA123"),
            ("SidAccount", "AC123"),
            ("Digits", "5678"),
            ("Digits", "1234"),
            ("Digits", "1234"),
        ]);
        assert_eq!(
            signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", &dup),
            "IK+Dwps556ElfBT0I3Rgjkr1wJU="
        );
        let va = p(&[
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
        assert_eq!(
            signature(
                "0123456789abcdef0123456789abcdef",
                "https://abc123.ngrok.app/handle_calls",
                &va
            ),
            "mmKGgBofkKO8HEihP1iMVVqfoWE="
        );
    }

    const AC: &str = "AC0123456789abcdef0123456789abcdef";
    const SK: &str = "SK0123456789abcdef0123456789abcdef";
    // Token made by twilio-python (reference §1.6): exp 1700003600.
    const PY_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsImN0eSI6InR3aWxpby1mcGE7dj0xIiwidHlwIjoiSldUIn0.eyJqdGkiOiJTSzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmLTE3MDAwMDAwMDAiLCJncmFudHMiOnsidm9pY2UiOnsiaW5jb21pbmciOnsiYWxsb3ciOnRydWV9LCJvdXRnb2luZyI6eyJhcHBsaWNhdGlvbl9zaWQiOiJBUDAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIn19LCJpZGVudGl0eSI6ImFsaWNlIn0sImlzcyI6IlNLMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYiLCJleHAiOjE3MDAwMDM2MDAsIm5iZiI6MTcwMDAwMDAwMCwic3ViIjoiQUMwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiJ9.GKXzyzUkX5x2stjJGXN_3e2cWrHP7QDn-heQfkP81Qo";

    /// The one key `SK`, with `secret`.
    fn check(
        token: &str,
        ac: &str,
        sk: &str,
        secret: &str,
        now: i64,
    ) -> Result<TokenInfo, TokenError> {
        let lookup = |sid: &str| (sid == sk).then(|| secret.to_string());
        check_token(token, ac, &lookup, now)
    }

    #[test]
    fn accepts_twilio_python_token_and_rejects_defects() {
        let ok = check(PY_TOKEN, AC, SK, "secret", 1_700_000_100).unwrap();
        assert_eq!(ok.identity.as_deref(), Some("alice"));
        assert!(ok.incoming);
        assert_eq!(
            ok.outgoing_app.as_deref(),
            Some("AP0123456789abcdef0123456789abcdef")
        );
        assert_eq!(
            check(PY_TOKEN, AC, SK, "wrong", 1_700_000_100)
                .unwrap_err()
                .code,
            31204
        );
        assert_eq!(
            check(PY_TOKEN, AC, SK, "secret", 1_700_003_600)
                .unwrap_err()
                .code,
            31205
        );
        assert_eq!(
            check(PY_TOKEN, "ACx", SK, "secret", 1_700_000_100)
                .unwrap_err()
                .code,
            31204
        );
        assert_eq!(
            check(PY_TOKEN, AC, "SKx", "secret", 1_700_000_100)
                .unwrap_err()
                .code,
            31204
        );
        assert_eq!(
            check("garbage", AC, SK, "secret", 1_700_000_100)
                .unwrap_err()
                .code,
            31204
        );
    }
}
