//! Numbers as a sentence shows them to a reader: rounded to a few significant digits, in
//! plain decimal notation (never an exponent or the shortest round-trip form such as
//! `0.04699999839067459`), and never rounded into the number they are compared with.
//!
//! The command line's warnings and the page's patient limitations both write their values
//! and training ranges with these functions, so both say the same thing about a patient.

/// Significant digits of a number in a sentence.
pub const SENTENCE_DIGITS: usize = 3;

/// Most significant digits [`distinct_pair`] uses to tell two numbers apart; `f32` values,
/// which every marker value is, carry about 7.
pub const MAX_DIGITS: usize = 9;

/// `x` rounded to `digits` significant digits (at least 1) in plain decimal notation,
/// without trailing zeros: `0.04699999839067459` at 3 digits is `"0.047"`, `1234.5` is
/// `"1235"` (whole digits are never dropped), `-0.0` is `"0"`. Non-finite values read
/// `"NaN"`, `"inf"` and `"-inf"`.
pub fn round_significant(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    let digits = digits.max(1) as i64;
    // floor(log10|x|): the position of the leading digit (0 for 1..10, -2 for 0.01..0.1).
    let leading = x.abs().log10().floor() as i64;
    let decimals = (digits - 1 - leading).clamp(0, 400) as usize;
    let mut s = format!("{x:.decimals$}");
    if s.contains('.') {
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
    }
    if s == "-0" {
        s = "0".to_owned();
    }
    s
}

/// `value` and `bound` rounded to the fewest significant digits, from [`SENTENCE_DIGITS`]
/// up to [`MAX_DIGITS`], at which they read differently, so that "0.0469 is below the
/// training minimum of 0.047" never becomes "0.047 is below the training minimum of 0.047".
/// Numbers equal to [`MAX_DIGITS`] digits are written alike at [`SENTENCE_DIGITS`].
pub fn distinct_pair(value: f64, bound: f64) -> (String, String) {
    for digits in SENTENCE_DIGITS..=MAX_DIGITS {
        let pair = (
            round_significant(value, digits),
            round_significant(bound, digits),
        );
        if pair.0 != pair.1 {
            return pair;
        }
    }
    (
        round_significant(value, SENTENCE_DIGITS),
        round_significant(bound, SENTENCE_DIGITS),
    )
}
