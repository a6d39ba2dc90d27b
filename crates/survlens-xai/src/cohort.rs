//! From patient relevances to cohort figures: marker importance (mean |relevance|) over a
//! cohort or subgroup, the key markers that carry a given share of it, the entity x marker
//! importance matrix, dependence data (a marker's value against its relevance) and
//! importance per modality.
//!
//! Everything here reads plain row-major slices, so the view-model and the command line
//! call it with whatever relevances they hold (markers or encoded inputs alike):
//!
//! - relevances `n_patients x n_markers`, log-risk units (one LRP or attribution pass,
//!   grouped into markers with [`crate::Grouping`]);
//! - values `n_patients x n_markers` in the marker's own units, NaN where missing;
//! - entity codes `0..n_entities`, one per patient.
//!
//! **Importance** of marker `m` over patients `P`: Keyl et al. (Nature Cancer 2025,
//! Methods) rank markers by how much of the network's decisions they carry but do not spell
//! out how patient relevances are aggregated; this is our documented reading of it:
//! `I_m = (1/|P|) sum_{p in P} |R_pm|`, accumulated in `f64`. Its sign-free mean says how
//! much of the network's decisions go through the marker, whether it raises or lowers risk.
//! **Key markers**: rank markers by decreasing `I_m` (ties by index) and keep the fewest
//! whose cumulative share `sum_{k <= r} I_(k) / sum_m I_m` reaches a threshold (the study:
//! 0.9, 114 of 350 markers).

use crate::XaiError;
use crate::grouping::Grouping;

/// The study's share of the network's decisions that the key markers carry: Keyl et al.
/// (Nature Cancer 2025) report 114 key markers accounting for 90% of the network's
/// decision process.
pub const KEY_MARKER_SHARE: f64 = 0.9;

/// A cohort's relevances, checked once for shape: `n_patients x n_markers`, row-major.
#[derive(Clone, Copy, Debug)]
pub struct CohortRelevance<'a> {
    relevance: &'a [f32],
    n_patients: usize,
    n_markers: usize,
}

/// Mean |relevance| per marker over a set of patients.
#[derive(Clone, Debug, PartialEq)]
pub struct Importance {
    /// `I_m` per marker, log-risk units, marker order.
    pub per_marker: Vec<f64>,
    /// Number of patients averaged over.
    pub n_patients: usize,
}

/// Markers ranked by importance, with the cumulative share of total importance.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyMarkers {
    /// All markers, most important first (ties: lower index first).
    pub ranking: Vec<usize>,
    /// Cumulative share of total importance after each rank, in `[0, 1]`, non-decreasing,
    /// `1` at the last marker with non-zero importance. All zero when every importance is
    /// zero.
    pub cumulative_share: Vec<f64>,
    /// The threshold asked for.
    pub threshold: f64,
    /// How many of the first ranked markers reach the threshold: the key markers are
    /// `ranking[..n_key]`. Zero when every importance is zero.
    pub n_key: usize,
}

impl KeyMarkers {
    /// The key markers, most important first.
    pub fn key(&self) -> &[usize] {
        &self.ranking[..self.n_key]
    }
}

/// Importance per entity: one row per entity code.
///
/// # Shapes
/// `values`: `n_entities x n_markers`, row-major; `counts`: `n_entities`.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityImportance {
    /// Number of entities (rows).
    pub n_entities: usize,
    /// Number of markers (columns).
    pub n_markers: usize,
    /// Mean |relevance| of each marker within each entity; a row of zeros for an entity
    /// without patients (see `counts`).
    pub values: Vec<f64>,
    /// Number of patients of each entity.
    pub counts: Vec<usize>,
}

/// One patient's point of a dependence plot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DependencePoint {
    /// Row of the patient.
    pub patient: usize,
    /// The marker's value, in the units of the values given.
    pub value: f32,
    /// The marker's relevance for this patient, log-risk units.
    pub relevance: f32,
}

/// Dependence data of one marker: its value against its relevance, patient by patient.
#[derive(Clone, Debug, PartialEq)]
pub struct Dependence {
    /// The marker.
    pub marker: usize,
    /// Patients with an observed value, in row order.
    pub points: Vec<DependencePoint>,
    /// Patients whose value is missing (NaN): `(row, relevance)`, in row order. Their
    /// relevance is that of the imputed value and the missing indicator.
    pub missing: Vec<(usize, f32)>,
}

impl<'a> CohortRelevance<'a> {
    /// Wraps `relevance`, `n_patients x n_markers` row-major.
    ///
    /// # Errors
    /// [`XaiError::Shape`] when `relevance.len() != n_patients * n_markers`.
    pub fn new(
        relevance: &'a [f32],
        n_patients: usize,
        n_markers: usize,
    ) -> Result<Self, XaiError> {
        let expected = n_patients.saturating_mul(n_markers);
        if relevance.len() != expected {
            return Err(XaiError::Shape {
                what: "cohort relevances",
                expected,
                found: relevance.len(),
            });
        }
        Ok(Self {
            relevance,
            n_patients,
            n_markers,
        })
    }

    /// Number of patients (rows).
    pub fn n_patients(&self) -> usize {
        self.n_patients
    }

    /// Number of markers (columns).
    pub fn n_markers(&self) -> usize {
        self.n_markers
    }

    /// One patient's relevances; the caller guarantees `p < n_patients`.
    fn row(&self, p: usize) -> &[f32] {
        &self.relevance[p * self.n_markers..(p + 1) * self.n_markers]
    }

    /// One marker's relevance for every patient, in row order.
    ///
    /// # Errors
    /// [`XaiError::MarkerOutOfRange`].
    pub fn column(&self, marker: usize) -> Result<Vec<f32>, XaiError> {
        self.check_marker("relevance column", marker)?;
        Ok((0..self.n_patients)
            .map(|p| self.relevance[p * self.n_markers + marker])
            .collect())
    }

    fn check_marker(&self, what: &'static str, marker: usize) -> Result<(), XaiError> {
        if marker >= self.n_markers {
            return Err(XaiError::MarkerOutOfRange {
                what,
                marker,
                n_markers: self.n_markers,
            });
        }
        Ok(())
    }

    /// Importance of every marker over the whole cohort.
    ///
    /// # Errors
    /// [`XaiError::EmptyCohort`] for a cohort without patients.
    pub fn importance(&self) -> Result<Importance, XaiError> {
        self.mean_abs((0..self.n_patients).map(|p| self.row(p)), self.n_patients)
    }

    /// Importance of every marker over the subgroup `rows` (a patient listed twice counts
    /// twice).
    ///
    /// # Errors
    /// [`XaiError::EmptyCohort`] for an empty subgroup, [`XaiError::PatientOutOfRange`].
    pub fn subgroup_importance(&self, rows: &[usize]) -> Result<Importance, XaiError> {
        if let Some(&row) = rows.iter().find(|&&r| r >= self.n_patients) {
            return Err(XaiError::PatientOutOfRange {
                what: "subgroup",
                row,
                n_patients: self.n_patients,
            });
        }
        self.mean_abs(rows.iter().map(|&p| self.row(p)), rows.len())
    }

    fn mean_abs<'r>(
        &self,
        rows: impl Iterator<Item = &'r [f32]>,
        count: usize,
    ) -> Result<Importance, XaiError> {
        if count == 0 {
            return Err(XaiError::EmptyCohort {
                what: "marker importance",
            });
        }
        let mut sum = vec![0.0f64; self.n_markers];
        for row in rows {
            sum.iter_mut()
                .zip(row)
                .for_each(|(s, &r)| *s += f64::from(r).abs());
        }
        sum.iter_mut().for_each(|s| *s /= count as f64);
        Ok(Importance {
            per_marker: sum,
            n_patients: count,
        })
    }

    /// Importance of every marker within each entity.
    ///
    /// # Shapes
    /// `entity`: `n_patients` codes in `0..n_entities`.
    ///
    /// # Errors
    /// [`XaiError::Shape`] for a code list of another length, [`XaiError::GroupOutOfRange`]
    /// naming the first patient with a code `>= n_entities`.
    pub fn entity_importance(
        &self,
        entity: &[usize],
        n_entities: usize,
    ) -> Result<EntityImportance, XaiError> {
        if entity.len() != self.n_patients {
            return Err(XaiError::Shape {
                what: "entity codes",
                expected: self.n_patients,
                found: entity.len(),
            });
        }
        let m = self.n_markers;
        let mut values = vec![0.0f64; n_entities * m];
        let mut counts = vec![0usize; n_entities];
        for (p, &e) in entity.iter().enumerate() {
            if e >= n_entities {
                return Err(XaiError::GroupOutOfRange {
                    column: p,
                    group: e,
                    n_groups: n_entities,
                });
            }
            counts[e] += 1;
            values[e * m..(e + 1) * m]
                .iter_mut()
                .zip(self.row(p))
                .for_each(|(s, &r)| *s += f64::from(r).abs());
        }
        for (row, &c) in values.chunks_exact_mut(m.max(1)).zip(&counts) {
            if c > 0 {
                row.iter_mut().for_each(|s| *s /= c as f64);
            }
        }
        Ok(EntityImportance {
            n_entities,
            n_markers: m,
            values,
            counts,
        })
    }

    /// Dependence data of `marker`: each patient's value against its relevance.
    ///
    /// # Shapes
    /// `values`: `n_patients x n_markers`, row-major, NaN where missing (the same layout as
    /// the relevances).
    ///
    /// # Errors
    /// [`XaiError::Shape`] for values of another shape, [`XaiError::MarkerOutOfRange`].
    pub fn dependence(&self, marker: usize, values: &[f32]) -> Result<Dependence, XaiError> {
        self.check_marker("dependence", marker)?;
        if values.len() != self.relevance.len() {
            return Err(XaiError::Shape {
                what: "marker values",
                expected: self.relevance.len(),
                found: values.len(),
            });
        }
        let mut points = Vec::with_capacity(self.n_patients);
        let mut missing = Vec::new();
        for p in 0..self.n_patients {
            let k = p * self.n_markers + marker;
            let (value, relevance) = (values[k], self.relevance[k]);
            if value.is_nan() {
                missing.push((p, relevance));
            } else {
                points.push(DependencePoint {
                    patient: p,
                    value,
                    relevance,
                });
            }
        }
        Ok(Dependence {
            marker,
            points,
            missing,
        })
    }
}

impl Importance {
    /// Sum of all markers' importances.
    pub fn total(&self) -> f64 {
        self.per_marker.iter().sum()
    }

    /// Markers by decreasing importance; ties (and NaN, which never arises from finite
    /// relevances) by increasing index, so the ranking is reproducible.
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.per_marker.len()).collect();
        order.sort_by(|&a, &b| {
            self.per_marker[b]
                .total_cmp(&self.per_marker[a])
                .then(a.cmp(&b))
        });
        order
    }

    /// The fewest markers whose cumulative share of total importance reaches `threshold`,
    /// with the cumulative curve over all markers. [`KEY_MARKER_SHARE`] is the study's
    /// threshold.
    ///
    /// # Errors
    /// [`XaiError::InvalidSetting`] unless `0 < threshold <= 1`.
    pub fn key_markers(&self, threshold: f64) -> Result<KeyMarkers, XaiError> {
        if !(threshold > 0.0 && threshold <= 1.0) {
            return Err(XaiError::InvalidSetting {
                setting: "key-marker threshold",
                value: threshold,
                requirement: "in (0, 1]",
            });
        }
        let ranking = self.ranking();
        // The total is the last partial sum in ranking order, so the marker that completes
        // it compares equal to `threshold * total` at threshold 1 despite rounding.
        let mut partial = Vec::with_capacity(ranking.len());
        let mut acc = 0.0f64;
        for &m in &ranking {
            acc += self.per_marker[m];
            partial.push(acc);
        }
        let total = acc;
        if total <= 0.0 {
            return Ok(KeyMarkers {
                cumulative_share: vec![0.0; ranking.len()],
                ranking,
                threshold,
                n_key: 0,
            });
        }
        let target = threshold * total;
        let n_key = partial
            .iter()
            .position(|&s| s >= target)
            .map_or(ranking.len(), |k| k + 1);
        Ok(KeyMarkers {
            cumulative_share: partial.iter().map(|s| (s / total).min(1.0)).collect(),
            ranking,
            threshold,
            n_key,
        })
    }

    /// Importance per modality (or any partition of the markers): the sum of its markers'
    /// importances, so that modality shares add up to the markers' total.
    ///
    /// # Errors
    /// [`XaiError::Shape`] when `marker_to_modality` does not group exactly these markers.
    pub fn by_group(&self, marker_to_modality: &Grouping) -> Result<Vec<f64>, XaiError> {
        if marker_to_modality.n_columns() != self.per_marker.len() {
            return Err(XaiError::Shape {
                what: "marker-to-modality map",
                expected: self.per_marker.len(),
                found: marker_to_modality.n_columns(),
            });
        }
        let mut totals = vec![0.0f64; marker_to_modality.n_groups()];
        for (&g, &v) in marker_to_modality.group_of().iter().zip(&self.per_marker) {
            totals[g] += v;
        }
        Ok(totals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Three patients, three markers; importance by hand: mean |R| per column.
    const R: [f32; 9] = [1.0, -0.5, 0.0, -3.0, 0.5, 0.25, 2.0, 0.0, -0.25];

    #[test]
    fn importance_is_mean_absolute_relevance() {
        let c = CohortRelevance::new(&R, 3, 3).unwrap();
        let imp = c.importance().unwrap();
        // exact in f64: (1 + 3 + 2) / 3, (0.5 + 0.5) / 3, 0.5 / 3
        assert_eq!(imp.per_marker, vec![2.0, 1.0 / 3.0, 0.5 / 3.0]);
        let sub = c.subgroup_importance(&[1, 1]).unwrap();
        assert_eq!(sub.per_marker, vec![3.0, 0.5, 0.25]);
        assert!(matches!(
            c.subgroup_importance(&[]),
            Err(XaiError::EmptyCohort { .. })
        ));
        assert!(matches!(
            c.subgroup_importance(&[3]),
            Err(XaiError::PatientOutOfRange { row: 3, .. })
        ));
    }

    #[test]
    fn key_markers_are_the_fewest_reaching_the_share() {
        let imp = Importance {
            per_marker: vec![1.0, 6.0, 0.0, 3.0],
            n_patients: 1,
        };
        let key = imp.key_markers(0.9).unwrap();
        assert_eq!(key.ranking, vec![1, 3, 0, 2]);
        assert_eq!(key.cumulative_share, vec![0.6, 0.9, 1.0, 1.0]);
        assert_eq!(key.key(), &[1, 3]);
        assert_eq!(imp.key_markers(1.0).unwrap().key(), &[1, 3, 0]);
        assert_eq!(imp.key_markers(0.5).unwrap().key(), &[1]);
        for bad in [0.0, -0.1, 1.5, f64::NAN] {
            assert!(imp.key_markers(bad).is_err());
        }
        let zero = Importance {
            per_marker: vec![0.0; 3],
            n_patients: 2,
        };
        assert_eq!(zero.key_markers(0.9).unwrap().n_key, 0);
    }

    #[test]
    fn entities_dependence_and_modalities() {
        let c = CohortRelevance::new(&R, 3, 3).unwrap();
        let e = c.entity_importance(&[0, 2, 0], 3).unwrap();
        assert_eq!(e.counts, vec![2, 0, 1]);
        assert_eq!(&e.values[..3], &[1.5, 0.25, 0.125]);
        assert_eq!(&e.values[3..6], &[0.0, 0.0, 0.0]);
        assert_eq!(&e.values[6..], &[3.0, 0.5, 0.25]);
        assert!(c.entity_importance(&[0, 3, 0], 3).is_err());

        let values = [0.5, 1.0, f32::NAN, 0.1, f32::NAN, 2.0, 0.9, 0.0, 3.0];
        let d = c.dependence(1, &values).unwrap();
        assert_eq!(d.missing, vec![(1, 0.5)]);
        assert_eq!(d.points.len(), 2);
        assert_eq!(d.points[1].value, 0.0);
        assert_eq!(d.points[1].relevance, 0.0);
        assert!(c.dependence(3, &values).is_err());

        let imp = c.importance().unwrap();
        let modality = Grouping::new(&[1, 0, 1], 2).unwrap();
        let totals = imp.by_group(&modality).unwrap();
        assert!(
            (totals[0] - 1.0 / 3.0).abs() < 1e-15 && (totals[1] - 2.0 - 0.5 / 3.0).abs() < 1e-15
        );
    }
}
