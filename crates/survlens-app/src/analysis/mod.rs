//! Computations over an explained cohort that views and the command line share: the
//! cross-fitted interaction search ([`crossfit`]) and its calibration on synthetic cohorts
//! ([`interaction_calibration`]), and the fidelity of explanations to a planted truth
//! ([`fidelity`]). Imports [`crate::core`] and [`crate::sources`].

pub mod crossfit;
pub mod fidelity;
pub mod interaction_calibration;
