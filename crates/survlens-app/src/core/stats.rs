//! Rank statistics shared by the views and the fidelity figures: orderings, Spearman's
//! correlation, top-k recovery. (Quantiles: [`survlens_model::quantile_sorted`].)

/// Indices by decreasing value, ties by index (NaN last).
pub fn ranking(values: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |v: f64| if v.is_nan() { f64::NEG_INFINITY } else { v };
        key(values[b]).total_cmp(&key(values[a])).then(a.cmp(&b))
    });
    order
}

/// Ranks from 1 in increasing order, tied values sharing the mean of their ranks (the
/// ranks of Spearman's correlation, scipy's `rankdata(method="average")`).
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end (0-based) share the mean of ranks start+1..=end.
        let rank = (start + end + 1) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Spearman's rank correlation: Pearson's correlation of the average ranks. `None` for
/// fewer than two pairs, different lengths, or a constant vector.
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() != b.len() || a.len() < 2 {
        return None;
    }
    let (ra, rb) = (average_ranks(a), average_ranks(b));
    let n = a.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let (mut cov, mut va, mut vb) = (0.0, 0.0, 0.0);
    for (x, y) in ra.iter().zip(&rb) {
        cov += (x - ma) * (y - mb);
        va += (x - ma) * (x - ma);
        vb += (y - mb) * (y - mb);
    }
    (va > 0.0 && vb > 0.0).then(|| cov / (va * vb).sqrt())
}

/// How many of the `k` largest `truth` entries are among the `k` largest `model` entries.
pub fn top_k_recovery(truth: &[f64], model: &[f64], k: usize) -> usize {
    let k = k.min(truth.len()).min(model.len());
    let model_top = &ranking(model)[..k];
    ranking(truth)[..k]
        .iter()
        .filter(|j| model_top.contains(j))
        .count()
}
