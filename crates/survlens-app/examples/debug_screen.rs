use survlens_app::crossfit::*;
use survlens_app::interaction_calibration::search_training;
use survlens_data::EncoderConfig;
use survlens_synth::{Preset, SynthConfig, generate_scaled};
use survlens_xai::interactions::*;

fn main() {
    let seed: u64 = std::env::args().nth(1).map_or(42, |s| s.parse().unwrap());
    let n: usize = std::env::args()
        .nth(2)
        .map_or(15726, |s| s.parse().unwrap());
    let preset = if std::env::args().nth(3).as_deref() == Some("planted") {
        Preset::Planted
    } else {
        Preset::PanCancer
    };
    let syn = generate_scaled(
        &SynthConfig {
            n_patients: n,
            seed,
            preset,
        },
        1.0,
    )
    .unwrap();
    let cohort = syn.to_cohort().unwrap();
    let enc = EncoderConfig::default().fit(cohort.view()).unwrap();
    let data = CrossFitData::from_cohort(&cohort, &enc).unwrap();
    let view = data.view();
    let training = search_training();
    let rows = fold_rows(n, view.strata, 5, training.seed).unwrap();
    let fold = &rows[0];
    let t0 = std::time::Instant::now();
    let net = train_on(&view, fold, &training, |_| {}).unwrap();
    eprintln!("trained in {:.1}s", t0.elapsed().as_secs_f64());
    let mut screen_rows: Vec<usize> = fold.train.iter().chain(&fold.validation).copied().collect();
    screen_rows.sort_unstable();
    let idx = |id: &str| data.names.iter().position(|x| x == id).unwrap();
    let planted: Vec<(usize, usize, String)> = syn
        .truth
        .interactions
        .iter()
        .map(|t| {
            let (a, b) = (idx(&t.markers[0]), idx(&t.markers[1]));
            (a.min(b), a.max(b), t.id.clone())
        })
        .collect();
    let inputs = ScreenData {
        x: view.x,
        to_marker: view.to_marker,
        missing_indicator: view.missing_indicator,
        strata: view.strata,
    };
    let t0 = std::time::Instant::now();
    let res = screen_pairs(
        &net,
        &inputs,
        &screen_rows,
        view.excluded,
        ScreenSettings::default(),
    )
    .unwrap();
    eprintln!("screened in {:.1}s", t0.elapsed().as_secs_f64());
    let outcomes = OutcomeData {
        times: view.time,
        events: view.event,
        strata: view.strata,
        values: view.values,
        scales: view.scales,
    };
    let d = view.to_marker.n_columns();
    let xs: Vec<f32> = screen_rows
        .iter()
        .flat_map(|&i| view.x[i * d..(i + 1) * d].iter().copied())
        .collect();
    let risk: Vec<f64> = net
        .predict(&xs, screen_rows.len())
        .into_iter()
        .map(f64::from)
        .collect();
    let t0 = std::time::Instant::now();
    let scored = score_pairs(&outcomes, &screen_rows, &risk, &res.candidates).unwrap();
    eprintln!("scored in {:.1}s", t0.elapsed().as_secs_f64());
    for (a, b, id) in &planted {
        let nr = res.pairs.iter().position(|p| p.a == *a && p.b == *b);
        let np = nr.map(|r| res.pairs[r]);
        let sr = scored.iter().position(|p| p.a == *a && p.b == *b);
        println!(
            "{id:28} net rank {:?} H2 {:.2e} moved {:?} | score rank {:?} chi2 {:.1}",
            nr.map(|r| r + 1),
            np.map_or(0.0, |p| p.strength),
            np.map(|p| p.patients),
            sr.map(|r| r + 1),
            sr.map_or(0.0, |r| scored[r].chi2)
        );
    }
    // Symmetric row effects of log H2 by alternating medians.
    let m = data.names.len();
    let usable: Vec<_> = res
        .pairs
        .iter()
        .filter(|p| p.strength > 0.0 && p.patients >= 10)
        .collect();
    let mut r = vec![0.0f64; m];
    let mut mu = 0.0;
    for _ in 0..20 {
        let mut res_m: Vec<f64> = usable
            .iter()
            .map(|p| p.strength.ln() - r[p.a] - r[p.b])
            .collect();
        res_m.sort_by(f64::total_cmp);
        mu = res_m[res_m.len() / 2];
        let mut per: Vec<Vec<f64>> = vec![Vec::new(); m];
        for p in &usable {
            let e = p.strength.ln() - mu;
            per[p.a].push(e - r[p.b]);
            per[p.b].push(e - r[p.a]);
        }
        for j in 0..m {
            if !per[j].is_empty() {
                per[j].sort_by(f64::total_cmp);
                r[j] = per[j][per[j].len() / 2];
            }
        }
    }
    let mut ex: Vec<(f64, usize, usize)> = usable
        .iter()
        .map(|p| (p.strength.ln() - mu - r[p.a] - r[p.b], p.a, p.b))
        .collect();
    ex.sort_by(|x, y| y.0.total_cmp(&x.0));
    for (a, b, id) in &planted {
        let k = ex.iter().position(|e| e.1 == *a && e.2 == *b);
        println!(
            "{id:28} excess rank {:?} {:.2}",
            k.map(|k| k + 1),
            k.map_or(0.0, |k| ex[k].0)
        );
    }
    println!("top excess:");
    for e in ex.iter().take(15) {
        println!("  {} x {} {:.2}", data.names[e.1], data.names[e.2], e.0);
    }
    for (kind, pen) in [
        (survlens_model::BaselineKind::Hinge, 1e-2),
        (survlens_model::BaselineKind::Linear, 1e-2),
        (survlens_model::BaselineKind::Hinge, 3e-3),
    ] {
        let t0 = std::time::Instant::now();
        let tr_t: Vec<f64> = screen_rows.iter().map(|&i| view.time[i]).collect();
        let tr_e: Vec<bool> = screen_rows.iter().map(|&i| view.event[i]).collect();
        let base = survlens_model::BaselineCox::fit_with_penalizer(kind, &xs, d, &tr_t, &tr_e, pen)
            .unwrap();
        let brisk = base.log_risk(&xs, screen_rows.len()).unwrap();
        let fitted = t0.elapsed().as_secs_f64();
        let sc = score_pairs(&outcomes, &screen_rows, &brisk, &res.candidates).unwrap();
        println!("{kind:?} {pen} fitted in {fitted:.1}s");
        for (a, b, id) in &planted {
            let r = sc.iter().position(|p| p.a == *a && p.b == *b).unwrap();
            println!("   {id:28} rank {} chi2 {:.1}", r + 1, sc[r].chi2);
        }
        for p in sc.iter().take(12) {
            println!(
                "     top {} x {} {:.1}",
                data.names[p.a], data.names[p.b], p.chi2
            );
        }
    }
    let all: Vec<usize> = (0..n).collect();
    let k = syn.truth.interactions.len();
    let strata_all: Vec<u32> = all.iter().map(|&i| view.strata[i]).collect();
    for (q, (a, b, id)) in planted.iter().enumerate() {
        let off: Vec<f64> = all
            .iter()
            .map(|&i| {
                syn.truth.log_hazard[i] - f64::from(syn.truth.interaction_contributions[i * k + q])
            })
            .collect();
        let t = test_pair(
            &outcomes,
            *a,
            *b,
            &TestSample {
                rows: &all,
                risk: &off,
                stratum: &strata_all,
            },
            view.excluded,
        )
        .unwrap();
        let xt: Vec<f32> = fold
            .test
            .iter()
            .flat_map(|&i| view.x[i * d..(i + 1) * d].iter().copied())
            .collect();
        let rt: Vec<f64> = net
            .predict(&xt, fold.test.len())
            .into_iter()
            .map(f64::from)
            .collect();
        let st: Vec<u32> = fold.test.iter().map(|&i| view.strata[i]).collect();
        let t2 = test_pair(
            &outcomes,
            *a,
            *b,
            &TestSample {
                rows: &fold.test,
                risk: &rt,
                stratum: &st,
            },
            view.excluded,
        )
        .unwrap();
        let sc = score_pairs(&outcomes, &screen_rows, &risk, &[*a, *b]).unwrap();
        let offtr: Vec<f64> = screen_rows
            .iter()
            .map(|&i| {
                syn.truth.log_hazard[i] - f64::from(syn.truth.interaction_contributions[i * k + q])
            })
            .collect();
        let sc2 = score_pairs(&outcomes, &screen_rows, &offtr, &[*a, *b]).unwrap();
        println!(
            "{id:28} oracle-offset all: LR {:.1} HR {:.2} | net fold0 test: LR {:.1} | score train net {:.1} oracle {:.1} adj {:?}",
            t.lr_statistic.unwrap_or(0.0),
            t.hazard_ratio.unwrap_or(0.0),
            t2.lr_statistic.unwrap_or(0.0),
            sc[0].chi2,
            sc2[0].chi2,
            t.adjusted_for
                .iter()
                .map(|&j| data.names[j].clone())
                .collect::<Vec<_>>()
        );
    }
    let truth_all: Vec<f64> = syn.truth.log_hazard.clone();
    for (x, y) in [
        ("ecog", "line_of_therapy"),
        ("ecog", "appetite_loss"),
        ("lab_neutrophils", "tx_anti_pd1"),
    ] {
        let t = test_pair(
            &outcomes,
            idx(x),
            idx(y),
            &TestSample {
                rows: &all,
                risk: &truth_all,
                stratum: &strata_all,
            },
            view.excluded,
        )
        .unwrap();
        println!(
            "{x} x {y} with true offset: LR {:.1} p {:.2e} HR {:.3}",
            t.lr_statistic.unwrap_or(0.0),
            t.p_value,
            t.hazard_ratio.unwrap_or(0.0)
        );
    }
    println!("top scored:");
    for p in scored.iter().take(15) {
        println!(
            "  {} x {} chi2 {:.1}",
            data.names[p.a], data.names[p.b], p.chi2
        );
    }
    println!("top net:");
    for p in res.pairs.iter().take(10) {
        println!(
            "  {} x {} H2 {:.2e} moved {}",
            data.names[p.a], data.names[p.b], p.strength, p.patients
        );
    }
}
