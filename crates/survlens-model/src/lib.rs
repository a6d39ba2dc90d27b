//! Survival modelling for survlens: the study's deep Cox network and its training, linear
//! Cox regression, and the survival statistics and metrics used to judge them.
//!
//! Plain Rust over plain buffers: builds for the host and for `wasm32-unknown-unknown`,
//! and knows nothing of browsers. Matrices are row-major `f32` slices (patients x
//! features); survival times and statistics are `f64`.

pub mod backprop;
pub mod baseline;
pub mod baselines;
pub mod bootstrap;
pub mod bundle;
pub mod comparison;
pub mod concordance;
pub mod coxph;
pub mod cv;
mod error;
pub mod external;
pub mod handout;
pub mod ipcw;
pub mod km;
pub mod linalg;
pub mod logrank;
pub mod loss;
pub mod metrics;
pub mod network;
pub mod recipe;
pub mod risk_groups;
mod survival_input;
mod symmetric;
pub mod train;

pub use backprop::{Backprop, DrawSpan, Dropout, LayerGradient, NetGradient};
pub use baseline::{BreslowBaseline, CalibrationSlope};
pub use baselines::{BaselineCox, BaselineKind};
pub use bootstrap::{BootstrapConfig, BootstrapInterval, bootstrap_ci, resample};
pub use concordance::{
    BootstrapConcordance, Concordance, RISK_TIE_TOLERANCE, antolini_c, harrell_c, uno_c,
};
pub use coxph::{CoxPh, CoxPhConfig, CoxPhDesign, CoxPhTies, LikelihoodRatio};
pub use cv::{
    CrossValidation, CvOutcome, FoldAssignment, HeldOutRole, assign_folds, cross_validate,
    holdout_split,
};
pub use error::{ModelError, Nesting, PHRASES, ShapeProblem, Step};
pub use handout::Handout;
pub use ipcw::CensoringSurvival;
pub use km::{EventTable, KaplanMeier};
pub use logrank::{LogRankTest, logrank_test};
pub use loss::{CoxLoss, Ties};
pub use metrics::{
    CalibrationGroup, CalibrationSummary, MIN_GROUP_EVENTS, TimeDependentAuc, brier_score,
    calibration_at, calibration_summary, cumulative_dynamic_auc, integrated_brier_score,
};
pub use network::{Architecture, CoxNet, Dense};
pub use recipe::{
    AutoChoice, AutoConfig, AutoModel, AutoProgress, AutoTrainer, Candidate, CandidateScore,
    MemberGround, MemberRecord, MemberTask, Recipe, TrainedMember, fit_auto,
};
pub use risk_groups::{RiskGroups, quantile_sorted};
pub use train::{
    AdamConfig, EpochSummary, FitOutcome, HiddenWidth, Progress, ShardBackward, ShardDropout,
    ShardForward, ShardPass, ShardTask, SurvivalData, TrainConfig, TrainedModel, Trainer, fit,
};
