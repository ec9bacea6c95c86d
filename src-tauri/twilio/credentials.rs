//! What the REST client authenticates with: HTTP Basic with the Account SID and Auth Token (for
//! set-up: only they reach the account itself and its keys), or an API key's SID and secret (for
//! everyday calls). The secret half is a [`Secret`], so a `{:?}` of these shows no secret.

use std::fmt;

use super::error::TwilioError;
use crate::secret::Secret;

/// True when `value` is `prefix` followed by 32 hexadecimal digits, the shape of every Twilio SID.
pub fn is_sid(value: &str, prefix: &str) -> bool {
    value.len() == 34
        && value.starts_with(prefix)
        && value[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Checks a SID before it goes into a URL path, so a malformed one is named as such rather than
/// changing which resource is asked for.
pub fn check_sid(what: &'static str, value: &str, prefix: &'static str) -> Result<(), TwilioError> {
    if is_sid(value, prefix) {
        Ok(())
    } else {
        Err(TwilioError::InvalidSid {
            what,
            value: value.to_owned(),
            prefix,
        })
    }
}

#[derive(Clone)]
pub struct Credentials {
    /// The account every request is about (`AC…`); also the Basic user with an Auth Token.
    account_sid: String,
    /// The Basic user name: the Account SID or the API key SID (`SK…`).
    username: String,
    password: Secret,
}

impl Credentials {
    /// The Account SID and its Auth Token.
    pub fn auth_token(account_sid: &str, auth_token: Secret) -> Result<Self, TwilioError> {
        check_sid("Account SID", account_sid, "AC")?;
        Ok(Credentials {
            account_sid: account_sid.to_owned(),
            username: account_sid.to_owned(),
            password: auth_token,
        })
    }

    /// An API key of `account_sid`. A Standard key cannot read the account or manage keys.
    pub fn api_key(account_sid: &str, key_sid: &str, secret: Secret) -> Result<Self, TwilioError> {
        check_sid("Account SID", account_sid, "AC")?;
        check_sid("API key SID", key_sid, "SK")?;
        Ok(Credentials {
            account_sid: account_sid.to_owned(),
            username: key_sid.to_owned(),
            password: secret,
        })
    }

    pub fn account_sid(&self) -> &str {
        &self.account_sid
    }

    pub(super) fn username(&self) -> &str {
        &self.username
    }

    pub(super) fn password(&self) -> &Secret {
        &self.password
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("account_sid", &self.account_sid)
            .field("username", &self.username)
            .field("password", &self.password)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AC: &str = "AC0123456789abcdef0123456789abcdef";

    #[test]
    fn debug_hides_the_secret() {
        let c =
            Credentials::auth_token(AC, Secret::new("0f1e2d3c4b5a69788796a5b4c3d2e1f0")).unwrap();
        let shown = format!("{c:?}");
        assert!(shown.contains(AC), "{shown}");
        assert!(!shown.contains("0f1e2d3c"), "{shown}");
    }

    #[test]
    fn malformed_sids_are_refused_with_their_shape() {
        let e = Credentials::auth_token("AC123/../x", Secret::new("t")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Account SID \"AC123/../x\" is not a Twilio SID: it is AC followed by 32 hexadecimal digits"
        );
        assert!(
            Credentials::api_key(AC, "AC0123456789abcdef0123456789abcdef", Secret::new("s"))
                .is_err()
        );
    }
}
