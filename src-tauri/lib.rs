//! Dialtone: a desktop phone for people who own a Twilio number.
//!
//! # Layout
//! - [`settings`]: the settings, where each comes from (environment, `.env`, keychain, file)
//!   and the shape each must have; [`settings::store`] owns the keychain and the settings file.
//! - [`loader`]: loads settings the same way for every entry point.
//! - [`secret`]: the redacting wrapper for the Auth Token and the API key secret.
//! - [`phone_number`]: E.164 numbers and country calling codes.
//! - [`token`]: Voice SDK access tokens (HS256 JWT in Twilio's format).
//! - [`signature`]: `X-Twilio-Signature` computation and validation.
//! - [`twiml`]: TwiML documents.
//! - [`twilio`]: the client for Twilio's REST API (account, numbers, keys, TwiML Apps, calls,
//!   recordings): retries, timeouts, pages, errors in plain words.
//! - [`webhook`]: the Axum listener for `POST /handle_calls`; [`webhook::routing`] decides who
//!   is connected to whom, [`webhook::form`] parses Twilio's forms strictly.
//! - [`supervisor`]: runs the webhook listener inside the app and restarts it on changes.
//! - [`api`]: what the phone UI may ask of the core (token, settings status, save, import,
//!   listener status); the Tauri commands and the calling window's HTTP API both call it.
//! - [`cli`]: the `dialtone` command line; [`doctor`]: `dialtone doctor`.
//! - [`desktop`]: the Tauri shell (window, IPC commands); the only module that touches `tauri`.

pub mod api;
pub mod calling_window;
pub mod cli;
pub mod desktop;
pub mod doctor;
pub mod loader;
pub mod phone_number;
pub mod secret;
pub mod settings;
pub mod signature;
pub mod supervisor;
pub mod token;
pub mod twilio;
pub mod twiml;
pub mod webhook;
