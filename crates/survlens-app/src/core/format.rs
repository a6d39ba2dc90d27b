//! How numbers read in the page's sentences and tables: one home for each format, so that
//! every view writes a p-value or a count the same way.

use crate::core::i18n::Lang;

/// The p-value as a clinician reads it: "< 0.001" below that, three significant digits
/// otherwise ("0.0497", "0.123"), so a value just below a threshold never reads as the
/// threshold itself; "–" when it is not a number.
pub fn format_p(p: f64) -> String {
    if p.is_nan() {
        return "–".to_owned();
    }
    if p < 0.001 {
        return "< 0.001".to_owned();
    }
    // Digits after the point for three significant ones: 0.5 -> 3, 0.0497 -> 4.
    let decimals = (2.0 - p.min(1.0).log10().floor()).max(0.0) as usize;
    format!("{p:.decimals$}")
}

/// [`format_p`] of a p-value that may be missing ("–").
pub fn format_p_or_dash(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_owned(), format_p)
}

/// A p-value after "p" in a sentence: "< 0.001" or "= 0.0123".
pub fn p_clause(p: f64) -> String {
    let text = format_p(p);
    if text.starts_with('<') {
        text
    } else {
        format!("= {text}")
    }
}

/// A survival probability in percent for the page: "64%", "<1%" or ">99%" (never "0%" or
/// "100%" for a probability that is not exactly that).
pub fn percent(p: f64) -> String {
    let pct = 100.0 * p;
    if pct > 0.0 && pct < 0.5 {
        "<1%".to_owned()
    } else if (99.5..100.0).contains(&pct) {
        ">99%".to_owned()
    } else {
        format!("{pct:.0}%")
    }
}

/// [`percent`] in `lang`: German with a space before the sign (DIN 5008), `12 %`.
pub fn percent_in(p: f64, lang: Lang) -> String {
    let text = percent(p);
    match lang {
        Lang::En => text,
        Lang::De => text.replace('%', "\u{a0}%"),
    }
}

/// Progress in whole percent, rounded down so that 100 means done: "37%", in German with
/// a space before the sign (DIN 5008), `37 %`.
pub fn progress_in(lang: Lang, fraction: f64) -> String {
    let pct = (100.0 * fraction).floor();
    let pct = if pct.is_nan() {
        0.0
    } else {
        pct.clamp(0.0, 100.0)
    };
    match lang {
        Lang::En => format!("{pct:.0}%"),
        Lang::De => format!("{pct:.0}\u{a0}%"),
    }
}

/// A share of patients in percent with one decimal ("12.5%"), for counts in tables.
pub fn share_percent(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}

/// A count as the views write it: plain in English (`1234`), grouped in German (`1.234`).
/// (A count in running prose takes [`prose_count`].)
pub fn count_in(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => n.to_string(),
        Lang::De => lang.integer(i64::try_from(n).unwrap_or(i64::MAX)),
    }
}

/// A count in running prose: grouped in either language (`100,000`, `100.000`).
pub fn prose_count(lang: Lang, n: usize) -> String {
    lang.integer(i64::try_from(n).unwrap_or(i64::MAX))
}

/// `n` with thousands separated by commas ("100,000").
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, d) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A file size for people (SI prefixes, as file managers show them): `512 bytes`,
/// `12.3 kB`, `4.5 MB`.
pub fn file_size(bytes: usize) -> String {
    let b = bytes as f64;
    if b < 1_000.0 {
        format!("{bytes} bytes")
    } else if b < 1_000_000.0 {
        format!("{:.1} kB", b / 1_000.0)
    } else {
        format!("{:.1} MB", b / 1_000_000.0)
    }
}

/// Formats a raw marker value with its unit and a precision suited to its size.
pub fn format_value(value: f32, unit: &str) -> String {
    format_value_in(value, unit, Lang::En)
}

/// A marker's unit in `lang`: the words of time (years, months, weeks, days) in the
/// language's words; every other unit as it is (symbols such as `mg/dL`, `10^9/L` or `%`
/// read alike in both languages).
pub fn unit_in(unit: &str, lang: Lang) -> String {
    let german = match (lang, unit) {
        (Lang::De, "years") => "Jahre",
        (Lang::De, "months") => "Monate",
        (Lang::De, "weeks") => "Wochen",
        (Lang::De, "days") => "Tage",
        _ => unit,
    };
    german.to_owned()
}

/// A marker's unit after "per" in `lang`: German takes the singular of a word of time
/// ("je Jahr"); every other unit, and English, as [`unit_in`] writes it.
pub fn unit_per_in(unit: &str, lang: Lang) -> String {
    let german = match (lang, unit) {
        (Lang::De, "years") => "Jahr",
        (Lang::De, "months") => "Monat",
        (Lang::De, "weeks") => "Woche",
        (Lang::De, "days") => "Tag",
        _ => return unit_in(unit, lang),
    };
    german.to_owned()
}

/// [`format_value`] in `lang`: its decimal mark, "missing" in its words, its unit as
/// [`unit_in`] writes it. No group marks, as a measured value is written in a table.
pub fn format_value_in(value: f32, unit: &str, lang: Lang) -> String {
    if value.is_nan() {
        return lang.t("vm-value-missing");
    }
    let a = value.abs();
    // Whole numbers and large values without decimals; smaller values with two or three
    // significant digits.
    let number = if a.fract() == 0.0 || a >= 100.0 {
        format!("{value:.0}")
    } else if a >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    };
    let number = match lang {
        Lang::En => number,
        Lang::De => number.replace('.', ","),
    };
    if unit.is_empty() {
        number
    } else {
        format!("{number} {}", unit_in(unit, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_rounds_down_so_that_only_the_end_reads_a_hundred() {
        assert_eq!(progress_in(Lang::En, 0.999), "99%");
        assert_eq!(progress_in(Lang::En, 1.0), "100%");
        assert_eq!(progress_in(Lang::De, 0.375), "37\u{a0}%");
        assert_eq!(progress_in(Lang::En, -0.1), "0%");
        assert_eq!(progress_in(Lang::En, f64::NAN), "0%");
        assert_eq!(progress_in(Lang::De, 1.5), "100\u{a0}%");
    }
}
