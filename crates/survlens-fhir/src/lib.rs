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
//!   cancer entity ([`entity`]), and the number of metastatic sites; suspected (`V`),
//!   excluded (`A`) and refuted diagnoses do not count.
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
//! The reader parses each resource into a `serde_json::Value` and takes the few fields it
//! needs by path, rather than into the typed resources of the `fhir-model` crate (0.13,
//! the model of `fhir-sdk`; it has no R4 feature, `r4b` is the nearest and read every
//! resource of these exports). Measured 2026-12-05 on a 2-core machine under load from
//! other builds (load average 2.5 to 4), with one compile job:
//!
//! | | `serde_json::Value` | `fhir-model` 0.13, `r4b` only |
//! |---|---|---|
//! | clean build, wasm32 release (`opt-level = "s"`, LTO) | 3.9 s | 272 s |
//! | clean build, native release | 5.3 s | 757 s |
//! | WebAssembly of a parse-only cdylib, raw / gzip -9 | 59,172 / 23,319 bytes | 14,973,876 / 2,977,957 bytes |
//! | parse 205,657 resources (3,000 synthetic patients, 99.9 MB NDJSON), native | 0.29 to 0.43 s | 0.74 to 1.04 s |
//!
//! The typed model would add about 3 MB of gzip to the page's download and minutes to
//! every clean build, and parse more slowly, to fill fields this reader never looks at;
//! the paths it needs are few and each is checked where it is read, which is also where a
//! problem's JSON path comes from. The whole reader (this crate, parsing
//! included) adds 236,651 bytes raw, 85,159 gzip, to a WebAssembly module that already
//! holds the dictionary, the cohort table and `serde_json` (261,359 to 498,010 raw), and
//! turns the 3,000 patients into the cohort and its report in 1.0 s natively (100 MB/s;
//! `cargo run --release -p survlens-fhir --example read_speed -- 3000`). Typed serde
//! structs for the few resources, the third option, were not measured.
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

pub use assemble::{ID_COLUMN, Imported, ReadFailure, ReadOptions};
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
        cause: survlens_data::Describe::message(&e),
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
