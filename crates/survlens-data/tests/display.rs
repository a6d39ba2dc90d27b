//! Numbers and range flags as a reader sees them: rounded to a few significant digits in
//! plain decimal notation, never Rust's debug form, and never rounded into the bound they
//! are compared with.

use survlens_data::RangeFlagKind;
use survlens_data::display::{MAX_DIGITS, SENTENCE_DIGITS, distinct_pair, round_significant};

#[test]
fn numbers_are_rounded_to_significant_digits_in_plain_notation() {
    // (value, digits, text)
    let cases: &[(f64, usize, &str)] = &[
        (0.046_999_998_390_674_59, 3, "0.047"),
        (f64::from(0.04_f32), 3, "0.04"),
        (1234.6, 3, "1235"),
        (123_456.0, 2, "123456"),
        (9.996, 3, "10"),
        (-0.000_123_456, 3, "-0.000123"),
        (1e-12, 3, "0.000000000001"),
        (2.5, 3, "2.5"),
        (100.0, 3, "100"),
        (-0.0, 3, "0"),
        (-0.000_01, 1, "-0.00001"),
        (0.123_456, 0, "0.1"),
        (f64::NAN, 3, "NaN"),
        (f64::INFINITY, 3, "inf"),
        (f64::NEG_INFINITY, 3, "-inf"),
    ];
    for &(x, digits, want) in cases {
        assert_eq!(round_significant(x, digits), want, "{x} at {digits} digits");
    }
}

#[test]
fn a_value_and_its_bound_never_read_alike_when_they_differ() {
    // (value, bound, value text, bound text)
    let cases: &[(f64, f64, &str, &str)] = &[
        (0.04, 0.047, "0.04", "0.047"),
        (0.0469, 0.047, "0.0469", "0.047"),
        (12.3449, 12.345, "12.34", "12.35"),
        (99.99, 100.0, "99.99", "100"),
        (5.0, 5.0, "5", "5"),
    ];
    for &(value, bound, want_value, want_bound) in cases {
        let (v, b) = distinct_pair(value, bound);
        assert_eq!((v.as_str(), b.as_str()), (want_value, want_bound));
    }
    // Invariant over a sweep: distinct inputs stay distinct, as long as they differ at
    // the most digits the function uses, and no text needs an exponent.
    let mut x = 1e-4_f64;
    while x < 1e5 {
        for step in [1e-9, 1e-6, 1e-3, 0.4] {
            let bound = x * (1.0 + step);
            let (v, b) = distinct_pair(x, bound);
            if round_significant(x, MAX_DIGITS) != round_significant(bound, MAX_DIGITS) {
                assert_ne!(v, b, "{x} against {bound}");
            }
            for text in [&v, &b] {
                assert!(!text.contains('e'), "{text}");
            }
            if step >= 0.4 {
                // A clear difference needs no more than the sentence's digits.
                assert!(
                    v.trim_start_matches(['-', '0', '.']).replace('.', "").len()
                        <= SENTENCE_DIGITS.max(v.split('.').next().map_or(0, str::len)),
                    "{v} against {b}"
                );
            }
        }
        x *= 1.37;
    }
}

#[test]
fn range_flags_read_as_sentences() {
    let cases = [
        (
            RangeFlagKind::BelowTraining {
                value: 0.04,
                min: 0.046_999_998_390_674_59,
            },
            "0.04 is below the training minimum of 0.047; the model extrapolates",
        ),
        (
            RangeFlagKind::AboveTraining {
                value: 181.237,
                max: 181.2,
            },
            "181.24 is above the training maximum of 181.2; the model extrapolates",
        ),
        (
            RangeFlagKind::UnseenLevel {
                level: "stage V".to_owned(),
            },
            "\"stage V\" never occurred in training; the model cannot use it",
        ),
    ];
    for (flag, want) in cases {
        let text = flag.to_string();
        assert_eq!(text, want);
        assert!(!text.contains("Training {") && !text.contains("UnseenLevel"));
    }
}
