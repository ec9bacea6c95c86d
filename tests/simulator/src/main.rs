//! twilio-sim: a test-only stand-in for Twilio's cloud (see README.md).

mod auth;
mod codec;
mod control;
mod dtmf_rx;
mod g711;
mod media;
mod meter;
mod rest;
mod signal;
mod sim;
mod twiml;
mod udp_fault;
mod webhook;

use std::io::Write;
use std::sync::Arc;

fn arg(args: &[String], name: &str, env: &str, default: Option<&str>) -> String {
    let flag = format!("--{name}");
    if let Some(i) = args.iter().position(|a| *a == flag) {
        if let Some(v) = args.get(i + 1) {
            return v.clone();
        }
    }
    if let Ok(v) = std::env::var(env) {
        return v;
    }
    match default {
        Some(d) => d.to_string(),
        None => {
            eprintln!("twilio-sim: missing --{name} (or env {env})");
            std::process::exit(2);
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    // Oracle hooks for tests/simulator/oracle_crosscheck.py (twilio-python checks our checks).
    if args.get(1).map(String::as_str) == Some("sign") {
        // sign URL AUTH_TOKEN < JSON [[name, value], ...]
        let mut input = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)?;
        let pairs: Vec<(String, String)> = serde_json::from_str(&input)?;
        println!("{}", auth::signature(&args[3], &args[2], &pairs));
        return Ok(());
    }
    if args.get(1).map(String::as_str) == Some("check-token") {
        // check-token ACCOUNT_SID API_KEY_SID SECRET NOW < TOKEN
        let mut input = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)?;
        let lookup = |sid: &str| (sid == args[3]).then(|| args[4].clone());
        let out = match auth::check_token(input.trim(), &args[2], &lookup, args[5].parse()?) {
            Ok(t) => {
                serde_json::json!({"ok": true, "identity": t.identity, "exp": t.exp, "incoming": t.incoming, "outgoing_app": t.outgoing_app})
            }
            Err(e) => serde_json::json!({"ok": false, "code": e.code, "message": e.message}),
        };
        println!("{out}");
        return Ok(());
    }
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("twilio-sim [--port 9443] [--control-port 0] [--rest-port 0] [--rest-seed FILE.json]\n\
                  [--webhook http://127.0.0.1:P/handle_calls] [--tone-hz 660] [--codec opus|pcmu]\n\
                  credentials from env: TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN TWILIO_API_KEY_SID TWILIO_API_KEY_SECRET\n\
                  TWIML_APP_SID TWILIO_NUMBER DIALTONE_PUBLIC_URL (the seeded app's Voice URL); SIM_WEBHOOK_URL (where to POST)");
        return Ok(());
    }
    let cfg = sim::Config {
        signal_port: arg(&args, "port", "SIM_PORT", Some("9443")).parse()?,
        control_port: arg(&args, "control-port", "SIM_CONTROL_PORT", Some("0")).parse()?,
        account_sid: arg(&args, "account-sid", "TWILIO_ACCOUNT_SID", None),
        auth_token: arg(&args, "auth-token", "TWILIO_AUTH_TOKEN", None),
        api_key_sid: arg(&args, "api-key-sid", "TWILIO_API_KEY_SID", None),
        api_key_secret: arg(&args, "api-key-secret", "TWILIO_API_KEY_SECRET", None),
        app_sid: arg(&args, "app-sid", "TWIML_APP_SID", Some("")),
        number: arg(&args, "number", "TWILIO_NUMBER", None),
        webhook_url: arg(&args, "webhook", "SIM_WEBHOOK_URL", None),
        public_url: arg(&args, "public-url", "DIALTONE_PUBLIC_URL", Some("")),
        tone_hz: arg(&args, "tone-hz", "SIM_TONE_HZ", Some("660")).parse()?,
        codec: codec::Codec::parse(&arg(&args, "codec", "SIM_CODEC", Some("opus")))
            .map_err(|e| anyhow::anyhow!("--codec: {e}"))?,
        fault: arg(&args, "fault", "SIM_FAULT", Some("")),
        rest_port: arg(&args, "rest-port", "SIM_REST_PORT", Some("0")).parse()?,
        rest_seed: match arg(&args, "rest-seed", "SIM_REST_SEED", Some("")).as_str() {
            "" => None,
            path => Some(
                serde_json::from_str(&std::fs::read_to_string(path).map_err(|e| {
                    anyhow::anyhow!("cannot read the --rest-seed file {path}: {e}")
                })?)
                .map_err(|e| anyhow::anyhow!("the --rest-seed file {path} is not JSON: {e}"))?,
            ),
        },
    };

    let _ = rustls::crypto::ring::default_provider().install_default();
    let cert =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string(), "localhost".to_string()])?;
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.key_pair.serialize_der().into());
    let tls = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![cert.cert.der().clone()], key)?;
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));

    let signal = tokio::net::TcpListener::bind(("127.0.0.1", cfg.signal_port)).await?;
    let control = tokio::net::TcpListener::bind(("127.0.0.1", cfg.control_port)).await?;
    let rest = tokio::net::TcpListener::bind(("127.0.0.1", cfg.rest_port)).await?;
    let signal_port = signal.local_addr()?.port();
    let control_port = control.local_addr()?.port();
    let rest_port = rest.local_addr()?.port();
    let sim = sim::Sim::new(cfg)?;
    println!("twilio-sim ready signal=wss://127.0.0.1:{signal_port}/signal control=http://127.0.0.1:{control_port} rest=http://127.0.0.1:{rest_port}");
    println!(
        "{}",
        serde_json::json!({"ready": true, "signal_port": signal_port, "control_port": control_port, "rest_port": rest_port})
    );
    std::io::stdout().flush()?;
    tokio::spawn(signal::serve(sim.clone(), signal, acceptor));
    tokio::spawn(control::serve(sim.clone(), control));
    tokio::spawn(rest::serve(sim.clone(), rest));
    tokio::signal::ctrl_c().await?;
    Ok(())
}
