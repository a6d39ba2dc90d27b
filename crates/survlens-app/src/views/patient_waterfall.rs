//! The patient's waterfall: from log-risk 0 (the reference of the Breslow baseline) to the
//! patient's log-risk, one step per top marker (largest |relevance| first), one step for
//! all other markers and one for the relevance the network's biases absorbed; or, relative
//! to a typical patient, from that patient's log-risk, the markers' steps alone (they add
//! up to the difference).

use serde::{Deserialize, Serialize};

use crate::core::i18n::{Arg, Lang};
use crate::views::patient::{Contribution, PatientView};

/// What one step of the waterfall stands for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StepKind {
    /// One marker's contribution.
    Marker(Contribution),
    /// The summed contributions of the markers not shown one by one.
    Others {
        /// How many markers.
        n_markers: usize,
    },
    /// Relevance absorbed by the biases and stabilisers of the network: the part of the
    /// log-risk no marker accounts for.
    Biases,
}

/// One step: a bar from `start` to `end = start + relevance` on the log-risk axis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaterfallStep {
    /// What the step stands for.
    pub kind: StepKind,
    /// Contribution to the log-risk.
    pub relevance: f32,
    /// Log-risk before the step.
    pub start: f32,
    /// Log-risk after the step.
    pub end: f32,
    /// For a what-if scenario, the same marker's contribution in the original explanation
    /// (markers only), to draw as a ghost; `None` otherwise.
    pub original: Option<f32>,
}

impl WaterfallStep {
    /// The label on the chart: name, value with unit and range mark, or the group.
    pub fn label(&self) -> String {
        self.label_in(Lang::En)
    }

    /// [`WaterfallStep::label`] in `lang` (the name and value as the step holds them).
    pub fn label_in(&self, lang: Lang) -> String {
        match &self.kind {
            StepKind::Marker(c) => {
                let args = [
                    ("name", Arg::Text(&c.name)),
                    ("value", Arg::Text(&c.value_text)),
                ];
                match (&c.typical_text, c.out_of_range) {
                    (None, false) => lang.t_with("vm-step-marker", &args),
                    (None, true) => lang.t_with("vm-step-marker-outside", &args),
                    (Some(t), false) => lang.t_with(
                        "vm-step-marker-typical",
                        &[args[0], args[1], ("typical", Arg::Text(t))],
                    ),
                    (Some(t), true) => lang.t_with(
                        "vm-step-marker-outside-typical",
                        &[args[0], args[1], ("typical", Arg::Text(t))],
                    ),
                }
            }
            StepKind::Others { n_markers } => lang.t_with(
                "vm-step-others",
                &[("markers", Arg::Count(*n_markers as u64))],
            ),
            StepKind::Biases => lang.t("vm-step-biases"),
        }
    }
}

/// The waterfall of one patient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Waterfall {
    /// Where the bars start: log-risk 0, the patient whose hazard is the baseline hazard,
    /// or the typical patient's log-risk ([`Waterfall::reference`]).
    pub start: f32,
    /// Relative to a typical patient: its log-risk, where the bars start; `None` for the
    /// study's explanation, which starts at 0.
    pub reference: Option<f32>,
    /// The steps in drawing order.
    pub steps: Vec<WaterfallStep>,
    /// The model's log-risk, where the last step ends (up to `f32` rounding).
    pub output: f32,
    /// The cohort's mean log-risk, for orientation; `None` in a first look, before the
    /// cohort is explained.
    pub cohort_mean: Option<f32>,
    /// In a what-if scenario, the original log-risk.
    pub original_output: Option<f32>,
    /// The language of its labels ([`Waterfall::in_language`]).
    #[serde(default)]
    pub lang: Lang,
}

impl Waterfall {
    /// The waterfall of `view`. For a what-if scenario pass the original explanation's
    /// per-marker relevances (one per session marker) and log-risk as `original`, so each
    /// marker step carries its original contribution.
    pub fn new(
        view: &PatientView,
        cohort_mean: Option<f32>,
        original: Option<(&[f32], f32)>,
    ) -> Self {
        Self::from(view, None, cohort_mean, original)
    }

    /// The waterfall of `view` explained relative to a typical patient whose log-risk is
    /// `reference`: the bars start there, and the markers' steps (no bias step) add up to
    /// the patient's log-risk minus `reference`. `original` as for [`Waterfall::new`], with
    /// the recorded relevances relative to the same typical patient.
    pub fn relative(
        view: &PatientView,
        reference: f32,
        cohort_mean: Option<f32>,
        original: Option<(&[f32], f32)>,
    ) -> Self {
        Self::from(view, Some(reference), cohort_mean, original)
    }

    fn from(
        view: &PatientView,
        reference: Option<f32>,
        cohort_mean: Option<f32>,
        original: Option<(&[f32], f32)>,
    ) -> Self {
        let mut steps = Vec::with_capacity(view.top.len() + 2);
        let start = reference.unwrap_or(0.0);
        let mut at = start;
        let mut push = |kind: StepKind, relevance: f32, original: Option<f32>| {
            steps.push(WaterfallStep {
                kind,
                relevance,
                start: at,
                end: at + relevance,
                original,
            });
            at += relevance;
        };
        for c in &view.top {
            let before = original.and_then(|(r, _)| r.get(c.marker).copied());
            push(StepKind::Marker(c.clone()), c.relevance, before);
        }
        if view.n_others > 0 {
            push(
                StepKind::Others {
                    n_markers: view.n_others,
                },
                view.others,
                None,
            );
        }
        if reference.is_none() {
            push(StepKind::Biases, view.accounting.bias_relevance, None);
        }
        Self {
            start,
            reference,
            steps,
            output: view.risk,
            cohort_mean,
            original_output: original.map(|(_, risk)| risk),
            lang: Lang::En,
        }
    }

    /// The same waterfall labelled in `lang` ([`Waterfall::step_label`],
    /// [`Waterfall::axis_label`]).
    pub fn in_language(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// The chart's label of `step`, in the waterfall's language.
    pub fn step_label(&self, step: &WaterfallStep) -> String {
        step.label_in(self.lang)
    }

    /// The log-risk axis' caption: where the bars start.
    pub fn axis_label(&self) -> String {
        let lang = self.lang;
        match self.reference {
            None => lang.t("vm-waterfall-axis"),
            Some(r) => lang.t_with(
                "vm-waterfall-axis-typical",
                &[("risk", Arg::Text(&lang.signed(f64::from(r), 2)))],
            ),
        }
    }

    /// Sum of the marker steps (top markers and "others"): the patient's relevance sum.
    pub fn marker_sum(&self) -> f32 {
        self.steps
            .iter()
            .filter(|s| !matches!(s.kind, StepKind::Biases))
            .map(|s| s.relevance)
            .sum()
    }

    /// Where the last step ends.
    pub fn end(&self) -> f32 {
        self.steps.last().map_or(self.start, |s| s.end)
    }

    /// The range of log-risks the chart must show: every step's ends, the ghosts, the
    /// start, the output and the cohort mean.
    pub fn extent(&self) -> (f32, f32) {
        let mean = self.cohort_mean.unwrap_or(self.output);
        let mut lo = self.start.min(self.output).min(mean);
        let mut hi = self.start.max(self.output).max(mean);
        for s in &self.steps {
            lo = lo.min(s.start).min(s.end);
            hi = hi.max(s.start).max(s.end);
            if let Some(o) = s.original {
                lo = lo.min(s.start + o);
                hi = hi.max(s.start + o);
            }
        }
        if let Some(o) = self.original_output {
            lo = lo.min(o);
            hi = hi.max(o);
        }
        (lo, hi)
    }
}
