//! The patient's waterfall: from log-risk 0 (the reference of the Breslow baseline) to the
//! patient's log-risk, one step per top marker (largest |relevance| first), one step for
//! all other markers and one for the relevance the network's biases absorbed.

use serde::{Deserialize, Serialize};

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
        match &self.kind {
            StepKind::Marker(c) => {
                if c.out_of_range {
                    format!("{} = {} (outside reference range)", c.name, c.value_text)
                } else {
                    format!("{} = {}", c.name, c.value_text)
                }
            }
            StepKind::Others { n_markers } => format!("{n_markers} other markers"),
            StepKind::Biases => "absorbed by network biases".to_owned(),
        }
    }
}

/// The waterfall of one patient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Waterfall {
    /// Where the bars start: log-risk 0, the patient whose hazard is the baseline hazard.
    pub start: f32,
    /// The steps in drawing order.
    pub steps: Vec<WaterfallStep>,
    /// The model's log-risk, where the last step ends (up to `f32` rounding).
    pub output: f32,
    /// The cohort's mean log-risk, for orientation; `None` in a first look, before the
    /// cohort is explained.
    pub cohort_mean: Option<f32>,
    /// In a what-if scenario, the original log-risk.
    pub original_output: Option<f32>,
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
        let mut steps = Vec::with_capacity(view.top.len() + 2);
        let mut at = 0.0f32;
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
        push(StepKind::Biases, view.accounting.bias_relevance, None);
        Self {
            start: 0.0,
            steps,
            output: view.risk,
            cohort_mean,
            original_output: original.map(|(_, risk)| risk),
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
