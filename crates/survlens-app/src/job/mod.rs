//! The worker's job engine: a [`pipeline::Job`] loads or generates a cohort, trains or
//! reads a model, explains every patient and searches interactions, one step at a time;
//! [`pool`] the tasks the job hands to the page's other workers, [`protocol`] holds the messages between page and worker, [`state`] the page's state
//! machine that applies them, [`views`] the views' data the worker computes on request, [`worker`] what the worker does
//! with each step and request; [`known_answers`] runs the whole job on cohorts whose
//! answer is known to measure what the Cohort and Markers views declare. The only layer that
//! may import every other.

pub mod known_answers;
pub mod pipeline;
pub mod pool;
pub mod protocol;
pub mod state;
pub mod views;
pub mod worker;
