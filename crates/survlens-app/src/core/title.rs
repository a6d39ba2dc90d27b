//! The title of the cohort on screen ("Synthetic teaching cohort, 600 patients, seed 42"),
//! kept in its parts so that the page writes it in its language whenever it switches.

use serde::{Deserialize, Serialize};

use crate::core::i18n::{Arg, Lang};

/// What the cohort on screen is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CohortTitle {
    /// A synthetic cohort of the generator's `preset` ("teaching", "pan-cancer").
    Synthetic {
        /// The generator's preset, hyphenated.
        preset: String,
        /// Patients in the cohort.
        patients: usize,
        /// The generator's seed.
        seed: u64,
    },
    /// A cohort by its name: a bundled cohort's (with its German name) or a file's.
    Named {
        /// The name in English, or as the file is called.
        name: String,
        /// The name in German, where it differs.
        name_de: Option<String>,
        /// Patients in the cohort.
        patients: usize,
        /// Whether the patients have outcomes.
        outcomes: bool,
    },
    /// An export of several FHIR files.
    FhirFiles {
        /// Files read.
        files: usize,
        /// Patients found.
        patients: usize,
    },
    /// `cohort`, explained by the stored model file `file_name`.
    ExplainedByFile {
        /// The cohort.
        cohort: Box<CohortTitle>,
        /// The model file's name.
        file_name: String,
    },
    /// A validation cohort explained by a model trained on `development`.
    Validation {
        /// The validation cohort.
        cohort: Box<CohortTitle>,
        /// The cohort the model was trained on.
        development: Box<CohortTitle>,
    },
}

impl CohortTitle {
    /// This title, explained by the stored model file `file_name`.
    pub fn explained_by(self, file_name: &str) -> Self {
        Self::ExplainedByFile {
            cohort: Box::new(self),
            file_name: file_name.to_owned(),
        }
    }

    /// The title in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::Synthetic {
                preset,
                patients,
                seed,
            } => lang.t_with(
                "title-synthetic",
                &[
                    ("preset", Arg::Text(preset)),
                    ("patients", Arg::Count(*patients as u64)),
                    ("seed", Arg::Text(&seed.to_string())),
                ],
            ),
            Self::Named {
                name,
                name_de,
                patients,
                outcomes,
            } => {
                let name = match (lang, name_de) {
                    (Lang::De, Some(de)) => de,
                    _ => name,
                };
                let key = if *outcomes {
                    "title-named"
                } else {
                    "title-named-without-outcomes"
                };
                lang.t_with(
                    key,
                    &[
                        ("name", Arg::Text(name)),
                        ("patients", Arg::Count(*patients as u64)),
                    ],
                )
            }
            Self::FhirFiles { files, patients } => lang.t_with(
                "title-fhir-files",
                &[
                    ("files", Arg::Count(*files as u64)),
                    ("patients", Arg::Count(*patients as u64)),
                ],
            ),
            Self::ExplainedByFile { cohort, file_name } => lang.t_with(
                "title-explained-by-file",
                &[
                    ("cohort", Arg::Text(&cohort.text(lang))),
                    ("file", Arg::Text(file_name)),
                ],
            ),
            Self::Validation {
                cohort,
                development,
            } => lang.t_with(
                "title-validation",
                &[
                    ("cohort", Arg::Text(&cohort.text(lang))),
                    ("development", Arg::Text(&development.text(lang))),
                ],
            ),
        }
    }
}

/// The title in English: the command line's, the tests' and saved files' language.
impl std::fmt::Display for CohortTitle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_read_in_both_languages_with_their_parts() {
        let teaching = CohortTitle::Synthetic {
            preset: "teaching".into(),
            patients: 600,
            seed: 42,
        };
        assert_eq!(
            teaching.to_string(),
            "Synthetic teaching cohort, 600 patients, seed 42"
        );
        assert_eq!(
            teaching.text(Lang::De),
            "Synthetische Lehrkohorte, 600 Patientinnen und Patienten, Seed 42"
        );
        let lung = CohortTitle::Named {
            name: "NCCTG advanced lung cancer".into(),
            name_de: Some("NCCTG, fortgeschrittenes Lungenkarzinom".into()),
            patients: 228,
            outcomes: true,
        };
        let explained = CohortTitle::ExplainedByFile {
            cohort: Box::new(lung),
            file_name: "lung.json".into(),
        };
        assert_eq!(
            explained.to_string(),
            "NCCTG advanced lung cancer, 228 patients, explained by lung.json"
        );
        assert_eq!(
            explained.text(Lang::De),
            "NCCTG, fortgeschrittenes Lungenkarzinom, 228 Patientinnen und Patienten, erklärt \
             von lung.json"
        );
        let file = CohortTitle::Named {
            name: "clinic.csv".into(),
            name_de: None,
            patients: 12_000,
            outcomes: false,
        };
        assert_eq!(
            file.text(Lang::De),
            "clinic.csv, 12.000 Patientinnen und Patienten ohne bekannten Verlauf"
        );
        assert_eq!(
            file.to_string(),
            "clinic.csv, 12,000 patients without outcomes"
        );
    }
}
