//! The survlens view-model: the state of the page, the actions that change it and what each
//! view shows, as plain data computed by plain functions. No UI framework: the web crate
//! renders these values, and every view's data is tested natively here.

pub mod cohort_view;
pub mod crossfit;
pub mod data_source;
pub mod default_model;
pub mod fidelity;
pub mod format;
pub mod interaction_calibration;
pub mod interactions_view;
pub mod markers_view;
pub mod measured;
pub mod model_file;
pub mod model_view;
pub mod patient;
pub mod patient_export;
pub mod patient_flags;
pub mod patient_list;
pub mod patient_survival;
pub mod patient_waterfall;
pub mod pipeline;
pub mod protocol;
pub mod session;
pub mod state;
pub mod teaching;
pub mod whatif;
