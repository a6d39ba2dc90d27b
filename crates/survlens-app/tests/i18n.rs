//! The page's message catalogues (`i18n/<lang>/*.ftl`) against each other and against the
//! code that asks for their messages: every catalogue parses, both languages have the same
//! files, keys and arguments, every key the sources name exists, and every key is used.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_bundle::FluentResource;
use survlens_app::core::i18n::{Arg, Lang, catalogue_files};

use common::rust_files;

/// A catalogue's messages: key -> the arguments (`$name`) its text uses.
type Messages = BTreeMap<String, BTreeSet<String>>;

/// The messages of one Fluent file, read line by line: a message starts at the line's first
/// column (`key = ...`), its continuation lines are indented; comments start with `#`.
fn messages(file: &str, source: &str) -> Messages {
    let mut out = Messages::new();
    let mut current: Option<String> = None;
    for (n, line) in source.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if line.starts_with(' ') {
            let key = current
                .as_ref()
                .unwrap_or_else(|| panic!("{file}:{}: indented line outside a message", n + 1));
            out.get_mut(key).unwrap().extend(variables(line));
            continue;
        }
        let (key, text) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("{file}:{}: not a message: {line}", n + 1));
        let key = key.trim().to_owned();
        assert!(
            key.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{file}:{}: key {key:?} is not lower-case words joined by hyphens",
            n + 1
        );
        assert!(
            !out.contains_key(&key),
            "{file}:{}: {key} is defined twice",
            n + 1
        );
        out.insert(key.clone(), variables(text));
        current = Some(key);
    }
    out
}

/// The `$name` arguments a line of text uses.
fn variables(text: &str) -> BTreeSet<String> {
    text.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

fn catalogue(lang: Lang) -> Messages {
    let mut all = Messages::new();
    for (file, source) in catalogue_files(lang) {
        if let Err((_, errors)) = FluentResource::try_new((*source).to_owned()) {
            panic!("{}/{file} does not parse: {errors:?}", lang.tag());
        }
        for (key, args) in messages(file, source) {
            assert!(
                all.insert(key.clone(), args).is_none(),
                "{key} is defined in two files of {}",
                lang.tag()
            );
        }
    }
    all
}

#[test]
fn both_languages_have_the_same_files_keys_and_arguments() {
    let names = |lang: Lang| -> Vec<&str> { catalogue_files(lang).iter().map(|f| f.0).collect() };
    assert_eq!(names(Lang::En), names(Lang::De));
    let (en, de) = (catalogue(Lang::En), catalogue(Lang::De));
    assert!(!en.is_empty());
    let only = |a: &Messages, b: &Messages| -> Vec<String> {
        a.keys().filter(|k| !b.contains_key(*k)).cloned().collect()
    };
    assert_eq!(
        only(&en, &de),
        Vec::<String>::new(),
        "keys missing in German"
    );
    assert_eq!(
        only(&de, &en),
        Vec::<String>::new(),
        "keys missing in English"
    );
    for (key, args) in &en {
        assert_eq!(
            args, &de[key],
            "{key}: the two languages take different arguments"
        );
    }
}

/// The keys `text` asks for by name: the first argument of each `t("...")` and
/// `t_with("...", ...)` call.
fn keys_asked_for(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for call in ["t(", "t_with("] {
        for (at, _) in text.match_indices(call) {
            // A call of that name, not the end of a longer one (`format(`, `set(`).
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let rest = text[at + call.len()..].trim_start();
            if let Some(literal) = rest.strip_prefix('"')
                && let Some((key, _)) = literal.split_once('"')
            {
                keys.push(key.to_owned());
            }
        }
    }
    keys
}

#[test]
fn every_key_the_page_names_exists_and_every_key_is_used() {
    let en = catalogue(Lang::En);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    // The library crates name the keys of their errors' sentences (`Describe`).
    for krate in [
        "survlens-app",
        "survlens-web",
        "survlens-data",
        "survlens-model",
        "survlens-xai",
        "survlens-synth",
        "survlens-fhir",
    ] {
        rust_files(&root.join(krate).join("src"), &mut files);
    }
    let mut asked = 0;
    let mut named = String::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for key in keys_asked_for(&text) {
            assert!(
                en.contains_key(&key),
                "{}: {key:?} is not a message of the catalogues",
                file.display()
            );
            asked += 1;
        }
        named.push_str(&text);
    }
    assert!(asked > 10, "the scan found only {asked} calls");
    // A key is used where the sources name it, in a call or in a table of keys.
    let unused: Vec<&String> = en
        .keys()
        .filter(|k| !named.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "messages no code asks for: {unused:?}");
}

#[test]
fn messages_read_in_each_language_with_their_counts_grouped() {
    let count = |lang: Lang, n: u64| {
        lang.t_with(
            "patients-matches",
            &[("matches", Arg::Count(n)), ("total", Arg::Count(n))],
        )
    };
    assert_eq!(
        count(Lang::En, 15_726),
        "15,726 of 15,726 patients, highest risk first"
    );
    assert_eq!(
        count(Lang::De, 15_726),
        "15.726 von 15.726 Patienten, höchstes Risiko zuerst"
    );
    // The plural follows the language's rules.
    assert_eq!(count(Lang::En, 1), "1 of 1 patient, highest risk first");
    assert_eq!(
        count(Lang::De, 1),
        "1 von 1 Patient, höchstes Risiko zuerst"
    );
    assert_eq!(Lang::De.t("nav-cohort"), "Kohorte");
    assert_eq!(
        Lang::De.t_with("patients-not-found", &[("id", Arg::Text("P0042"))]),
        "Kein Patient hat die Kennung P0042."
    );
    // No key reads as itself, in either language.
    for lang in Lang::ALL {
        for key in catalogue(lang).keys() {
            assert_ne!(&lang.t(key), key, "{key} in {}", lang.tag());
        }
    }
    assert_eq!(Lang::De.t("no-such-message"), "no-such-message");
}

/// Every level of the synthetic cohorts' categorical markers that is a word reads in German
/// on a German page (a smoking status "aktuell", not "current"); symbols (stages, grades,
/// counts) read alike.
#[test]
fn every_level_that_is_a_word_reads_in_german() {
    use survlens_app::core::session::level_in;
    use survlens_synth::{Dictionary, MarkerKind, Preset};
    let mut words = 0;
    for preset in [Preset::Teaching, Preset::PanCancer, Preset::Additive] {
        let dictionary = Dictionary::for_preset(preset).unwrap();
        for spec in dictionary.markers() {
            let MarkerKind::Categorical { levels, .. } = spec.kind else {
                continue;
            };
            for &level in levels {
                assert_eq!(level_in(level, Lang::En), level);
                let is_word = level.chars().filter(char::is_ascii_lowercase).count() >= 3;
                if is_word {
                    words += 1;
                    assert_ne!(level_in(level, Lang::De), level, "{}: {level}", spec.id);
                }
            }
        }
    }
    assert!(words >= 4, "{words} levels that are words");
}
