//! `dialtone setup`: the set-up wizard in a terminal. From an Account SID and Auth Token to a
//! wired phone (`dialtone setup`), back (`--undo`), and mended (`--repair`).
//!
//! The Auth Token comes from `TWILIO_AUTH_TOKEN` or is typed (without echo when standard input
//! is a terminal), never from an argument: other users can read a process's arguments. Without
//! `--yes` every change to the account is asked for first.

use std::io::{IsTerminal as _, Write as _};

use crate::app::Options;
use crate::loader;
use crate::secret::Secret;
use crate::settings::{field, DotenvError, Field, Settings, StoreError};
use crate::setup::account::{overview, AccountOverview};
use crate::setup::connect::{connect, ConnectRequest};
use crate::setup::wiring::{check, repair, WiringReport};
use crate::setup::{self, Approve, Change, NumberWiring, RecordFile, SetupEnv, SetupError};

#[derive(Debug, clap::Args)]
pub struct SetupArgs {
    /// The Account SID (AC…). Default: TWILIO_ACCOUNT_SID, the saved one, or asked.
    #[arg(long, value_name = "AC…")]
    account_sid: Option<String>,
    /// The number to connect (E.164). Asked when the account has several.
    #[arg(long, value_name = "+E164")]
    number: Option<String>,
    /// The caller ID outgoing calls show: a number of the account or a verified caller ID.
    /// Default: the number itself.
    #[arg(long, value_name = "+E164")]
    caller_id: Option<String>,
    /// The public https URL Twilio should call, saved as the configured one. Default: a
    /// running ngrok or cloudflared tunnel to the listener port, followed when it changes.
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Take over a number that already sends its calls elsewhere (a URL, another TwiML App,
    /// a SIP trunk). Its configuration is recorded and put back by --undo.
    #[arg(long)]
    force: bool,
    /// Make every change without asking first.
    #[arg(long, short = 'y')]
    yes: bool,
    /// Give the number back its old voice configuration, and delete the TwiML App and the
    /// API key set-up created.
    #[arg(long, conflicts_with_all = ["repair", "account_sid", "number", "caller_id", "public_url", "force"])]
    undo: bool,
    /// Check the wiring in the Twilio account and fix what is broken, with the saved settings.
    #[arg(long, conflicts_with_all = ["account_sid", "number", "caller_id", "public_url"])]
    repair: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SetupCommandError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Dotenv(#[from] DotenvError),
    #[error(transparent)]
    Setup(#[from] SetupError),
    #[error("could not read the answer: {0}")]
    Read(std::io::Error),
    #[error("no answer: standard input ended. Pass the values as options (--account-sid, --number) and TWILIO_AUTH_TOKEN, and --yes to make the changes without asking")]
    NoAnswer,
    #[error("this account has {0} voice numbers: name one with --number (they are listed above)")]
    WhichNumber(usize),
    #[error("could not start: {0}")]
    Runtime(std::io::Error),
}

type Result<T> = std::result::Result<T, SetupCommandError>;

/// Questions on standard error, answers from standard input (one line each).
struct Prompter {
    /// Not locked: the lock guard is not `Send`, and the approver crosses awaits.
    stdin: std::io::Stdin,
    terminal: bool,
}

impl Prompter {
    fn new() -> Self {
        let stdin = std::io::stdin();
        Self {
            terminal: stdin.is_terminal(),
            stdin,
        }
    }

    fn line(&mut self, question: &str) -> Result<String> {
        eprint!("{question}");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        let read = self
            .stdin
            .read_line(&mut line)
            .map_err(SetupCommandError::Read)?;
        if read == 0 {
            eprintln!();
            return Err(SetupCommandError::NoAnswer);
        }
        Ok(line.trim().to_owned())
    }

    /// A secret: not echoed on a terminal.
    fn secret(&mut self, question: &str) -> Result<Secret> {
        if self.terminal {
            return rpassword::prompt_password(question)
                .map(|s| Secret::new(s.trim()))
                .map_err(SetupCommandError::Read);
        }
        self.line(question).map(Secret::new)
    }

    fn yes(&mut self, question: &str) -> Result<bool> {
        let answer = self.line(&format!("{question} [y/N] "))?;
        Ok(matches!(answer.to_ascii_lowercase().as_str(), "y" | "yes"))
    }
}

/// Asks before each change, unless `--yes`.
struct AskEach<'a> {
    prompter: &'a mut Prompter,
    yes: bool,
    /// Standard input ended: the answer is no, and the reason is kept.
    failed: Option<SetupCommandError>,
}

impl Approve for AskEach<'_> {
    fn approve(&mut self, change: &Change) -> bool {
        if self.yes {
            println!("- {}", capitalise(&change.to_string()));
            return true;
        }
        match self
            .prompter
            .yes(&format!("{}?", capitalise(&change.to_string())))
        {
            Ok(yes) => yes,
            Err(e) => {
                self.failed = Some(e);
                false
            }
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn run(options: &Options, args: SetupArgs) -> Result<()> {
    let store = options.store()?;
    let env_vars = options.environment_with_dotenv()?;
    let record = RecordFile::beside(store.file.path());
    let api = options.twilio_api();
    let env = SetupEnv {
        api: &api,
        store: &store,
        record: &record,
        machine: &options.machine_name,
    };
    let settings = loader::resolve(&store, &env_vars)?.settings;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SetupCommandError::Runtime)?;
    let mut prompter = Prompter::new();
    runtime.block_on(async {
        if args.undo {
            undo(&env, &mut prompter, args.yes).await
        } else if args.repair {
            mend(&env, options, &settings, &mut prompter, &args).await
        } else {
            set_up(&env, options, &env_vars, &settings, &mut prompter, &args).await
        }
    })
}

/// With the approver's own failure (input ended) in place of "you declined".
fn declined_or(e: SetupError, approve: &mut AskEach<'_>) -> SetupCommandError {
    match approve.failed.take() {
        Some(why) => why,
        None => SetupCommandError::Setup(e),
    }
}

async fn set_up(
    env: &SetupEnv<'_>,
    options: &Options,
    env_vars: &crate::settings::Environment,
    settings: &Settings,
    prompter: &mut Prompter,
    args: &SetupArgs,
) -> Result<()> {
    let account_sid = match args.account_sid.clone().or_else(|| {
        settings
            .get(Field::AccountSid)
            .display_value()
            .map(str::to_owned)
    }) {
        Some(sid) => sid,
        None => prompter.line("Account SID (AC…, Twilio Console › Account Info): ")?,
    };
    let auth_token = match env_vars.get(Field::AuthToken) {
        Some(token) => Secret::new(token),
        None => prompter
            .secret("Auth Token (Twilio Console › Account Info; not shown as you type): ")?,
    };
    eprintln!("Checking the account with Twilio…");
    let account = overview(env, &account_sid, &auth_token).await?;
    print_account(&account);

    let number = choose_number(&account, args, prompter)?;
    let chosen = account.numbers.iter().find(|n| n.phone_number == number);
    let mut take_over = args.force;
    if let Some(NumberWiring::Elsewhere(what)) = chosen.map(|n| &n.wiring) {
        if !take_over && !args.yes {
            take_over = prompter.yes(&format!(
                "{number} sends its calls to {what} now. Take it over (Dialtone records that and puts it back on --undo)?"
            ))?;
        }
    }

    let public_base = match &args.public_url {
        Some(url) => Some(field::public_base(url).ok_or(SetupError::Invalid(
            crate::settings::InvalidValue {
                field: Field::PublicUrl,
            },
        ))?),
        None => find_public_base(options, settings).await,
    };
    let request = ConnectRequest {
        account_sid: account.account_sid.clone(),
        auth_token,
        number,
        caller_id: args.caller_id.clone(),
        public_base,
        save_public_url: args.public_url.clone(),
        take_over,
    };
    let mut approve = AskEach {
        prompter,
        yes: args.yes,
        failed: None,
    };
    let done = connect(env, &request, &mut approve)
        .await
        .map_err(|e| declined_or(e, &mut approve))?;
    println!();
    println!(
        "Done: calls to {} ring Dialtone, and calls from Dialtone show {}.",
        done.number, done.caller_id
    );
    println!(
        "  API key {}{}, TwiML App {}{}.",
        done.key_sid,
        if done.reused_key { " (kept)" } else { " (new)" },
        done.application_sid,
        if done.reused_app { " (kept)" } else { " (new)" }
    );
    match &done.voice_url {
        Some(url) => println!("  Twilio calls {url}."),
        None => println!("  No public URL yet: start a tunnel to the listener port; Dialtone (the app, or `dialtone phone`) gives Twilio its URL as soon as it sees it."),
    }
    if let Some(was) = &done.replaced {
        println!("  The number sent its calls to {was}; `dialtone setup --undo` puts that back.");
    }
    for note in done.notes {
        println!("  Note: {note}.");
    }
    for field in crate::setup::SAVED_FIELDS {
        if options.settings_env.get(field).is_some() {
            println!(
                "  Warning: {} is set in the environment and overrides what set-up saved; unset it.",
                field.env_var()
            );
        }
    }
    Ok(())
}

fn print_account(account: &AccountOverview) {
    let name = account.friendly_name.as_deref().unwrap_or("your account");
    let trial = if account.trial { " (trial)" } else { "" };
    println!(
        "Account {} ({name}){trial}: {} voice number(s).",
        account.account_sid,
        account.numbers.len()
    );
    for (i, n) in account.numbers.iter().enumerate() {
        let wiring = match &n.wiring {
            NumberWiring::Free => "not configured".to_owned(),
            NumberWiring::Demo => "Twilio's demo answer".to_owned(),
            NumberWiring::Dialtone => "already Dialtone's".to_owned(),
            NumberWiring::Elsewhere(what) => format!("sends its calls to {what}"),
        };
        println!("  {}. {} ({wiring})", i + 1, n.phone_number);
    }
}

fn choose_number(
    account: &AccountOverview,
    args: &SetupArgs,
    prompter: &mut Prompter,
) -> Result<String> {
    if let Some(number) = &args.number {
        return Ok(number.trim().to_owned());
    }
    if let [only] = account.numbers.as_slice() {
        if args.yes || prompter.yes(&format!("Use {}?", only.phone_number))? {
            return Ok(only.phone_number.clone());
        }
        return Err(SetupError::Declined(format!("use {}", only.phone_number)).into());
    }
    if args.yes {
        return match &account.proposed {
            Some(number) => Ok(number.clone()),
            None => Err(SetupCommandError::WhichNumber(account.numbers.len())),
        };
    }
    loop {
        let answer = prompter.line(&format!("Which number? (1-{}) ", account.numbers.len()))?;
        let picked = answer
            .parse::<usize>()
            .ok()
            .and_then(|i| account.numbers.get(i.wrapping_sub(1)))
            .or_else(|| account.numbers.iter().find(|n| n.phone_number == answer));
        if let Some(n) = picked {
            return Ok(n.phone_number.clone());
        }
        eprintln!(
            "Type a number from the list, 1 to {}.",
            account.numbers.len()
        );
    }
}

/// The configured public URL, else a tunnel running now.
async fn find_public_base(options: &Options, settings: &Settings) -> Option<String> {
    let entry = settings.get(Field::PublicUrl);
    if let Some(base) = entry
        .display_value()
        .filter(|_| entry.problem.is_none())
        .and_then(field::public_base)
    {
        println!("Public URL (configured): {base}");
        return Some(base);
    }
    let port = settings.port().ok()?;
    let found = options.tunnel_discovery().find(port).await;
    for note in &found.notes {
        eprintln!("note: {note}");
    }
    match found.tunnel {
        Some(tunnel) => {
            println!(
                "Found a {} tunnel to port {port}: {} (Dialtone follows it when its URL changes).",
                tunnel.agent, tunnel.public_base
            );
            Some(tunnel.public_base)
        }
        None => {
            println!("No tunnel to port {port} is running (ngrok, cloudflared), and no public URL is configured.");
            None
        }
    }
}

async fn undo(env: &SetupEnv<'_>, prompter: &mut Prompter, yes: bool) -> Result<()> {
    let mut approve = AskEach {
        prompter,
        yes,
        failed: None,
    };
    let undone = setup::undo::undo(env, &mut approve)
        .await
        .map_err(|e| match e {
            // A "no" is listed among what is left, not an error of its own.
            SetupError::UndoIncomplete { .. } if approve.failed.is_some() => {
                approve.failed.take().expect("checked")
            }
            other => SetupCommandError::Setup(other),
        })?;
    println!("Undone:");
    for line in undone.done {
        println!("  {line}");
    }
    println!("The Account SID and Auth Token stay saved; `dialtone config unset account_sid auth_token` removes them.");
    Ok(())
}

fn print_report(report: &WiringReport) {
    for c in &report.checks {
        let mark = if c.ok { "ok  " } else { "FAIL" };
        println!("[{mark}] {}", c.summary);
        if let Some(fix) = c.fix.as_ref().filter(|_| !c.ok) {
            println!("       {fix}");
        }
    }
}

async fn mend(
    env: &SetupEnv<'_>,
    options: &Options,
    settings: &Settings,
    prompter: &mut Prompter,
    args: &SetupArgs,
) -> Result<()> {
    let public_base = find_public_base(options, settings).await;
    let before = check(env, settings, public_base.as_deref(), settings.port().ok()).await;
    print_report(&before);
    if before.ok {
        println!("Nothing to fix.");
        return Ok(());
    }
    if !before.repairable {
        return Err(SetupError::NeedsSettings(
            "repair cannot fix what failed: see the fixes above".into(),
        )
        .into());
    }
    let mut approve = AskEach {
        prompter,
        yes: args.yes,
        failed: None,
    };
    repair(
        env,
        settings,
        public_base.as_deref(),
        args.force,
        &mut approve,
    )
    .await
    .map_err(|e| declined_or(e, &mut approve))?;
    // The settings as repair saved them.
    let store_settings = loader::resolve(env.store, &options.environment_with_dotenv()?)?.settings;
    let after = check(
        env,
        &store_settings,
        public_base.as_deref(),
        store_settings.port().ok(),
    )
    .await;
    println!("\nAfter repair:");
    print_report(&after);
    if after.ok {
        Ok(())
    } else {
        Err(SetupError::NeedsSettings("some checks still fail: see the fixes above".into()).into())
    }
}
