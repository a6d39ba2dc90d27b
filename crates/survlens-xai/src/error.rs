//! The crate's one error type: every way an explanation request can be refused.

use survlens_data::{Describe, Message, MessageArg};

/// Everything that can go wrong when checking a rule or explaining a prediction.
///
/// Variants carry the offending value and where it was, so that the viewer can show the
/// message as it is.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum XaiError {
    /// A rule parameter outside its valid range.
    #[error(
        "{rule} rule: {parameter} must be {requirement}, but is {}",
        rounded(f64::from(*value))
    )]
    InvalidParameter {
        /// The rule, as named in the command line (`epsilon`, `gamma`, ...).
        rule: &'static str,
        /// The parameter's name.
        parameter: &'static str,
        /// The value that was given.
        value: f32,
        /// What the parameter must satisfy, in words.
        requirement: &'static str,
    },
    /// A rule that only makes sense on the input layer was assigned to a deeper layer.
    #[error("the {rule} rule applies to the first layer only, but was assigned to layer {layer}")]
    FirstLayerOnly {
        /// The rule's name.
        rule: &'static str,
        /// Index of the layer it was assigned to (0 = input side).
        layer: usize,
    },
    /// A composite that lists one rule per layer for a network with another depth.
    #[error("the composite assigns rules to {rules} layers, but the network has {layers}")]
    CompositeDepth {
        /// Number of rules in the composite.
        rules: usize,
        /// Number of dense layers in the network.
        layers: usize,
    },
    /// A buffer whose length does not fit the stated shape.
    #[error("{what} must have {expected} values, but has {found}")]
    Shape {
        /// Which buffer.
        what: &'static str,
        /// Length implied by the shape.
        expected: usize,
        /// Length given.
        found: usize,
    },
    /// An input value that is NaN or infinite.
    #[error("input {input} of patient {patient} is not a finite number: {value}")]
    NonFiniteInput {
        /// Row of the patient in the batch.
        patient: usize,
        /// Column of the encoded input.
        input: usize,
        /// The value found.
        value: f32,
    },
    /// A grouping that sends a column to a group that does not exist.
    #[error("column {column} is mapped to group {group}, but there are only {n_groups} groups")]
    GroupOutOfRange {
        /// Column being grouped (encoded input or marker).
        column: usize,
        /// Group index it was mapped to.
        group: usize,
        /// Number of groups declared.
        n_groups: usize,
    },
    /// A setting of an attribution method outside its valid range.
    #[error(
        "invalid setting: {setting} must be {requirement}, but is {}",
        rounded(*value)
    )]
    InvalidSetting {
        /// The setting's name.
        setting: &'static str,
        /// The value that was given.
        value: f64,
        /// What the setting must satisfy, in words.
        requirement: &'static str,
    },
    /// A network too large for an exact method.
    #[error("exact Shapley values are limited to {limit} inputs, the network has {n_inputs}")]
    TooManyInputs {
        /// Number of inputs of the network.
        n_inputs: usize,
        /// The method's limit.
        limit: usize,
    },
    /// A cohort figure asked of no patients (an empty cohort or subgroup).
    #[error("{what} needs at least one patient, but the cohort or subgroup is empty")]
    EmptyCohort {
        /// The figure that was asked for.
        what: &'static str,
    },
    /// A patient index past the last row.
    #[error("{what}: patient {row} does not exist, there are {n_patients} patients")]
    PatientOutOfRange {
        /// Where the index came from.
        what: &'static str,
        /// The index given.
        row: usize,
        /// Number of patients (rows).
        n_patients: usize,
    },
    /// A marker index past the last marker.
    #[error("{what}: marker {marker} does not exist, there are {n_markers} markers")]
    MarkerOutOfRange {
        /// Where the index came from.
        what: &'static str,
        /// The index given.
        marker: usize,
        /// Number of markers (columns).
        n_markers: usize,
    },
    /// A marker to vary over its observed range that no patient has a value of.
    #[error("marker {marker} has no observed value to vary over")]
    NoObservedValues {
        /// The marker (an index into the markers).
        marker: usize,
    },
    /// An ONNX model that cannot be read into a Cox network.
    #[error(transparent)]
    Onnx(#[from] crate::onnx::OnnxError),
}

impl XaiError {
    /// A stable machine-readable name of the problem kind (`"invalid_parameter"`, ...), for
    /// the command line's JSON output and for tests; it never changes with the wording. An
    /// ONNX problem gives the [`OnnxError::code`](crate::OnnxError::code) of its kind.
    pub fn code(&self) -> &'static str {
        match self {
            XaiError::InvalidParameter { .. } => "invalid_parameter",
            XaiError::FirstLayerOnly { .. } => "first_layer_only",
            XaiError::CompositeDepth { .. } => "composite_depth",
            XaiError::Shape { .. } => "shape",
            XaiError::NonFiniteInput { .. } => "non_finite_input",
            XaiError::GroupOutOfRange { .. } => "group_out_of_range",
            XaiError::InvalidSetting { .. } => "invalid_setting",
            XaiError::TooManyInputs { .. } => "too_many_inputs",
            XaiError::EmptyCohort { .. } => "empty_cohort",
            XaiError::PatientOutOfRange { .. } => "patient_out_of_range",
            XaiError::MarkerOutOfRange { .. } => "marker_out_of_range",
            XaiError::NoObservedValues { .. } => "no_observed_values",
            XaiError::Onnx(e) => e.code(),
        }
    }
}

impl Describe for XaiError {
    fn message(&self) -> Message {
        match self {
            XaiError::InvalidParameter {
                rule,
                parameter,
                value,
                requirement: must,
            } => Message::new(
                "xai-invalid-parameter",
                vec![
                    ("rule", MessageArg::text(rule)),
                    ("parameter", MessageArg::text(parameter)),
                    ("requirement", requirement(must)),
                    ("value", rounded_arg(f64::from(*value))),
                ],
            ),
            XaiError::FirstLayerOnly { rule, layer } => Message::new(
                "xai-first-layer-only",
                vec![
                    ("rule", MessageArg::text(rule)),
                    ("layer", MessageArg::text(layer)),
                ],
            ),
            XaiError::CompositeDepth { rules, layers } => Message::new(
                "xai-composite-depth",
                vec![
                    ("rules", MessageArg::text(rules)),
                    ("layers", MessageArg::text(layers)),
                ],
            ),
            XaiError::Shape {
                what,
                expected,
                found,
            } => Message::new(
                "xai-shape",
                vec![
                    ("what", part(what)),
                    ("expected", MessageArg::text(expected)),
                    ("found", MessageArg::text(found)),
                ],
            ),
            XaiError::NonFiniteInput {
                patient,
                input,
                value,
            } => Message::new(
                "xai-non-finite-input",
                vec![
                    ("input", MessageArg::text(input)),
                    ("patient", MessageArg::text(patient)),
                    ("value", number_arg(value.to_string())),
                ],
            ),
            XaiError::GroupOutOfRange {
                column,
                group,
                n_groups,
            } => Message::new(
                "xai-group-out-of-range",
                vec![
                    ("column", MessageArg::text(column)),
                    ("group", MessageArg::text(group)),
                    ("n_groups", MessageArg::text(n_groups)),
                ],
            ),
            XaiError::InvalidSetting {
                setting: name,
                value,
                requirement: must,
            } => Message::new(
                "xai-invalid-setting",
                vec![
                    ("setting", setting(name)),
                    ("requirement", requirement(must)),
                    ("value", rounded_arg(*value)),
                ],
            ),
            XaiError::TooManyInputs { n_inputs, limit } => Message::new(
                "xai-too-many-inputs",
                vec![
                    ("limit", MessageArg::text(limit)),
                    ("n_inputs", MessageArg::text(n_inputs)),
                ],
            ),
            XaiError::EmptyCohort { what } => {
                Message::new("xai-empty-cohort", vec![("what", part(what))])
            }
            XaiError::PatientOutOfRange {
                what,
                row,
                n_patients,
            } => Message::new(
                "xai-patient-out-of-range",
                vec![
                    ("what", part(what)),
                    ("row", MessageArg::text(row)),
                    ("n_patients", MessageArg::text(n_patients)),
                ],
            ),
            XaiError::MarkerOutOfRange {
                what,
                marker,
                n_markers,
            } => Message::new(
                "xai-marker-out-of-range",
                vec![
                    ("what", part(what)),
                    ("marker", MessageArg::text(marker)),
                    ("n_markers", MessageArg::text(n_markers)),
                ],
            ),
            XaiError::NoObservedValues { marker } => Message::new(
                "xai-no-observed-values",
                vec![("marker", MessageArg::text(marker))],
            ),
            XaiError::Onnx(e) => e.message(),
        }
    }
}

/// A number as a message writes it: `text` is how the English sentence writes it; when that
/// is Rust's `{}` of an `f64`, the number, so that German writes it with its decimal comma,
/// otherwise (`1e-7`) the text as it is.
pub(crate) fn number_arg(text: String) -> MessageArg {
    match text.parse::<f64>() {
        Ok(x) if x.to_string() == text => MessageArg::Number(x),
        _ => MessageArg::Text(text),
    }
}

/// [`rounded`] as a message argument.
pub(crate) fn rounded_arg(value: f64) -> MessageArg {
    number_arg(rounded(value))
}

/// A fixed phrase of the crate's sentences as its catalogue message `key`, so that it reads
/// in the reader's language (the functions below give a phrase without a message, a
/// caller's own, as it is).
fn phrase(key: &'static str) -> MessageArg {
    MessageArg::Nested(Box::new(Message::plain(key)))
}

/// What a shape, an empty cohort or an index out of range is about
/// ([`XaiError::Shape`], [`XaiError::EmptyCohort`], [`XaiError::PatientOutOfRange`],
/// [`XaiError::MarkerOutOfRange`]).
fn part(what: &'static str) -> MessageArg {
    let key = match what {
        "background inputs" => "xai-what-background-inputs",
        "ceteris-paribus profile" => "xai-what-ceteris-paribus-profile",
        "cohort relevances" => "xai-what-cohort-relevances",
        "dependence" => "xai-what-dependence",
        "entity codes" => "xai-what-entity-codes",
        "explanation over time" => "xai-what-explanation-over-time",
        "grouping of the groups" => "xai-what-grouping-of-the-groups",
        "input matrix" => "xai-what-input-matrix",
        "inputs of a fold's additive model" => "xai-what-additive-model-inputs",
        "interaction search" => "xai-what-interaction-search",
        "layers of the network the reference was prepared for" => "xai-what-reference-layers",
        "marker importance" => "xai-what-marker-importance",
        "marker profile" => "xai-what-marker-profile",
        "marker values" => "xai-what-marker-values",
        "marker-to-modality map" => "xai-what-marker-to-modality-map",
        "markers excluded from the screen" => "xai-what-markers-excluded-from-the-screen",
        "markers of the outcome data" => "xai-what-markers-of-the-outcome-data",
        "median reference" => "xai-what-median-reference",
        "model-based interactions" => "xai-what-model-based-interactions",
        "outcome test of a pair" => "xai-what-outcome-test-of-a-pair",
        "partial dependence" => "xai-what-partial-dependence",
        "patient inputs" => "xai-what-patient-inputs",
        "patients of the network's double differences" => "xai-what-double-difference-patients",
        "player of every input" => "xai-what-player-of-every-input",
        "predicted log-risks" => "xai-what-predicted-log-risks",
        "predictions" => "xai-what-predictions",
        "raw marker values" => "xai-what-raw-marker-values",
        "reference of each patient" => "xai-what-reference-of-each-patient",
        "reference of the patient" => "xai-what-reference-of-the-patient",
        "reference patient" => "xai-what-reference-patient",
        "relevance buffer" => "xai-what-relevance-buffer",
        "relevance column" => "xai-what-relevance-column",
        "relevance columns to group" => "xai-what-relevance-columns-to-group",
        "relevance of the patient" => "xai-what-relevance-of-the-patient",
        "score screen" => "xai-what-score-screen",
        "screening risks" => "xai-what-screening-risks",
        "screening rows" => "xai-what-screening-rows",
        "stability" => "xai-what-stability",
        "subgroup" => "xai-what-subgroup",
        "test rows of a fold" => "xai-what-test-rows-of-a-fold",
        "typical patient" => "xai-what-typical-patient",
        "values to group" => "xai-what-values-to-group",
        "weights of the p-values" => "xai-what-weights-of-the-p-values",
        _ => return MessageArg::text(what),
    };
    phrase(key)
}

/// The name of a setting ([`XaiError::InvalidSetting`]).
fn setting(name: &'static str) -> MessageArg {
    let key = match name {
        "calibration slope" => "xai-setting-calibration-slope",
        "candidate markers of the screen" => "xai-setting-candidate-markers-of-the-screen",
        "cumulative hazard" => "xai-setting-cumulative-hazard",
        "false discovery rate" => "xai-setting-false-discovery-rate",
        "folds of the interaction search" => "xai-setting-folds-of-the-interaction-search",
        "grid points" => "xai-setting-grid-points",
        "key-marker threshold" => "xai-setting-key-marker-threshold",
        "markers for interactions" => "xai-setting-markers-for-interactions",
        "markers screened for interactions" => "xai-setting-markers-screened-for-interactions",
        "markers to move for interactions" => "xai-setting-markers-to-move-for-interactions",
        "p-value" => "xai-setting-p-value",
        "part of the interaction search from another worker" => "xai-setting-search-part",
        "pairs kept for the outcome test" => "xai-setting-pairs-kept-for-the-outcome-test",
        "pairs of orderings" => "xai-setting-pairs-of-orderings",
        "patients sampled for interactions" => "xai-setting-patients-sampled-for-interactions",
        "patients screened for interactions" => "xai-setting-patients-screened-for-interactions",
        "permutations" => "xai-setting-permutations",
        "reference patients of the network's double differences" => {
            "xai-setting-double-difference-references"
        }
        "steps" => "xai-setting-steps",
        "strata of the screen and of the outcome test (patients)" => "xai-setting-strata",
        "test patients held by two folds (row)" => "xai-setting-test-patient-in-two-folds",
        "top markers for interactions" => "xai-setting-top-markers-for-interactions",
        "weight of a p-value" => "xai-setting-weight-of-a-p-value",
        _ => return MessageArg::text(name),
    };
    phrase(key)
}

/// What a parameter or setting must be ([`XaiError::InvalidParameter`],
/// [`XaiError::InvalidSetting`]).
fn requirement(must: &'static str) -> MessageArg {
    let key = match must {
        "1" => "xai-requirement-one",
        ">= 1" => "xai-requirement-at-least-one-sign",
        ">= 2" => "xai-requirement-at-least-two-sign",
        "a finite number" => "xai-requirement-finite",
        "a part the search awaits" => "xai-requirement-awaited-part",
        "a finite number of at least 0" => "xai-requirement-finite-non-negative",
        "at least 1" => "xai-requirement-at-least-one",
        "at least 2" => "xai-requirement-at-least-two",
        "at least 2 besides the excluded ones" => "xai-requirement-at-least-two-not-excluded",
        "finite and > 0" => "xai-requirement-finite-positive",
        "finite and >= 0" => "xai-requirement-finite-at-least-zero",
        "in (0, 1]" => "xai-requirement-share",
        "in [0, 1]" => "xai-requirement-probability",
        "in one fold's test rows only" => "xai-requirement-one-fold",
        "the same strata" => "xai-requirement-same-strata",
        _ => return MessageArg::text(must),
    };
    phrase(key)
}

/// `value` for a message: rounded to four significant digits and written without trailing
/// zeros (`0.30000001` -> `0.3`, `12345.678` -> `12350`), in scientific notation when very
/// large or small (`1e-7`); NaN and the infinities as Rust writes them.
pub(crate) fn rounded(value: f64) -> String {
    if !value.is_finite() || value == 0.0 {
        return value.to_string();
    }
    let four_digits: f64 = format!("{value:.3e}").parse().unwrap_or(value);
    let magnitude = four_digits.abs();
    if (1e-4..1e9).contains(&magnitude) {
        four_digits.to_string()
    } else {
        format!("{four_digits:e}")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::onnx::tests::every_onnx_error;

    /// A stable code is lower-case ASCII words joined by single underscores.
    pub(crate) fn is_snake_case(code: &str) -> bool {
        code.starts_with(|c: char| c.is_ascii_lowercase())
            && !code.ends_with('_')
            && !code.contains("__")
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    }

    /// One value of every variant but `Onnx`.
    fn own_errors() -> Vec<XaiError> {
        vec![
            XaiError::InvalidParameter {
                rule: "gamma",
                parameter: "gamma",
                value: -0.5,
                requirement: "finite and >= 0",
            },
            XaiError::FirstLayerOnly {
                rule: "flat",
                layer: 2,
            },
            XaiError::CompositeDepth {
                rules: 2,
                layers: 3,
            },
            XaiError::Shape {
                what: "inputs",
                expected: 6,
                found: 5,
            },
            XaiError::NonFiniteInput {
                patient: 0,
                input: 3,
                value: f32::NAN,
            },
            XaiError::GroupOutOfRange {
                column: 4,
                group: 9,
                n_groups: 3,
            },
            XaiError::InvalidSetting {
                setting: "fdr",
                value: 1.5,
                requirement: "between 0 and 1",
            },
            XaiError::TooManyInputs {
                n_inputs: 40,
                limit: 20,
            },
            XaiError::EmptyCohort { what: "importance" },
            XaiError::PatientOutOfRange {
                what: "subgroup",
                row: 10,
                n_patients: 5,
            },
            XaiError::NoObservedValues { marker: 3 },
            XaiError::MarkerOutOfRange {
                what: "exclusions",
                marker: 9,
                n_markers: 8,
            },
        ]
    }

    /// Which variant `e` is; a new variant breaks this match, so the list above must grow
    /// with the enum.
    fn index(e: &XaiError) -> usize {
        match e {
            XaiError::InvalidParameter { .. } => 0,
            XaiError::FirstLayerOnly { .. } => 1,
            XaiError::CompositeDepth { .. } => 2,
            XaiError::Shape { .. } => 3,
            XaiError::NonFiniteInput { .. } => 4,
            XaiError::GroupOutOfRange { .. } => 5,
            XaiError::InvalidSetting { .. } => 6,
            XaiError::TooManyInputs { .. } => 7,
            XaiError::EmptyCohort { .. } => 8,
            XaiError::PatientOutOfRange { .. } => 9,
            XaiError::MarkerOutOfRange { .. } => 10,
            XaiError::NoObservedValues { .. } => 11,
            XaiError::Onnx(_) => 12,
        }
    }

    #[test]
    fn every_variant_has_its_own_snake_case_code() {
        let mut errors = own_errors();
        errors.push(XaiError::Onnx(crate::OnnxError::NoGraph));
        let seen: BTreeSet<usize> = errors.iter().map(index).collect();
        assert_eq!(seen, (0..errors.len()).collect(), "one value per variant");
        let codes: BTreeSet<&str> = errors.iter().map(XaiError::code).collect();
        assert_eq!(codes.len(), errors.len(), "{codes:?}");
        assert!(codes.iter().all(|c| is_snake_case(c)), "{codes:?}");
    }

    #[test]
    fn onnx_problems_keep_their_own_codes_apart_from_the_others() {
        let own: BTreeSet<&str> = own_errors().iter().map(XaiError::code).collect();
        for e in every_onnx_error() {
            let code = e.code();
            assert_eq!(XaiError::from(e.clone()).code(), code);
            assert!(!own.contains(code), "{code} is also an explanation problem");
        }
    }

    #[test]
    fn snake_case_check_refuses_other_spellings() {
        for bad in ["", "Shape", "non-finite", "_x", "x_", "a__b", "too many"] {
            assert!(!is_snake_case(bad), "{bad:?}");
        }
        assert!(is_snake_case("non_utf8"));
    }

    #[test]
    fn numbers_in_messages_are_rounded() {
        for (value, shown) in [
            (0.300_000_01, "0.3"),
            (-0.5, "-0.5"),
            (12_345.678, "12350"),
            (3.0, "3"),
            (1e-7, "1e-7"),
            (2.5e12, "2.5e12"),
            (0.0, "0"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(rounded(value), shown, "{value}");
        }
        let e = XaiError::InvalidSetting {
            setting: "fdr",
            value: 0.1 + 0.2,
            requirement: "between 0 and 1",
        };
        assert_eq!(
            e.to_string(),
            "invalid setting: fdr must be between 0 and 1, but is 0.3"
        );
    }
}
