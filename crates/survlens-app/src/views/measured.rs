//! Figures measured natively that the page states beside its own results: how often the
//! default interaction method declares a pair where none exists and how often it finds a
//! planted one (`survlens calibrate-interactions`), and the fidelity of the LRP explanation
//! to a synthetic cohort's planted truth beside networks retrained with other seeds, an
//! oracle explainer's ceiling and a permuted-outcome floor (`survlens fidelity`); and how
//! often the Cohort view's log-rank test of the risk groups declares a difference where none
//! exists and where one does, and which markers the Markers view calls key where none is
//! prognostic and where some are (`survlens calibrate-views`).
//!
//! The page cannot rerun these studies (each trains dozens of networks), so it states what
//! they measured. Every constant names the command, cohort, seeds and date of its
//! measurement (release build, two cores); `docs/interactions.md` holds the same figures
//! as tables. The sentences are built from the constants, never typed separately, so a
//! figure changed here changes on the page.

use survlens_synth::Preset;

use crate::analysis::fidelity::{Estimate, FidelityFigures};
use crate::core::format::{prose_count, thousands};
use crate::core::i18n::{Arg, Lang};

/// The date the fidelity and view figures of this module were measured, in ISO 8601 form.
pub const MEASURED_ON: &str = "2026-12-05";

/// The date the interaction calibration ([`PAGE_CALIBRATION`]) was measured, in ISO 8601
/// form.
pub const INTERACTIONS_MEASURED_ON: &str = "2026-12-06";

/// [`MEASURED_ON`] as `lang` writes a date.
pub fn measured_on(lang: Lang) -> String {
    date_in(MEASURED_ON, lang)
}

/// An ISO 8601 date as `lang` writes a date; a text that is not one is kept as it is.
pub fn date_in(iso: &str, lang: Lang) -> String {
    let mut parts = iso.splitn(3, '-').map(str::parse::<u32>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) => {
            lang.date(i32::try_from(year).unwrap_or(i32::MAX), month, day)
        }
        _ => iso.to_owned(),
    }
}

/// One planted pair over the seeds of one coefficient scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlantedPower {
    /// The planted interaction's name.
    pub name: &'static str,
    /// Seeds in which the default method declared it.
    pub declared: usize,
    /// The oracle likelihood-ratio test's power at the cohort's size (it knows the planted
    /// gates), averaged over the seeds.
    pub oracle_power: f64,
}

/// The planted twin at one multiple of its planted coefficients.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlantedScale {
    /// The multiplier of the planted coefficients.
    pub scale: f64,
    /// Declared pairs that were not planted, per seed (seeds in order).
    pub false_declared: &'static [usize],
    /// Each planted pair.
    pub planted: &'static [PlantedPower],
}

/// The default method's calibration on one synthetic cohort design at one size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CalibrationSize {
    /// The command that measured it.
    pub command: &'static str,
    /// The cohort design, for a sentence ("40 markers in 5 entities").
    pub design: &'static str,
    /// Patients per cohort.
    pub patients: usize,
    /// First seed; the seeds are consecutive, one per entry of the per-seed lists.
    pub first_seed: u64,
    /// Pairs declared on the additive cohort (all interaction coefficients 0), per seed:
    /// every one of them is false.
    pub additive_declared: &'static [usize],
    /// The planted twin at each scale run.
    pub planted: &'static [PlantedScale],
}

impl CalibrationSize {
    /// Seeds run.
    pub fn seeds(&self) -> usize {
        self.additive_declared.len()
    }

    /// Additive seeds in which nothing was declared.
    pub fn additive_seeds_clean(&self) -> usize {
        self.additive_declared.iter().filter(|&&d| d == 0).count()
    }

    /// The planted twin at its planted coefficients (scale 1), when run.
    pub fn at_planted_size(&self) -> Option<&PlantedScale> {
        self.planted.iter().find(|s| s.scale == 1.0)
    }

    /// At the planted coefficients: planted pairs declared, chances (planted pairs times
    /// seeds) and pairs declared that were not planted, all seeds together.
    pub fn planted_tally(&self) -> Option<(usize, usize, usize)> {
        let planted = self.at_planted_size()?;
        Some((
            planted.planted.iter().map(|p| p.declared).sum(),
            planted.planted.len() * self.seeds(),
            planted.false_declared.iter().sum(),
        ))
    }

    /// Whether a declaration at this size is weak evidence: the method declared a pair on
    /// more than 1 additive cohort in 10, or, where pairs were planted, it declared more
    /// pairs that were not planted than planted ones (a declared pair is then more likely
    /// false than true).
    pub fn weak_evidence(&self) -> bool {
        let false_cohorts = self.seeds() - self.additive_seeds_clean();
        false_cohorts * 10 > self.seeds()
            || self
                .planted_tally()
                .is_some_and(|(found, _, false_pairs)| found < false_pairs)
    }

    /// What the page says about this size: false declarations on the additive cohort,
    /// each planted pair's declarations beside the oracle's power, false declarations on
    /// the planted twin.
    pub fn sentence(&self) -> String {
        self.sentence_in(Lang::En)
    }

    /// The design in `lang`; a design the catalogue does not hold is kept as it is.
    fn design_in(&self, lang: Lang) -> String {
        match self.design {
            "40 markers in 5 entities, two planted pairs in the twin" => {
                lang.t("vm-interactions-design-calibration")
            }
            "the pan-cancer design, 349 markers in 38 entities, 11 planted pairs in the twin" => {
                lang.t("vm-interactions-design-pan-cancer")
            }
            other => other.to_owned(),
        }
    }

    /// [`CalibrationSize::sentence`] in `lang`.
    pub fn sentence_in(&self, lang: Lang) -> String {
        let seeds = self.seeds();
        let plain = |n: usize| crate::core::format::count_in(lang, n);
        let mut s = lang.t_with(
            "vm-interactions-size",
            &[
                ("patients", Arg::Text(&grouped(lang, self.patients))),
                ("design", Arg::Text(&self.design_in(lang))),
                ("clean", Arg::Text(&plain(self.additive_seeds_clean()))),
                ("seeds", Arg::Text(&plain(seeds))),
                ("tally", Arg::Text(&tally_in(self.additive_declared, lang))),
            ],
        );
        if let Some(planted) = self.at_planted_size() {
            let pairs: Vec<String> = planted
                .planted
                .iter()
                .map(|p| {
                    lang.t_with(
                        "vm-interactions-size-pair",
                        &[
                            (
                                "name",
                                Arg::Text(&crate::views::interactions_view::planted_name(
                                    p.name, lang,
                                )),
                            ),
                            ("declared", Arg::Text(&plain(p.declared))),
                            ("seeds", Arg::Text(&plain(seeds))),
                            (
                                "power",
                                Arg::Text(
                                    &lang.number_text(&format!("{:.0}", 100.0 * p.oracle_power)),
                                ),
                            ),
                        ],
                    )
                })
                .collect();
            let with_false = planted.false_declared.iter().filter(|&&f| f > 0).count();
            s.push_str(&lang.t_with(
                "vm-interactions-size-planted",
                &[
                    ("pairs", Arg::Text(&enumerate_and_in(&pairs, lang))),
                    ("false", Arg::Text(&plain(with_false))),
                    ("seeds", Arg::Text(&plain(seeds))),
                ],
            ));
        }
        s.push('.');
        s
    }
}

/// A count with the language's grouping (`6,000`, `6.000`).
fn grouped(lang: Lang, n: usize) -> String {
    lang.integer(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The calibration the Interactions view states beside the declared pairs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeasuredCalibration {
    /// The date of the measurement, ISO 8601.
    pub measured_on: &'static str,
    /// The false discovery rate of the declarations.
    pub fdr: f64,
    /// Each size measured.
    pub sizes: &'static [CalibrationSize],
}

impl MeasuredCalibration {
    /// The measured size closest to a cohort of `patients` (on a log scale: 600 and 6,000
    /// are equally far from 1,897); `None` when nothing was measured.
    pub fn nearest(&self, patients: usize) -> Option<&CalibrationSize> {
        let distance = |size: &CalibrationSize| {
            ((size.patients.max(1) as f64).ln() - (patients.max(1) as f64).ln()).abs()
        };
        self.sizes
            .iter()
            .min_by(|a, b| distance(a).total_cmp(&distance(b)))
    }

    /// The figure a reader of a cohort of `patients` needs first: how often the method
    /// declared a pair where none exists at the measured size closest to it, and, when that
    /// is more often than 1 cohort in 10, that a declaration is weak evidence here.
    pub fn headline(&self, patients: usize) -> Option<String> {
        self.headline_in(patients, Lang::En)
    }

    /// [`MeasuredCalibration::headline`] in `lang`.
    pub fn headline_in(&self, patients: usize, lang: Lang) -> Option<String> {
        let size = self.nearest(patients)?;
        let plain = |n: usize| crate::core::format::count_in(lang, n);
        let seeds = size.seeds();
        let false_cohorts = seeds - size.additive_seeds_clean();
        let planted = match size.planted_tally() {
            Some((found, chances, false_pairs)) => lang.t_with(
                "vm-interactions-headline-planted",
                &[
                    ("found", Arg::Text(&plain(found))),
                    ("chances", Arg::Text(&plain(chances))),
                    ("false", Arg::Text(&plain(false_pairs))),
                ],
            ),
            None => String::new(),
        };
        let caution = if size.weak_evidence() {
            lang.t("vm-interactions-headline-weak")
        } else {
            String::new()
        };
        Some(lang.t_with(
            "vm-interactions-headline",
            &[
                ("size", Arg::Text(&grouped(lang, size.patients))),
                ("patients", Arg::Text(&grouped(lang, patients))),
                ("seeds", Arg::Text(&plain(seeds))),
                ("false", Arg::Text(&plain(false_cohorts))),
                ("planted", Arg::Text(&planted)),
                ("caution", Arg::Text(&caution)),
            ],
        ))
    }

    /// The page's statement of the calibration, one clause per size.
    pub fn sentence(&self) -> String {
        self.sentence_in(Lang::En)
    }

    /// [`MeasuredCalibration::sentence`] in `lang`, with the measuring date in its format.
    pub fn sentence_in(&self, lang: Lang) -> String {
        let sizes: Vec<String> = self.sizes.iter().map(|s| s.sentence_in(lang)).collect();
        lang.t_with(
            "vm-interactions-calibration",
            &[
                ("date", Arg::Text(&date_in(self.measured_on, lang))),
                ("fdr", Arg::Text(&lang.number_text(&self.fdr.to_string()))),
                ("sizes", Arg::Text(&sizes.join(" "))),
            ],
        )
    }
}

/// `survlens calibrate-interactions --cohorts calibration --seeds 10 --scales 0,0.5,1,2`
/// (seeds 1 to 10, 6,000 patients, 40 markers in 5 entities; the planted twin has two
/// planted pairs), 2026-12-06.
pub const CALIBRATION_6000: CalibrationSize = CalibrationSize {
    command: "survlens calibrate-interactions --cohorts calibration --seeds 10 --scales 0,0.5,1,2",
    design: "40 markers in 5 entities, two planted pairs in the twin",
    patients: 6000,
    first_seed: 1,
    additive_declared: &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    planted: &[
        PlantedScale {
            scale: 0.5,
            false_declared: &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            planted: &[
                PlantedPower {
                    name: EGFR_X_TKI,
                    declared: 0,
                    oracle_power: 0.5733,
                },
                PlantedPower {
                    name: PD1_X_CRP,
                    declared: 1,
                    oracle_power: 0.9863,
                },
            ],
        },
        PlantedScale {
            scale: 1.0,
            false_declared: &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            planted: &[
                PlantedPower {
                    name: EGFR_X_TKI,
                    declared: 3,
                    oracle_power: 0.984,
                },
                PlantedPower {
                    name: PD1_X_CRP,
                    declared: 10,
                    oracle_power: 1.0,
                },
            ],
        },
        PlantedScale {
            scale: 2.0,
            false_declared: &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            planted: &[
                PlantedPower {
                    name: EGFR_X_TKI,
                    declared: 10,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: PD1_X_CRP,
                    declared: 10,
                    oracle_power: 1.0,
                },
            ],
        },
    ],
};

/// `survlens calibrate-interactions --cohorts calibration --patients 600 --seeds 100
/// --scales 0,0.5,1,2` (seeds 1 to 100, 600 patients: the teaching cohort's size; 40 markers
/// in 5 entities), 2026-12-06.
pub const CALIBRATION_600: CalibrationSize = CalibrationSize {
    command: "survlens calibrate-interactions --cohorts calibration --patients 600 --seeds 100 --scales 0,0.5,1,2",
    design: "40 markers in 5 entities, two planted pairs in the twin",
    patients: 600,
    first_seed: 1,
    additive_declared: &[
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ],
    planted: &[
        PlantedScale {
            scale: 0.5,
            false_declared: &[
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0,
                0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0,
            ],
            planted: &[
                PlantedPower {
                    name: EGFR_X_TKI,
                    declared: 0,
                    oracle_power: 0.1001,
                },
                PlantedPower {
                    name: PD1_X_CRP,
                    declared: 1,
                    oracle_power: 0.2502,
                },
            ],
        },
        PlantedScale {
            scale: 1.0,
            false_declared: &[
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0,
            ],
            planted: &[
                PlantedPower {
                    name: EGFR_X_TKI,
                    declared: 0,
                    oracle_power: 0.2512,
                },
                PlantedPower {
                    name: PD1_X_CRP,
                    declared: 2,
                    oracle_power: 0.7142,
                },
            ],
        },
        PlantedScale {
            scale: 2.0,
            false_declared: &[
                0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1,
                0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 2, 1, 0, 0,
            ],
            planted: &[
                PlantedPower {
                    name: EGFR_X_TKI,
                    declared: 0,
                    oracle_power: 0.6668,
                },
                PlantedPower {
                    name: PD1_X_CRP,
                    declared: 27,
                    oracle_power: 0.9969,
                },
            ],
        },
    ],
};

/// `survlens calibrate-interactions --cohorts pan-cancer --seeds 10 --scales 0,0.5,1,2` (seeds 1
/// to 10, 15,726 patients: the synthetic pan-cancer design, 349 markers in 38 entities; scale
/// 0 is its additive twin, scale 1 the cohort with its 11 planted pairs), 2026-12-06; run as
/// `--scales 1,0,2,0.5`, the same runs.
pub const CALIBRATION_PAN_CANCER: CalibrationSize = CalibrationSize {
    command: "survlens calibrate-interactions --cohorts pan-cancer --seeds 10 --scales 0,0.5,1,2",
    design: "the pan-cancer design, 349 markers in 38 entities, 11 planted pairs in the twin",
    patients: 15726,
    first_seed: 1,
    additive_declared: &[0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
    planted: &[
        PlantedScale {
            scale: 0.5,
            false_declared: &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            planted: &[
                PlantedPower {
                    name: "EGFR mutation x EGFR tyrosine kinase inhibitor",
                    declared: 3,
                    oracle_power: 0.8655,
                },
                PlantedPower {
                    name: "ALK fusion x ALK inhibitor",
                    declared: 0,
                    oracle_power: 0.6304,
                },
                PlantedPower {
                    name: "BRAF mutation x BRAF/MEK inhibitor",
                    declared: 0,
                    oracle_power: 0.8855,
                },
                PlantedPower {
                    name: "ERBB2 alteration x HER2-targeted therapy",
                    declared: 1,
                    oracle_power: 0.7795,
                },
                PlantedPower {
                    name: "BRCA2 mutation x PARP inhibitor",
                    declared: 0,
                    oracle_power: 0.6067,
                },
                PlantedPower {
                    name: "KRAS mutation x anti-EGFR antibody",
                    declared: 0,
                    oracle_power: 0.7858,
                },
                PlantedPower {
                    name: "Anti-PD-1 x CRP",
                    declared: 1,
                    oracle_power: 0.9958,
                },
                PlantedPower {
                    name: "Anti-PD-1 x high tumour mutational burden",
                    declared: 0,
                    oracle_power: 0.88,
                },
                PlantedPower {
                    name: "Anti-PD-1 x microsatellite instability",
                    declared: 0,
                    oracle_power: 0.647,
                },
                PlantedPower {
                    name: "Anti-PD-1 x corticosteroids",
                    declared: 0,
                    oracle_power: 0.825,
                },
                PlantedPower {
                    name: "Platinum chemotherapy x ECOG >= 2",
                    declared: 2,
                    oracle_power: 0.9996,
                },
            ],
        },
        PlantedScale {
            scale: 1.0,
            false_declared: &[0, 1, 0, 0, 0, 0, 1, 1, 0, 0],
            planted: &[
                PlantedPower {
                    name: "EGFR mutation x EGFR tyrosine kinase inhibitor",
                    declared: 8,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "ALK fusion x ALK inhibitor",
                    declared: 3,
                    oracle_power: 0.9894,
                },
                PlantedPower {
                    name: "BRAF mutation x BRAF/MEK inhibitor",
                    declared: 5,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "ERBB2 alteration x HER2-targeted therapy",
                    declared: 7,
                    oracle_power: 0.9995,
                },
                PlantedPower {
                    name: "BRCA2 mutation x PARP inhibitor",
                    declared: 0,
                    oracle_power: 0.9854,
                },
                PlantedPower {
                    name: "KRAS mutation x anti-EGFR antibody",
                    declared: 9,
                    oracle_power: 0.9998,
                },
                PlantedPower {
                    name: "Anti-PD-1 x CRP",
                    declared: 10,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "Anti-PD-1 x high tumour mutational burden",
                    declared: 7,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "Anti-PD-1 x microsatellite instability",
                    declared: 3,
                    oracle_power: 0.9893,
                },
                PlantedPower {
                    name: "Anti-PD-1 x corticosteroids",
                    declared: 7,
                    oracle_power: 0.9999,
                },
                PlantedPower {
                    name: "Platinum chemotherapy x ECOG >= 2",
                    declared: 10,
                    oracle_power: 1.0,
                },
            ],
        },
        PlantedScale {
            scale: 2.0,
            false_declared: &[0, 2, 0, 2, 0, 1, 0, 1, 1, 1],
            planted: &[
                PlantedPower {
                    name: "EGFR mutation x EGFR tyrosine kinase inhibitor",
                    declared: 10,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "ALK fusion x ALK inhibitor",
                    declared: 3,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "BRAF mutation x BRAF/MEK inhibitor",
                    declared: 10,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "ERBB2 alteration x HER2-targeted therapy",
                    declared: 10,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "BRCA2 mutation x PARP inhibitor",
                    declared: 8,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "KRAS mutation x anti-EGFR antibody",
                    declared: 10,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "Anti-PD-1 x CRP",
                    declared: 10,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "Anti-PD-1 x high tumour mutational burden",
                    declared: 10,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "Anti-PD-1 x microsatellite instability",
                    declared: 6,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "Anti-PD-1 x corticosteroids",
                    declared: 10,
                    oracle_power: 1.0,
                },
                PlantedPower {
                    name: "Platinum chemotherapy x ECOG >= 2",
                    declared: 10,
                    oracle_power: 1.0,
                },
            ],
        },
    ],
};

const EGFR_X_TKI: &str = "EGFR mutation x EGFR tyrosine kinase inhibitor";
const PD1_X_CRP: &str = "Anti-PD-1 x CRP";

/// The calibration the Interactions view states (the default false discovery rate).
pub const PAGE_CALIBRATION: MeasuredCalibration = MeasuredCalibration {
    measured_on: INTERACTIONS_MEASURED_ON,
    fdr: 0.05,
    sizes: &[CALIBRATION_PAN_CANCER, CALIBRATION_6000, CALIBRATION_600],
};

/// The fidelity study of one synthetic cohort.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasuredFidelity {
    /// The generator's preset.
    pub preset: Preset,
    /// The command that measured it.
    pub command: &'static str,
    /// Patients of the cohort.
    pub cohort_patients: usize,
    /// The model explained (the default model's file, or the network the command trained).
    pub model: &'static str,
    /// The explained model on its held-out test patients.
    pub figures: FidelityFigures,
    /// Its Harrell C on them, and the oracle's (the generator's true log-hazard).
    pub harrell_c: (f64, f64),
    /// The same network retrained with other seeds on the same split: seed, Harrell C,
    /// figures.
    pub seeds: &'static [(u64, f64, FidelityFigures)],
    /// An oracle explainer (its relevances are the truth itself).
    pub ceiling: FidelityFigures,
    /// The same network trained on permuted outcomes: Harrell C, figures.
    pub floor: (f64, FidelityFigures),
}

impl MeasuredFidelity {
    /// The page's statement of the measured study.
    pub fn sentence(&self) -> String {
        let f = |x: &FidelityFigures| {
            format!(
                "AUROC {}, precision at k {}, Spearman {}",
                x.auroc.text(),
                x.precision_at_k.text(),
                x.spearman.text()
            )
        };
        let seeds: Vec<String> = self
            .seeds
            .iter()
            .map(|(seed, c, x)| format!("seed {seed} (C {c:.3}): {}", f(x)))
            .collect();
        let seed_list: Vec<String> = self.seeds.iter().map(|(s, _, _)| s.to_string()).collect();
        format!(
            "Measured natively ({MEASURED_ON}, `{}`) on {} of the {} patients of this cohort (k = {} detectable markers; 95% bootstrap intervals): {} (C {:.3}, oracle {:.3}) scores {}. The same network retrained with seeds {}: {}. Ceiling, an oracle explainer: {}. Floor, the same network trained on permuted outcomes (C {:.3}): {}.",
            self.command,
            thousands(self.figures.patients),
            thousands(self.cohort_patients),
            self.figures.k,
            self.model,
            self.harrell_c.0,
            self.harrell_c.1,
            f(&self.figures),
            seed_list.join(", "),
            seeds.join("; "),
            f(&self.ceiling),
            self.floor.0,
            f(&self.floor.1),
        )
    }

    /// [`MeasuredFidelity::sentence`] in `lang`, built from the catalogue.
    pub fn sentence_in(&self, lang: Lang) -> String {
        let c = |x: f64| match lang {
            Lang::En => format!("{x:.3}"),
            Lang::De => lang.decimal(x, 3),
        };
        let count = |n: usize| prose_count(lang, n);
        let f = |x: &FidelityFigures| {
            lang.t_with(
                "vm-teaching-measured-figures",
                &[
                    ("auroc", Arg::Text(&x.auroc.text_in(lang))),
                    ("precision", Arg::Text(&x.precision_at_k.text_in(lang))),
                    ("spearman", Arg::Text(&x.spearman.text_in(lang))),
                ],
            )
        };
        let seeds: Vec<String> = self
            .seeds
            .iter()
            .map(|(seed, sc, x)| {
                lang.t_with(
                    "vm-teaching-measured-seed",
                    &[
                        ("seed", Arg::Text(&seed.to_string())),
                        ("c", Arg::Text(&c(*sc))),
                        ("figures", Arg::Text(&f(x))),
                    ],
                )
            })
            .collect();
        let seed_list: Vec<String> = self.seeds.iter().map(|(s, _, _)| s.to_string()).collect();
        let model = match self.preset {
            Preset::PanCancer => lang.t("vm-teaching-measured-default-model"),
            _ => lang.t("vm-teaching-measured-trained-model"),
        };
        let date = match lang {
            Lang::En => MEASURED_ON.to_owned(),
            Lang::De => measured_on(lang),
        };
        lang.t_with(
            "vm-teaching-measured",
            &[
                ("date", Arg::Text(&date)),
                ("command", Arg::Text(self.command)),
                ("patients", Arg::Text(&count(self.figures.patients))),
                ("total", Arg::Text(&count(self.cohort_patients))),
                ("k", Arg::Text(&self.figures.k.to_string())),
                ("model", Arg::Text(&model)),
                ("c", Arg::Text(&c(self.harrell_c.0))),
                ("oracle", Arg::Text(&c(self.harrell_c.1))),
                ("figures", Arg::Text(&f(&self.figures))),
                ("seeds", Arg::Text(&seed_list.join(", "))),
                ("retrained", Arg::Text(&seeds.join("; "))),
                ("ceiling", Arg::Text(&f(&self.ceiling))),
                ("floorc", Arg::Text(&c(self.floor.0))),
                ("floor", Arg::Text(&f(&self.floor.1))),
            ],
        )
    }
}

const fn est(value: f64, lower: f64, upper: f64) -> Estimate {
    Estimate {
        value,
        lower,
        upper,
    }
}

const fn figs(
    auroc: Estimate,
    precision_at_k: Estimate,
    spearman: Estimate,
    k: usize,
    patients: usize,
) -> FidelityFigures {
    FidelityFigures {
        auroc,
        precision_at_k,
        k,
        spearman,
        patients,
    }
}

/// `survlens fidelity --model web/models/default.json` (the synthetic pan-cancer cohort,
/// 15,726 patients, seed 2025; the default model's held-out test half, 1,573 patients;
/// retrained seeds 1, 2, 3; floor seed 1), 2026-12-05.
pub const FIDELITY_PAN_CANCER: MeasuredFidelity = MeasuredFidelity {
    preset: Preset::PanCancer,
    command: "survlens fidelity --model web/models/default.json",
    cohort_patients: 15726,
    model: "the default model",
    figures: figs(
        est(0.7333, 0.7258, 0.7412),
        est(0.5593, 0.5254, 0.5763),
        est(0.7113, 0.6918, 0.7339),
        59,
        1573,
    ),
    harrell_c: (0.7464, 0.7651),
    seeds: &[
        (
            1,
            0.7443,
            figs(
                est(0.7449, 0.7379, 0.7526),
                est(0.5932, 0.5424, 0.5932),
                est(0.6226, 0.6082, 0.656),
                59,
                1573,
            ),
        ),
        (
            2,
            0.7449,
            figs(
                est(0.7567, 0.747, 0.7647),
                est(0.5085, 0.4915, 0.5424),
                est(0.6691, 0.6474, 0.704),
                59,
                1573,
            ),
        ),
        (
            3,
            0.7451,
            figs(
                est(0.7296, 0.7228, 0.7376),
                est(0.5085, 0.4746, 0.5254),
                est(0.6758, 0.658, 0.706),
                59,
                1573,
            ),
        ),
    ],
    ceiling: figs(
        est(0.9954, 0.9908, 0.9954),
        est(0.8305, 0.7966, 0.8644),
        est(1.0, 1.0, 1.0),
        59,
        1573,
    ),
    floor: (
        0.4834,
        figs(
            est(0.5062, 0.501, 0.5126),
            est(0.1525, 0.1356, 0.1525),
            est(0.3934, 0.3559, 0.4148),
            59,
            1573,
        ),
    ),
};

/// `survlens fidelity --preset teaching --patients 600 --seed 42` (the synthetic teaching
/// cohort the page opens in teaching mode; the study's network trained by the command with
/// the page's small-cohort setting, figures on its 60 held-out test patients; retrained
/// seeds 1, 2, 3; floor seed 1), 2026-12-05.
pub const FIDELITY_TEACHING: MeasuredFidelity = MeasuredFidelity {
    preset: Preset::Teaching,
    command: "survlens fidelity --preset teaching --patients 600 --seed 42",
    cohort_patients: 600,
    model: "the study's network trained on its training patients",
    figures: figs(
        est(0.9038, 0.75, 0.9231),
        est(0.8182, 0.6364, 0.9091),
        est(0.2636, 0.1, 0.6),
        11,
        60,
    ),
    harrell_c: (0.7174, 0.772),
    seeds: &[
        (
            1,
            0.7256,
            figs(
                est(0.9808, 0.7692, 1.0),
                est(0.8182, 0.6364, 0.9091),
                est(0.5545, 0.3455, 0.8545),
                11,
                60,
            ),
        ),
        (
            2,
            0.7331,
            figs(
                est(0.8077, 0.6154, 0.8654),
                est(0.8182, 0.6364, 0.8182),
                est(0.3364, 0.2091, 0.6636),
                11,
                60,
            ),
        ),
        (
            3,
            0.7379,
            figs(
                est(0.6923, 0.5577, 0.8077),
                est(0.6364, 0.5455, 0.7273),
                est(0.3727, 0.2818, 0.7364),
                11,
                60,
            ),
        ),
    ],
    ceiling: figs(
        est(1.0, 1.0, 1.0),
        est(1.0, 0.8182, 1.0),
        est(1.0, 1.0, 1.0),
        11,
        60,
    ),
    floor: (
        0.5392,
        figs(
            est(0.5, 0.3846, 0.6538),
            est(0.6364, 0.6364, 0.8182),
            est(0.6364, 0.3727, 0.8091),
            11,
            60,
        ),
    ),
};

/// The measured fidelity study of a synthetic preset, by its name ([`Preset::name`], as a
/// session's truth records it), when one was run.
pub fn measured_fidelity(preset: &str) -> Option<&'static MeasuredFidelity> {
    [&FIDELITY_PAN_CANCER, &FIDELITY_TEACHING]
        .into_iter()
        .find(|m| m.preset.name() == preset)
}

/// "a, b and c" in `lang`.
fn enumerate_and_in(items: &[String], lang: Lang) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => lang.t_with(
            "vm-interactions-and",
            &[
                ("list", Arg::Text(&rest.join(", "))),
                ("last", Arg::Text(last)),
            ],
        ),
    }
}

/// Per-seed counts as a tally in `lang`: [0, 1, 0, 0, 3] reads "none in 3 seeds, 1 in 1,
/// 3 in 1".
fn tally_in(values: &[usize], lang: Lang) -> String {
    let mut counts = std::collections::BTreeMap::new();
    for &v in values {
        *counts.entry(v).or_insert(0_usize) += 1;
    }
    let parts: Vec<String> = counts
        .iter()
        .enumerate()
        .map(|(i, (&value, &seeds))| {
            let what = if value == 0 {
                lang.t("vm-interactions-tally-none")
            } else {
                crate::core::format::count_in(lang, value)
            };
            if i == 0 {
                lang.t_with(
                    "vm-interactions-tally-first",
                    &[
                        ("what", Arg::Text(&what)),
                        ("seeds", Arg::Count(seeds as u64)),
                    ],
                )
            } else {
                lang.t_with(
                    "vm-interactions-tally-part",
                    &[
                        ("what", Arg::Text(&what)),
                        (
                            "seeds",
                            Arg::Text(&crate::core::format::count_in(lang, seeds)),
                        ),
                    ],
                )
            }
        })
        .collect();
    parts.join(", ")
}

/// "a, b and c".
#[cfg(test)]
fn enumerate_and(items: &[String]) -> String {
    enumerate_and_in(items, Lang::En)
}

/// Per-seed counts as a tally: [0, 1, 0, 0, 3] reads "none in 3 seeds, 1 in 1, 3 in 1".
#[cfg(test)]
fn tally(values: &[usize]) -> String {
    tally_in(values, Lang::En)
}

/// The Cohort view's log-rank test of the tertile risk groups on the held-out patients,
/// run by the page's whole job on synthetic teaching cohorts whose answer is known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeasuredRiskGroups {
    /// The command that measured it.
    pub command: &'static str,
    /// Patients per cohort.
    pub patients: usize,
    /// The level at which a difference is declared.
    pub level: f64,
    /// Cohorts whose outcomes were shuffled among the patients (no difference exists):
    /// declared, runs.
    pub shuffled: (usize, usize),
    /// Their p-values below 0.01, 0.10 and 0.50 (a uniform distribution expects 1%, 10%,
    /// 50% of the runs).
    pub shuffled_below: [usize; 3],
    /// The cohorts as generated (planted effects): declared, runs.
    pub planted: (usize, usize),
}

/// `survlens calibrate-views --seeds 200` (teaching cohorts of 600 patients, seeds 1 to
/// 200, the page's `auto` recipe and split; each seed run with its outcomes shuffled and as
/// generated; about 120 held-out patients each), 2026-12-05.
pub const RISK_GROUP_CALIBRATION: MeasuredRiskGroups = MeasuredRiskGroups {
    command: "survlens calibrate-views --seeds 200",
    patients: 600,
    level: 0.05,
    shuffled: (13, 200),
    shuffled_below: [1, 22, 100],
    planted: (200, 200),
};

impl MeasuredRiskGroups {
    /// What the Cohort view says beside its log-rank test.
    pub fn sentence(&self) -> String {
        self.sentence_in(Lang::En)
    }

    /// [`MeasuredRiskGroups::sentence`] in `lang`.
    pub fn sentence_in(&self, lang: Lang) -> String {
        let (false_k, null_n) = self.shuffled;
        let (true_k, planted_n) = self.planted;
        let date = measured_on(lang);
        let text = |n: usize| lang.integer(i64::try_from(n).unwrap_or(i64::MAX));
        lang.t_with(
            "vm-cohort-logrank-measured",
            &[
                ("null", Arg::Text(&text(null_n))),
                ("patients", Arg::Text(&text(self.patients))),
                ("level", Arg::Text(&lang.decimal(self.level, 2))),
                ("false", Arg::Text(&text(false_k))),
                (
                    "share",
                    Arg::Text(&lang.decimal(100.0 * false_k as f64 / null_n.max(1) as f64, 1)),
                ),
                ("expected", Arg::Text(&lang.decimal(100.0 * self.level, 0))),
                ("true", Arg::Text(&text(true_k))),
                ("planted", Arg::Text(&text(planted_n))),
                ("command", Arg::Text(self.command)),
                ("date", Arg::Text(&date)),
            ],
        )
    }
}

/// The Markers view's key markers (the fewest carrying the study's 90% of the network's
/// total importance), on the same runs as [`RISK_GROUP_CALIBRATION`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeasuredKeyMarkers {
    /// The command that measured it.
    pub command: &'static str,
    /// Patients per cohort.
    pub patients: usize,
    /// Runs of each kind.
    pub runs: usize,
    /// Markers of the cohort.
    pub markers: usize,
    /// Markers with a planted effect.
    pub planted: usize,
    /// Key markers per run with the outcomes shuffled (none prognostic).
    pub shuffled_key: f64,
    /// Key markers per run as generated.
    pub planted_key: f64,
    /// Of them, markers without a planted effect.
    pub planted_false: f64,
    /// Share of the planted markers that were key, per run.
    pub recall: f64,
}

/// `survlens calibrate-views --seeds 200`, the runs of [`RISK_GROUP_CALIBRATION`].
pub const KEY_MARKER_CALIBRATION: MeasuredKeyMarkers = MeasuredKeyMarkers {
    command: "survlens calibrate-views --seeds 200",
    patients: 600,
    runs: 200,
    markers: 17,
    planted: 12,
    shuffled_key: 13.5,
    planted_key: 12.1,
    planted_false: 2.0,
    recall: 0.84,
};

impl MeasuredKeyMarkers {
    /// What the Markers view says beside its key markers.
    pub fn sentence(&self) -> String {
        self.sentence_in(Lang::En)
    }

    /// [`MeasuredKeyMarkers::sentence`] in `lang`.
    pub fn sentence_in(&self, lang: Lang) -> String {
        let date = measured_on(lang);
        let text = |n: usize| lang.integer(i64::try_from(n).unwrap_or(i64::MAX));
        lang.t_with(
            "vm-markers-calibration",
            &[
                ("runs", Arg::Text(&text(self.runs))),
                ("patients", Arg::Text(&text(self.patients))),
                ("markers", Arg::Text(&text(self.markers))),
                ("planted", Arg::Text(&text(self.planted))),
                ("shuffled", Arg::Text(&lang.decimal(self.shuffled_key, 1))),
                ("key", Arg::Text(&lang.decimal(self.planted_key, 1))),
                ("false", Arg::Text(&lang.decimal(self.planted_false, 1))),
                ("recall", Arg::Text(&lang.decimal(100.0 * self.recall, 0))),
                ("command", Arg::Text(self.command)),
                ("date", Arg::Text(&date)),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_uses_the_nearest_measured_size_and_its_counts() {
        let sizes: Vec<usize> = PAGE_CALIBRATION.sizes.iter().map(|s| s.patients).collect();
        for patients in [300, 600, 2_000, 6_000, 15_726, 100_000] {
            let nearest = PAGE_CALIBRATION.nearest(patients).unwrap();
            let d = |n: usize| ((n as f64).ln() - (patients as f64).ln()).abs();
            assert!(
                sizes.iter().all(|&n| d(nearest.patients) <= d(n)),
                "{patients}"
            );
            let headline = PAGE_CALIBRATION.headline(patients).unwrap();
            let false_cohorts = nearest.seeds() - nearest.additive_seeds_clean();
            assert!(
                headline.contains(&format!(
                    "on {} synthetic cohorts without any interaction it declared a pair on {false_cohorts}",
                    nearest.seeds()
                )),
                "{headline}"
            );
            assert_eq!(
                headline.contains("weak evidence"),
                nearest.weak_evidence(),
                "{headline}"
            );
            if let Some((found, chances, false_pairs)) = nearest.planted_tally() {
                assert!(headline.contains(&format!(
                    "found {found} of {chances} planted pairs and declared {false_pairs} that were not planted"
                )));
            }
        }
        assert_eq!(PAGE_CALIBRATION.nearest(600).unwrap().patients, 600);
        assert_eq!(PAGE_CALIBRATION.nearest(15_726).unwrap().patients, 15_726);
    }

    #[test]
    fn weak_evidence_follows_false_cohorts_and_planted_finds() {
        const FOUND: &[PlantedPower] = &[PlantedPower {
            name: "a x b",
            declared: 9,
            oracle_power: 0.9,
        }];
        const MISSED: &[PlantedPower] = &[PlantedPower {
            name: "a x b",
            declared: 0,
            oracle_power: 0.3,
        }];
        let size = |additive: &'static [usize], planted: &'static [PlantedPower]| CalibrationSize {
            command: "",
            design: "",
            patients: 100,
            first_seed: 1,
            additive_declared: additive,
            planted: vec![PlantedScale {
                scale: 1.0,
                false_declared: &[0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
                planted,
            }]
            .leak(),
        };
        let clean: &[usize] = &[0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        let dirty: &[usize] = &[0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
        // 1 false cohort in 10 and more planted finds than false pairs: not weak.
        assert!(!size(clean, FOUND).weak_evidence());
        assert_eq!(size(clean, FOUND).planted_tally(), Some((9, 10, 1)));
        // 2 false cohorts in 10: weak, whatever the planted finds.
        assert!(size(dirty, FOUND).weak_evidence());
        // Fewer planted pairs found than false ones declared: weak.
        assert!(size(clean, MISSED).weak_evidence());
    }

    #[test]
    fn the_calibration_sentence_states_its_constants() {
        let all = PAGE_CALIBRATION.sentence();
        for size in PAGE_CALIBRATION.sizes {
            let seeds = size.seeds();
            // Seeds with and without a false declaration add up to the seeds run, and every
            // planted scale has one count per seed.
            let dirty = size.additive_declared.iter().filter(|&&d| d > 0).count();
            assert_eq!(size.additive_seeds_clean() + dirty, seeds);
            let sentence = size.sentence();
            assert!(all.contains(&sentence));
            assert!(sentence.contains(&format!(
                "declared nothing in {} of {seeds} seeds",
                seeds - dirty
            )));
            for scale in size.planted {
                assert_eq!(scale.false_declared.len(), seeds, "{}", size.command);
                for p in scale.planted {
                    assert!(p.declared <= seeds, "{}: {}", size.command, p.name);
                    assert!((0.0..=1.0).contains(&p.oracle_power));
                }
            }
            let planted = size.at_planted_size().unwrap();
            for p in planted.planted {
                assert!(sentence.contains(&format!(
                    "{} in {} of {seeds} (oracle {:.0}%)",
                    p.name,
                    p.declared,
                    100.0 * p.oracle_power
                )));
            }
            assert!(size.command.contains(&format!("--seeds {seeds}")));
        }
        assert!(all.contains("With 15,726 patients (the pan-cancer design"));
        assert!(
            all.contains("With 6,000 patients (40 markers") && all.contains("With 600 patients")
        );
    }

    #[test]
    fn the_fidelity_sentences_state_their_constants() {
        for preset in [Preset::PanCancer, Preset::Teaching] {
            let m = measured_fidelity(preset.name()).unwrap();
            assert_eq!(m.preset, preset);
            let s = m.sentence();
            let all = std::iter::once(&m.figures)
                .chain(m.seeds.iter().map(|(_, _, f)| f))
                .chain([&m.ceiling, &m.floor.1]);
            for f in all {
                // Every estimate lies in its interval, every figure reads the same test
                // patients and the same k, and the sentence states each one.
                for e in [&f.auroc, &f.precision_at_k, &f.spearman] {
                    assert!(
                        e.lower <= e.value && e.value <= e.upper,
                        "{preset:?}: {e:?}"
                    );
                    assert!(s.contains(&e.text()), "{preset:?}: {}", e.text());
                }
                assert_eq!((f.k, f.patients), (m.figures.k, m.figures.patients));
            }
            assert!(m.figures.patients < m.cohort_patients);
            assert!(s.contains("permuted outcomes"));
            let seeds: Vec<String> = m.seeds.iter().map(|(s, _, _)| s.to_string()).collect();
            assert!(seeds.len() >= 3);
            assert!(s.contains(&format!("retrained with seeds {}", seeds.join(", "))));
        }
        assert!(measured_fidelity(Preset::Additive.name()).is_none());
    }

    #[test]
    fn the_risk_group_sentence_states_its_constants() {
        let m = RISK_GROUP_CALIBRATION;
        let text = m.sentence();
        assert!(
            text.contains("on 200 synthetic cohorts of 600 patients"),
            "{text}"
        );
        assert!(
            text.contains("on 13 (6.5%, where 5% is expected by chance)"),
            "{text}"
        );
        assert!(text.contains("on 200 of 200"), "{text}");
        assert!(text.contains(m.command), "{text}");
        // The shuffled runs' p-values are counted below increasing thresholds.
        let below = [
            m.shuffled_below[0],
            m.shuffled.0,
            m.shuffled_below[1],
            m.shuffled_below[2],
        ];
        assert!(below.windows(2).all(|w| w[0] <= w[1]) && below[3] <= m.shuffled.1);
    }

    #[test]
    fn the_key_marker_sentence_states_its_constants() {
        let m = KEY_MARKER_CALIBRATION;
        let text = m.sentence();
        assert!(text.contains("on 200 synthetic teaching cohorts of 600 patients (17 markers, 12 with a planted effect)"), "{text}");
        assert!(text.contains("13.5 markers were key on average"), "{text}");
        assert!(
            text.contains("12.1 were key, 2.0 of them without an effect"),
            "{text}"
        );
        assert!(text.contains("84% of the planted markers"), "{text}");
        // The counts fit together: false key markers are at most the unplanted markers.
        assert!(m.planted_false <= (m.markers - m.planted) as f64);
        assert!(m.planted_key - m.planted_false <= m.planted as f64);
        assert!(((m.planted_key - m.planted_false) / m.planted as f64 - m.recall).abs() < 0.01);
    }

    #[test]
    fn lists_read_as_sentences() {
        let items = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(enumerate_and(&items(&[])), "");
        assert_eq!(enumerate_and(&items(&["a"])), "a");
        assert_eq!(enumerate_and(&items(&["a", "b"])), "a and b");
        assert_eq!(enumerate_and(&items(&["a", "b", "c"])), "a, b and c");
        assert_eq!(tally(&[0, 1, 0, 0, 3]), "none in 3 seeds, 1 in 1, 3 in 1");
        assert_eq!(tally(&[0]), "none in 1 seed");
        assert_eq!(tally(&[2, 2]), "2 in 2 seeds");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(600), "600");
        assert_eq!(thousands(6000), "6,000");
        assert_eq!(thousands(15726), "15,726");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
