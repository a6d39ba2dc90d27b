//! Explanations of survlens Cox networks: each patient's predicted log-risk decomposed into
//! one contribution ("relevance") per encoded input, summed into markers and modalities.
//!
//! Plain Rust over plain row-major `f32` buffers; builds for the host and for
//! `wasm32-unknown-unknown`, and knows nothing of browsers.
//!
//! # Layer-wise relevance propagation
//!
//! A [`CoxNet`](survlens_model::CoxNet) is a stack of dense layers `z = W a + b` with ReLU
//! between them and one linear output, the log-risk `f(x)`. LRP starts with the relevance
//! `R = f(x)` at the output (the study's choice and zennit's `attr_output = output`:
//! relevance is measured against zero, not against a reference patient) and hands each
//! output's relevance `R_j` down to the layer's inputs `a_i` in proportion to their
//! contributions, layer by layer. ReLUs pass relevance unchanged (a unit that is switched
//! off has `a_i = 0` and receives nothing anyway); dropout is the identity at inference.
//!
//! Notation: `a+ = max(a, 0)`, `a- = min(a, 0)`, `W+ = max(W, 0)`, `W- = min(W, 0)`, and
//! the stabiliser of zennit 0.5.1, `stab(z) = z + eps` for `z >= 0` and `z - eps` for
//! `z < 0`. Each rule ([`LrpRule`]) on one layer:
//!
//! | rule | relevance of input `i` | bias |
//! |---|---|---|
//! | `Epsilon { eps }` | `a_i sum_j w_ji R_j / stab(z_j)`, `z = W a + b` | in `z` |
//! | `Gamma { gamma, stabilizer }` | see below | `rho(b)` in the `a+` paths |
//! | `PaperGamma` | `Gamma` with `gamma = 0.01`, `stabilizer = 1e-5` | as `Gamma` |
//! | `ZPlus` | `sum_j (a+_i w+_ji + a-_i w-_ji) R_j / stab(z_j)`, `z = W+ a+ + W- a- + b+` | `b+` |
//! | `AlphaBeta { alpha, beta }` | `alpha` x (z-plus share) `- beta` x (the same with the opposite-signed parts, `z = W- a+ + W+ a- + b-`) | `b+`, `b-` |
//! | `Flat` | `sum_j R_j / stab(n_in)` (first layer only) | none |
//! | `WSquare` | `sum_j w_ji^2 R_j / stab(z_j)`, `z_j = sum_i w_ji^2 + b_j^2` (first layer only) | `b^2` |
//!
//! **The generalised gamma rule** (Andeol et al. 2021; zennit `Gamma`; the study's
//! `LRP_Linear.relprop`). With `rho+(w) = w + gamma w+` and `rho-(w) = w + gamma w-`:
//! for an output with `z_j = (W a + b)_j > 0`, relevance flows through the contributions
//! that push it up, `z++ = rho+(W) a+ + rho+(b)` and `z-- = rho-(W) a-`:
//! `R_i += (a+_i rho+(w_ji) + a-_i rho-(w_ji)) R_j / stab(z++_j + z--_j)`;
//! for `z_j < 0` through those that push it down, `z+- = rho-(W) a+ + rho-(b)` and
//! `z-+ = rho+(W) a-`: `R_i += (a+_i rho-(w_ji) + a-_i rho+(w_ji)) R_j / stab(z+-_j + z-+_j)`.
//! An output of exactly zero passes nothing on. `gamma = 0` is the epsilon rule without
//! its bias in the `a-` paths; a large `gamma` favours the same-signed contributions.
//!
//! **The study's rule.** [`LrpRule::PaperGamma`] is the rule of Keyl et al. (Nature Cancer
//! 2025) on every layer: the generalised gamma rule with `gamma = 0.01` and `eps = 1e-5`,
//! `rho+(b)` in `z++`, `rho-(b)` in `z+-`, no bias in `z--`, `z-+`. Finding: zennit 0.5.1's
//! `Gamma(gamma=0.01, stabilizer=1e-5)` computes exactly the same four paths with the same
//! bias placement, masks and stabiliser; on the reference networks the two differ by
//! `3.3e-16` in float64 (and `1.8e-7` in float32, rounding order), and survlens gives
//! bit-identical results for both spellings. Only zennit's default stabiliser (`1e-6`)
//! differs from the study's.
//!
//! **Composites.** A [`Composite`] assigns a rule per layer, e.g. `Flat` on the input layer
//! and `Epsilon` above ([`Composite::first_layer`]). `Flat` and `WSquare` ignore the input
//! values, which only makes sense on the input layer; elsewhere they are refused.
//!
//! **Checked parameters.** Rules are validated into a [`CheckedRule`] before use:
//! stabilisers and `eps` finite and `> 0`, `gamma >= 0`, `alpha, beta >= 0` with
//! `alpha - beta = 1` (to `1e-6`). Errors are [`XaiError`] values naming the rule, the
//! parameter and its value.
//!
//! # Conservation and accounting
//!
//! Each rule hands `R_j` down except what its bias term and stabiliser absorb:
//! epsilon keeps `R_j b_j / stab(z_j)` at the bias and `R_j (stab(z_j) - z_j) / stab(z_j)`
//! at the stabiliser; the gamma rules likewise with `rho(b)` and their own denominators;
//! z-plus with `b+`; alpha-beta with `alpha (..b+..) - beta (..b-..)`; flat with no bias.
//! Summed over layers this gives, per patient ([`Accounting`]):
//!
//! `f(x) = sum_i R_i + bias_share + stabilizer_share`
//!
//! up to `f32` rounding, where both shares are computed from the bias and stabiliser terms
//! themselves. The sum `sum_i R_i` equals `f(x)` exactly only for bias-free networks with a
//! vanishing stabiliser; the viewer states the coverage `sum_i R_i / f(x)`. Z-plus
//! relevances all share the sign of `f(x)` (every contribution `w+ a+`, `w- a-` is
//! non-negative); the gamma and alpha-beta rules can give either sign.
//!
//! # Grouping
//!
//! Relevances of encoded inputs are summed into markers with a [`Grouping`]
//! `input_to_marker` (missing indicators, one-hot levels and mirrors `1 - x` map to their
//! marker), and markers into modalities with `marker_to_modality`; sums keep each patient's
//! total. See [`grouping`].
//!
//! # Cohort figures
//!
//! [`cohort`] lifts patient relevances (`n_patients x n_markers`) to the cohort: a marker's
//! importance is its mean |relevance| over the cohort or a subgroup; the key markers are the
//! fewest markers whose cumulative share of the total importance reaches a threshold
//! ([`KEY_MARKER_SHARE`] = 0.9, the study's figure: 114 of 350 markers); an entity x marker
//! importance matrix; dependence data (a marker's value against its relevance, patient by
//! patient, missing values apart); importance per modality as the sum of its markers'. The
//! study (Keyl et al., Nature Cancer 2025) does not spell out how it aggregated relevances;
//! this is our documented reading.
//!
//! # Interactions
//!
//! The study reports prognostic interactions between markers without publishing how it
//! found them. survlens's default method ([`interactions::search`]) screens every pair in
//! the network with Friedman's `H^2` (double differences with references drawn from real
//! patients of the same entity) and confirms the strongest on outcomes the network never
//! saw: a Cox model stratified by entity with the out-of-fold network risk as an offset,
//! both main effects and their product, the likelihood-ratio test of the product made
//! one-sided in the direction the training outcomes pointed, and Benjamini-Hochberg over
//! the screened pairs only, weighted by their rank in the outcome screen. A declared pair comes with the
//! product's hazard ratio, its 95% interval and its q-value.
//!
//! Two older descriptions remain, as **network couplings, not tested against outcomes**
//! ([`interactions::couplings`]): the relevance change ([`model_interactions`], step by
//! step [`ModelInteractionSearch`]: how far `a`'s relevance moves when `b` is set to a
//! reference value, against the network's own background of such changes) and the
//! relevance split ([`statistical_interactions`]: Mann-Whitney U of `a`'s relevance between
//! `b` high and `b` low, Benjamini-Hochberg). On cohorts without any interaction both flag
//! dozens of pairs; they describe the network, not the disease.
//!
//! # ONNX import
//!
//! [`import_onnx`] reads a network exported by `torch.onnx.export` from an
//! `nn.Sequential` of Linear / ReLU / Dropout / BatchNorm1d (operators Gemm, MatMul + Add,
//! Relu, Dropout, Identity, BatchNormalization, Flatten, Constant) into a
//! [`CoxNet`](survlens_model::CoxNet), BatchNorm merged into the layer before it; see
//! [`onnx`]. Decoding uses the `prost` protobuf runtime with message types mirroring
//! `onnx.proto`.
//!
//! # Other attributions
//!
//! On the same [`Attribution`] API, for comparison and trust (see [`attribution`]):
//! gradient x input `x_i df/dx_i`; integrated gradients against a reference patient
//! (midpoint rule, configurable steps; completeness `sum_i R_i = f(x) - f(r)` up to the
//! quadrature error); exact Shapley values for up to 12 inputs (all `2^d` coalitions, inputs
//! outside a coalition at the reference; efficiency `sum_i phi_i = f(x) - f(r)` exactly);
//! Shapley values from random permutations with standard errors (efficient per
//! permutation, converging to the exact values). [`deletion_curve`] sets inputs to the
//! reference in decreasing relevance and reports the area under the risk curve, so methods
//! can be ranked per patient by [`DeletionCurve::faithfulness`].
//!
//! # Computation
//!
//! [`Lrp`] prepares a network once (copies of `W` and, for the sign-splitting rules, `W+`
//! or `W-`); [`Lrp::explain_batch`] explains `n x n_inputs` patients in chunks with dense
//! products ([`survlens_model::linalg::sgemm`]); [`Lrp::explain_one`] explains one
//! patient into caller-owned buffers with a reusable [`LrpWorkspace`], allocating nothing
//! once warm. Every modified weight matrix of a rule is a combination of two basis
//! matrices (`W`, `W+` for the gamma rules; `W+`, `W-` for z-plus and alpha-beta), so a
//! layer costs one product with the stacked basis forward (which also yields the
//! prediction) and one backward; behind a ReLU `a- = 0` and the `a-` products are skipped.
//! Tests check this against a direct transcription of each formula.

pub mod attribution;
pub mod cohort;
pub mod deeplift;
mod error;
pub mod grouping;
pub mod interactions;
pub mod lrp;
pub mod onnx;
pub mod profile;
pub mod reference;
pub mod relevance;
pub mod rule;
pub mod survshap;

pub use attribution::{
    Attribution, DeletionCurve, ExactShapley, GradientTimesInput, IntegratedGradients,
    LrpAttribution, SampledShapley, deletion_curve,
};
pub use cohort::{CohortRelevance, Importance, KEY_MARKER_SHARE, KeyMarkers};
pub use deeplift::{DeepLift, DeepLiftRescale, explain_against};
pub use error::XaiError;
pub use grouping::Grouping;
pub use interactions::{
    ConfirmedInteractions, ConfirmedPair, ConfirmedSearch, FoldPlan, InteractionMethod,
    InteractionPair, Interactions, MarkerScale, ModelInteractionSearch, ModelSearchSettings,
    OutcomeData, PairScreen, PairTest, ScreenSettings, SearchSettings, confirmed_interactions,
    model_interactions, one_sided, statistical_interactions, stratified_sample,
};
pub use lrp::{Lrp, LrpWorkspace, explain_batch};
pub use onnx::{OnnxError, OnnxModel, import_onnx};
pub use profile::{
    Ale, ValueKind, ale, ceteris_paribus, marker_grid, partial_dependence, sample_rows,
};
pub use reference::typical_values;
pub use relevance::{Accounting, Relevances};
pub use rule::{CheckedRule, Composite, LrpRule, PAPER_EPS, PAPER_GAMMA};
pub use survshap::{Orderings, SurvShap, SurvShapProblem, survshap_exact, survshap_permutations};
