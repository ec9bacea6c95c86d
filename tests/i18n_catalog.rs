//! The two catalogs (`ui/src/i18n/en.ftl`, `ja.ftl`) against each other and against the code
//! that uses them: every message in both languages with the same attributes, the same
//! variables and selectors that can format; every message used by the UI or Rust; every id the
//! code names present; Japanese written as the house style says (no spaces around Japanese
//! text, full-width punctuation).
//!
//! Fluent's own parser (`fluent-syntax`, the one `fluent-bundle` runs) reads the files, so
//! what this test sees is what both readers see.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One message or attribute: the variables it uses, and each select's selector and keys.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    variables: BTreeSet<String>,
    /// Selector variable -> the variant keys offered.
    selects: Vec<(String, BTreeSet<String>)>,
    references: BTreeSet<String>,
    /// The text outside placeables, for the style checks.
    text: String,
}

type Catalog = BTreeMap<String, Shape>;

fn read(language: &str) -> Catalog {
    let path = Path::new(ROOT).join(format!("ui/src/i18n/{language}.ftl"));
    let source = std::fs::read_to_string(&path).unwrap();
    let resource = fluent_syntax::parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{language}.ftl does not parse: {errors:?}"));
    let mut catalog = Catalog::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(message) => {
                let id = message.id.name.to_owned();
                if let Some(value) = &message.value {
                    catalog.insert(id.clone(), shape(value));
                }
                for attribute in &message.attributes {
                    catalog.insert(
                        format!("{id}.{}", attribute.id.name),
                        shape(&attribute.value),
                    );
                }
                // A message with neither is a parse error; one with attributes only is listed
                // by them.
            }
            ast::Entry::Term(term) => {
                panic!("{language}.ftl: terms (-{}) are not used", term.id.name)
            }
            ast::Entry::Junk { content } => panic!("{language}.ftl: cannot read {content:?}"),
            _ => {}
        }
    }
    catalog
}

fn shape(pattern: &ast::Pattern<&str>) -> Shape {
    let mut shape = Shape::default();
    walk_pattern(pattern, &mut shape);
    shape
}

fn walk_pattern(pattern: &ast::Pattern<&str>, shape: &mut Shape) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => shape.text.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                shape.text.push('\u{1}');
                walk_expression(expression, shape);
                shape.text.push('\u{1}');
            }
        }
    }
}

fn walk_expression(expression: &ast::Expression<&str>, shape: &mut Shape) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, shape);
            let name = match selector {
                ast::InlineExpression::VariableReference { id } => id.name.to_owned(),
                other => format!("{other:?}"),
            };
            let keys = variants
                .iter()
                .map(|v| match &v.key {
                    ast::VariantKey::Identifier { name } => (*name).to_owned(),
                    ast::VariantKey::NumberLiteral { value } => (*value).to_owned(),
                })
                .collect();
            shape.selects.push((name, keys));
            for variant in variants {
                walk_pattern(&variant.value, shape);
            }
        }
        ast::Expression::Inline(inline) => walk_inline(inline, shape),
    }
}

fn walk_inline(inline: &ast::InlineExpression<&str>, shape: &mut Shape) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            shape.variables.insert(id.name.to_owned());
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            shape.references.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                walk_inline(argument, shape);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, shape),
        ast::InlineExpression::TermReference { id, .. } => panic!("term -{} is not used", id.name),
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
    }
}

/// CLDR plural categories of each language (what `Intl.PluralRules` and `intl_pluralrules`
/// select on): a plural select may only offer these, or exact numbers.
fn plural_categories(language: &str) -> BTreeSet<&'static str> {
    match language {
        "en" => BTreeSet::from(["one", "other"]),
        "ja" => BTreeSet::from(["other"]),
        other => panic!("no plural rules listed for {other}"),
    }
}

const ALL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn is_plural_select(keys: &BTreeSet<String>) -> bool {
    keys.iter()
        .all(|k| ALL_CATEGORIES.contains(&k.as_str()) || k.parse::<f64>().is_ok())
}

/// Problems between two catalogs: ids, variables, selectors.
fn compare(en: &Catalog, ja: &Catalog) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, a, b) in [("ja", en, ja), ("en", ja, en)] {
        for id in a.keys().filter(|id| !b.contains_key(*id)) {
            problems.push(format!("{id} is missing in {name}.ftl"));
        }
    }
    for (id, e) in en {
        let Some(j) = ja.get(id) else { continue };
        if e.variables != j.variables {
            problems.push(format!(
                "{id}: en uses {:?}, ja uses {:?}",
                e.variables, j.variables
            ));
        }
        for (language, shape) in [("en", e), ("ja", j)] {
            for (selector, keys) in &shape.selects {
                if is_plural_select(keys) {
                    let allowed = plural_categories(language);
                    for key in keys {
                        if key.parse::<f64>().is_err() && !allowed.contains(key.as_str()) {
                            problems.push(format!(
                                "{id} ({language}): [{key}] is no plural category of {language} (has {allowed:?}); ${selector} never selects it"
                            ));
                        }
                    }
                }
            }
            for reference in &shape.references {
                if !en.contains_key(reference) {
                    problems.push(format!(
                        "{id} ({language}) refers to {reference}, which does not exist"
                    ));
                }
            }
        }
        // Selectors on words (not counts) offer the same choices, so what the code passes
        // finds a variant in both.
        let words = |s: &Shape| -> BTreeMap<String, BTreeSet<String>> {
            s.selects
                .iter()
                .filter(|(_, keys)| !is_plural_select(keys))
                .cloned()
                .collect()
        };
        if words(e) != words(j) {
            problems.push(format!(
                "{id}: the word selectors differ: en {:?}, ja {:?}",
                words(e),
                words(j)
            ));
        }
    }
    problems
}

/// Japanese as the house style writes it.
fn style_problems(ja: &Catalog) -> Vec<String> {
    let japanese = |c: char| matches!(c, '\u{3000}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}');
    let mut problems = Vec::new();
    for (id, shape) in ja {
        // A placeable marker on each side, so the first and last characters have neighbours.
        let chars: Vec<char> = std::iter::once('\u{1}')
            .chain(shape.text.chars())
            .chain(std::iter::once('\u{1}'))
            .collect();
        for (i, pair) in chars.windows(3).enumerate() {
            let (before, here, after) = (pair[0], pair[1], pair[2]);
            if here == ' ' && (japanese(before) || japanese(after)) {
                let around: String = chars[i.saturating_sub(6)..(i + 9).min(chars.len())]
                    .iter()
                    .collect();
                problems.push(format!("{id}: a space next to Japanese text in {around:?}"));
            }
            if japanese(before)
                && matches!(here, '.' | ',' | ':' | ';' | '(' | ')' | '!' | '?')
                && !after.is_ascii_alphanumeric()
            {
                problems.push(format!(
                    "{id}: half-width {here:?} after Japanese text; use the full-width form"
                ));
            }
        }
    }
    problems
}

fn sources(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

/// The text of the UI's and Rust's sources (not the tests: a message only tests use is unused).
fn code() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    sources(&Path::new(ROOT).join("ui/src"), "ts", &mut files);
    sources(&Path::new(ROOT).join("src-tauri"), "rs", &mut files);
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            // Rust unit tests live at the end of their file; they do not count as a use.
            let text = match text.find("#[cfg(test)]") {
                Some(at) => text[..at].to_owned(),
                None => text,
            };
            (path, text)
        })
        .collect()
}

/// Ids the code names at its call sites: `t('id'`, `msg('id'`, `localize(el, 'id'`,
/// `hm('p', {…}, 'id'`, `Text::new("id")`, `t(language, "id"`.
fn named_ids(code: &[(PathBuf, String)]) -> BTreeSet<(String, String)> {
    let patterns = [
        r"\b(?:t|msg)\(\s*'([a-z][a-z0-9-]*(?:\.[a-z-]+)?)'",
        r"\blocalize\([^,()]+,\s*'([a-z][a-z0-9-]*)'",
        r"\bhm\(\s*'[a-z0-9]+',\s*\{[^}]*\},\s*'([a-z][a-z0-9-]*)'",
        r#"\bText::new\(\s*"([a-z][a-z0-9-]*)"\)"#,
        r#"\bt\(\s*[A-Za-z:]+,\s*"([a-z][a-z0-9-]*)""#,
    ]
    .map(|p| regex::Regex::new(p).unwrap());
    let mut named = BTreeSet::new();
    for (path, text) in code {
        for pattern in &patterns {
            for found in pattern.captures_iter(text) {
                named.insert((found[1].to_owned(), path.display().to_string()));
            }
        }
    }
    named
}

#[test]
fn both_languages_have_every_message_with_the_same_variables() {
    let (en, ja) = (read("en"), read("ja"));
    let problems = compare(&en, &ja);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(en.len() > 300, "read {} messages from en.ftl", en.len());
}

#[test]
fn japanese_is_written_without_spaces_and_with_full_width_punctuation() {
    let problems = style_problems(&read("ja"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_message_is_used_by_the_ui_or_rust_and_every_named_id_exists() {
    let en = read("en");
    let code = code();
    let all: String = code
        .iter()
        .map(|(_, text)| text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let messages: BTreeSet<&str> = en.keys().map(|id| id.split('.').next().unwrap()).collect();
    let unused: Vec<&&str> = messages
        .iter()
        .filter(|id| {
            !(all.contains(&format!("'{id}'"))
                || all.contains(&format!("\"{id}\""))
                || all.contains(&format!("`{id}`")))
        })
        .collect();
    assert!(
        unused.is_empty(),
        "in the catalogs but used nowhere: {unused:?}"
    );
    let missing: Vec<String> = named_ids(&code)
        .into_iter()
        .filter(|(id, _)| {
            !en.contains_key(id) && !en.keys().any(|k| k.starts_with(&format!("{id}.")))
        })
        .map(|(id, path)| format!("{id} (named in {path})"))
        .collect();
    assert!(
        missing.is_empty(),
        "named in the code but not in the catalogs: {missing:?}"
    );
}

/// The checks themselves, on catalogs made to be wrong in each way.
#[test]
fn the_checks_catch_each_kind_of_mistake() {
    let parse = |source: &str| -> Catalog {
        let resource = fluent_syntax::parser::parse(source).unwrap();
        let mut catalog = Catalog::new();
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                if let Some(v) = &m.value {
                    catalog.insert(m.id.name.to_owned(), shape(v));
                }
                for a in &m.attributes {
                    catalog.insert(format!("{}.{}", m.id.name, a.id.name), shape(&a.value));
                }
            }
        }
        catalog
    };
    let en = parse("a = A { $n }\nb = B\n    .fix = Fix\nc = { $k ->\n    [x] X\n   *[y] Y\n}\nd = { $n ->\n    [one] one\n   *[other] many\n}\n");
    let good = parse("a = あ{ $n }\nb = い\n    .fix = 直す\nc = { $k ->\n    [x] エックス\n   *[y] ワイ\n}\nd = { $n }件\n");
    assert_eq!(compare(&en, &good), Vec::<String>::new());
    let broken = parse("a = あ{ $m }\nb = い\nc = { $k ->\n   *[y] ワイ\n}\nd = { $n ->\n    [one] 一件\n   *[other] { $n }件\n}\ne = 余分\n");
    let problems = compare(&en, &broken).join("\n");
    for expected in [
        "b.fix is missing in ja.ftl",
        "e is missing in en.ftl",
        "a: en uses",
        "c: the word selectors differ",
        "d (ja): [one] is no plural category of ja",
    ] {
        assert!(
            problems.contains(expected),
            "{expected} not caught in:\n{problems}"
        );
    }
    let style = style_problems(&parse(
        "a = Twilio に接続\nb = 接続しました.\nc = Twilioに接続しました。\n",
    ))
    .join("\n");
    assert!(
        style.contains("a: a space") && style.contains("b: half-width"),
        "{style}"
    );
    assert!(!style.contains("c:"), "{style}");
}
