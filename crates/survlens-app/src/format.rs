//! How numbers read in the page's sentences and tables: one home for each format, so that
//! every view writes a p-value or a count the same way.

/// The p-value as a clinician reads it: "< 0.001" below that, three decimals otherwise.
pub fn format_p(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".to_owned()
    } else {
        format!("{p:.3}")
    }
}

/// `n` with thousands separated by commas ("100,000").
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, d) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}
