//! The routes from FHIR codes to the marker dictionary: LOINC codes (through the analyte
//! table) to numeric and categorical markers, ICD-10 ranges to comorbidity and metastasis
//! markers and to cancer entities, ATC codes to treatment markers.

use std::collections::HashMap;

use survlens_synth::{Code, Dictionary, Entity, MarkerKind, MarkerSpec, Preset, SynthError};

use crate::analyte;
use crate::icd10::CodeRanges;
use crate::ucum::{self, Unit};

/// How a marker is filled from FHIR.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Patient.birthDate and the index date.
    BirthDate,
    /// Patient.gender.
    Gender,
    /// Observations with one of the analyte's LOINC codes.
    Observation,
    /// Conditions with an ICD-10 code in the marker's ranges.
    Condition,
    /// MedicationStatements and MedicationAdministrations with an ATC code in its list.
    Medication,
    /// The number of metastatic sites (`met_*` markers) the Conditions name.
    MetastaticSites,
}

/// A LOINC code's route: the marker and the grams per mole of what its mass
/// concentration weighs (see [`analyte::Member`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct LoincRoute {
    pub(crate) marker: usize,
    pub(crate) member_molar_mass: Option<f64>,
}

/// The dictionary with its FHIR routes.
#[derive(Clone, Debug)]
pub struct Catalogue {
    pub(crate) markers: Vec<MarkerSpec>,
    /// Per marker: how it is filled, if FHIR can fill it.
    pub(crate) sources: Vec<Option<Source>>,
    /// Per numeric marker: its unit as UCUM, and the analyte's molar mass.
    pub(crate) units: Vec<Option<Unit>>,
    pub(crate) molar_mass: Vec<Option<f64>>,
    pub(crate) international_units: Vec<bool>,
    pub(crate) loinc: HashMap<&'static str, LoincRoute>,
    pub(crate) icd: Vec<(usize, CodeRanges)>,
    pub(crate) atc: Vec<(usize, &'static str)>,
    pub(crate) entities: Vec<(Entity, Option<CodeRanges>)>,
    /// Markers filled when no list is asked for (the teaching cohort's own treatment
    /// markers overlap the pan-cancer ones and are filled only when asked for).
    pub(crate) default_columns: usize,
}

/// The marker counting metastatic sites, and the prefix of the site markers it counts.
pub(crate) const METASTATIC_SITES: &str = "n_metastatic_sites";
pub(crate) const SITE_PREFIX: &str = "met_";

/// LOINC code of the histology (ICD-O-3 morphology) Observation of the MII oncology module.
pub const HISTOLOGY_LOINC: &str = "59847-4";

impl Catalogue {
    /// The pan-cancer dictionary (the full one) with the teaching cohort's markers it lacks,
    /// and the pan-cancer entities.
    ///
    /// # Errors
    /// [`SynthError::PresetTable`] if the dictionary's tables are inconsistent (a bug of
    /// the dictionary, reported instead of panicking).
    pub fn standard() -> Result<Catalogue, SynthError> {
        let mut markers = Dictionary::for_preset(Preset::PanCancer)?
            .markers()
            .to_vec();
        let pan_cancer = markers.len();
        for m in Dictionary::teaching().markers() {
            if !markers.iter().any(|p| p.id == m.id) {
                markers.push(*m);
            }
        }
        let mut catalogue = Self::new(markers, survlens_synth::entities(Preset::PanCancer));
        catalogue.default_columns = pan_cancer;
        Ok(catalogue)
    }

    /// A catalogue of `markers` and `entities`.
    pub fn new(markers: Vec<MarkerSpec>, entities: Vec<Entity>) -> Catalogue {
        let n = markers.len();
        let mut c = Catalogue {
            sources: vec![None; n],
            units: vec![None; n],
            molar_mass: vec![None; n],
            international_units: vec![false; n],
            loinc: HashMap::new(),
            icd: Vec::new(),
            atc: Vec::new(),
            entities: entities
                .into_iter()
                .map(|e| (e, CodeRanges::parse(e.icd10)))
                .collect(),
            markers,
            default_columns: n,
        };
        for j in 0..n {
            let spec = c.markers[j];
            let analyte = analyte::by_marker(spec.id);
            if spec.kind == MarkerKind::Numeric {
                let text = analyte
                    .and_then(|a| a.ucum)
                    .map_or_else(|| ucum::from_display(spec.unit), str::to_owned);
                c.units[j] = ucum::parse(&text).ok();
                c.molar_mass[j] = analyte.and_then(|a| a.molar_mass);
                c.international_units[j] = analyte.is_some_and(|a| a.international_units);
            }
            c.sources[j] = match (spec.id, spec.kind, spec.code) {
                ("age", ..) => Some(Source::BirthDate),
                ("sex_female", ..) => Some(Source::Gender),
                (METASTATIC_SITES, MarkerKind::Numeric, _) => Some(Source::MetastaticSites),
                (_, MarkerKind::Binary, Some(Code::Icd10(ranges))) => CodeRanges::parse(ranges)
                    .map(|r| {
                        c.icd.push((j, r));
                        Source::Condition
                    }),
                (_, MarkerKind::Binary, Some(Code::Atc(list))) => {
                    c.atc.push((j, list));
                    Some(Source::Medication)
                }
                (_, MarkerKind::Numeric, _) if c.units[j].is_none() => None,
                (_, MarkerKind::Numeric | MarkerKind::Categorical { .. }, code) => {
                    let mut any = false;
                    if let Some(a) = analyte {
                        for member in a.members {
                            c.loinc.entry(member.loinc).or_insert(LoincRoute {
                                marker: j,
                                member_molar_mass: member.molar_mass,
                            });
                            any = true;
                        }
                    }
                    if let Some(Code::Loinc(loinc)) = code {
                        c.loinc.entry(loinc).or_insert(LoincRoute {
                            marker: j,
                            member_molar_mass: None,
                        });
                        any = true;
                    }
                    any.then_some(Source::Observation)
                }
                _ => None,
            };
        }
        c
    }

    /// The columns a read fills: `ids` in order, or every marker FHIR can fill; `Err`
    /// with the first id the dictionary lacks.
    pub(crate) fn columns(&self, ids: Option<&[String]>) -> Result<Vec<usize>, String> {
        match ids {
            Some(ids) => ids
                .iter()
                .map(|id| self.index(id).ok_or_else(|| id.clone()))
                .collect(),
            None => Ok((0..self.default_columns)
                .filter(|&j| self.sources[j].is_some())
                .collect()),
        }
    }

    /// The catalogue whose routes lead only to `columns`: a diagnosis or drug code counts
    /// for the most specific of the markers being filled (an anti-PD-1 drug is the teaching
    /// cohort's immunotherapy when that is filled, `tx_anti_pd1` when the pan-cancer
    /// markers are).
    pub(crate) fn restricted(&self, columns: &[usize]) -> Catalogue {
        let mut c = self.clone();
        // Counting metastatic sites needs every site's codes, filled or not.
        let sites = columns
            .iter()
            .any(|&j| self.sources[j] == Some(Source::MetastaticSites));
        c.icd.retain(|(j, _)| {
            columns.contains(j) || (sites && self.markers[*j].id.starts_with(SITE_PREFIX))
        });
        c.atc.retain(|(j, _)| columns.contains(j));
        // An Observation of a marker not filled is not mapped (nor converted, nor checked).
        c.loinc.retain(|_, route| columns.contains(&route.marker));
        c
    }

    /// The dictionary entries, in order.
    pub fn markers(&self) -> &[MarkerSpec] {
        &self.markers
    }

    /// How marker `id` is filled from FHIR (`None`: it is not, or there is no such marker).
    pub fn source(&self, id: &str) -> Option<Source> {
        self.index(id).and_then(|j| self.sources[j])
    }

    pub(crate) fn index(&self, id: &str) -> Option<usize> {
        self.markers.iter().position(|m| m.id == id)
    }

    /// The binary markers an ICD-10 code (canonical) fills: those whose ranges hold it most
    /// specifically (`E11.5` is complicated diabetes, not also diabetes).
    pub(crate) fn icd_markers(&self, code: &str) -> Vec<usize> {
        most_specific(
            self.icd
                .iter()
                .filter_map(|(j, r)| r.matches(code).map(|s| (*j, s))),
        )
    }

    /// The entities an ICD-10 code (canonical) fits most specifically.
    pub(crate) fn icd_entities(&self, code: &str) -> Vec<usize> {
        most_specific(
            self.entities
                .iter()
                .enumerate()
                .filter_map(|(k, (_, r))| r.as_ref()?.matches(code).map(|s| (k, s))),
        )
    }

    /// The treatment markers an ATC code (canonical) fills: the longest listed prefix wins.
    pub(crate) fn atc_markers(&self, code: &str) -> Vec<usize> {
        most_specific(
            self.atc
                .iter()
                .filter_map(|(j, list)| crate::atc::matches(list, code).map(|s| (*j, (s, 0)))),
        )
    }

    /// The entity with this id.
    pub(crate) fn entity_index(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|(e, _)| e.id == id)
    }
}

fn most_specific(hits: impl Iterator<Item = (usize, (usize, i64))>) -> Vec<usize> {
    let hits: Vec<(usize, (usize, i64))> = hits.collect();
    let Some(best) = hits.iter().map(|h| h.1).max() else {
        return Vec::new();
    };
    hits.into_iter()
        .filter(|h| h.1 == best)
        .map(|h| h.0)
        .collect()
}
