//! The remote wiring checks (`dialtone doctor`, the listener card): the API key authenticates,
//! the TwiML App exists and its Voice URL is our public URL, the number is bound to it, the
//! chosen caller ID is still the account's. Each failure comes with its fix; those that
//! `dialtone setup --repair` (the card's "Fix it") can mend say so.
//!
//! The checks use the API key, as the phone does every day; repair uses the Auth Token, which
//! alone may create a new key. Repair is set-up run again with the saved values: it reuses
//! what still works and replaces what does not.

use serde::Serialize;

use super::connect::{connect, ConnectRequest, Connected};
use super::{now_ms, voice_url, Approve, NumberWiring, SetupEnv, SetupError};
use crate::i18n::{Language, Text};
use crate::settings::{Field, Settings};
use crate::twilio::{Application, Credentials, TwilioError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CheckId {
    /// The settings the other checks need.
    Settings,
    Key,
    App,
    VoiceUrl,
    Number,
    CallerId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WiringCheck {
    pub id: CheckId,
    pub ok: bool,
    /// What was found, in a sentence.
    pub summary: String,
    /// What to do when it is not ok.
    pub fix: Option<String>,
    /// Repair can fix it.
    pub repairable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WiringReport {
    pub checks: Vec<WiringCheck>,
    pub ok: bool,
    /// At least one failure that repair can fix.
    pub repairable: bool,
    /// Unix milliseconds.
    pub checked_at: u64,
}

fn pass(id: CheckId, summary: String) -> WiringCheck {
    WiringCheck {
        id,
        ok: true,
        summary,
        fix: None,
        repairable: false,
    }
}

fn fail(id: CheckId, summary: String, fix: impl Into<String>, repairable: bool) -> WiringCheck {
    WiringCheck {
        id,
        ok: false,
        summary,
        fix: Some(fix.into()),
        repairable,
    }
}

fn report(checks: Vec<WiringCheck>) -> WiringReport {
    WiringReport {
        ok: checks.iter().all(|c| c.ok),
        repairable: checks.iter().any(|c| !c.ok && c.repairable),
        checks,
        checked_at: now_ms(),
    }
}

/// Checks the account against `settings`; `public_base` is the URL Twilio should call (the
/// configured one, else the tunnel's), `port` the listener's, for the fix when there is none.
/// In English, for the command line; [`check_in`] for the UI.
pub async fn check(
    env: &SetupEnv<'_>,
    settings: &Settings,
    public_base: Option<&str>,
    port: Option<u16>,
) -> WiringReport {
    check_in(env, settings, public_base, port, Language::En).await
}

/// [`check`], its sentences in `language`.
pub async fn check_in(
    env: &SetupEnv<'_>,
    settings: &Settings,
    public_base: Option<&str>,
    port: Option<u16>,
    language: Language,
) -> WiringReport {
    let say = |text: Text| text.render(language);
    // "Fix it (or run `dialtone setup --repair`): …": what repair does about one check.
    let repair =
        |what: &'static str| say(Text::new("wiring-repair").message("what", Text::new(what)));
    let token = match settings.token_settings() {
        Ok(token) => token,
        Err(incomplete) => {
            return report(vec![fail(
                CheckId::Settings,
                say(Text::new("wiring-not-set-up").message("why", Text::from(&incomplete))),
                say(Text::new("wiring-not-set-up-fix")),
                false,
            )])
        }
    };
    let number = settings
        .get(Field::TwilioNumber)
        .display_value()
        .map(str::to_owned);
    let unreachable = |e: &TwilioError| {
        fail(
            CheckId::Key,
            say(Text::new("wiring-unreachable").message("why", e.text())),
            say(Text::new("wiring-unreachable-fix")),
            false,
        )
    };
    let client = match Credentials::api_key(
        &token.account_sid,
        &token.api_key_sid,
        token.api_key_secret.clone(),
    )
    .and_then(|c| env.api.client(c))
    {
        Ok(client) => client,
        Err(e) => return report(vec![unreachable(&e)]),
    };
    let mut checks = Vec::new();

    // The key, and the app in the same request.
    let app: Option<Application> = match client.fetch_application(&token.twiml_app_sid).await {
        Ok(app) => {
            checks.push(pass(
                CheckId::Key,
                say(Text::new("wiring-key-ok").arg("sid", &token.api_key_sid)),
            ));
            checks.push(pass(
                CheckId::App,
                say(Text::new("wiring-app-ok").arg("sid", &app.sid)),
            ));
            Some(app)
        }
        Err(TwilioError::Api(e)) if e.status == 401 => {
            checks.push(fail(
                CheckId::Key,
                say(Text::new("wiring-key-refused").arg("sid", &token.api_key_sid)),
                repair("wiring-repair-key"),
                true,
            ));
            return report(checks);
        }
        Err(TwilioError::Api(e)) if e.status == 404 => {
            checks.push(pass(
                CheckId::Key,
                say(Text::new("wiring-key-ok").arg("sid", &token.api_key_sid)),
            ));
            checks.push(fail(
                CheckId::App,
                say(Text::new("wiring-app-gone").arg("sid", &token.twiml_app_sid)),
                repair("wiring-repair-app"),
                true,
            ));
            None
        }
        Err(e) => return report(vec![unreachable(&e)]),
    };

    // Its Voice URL.
    let expected = public_base.map(voice_url);
    match (&expected, &app) {
        (None, _) => checks.push(fail(
            CheckId::VoiceUrl,
            say(Text::new("wiring-no-public-url")),
            say(match port {
                Some(port) => Text::new("wiring-no-public-url-fix").arg("port", port),
                None => Text::new("wiring-no-public-url-fix-no-port"),
            }),
            false,
        )),
        (Some(_), None) => {}
        (Some(url), Some(app)) => {
            let method = app.voice_method.as_deref().unwrap_or("POST");
            if app.voice_url.as_deref() == Some(url.as_str()) && method.eq_ignore_ascii_case("POST")
            {
                checks.push(pass(
                    CheckId::VoiceUrl,
                    say(Text::new("wiring-voice-url-ok").arg("url", url)),
                ));
            } else {
                let now = match &app.voice_url {
                    Some(now) => Text::plain(format!("{} ({method})", super::shown_url(now))),
                    None => Text::new("wiring-no-voice-url"),
                };
                checks.push(fail(
                    CheckId::VoiceUrl,
                    say(Text::new("wiring-voice-url-wrong")
                        .message("now", now)
                        .arg("url", url)),
                    repair("wiring-repair-voice-url"),
                    true,
                ));
            }
        }
    }

    // The number.
    if let Some(number) = &number {
        match client.list_incoming_phone_numbers(Some(number)).await {
            Ok(found) => match found.iter().find(|n| &n.phone_number == number) {
                None => checks.push(fail(
                    CheckId::Number,
                    say(Text::new("wiring-number-gone").arg("number", number)),
                    say(Text::new("wiring-number-gone-fix")),
                    false,
                )),
                Some(n) => match NumberWiring::of(&n.voice, Some(&token.twiml_app_sid)) {
                    NumberWiring::Dialtone => checks.push(pass(
                        CheckId::Number,
                        say(Text::new("wiring-number-ok").arg("number", number)),
                    )),
                    other => {
                        let to = match other {
                            NumberWiring::Elsewhere(what) => Text::plain(what),
                            NumberWiring::Demo => Text::new("wiring-demo-answer"),
                            _ => Text::new("wiring-nowhere"),
                        };
                        checks.push(fail(
                            CheckId::Number,
                            say(Text::new("wiring-number-elsewhere")
                                .arg("number", number)
                                .message("to", to)),
                            repair("wiring-repair-number"),
                            true,
                        ));
                    }
                },
            },
            Err(e) => checks.push(fail(
                CheckId::Number,
                say(Text::new("wiring-number-unreadable").message("why", e.text())),
                say(Text::new("wiring-try-again")),
                false,
            )),
        }
    }

    // The chosen caller ID, and the list the webhook checks it against, refreshed.
    if let Ok(Some(mut record)) = env.record.load() {
        if record.account_sid == token.account_sid {
            if let Ok(ids) = caller_id_list(&client).await {
                record.caller_ids = ids;
                let _ = env.record.save(&record);
            }
            if let Some(chosen) = record
                .caller_id
                .clone()
                .filter(|c| Some(c) != number.as_ref())
            {
                if record.effective_caller_id() == Some(chosen.as_str()) {
                    checks.push(pass(
                        CheckId::CallerId,
                        say(Text::new("wiring-caller-id-ok").arg("caller", &chosen)),
                    ));
                } else {
                    checks.push(fail(
                        CheckId::CallerId,
                        say(Text::new("wiring-caller-id-gone")
                            .arg("caller", &chosen)
                            .message(
                                "shown",
                                number
                                    .as_deref()
                                    .map_or_else(|| Text::new("wiring-your-number"), Text::plain),
                            )),
                        say(Text::new("wiring-caller-id-gone-fix")),
                        false,
                    ));
                }
            }
        }
    }
    report(checks)
}

/// The account's numbers and verified caller IDs.
pub async fn caller_id_list(client: &crate::twilio::Client) -> Result<Vec<String>, TwilioError> {
    let mut ids: Vec<String> = client
        .list_incoming_phone_numbers(None)
        .await?
        .into_iter()
        .map(|n| n.phone_number)
        .collect();
    for id in client.list_outgoing_caller_ids().await? {
        if !ids.contains(&id.phone_number) {
            ids.push(id.phone_number);
        }
    }
    Ok(ids)
}

/// Set-up again with the saved Account SID, Auth Token, number and caller ID.
pub async fn repair(
    env: &SetupEnv<'_>,
    settings: &Settings,
    public_base: Option<&str>,
    take_over: bool,
    approve: &mut dyn Approve,
) -> Result<Connected, SetupError> {
    let webhook = settings.webhook_settings(true).map_err(|e| {
        SetupError::NeedsSettings(format!(
            "repair needs the saved Account SID, Auth Token and number ({e}); run the set-up instead"
        ))
    })?;
    let caller_id = env
        .record
        .load()?
        .filter(|r| r.account_sid == webhook.account_sid)
        .and_then(|r| r.caller_id);
    let mut request = ConnectRequest {
        account_sid: webhook.account_sid.clone(),
        auth_token: webhook
            .auth_token
            .clone()
            .expect("webhook_settings(true) requires the Auth Token"),
        number: webhook.twilio_number.as_str().to_owned(),
        caller_id,
        public_base: public_base.map(str::to_owned),
        save_public_url: None,
        take_over,
    };
    match connect(env, &request, approve).await {
        // A caller ID the account lost is no reason to leave the rest broken: the number
        // itself is the default.
        Err(SetupError::CallerIdNotAllowed { .. }) if request.caller_id.is_some() => {
            request.caller_id = None;
            connect(env, &request, approve).await
        }
        other => other,
    }
}
