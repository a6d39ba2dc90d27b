//! Errors of the synthetic cohort generator.

use survlens_data::{Describe, Message, MessageArg};

use crate::{TRUTH_FORMAT, TRUTH_VERSION};

/// Everything that can go wrong when generating a synthetic cohort.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum SynthError {
    /// The requested number of patients is outside the supported range.
    #[error("number of patients should be between {min} and {max}, but is {value}")]
    PatientCount {
        /// The requested count.
        value: usize,
        /// Smallest supported count.
        min: usize,
        /// Largest supported count.
        max: usize,
    },
    /// An interaction scale (the factor on every planted interaction) that is NaN or
    /// infinite.
    #[error("the interaction scale must be a finite number, but is {scale}")]
    InteractionScale {
        /// The scale given.
        scale: f32,
    },
    /// A truth file that is not valid JSON or lacks a field.
    #[error("truth file, line {line}, column {column}: {description}")]
    TruthJson {
        /// 1-based line (0 when the problem is not at one place).
        line: usize,
        /// 1-based column (0 when the problem is not at one place).
        column: usize,
        /// The JSON reader's own description of the problem, in its wording (without the
        /// position, which `line` and `column` hold).
        description: String,
    },
    /// A truth file of another format or version.
    #[error(
        "the truth file has format \"{format}\" version {version}, but survlens reads format \
         \"{}\" version {}",
        TRUTH_FORMAT,
        TRUTH_VERSION
    )]
    TruthFormat {
        /// The file's `format` field.
        format: String,
        /// The file's `version` field.
        version: u32,
    },
    /// A truth file naming a preset that cannot be regenerated.
    #[error(
        "the truth file names the preset \"{preset}\", which survlens cannot regenerate \
         (it knows teaching and pan_cancer)"
    )]
    UnknownPreset {
        /// The preset name in the file.
        preset: String,
    },
    /// A preset's tables are inconsistent (a bug in this crate, caught instead of panicking).
    #[error("preset {preset} is inconsistent: {problem}")]
    PresetTable {
        /// The preset's name.
        preset: &'static str,
        /// What is wrong and where.
        problem: TableProblem,
    },
}

impl SynthError {
    /// A stable machine-readable name of the problem kind (`"patient_count"`, ...), for the
    /// command line's JSON output and for tests; it never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            SynthError::PatientCount { .. } => "patient_count",
            SynthError::InteractionScale { .. } => "interaction_scale",
            SynthError::TruthJson { .. } => "truth_json",
            SynthError::TruthFormat { .. } => "truth_format",
            SynthError::UnknownPreset { .. } => "unknown_preset",
            SynthError::PresetTable { .. } => "preset_table",
        }
    }
}

impl Describe for SynthError {
    fn message(&self) -> Message {
        match self {
            SynthError::PatientCount { value, min, max } => Message::new(
                "synth-patient-count",
                vec![
                    ("min", MessageArg::text(min)),
                    ("max", MessageArg::text(max)),
                    ("value", MessageArg::text(value)),
                ],
            ),
            SynthError::InteractionScale { scale } => Message::new(
                "synth-interaction-scale",
                vec![("scale", number_arg(scale.to_string()))],
            ),
            SynthError::TruthJson {
                line,
                column,
                description,
            } => Message::new(
                "synth-truth-json",
                vec![
                    ("line", MessageArg::text(line)),
                    ("column", MessageArg::text(column)),
                    ("description", MessageArg::text(description)),
                ],
            ),
            SynthError::TruthFormat { format, version } => Message::new(
                "synth-truth-format",
                vec![
                    ("format", MessageArg::text(format)),
                    ("version", MessageArg::text(version)),
                    ("read_format", MessageArg::text(TRUTH_FORMAT)),
                    ("read_version", MessageArg::text(TRUTH_VERSION)),
                ],
            ),
            SynthError::UnknownPreset { preset } => Message::new(
                "synth-unknown-preset",
                vec![("preset", MessageArg::text(preset))],
            ),
            SynthError::PresetTable { preset, problem } => Message::new(
                "synth-preset-table",
                vec![
                    ("preset", MessageArg::text(preset)),
                    ("problem", MessageArg::nested(problem)),
                ],
            ),
        }
    }
}

/// What is inconsistent in a preset's tables ([`SynthError::PresetTable`]).
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum TableProblem {
    /// No entities, or more than an entity index can hold.
    #[error("it has {entities} entities, where 1 to 65535 are supported")]
    EntityCount {
        /// Number of entities in the preset.
        entities: usize,
    },
    /// A marker whose squared loadings on the shared factors sum to more than 0.95,
    /// leaving too little of its own noise.
    #[error(
        "marker {marker} has squared factor loadings summing to {}, more than 0.95",
        rounded(*loading)
    )]
    Loading {
        /// The marker's id.
        marker: &'static str,
        /// The sum of its squared loadings.
        loading: f64,
    },
    /// A per-entity value of a marker for an entity index the preset does not have.
    #[error("marker {marker} has a {table} for entity {entity}, which does not exist")]
    UnknownEntity {
        /// The marker's id.
        marker: &'static str,
        /// Which per-entity table (`"shift"`, `"event rate"`, `"off-condition rate"`,
        /// `"missing rate"`).
        table: &'static str,
        /// The 0-based entity index.
        entity: usize,
    },
    /// A marker drawn by entity with a list of rates of another length than the entities.
    #[error("marker {marker} has {found} entity rates, one per entity ({expected}) expected")]
    EntityRates {
        /// The marker's id.
        marker: &'static str,
        /// Number of rates given.
        found: usize,
        /// Number of entities.
        expected: usize,
    },
    /// A marker computed from a column that is drawn after it.
    #[error("marker {marker} (column {column}) depends on the later column {depends_on}")]
    LaterColumn {
        /// The marker's id.
        marker: &'static str,
        /// Its 0-based column.
        column: usize,
        /// The 0-based column it depends on.
        depends_on: usize,
    },
    /// A planted interaction between markers of which one is not in the preset.
    #[error("interaction {interaction} refers to the unknown marker {marker}")]
    InteractionMarker {
        /// The interaction's id.
        interaction: &'static str,
        /// The marker id it refers to.
        marker: &'static str,
    },
    /// A marker that refers to an id that is unknown or not yet defined.
    #[error("a marker refers to the unknown or later marker {marker}")]
    UnknownMarker {
        /// The id referred to.
        marker: &'static str,
    },
}

impl TableProblem {
    /// A stable machine-readable name of the problem kind (`"later_column"`, ...), for
    /// tests and reports; it never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            TableProblem::EntityCount { .. } => "entity_count",
            TableProblem::Loading { .. } => "loading",
            TableProblem::UnknownEntity { .. } => "unknown_entity",
            TableProblem::EntityRates { .. } => "entity_rates",
            TableProblem::LaterColumn { .. } => "later_column",
            TableProblem::InteractionMarker { .. } => "interaction_marker",
            TableProblem::UnknownMarker { .. } => "unknown_marker",
        }
    }
}

impl Describe for TableProblem {
    fn message(&self) -> Message {
        match self {
            TableProblem::EntityCount { entities } => Message::new(
                "synth-table-entity-count",
                vec![("entities", MessageArg::text(entities))],
            ),
            TableProblem::Loading { marker, loading } => Message::new(
                "synth-table-loading",
                vec![
                    ("marker", MessageArg::text(marker)),
                    ("loading", rounded_arg(*loading)),
                ],
            ),
            TableProblem::UnknownEntity {
                marker,
                table,
                entity,
            } => Message::new(
                "synth-table-unknown-entity",
                vec![
                    ("marker", MessageArg::text(marker)),
                    ("table", per_entity_table(table)),
                    ("entity", MessageArg::text(entity)),
                ],
            ),
            TableProblem::EntityRates {
                marker,
                found,
                expected,
            } => Message::new(
                "synth-table-entity-rates",
                vec![
                    ("marker", MessageArg::text(marker)),
                    ("found", MessageArg::text(found)),
                    ("expected", MessageArg::text(expected)),
                ],
            ),
            TableProblem::LaterColumn {
                marker,
                column,
                depends_on,
            } => Message::new(
                "synth-table-later-column",
                vec![
                    ("marker", MessageArg::text(marker)),
                    ("column", MessageArg::text(column)),
                    ("depends_on", MessageArg::text(depends_on)),
                ],
            ),
            TableProblem::InteractionMarker {
                interaction,
                marker,
            } => Message::new(
                "synth-table-interaction-marker",
                vec![
                    ("interaction", MessageArg::text(interaction)),
                    ("marker", MessageArg::text(marker)),
                ],
            ),
            TableProblem::UnknownMarker { marker } => Message::new(
                "synth-table-unknown-marker",
                vec![("marker", MessageArg::text(marker))],
            ),
        }
    }
}

/// `value` with three decimals ([`rounded`]) as a message argument: the number, so that
/// German writes its decimal comma, unless the English text would differ (grouped
/// thousands, NaN).
fn rounded_arg(value: f64) -> MessageArg {
    if value.is_finite() && value.abs() < 1000.0 {
        MessageArg::Decimal(value, 3)
    } else {
        MessageArg::Text(rounded(value))
    }
}

/// A number as the English sentence writes it (`text`, Rust's `{}`): the number when it
/// reads back as the same text, so that German writes its decimal comma, otherwise the
/// text.
fn number_arg(text: String) -> MessageArg {
    match text.parse::<f64>() {
        Ok(x) if x.to_string() == text => MessageArg::Number(x),
        _ => MessageArg::Text(text),
    }
}

/// A per-entity table of [`TableProblem::UnknownEntity`] as its catalogue message; a table
/// without one as it is.
fn per_entity_table(table: &'static str) -> MessageArg {
    let key = match table {
        "shift" => "synth-table-per-entity-shift",
        "event rate" => "synth-table-per-entity-event-rate",
        "off-condition rate" => "synth-table-per-entity-off-condition-rate",
        "missing rate" => "synth-table-per-entity-missing-rate",
        _ => return MessageArg::text(table),
    };
    MessageArg::Nested(Box::new(Message::plain(key)))
}

/// `value` with three decimals, for messages.
fn rounded(value: f64) -> String {
    format!("{value:.3}")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// A stable code is lower-case ASCII words joined by single underscores.
    fn is_snake_case(code: &str) -> bool {
        code.starts_with(|c: char| c.is_ascii_lowercase())
            && !code.ends_with('_')
            && !code.contains("__")
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    }

    fn problems() -> Vec<TableProblem> {
        vec![
            TableProblem::EntityCount { entities: 0 },
            TableProblem::Loading {
                marker: "alb",
                loading: 0.98765,
            },
            TableProblem::UnknownEntity {
                marker: "alb",
                table: "missing rate",
                entity: 40,
            },
            TableProblem::EntityRates {
                marker: "alb",
                found: 3,
                expected: 5,
            },
            TableProblem::LaterColumn {
                marker: "bmi",
                column: 2,
                depends_on: 7,
            },
            TableProblem::InteractionMarker {
                interaction: "alb_x_crp",
                marker: "crp",
            },
            TableProblem::UnknownMarker { marker: "height" },
        ]
    }

    fn errors() -> Vec<SynthError> {
        vec![
            SynthError::PatientCount {
                value: 1,
                min: 10,
                max: 500_000,
            },
            SynthError::InteractionScale { scale: f32::NAN },
            SynthError::TruthJson {
                line: 1,
                column: 12,
                description: "EOF while parsing an object".into(),
            },
            SynthError::TruthFormat {
                format: "other".into(),
                version: 1,
            },
            SynthError::UnknownPreset {
                preset: "lymphoma".into(),
            },
            SynthError::PresetTable {
                preset: "teaching",
                problem: TableProblem::EntityCount { entities: 0 },
            },
        ]
    }

    /// Which variant `e` is; a new variant breaks this match, so the lists above must
    /// grow with the enums.
    fn error_index(e: &SynthError) -> usize {
        match e {
            SynthError::PatientCount { .. } => 0,
            SynthError::InteractionScale { .. } => 1,
            SynthError::TruthJson { .. } => 2,
            SynthError::TruthFormat { .. } => 3,
            SynthError::UnknownPreset { .. } => 4,
            SynthError::PresetTable { .. } => 5,
        }
    }

    fn problem_index(p: &TableProblem) -> usize {
        match p {
            TableProblem::EntityCount { .. } => 0,
            TableProblem::Loading { .. } => 1,
            TableProblem::UnknownEntity { .. } => 2,
            TableProblem::EntityRates { .. } => 3,
            TableProblem::LaterColumn { .. } => 4,
            TableProblem::InteractionMarker { .. } => 5,
            TableProblem::UnknownMarker { .. } => 6,
        }
    }

    #[test]
    fn every_variant_has_its_own_snake_case_code() {
        let errors = errors();
        let seen: BTreeSet<usize> = errors.iter().map(error_index).collect();
        assert_eq!(seen, (0..errors.len()).collect(), "one value per variant");
        let codes: BTreeSet<&str> = errors.iter().map(SynthError::code).collect();
        assert_eq!(codes.len(), errors.len(), "{codes:?}");
        assert!(codes.iter().all(|c| is_snake_case(c)), "{codes:?}");

        let problems = problems();
        let seen: BTreeSet<usize> = problems.iter().map(problem_index).collect();
        assert_eq!(seen, (0..problems.len()).collect(), "one value per variant");
        let codes: BTreeSet<&str> = problems.iter().map(TableProblem::code).collect();
        assert_eq!(codes.len(), problems.len(), "{codes:?}");
        assert!(codes.iter().all(|c| is_snake_case(c)), "{codes:?}");
    }

    #[test]
    fn snake_case_check_refuses_other_spellings() {
        for bad in [
            "",
            "Patient",
            "patient-count",
            "_x",
            "x_",
            "a__b",
            "truth json",
        ] {
            assert!(!is_snake_case(bad), "{bad:?}");
        }
        assert!(is_snake_case("non_utf8"));
    }

    #[test]
    fn messages_are_sentences_with_rounded_numbers() {
        let problem = TableProblem::Loading {
            marker: "alb",
            loading: 0.98765,
        };
        assert_eq!(
            SynthError::PresetTable {
                preset: "teaching",
                problem
            }
            .to_string(),
            "preset teaching is inconsistent: marker alb has squared factor loadings summing \
             to 0.988, more than 0.95"
        );
        assert_eq!(
            SynthError::TruthFormat {
                format: "other".into(),
                version: 2
            }
            .to_string(),
            "the truth file has format \"other\" version 2, but survlens reads format \
             \"survlens-synthetic-truth\" version 1"
        );
        for e in errors() {
            let text = e.to_string();
            assert!(!text.contains('{') && !text.contains("::"), "{text}");
        }
    }
}
