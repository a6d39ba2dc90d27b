//! The page's languages, English and German: their message catalogues and their number and
//! date formats.
//!
//! Every text the page shows is a message of a catalogue in Project Fluent's syntax
//! (<https://projectfluent.org/fluent/guide/>), one folder per language under the crate's
//! `i18n/` (`i18n/en/page.ftl`, `i18n/de/page.ftl`, ...), files a translator edits without
//! touching code. The catalogues are compiled into the program; nothing is fetched. Code
//! asks for a message by its key through [`Lang::t`] (plain text) or [`Lang::t_with`] (with
//! arguments); the tests (`tests/i18n.rs`) fail when a key used in the sources is missing
//! from a catalogue, when the two languages' catalogues differ in their keys or in the
//! arguments a message takes, or when a catalogue does not parse.
//!
//! Numbers and dates follow the language: English `15,726` and `1,234.5`, German `15.726`
//! and `1.234,5` (the decimal comma and the point between thousands of DIN 5008); dates
//! English ISO 8601 `2026-03-12`, German `12.03.2026` (DIN 5008's numeric date). A count
//! given to a message ([`Arg::Count`]) chooses its plural form by the language's rules
//! (Unicode CLDR, as Fluent applies them) and is written with the language's grouping.
//!
//! Which language: `?lang=de` or `?lang=en` in the address, otherwise the first of the
//! browser's preferred languages that the page speaks, otherwise English
//! ([`Lang::choose`]). The choice is never stored.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use survlens_data::{Message, MessageArg};
use unic_langid::LanguageIdentifier;

/// A language the page speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// German.
    De,
}

/// An argument of a message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arg<'a> {
    /// Text placed as it is (a name, a number already formatted with [`Lang::decimal`]).
    Text(&'a str),
    /// A count: selects the plural form and is written with the language's grouping.
    Count(u64),
}

/// The catalogue files of each language, in the order they are read (areas of the page).
const CATALOGUES: [(Lang, &[(&str, &str)]); 2] = [
    (
        Lang::En,
        &[
            ("page.ftl", include_str!("../../i18n/en/page.ftl")),
            ("patient.ftl", include_str!("../../i18n/en/patient.ftl")),
            ("compare.ftl", include_str!("../../i18n/en/compare.ftl")),
            ("charts.ftl", include_str!("../../i18n/en/charts.ftl")),
            ("data.ftl", include_str!("../../i18n/en/data.ftl")),
            ("stages.ftl", include_str!("../../i18n/en/stages.ftl")),
            ("report.ftl", include_str!("../../i18n/en/report.ftl")),
            ("views.ftl", include_str!("../../i18n/en/views.ftl")),
            ("problems.ftl", include_str!("../../i18n/en/problems.ftl")),
            ("mapping.ftl", include_str!("../../i18n/en/mapping.ftl")),
            ("sources.ftl", include_str!("../../i18n/en/sources.ftl")),
            ("cohort.ftl", include_str!("../../i18n/en/cohort.ftl")),
            ("model.ftl", include_str!("../../i18n/en/model.ftl")),
            ("stability.ftl", include_str!("../../i18n/en/stability.ftl")),
            (
                "interactions.ftl",
                include_str!("../../i18n/en/interactions.ftl"),
            ),
            ("markers.ftl", include_str!("../../i18n/en/markers.ftl")),
            ("teaching.ftl", include_str!("../../i18n/en/teaching.ftl")),
            ("errors.ftl", include_str!("../../i18n/en/errors.ftl")),
            (
                "errors-data.ftl",
                include_str!("../../i18n/en/errors-data.ftl"),
            ),
            (
                "errors-model.ftl",
                include_str!("../../i18n/en/errors-model.ftl"),
            ),
            (
                "errors-xai.ftl",
                include_str!("../../i18n/en/errors-xai.ftl"),
            ),
            (
                "errors-charts.ftl",
                include_str!("../../i18n/en/errors-charts.ftl"),
            ),
            (
                "errors-fhir.ftl",
                include_str!("../../i18n/en/errors-fhir.ftl"),
            ),
        ],
    ),
    (
        Lang::De,
        &[
            ("page.ftl", include_str!("../../i18n/de/page.ftl")),
            ("patient.ftl", include_str!("../../i18n/de/patient.ftl")),
            ("compare.ftl", include_str!("../../i18n/de/compare.ftl")),
            ("charts.ftl", include_str!("../../i18n/de/charts.ftl")),
            ("data.ftl", include_str!("../../i18n/de/data.ftl")),
            ("stages.ftl", include_str!("../../i18n/de/stages.ftl")),
            ("report.ftl", include_str!("../../i18n/de/report.ftl")),
            ("views.ftl", include_str!("../../i18n/de/views.ftl")),
            ("problems.ftl", include_str!("../../i18n/de/problems.ftl")),
            ("mapping.ftl", include_str!("../../i18n/de/mapping.ftl")),
            ("sources.ftl", include_str!("../../i18n/de/sources.ftl")),
            ("cohort.ftl", include_str!("../../i18n/de/cohort.ftl")),
            ("model.ftl", include_str!("../../i18n/de/model.ftl")),
            ("stability.ftl", include_str!("../../i18n/de/stability.ftl")),
            (
                "interactions.ftl",
                include_str!("../../i18n/de/interactions.ftl"),
            ),
            ("markers.ftl", include_str!("../../i18n/de/markers.ftl")),
            ("teaching.ftl", include_str!("../../i18n/de/teaching.ftl")),
            ("errors.ftl", include_str!("../../i18n/de/errors.ftl")),
            (
                "errors-data.ftl",
                include_str!("../../i18n/de/errors-data.ftl"),
            ),
            (
                "errors-model.ftl",
                include_str!("../../i18n/de/errors-model.ftl"),
            ),
            (
                "errors-xai.ftl",
                include_str!("../../i18n/de/errors-xai.ftl"),
            ),
            (
                "errors-charts.ftl",
                include_str!("../../i18n/de/errors-charts.ftl"),
            ),
            (
                "errors-fhir.ftl",
                include_str!("../../i18n/de/errors-fhir.ftl"),
            ),
        ],
    ),
];

impl Lang {
    /// Every language, English first.
    pub const ALL: [Self; 2] = [Self::En, Self::De];

    /// The language's tag (BCP 47), as `<html lang>` and `?lang=` write it.
    pub const fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
        }
    }

    /// The language's name in itself, as the language switch lists it.
    pub const fn name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::De => "Deutsch",
        }
    }

    /// The language of a BCP 47 tag by its primary subtag (`de-DE`, `de-AT` and `DE` are
    /// German), if the page speaks it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The page's language: the address's `lang` parameter (`query` is the address's query
    /// part, `?cohort=teaching&lang=de`), otherwise the first of the browser's preferred
    /// languages (`navigator.languages`) the page speaks, otherwise English.
    pub fn choose<'a>(query: &str, preferred: impl IntoIterator<Item = &'a str>) -> Self {
        query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == "lang")
            .and_then(|(_, value)| Self::from_tag(value))
            .or_else(|| preferred.into_iter().find_map(Self::from_tag))
            .unwrap_or_default()
    }

    /// The message `key` as plain text.
    pub fn t(self, key: &str) -> String {
        self.t_with(key, &[])
    }

    /// The message `key` with its arguments. A key missing from this language's catalogue
    /// reads in English, one missing from both reads as the key itself (the tests keep both
    /// from happening).
    pub fn t_with(self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let fluent_args = (!args.is_empty()).then(|| {
            let mut a = FluentArgs::new();
            for (name, value) in args {
                match *value {
                    Arg::Text(text) => a.set(*name, FluentValue::from(text)),
                    Arg::Count(n) => a.set(*name, FluentValue::from(n)),
                }
            }
            a
        });
        for (lang, part) in [
            (self, Part::Page),
            (self, Part::Errors),
            (Self::En, Part::Page),
            (Self::En, Part::Errors),
        ] {
            let bundle = bundle_of(lang, part);
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
                    .into_owned();
            }
        }
        key.to_owned()
    }

    /// An error's [`Message`] in this language: its key's sentence, with counts grouped,
    /// numbers written with the language's decimal mark and a nested cause written in the
    /// same language.
    pub fn message(self, message: &Message) -> String {
        enum Owned {
            Text(String),
            Count(u64),
        }
        let owned: Vec<(&str, Owned)> = message
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    MessageArg::Text(text) => Owned::Text(text.clone()),
                    MessageArg::Count(n) => Owned::Count(*n),
                    MessageArg::Number(x) => Owned::Text(self.number_text(&x.to_string())),
                    MessageArg::Decimal(x, places) => Owned::Text(self.decimal(*x, *places)),
                    MessageArg::Nested(cause) => Owned::Text(self.message(cause)),
                };
                (*name, value)
            })
            .collect();
        let args: Vec<(&str, Arg<'_>)> = owned
            .iter()
            .map(|(name, value)| {
                let arg = match value {
                    Owned::Text(text) => Arg::Text(text),
                    Owned::Count(n) => Arg::Count(*n),
                };
                (*name, arg)
            })
            .collect();
        self.t_with(message.key, &args)
    }

    /// A whole number with the language's grouping: `15,726` or `15.726`.
    pub fn integer(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let sign = if n < 0 { "-" } else { "" };
        format!("{sign}{}", self.grouped(&digits))
    }

    /// `x` with `places` decimals, the language's decimal mark and grouping: `1,234.5` or
    /// `1.234,5`; "–" when it is not a finite number.
    pub fn decimal(self, x: f64, places: usize) -> String {
        if !x.is_finite() {
            return "–".to_owned();
        }
        let text = format!("{:.places$}", x.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        // A value that rounds to zero is written without a sign.
        let negative = x < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
        let mut out = String::with_capacity(text.len() + 4);
        if negative {
            out.push('-');
        }
        out.push_str(&self.grouped(whole));
        if !fraction.is_empty() {
            out.push(self.decimal_mark());
            out.push_str(fraction);
        }
        out
    }

    /// [`Lang::decimal`] with its sign always written: `+0.53`, `-1.20`.
    pub fn signed(self, x: f64, places: usize) -> String {
        let text = self.decimal(x, places);
        if text.starts_with('-') || !x.is_finite() {
            text
        } else {
            format!("+{text}")
        }
    }

    /// A number written with `.` as its decimal mark and no group marks (as Rust and
    /// `survlens_data::display` write numbers), with the language's decimal mark.
    pub fn number_text(self, text: &str) -> String {
        match self {
            Self::En => text.to_owned(),
            Self::De => text.replace('.', ","),
        }
    }

    /// A calendar date: `2026-03-12` or `12.03.2026`.
    pub fn date(self, year: i32, month: u32, day: u32) -> String {
        match self {
            Self::En => format!("{year:04}-{month:02}-{day:02}"),
            Self::De => format!("{day:02}.{month:02}.{year:04}"),
        }
    }

    /// The decimal mark: `.` or `,`.
    pub const fn decimal_mark(self) -> char {
        match self {
            Self::En => '.',
            Self::De => ',',
        }
    }

    const fn group_mark(self) -> char {
        match self {
            Self::En => ',',
            Self::De => '.',
        }
    }

    /// ASCII `digits` with the group mark between thousands.
    fn grouped(self, digits: &str) -> String {
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (k, c) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k).is_multiple_of(3) {
                out.push(self.group_mark());
            }
            out.push(c);
        }
        out
    }
}

/// The catalogue files of `lang`: `(file name, Fluent source)`.
pub fn catalogue_files(lang: Lang) -> &'static [(&'static str, &'static str)] {
    CATALOGUES
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[], |(_, files)| *files)
}

/// Numbers in messages: whole numbers grouped as the language groups them.
fn number_format<M>(lang: Lang) -> fn(&FluentValue<'_>, &M) -> Option<String> {
    fn english<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
        whole(value).map(|n| Lang::En.integer(n))
    }
    fn german<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
        whole(value).map(|n| Lang::De.integer(n))
    }
    fn whole(value: &FluentValue<'_>) -> Option<i64> {
        match value {
            FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 9e15 => {
                Some(n.value as i64)
            }
            _ => None,
        }
    }
    match lang {
        Lang::En => english::<M>,
        Lang::De => german::<M>,
    }
}

/// The part of a language's catalogues a bundle holds. The error messages (the
/// `errors*.ftl` files, a third of the catalogues) are parsed only when the first error is
/// written, not at the page's opening.
#[derive(Clone, Copy)]
enum Part {
    /// Everything but the errors.
    Page = 0,
    /// The `errors*.ftl` files.
    Errors = 1,
}

impl Part {
    fn holds(self, file: &str) -> bool {
        file.starts_with("errors") == matches!(self, Self::Errors)
    }
}

/// The bundle of `lang`'s `part`, built on its first use: a page in German parses the
/// English catalogues only if a German message is missing (which the tests keep from
/// happening), and the opening parses one language's page messages, not both languages'
/// and not the errors. A catalogue entry that does not parse is left out (the tests report
/// it).
fn bundle_of(lang: Lang, part: Part) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [[OnceLock<FluentBundle<FluentResource>>; 2]; 2] = [
        [OnceLock::new(), OnceLock::new()],
        [OnceLock::new(), OnceLock::new()],
    ];
    BUNDLES[lang as usize][part as usize].get_or_init(|| bundle(lang, part))
}

fn bundle(lang: Lang, part: Part) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: both languages run left to right.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(number_format(lang)));
    for (_, source) in catalogue_files(lang).iter().filter(|(f, _)| part.holds(f)) {
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, _)| r);
        // A key defined twice keeps its first definition; the tests reject both cases.
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// A sentence in each language the page speaks. The worker writes it where the facts are
/// known; the page reads it in its language when it shows it, so a language switch needs
/// no new answer from the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentences {
    en: String,
    de: String,
}

impl Sentences {
    /// The sentence `write` gives in each language.
    pub fn new(mut write: impl FnMut(Lang) -> String) -> Self {
        Self {
            en: write(Lang::En),
            de: write(Lang::De),
        }
    }

    /// The sentence in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::De => &self.de,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_follow_the_language() {
        assert_eq!(Lang::En.integer(15_726), "15,726");
        assert_eq!(Lang::De.integer(15_726), "15.726");
        assert_eq!(Lang::De.integer(-1_234_567), "-1.234.567");
        assert_eq!(Lang::En.integer(999), "999");
        assert_eq!(Lang::En.decimal(1234.5, 1), "1,234.5");
        assert_eq!(Lang::De.decimal(1234.5, 1), "1.234,5");
        assert_eq!(Lang::De.decimal(-0.25, 2), "-0,25");
        assert_eq!(Lang::De.decimal(-0.0004, 2), "0,00");
        assert_eq!(Lang::En.decimal(3.0, 0), "3");
        assert_eq!(Lang::De.decimal(f64::NAN, 2), "–");
        assert_eq!(Lang::De.signed(0.531, 2), "+0,53");
        assert_eq!(Lang::En.signed(-1.2, 2), "-1.20");
        assert_eq!(Lang::De.date(2026, 3, 12), "12.03.2026");
        assert_eq!(Lang::De.number_text("-0.0469"), "-0,0469");
        assert_eq!(Lang::En.number_text("12.5"), "12.5");
        assert_eq!(Lang::En.date(2026, 3, 12), "2026-03-12");
    }

    #[test]
    fn an_error_message_reads_in_each_language_with_its_cause_and_numbers() {
        let stopped = Message::plain("error-compute-stopped");
        let framed = Message::new(
            "error-compute-data",
            vec![("reason", MessageArg::Nested(Box::new(stopped)))],
        );
        assert_eq!(
            Lang::En.message(&framed),
            "cohort data: training was stopped before it finished"
        );
        assert_eq!(
            Lang::De.message(&framed),
            "Kohortendaten: das Training wurde vor seinem Ende angehalten"
        );
        // A number keeps Rust's shortest form, with the language's decimal mark; a fixed
        // number of decimals is grouped.
        let reason = |arg| Message::new("error-inconsistent-result", vec![("reason", arg)]);
        assert_eq!(
            Lang::De.message(&reason(MessageArg::Number(0.25))),
            "widersprüchliches Ergebnis: 0,25"
        );
        assert_eq!(
            Lang::En.message(&reason(MessageArg::Decimal(1234.5, 2))),
            "inconsistent result: 1,234.50"
        );
        assert_eq!(
            Lang::De.message(&reason(MessageArg::Count(15_726))),
            "widersprüchliches Ergebnis: 15.726"
        );
    }

    #[test]
    fn every_catalogue_file_is_in_one_part_and_the_errors_are_not_in_the_page_part() {
        for lang in Lang::ALL {
            for (file, _) in catalogue_files(lang) {
                assert!(Part::Page.holds(file) != Part::Errors.holds(file), "{file}");
                assert_eq!(
                    Part::Errors.holds(file),
                    file.starts_with("errors"),
                    "{file}"
                );
            }
        }
        // A key of either part is found.
        assert_eq!(
            Lang::De.t("error-compute-stopped"),
            "das Training wurde vor seinem Ende angehalten"
        );
        assert_eq!(Lang::De.t("language-label"), "Sprache");
    }

    #[test]
    fn a_sentence_pair_gives_each_language_its_own() {
        let s = Sentences::new(|lang| lang.tag().to_owned());
        assert_eq!(s.get(Lang::En), "en");
        assert_eq!(s.get(Lang::De), "de");
    }

    #[test]
    fn the_address_wins_then_the_browser_then_english() {
        assert_eq!(Lang::choose("?lang=de", ["en-US"]), Lang::De);
        assert_eq!(
            Lang::choose("?cohort=teaching&lang=en", ["de-DE"]),
            Lang::En
        );
        assert_eq!(Lang::choose("", ["fr-FR", "de-AT", "en"]), Lang::De);
        assert_eq!(Lang::choose("?lang=fr", ["fr-FR"]), Lang::En);
        assert_eq!(Lang::choose("?lang=xx", ["de"]), Lang::De);
        assert_eq!(Lang::from_tag("DE_de"), Some(Lang::De));
        assert_eq!(Lang::from_tag(""), None);
    }
}
