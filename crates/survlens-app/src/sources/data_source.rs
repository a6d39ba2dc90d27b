//! Where the page's cohort comes from: the bundled cohorts, or a file the user opens, read
//! into a preview, mapped to column roles and checked before anything is trained.
//!
//! The flow a user goes through, one value per step:
//!
//! 1. [`FileDraft::read`]: the file's first rows as a [`survlens_data::Preview`], each
//!    column's sample and inferred marker kind, and the detected roles;
//! 2. [`Mapping::detected`]: the form's starting values (time, event, id and entity columns,
//!    time unit, which columns are markers and of which kind);
//! 3. the user edits the [`Mapping`]; [`Mapping::issues`] says, field by field, what is
//!    wrong (blocking) or doubtful (a warning: the full import will list each cell),
//!    including the codes the file writes for a missing value besides the built-in ones
//!    ([`Mapping::missing_codes`], read with [`survlens_data::MissingCodes::parse_list`]);
//! 4. [`Mapping::job_spec`]: the [`JobSpec`] the worker imports, trains and explains; or,
//!    for a file of new patients without time and event columns, [`Mapping::source`]: the
//!    cohort a stored model explains (time and event are then optional: both or neither).
//!
//! Whatever the full import refuses comes back as a [`ProblemList`]: every problem with its
//! row and column, for the page's table of problems.
//!
//! Bundled cohorts ([`BundledCohort`]) are embedded in the worker's code
//! ([`EmbeddedCsv::bytes`]), never fetched: the page forbids network connections once
//! loaded. The page itself only sends their name; referencing the bytes from the page's
//! own code would put them into the page's download twice.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
/// The kinds a marker column can be read as (re-exported for the mapping form).
pub use survlens_data::MarkerKind;
use survlens_data::cell::{self, Number};
use survlens_data::roles::{BadValue, RefusedColumn, shown_cell};
use survlens_data::{
    CodeRefusal, ColumnRoles, DataError, Describe, Expected, ImportOptions, ImportReport, Message,
    MessageArg, MissingCodes, Preview, Role, RoleGuess,
};

use survlens_synth::Modality;

use crate::core::cohort_kind::{CANCER_ENTITY, CohortKind, Endpoint};
use crate::core::format::thousands;
use crate::core::i18n::{Arg, Lang};
use crate::core::session::MarkerInfo;
use crate::core::units::TimeUnit;
use crate::sources::spec::{CohortSource, JobSpec, ModelSource, Recipe};

/// Rows read for the preview and for guessing roles and kinds. Enough to see a column's
/// typical values; the full file is checked by the import in the worker.
pub const SAMPLE_ROWS: usize = 50;
/// Rows shown in the preview table.
pub const PREVIEW_TABLE_ROWS: usize = 8;
/// Problems shown in the table of problems; the rest are counted ("and N more").
pub const SHOWN_PROBLEMS: usize = 100;

/// A cohort that ships with the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BundledCohort {
    /// The synthetic teaching cohort with its planted truth (600 patients), trained in the
    /// page.
    Teaching,
    /// The synthetic pan-cancer cohort (15,726 patients, 38 entities, 349 markers) explained
    /// by the page's default model, which was trained on it (no training in the page): what
    /// the page opens on.
    PanCancer,
    /// NCCTG advanced lung cancer (R `survival::lung`), 228 patients, days.
    NcctgLung,
    /// Rotterdam tumour bank, primary breast cancer, overall survival, 2,982 patients,
    /// months.
    Rotterdam,
    /// SUPPORT, seriously ill hospitalised adults, 9,105 patients, days; the disease group
    /// is the entity, and predictions and outcome-adjacent columns are left out.
    Support,
    /// External validation as the study did it: trained on Rotterdam, evaluated and
    /// explained on GBSG (686 patients), both with harmonised features and GBSG's endpoint,
    /// recurrence-free survival, in months.
    RotterdamToGbsg,
}

/// A CSV file embedded in the worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EmbeddedCsv {
    /// `data/ncctg_lung.csv`.
    NcctgLung,
    /// `data/rotterdam.csv`.
    Rotterdam,
    /// `data/support2_page.csv`: SUPPORT without outcome-adjacent and duplicate columns,
    /// numbers to 4 significant digits (written by `tools/page_data/trim_support.py`).
    Support,
    /// `data/rotterdam_harmonised.csv`: Rotterdam with GBSG's features and endpoint
    /// (recurrence-free survival).
    RotterdamHarmonised,
    /// `data/gbsg_harmonised.csv`: GBSG with Rotterdam's features, times in months.
    GbsgHarmonised,
}

impl EmbeddedCsv {
    /// File name, as messages name it.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::NcctgLung => "ncctg_lung.csv",
            Self::Rotterdam => "rotterdam.csv",
            Self::Support => "support2_page.csv",
            Self::RotterdamHarmonised => "rotterdam_harmonised.csv",
            Self::GbsgHarmonised => "gbsg_harmonised.csv",
        }
    }

    /// The embedded bytes. Only the worker calls this: the bytes then stay out of the
    /// page's own code.
    pub fn bytes(self) -> &'static [u8] {
        macro_rules! data {
            ($name:literal) => {
                include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $name))
            };
        }
        match self {
            Self::NcctgLung => data!("ncctg_lung.csv"),
            Self::Rotterdam => data!("rotterdam.csv"),
            Self::Support => data!("support2_page.csv"),
            Self::RotterdamHarmonised => data!("rotterdam_harmonised.csv"),
            Self::GbsgHarmonised => data!("gbsg_harmonised.csv"),
        }
    }
}

/// One bundled CSV file and how to read it.
#[derive(Clone, Debug, PartialEq)]
pub struct BundledFile {
    /// The file.
    pub file: EmbeddedCsv,
    /// Which column is what.
    pub roles: ColumnRoles,
    /// Unit of the time column.
    pub unit: TimeUnit,
}

impl BundledFile {
    /// The job source of this file, with its bytes.
    pub fn source(&self) -> CohortSource {
        CohortSource::Csv {
            file_name: self.file.file_name().to_owned(),
            bytes: self.file.bytes().to_vec(),
            roles: self.roles.clone(),
            days_per_time_unit: self.unit.days(),
            missing_codes: MissingCodes::none(),
            // The display names of `BUNDLED_MARKERS`, given when the cohort is loaded.
            labels: Vec::new(),
        }
    }
}

/// Why a size typed in the Data panel's form does not make a job.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SizeError {
    /// The cohort's size belongs to it (the teaching cohort's lesson).
    #[error("the size of the {} is fixed", .cohort.label())]
    Fixed {
        /// The cohort.
        cohort: BundledCohort,
    },
    /// A whole number outside [`PAGE_PATIENTS`].
    #[error(
        "{} patients is outside the page's range: choose {}",
        thousands(*.patients),
        page_range()
    )]
    OutOfRange {
        /// The number typed.
        patients: usize,
    },
    /// Text that is not a whole number.
    #[error(
        "\"{text}\" is not a number of patients: type a whole number {}",
        page_range()
    )]
    NotANumber {
        /// The text typed, trimmed.
        text: String,
    },
}

impl SizeError {
    /// A stable machine-readable name of the problem kind; it never changes with the
    /// wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Fixed { .. } => "fixed_size",
            Self::OutOfRange { .. } => "size_out_of_range",
            Self::NotANumber { .. } => "size_not_a_number",
        }
    }
}

/// "between 1,000 and 250,000": the page's range of cohort sizes.
impl Describe for SizeError {
    fn message(&self) -> Message {
        let range = || {
            [
                ("low", MessageArg::count(*PAGE_PATIENTS.start())),
                ("high", MessageArg::count(*PAGE_PATIENTS.end())),
            ]
        };
        match self {
            Self::Fixed { cohort } => Message::new(
                "error-size-fixed",
                vec![(
                    "cohort",
                    MessageArg::Nested(Box::new(Message::plain(cohort.label_key()))),
                )],
            ),
            Self::OutOfRange { patients } => {
                let mut args = vec![("patients", MessageArg::count(*patients))];
                args.extend(range());
                Message::new("error-size-out-of-range", args)
            }
            Self::NotANumber { text } => {
                let mut args = vec![("text", MessageArg::text(text))];
                args.extend(range());
                Message::new("error-size-not-a-number", args)
            }
        }
    }
}

fn page_range() -> String {
    format!(
        "between {} and {}",
        thousands(*PAGE_PATIENTS.start()),
        thousands(*PAGE_PATIENTS.end())
    )
}

impl BundledCohort {
    /// Every bundled cohort, the page's opening cohort first.
    pub const ALL: [BundledCohort; 6] = [
        Self::PanCancer,
        Self::Teaching,
        Self::NcctgLung,
        Self::Rotterdam,
        Self::Support,
        Self::RotterdamToGbsg,
    ];

    /// Stable key (for a form's option values and tests).
    pub fn key(self) -> &'static str {
        match self {
            Self::Teaching => "teaching",
            Self::PanCancer => "pan-cancer",
            Self::NcctgLung => "ncctg-lung",
            Self::Rotterdam => "rotterdam",
            Self::Support => "support",
            Self::RotterdamToGbsg => "rotterdam-gbsg",
        }
    }

    /// The cohort with key `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    /// What the page opens on: the synthetic pan-cancer cohort with the embedded default
    /// model, explained without training.
    pub const OPENING: BundledCohort = Self::PanCancer;

    /// The job a page address asks to open on: the cohort of [`Self::from_query`]; for the
    /// synthetic pan-cancer cohort, `patients=<n>` (within [`PAGE_PATIENTS`]) sets its size
    /// ([`JobSpec::pan_cancer_of`]), so a 100,000-patient cohort is one address away. A
    /// cohort the page trains on is trained by the study's recipe with `recipe=study`
    /// (for a lesson comparing it with the default recipe, and for timing the pool's
    /// data-parallel training), else by the default `auto` recipe.
    pub fn opening_job(search: &str) -> JobSpec {
        let cohort = Self::from_query(search);
        let mut job = query_value(search, "patients")
            .and_then(|n| cohort.sized_job(n).ok())
            .unwrap_or_else(|| cohort.job_spec());
        if job.model == ModelSource::Train && query_value(search, "recipe") == Some("study") {
            job.recipe = Recipe::Study;
        }
        job
    }

    /// Whether the page lets the user choose this cohort's size: only the generated
    /// pan-cancer cohort (the teaching cohort's size belongs to its lesson).
    pub fn sizeable(self) -> bool {
        self == Self::PanCancer
    }

    /// The job for this cohort with `patients` patients as typed in a form or an address
    /// (digits, spaces and thousands separators `,` `.` `'` allowed).
    ///
    /// # Errors
    /// A [`SizeError`] for the form when the cohort's size cannot be chosen, the text is
    /// not a whole number, or the number is outside [`PAGE_PATIENTS`].
    pub fn sized_job(self, patients: &str) -> Result<JobSpec, SizeError> {
        if !self.sizeable() {
            return Err(SizeError::Fixed { cohort: self });
        }
        let digits: String = patients
            .chars()
            .filter(|c| !matches!(c, ' ' | ',' | '.' | '\''))
            .collect();
        match digits.parse::<usize>() {
            Ok(n) if PAGE_PATIENTS.contains(&n) => Ok(JobSpec::pan_cancer_of(n)),
            Ok(n) => Err(SizeError::OutOfRange { patients: n }),
            Err(_) => Err(SizeError::NotANumber {
                text: patients.trim().to_owned(),
            }),
        }
    }

    /// The cohort a page address asks to open on: `cohort=<key>` in its query string
    /// (`location.search`, with or without the leading `?`), so a teacher can hand out a
    /// link that opens the teaching cohort. The query names a bundled cohort, never a
    /// patient; anything else (no such parameter, an unknown key) opens [`Self::OPENING`].
    pub fn from_query(search: &str) -> Self {
        query_value(search, "cohort")
            .and_then(Self::from_key)
            .unwrap_or(Self::OPENING)
    }

    /// What the cohort is about: the synthetic cohorts and the lung and breast cancer
    /// cohorts are oncology cohorts; SUPPORT (seriously ill adults, cancer among nine
    /// disease groups) is not, and its grouping is the disease group. Every bundled cohort
    /// follows its patients to death but the external validation, whose endpoint is GBSG's
    /// recurrence-free survival. `has_entity`: whether
    /// the file read has a grouping column.
    pub fn kind(self, has_entity: bool) -> CohortKind {
        let group = |label: &str| has_entity.then(|| label.to_owned());
        match self {
            Self::Teaching | Self::PanCancer => CohortKind::synthetic_cancer(),
            Self::NcctgLung | Self::Rotterdam => CohortKind {
                oncology: true,
                synthetic: false,
                group: group(CANCER_ENTITY),
                endpoint: Endpoint::Death,
            },
            Self::RotterdamToGbsg => CohortKind {
                oncology: true,
                synthetic: false,
                group: group(CANCER_ENTITY),
                endpoint: Endpoint::RelapseOrDeath,
            },
            Self::Support => CohortKind {
                oncology: false,
                synthetic: false,
                group: group("Disease group"),
                endpoint: Endpoint::Death,
            },
        }
    }

    /// Short name for a menu, in English (the command line's and the cohort title's).
    pub fn label(self) -> String {
        self.label_in(Lang::En)
    }

    /// Short name for a menu.
    pub fn label_in(self, lang: Lang) -> String {
        lang.t(self.label_key())
    }

    /// The catalogue key of its short name.
    fn label_key(self) -> &'static str {
        match self {
            Self::Teaching => "source-teaching-label",
            Self::PanCancer => "source-pan-cancer-label",
            Self::NcctgLung => "source-ncctg-lung-label",
            Self::Rotterdam => "source-rotterdam-label",
            Self::Support => "source-support-label",
            Self::RotterdamToGbsg => "source-rotterdam-to-gbsg-label",
        }
    }

    /// One sentence on what the cohort is, its size, outcome and time unit.
    pub fn description(self, lang: Lang) -> String {
        lang.t(match self {
            Self::Teaching => "source-teaching-description",
            Self::PanCancer => "source-pan-cancer-description",
            Self::NcctgLung => "source-ncctg-lung-description",
            Self::Rotterdam => "source-rotterdam-description",
            Self::Support => "source-support-description",
            Self::RotterdamToGbsg => "source-rotterdam-to-gbsg-description",
        })
    }

    /// The file(s) of this cohort: the development cohort, then the external validation
    /// cohort if any; empty for the synthetic cohort.
    pub fn files(self) -> Vec<BundledFile> {
        match self {
            Self::Teaching | Self::PanCancer => Vec::new(),
            Self::NcctgLung => vec![BundledFile {
                file: EmbeddedCsv::NcctgLung,
                // The institution is where a patient was treated, not something about the
                // patient: a model that learns it does not transfer.
                roles: ColumnRoles::new("time", "event")
                    .with_id("pid")
                    .with_markers([
                        "num_age",
                        "fac_sex",
                        "fac_ph_ecog",
                        "num_ph_karno",
                        "num_pat_karno",
                        "num_meal_cal",
                        "num_wt_loss",
                    ])
                    .with_kind("fac_sex", MarkerKind::Categorical)
                    .with_kind("fac_ph_ecog", MarkerKind::Categorical),
                unit: TimeUnit::Days,
            }],
            Self::Rotterdam => vec![BundledFile {
                file: EmbeddedCsv::Rotterdam,
                roles: ColumnRoles::new("time", "event")
                    .with_id("pid")
                    .with_kind("fac_grade", MarkerKind::Categorical),
                unit: TimeUnit::Months,
            }],
            Self::Support => vec![BundledFile {
                file: EmbeddedCsv::Support,
                roles: {
                    let mut roles = ColumnRoles::new("time", "event")
                        .with_id("pid")
                        .with_entity("fac_dzgroup");
                    for c in ["fac_diabetes", "fac_dementia"] {
                        roles = roles.with_kind(c, MarkerKind::Binary);
                    }
                    roles
                },
                unit: TimeUnit::Days,
            }],
            Self::RotterdamToGbsg => {
                let roles = ColumnRoles::new("time", "event")
                    .with_id("pid")
                    .with_kind("size", MarkerKind::Categorical)
                    .with_kind("grade", MarkerKind::Numeric);
                vec![
                    BundledFile {
                        file: EmbeddedCsv::RotterdamHarmonised,
                        roles: roles.clone(),
                        unit: TimeUnit::Months,
                    },
                    BundledFile {
                        file: EmbeddedCsv::GbsgHarmonised,
                        roles,
                        unit: TimeUnit::Months,
                    },
                ]
            }
        }
    }

    /// The job source: the cohort itself. The worker resolves it
    /// ([`BundledCohort::resolve`]), so the page's own code never holds the files.
    pub fn source(self) -> CohortSource {
        match self {
            Self::Teaching => JobSpec::demo().source,
            Self::PanCancer => JobSpec::pan_cancer_default().source,
            other => CohortSource::Bundled(other),
        }
    }

    /// The source with the files' bytes: what the job loads.
    pub fn resolve(self) -> CohortSource {
        let mut files = self.files().into_iter().map(|f| f.source());
        match (files.next(), files.next()) {
            (None, _) => self.source(),
            (Some(only), None) => only,
            (Some(development), Some(validation)) => CohortSource::External {
                development: Box::new(development),
                validation: Box::new(validation),
            },
        }
    }

    /// Gives the markers of this cohort's explained file their display names, units and
    /// modalities ([`BUNDLED_MARKERS`]); markers without an entry keep theirs.
    pub fn describe_markers(self, markers: &mut [MarkerInfo]) {
        let Some(shown) = self.files().last().map(|f| f.file) else {
            return;
        };
        for info in markers {
            if let Some(m) = bundled_marker(shown, &info.id) {
                m.name.clone_into(&mut info.name);
                info.name_de = Some(m.name_de.to_owned());
                m.unit.clone_into(&mut info.unit);
                m.modality.name().clone_into(&mut info.modality);
            }
        }
    }

    /// The job that trains and explains this cohort with the page's settings for small
    /// cohorts.
    pub fn job_spec(self) -> JobSpec {
        match self {
            Self::PanCancer => JobSpec::pan_cancer_default(),
            other => JobSpec {
                source: other.source(),
                ..JobSpec::demo()
            },
        }
    }
}

/// The page's address query (`?cohort=teaching&worker-fault=panic`) without the end-to-end
/// tests' hooks (`worker-fault=`), as a restart loads it: `?cohort=teaching`, or empty.
pub fn without_test_hooks(search: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("worker-fault="))
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// Sizes of the synthetic pan-cancer cohort the page offers: from a class-sized cohort to
/// 250,000 patients, which the worker holds within WebAssembly's 4 GiB (values and
/// relevances, 2 x n x 350 x 4 bytes, and the planted truth; the page's thread holds none
/// of it).
pub const PAGE_PATIENTS: std::ops::RangeInclusive<usize> = 1_000..=250_000;

/// The value of parameter `name` in a query string (`location.search`, with or without its
/// `?`), undecoded: the page's own parameters are plain keys and numbers.
fn query_value<'a>(search: &'a str, name: &str) -> Option<&'a str> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

impl fmt::Display for BundledCohort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// How the page names a bundled file's marker column: display name, unit and modality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BundledMarker {
    /// The file this entry is for, when the column means something else in another one.
    pub file: Option<EmbeddedCsv>,
    /// Column name in the bundled file.
    pub column: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Display name in German.
    pub name_de: &'static str,
    /// Unit of the raw value, empty when unitless.
    pub unit: &'static str,
    /// Modality, as the synthetic cohorts name them.
    pub modality: Modality,
}

const fn marker(
    column: &'static str,
    name: &'static str,
    name_de: &'static str,
    unit: &'static str,
    modality: Modality,
) -> BundledMarker {
    BundledMarker {
        file: None,
        column,
        name,
        name_de,
        unit,
        modality,
    }
}

/// Names (English and German), units and modalities of the bundled files' marker columns,
/// from the R packages' documentation (`survival::lung`, `survival::rotterdam`, `Hmisc` `support2`,
/// `TH.data::GBSG2`) and data/README.md for the harmonised files.
pub const BUNDLED_MARKERS: &[BundledMarker] = {
    use Modality::{ClinicalRecord, Demographics, Laboratory, Treatment, VitalSigns};
    &[
        // NCCTG lung
        marker("num_age", "Age", "Alter", "years", Demographics),
        BundledMarker {
            file: Some(EmbeddedCsv::NcctgLung),
            ..marker(
                "fac_sex",
                "Sex (1 male, 2 female)",
                "Geschlecht (1 männlich, 2 weiblich)",
                "",
                Demographics,
            )
        },
        marker(
            "fac_ph_ecog",
            "ECOG performance status (physician)",
            "ECOG-Leistungsstatus (ärztlich)",
            "",
            VitalSigns,
        ),
        marker(
            "num_ph_karno",
            "Karnofsky score (physician)",
            "Karnofsky-Index (ärztlich)",
            "%",
            VitalSigns,
        ),
        marker(
            "num_pat_karno",
            "Karnofsky score (patient)",
            "Karnofsky-Index (Selbsteinschätzung)",
            "%",
            VitalSigns,
        ),
        marker(
            "num_meal_cal",
            "Calories consumed at meals",
            "Kalorienaufnahme bei Mahlzeiten",
            "kcal",
            VitalSigns,
        ),
        marker(
            "num_wt_loss",
            "Weight loss in the last six months",
            "Gewichtsverlust in den letzten sechs Monaten",
            "lb",
            VitalSigns,
        ),
        // Rotterdam
        marker(
            "fac_meno",
            "Menopausal status",
            "Menopausenstatus",
            "",
            Demographics,
        ),
        marker(
            "fac_tsize",
            "Tumour size",
            "Tumorgröße",
            "mm",
            ClinicalRecord,
        ),
        marker(
            "fac_grade",
            "Tumour grade",
            "Tumorgrading",
            "",
            ClinicalRecord,
        ),
        marker(
            "fac_hormon",
            "Hormonal therapy",
            "Hormontherapie",
            "",
            Treatment,
        ),
        marker("fac_chemo", "Chemotherapy", "Chemotherapie", "", Treatment),
        marker(
            "fac_recent",
            "Period of surgery",
            "Operationszeitraum",
            "",
            ClinicalRecord,
        ),
        marker(
            "num_year",
            "Year of surgery",
            "Operationsjahr",
            "",
            ClinicalRecord,
        ),
        marker(
            "num_nodes",
            "Positive lymph nodes",
            "Befallene Lymphknoten",
            "",
            ClinicalRecord,
        ),
        marker(
            "num_progesterone",
            "Progesterone receptor",
            "Progesteronrezeptor",
            "fmol/l",
            Laboratory,
        ),
        marker(
            "num_estrogen",
            "Estrogen receptor",
            "Östrogenrezeptor",
            "fmol/l",
            Laboratory,
        ),
        // Rotterdam and GBSG, harmonised
        marker("age", "Age", "Alter", "years", Demographics),
        marker(
            "postmenopausal",
            "Postmenopausal",
            "Postmenopausal",
            "",
            Demographics,
        ),
        marker("size", "Tumour size", "Tumorgröße", "mm", ClinicalRecord),
        marker("grade", "Tumour grade", "Tumorgrading", "", ClinicalRecord),
        marker(
            "log_nodes",
            "Positive lymph nodes, log(1 + n)",
            "Befallene Lymphknoten, log(1 + n)",
            "",
            ClinicalRecord,
        ),
        marker(
            "log_progesterone",
            "Progesterone receptor, log(1 + fmol/l)",
            "Progesteronrezeptor, log(1 + fmol/l)",
            "",
            Laboratory,
        ),
        marker(
            "log_estrogen",
            "Estrogen receptor, log(1 + fmol/l)",
            "Östrogenrezeptor, log(1 + fmol/l)",
            "",
            Laboratory,
        ),
        marker(
            "hormone_therapy",
            "Hormonal therapy",
            "Hormontherapie",
            "",
            Treatment,
        ),
        // SUPPORT
        marker(
            "num_num_co",
            "Number of comorbidities",
            "Anzahl der Komorbiditäten",
            "",
            ClinicalRecord,
        ),
        marker(
            "num_edu",
            "Years of education",
            "Ausbildungsjahre",
            "years",
            Demographics,
        ),
        marker(
            "num_scoma",
            "SUPPORT coma score (Glasgow-based)",
            "SUPPORT-Koma-Score (nach Glasgow)",
            "",
            VitalSigns,
        ),
        marker(
            "num_hday",
            "Day in hospital at study entry",
            "Krankenhaustag bei Studieneinschluss",
            "days",
            ClinicalRecord,
        ),
        marker(
            "num_meanbp",
            "Mean arterial blood pressure",
            "Mittlerer arterieller Blutdruck",
            "mmHg",
            VitalSigns,
        ),
        marker(
            "num_wblc",
            "White blood cells",
            "Leukozyten",
            "10^3/ul",
            Laboratory,
        ),
        marker("num_hrt", "Heart rate", "Herzfrequenz", "/min", VitalSigns),
        marker(
            "num_resp",
            "Respiration rate",
            "Atemfrequenz",
            "/min",
            VitalSigns,
        ),
        marker(
            "num_temp",
            "Temperature",
            "Körpertemperatur",
            "C",
            VitalSigns,
        ),
        marker(
            "num_pafi",
            "PaO2/FiO2 ratio",
            "PaO2/FiO2-Quotient",
            "mmHg",
            Laboratory,
        ),
        marker(
            "num_alb",
            "Serum albumin",
            "Serumalbumin",
            "g/dl",
            Laboratory,
        ),
        marker("num_bili", "Bilirubin", "Bilirubin", "mg/dl", Laboratory),
        marker(
            "num_crea",
            "Serum creatinine",
            "Serumkreatinin",
            "mg/dl",
            Laboratory,
        ),
        marker(
            "num_sod",
            "Serum sodium",
            "Serumnatrium",
            "mmol/l",
            Laboratory,
        ),
        marker(
            "num_ph",
            "Arterial blood pH",
            "Arterieller pH-Wert",
            "",
            Laboratory,
        ),
        marker(
            "num_glucose",
            "Serum glucose",
            "Serumglukose",
            "mg/dl",
            Laboratory,
        ),
        marker(
            "num_bun",
            "Blood urea nitrogen",
            "Harnstoff-Stickstoff (BUN)",
            "mg/dl",
            Laboratory,
        ),
        marker(
            "num_urine",
            "Urine output",
            "Urinausscheidung",
            "ml/day",
            Laboratory,
        ),
        marker(
            "num_adlp",
            "Activities of daily living (patient)",
            "Aktivitäten des täglichen Lebens (Selbstauskunft)",
            "",
            VitalSigns,
        ),
        marker(
            "num_adls",
            "Activities of daily living (surrogate)",
            "Aktivitäten des täglichen Lebens (Angehörige)",
            "",
            VitalSigns,
        ),
        marker("fac_sex", "Sex", "Geschlecht", "", Demographics),
        marker(
            "fac_race",
            "Race",
            "Ethnische Zugehörigkeit",
            "",
            Demographics,
        ),
        marker("fac_diabetes", "Diabetes", "Diabetes", "", ClinicalRecord),
        marker("fac_dementia", "Dementia", "Demenz", "", ClinicalRecord),
        marker(
            "fac_ca",
            "Cancer (no, yes, metastatic)",
            "Krebserkrankung (nein, ja, metastasiert)",
            "",
            ClinicalRecord,
        ),
        marker("fac_income", "Income", "Einkommen", "", Demographics),
    ]
};

/// The display name, unit and modality of a marker column of a bundled file.
pub fn bundled_marker(file: EmbeddedCsv, column: &str) -> Option<&'static BundledMarker> {
    let mut candidates = BUNDLED_MARKERS
        .iter()
        .filter(|m| m.column == column && m.file.is_none_or(|f| f == file));
    let first = candidates.next()?;
    // An entry for this very file wins over a general one.
    Some(candidates.find(|m| m.file.is_some()).unwrap_or(first))
}

/// What the sample of one column looks like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnSample {
    /// Header name.
    pub name: String,
    /// The kind the import would infer from the sample (`None`: no value in the sample).
    pub inferred: Option<MarkerKind>,
    /// Up to three distinct present values, for the form to show.
    pub examples: Vec<String>,
    /// Missing cells in the sample.
    pub missing: usize,
}

/// A file the user opened, read far enough to map its columns.
#[derive(Clone, Debug)]
pub struct FileDraft {
    /// File name, as messages name it.
    pub file_name: String,
    /// The whole file; it never leaves the tab.
    pub bytes: Rc<[u8]>,
    /// Header and the first [`SAMPLE_ROWS`] rows.
    pub preview: Preview,
    /// Every header column's sample.
    pub columns: Vec<ColumnSample>,
    /// What the detection proposed.
    pub detected: RoleGuess,
}

impl PartialEq for FileDraft {
    /// Two drafts are equal when they read the same bytes in memory: a re-render never
    /// compares megabytes of file content.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.bytes, &other.bytes)
            && self.file_name == other.file_name
            && self.preview == other.preview
    }
}

impl FileDraft {
    /// Reads the header and the first [`SAMPLE_ROWS`] rows of `bytes` and detects the
    /// roles. The full file is checked later, by the import.
    ///
    /// # Errors
    /// The problems that keep even the first rows from being read (empty file, not CSV,
    /// too many columns), each with its row and column.
    pub fn read(file_name: &str, bytes: Vec<u8>) -> Result<Self, ProblemList> {
        let preview =
            survlens_data::preview(&bytes, file_name, &ImportOptions::default(), SAMPLE_ROWS)
                .map_err(|r| ProblemList::from_report(&r))?;
        let detected = preview.guess_roles();
        let columns = samples(&preview, &MissingCodes::none());
        Ok(Self {
            file_name: file_name.to_owned(),
            bytes: bytes.into(),
            preview,
            columns,
            detected,
        })
    }

    /// The first rows for the preview table (at most [`PREVIEW_TABLE_ROWS`]).
    pub fn table_rows(&self) -> &[Vec<String>] {
        let n = self.preview.rows.len().min(PREVIEW_TABLE_ROWS);
        &self.preview.rows[..n]
    }

    /// File size in bytes.
    pub fn size(&self) -> usize {
        self.bytes.len()
    }

    /// The header's column names.
    pub fn header(&self) -> &[String] {
        &self.preview.header
    }

    /// Every header column's sample with `codes` read as missing besides the built-in
    /// ones (what [`FileDraft::columns`] holds with none added).
    pub fn samples(&self, codes: &MissingCodes) -> Vec<ColumnSample> {
        if codes.is_empty() {
            self.columns.clone()
        } else {
            samples(&self.preview, codes)
        }
    }
}

fn samples(preview: &Preview, codes: &MissingCodes) -> Vec<ColumnSample> {
    preview
        .header
        .iter()
        .enumerate()
        .map(|(c, name)| sample_column(preview, c, name, codes))
        .collect()
}

/// The kind the import infers for a marker column (see `survlens_data::import`), from the
/// sample's present values.
fn sample_column(preview: &Preview, c: usize, name: &str, codes: &MissingCodes) -> ColumnSample {
    let comma = preview.dialect.decimal_comma;
    let mut present = Vec::new();
    let mut missing = 0;
    for row in &preview.rows {
        match row.get(c).map(|s| cell::trim(s)) {
            Some(s) if !codes.is_missing(s, comma) => present.push(s),
            _ => missing += 1,
        }
    }
    let numbers: Vec<Option<f64>> = present
        .iter()
        .map(|s| match cell::parse_f64(s, comma) {
            Number::Finite(v) => Some(v),
            _ => None,
        })
        .collect();
    let n_numbers = numbers.iter().flatten().count();
    let inferred = if present.is_empty() {
        None
    } else if numbers
        .iter()
        .all(|v| matches!(v, Some(x) if *x == 0.0 || *x == 1.0))
    {
        Some(MarkerKind::Binary)
    } else if n_numbers * 2 >= present.len() {
        // Mostly numbers: the import reads a number column and reports the odd cells.
        Some(MarkerKind::Numeric)
    } else {
        Some(MarkerKind::Categorical)
    };
    let mut seen = BTreeSet::new();
    let examples = present
        .iter()
        .filter(|s| seen.insert(**s))
        .take(3)
        .map(|s| (*s).to_owned())
        .collect();
    ColumnSample {
        name: name.to_owned(),
        inferred,
        examples,
        missing,
    }
}

/// One marker column in the mapping form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkerChoice {
    /// Header name.
    pub column: String,
    /// Whether the model uses it.
    pub include: bool,
    /// Fixed kind; `None` lets the import infer it.
    pub kind: Option<MarkerKind>,
    /// How the page names the marker (prefilled: the dictionary's name where the column is
    /// a dictionary marker, else the column name); saved with a model trained on the file.
    pub label: String,
    /// The marker's unit (prefilled from the dictionary; empty when unknown or unitless).
    pub unit: String,
}

/// The label and unit a column starts with in the mapping step: the marker dictionary's
/// name and unit when the column is one of its markers (by id or code), else the column's
/// own name and no unit.
pub fn default_label(
    dictionary: Option<&survlens_synth::Dictionary>,
    column: &str,
) -> (String, String) {
    match dictionary.and_then(|d| d.lookup_column(column)) {
        Some(spec) => (
            spec.name.to_owned(),
            // The dictionary writes `1` for a count or a score without a unit.
            if spec.unit == "1" {
                String::new()
            } else {
                spec.unit.to_owned()
            },
        ),
        None => (column.trim().to_owned(), String::new()),
    }
}

/// A part of the mapping form, to place a message next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The survival time column.
    Time,
    /// The event column.
    Event,
    /// The patient id column.
    Id,
    /// The cancer entity column.
    Entity,
    /// The time unit.
    Unit,
    /// The marker list.
    Markers,
    /// The codes the file writes for a missing value, besides the built-in ones.
    MissingCodes,
}

/// How much an issue matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth a look; the import will list each offending cell if it is a real problem.
    Warning,
    /// The mapping cannot be used as it is.
    Error,
}

/// A message about the mapping, attached to one part of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MappingIssue {
    /// Where the message belongs.
    pub field: Field,
    /// Whether it blocks training.
    pub severity: Severity,
    /// Plain English, shown as is.
    pub message: String,
}

impl MappingIssue {
    fn error(field: Field, message: String) -> Self {
        Self {
            field,
            severity: Severity::Error,
            message,
        }
    }

    fn warning(field: Field, message: String) -> Self {
        Self {
            field,
            severity: Severity::Warning,
            message,
        }
    }
}

/// Why a column named like the survival time or the event was not taken for it, with its
/// counts of offending cells and the first of them: "Column `time` was not taken as the
/// survival time: 1 negative value in the first 50 rows (row 17: -3). Fix it or choose the
/// time column yourself."
fn refused_message(refused: &RefusedColumn, lang: Lang) -> String {
    let counts: Vec<String> = refused
        .counts
        .iter()
        .map(|&(kind, n)| {
            let key = match kind {
                BadValue::Negative => "problem-map-count-negative",
                BadValue::Zero => "problem-map-count-zero",
                BadValue::NotANumber => "problem-map-count-not-number",
                BadValue::NotZeroOrOne => "problem-map-count-not-zero-one",
            };
            lang.t_with(key, &[("n", Arg::Count(n as u64))])
        })
        .collect();
    let cells: Vec<String> = refused
        .first
        .iter()
        .map(|c| {
            lang.t_with(
                "problem-map-cell",
                &[
                    ("row", Arg::Count(c.row)),
                    ("value", Arg::Text(&shown_cell(&c.value))),
                ],
            )
        })
        .collect();
    let more = if refused.total() > refused.first.len() {
        ", ..."
    } else {
        ""
    };
    let key = match refused.role {
        Role::Event => "problem-map-refused-event",
        _ => "problem-map-refused-time",
    };
    lang.t_with(
        key,
        &[
            ("column", Arg::Text(&refused.column)),
            ("counts", Arg::Text(&join_and(&counts, lang))),
            ("rows", Arg::Count(refused.rows_read as u64)),
            ("cells", Arg::Text(&format!("{}{more}", cells.join("; ")))),
        ],
    )
}

/// "a", "a and b", "a, b and c" in `lang`.
fn join_and(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => lang.t_with(
            "problem-map-and",
            &[
                ("first", Arg::Text(&init.join(", "))),
                ("last", Arg::Text(last)),
            ],
        ),
    }
}

/// The column-mapping form's values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// Survival time column.
    pub time: Option<String>,
    /// Event column (1 = event, 0 = censored).
    pub event: Option<String>,
    /// Patient id column; `None` numbers patients by spreadsheet row.
    pub id: Option<String>,
    /// Cancer entity column, if any.
    pub entity: Option<String>,
    /// Unit of the time column.
    pub unit: TimeUnit,
    /// Every header column with a name, in file order, whether a marker or not; columns
    /// chosen for a role are not markers whatever their entry says.
    pub markers: Vec<MarkerChoice>,
    /// Codes the file writes for a missing value besides the built-in ones, as typed
    /// (comma or semicolon separated, e.g. `unknown, none, 99`); empty for none.
    pub missing_codes: String,
}

impl Mapping {
    /// The form as detection fills it: detected roles, the unit the time column's name
    /// suggests, every other named column a marker, `fac_*`/`cat_*` columns categorical.
    pub fn detected(draft: &FileDraft) -> Self {
        let guess = &draft.detected;
        let dictionary =
            survlens_synth::Dictionary::for_preset(survlens_synth::Preset::PanCancer).ok();
        Self {
            unit: guess
                .time
                .as_deref()
                .map_or(TimeUnit::Days, TimeUnit::guess),
            time: guess.time.clone(),
            event: guess.event.clone(),
            id: guess.id.clone(),
            entity: guess.entity.clone(),
            markers: draft
                .header()
                .iter()
                .filter(|h| !h.is_empty())
                .map(|h| {
                    let (label, unit) = default_label(dictionary.as_ref(), h);
                    MarkerChoice {
                        column: h.clone(),
                        include: true,
                        kind: guess.kinds.get(h).copied(),
                        label,
                        unit,
                    }
                })
                .collect(),
            missing_codes: String::new(),
        }
    }

    /// The added missing-value codes, or why the typed text cannot be used.
    pub fn codes(&self, lang: Lang) -> Result<MissingCodes, MappingIssue> {
        MissingCodes::parse_list(&self.missing_codes).map_err(|e| {
            let message = match &e {
                DataError::InvalidMissingCode { code, reason } => {
                    let key = match reason {
                        CodeRefusal::TooLong => "problem-map-code-too-long",
                        CodeRefusal::Unprintable => "problem-map-code-unprintable",
                        CodeRefusal::TooMany => "problem-map-code-too-many",
                        CodeRefusal::NotFinite => "problem-map-code-not-finite",
                    };
                    lang.t_with(key, &[("code", Arg::Text(code))])
                }
                other => format!("{}.", capitalise(&other.to_string())),
            };
            MappingIssue::error(Field::MissingCodes, message)
        })
    }

    /// Every column's sample as the import will read it, with the added codes (the built-in
    /// ones only while the typed codes are invalid).
    pub fn samples(&self, draft: &FileDraft) -> Vec<ColumnSample> {
        draft.samples(&self.codes(Lang::En).unwrap_or_default())
    }

    /// Whether neither time nor event is chosen: a file of patients without an outcome,
    /// which a stored model can explain but nothing can be trained on.
    pub fn without_outcome(&self) -> bool {
        self.time.is_none() && self.event.is_none()
    }

    /// Whether the mapping can train: no error and both outcome columns chosen.
    pub fn can_train(&self, draft: &FileDraft) -> bool {
        self.is_ready(draft) && !self.without_outcome()
    }

    /// The column chosen for `field`, if `field` is a column role.
    pub fn role(&self, field: Field) -> Option<&str> {
        match field {
            Field::Time => self.time.as_deref(),
            Field::Event => self.event.as_deref(),
            Field::Id => self.id.as_deref(),
            Field::Entity => self.entity.as_deref(),
            Field::Unit | Field::Markers | Field::MissingCodes => None,
        }
    }

    /// Sets the column of a role (`None` or an empty name clears it). Other fields are
    /// ignored.
    pub fn set_role(&mut self, field: Field, column: Option<String>) {
        let column = column.filter(|c| !c.is_empty());
        match field {
            Field::Time => {
                // A newly chosen time column suggests its unit; the user can still change it.
                if let Some(c) = &column
                    && self.time.as_ref() != Some(c)
                {
                    self.unit = TimeUnit::guess(c);
                }
                self.time = column;
            }
            Field::Event => self.event = column,
            Field::Id => self.id = column,
            Field::Entity => self.entity = column,
            Field::Unit | Field::Markers | Field::MissingCodes => {}
        }
    }

    /// The column named like the survival time or event whose sample values kept it from
    /// that role, while the role is still empty and the column still a marker: the form says
    /// why, at the role and at the marker.
    pub fn refused<'d>(&self, draft: &'d FileDraft) -> impl Iterator<Item = &'d RefusedColumn> {
        let open = |role: Role| match role {
            Role::Time => self.time.is_none(),
            Role::Event => self.event.is_none(),
            _ => false,
        };
        let time = self.time.clone();
        let event = self.event.clone();
        let (id, entity) = (self.id.clone(), self.entity.clone());
        let taken = move |c: &str| {
            [&time, &event, &id, &entity]
                .iter()
                .any(|r| r.as_deref() == Some(c))
        };
        let open: Vec<Role> = [Role::Time, Role::Event]
            .into_iter()
            .filter(|&r| open(r))
            .collect();
        draft
            .detected
            .refused
            .iter()
            .filter(move |r| open.contains(&r.role) && !taken(&r.column))
    }

    /// The refused column of the role `field` ([`Field::Time`] or [`Field::Event`]), as
    /// [`Mapping::refused`] lists it.
    pub fn refused_for<'d>(&self, draft: &'d FileDraft, field: Field) -> Option<&'d RefusedColumn> {
        let role = match field {
            Field::Time => Role::Time,
            Field::Event => Role::Event,
            _ => return None,
        };
        self.refused(draft).find(|r| r.role == role)
    }

    /// The note the marker list shows beside `column` when it was named like a survival
    /// time or event but not taken: "Not taken as the survival time: see above."
    pub fn marker_note(&self, draft: &FileDraft, column: &str, lang: Lang) -> Option<String> {
        self.refused(draft)
            .find(|r| r.column == column)
            .map(|r| match r.role {
                Role::Event => lang.t("problem-map-marker-note-event"),
                _ => lang.t("problem-map-marker-note-time"),
            })
    }

    /// Whether `column` is taken by the time, event, id or entity role.
    pub fn has_role(&self, column: &str) -> bool {
        [&self.time, &self.event, &self.id, &self.entity]
            .iter()
            .any(|r| r.as_deref() == Some(column))
    }

    /// The marker entries of columns not taken by a role, in file order.
    pub fn marker_columns(&self) -> impl Iterator<Item = &MarkerChoice> {
        self.markers.iter().filter(|m| !self.has_role(&m.column))
    }

    /// Includes or leaves out the marker `column`.
    pub fn set_included(&mut self, column: &str, include: bool) {
        if let Some(m) = self.markers.iter_mut().find(|m| m.column == column) {
            m.include = include;
        }
    }

    /// Sets the label of the marker `column` (an empty label falls back to the dictionary's
    /// name or the column name).
    pub fn set_label(&mut self, column: &str, label: &str) {
        if let Some(m) = self.markers.iter_mut().find(|m| m.column == column) {
            label.clone_into(&mut m.label);
        }
    }

    /// Sets the unit of the marker `column`.
    pub fn set_unit(&mut self, column: &str, unit: &str) {
        if let Some(m) = self.markers.iter_mut().find(|m| m.column == column) {
            unit.clone_into(&mut m.unit);
        }
    }

    /// The labels and units of the markers used, for the job.
    pub fn labels(&self) -> Vec<survlens_model::bundle::MarkerLabel> {
        self.marker_columns()
            .filter(|m| m.include)
            .map(|m| survlens_model::bundle::MarkerLabel {
                marker: m.column.clone(),
                label: m.label.trim().to_owned(),
                unit: m.unit.trim().to_owned(),
            })
            .collect()
    }

    /// Fixes (or with `None`, frees) the kind of the marker `column`.
    pub fn set_kind(&mut self, column: &str, kind: Option<MarkerKind>) {
        if let Some(m) = self.markers.iter_mut().find(|m| m.column == column) {
            m.kind = kind;
        }
    }

    /// Every problem of the mapping for `draft`, in form order: errors block training,
    /// warnings point at sample values the import will refuse.
    pub fn issues(&self, draft: &FileDraft, lang: Lang) -> Vec<MappingIssue> {
        let mut issues = Vec::new();
        let header: BTreeSet<&str> = draft.header().iter().map(String::as_str).collect();
        // Each role with the name the messages select its words by.
        let roles = [
            (Field::Time, "survival-time", self.time.as_deref()),
            (Field::Event, "event", self.event.as_deref()),
            (Field::Id, "patient-id", self.id.as_deref()),
            (Field::Entity, "entity", self.entity.as_deref()),
        ];
        let codes = match self.codes(lang) {
            Ok(codes) => codes,
            Err(issue) => {
                issues.push(issue);
                MissingCodes::none()
            }
        };
        let comma = draft.preview.dialect.decimal_comma;
        let samples = self.samples(draft);
        let sample = |name: &str| samples.iter().find(|c| c.name == name);
        let values = |name: &str| sample_values(draft, name, &codes);
        // A role left empty by a column named for it says why first, so that the column
        // is never among the markers without a word.
        for refused in self.refused(draft) {
            let field = if refused.role == Role::Event {
                Field::Event
            } else {
                Field::Time
            };
            issues.push(MappingIssue::warning(field, refused_message(refused, lang)));
        }
        match (&self.time, &self.event) {
            (None, None) => issues.push(MappingIssue::warning(
                Field::Time,
                lang.t("problem-map-no-outcome"),
            )),
            (None, Some(_)) => issues.push(MappingIssue::error(
                Field::Time,
                lang.t("problem-map-choose-time"),
            )),
            (Some(_), None) => issues.push(MappingIssue::error(
                Field::Event,
                lang.t("problem-map-choose-event"),
            )),
            (Some(_), Some(_)) => {}
        }
        for (field, name, column) in roles {
            if let Some(c) = column
                && !header.contains(c)
            {
                issues.push(MappingIssue::error(
                    field,
                    lang.t_with(
                        "problem-map-no-column",
                        &[("column", Arg::Text(c)), ("role", Arg::Text(name))],
                    ),
                ));
            }
        }
        // One column, one role: a column that is both time and event (a common slip when
        // a form pre-selects the first column twice) would train on nonsense.
        for (i, (field, name, column)) in roles.iter().enumerate() {
            let Some(c) = column else { continue };
            if let Some((_, first, _)) = roles[..i].iter().find(|(_, _, other)| other == column) {
                issues.push(MappingIssue::error(
                    *field,
                    lang.t_with(
                        "problem-map-column-twice",
                        &[
                            ("column", Arg::Text(c)),
                            ("first", Arg::Text(first)),
                            ("role", Arg::Text(name)),
                        ],
                    ),
                ));
            }
        }
        if let Some(c) = self.time.as_deref()
            && let Some(sample) = sample(c)
        {
            let bad = values(c)
                .filter(|v| !matches!(cell::parse_f64(v, comma), Number::Finite(t) if t > 0.0))
                .collect::<Vec<_>>();
            if let Some(first) = bad.first() {
                issues.push(MappingIssue::warning(
                    Field::Time,
                    lang.t_with(
                        "problem-map-not-times",
                        &[("column", Arg::Text(c)), ("value", Arg::Text(first))],
                    ),
                ));
            }
            if sample.missing > 0 {
                issues.push(MappingIssue::warning(
                    Field::Time,
                    lang.t_with(
                        "problem-map-time-missing",
                        &[
                            ("column", Arg::Text(c)),
                            ("missing", Arg::Count(sample.missing as u64)),
                            ("rows", Arg::Count(draft.preview.rows.len() as u64)),
                        ],
                    ),
                ));
            }
        }
        if let Some(c) = self.event.as_deref()
            && sample(c).is_some()
        {
            let bad: Vec<&str> = values(c)
                .filter(|v| cell::parse_event(v).is_none())
                .collect();
            if let Some(first) = bad.first() {
                issues.push(MappingIssue::warning(
                    Field::Event,
                    lang.t_with(
                        "problem-map-not-events",
                        &[("column", Arg::Text(c)), ("value", Arg::Text(first))],
                    ),
                ));
            }
        }
        if let Some(c) = self.id.as_deref()
            && sample(c).is_some()
        {
            let mut seen = BTreeSet::new();
            if let Some(dup) = values(c).find(|v| !seen.insert(*v)) {
                issues.push(MappingIssue::warning(
                    Field::Id,
                    lang.t_with(
                        "problem-map-duplicate-id",
                        &[("id", Arg::Text(dup)), ("column", Arg::Text(c))],
                    ),
                ));
            }
        }
        if let Some(c) = self.entity.as_deref()
            && let Some(sample) = sample(c)
            && sample.examples.len() < 2
            && draft.preview.rows.len() >= SAMPLE_ROWS
        {
            issues.push(MappingIssue::warning(
                Field::Entity,
                lang.t_with(
                    "problem-map-single-entity",
                    &[
                        ("column", Arg::Text(c)),
                        ("rows", Arg::Count(draft.preview.rows.len() as u64)),
                    ],
                ),
            ));
        }
        let markers: Vec<&MarkerChoice> = self.marker_columns().filter(|m| m.include).collect();
        if markers.is_empty() {
            issues.push(MappingIssue::error(
                Field::Markers,
                lang.t("problem-map-no-markers"),
            ));
        }
        for m in &markers {
            if m.kind == Some(MarkerKind::Binary)
                && let Some(v) = values(&m.column).find(|v| {
                    !matches!(cell::parse_f64(v, comma), Number::Finite(x) if x == 0.0 || x == 1.0)
                })
            {
                issues.push(MappingIssue::warning(
                    Field::Markers,
                    lang.t_with(
                        "problem-map-not-binary",
                        &[("column", Arg::Text(&m.column)), ("value", Arg::Text(v))],
                    ),
                ));
            }
        }
        issues
    }

    /// Whether [`Mapping::issues`] has no error.
    pub fn is_ready(&self, draft: &FileDraft) -> bool {
        self.issues(draft, Lang::En)
            .iter()
            .all(|i| i.severity < Severity::Error)
    }

    /// The column roles this mapping gives the import; without time and event (a file of
    /// patients without an outcome) their names are empty, which the import reads as "no
    /// such column" where outcomes are optional.
    ///
    /// # Errors
    /// The mapping's errors, e.g. only one of time and event chosen, a column with two
    /// roles, or added codes that cannot be codes, in English (the form shows them in the
    /// page's language from [`Mapping::issues`]).
    pub fn roles(&self, draft: &FileDraft) -> Result<ColumnRoles, Vec<MappingIssue>> {
        let errors: Vec<MappingIssue> = self
            .issues(draft, Lang::En)
            .into_iter()
            .filter(|i| i.severity == Severity::Error)
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        let time = self.time.clone().unwrap_or_default();
        let event = self.event.clone().unwrap_or_default();
        let markers: Vec<&MarkerChoice> = self.marker_columns().filter(|m| m.include).collect();
        let kinds: BTreeMap<String, MarkerKind> = markers
            .iter()
            .filter_map(|m| Some((m.column.clone(), m.kind?)))
            .collect();
        Ok(ColumnRoles {
            id: self.id.clone(),
            time,
            event,
            entity: self.entity.clone(),
            markers: Some(markers.iter().map(|m| m.column.clone()).collect()),
            kinds,
        })
    }

    /// The job that imports `draft` with this mapping, trains and explains, with the
    /// page's settings for small cohorts.
    ///
    /// # Errors
    /// The mapping's errors (see [`Mapping::roles`]), or that training needs the time and
    /// event columns when neither is chosen.
    pub fn job_spec(&self, draft: &FileDraft) -> Result<JobSpec, Vec<MappingIssue>> {
        if self.without_outcome() {
            return Err(vec![MappingIssue::error(
                Field::Time,
                Lang::En.t("problem-map-training-needs-outcome"),
            )]);
        }
        Ok(JobSpec {
            source: self.source(draft)?,
            ..JobSpec::demo()
        })
    }

    /// The cohort `draft` is read as with this mapping, for a stored model to explain:
    /// time and event are optional (both or neither).
    ///
    /// # Errors
    /// The mapping's errors (see [`Mapping::roles`]).
    pub fn source(&self, draft: &FileDraft) -> Result<CohortSource, Vec<MappingIssue>> {
        let roles = self.roles(draft)?;
        let missing_codes = self.codes(Lang::En).map_err(|issue| vec![issue])?;
        Ok(CohortSource::Csv {
            file_name: draft.file_name.clone(),
            bytes: draft.bytes.to_vec(),
            roles,
            days_per_time_unit: self.unit.days(),
            missing_codes,
            labels: self.labels(),
        })
    }
}

/// `text` with its first letter in upper case.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// The present sample values of column `name` (with `codes` read as missing).
fn sample_values<'a>(
    draft: &'a FileDraft,
    name: &str,
    codes: &'a MissingCodes,
) -> impl Iterator<Item = &'a str> + use<'a> {
    let c = draft.header().iter().position(|h| h == name);
    let comma = draft.preview.dialect.decimal_comma;
    draft
        .preview
        .rows
        .iter()
        .filter_map(move |row| row.get(c?).map(|s| cell::trim(s)))
        .filter(move |s| !codes.is_missing(s, comma))
}

/// One problem of an import, located for a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// 1-based spreadsheet row (the header is row 1), when the problem is in one row.
    pub row: Option<u64>,
    /// Column name, when the problem is about one column.
    pub column: Option<String>,
    /// Stable kind of problem (`"bad_event"`, `"ragged_row"`, ...).
    pub code: String,
    /// What is wrong and what to do, without the file, row and column already given.
    pub message: String,
}

/// Every problem of an import, as the page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemList {
    /// File name.
    pub file: String,
    /// Problems in file order (the importer keeps the first 100).
    pub problems: Vec<ImportProblem>,
    /// Problems found beyond those kept.
    pub omitted: usize,
}

impl ProblemList {
    /// The located problems of `report`, the cells' most frequent problems worded in
    /// `lang` ([`cell_problem_in`]; the others in English, as the importer words them).
    pub fn from_report_in(report: &ImportReport, lang: Lang) -> Self {
        let mut list = Self::from_report(report);
        if lang != Lang::En {
            for (shown, problem) in list.problems.iter_mut().zip(&report.problems) {
                if let Some(message) = cell_problem_in(problem, lang) {
                    shown.message = message;
                }
            }
        }
        list
    }

    /// The located problems of `report`.
    pub fn from_report(report: &ImportReport) -> Self {
        let problems = report
            .problems
            .iter()
            .map(|p| {
                let text = p.to_string();
                let (column, message) = match p.cell() {
                    Some(at) => {
                        let prefix = format!("{at}: ");
                        let message = text.strip_prefix(&prefix).unwrap_or(&text).to_owned();
                        (Some(at.column.clone()), message)
                    }
                    None => {
                        // Row-level and file-level messages start with where they are.
                        let located = p.row().map(|row| format!("{}, row {row}: ", report.file));
                        let message = located
                            .and_then(|prefix| text.strip_prefix(&prefix))
                            .or_else(|| text.strip_prefix(&format!("{}: ", report.file)))
                            .unwrap_or(&text)
                            .to_owned();
                        (problem_column(p), message)
                    }
                };
                ImportProblem {
                    row: p.row(),
                    column,
                    code: p.code().to_owned(),
                    message,
                }
            })
            .collect();
        Self {
            file: report.file.clone(),
            problems,
            omitted: report.omitted,
        }
    }

    /// Total number of problems found, listed or not.
    pub fn total(&self) -> usize {
        self.problems.len() + self.omitted
    }

    /// The problems the table shows (at most [`SHOWN_PROBLEMS`]).
    pub fn shown(&self) -> &[ImportProblem] {
        &self.problems[..self.problems.len().min(SHOWN_PROBLEMS)]
    }

    /// How many problems the table does not show.
    pub fn not_shown(&self) -> usize {
        self.total() - self.shown().len()
    }

    /// One line for a heading: `"clinic.csv: 3 problems; nothing was imported."`.
    pub fn summary(&self) -> String {
        let n = self.total();
        format!(
            "{}: {n} problem{}; nothing was imported.",
            self.file,
            if n == 1 { "" } else { "s" }
        )
    }
}

/// The column a problem without a single cell is about, when it names one.
fn problem_column(p: &DataError) -> Option<String> {
    use survlens_data::DataError as E;
    match p {
        E::DuplicateColumn { column, .. }
        | E::MissingColumn { column, .. }
        | E::RoleConflict { column, .. }
        | E::TooManyLevels { column, .. }
        | E::LengthMismatch { column, .. }
        | E::InvalidValue { column, .. } => Some(column.clone()),
        _ => None,
    }
}

/// The sentence of a cell's problem without its place (the table gives the row and the
/// column) in `lang`, for the problems a file's cells most often have: a missing required
/// value, text where a number or an event belongs, a time that is not positive, a value
/// that is not finite or too large, a repeated patient id. `None` for any other problem.
pub fn cell_problem_in(problem: &DataError, lang: Lang) -> Option<String> {
    use survlens_data::error::NumberHint;
    let role = |role: &Role| {
        lang.t(match role {
            Role::Id => "problem-role-id",
            Role::Time => "problem-role-time",
            Role::Event => "problem-role-event",
            Role::Entity => "problem-role-entity",
            Role::Marker => "problem-role-marker",
        })
    };
    let expected = |e: Expected| {
        lang.t(match e {
            Expected::PositiveTime => "problem-expected-time",
            Expected::Number => "problem-expected-number",
            Expected::ZeroOrOne => "problem-expected-zero-or-one",
        })
    };
    Some(match problem {
        DataError::MissingValue { role: r, text, .. } if text.trim().is_empty() => {
            lang.t_with("problem-missing-value", &[("role", Arg::Text(&role(r)))])
        }
        DataError::MissingValue { role: r, text, .. } => lang.t_with(
            "problem-missing-value-found",
            &[("role", Arg::Text(&role(r))), ("text", Arg::Text(text))],
        ),
        DataError::NotNumber {
            text, expected: e, ..
        } => {
            let sentence = lang.t_with(
                "problem-not-number",
                &[
                    ("expected", Arg::Text(&expected(*e))),
                    ("text", Arg::Text(text)),
                ],
            );
            match NumberHint::of(text, *e) {
                Some(hint) => {
                    let hint = lang.t(match hint {
                        NumberHint::ThousandsSeparator => "problem-hint-thousands",
                        NumberHint::DecimalComma => "problem-hint-decimal-comma",
                        NumberHint::Bound => "problem-hint-bound",
                        NumberHint::MissingCode => "problem-hint-missing-code",
                        NumberHint::Categories => "problem-hint-categories",
                    });
                    format!("{sentence}; {hint}")
                }
                None => sentence,
            }
        }
        DataError::NonPositiveTime { text, .. } => lang.t_with(
            "problem-not-number",
            &[
                ("expected", Arg::Text(&expected(Expected::PositiveTime))),
                ("text", Arg::Text(text)),
            ],
        ),
        DataError::NonFinite { text, .. } => {
            lang.t_with("problem-not-finite", &[("text", Arg::Text(text))])
        }
        DataError::NumberTooLarge { text, .. } => {
            lang.t_with("problem-too-large", &[("text", Arg::Text(text))])
        }
        DataError::BadEvent { text, .. } => {
            let sentence = lang.t_with("problem-bad-event", &[("text", Arg::Text(text))]);
            if survlens_data::error::event_coded_as_two(text) {
                format!("{sentence}; {}", lang.t("problem-hint-event-two"))
            } else {
                sentence
            }
        }
        DataError::DuplicateId { id, first_row, .. } => lang.t_with(
            "problem-duplicate-id",
            &[("id", Arg::Text(id)), ("row", Arg::Count(*first_row))],
        ),
        _ => return None,
    })
}
