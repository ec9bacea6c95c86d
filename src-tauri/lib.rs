//! Dialtone: a desktop phone for people who own a Twilio number.
//!
//! # Layout
//! - [`app`]: the composition root. Reads the environment once into [`app::Options`] and
//!   builds the desktop app or a command of the command line; nothing below it reads the
//!   environment.
//! - [`settings`]: the settings, where each comes from (environment, `.env`, keychain, file)
//!   and the shape each must have; [`settings::store`] owns the keychain and the settings file.
//! - [`loader`]: resolves settings the same way for every entry point.
//! - [`atomic_file`]: replacing a small file whole (temporary file, flush, rename), for the
//!   settings file, set-up's record and the tray's notices.
//! - [`secret`]: the redacting wrapper for the Auth Token and the API key secret.
//! - [`phone_number`]: E.164 numbers and country calling codes.
//! - [`token`]: Voice SDK access tokens (HS256 JWT in Twilio's format).
//! - [`signature`]: `X-Twilio-Signature` computation and validation.
//! - [`twiml`]: TwiML documents.
//! - [`i18n`]: English and Japanese from the UI's Fluent catalogs: the language (setting,
//!   then the browser's or the OS's), messages, and Rust's errors in words.
//! - [`http_server`]: serving a router on loopback with timeouts, a connection cap and a
//!   bounded shutdown; both listeners use it.
//! - [`webhook`]: the Axum router Twilio calls; [`webhook::twilio_request`] is the one
//!   signature check in front of every Twilio route, [`webhook::voice`] the voice webhook,
//!   [`webhook::routing`] decides who is connected to whom.
//! - [`webhook_server`]: runs the webhook listener inside the app and restarts it on changes.
//! - [`phone_status`]: the phone's state as the window that carries calls reports it, for
//!   whoever follows it; [`phone_control`]: what Rust asks that window's phone to do.
//! - [`notifications`]: call notifications (incoming with Answer / Decline, missed, voicemail)
//!   on the desktop's notification server, from the phone feed and the journal.
//! - [`backend`]: what the phone UI may ask of Rust (token, settings, save, import, webhook
//!   status, phone status); the Tauri commands and the calling window's HTTP API both call it.
//! - [`calling_window`]: the Linux calling window: a guarded loopback listener serving the
//!   phone page to a browser with WebRTC, and the browser it opens.
//! - [`cli`]: the `dialtone` command line, one file per command.
//! - [`handoff`]: what a launch asks of the desktop app (come forward, dial, answer, hang up,
//!   mute), read the same from this process's command line and from another launch's.
//! - [`running_instance`]: handing a launch to the Dialtone already running, over the session
//!   bus, before any Tauri code runs.
//! - [`tel_link`]: the number in a `tel:` or `callto:` link.
//! - [`twilio`]: the client for Twilio's REST API (account, numbers, keys, TwiML Apps, calls,
//!   recordings): retries, timeouts, pages, errors in plain words.
//! - [`setup`]: the set-up wizard's logic over that client: credentials checked, a number
//!   picked, key, TwiML App and number wired (with rollback), undo, remote checks and repair,
//!   and the TwiML App kept on a tunnel whose URL changes; its record of what it changed.
//! - [`tunnel`]: finds a running ngrok or cloudflared tunnel that forwards to the listener.
//! - [`desktop`]: the Tauri shell (window, IPC commands, the tray); the only module that
//!   touches `tauri`.

pub mod app;
pub mod atomic_file;
pub mod backend;
pub mod calling_window;
pub mod cli;
pub mod desktop;
pub mod handoff;
pub mod http_server;
pub mod i18n;
pub mod journal;
pub mod loader;
pub mod notifications;
pub mod phone_control;
pub mod phone_number;
pub mod phone_status;
pub mod running_instance;
pub mod secret;
pub mod settings;
pub mod setup;
pub mod signature;
pub mod tel_link;
pub mod token;
pub mod tunnel;
pub mod twilio;
pub mod twiml;
pub mod webhook;
pub mod webhook_server;
