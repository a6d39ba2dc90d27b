//! The survlens view-model: the state of the page, the actions that change it and what each
//! view shows, as plain data computed by plain functions. No UI framework: the web crate
//! renders these values, and every view's data is tested natively here.
//!
//! Layers, each importing only those above it in this list:
//! - [`core`]: the explained cohort ([`core::session::Session`]), units, number formats,
//!   statistics helpers and the error of a computation;
//! - [`sources`]: where cohorts and models come from: bundled cohorts, CSV mapping, model
//!   files, the default model;
//! - [`analysis`]: computations over a cohort that several views and the command line share
//!   (the cross-fitted interaction search, fidelity to a planted truth);
//! - [`views`]: what each view shows, built from a session;
//! - [`job`]: the worker's job engine (load, train, explain, search), its messages and the
//!   page's state machine.
//!
//! Views never import the job layer (a test reads the sources to hold it).

pub mod analysis;
pub mod core;
pub mod job;
pub mod sources;
pub mod views;
