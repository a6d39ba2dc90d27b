//! Where cohorts and models come from: the bundled cohorts and the CSV mapping
//! ([`data_source`]), a FHIR export and its mapping report ([`fhir_source`]), model files ([`model_file`]) and the page's default model
//! ([`default_model`]); each produces the [`spec::JobSpec`] the job engine runs. Imports
//! only [`crate::core`].

pub mod data_source;
pub mod default_model;
pub mod fhir_source;
pub mod model_file;
pub mod spec;
