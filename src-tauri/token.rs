//! Twilio Access Tokens for the Voice SDK, minted here so the API key secret never leaves Rust.
//!
//! The format is Twilio's (`twilio.md` §1): an HS256 JWT signed with the API key secret, with
//! header `cty: twilio-fpa;v=1` and a `grants` claim holding the identity and a voice grant.

use jsonwebtoken::{EncodingKey, Header};
use serde::Serialize;

use crate::settings::TokenSettings;

/// Twilio's default lifetime.
pub const DEFAULT_TTL_SECS: u64 = 3600;
/// Twilio refuses tokens that live longer than a day (errors 20157 and 31207).
pub const MAX_TTL_SECS: u64 = 86_400;
/// The SDK warns 10 s before expiry (`tokenRefreshMs`); anything shorter than this would be
/// stale before it could be used.
pub const MIN_TTL_SECS: u64 = 15;

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("a token lifetime of {0} s is not allowed: choose {min} to {max} seconds (Twilio refuses more than 24 hours)", min = MIN_TTL_SECS, max = MAX_TTL_SECS)]
    Ttl(u64),
    #[error("the clock reads before 1970; set the system clock")]
    Clock,
    #[error("signing the token failed: {0}")]
    Signing(String),
}

/// A minted token and what the UI needs to know about it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessToken {
    pub token: String,
    pub identity: String,
    /// Unix seconds.
    pub expires_at: u64,
}

/// The claims, in the field order of the byte-exact vector in `twilio.md` §1.7.
#[derive(Debug, Serialize)]
pub(crate) struct Claims<'a> {
    pub jti: String,
    pub iss: &'a str,
    pub sub: &'a str,
    /// Left out of minted tokens: a desktop's clock may run ahead of Twilio's, and an `nbf` in
    /// Twilio's future makes the token unusable until the clocks meet. Twilio's node library
    /// omits it too. The field exists so the cross-library test vector can be reproduced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nbf: Option<u64>,
    pub exp: u64,
    pub grants: Grants<'a>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Grants<'a> {
    pub identity: &'a str,
    pub voice: VoiceGrant<'a>,
}

#[derive(Debug, Serialize)]
pub(crate) struct VoiceGrant<'a> {
    pub incoming: Incoming,
    pub outgoing: Outgoing<'a>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Incoming {
    pub allow: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct Outgoing<'a> {
    pub application_sid: &'a str,
}

/// The claims for `settings` at `now` (unix seconds) with lifetime `ttl`.
pub(crate) fn claims(settings: &TokenSettings, now: u64, ttl: u64) -> Claims<'_> {
    Claims {
        jti: format!("{}-{now}", settings.api_key_sid),
        iss: &settings.api_key_sid,
        sub: &settings.account_sid,
        nbf: None,
        exp: now + ttl,
        grants: Grants {
            identity: &settings.identity,
            voice: VoiceGrant {
                incoming: Incoming { allow: true },
                outgoing: Outgoing {
                    application_sid: &settings.twiml_app_sid,
                },
            },
        },
    }
}

fn header() -> Header {
    let mut header = Header::new(jsonwebtoken::Algorithm::HS256);
    header.cty = Some("twilio-fpa;v=1".to_owned());
    header
}

pub(crate) fn sign(claims: &Claims<'_>, secret: &str) -> Result<String, TokenError> {
    jsonwebtoken::encode(
        &header(),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .map_err(|e| TokenError::Signing(e.to_string()))
}

/// Mints a token valid from `now` for `ttl_secs`. The clock is a parameter so tests pin it.
pub fn mint(
    settings: &TokenSettings,
    now: std::time::SystemTime,
    ttl_secs: u64,
) -> Result<AccessToken, TokenError> {
    if !(MIN_TTL_SECS..=MAX_TTL_SECS).contains(&ttl_secs) {
        return Err(TokenError::Ttl(ttl_secs));
    }
    let now = now
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| TokenError::Clock)?
        .as_secs();
    let claims = claims(settings, now, ttl_secs);
    Ok(AccessToken {
        token: sign(&claims, settings.api_key_secret.expose())?,
        identity: settings.identity.clone(),
        expires_at: claims.exp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use std::time::{Duration, UNIX_EPOCH};

    fn settings() -> TokenSettings {
        TokenSettings {
            account_sid: "AC0123456789abcdef0123456789abcdef".into(),
            api_key_sid: "SK0123456789abcdef0123456789abcdef".into(),
            api_key_secret: Secret::new("secret"),
            twiml_app_sid: "AP0123456789abcdef0123456789abcdef".into(),
            identity: "alice".into(),
        }
    }

    /// `twilio.md` §1.7: the same claims in our field order, HS256 with `secret`, computed
    /// independently with Python's `hmac`.
    #[test]
    fn byte_exact_vector() {
        let settings = settings();
        let mut claims = claims(&settings, 1_700_000_000, 3600);
        claims.nbf = Some(1_700_000_000);
        let token = sign(&claims, "secret").unwrap();
        assert_eq!(
            token,
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0.eyJqdGkiOiJTSzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmLTE3MDAwMDAwMDAiLCJpc3MiOiJTSzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwic3ViIjoiQUMwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsIm5iZiI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwLCJncmFudHMiOnsiaWRlbnRpdHkiOiJhbGljZSIsInZvaWNlIjp7ImluY29taW5nIjp7ImFsbG93Ijp0cnVlfSwib3V0Z29pbmciOnsiYXBwbGljYXRpb25fc2lkIjoiQVAwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiJ9fX19.mcnqvdb6O73E_VrJZgTksVYfXUJB6LhF8danYfT5LO4"
        );
    }

    #[test]
    fn minted_tokens_omit_nbf_and_expire_after_ttl() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let minted = mint(&settings(), now, 600).unwrap();
        assert_eq!(minted.expires_at, 1_700_000_600);
        assert_eq!(minted.identity, "alice");
        let payload = minted.token.split('.').nth(1).unwrap();
        use base64::Engine as _;
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap();
        let claims: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert!(claims.get("nbf").is_none());
        assert_eq!(claims["exp"], 1_700_000_600);
    }

    #[test]
    fn ttl_is_bounded() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert!(mint(&settings(), now, MAX_TTL_SECS).is_ok());
        assert!(matches!(
            mint(&settings(), now, MAX_TTL_SECS + 1),
            Err(TokenError::Ttl(_))
        ));
        assert!(matches!(mint(&settings(), now, 0), Err(TokenError::Ttl(_))));
    }
}
