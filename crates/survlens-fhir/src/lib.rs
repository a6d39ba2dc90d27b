//! FHIR R4 import: hospital exports to survlens' cohort table.
//!
//! [`read`] takes FHIR R4 JSON as bytes (no file system: the page can call it on a file the
//! user dropped) and gives a [`Cohort`](survlens_data::Cohort) with one row per Patient and
//! a [`MappingReport`]. Inputs are a Bundle (collection, searchset, transaction, batch,
//! document), a bulk-export NDJSON file (one resource per line; several files, e.g.
//! `Patient.ndjson`, `Observation.ndjson`), NDJSON whose lines are Bundles (one transaction
//! Bundle per patient, as German university hospitals export the Medizininformatik-Initiative
//! core data set), or a single resource.
//!
//! What is read:
//! - **Patient**: age in completed years from `birthDate` on the index date, sex from
//!   `gender`.
//! - **Observation** (and its components): a LOINC code of a dictionary marker or of the
//!   same analyte ([`analyte`]); `valueQuantity` by its UCUM `code`, or by its `unit` text
//!   when there is no code, converted to the marker's unit ([`ucum`]; mass and substance
//!   concentrations through the analyte's molar mass); categorical markers (ECOG, UICC
//!   stage, smoking status) from coded, integer or text answers; the histology (ICD-O-3,
//!   LOINC 59847-4) for the entity.
//! - **Condition**: ICD-10 and ICD-10-GM codes ([`icd10`]: dagger, asterisk and `!` marks,
//!   certainty and side letters, missing dots) to comorbidity and metastasis markers and the
//!   cancer entity ([`entity`]); suspected (`V`), excluded (`A`) and refuted diagnoses do
//!   not count.
//! - **MedicationStatement**, **MedicationAdministration**: ATC codes ([`atc`]) of
//!   `medicationCodeableConcept`, of a contained Medication or of a referenced one.
//! - Everything else (Encounter, Procedure, ...) is counted and skipped; a code that maps to
//!   nothing, and a concept with only a text, is listed as not mapped.
//!
//! Several values of one marker: the most recent on or before the index date
//! ([`ReadOptions::index_date`], default: the latest available); the report gives the date
//! of every value used. A diagnosis or drug counts when dated on or before the index date,
//! or undated; absent, the binary marker is 0.
//!
//! Problems ([`Problem`]) name the file, the NDJSON line or Bundle entry, the resource
//! (`Observation/obs-17`) and the JSON path (`valueQuantity.unit`), each with a stable
//! `code()`. A problem skips what it names and nothing else; only an input without any
//! Patient is refused ([`ReadFailure`]).
//!
//! [`export`] writes a synthetic cohort as FHIR NDJSON in the shape of the core data set
//! (including molar units, alternative LOINC codes, text-only codings, Encounters and
//! Procedures), the fixtures of the round-trip tests.
//!
//! # Parsing: `serde_json::Value`, chosen by measurement
//!
//! MEASUREMENT
//!
//! Plain Rust, builds for the host and `wasm32-unknown-unknown`.

pub mod analyte;
mod assemble;
pub mod atc;
mod catalogue;
pub mod date;
pub mod entity;
pub mod error;
pub mod export;
pub mod icd10;
mod read;
pub mod report;
pub mod ucum;

pub use assemble::{Imported, ReadFailure, ReadOptions};
pub use catalogue::{Catalogue, Source};
pub use date::Day;
pub use error::{FhirError, Location, Problem};
pub use read::Input;
pub use report::MappingReport;

/// Reads FHIR inputs into a cohort with the standard dictionary (pan-cancer markers and
/// entities, plus the teaching cohort's markers).
///
/// # Errors
/// [`ReadFailure::NoPatients`] when no Patient could be read (with every problem met),
/// [`ReadFailure::UnknownMarker`] for a marker id in the options the dictionary lacks,
/// [`ReadFailure::Table`] if the dictionary's tables are inconsistent.
pub fn read(inputs: &[Input<'_>], options: &ReadOptions) -> Result<Imported, ReadFailure> {
    let catalogue = Catalogue::standard().map_err(|e| ReadFailure::Table {
        code: e.code(),
        message: e.to_string(),
    })?;
    read_with(inputs, options, &catalogue)
}

/// [`read`] with a given catalogue.
///
/// # Errors
/// As [`read`].
pub fn read_with(
    inputs: &[Input<'_>],
    options: &ReadOptions,
    catalogue: &Catalogue,
) -> Result<Imported, ReadFailure> {
    let columns = catalogue
        .columns(options.markers.as_deref())
        .map_err(|marker| ReadFailure::UnknownMarker { marker })?;
    let catalogue = catalogue.restricted(&columns);
    let records = read::read_all(inputs, &catalogue);
    assemble::assemble(records, &catalogue, options)
}
