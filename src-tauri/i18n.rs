//! The words Rust shows people, in English or Japanese: the same Fluent catalogs the UI reads
//! (`ui/src/i18n/en.ftl`, `ja.ftl`, compiled in with `include_str!`), so a message has one
//! source whichever side puts it on screen.
//!
//! - [`Language`] and its negotiation: the `language` setting when it names one, else what the
//!   reader prefers (a browser's `Accept-Language`, or the OS locale the composition root read
//!   with `sys-locale`), else English.
//! - [`Text`]: a message id and its arguments, put into words when shown ([`Text::render`]).
//!   Errors carry one, so the same error reads in the UI's language and, through its
//!   `Display`, in English for logs and the command line.
//! - [`t`]: one message now.
//!
//! Call sites name messages with literal ids (`Text::new("launch-opening")`), so
//! `tests/i18n_catalog.rs` finds every id in the sources.

pub mod errors;

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The languages Dialtone speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    En,
    Ja,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Ja];

    /// The BCP 47 code: `en`, `ja`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ja => "ja",
        }
    }

    /// The catalog, as the UI reads it too.
    pub fn catalog(self) -> &'static str {
        match self {
            Language::En => include_str!("../ui/src/i18n/en.ftl"),
            Language::Ja => include_str!("../ui/src/i18n/ja.ftl"),
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// The language for the `language` setting (`auto`, `en`, `ja`; `None` when unset) and the
/// reader's preferences, best first (BCP 47 tags such as `ja-JP`, or POSIX ones such as
/// `ja_JP.UTF-8`).
pub fn negotiate(choice: Option<&str>, preferred: &[String]) -> Language {
    if let Some(chosen) = choice.and_then(|c| Language::from_code(c.trim())) {
        return chosen;
    }
    let requested: Vec<LanguageIdentifier> = preferred
        .iter()
        .filter_map(|tag| {
            // POSIX locales (`ja_JP.UTF-8`, `C`) as BCP 47 tags.
            let tag = tag.split(['.', '@']).next().unwrap_or("").replace('_', "-");
            tag.parse().ok()
        })
        .collect();
    let available: Vec<LanguageIdentifier> = Language::ALL
        .iter()
        .filter_map(|l| l.code().parse().ok())
        .collect();
    let default: LanguageIdentifier = Language::En.code().parse().expect("en is a language tag");
    let best = fluent_langneg::negotiate_languages(
        &requested,
        &available,
        Some(&default),
        fluent_langneg::NegotiationStrategy::Lookup,
    );
    best.first()
        .and_then(|id| Language::from_code(id.language.as_str()))
        .unwrap_or(Language::En)
}

/// The languages of an `Accept-Language` header, best first.
pub fn accepted_languages(header: &str) -> Vec<String> {
    fluent_langneg::accepted_languages::parse(header)
        .into_iter()
        .map(|id| id.to_string())
        .collect()
}

/// The OS's languages, best first (`LANG`/`LC_*` on Linux, the user's preferred languages on
/// macOS and Windows). Only the composition root calls this: modules get the result.
pub fn system_languages() -> Vec<String> {
    sys_locale::get_locales().collect()
}

fn bundles() -> &'static [FluentBundle<FluentResource>; 2] {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| Language::ALL.map(bundle))
}

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = language.code().parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No bidi isolation marks: both languages run left to right, and the marks would end up
    // in logs, HTTP bodies and copied text.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(language.catalog().to_owned())
        .unwrap_or_else(|(_, errors)| panic!("{}.ftl does not parse: {errors:?}", language.code()));
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("{}.ftl repeats ids: {errors:?}", language.code()));
    bundle
}

/// One argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    /// A number: Fluent picks plural forms by it.
    Number(f64),
    /// Another message, rendered in the same language (a field's label, a keychain fix).
    Message(Box<Text>),
}

/// A message id and its arguments: words to be, in whichever language they are shown in.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Text {
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: Vec::new(),
        }
    }

    /// Words that are not ours (an OS error, a browser's name): shown as they are.
    pub fn plain(text: impl ToString) -> Self {
        Self::new("plain-text").arg("text", text)
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    pub fn number(mut self, name: &'static str, value: impl Into<f64>) -> Self {
        self.args.push((name, Arg::Number(value.into())));
        self
    }

    pub fn message(mut self, name: &'static str, value: Text) -> Self {
        self.args.push((name, Arg::Message(Box::new(value))));
        self
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The words in `language`. A message missing there falls back to English, and one missing
    /// everywhere shows its id: the catalog test keeps both from happening.
    pub fn render(&self, language: Language) -> String {
        let bundle = &bundles()[language as usize];
        let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
            return if language == Language::En {
                self.id.to_owned()
            } else {
                self.render(Language::En)
            };
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Text(text) => FluentValue::String(Cow::Owned(text.clone())),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Message(text) => FluentValue::String(Cow::Owned(text.render(language))),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        let words = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if !errors.is_empty() {
            tracing::debug!(id = self.id, ?errors, "message formatted with errors");
        }
        words.into_owned()
    }
}

impl std::fmt::Display for Text {
    /// English: for logs and the command line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Language::En))
    }
}

/// Message `id` with text arguments, in `language`.
pub fn t(language: Language, id: &'static str, args: &[(&'static str, &str)]) -> String {
    args.iter()
        .fold(Text::new(id), |text, (name, value)| text.arg(name, value))
        .render(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefs(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn the_setting_wins_then_the_readers_languages_then_english() {
        assert_eq!(negotiate(Some("ja"), &prefs(&["en-US"])), Language::Ja);
        assert_eq!(negotiate(Some("en"), &prefs(&["ja-JP"])), Language::En);
        assert_eq!(
            negotiate(Some("auto"), &prefs(&["ja-JP", "en"])),
            Language::Ja
        );
        assert_eq!(negotiate(None, &prefs(&["fr-FR", "ja"])), Language::Ja);
        assert_eq!(negotiate(None, &prefs(&["ja_JP.UTF-8"])), Language::Ja);
        assert_eq!(negotiate(None, &prefs(&["fr-FR", "de"])), Language::En);
        assert_eq!(negotiate(None, &prefs(&["C"])), Language::En);
        assert_eq!(negotiate(None, &[]), Language::En);
    }

    #[test]
    fn accept_language_is_read_in_order_of_preference() {
        let header = "fr-CH, ja;q=0.9, en;q=0.8, *;q=0.5";
        assert_eq!(negotiate(None, &accepted_languages(header)), Language::Ja);
        assert_eq!(
            negotiate(None, &accepted_languages("en-GB,en;q=0.9,ja;q=0.8")),
            Language::En
        );
    }

    #[test]
    fn messages_render_in_each_language_with_their_arguments() {
        let text = Text::new("launch-used");
        assert!(text
            .render(Language::En)
            .starts_with("This link was already used."));
        assert!(text
            .render(Language::Ja)
            .contains("通話ウィンドウを開き直す"));
        let import = Text::new("import-done")
            .number("count", 1)
            .arg("names", "Account SID");
        assert_eq!(
            import.render(Language::En),
            "Imported 1 setting: Account SID."
        );
        assert_eq!(
            import.render(Language::Ja),
            "1件の設定を読み込みました：Account SID。"
        );
        assert_eq!(Text::plain("as is").render(Language::Ja), "as is");
        assert_eq!(
            t(Language::Ja, "webhook-failed", &[("message", "x")]),
            "停止中：x"
        );
    }
}
