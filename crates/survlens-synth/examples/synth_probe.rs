//! Prints summary figures of a generated cohort, for tuning presets by hand:
//! `cargo run --release -p survlens-synth --example synth_probe -- [teaching|pan] [n] [top]`.
#![allow(missing_docs)]
use survlens_synth::{Preset, SynthConfig, generate};

fn harrell(time: &[f64], event: &[bool], risk: &[f64]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for i in 0..time.len() {
        if !event[i] {
            continue;
        }
        for j in 0..time.len() {
            if time[j] > time[i] {
                den += 1.0;
                if risk[i] > risk[j] {
                    num += 1.0
                } else if risk[i] == risk[j] {
                    num += 0.5
                }
            }
        }
    }
    num / den
}

/// Errors (a cohort size the generator refuses, say) are printed, not panicked.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let preset = if args.get(1).map(String::as_str) == Some("pan") {
        Preset::PanCancer
    } else {
        Preset::Teaching
    };
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(15_726);
    let t0 = std::time::Instant::now();
    let c = generate(&SynthConfig {
        n_patients: n,
        seed: 42,
        preset,
    })?;
    println!(
        "generated {} x {} in {:?}",
        c.n_patients(),
        c.n_markers(),
        t0.elapsed()
    );
    println!("event rate {:.3}", c.event_rate());
    let mut t: Vec<f64> = c.time_days.clone();
    t.sort_by(f64::total_cmp);
    println!("median time {}", t[t.len() / 2]);
    let k = n.min(16_000);
    println!(
        "oracle harrell C (first {k}) {:.4}",
        harrell(&c.time_days[..k], &c.event[..k], &c.truth.log_hazard[..k])
    );
    let lp: Vec<f64> = c
        .truth
        .log_hazard
        .iter()
        .zip(&c.truth.entity_log_hazard)
        .map(|(a, b)| a - f64::from(*b))
        .collect();
    let mean = lp.iter().sum::<f64>() / n as f64;
    let sd = (lp.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64).sqrt();
    println!("lp mean {mean:.3} sd {sd:.3}");
    for (e, ent) in c.entities.iter().enumerate() {
        let idx: Vec<usize> = (0..n).filter(|&i| c.entity[i] as usize == e).collect();
        let mut ts: Vec<f64> = idx.iter().map(|&i| c.time_days[i]).collect();
        ts.sort_by(f64::total_cmp);
        let ev = idx.iter().filter(|&&i| c.event[i]).count() as f64 / idx.len().max(1) as f64;
        println!(
            "{:<24} n {:>5} ev {:.2} median t {:>6}",
            ent.id,
            idx.len(),
            ev,
            ts.get(ts.len() / 2).copied().unwrap_or(0.0)
        );
    }
    let m = c.n_markers();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| {
        c.truth.markers[b]
            .importance
            .total_cmp(&c.truth.markers[a].importance)
    });
    for &j in order
        .iter()
        .take(args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20))
    {
        let col = c.column(j);
        let miss = col.iter().filter(|v| v.is_nan()).count() as f64 / n as f64;
        let obs: Vec<f32> = col.iter().copied().filter(|v| !v.is_nan()).collect();
        let mean = obs.iter().map(|&v| f64::from(v)).sum::<f64>() / obs.len().max(1) as f64;
        println!(
            "{:<28} imp {:.3} miss {:.2} mean {:>8.2}  {}",
            c.markers[j].id,
            c.truth.markers[j].importance,
            miss,
            mean,
            c.truth.markers[j].effect.clone().unwrap_or_default()
        );
    }
    for it in &c.truth.interactions {
        println!("{} imp {:.3} {}", it.id, it.importance, it.formula);
    }
    Ok(())
}
