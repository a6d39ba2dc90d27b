//! Explanations of survlens Cox networks: layer-wise relevance propagation and other attributions.

mod error;
pub mod lrp;
pub mod relevance;
pub mod rule;

pub use error::XaiError;
pub use lrp::{Lrp, LrpWorkspace, explain_batch};
pub use relevance::{Accounting, Relevances};
pub use rule::{CheckedRule, Composite, LrpRule, PAPER_EPS, PAPER_GAMMA};
