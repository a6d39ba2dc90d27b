//! The marker dictionary: stable ids, display names, modality, unit, reference range and codes.

use serde::Serialize;

/// The source a marker comes from, as in the study's multimodal design.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Age, sex and other facts about the person.
    Demographics,
    /// Vital signs and clinical examination (BMI, weight loss, ECOG performance status).
    VitalSigns,
    /// Blood tests: blood count, chemistry, inflammation, tumour markers.
    Laboratory,
    /// Coded history: comorbidities (ICD-10), metastatic sites, stage, prior therapies.
    ClinicalRecord,
    /// Systemic and local treatments started at baseline.
    Treatment,
    /// Body composition measured on the baseline CT (muscle and fat areas, attenuation).
    BodyComposition,
    /// Somatic tumour mutations from a sequencing panel.
    Mutation,
}

impl Modality {
    /// Every modality, in display order.
    pub const ALL: [Modality; 7] = [
        Modality::Demographics,
        Modality::VitalSigns,
        Modality::Laboratory,
        Modality::ClinicalRecord,
        Modality::Treatment,
        Modality::BodyComposition,
        Modality::Mutation,
    ];

    /// English display name.
    pub fn name(self) -> &'static str {
        match self {
            Modality::Demographics => "Demographics",
            Modality::VitalSigns => "Vital signs and examination",
            Modality::Laboratory => "Laboratory",
            Modality::ClinicalRecord => "Clinical records",
            Modality::Treatment => "Treatment",
            Modality::BodyComposition => "CT body composition",
            Modality::Mutation => "Tumour mutations",
        }
    }
}

/// How a marker's value is encoded in [`crate::SyntheticCohort::values`] and the CSV.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum MarkerKind {
    /// A measured quantity in [`MarkerSpec::unit`].
    Numeric,
    /// Absent or present, stored as `0.0` or `1.0`.
    Binary,
    /// One of `levels`, stored as the level's index `0.0, 1.0, ...`; `ordered` levels are
    /// listed from lowest to highest (ECOG 0 first, UICC stage I first).
    Categorical {
        /// Level names, index = stored code.
        levels: &'static [&'static str],
        /// Whether the levels have a natural order.
        ordered: bool,
    },
}

/// A standard terminology code for a marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "system", content = "code")]
pub enum Code {
    /// LOINC code of a laboratory test or observation.
    Loinc(&'static str),
    /// ICD-10 (WHO / ICD-10-GM) code of a diagnosis.
    Icd10(&'static str),
    /// HGNC-approved gene symbol.
    Hgnc(&'static str),
    /// WHO ATC codes of the drugs a treatment marker stands for, comma separated; a code
    /// shorter than seven characters is a group (`L01FF`: every PD-1/PD-L1 inhibitor).
    Atc(&'static str),
}

impl Code {
    /// The code itself, without its system.
    pub fn value(self) -> &'static str {
        match self {
            Code::Loinc(code) | Code::Icd10(code) | Code::Hgnc(code) | Code::Atc(code) => code,
        }
    }

    /// Name of the code system.
    pub fn system(self) -> &'static str {
        match self {
            Code::Loinc(_) => "LOINC",
            Code::Icd10(_) => "ICD-10",
            Code::Hgnc(_) => "HGNC",
            Code::Atc(_) => "ATC",
        }
    }
}

/// One dictionary entry: everything the page shows about a marker.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MarkerSpec {
    /// Stable id, also the CSV column name (lower snake case, e.g. `lab_crp`).
    pub id: &'static str,
    /// English display name.
    pub name: &'static str,
    /// German display name (the study comes from Essen).
    pub name_de: &'static str,
    /// Source of the marker.
    pub modality: Modality,
    /// Unit of numeric values (UCUM-style, e.g. `mg/L`); `"1"` for binary and categorical.
    pub unit: &'static str,
    /// Normal range `(low, high)` in `unit`, where one exists.
    pub reference_range: Option<(f32, f32)>,
    /// Value encoding.
    pub kind: MarkerKind,
    /// LOINC, ICD-10, HGNC or ATC code, where one exists.
    pub code: Option<Code>,
    /// One-line description.
    pub description: &'static str,
}

impl MarkerSpec {
    /// The cohort table's column of this marker, named by its id, from values in the
    /// dictionary's encoding (`NaN` = missing; a categorical marker's level index, kept
    /// with its level names and order).
    ///
    /// # Errors
    /// The [`survlens_data::DataError`] of the cohort table if it refuses the values.
    pub fn marker(
        &self,
        column: Vec<f32>,
    ) -> Result<survlens_data::Marker, survlens_data::DataError> {
        use survlens_data::{Categorical, Marker};
        match self.kind {
            MarkerKind::Numeric => Marker::numeric(self.id, column),
            MarkerKind::Binary => Marker::binary(self.id, column),
            MarkerKind::Categorical { levels, .. } => {
                // Level codes are small non-negative integers stored as f32.
                let codes = column
                    .iter()
                    .map(|&v| {
                        if v.is_nan() {
                            Categorical::MISSING
                        } else {
                            v as u32
                        }
                    })
                    .collect();
                let levels = levels.iter().map(|&l| l.to_owned()).collect();
                Ok(Marker::categorical(
                    self.id,
                    Categorical::new(codes, levels)?,
                ))
            }
        }
    }
}

/// A set of markers with look-up by id or code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dictionary {
    markers: Vec<MarkerSpec>,
}

impl Dictionary {
    /// A dictionary of `markers` (ids are expected to be unique; the first wins on look-up).
    pub fn new(markers: Vec<MarkerSpec>) -> Self {
        Self { markers }
    }

    /// The markers of the teaching preset.
    pub fn teaching() -> Self {
        Self::new(
            crate::teaching::PRESET
                .markers
                .iter()
                .map(|m| m.spec)
                .collect(),
        )
    }

    /// The markers of a preset, in the column order of its cohorts. The pan-cancer
    /// dictionary is the full one (349 markers) and the one to look user columns up in.
    ///
    /// # Errors
    /// [`crate::SynthError::PresetTable`] if the preset's tables are inconsistent (a bug in
    /// this crate, reported instead of panicking).
    pub fn for_preset(preset: crate::Preset) -> Result<Self, crate::SynthError> {
        Ok(match preset {
            crate::Preset::Teaching => Self::teaching(),
            crate::Preset::PanCancer => Self::new(
                crate::pancancer::marker_defs()?
                    .into_iter()
                    .map(|m| m.spec)
                    .collect(),
            ),
            crate::Preset::Additive | crate::Preset::Planted => {
                Self::new(crate::calibration::marker_specs())
            }
        })
    }

    /// All entries, in column order.
    pub fn markers(&self) -> &[MarkerSpec] {
        &self.markers
    }

    /// Position of the marker with this exact id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.markers.iter().position(|m| m.id == id)
    }

    /// The marker with this exact id.
    pub fn by_id(&self, id: &str) -> Option<&MarkerSpec> {
        self.markers.iter().find(|m| m.id == id)
    }

    /// The marker with this code (the code alone, e.g. `1988-5`, or with its system, e.g.
    /// `LOINC:1988-5`; ASCII case-insensitive).
    pub fn by_code(&self, code: &str) -> Option<&MarkerSpec> {
        let code = code.trim();
        let bare = code.split_once(':').map_or(code, |(system, rest)| {
            if ["loinc", "icd-10", "icd10", "hgnc", "atc"]
                .iter()
                .any(|s| s.eq_ignore_ascii_case(system))
            {
                rest.trim()
            } else {
                code
            }
        });
        self.markers
            .iter()
            .find(|m| m.code.is_some_and(|c| c.value().eq_ignore_ascii_case(bare)))
    }

    /// The marker a user's CSV column header refers to: its id (ASCII case-insensitive),
    /// else its code.
    pub fn lookup_column(&self, header: &str) -> Option<&MarkerSpec> {
        let header = header.trim();
        self.markers
            .iter()
            .find(|m| m.id.eq_ignore_ascii_case(header))
            .or_else(|| self.by_code(header))
    }
}
