//! The set-up wizard (`dialtone::setup`) against the simulator's Twilio REST API: every page of
//! numbers, each error code, retries, a rollback at each step, undo, a number wired elsewhere
//! with and without confirmation, a wrong Auth Token saving nothing, the remote checks and
//! their repair. What the account holds afterwards is read from the simulator itself.

mod twilio_sim;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use dialtone::secret::Secret;
use dialtone::settings::{
    Field, Keychain, MemoryKeychain, Settings, SettingsFile, Store, StoreError,
};
use dialtone::setup::account::overview;
use dialtone::setup::connect::{connect, ConnectRequest};
use dialtone::setup::undo::undo;
use dialtone::setup::wiring::{check, repair, CheckId};
use dialtone::setup::{
    Approve, ApproveAll, Change, NumberWiring, RecordFile, SetupEnv, SetupError, TwilioApi,
};
use dialtone::twilio::retry::Sleep;
use dialtone::twilio::{Client, Credentials, NumberUpdate};
use serde_json::{json, Value};
use twilio_sim::*;

const BASE: &str = "https://abc123.ngrok.app";
const MACHINE: &str = "test-machine";
const VERIFIED: &str = "+15550009999";

/// Waits nothing, so retries take no time.
struct NoSleep;

impl Sleep for NoSleep {
    fn sleep(
        &self,
        _: Duration,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
        Box::pin(async {})
    }
}

/// The memory keychain, but one that can be made to refuse writes (a keychain locked while
/// set-up runs).
#[derive(Default)]
struct LockableKeychain {
    inner: MemoryKeychain,
    locked: Arc<AtomicBool>,
}

impl Keychain for LockableKeychain {
    fn get(&self, field: Field) -> Result<Option<String>, StoreError> {
        self.inner.get(field)
    }
    fn set(&self, field: Field, value: &str) -> Result<(), StoreError> {
        if self.locked.load(Ordering::SeqCst) {
            return Err(StoreError::Keychain {
                action: "save",
                field,
                detail: "the collection is locked".into(),
            });
        }
        self.inner.set(field, value)
    }
    fn delete(&self, field: Field) -> Result<(), StoreError> {
        self.inner.delete(field)
    }
    fn describe(&self) -> String {
        "lockable test keychain".into()
    }
}

struct Fixture {
    sim: Sim,
    api: TwilioApi,
    store: Store,
    record: RecordFile,
    locked: Arc<AtomicBool>,
    _dir: tempfile::TempDir,
}

impl Fixture {
    fn new(sim: Sim) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut api = TwilioApi::new(&sim.rest);
        api.options.sleep = Arc::new(NoSleep);
        api.options.page_size = 4;
        let keychain = LockableKeychain::default();
        let locked = keychain.locked.clone();
        let store = Store::new(
            Box::new(keychain),
            SettingsFile::new(dir.path().join("settings.json")),
        );
        let record = RecordFile::beside(store.file.path());
        Fixture {
            sim,
            api,
            store,
            record,
            locked,
            _dir: dir,
        }
    }

    fn env(&self) -> SetupEnv<'_> {
        SetupEnv {
            api: &self.api,
            store: &self.store,
            record: &self.record,
            machine: MACHINE,
        }
    }

    fn request(&self, number: &str) -> ConnectRequest {
        ConnectRequest {
            account_sid: ACCOUNT_SID.into(),
            auth_token: Secret::new(AUTH_TOKEN),
            number: number.into(),
            caller_id: None,
            public_base: Some(BASE.into()),
            save_public_url: None,
            take_over: false,
        }
    }

    async fn connect(
        &self,
        request: &ConnectRequest,
    ) -> Result<dialtone::setup::connect::Connected, SetupError> {
        connect(&self.env(), request, &mut ApproveAll).await
    }

    fn saved(&self) -> BTreeMap<Field, String> {
        self.store.load().unwrap()
    }

    fn settings(&self) -> Settings {
        Settings::resolve(&dialtone::settings::Environment::default(), &self.saved())
    }

    /// The account as the simulator holds it.
    async fn account(&self) -> Value {
        self.sim.state().await
    }

    async fn number(&self, phone_number: &str) -> Value {
        self.account().await["numbers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["phone_number"] == phone_number)
            .cloned()
            .unwrap_or_else(|| panic!("{phone_number} is not in the account"))
    }

    fn auth_client(&self) -> Client {
        Client::new(
            &self.sim.rest,
            Credentials::auth_token(ACCOUNT_SID, Secret::new(AUTH_TOKEN)).unwrap(),
            Default::default(),
        )
        .unwrap()
    }
}

/// The numbers' voice configurations as Dialtone reads them (`""` and `null` both unset, as
/// Twilio writes either), by SID: what "the number is as it was" means.
fn voices(account: &Value) -> BTreeMap<String, dialtone::twilio::VoiceConfig> {
    let numbers: Vec<dialtone::twilio::IncomingPhoneNumber> =
        serde_json::from_value(account["numbers"].clone()).unwrap();
    numbers.into_iter().map(|n| (n.sid, n.voice)).collect()
}

fn sids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["sid"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn every_page_of_numbers_is_listed_with_what_each_does() {
    let f = Fixture::new(Sim::before_setup(
        NUMBER,
        json!({"numbers": [
            {"phone_number": "+15550100000", "count": 9},
            {"phone_number": "+15550200000", "capabilities": {"voice": false, "sms": true, "mms": false, "fax": false}},
            {"phone_number": "+15550300000", "voice_url": "https://demo.twilio.com/welcome/voice/"},
            {"phone_number": "+15550400000", "voice_url": "https://crm.example/voice"},
        ], "caller_ids": [{"phone_number": VERIFIED}]}),
    ));
    let account = overview(&f.env(), ACCOUNT_SID, &Secret::new(AUTH_TOKEN))
        .await
        .unwrap();
    // 13 numbers in pages of 4: all followed, the one without voice left out.
    assert_eq!(account.numbers.len(), 12, "{:?}", account.numbers);
    let pages = f
        .sim
        .rest_requests()
        .await
        .into_iter()
        .filter(|r| r["path"] == f.sim.path("/IncomingPhoneNumbers.json"))
        .count();
    assert_eq!(pages, 4);
    assert_eq!(account.proposed, None, "several numbers: the user picks");
    let wiring = |n: &str| {
        account
            .numbers
            .iter()
            .find(|c| c.phone_number == n)
            .unwrap()
            .wiring
            .clone()
    };
    assert_eq!(wiring(NUMBER), NumberWiring::Free);
    assert_eq!(wiring("+15550300000"), NumberWiring::Demo);
    assert_eq!(
        wiring("+15550400000"),
        NumberWiring::Elsewhere("the URL https://crm.example/voice".into())
    );
    let ids: Vec<(&str, bool)> = account
        .caller_ids
        .iter()
        .map(|c| (c.phone_number.as_str(), c.verified))
        .collect();
    assert!(
        ids.contains(&(VERIFIED, true)) && ids.contains(&("+15550200000", false)),
        "{ids:?}"
    );

    let single = Fixture::new(Sim::before_setup(NUMBER, json!({})));
    let account = overview(&single.env(), ACCOUNT_SID, &Secret::new(AUTH_TOKEN))
        .await
        .unwrap();
    assert_eq!(
        account.proposed.as_deref(),
        Some(NUMBER),
        "the only one is proposed"
    );
}

#[tokio::test]
async fn a_wrong_auth_token_saves_nothing_and_changes_nothing() {
    let f = Fixture::new(Sim::before_setup(NUMBER, json!({})));
    let before = f.account().await;
    let wrong = Secret::new("00000000000000000000000000000000");
    let err = overview(&f.env(), ACCOUNT_SID, &wrong).await.unwrap_err();
    assert!(matches!(err, SetupError::WrongCredentials), "{err:?}");
    assert!(err.to_string().contains("Nothing was saved"), "{err}");
    let mut request = f.request(NUMBER);
    request.auth_token = wrong;
    let err = f.connect(&request).await.unwrap_err();
    assert!(matches!(err, SetupError::WrongCredentials), "{err:?}");
    assert_eq!(err.field(), Some(Field::AuthToken));
    assert!(f.saved().is_empty(), "nothing saved");
    assert_eq!(f.record.load().unwrap(), None, "no record");
    let after = f.account().await;
    assert_eq!(before["keys"], after["keys"]);
    assert_eq!(before["applications"], after["applications"]);
    assert_eq!(voices(&before), voices(&after));
    // A malformed one is named before Twilio is asked.
    let err = overview(&f.env(), ACCOUNT_SID, &Secret::new("abc"))
        .await
        .unwrap_err();
    assert!(matches!(err, SetupError::Invalid(v) if v.field == Field::AuthToken));
}

#[tokio::test]
async fn an_account_without_a_voice_number_says_so_and_what_to_do() {
    let f = Fixture::new(Sim::before_setup(
        "",
        json!({"numbers": [{"phone_number": "+15550200000", "capabilities": {"voice": false, "sms": true, "mms": false, "fax": false}}]}),
    ));
    let err = overview(&f.env(), ACCOUNT_SID, &Secret::new(AUTH_TOKEN))
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("no phone number that can take voice calls, only one without voice")
            && text.contains("Buy a number"),
        "{text}"
    );
}

#[tokio::test]
async fn set_up_makes_a_key_an_app_and_binds_the_number_then_saves_everything() {
    let f = Fixture::new(Sim::before_setup(NUMBER, json!({})));
    let done = f.connect(&f.request(NUMBER)).await.unwrap();
    assert!(!done.reused_key && !done.reused_app);
    let account = f.account().await;

    let key = account["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["sid"] == done.key_sid.as_str())
        .expect("the new key is in the account");
    assert_eq!(key["friendly_name"], "Dialtone on test-machine");
    let app = account["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["sid"] == done.application_sid.as_str())
        .expect("the new app is in the account");
    assert_eq!(app["voice_url"], format!("{BASE}/handle_calls"));
    assert_eq!(app["voice_method"], "POST");
    assert_eq!(app["friendly_name"], "Dialtone on test-machine");
    let number = f.number(NUMBER).await;
    assert_eq!(
        number["voice_application_sid"],
        done.application_sid.as_str()
    );

    let saved = f.saved();
    assert_eq!(saved[&Field::AccountSid], ACCOUNT_SID);
    assert_eq!(saved[&Field::AuthToken], AUTH_TOKEN);
    assert_eq!(saved[&Field::ApiKeySid], done.key_sid);
    assert_eq!(saved[&Field::TwimlAppSid], done.application_sid);
    assert_eq!(saved[&Field::TwilioNumber], NUMBER);
    assert!(
        !saved.contains_key(&Field::PublicUrl),
        "a found URL is never saved as configured"
    );
    assert!(f.settings().is_complete());

    // The saved key really mints tokens Twilio accepts (the simulator checks it as the
    // signaling side does).
    let token = dialtone::token::mint(
        &f.settings().token_settings().unwrap(),
        std::time::SystemTime::now(),
        600,
    )
    .unwrap();
    let verdict = f
        .sim
        .control(
            reqwest::Method::POST,
            "/token-check",
            json!({"token": token.token}),
        )
        .await;
    assert_eq!(verdict["ok"], true, "{verdict}");

    let record = f.record.load().unwrap().expect("a record");
    assert_eq!(record.key.unwrap().sid, done.key_sid);
    assert_eq!(record.application.unwrap().sid, done.application_sid);
    let previous = record.number.unwrap().previous;
    assert_eq!(
        NumberWiring::of(&previous, None),
        NumberWiring::Free,
        "it was free: {previous:?}"
    );
    assert_eq!(
        record.voice_url.as_deref(),
        Some("https://abc123.ngrok.app/handle_calls")
    );
}

#[tokio::test]
async fn a_second_run_reuses_its_own_app_by_sid_not_one_with_its_name() {
    let f = Fixture::new(Sim::before_setup(
        NUMBER,
        json!({"applications": [{"friendly_name": "Dialtone on test-machine", "voice_url": "https://someone-else.example/voice"}]}),
    ));
    let impostor = sids(&f.account().await["applications"])[0].clone();
    let first = f.connect(&f.request(NUMBER)).await.unwrap();
    assert_ne!(
        first.application_sid, impostor,
        "a guessable name is not recognition"
    );
    let mut again = f.request(NUMBER);
    again.public_base = Some("https://moved.ngrok.app".into());
    let second = f.connect(&again).await.unwrap();
    assert_eq!(second.application_sid, first.application_sid);
    assert_eq!(second.key_sid, first.key_sid);
    assert!(second.reused_app && second.reused_key);
    let account = f.account().await;
    assert_eq!(sids(&account["applications"]).len(), 2, "no app made twice");
    let ours = account["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["sid"] == first.application_sid.as_str())
        .unwrap()
        .clone();
    assert_eq!(ours["voice_url"], "https://moved.ngrok.app/handle_calls");
    let theirs = account["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["sid"] == impostor.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        theirs["voice_url"], "https://someone-else.example/voice",
        "left alone"
    );
}

#[tokio::test]
async fn a_number_wired_elsewhere_needs_confirmation_and_undo_gives_it_back() {
    const TRUNK: &str = "TK0123456789abcdef0123456789abcdef";
    let f = Fixture::new(Sim::before_setup(
        NUMBER,
        json!({"numbers": [
            {"phone_number": "+15550400000", "voice_url": "https://crm.example/voice", "voice_method": "GET",
             "voice_fallback_url": "https://crm.example/fallback", "status_callback": "https://crm.example/status"},
            {"phone_number": "+15550500000", "trunk_sid": TRUNK},
        ]}),
    ));
    let before = f.account().await;
    for number in ["+15550400000", "+15550500000"] {
        let err = f.connect(&f.request(number)).await.unwrap_err();
        assert!(
            matches!(&err, SetupError::NeedsConfirmation { .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("--force"), "{err}");
    }
    let after = f.account().await;
    assert_eq!(
        before["keys"], after["keys"],
        "nothing made before the confirmation"
    );
    assert_eq!(before["applications"], after["applications"]);
    assert_eq!(voices(&before), voices(&after));
    assert!(f.saved().is_empty());

    // Confirmed: taken over, its old configuration recorded first.
    let mut request = f.request("+15550500000");
    request.take_over = true;
    let done = f.connect(&request).await.unwrap();
    assert!(done.replaced.unwrap().contains(TRUNK));
    let bound = f.number("+15550500000").await;
    assert_eq!(
        bound["voice_application_sid"],
        done.application_sid.as_str()
    );
    assert!(
        bound["trunk_sid"].is_null() || bound["trunk_sid"] == "",
        "binding cleared the trunk: {bound}"
    );

    // Undo: the trunk is sent back, the app and the key are gone, the settings that named
    // them are cleared, the Account SID and Auth Token stay.
    let undone = undo(&f.env(), &mut ApproveAll).await.unwrap();
    assert_eq!(undone.done.len(), 3, "{:?}", undone.done);
    let back = f.number("+15550500000").await;
    assert_eq!(back["trunk_sid"], TRUNK, "{back}");
    assert_eq!(back["voice_application_sid"], "");
    let account = f.account().await;
    assert!(!sids(&account["applications"]).contains(&done.application_sid));
    assert!(!sids(&account["keys"]).contains(&done.key_sid));
    let saved = f.saved();
    assert_eq!(
        saved.keys().copied().collect::<Vec<_>>(),
        vec![Field::AccountSid, Field::AuthToken]
    );
    assert_eq!(f.record.load().unwrap(), None);
    let err = undo(&f.env(), &mut ApproveAll).await.unwrap_err();
    assert!(err.to_string().contains("nothing to undo"), "{err}");

    // A voice URL, its method, fallback and status callback come back exactly.
    let mut request = f.request("+15550400000");
    request.take_over = true;
    f.connect(&request).await.unwrap();
    undo(&f.env(), &mut ApproveAll).await.unwrap();
    let back = f.number("+15550400000").await;
    let was = before["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["phone_number"] == "+15550400000")
        .unwrap()
        .clone();
    for field in [
        "voice_url",
        "voice_method",
        "voice_fallback_url",
        "voice_fallback_method",
        "voice_application_sid",
        "status_callback",
        "status_callback_method",
    ] {
        assert_eq!(back[field], was[field], "{field}");
    }
}

/// Approves the first `n` changes, then says no.
struct ApproveFirst(usize, Vec<Change>);

impl Approve for ApproveFirst {
    fn approve(&mut self, change: &Change) -> bool {
        self.1.push(change.clone());
        if self.0 == 0 {
            return false;
        }
        self.0 -= 1;
        true
    }
}

#[tokio::test]
async fn each_change_is_asked_for_and_a_no_takes_back_what_was_made() {
    let f = Fixture::new(Sim::before_setup(NUMBER, json!({})));
    let before = f.account().await;
    for yes in 0..3 {
        let mut approve = ApproveFirst(yes, Vec::new());
        let err = connect(&f.env(), &f.request(NUMBER), &mut approve)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("you declined"), "{err}");
        let after = f.account().await;
        assert_eq!(before["keys"], after["keys"], "after {yes} yes: {err}");
        assert_eq!(before["applications"], after["applications"]);
        assert_eq!(voices(&before), voices(&after));
        assert!(f.saved().is_empty());
        assert_eq!(f.record.load().unwrap(), None);
        assert_eq!(approve.1.len(), yes + 1);
    }
    let mut all = ApproveFirst(usize::MAX, Vec::new());
    connect(&f.env(), &f.request(NUMBER), &mut all)
        .await
        .unwrap();
    let kinds: Vec<String> = all
        .1
        .iter()
        .map(|c| {
            serde_json::to_value(c).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(kinds, ["createKey", "createApp", "bindNumber"]);
}

#[tokio::test]
async fn a_step_that_fails_midway_rolls_back_and_says_what_failed() {
    let f = Fixture::new(Sim::before_setup(NUMBER, json!({})));
    let before = f.account().await;
    let number_sid = f.number(NUMBER).await["sid"].as_str().unwrap().to_owned();
    // A create is not sent twice (a repeat could make two), so one 500 fails the step.
    // An update is retried (4 attempts in all), so it takes 4 to fail it.
    for (path, count, step) in [
        ("/Keys.json", 1, "create the API key"),
        ("/Applications.json", 1, "create the TwiML App"),
        (
            &*format!("/IncomingPhoneNumbers/{number_sid}.json"),
            4,
            "connect the number to the TwiML App",
        ),
    ] {
        f.sim
            .fault(
                json!({"path": f.sim.path(path), "method": "POST", "status": 500, "count": count}),
            )
            .await;
        let err = f.connect(&f.request(NUMBER)).await.unwrap_err();
        let text = err.to_string();
        assert!(text.contains(&format!("could not {step}")), "{text}");
        if step != "create the API key" {
            assert!(
                matches!(&err, SetupError::RolledBack { left, .. } if left.is_empty()),
                "{err:?}"
            );
            assert!(text.contains("deleted the new API key"), "{text}");
        }
        let after = f.account().await;
        assert_eq!(before["keys"], after["keys"], "{step}");
        assert_eq!(before["applications"], after["applications"], "{step}");
        assert_eq!(voices(&before), voices(&after), "{step}");
        assert!(f.saved().is_empty(), "{step}");
        assert_eq!(f.record.load().unwrap(), None, "{step}");
        assert_eq!(
            f.account().await["faults"],
            json!([]),
            "every fault was used"
        );
    }

    // The keychain refuses the save at the very end: the account is put back too.
    f.locked.store(true, Ordering::SeqCst);
    let err = f.connect(&f.request(NUMBER)).await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("keychain refused") && text.contains("Put back as it was"),
        "{text}"
    );
    let after = f.account().await;
    assert_eq!(before["keys"], after["keys"]);
    assert_eq!(before["applications"], after["applications"]);
    assert_eq!(voices(&before), voices(&after));
    f.locked.store(false, Ordering::SeqCst);
    assert!(f.saved().is_empty());
    assert_eq!(f.record.load().unwrap(), None);
}

#[tokio::test]
async fn reads_are_retried_through_rate_limits_and_outages() {
    let f = Fixture::new(Sim::before_setup(NUMBER, json!({})));
    f.sim
        .fault(json!({"path": f.sim.path("/IncomingPhoneNumbers.json"), "status": 429, "retry_after": 1}))
        .await;
    f.sim
        .fault(json!({"path": f.sim.path("/OutgoingCallerIds.json"), "status": 503, "count": 2}))
        .await;
    let done = f.connect(&f.request(NUMBER)).await.unwrap();
    assert_eq!(done.number, NUMBER);
    let statuses: Vec<u64> = f
        .sim
        .rest_requests()
        .await
        .iter()
        .filter(|r| r["path"] == f.sim.path("/OutgoingCallerIds.json"))
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [503, 503, 200]);

    // An outage that outlasts the retries is an error in words, and changes nothing.
    let g = Fixture::new(Sim::before_setup(NUMBER, json!({})));
    g.sim
        .fault(json!({"path": format!("/2010-04-01/Accounts/{ACCOUNT_SID}.json"), "status": 503, "count": 10}))
        .await;
    let err = g.connect(&g.request(NUMBER)).await.unwrap_err();
    assert!(err.to_string().contains("status.twilio.com"), "{err}");
    assert!(g.saved().is_empty());
}

#[tokio::test]
async fn the_thousand_and_first_app_is_refused_in_words_and_the_key_taken_back() {
    let apps: Vec<Value> = (0..1000)
        .map(|i| json!({"friendly_name": format!("app {i}")}))
        .collect();
    let f = Fixture::new(Sim::before_setup(NUMBER, json!({"applications": apps})));
    let keys_before = f.account().await["keys"].clone();
    let err = f.connect(&f.request(NUMBER)).await.unwrap_err();
    assert_eq!(err.twilio_code(), Some(21301));
    let text = err.to_string();
    assert!(
        text.contains("maximum of 1000 TwiML Apps") && text.contains("deleted the new API key"),
        "{text}"
    );
    assert_eq!(f.account().await["keys"], keys_before);
}

#[tokio::test]
async fn the_caller_id_must_be_one_of_the_accounts() {
    let f = Fixture::new(Sim::before_setup(
        NUMBER,
        json!({"caller_ids": [{"phone_number": VERIFIED}]}),
    ));
    let mut request = f.request(NUMBER);
    request.caller_id = Some("+15551110000".into());
    let before = f.account().await;
    let err = f.connect(&request).await.unwrap_err();
    assert!(
        matches!(err, SetupError::CallerIdNotAllowed { .. }),
        "{err:?}"
    );
    assert_eq!(
        before["keys"],
        f.account().await["keys"],
        "checked before any change"
    );

    request.caller_id = Some(VERIFIED.into());
    let done = f.connect(&request).await.unwrap();
    assert_eq!(done.caller_id, VERIFIED);
    let record = f.record.load().unwrap().unwrap();
    assert_eq!(record.effective_caller_id(), Some(VERIFIED));
    assert!(record.caller_ids.contains(&NUMBER.to_owned()));
}

#[tokio::test]
async fn the_remote_checks_find_each_break_and_repair_mends_it() {
    let f = Fixture::new(Sim::before_setup(NUMBER, json!({})));
    let done = f.connect(&f.request(NUMBER)).await.unwrap();
    let report = check(&f.env(), &f.settings(), Some(BASE), Some(3000)).await;
    assert!(report.ok, "{report:#?}");
    let ids: Vec<CheckId> = report.checks.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            CheckId::Key,
            CheckId::App,
            CheckId::VoiceUrl,
            CheckId::Number
        ]
    );

    let failing = |report: &dialtone::setup::wiring::WiringReport| -> Vec<CheckId> {
        report
            .checks
            .iter()
            .filter(|c| !c.ok)
            .map(|c| c.id)
            .collect()
    };
    let client = f.auth_client();
    let number_sid = f.number(NUMBER).await["sid"].as_str().unwrap().to_owned();

    // The Voice URL someone changed, then a tunnel that moved.
    client
        .update_application(
            &done.application_sid,
            &dialtone::setup::connect::point("https://elsewhere.example/voice"),
        )
        .await
        .unwrap();
    let report = check(&f.env(), &f.settings(), Some(BASE), Some(3000)).await;
    assert_eq!(failing(&report), [CheckId::VoiceUrl]);
    assert!(report.repairable);
    assert!(
        report.checks[2].summary.starts_with(
            "the TwiML App's Voice URL is https://elsewhere.example/voice (POST), not"
        ),
        "{report:#?}"
    );
    // The same check for the UI, in Japanese.
    let ja = dialtone::setup::wiring::check_in(
        &f.env(),
        &f.settings(),
        Some(BASE),
        Some(3000),
        dialtone::i18n::Language::Ja,
    )
    .await;
    let voice_url = &ja.checks[2];
    assert!(
        voice_url.summary.starts_with(
            "TwiML AppのVoice URLがhttps://elsewhere.example/voice (POST)になっています"
        ),
        "{voice_url:#?}"
    );
    assert!(
        voice_url
            .fix
            .as_deref()
            .unwrap_or_default()
            .contains("アプリに正しいURLを設定します"),
        "{voice_url:#?}"
    );
    repair(&f.env(), &f.settings(), Some(BASE), false, &mut ApproveAll)
        .await
        .unwrap();
    assert!(
        check(&f.env(), &f.settings(), Some(BASE), Some(3000))
            .await
            .ok
    );

    // The number unbound in the Console.
    client
        .update_incoming_phone_number(
            &number_sid,
            &NumberUpdate {
                voice_application_sid: Some(String::new()),
                ..NumberUpdate::default()
            },
        )
        .await
        .unwrap();
    let report = check(&f.env(), &f.settings(), Some(BASE), Some(3000)).await;
    assert_eq!(failing(&report), [CheckId::Number]);
    repair(&f.env(), &f.settings(), Some(BASE), false, &mut ApproveAll)
        .await
        .unwrap();
    assert!(
        check(&f.env(), &f.settings(), Some(BASE), Some(3000))
            .await
            .ok
    );

    // The app deleted: a new one is made and saved.
    client
        .delete_application(&done.application_sid)
        .await
        .unwrap();
    let report = check(&f.env(), &f.settings(), Some(BASE), Some(3000)).await;
    assert_eq!(failing(&report), [CheckId::App]);
    let mended = repair(&f.env(), &f.settings(), Some(BASE), false, &mut ApproveAll)
        .await
        .unwrap();
    assert_ne!(mended.application_sid, done.application_sid);
    assert_eq!(f.saved()[&Field::TwimlAppSid], mended.application_sid);
    assert!(
        check(&f.env(), &f.settings(), Some(BASE), Some(3000))
            .await
            .ok
    );

    // The key revoked: a new one, its secret saved, and the old SID forgotten.
    client.delete_key(&done.key_sid).await.unwrap();
    let report = check(&f.env(), &f.settings(), Some(BASE), Some(3000)).await;
    assert_eq!(failing(&report), [CheckId::Key]);
    let mended = repair(&f.env(), &f.settings(), Some(BASE), false, &mut ApproveAll)
        .await
        .unwrap();
    assert_ne!(mended.key_sid, done.key_sid);
    assert_eq!(f.saved()[&Field::ApiKeySid], mended.key_sid);
    assert!(
        check(&f.env(), &f.settings(), Some(BASE), Some(3000))
            .await
            .ok
    );

    // No public URL at all: said, with the fix, and not something repair can do.
    let report = check(&f.env(), &f.settings(), None, Some(3000)).await;
    let url = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::VoiceUrl)
        .unwrap();
    assert!(!url.ok && !url.repairable);
    assert!(
        url.fix.as_deref().unwrap().contains("ngrok http 3000"),
        "{url:?}"
    );

    // Set-up never ran: one failure that says to run it.
    let g = Fixture::new(Sim::before_setup(NUMBER, json!({})));
    let report = check(&g.env(), &g.settings(), Some(BASE), Some(3000)).await;
    assert_eq!(failing(&report), [CheckId::Settings]);
}

#[tokio::test]
async fn a_caller_id_the_account_lost_falls_back_to_the_number() {
    let f = Fixture::new(Sim::before_setup(
        NUMBER,
        json!({"numbers": [{"phone_number": "+15550600000"}]}),
    ));
    let mut request = f.request(NUMBER);
    request.caller_id = Some("+15550600000".into());
    f.connect(&request).await.unwrap();
    assert_eq!(
        f.record.load().unwrap().unwrap().effective_caller_id(),
        Some("+15550600000")
    );
    // The other number released from the account (the simulator's control API removes it).
    let sid = f.number("+15550600000").await["sid"]
        .as_str()
        .unwrap()
        .to_owned();
    f.sim
        .control(reqwest::Method::POST, "/rest/release", json!({"sid": sid}))
        .await;
    let report = check(&f.env(), &f.settings(), Some(BASE), Some(3000)).await;
    let caller = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::CallerId)
        .unwrap();
    assert!(!caller.ok, "{caller:?}");
    assert_eq!(
        f.record.load().unwrap().unwrap().effective_caller_id(),
        None,
        "the webhook dials from the number"
    );
}
