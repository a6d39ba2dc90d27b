//! How the text of one cell is read: missing-value codes, numbers (with an optional decimal
//! comma) and event codes. Allocation-free: every function works on the borrowed field.
//!
//! # Missing values
//! A cell is missing when, after trimming spaces and tabs, it is empty, equals one of
//! [`MISSING_CODES`] without regard to letter case, or is a SAS/Stata special missing value
//! (a point followed by one letter or an underscore: `.A`, `.z`, `._`). The list gathers what
//! the software that writes clinical tables writes for "no value":
//!
//! | written by | codes |
//! |---|---|
//! | R (`write.csv`), readr, data.table | `NA`, `NaN` |
//! | SAS, Stata, SPSS exports | `.`, `.A` to `.Z`, `._`, the empty cell |
//! | Excel, LibreOffice | `#N/A`, `#NA`, the empty cell |
//! | SQL exports | `NULL` |
//! | pandas and NumPy (`str(float("nan"))`, pandas' `<NA>`), Python | `nan`, `-nan`, `<NA>`, `#N/A N/A` |
//! | Microsoft C runtimes printing a NaN | `1.#IND`, `-1.#IND`, `1.#QNAN`, `-1.#QNAN` |
//! | Weka ARFF files (the format of scikit-survival's bundled data sets) | `?` |
//! | SurvSet, a public collection of survival data sets | `missing` |
//! | spreadsheets typed by hand | `N/A`, `n.a.` |
//!
//! pandas' `read_csv` default list (pandas 2.x documentation, `na_values`) is the model for
//! the textual codes. Its `None` is deliberately *not* a code here, nor are words such as
//! `unknown`: in clinical tables "none" (no comorbidity, never smoked) and "unknown" (a
//! recorded stage category) are often answers, not gaps. A file
//! that means them as missing adds them with [`MissingCodes`] (the import option
//! [`crate::ImportOptions::missing_codes`], the command line's `--missing-codes`, the page's
//! mapping step).
//!
//! # NaN and infinity
//! `NaN` written as text (any case, with or without a sign) is a missing-value code: R and
//! NumPy write it for a value that could not be computed, and the cohort stores a missing
//! value as `NaN`, so reading it as missing keeps the rule that a cohort's `NaN` means
//! "missing" and nothing else. `inf`, `-inf` and `infinity` are *not* missing: a value beyond
//! any measurement comes from a computation gone wrong, and the import reports it rather
//! than letting it pass as a gap.
//!
//! # Where the codes apply
//! In every column the import reads: id, time, event, entity, and numeric, binary and
//! categorical markers. A missing id, time or event is reported (they are required); a
//! missing marker or entity is stored as missing. Numeric codes added with [`MissingCodes`]
//! (SPSS-style `99` or `-9`) do not apply to the id column, whose ids are often numbers.

use serde::{Deserialize, Serialize};

use crate::error::{CodeRefusal, DataError};

/// The built-in missing-value codes, lower case, compared without regard to letter case
/// (see the module documentation for who writes each). The empty cell and the SAS/Stata
/// special missing values (`.A` to `.Z`, `._`) are missing too.
pub const MISSING_CODES: [&str; 18] = [
    "na", "n/a", "#n/a", "#na", "#n/a n/a", "<na>", "n.a.", "null", ".", "?", "missing", "nan",
    "-nan", "+nan", "1.#ind", "-1.#ind", "1.#qnan", "-1.#qnan",
];

/// The longest built-in code, in bytes: longer cells are compared with nothing.
const LONGEST_CODE: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < MISSING_CODES.len() {
        if MISSING_CODES[i].len() > longest {
            longest = MISSING_CODES[i].len();
        }
        i += 1;
    }
    longest
};

/// Whether a trimmed cell is empty, a built-in missing-value code ([`MISSING_CODES`], any
/// letter case) or a SAS/Stata special missing value (`.A` to `.Z`, `._`).
pub fn is_missing(cell: &str) -> bool {
    let bytes = cell.as_bytes();
    match bytes {
        [] => true,
        [b'.', b] => b.is_ascii_alphabetic() || *b == b'_',
        _ if bytes.len() > LONGEST_CODE => false,
        _ => MISSING_CODES
            .iter()
            .any(|code| cell.eq_ignore_ascii_case(code)),
    }
}

/// Most codes a [`MissingCodes`] list accepts.
pub const MAX_EXTRA_CODES: usize = 64;
/// Longest code a [`MissingCodes`] list accepts, in characters.
pub const MAX_CODE_CHARS: usize = 64;

/// Missing-value codes added to the built-in ones for one import: text compared without
/// regard to letter case (`unknown`, `none`, `not done`), or numbers compared by value (`99`
/// also matches `99.0`; SPSS-style user-missing codes).
///
/// Serialised as the list of codes as given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct MissingCodes {
    codes: Vec<AddedCode>,
}

/// One added code: as given (trimmed), and its value when it is a number.
#[derive(Debug, Clone, PartialEq)]
struct AddedCode {
    given: String,
    number: Option<f64>,
}

impl MissingCodes {
    /// No codes beyond the built-in ones.
    pub fn none() -> Self {
        Self::default()
    }

    /// Codes from a list; surrounding spaces are trimmed, empty entries and repeats (and
    /// codes already built in) are dropped.
    ///
    /// # Errors
    /// [`DataError::InvalidMissingCode`] naming the code, when it is longer than
    /// [`MAX_CODE_CHARS`] characters, holds a control character, a double quote or a line
    /// break, is an infinite number, or the list has more than [`MAX_EXTRA_CODES`] codes.
    pub fn new<S: AsRef<str>>(codes: impl IntoIterator<Item = S>) -> Result<Self, DataError> {
        let mut out = Self::default();
        for code in codes {
            let code = trim(code.as_ref());
            if code.is_empty()
                || is_missing(code)
                || out.codes.iter().any(|c| c.given.eq_ignore_ascii_case(code))
            {
                continue;
            }
            let invalid = |reason| DataError::InvalidMissingCode {
                code: crate::error::shown(code),
                reason,
            };
            if code.chars().count() > MAX_CODE_CHARS {
                return Err(invalid(CodeRefusal::TooLong));
            }
            if code.chars().any(|c| c.is_control() || c == '"') {
                return Err(invalid(CodeRefusal::Unprintable));
            }
            if out.codes.len() == MAX_EXTRA_CODES {
                return Err(invalid(CodeRefusal::TooMany));
            }
            let number = match parse_f64(code, false) {
                Number::Finite(v) => Some(v),
                Number::NonFinite | Number::TooLarge => {
                    return Err(invalid(CodeRefusal::NotFinite));
                }
                Number::Text => None,
            };
            out.codes.push(AddedCode {
                given: code.to_owned(),
                number,
            });
        }
        Ok(out)
    }

    /// Codes from one line of text separated by commas or semicolons (`unknown; none, 99`),
    /// as a form field or a command-line flag gives them.
    ///
    /// # Errors
    /// As [`MissingCodes::new`].
    pub fn parse_list(text: &str) -> Result<Self, DataError> {
        Self::new(text.split([',', ';']))
    }

    /// The added codes as given.
    pub fn codes(&self) -> Vec<&str> {
        self.codes.iter().map(|c| c.given.as_str()).collect()
    }

    /// Whether no code was added.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Whether a trimmed cell is missing: [`is_missing`], or one of the added codes (a
    /// numeric code matches a cell holding the same number, read with a decimal comma when
    /// `decimal_comma`).
    pub fn is_missing(&self, cell: &str, decimal_comma: bool) -> bool {
        is_missing(cell) || self.is_added(cell, decimal_comma, true)
    }

    /// Whether a trimmed patient-id cell is missing: [`is_missing`] or an added text code.
    /// Numeric codes do not apply to ids, which are often numbers.
    pub fn is_missing_id(&self, cell: &str) -> bool {
        is_missing(cell) || self.is_added(cell, false, false)
    }

    fn is_added(&self, cell: &str, decimal_comma: bool, numbers: bool) -> bool {
        if self.codes.is_empty() {
            return false;
        }
        // Parsed once, and only when a numeric code could match.
        let mut value: Option<Number<f64>> = None;
        self.codes.iter().any(|code| match code.number {
            None => cell.eq_ignore_ascii_case(&code.given),
            Some(n) if numbers => matches!(
                *value.get_or_insert_with(|| parse_f64(cell, decimal_comma)),
                Number::Finite(v) if v == n
            ),
            Some(_) => false,
        })
    }
}

impl TryFrom<Vec<String>> for MissingCodes {
    type Error = DataError;

    fn try_from(codes: Vec<String>) -> Result<Self, DataError> {
        Self::new(codes)
    }
}

impl From<MissingCodes> for Vec<String> {
    fn from(codes: MissingCodes) -> Self {
        codes.codes.into_iter().map(|c| c.given).collect()
    }
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
    fn built_in_codes_in_any_case() {
        for code in MISSING_CODES {
            for cell in [
                code.to_owned(),
                code.to_ascii_uppercase(),
                capitalised(code),
            ] {
                assert!(is_missing(&cell), "{cell:?} is missing");
            }
        }
        for cell in [
            "", "NA", "Missing", "MISSING", "NaN", "-NaN", ".A", ".z", "._", "?",
        ] {
            assert!(is_missing(cell), "{cell:?} is missing");
        }
        for cell in [
            "inf",
            "-inf",
            "Infinity",
            "0",
            "-",
            "none",
            "None",
            "unknown",
            ".5",
            ".55",
            "..",
            ".1",
            "NAN1",
            "missing value",
            "n",
            "a",
        ] {
            assert!(!is_missing(cell), "{cell:?} is not missing");
        }
    }

    fn capitalised(code: &str) -> String {
        let mut chars = code.chars();
        chars.next().map_or_else(String::new, |c| {
            c.to_ascii_uppercase().to_string() + chars.as_str()
        })
    }

    #[test]
    fn added_codes_match_text_in_any_case_and_numbers_by_value() {
        let codes = MissingCodes::parse_list(" Unknown ; none, 99,-9, NA,, unknown").unwrap();
        assert_eq!(codes.codes(), ["Unknown", "none", "99", "-9"]);
        for (cell, comma, expected) in [
            ("UNKNOWN", false, true),
            ("None", false, true),
            ("99", false, true),
            ("99.0", false, true),
            ("9.9e1", false, true),
            ("99,0", true, true),
            ("-9", false, true),
            ("-9.5", false, false),
            ("999", false, false),
            ("NA", false, true),
            ("none at all", false, false),
        ] {
            assert_eq!(codes.is_missing(cell, comma), expected, "{cell:?}");
        }
        assert!(codes.is_missing_id("unknown"));
        assert!(!codes.is_missing_id("99"), "numeric codes never hit ids");
        assert!(MissingCodes::none().is_empty());
    }

    #[test]
    fn added_codes_refuse_what_cannot_be_a_code() {
        for (codes, reason) in [
            (vec!["inf".to_owned()], "finite"),
            (vec!["a\"b".to_owned()], "double quote"),
            (vec!["x".repeat(65)], "64 characters"),
            (
                (0..65).map(|i| format!("code{i}")).collect::<Vec<_>>(),
                "at most 64",
            ),
        ] {
            let e = MissingCodes::new(&codes).unwrap_err();
            assert_eq!(e.code(), "invalid_missing_code");
            assert!(e.to_string().contains(reason), "{e}");
        }
    }

    #[test]
    fn added_codes_round_trip_through_serde() {
        let codes = MissingCodes::new(["unknown", "99"]).unwrap();
        let json = serde_json::to_string(&codes).unwrap();
        assert_eq!(json, r#"["unknown","99"]"#);
        let back: MissingCodes = serde_json::from_str(&json).unwrap();
        assert_eq!(back, codes);
        assert!(serde_json::from_str::<MissingCodes>(r#"["inf"]"#).is_err());
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
            ("NaN", false, Number::NonFinite), // is_missing reads it first
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
