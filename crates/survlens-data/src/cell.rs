//! How the text of one cell is read: missing-value codes, numbers (with an optional decimal
//! comma) and event codes. Allocation-free: every function works on the borrowed field.
//!
//! # Missing values
//! A cell is missing when, after trimming spaces, it is empty or one of `NA`, `N/A`, `#N/A`,
//! `NULL` or `.` (any letter case): the codes R, Excel, SQL exports and SAS/Stata write.
//! `NaN`, `inf` and `infinity` are *not* missing codes: a file containing them is reported,
//! because they usually come from a computation gone wrong rather than from a clinician
//! leaving a cell blank, and the cohort's `NaN` must mean "missing" only.

/// The missing-value codes, compared without regard to letter case.
pub const MISSING_CODES: [&str; 5] = ["na", "n/a", "#n/a", "null", "."];

/// Whether a trimmed cell is empty or a missing-value code.
pub fn is_missing(cell: &str) -> bool {
    cell.is_empty()
        || (cell.len() <= 4
            && MISSING_CODES
                .iter()
                .any(|code| cell.eq_ignore_ascii_case(code)))
}

/// Trims ASCII spaces and tabs; exports often pad cells.
pub fn trim(cell: &str) -> &str {
    cell.trim_matches(|c: char| c == ' ' || c == '\t')
}

/// What a non-missing cell holds when read as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number<T> {
    /// A finite value.
    Finite(T),
    /// `NaN`, `inf`, `infinity` (any sign or case): shaped like a number but not one.
    NonFinite,
    /// A finite decimal beyond the target type's range (e.g. `1e308` for `f32`).
    TooLarge,
    /// Anything else.
    Text,
}

/// Reads a trimmed, non-missing cell as `f32`, correctly rounded from its decimal text.
pub fn parse_f32(cell: &str, decimal_comma: bool) -> Number<f32> {
    with_point(cell, decimal_comma, |s| match s.parse::<f32>() {
        Ok(v) if v.is_finite() => Number::Finite(v),
        Ok(_) => infinite_or_large(s),
        Err(_) => Number::Text,
    })
}

/// Reads a trimmed, non-missing cell as `f64`; values beyond the `f32` range count as
/// [`Number::TooLarge`] so times and markers share one limit.
pub fn parse_f64(cell: &str, decimal_comma: bool) -> Number<f64> {
    with_point(cell, decimal_comma, |s| match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= f64::from(f32::MAX) => Number::Finite(v),
        Ok(v) if v.is_finite() => Number::TooLarge,
        Ok(_) => infinite_or_large(s),
        Err(_) => Number::Text,
    })
}

fn infinite_or_large<T>(s: &str) -> Number<T> {
    // Rust's parser also accepts "inf"/"nan" spelled out; anything else that overflowed
    // was a finite decimal too large for the type.
    if s.bytes()
        .any(|b| b.is_ascii_alphabetic() && !matches!(b, b'e' | b'E'))
    {
        Number::NonFinite
    } else {
        Number::TooLarge
    }
}

/// Runs `parse` on the cell with a decimal comma turned into a point. Cells that mix
/// commas and points (thousands separators) and over-long cells stay as written, so they
/// fail to parse and are reported.
fn with_point<T>(cell: &str, decimal_comma: bool, parse: impl Fn(&str) -> Number<T>) -> Number<T> {
    if !decimal_comma || !cell.contains(',') {
        return parse(cell);
    }
    const MAX: usize = 64;
    let bytes = cell.as_bytes();
    if bytes.len() > MAX || cell.contains('.') || bytes.iter().filter(|&&b| b == b',').count() > 1 {
        return Number::Text;
    }
    let mut buf = [0u8; MAX];
    for (dst, &src) in buf.iter_mut().zip(bytes) {
        *dst = if src == b',' { b'.' } else { src };
    }
    match std::str::from_utf8(&buf[..bytes.len()]) {
        Ok(s) => parse(s),
        Err(_) => Number::Text,
    }
}

/// Reads a trimmed event cell: `1`/`0` (also `1.0`/`0.0`) or `true`/`false` in any case.
/// Anything else is `None`; in particular R's 1 = censored / 2 = dead coding is refused
/// rather than guessed, since reading it wrongly would invert the outcome.
pub fn parse_event(cell: &str) -> Option<bool> {
    match cell {
        "1" | "1.0" => Some(true),
        "0" | "0.0" => Some(false),
        _ if cell.eq_ignore_ascii_case("true") => Some(true),
        _ if cell.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_codes() {
        for cell in ["", "NA", "na", "N/A", "#N/A", "null", "NULL", "."] {
            assert!(is_missing(cell), "{cell:?} is missing");
        }
        for cell in ["NaN", "nan", "inf", "0", "-", "missing", "NAN"] {
            assert!(!is_missing(cell), "{cell:?} is not missing");
        }
    }

    #[test]
    fn numbers_with_point_and_comma() {
        let cases: [(&str, bool, Number<f32>); 14] = [
            ("1.5", false, Number::Finite(1.5)),
            ("-2", false, Number::Finite(-2.0)),
            ("1e3", false, Number::Finite(1000.0)),
            (".5", false, Number::Finite(0.5)),
            ("1,5", true, Number::Finite(1.5)),
            ("1,5", false, Number::Text),
            ("1.234,5", true, Number::Text),
            ("1,234.5", false, Number::Text),
            ("NaN", false, Number::NonFinite),
            ("-inf", false, Number::NonFinite),
            ("Infinity", false, Number::NonFinite),
            ("1e308", false, Number::TooLarge),
            ("-4e38", false, Number::TooLarge),
            ("<5", false, Number::Text),
        ];
        for (cell, comma, expected) in cases {
            assert_eq!(parse_f32(cell, comma), expected, "{cell:?} comma={comma}");
        }
        assert_eq!(parse_f64("1e308", false), Number::TooLarge);
        assert_eq!(parse_f64("155.66324", false), Number::Finite(155.66324));
        assert_eq!(parse_f64("nan", false), Number::NonFinite);
    }

    #[test]
    fn event_codes() {
        for (cell, expected) in [
            ("1", Some(true)),
            ("0", Some(false)),
            ("1.0", Some(true)),
            ("TRUE", Some(true)),
            ("false", Some(false)),
            ("2", None),
            ("yes", None),
            ("", None),
        ] {
            assert_eq!(parse_event(cell), expected, "{cell:?}");
        }
    }
}
