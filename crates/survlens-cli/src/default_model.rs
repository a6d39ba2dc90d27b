//! `survlens default-model`: trains the page's default model and writes its file.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use survlens_app::sources::default_model::{DefaultModelSpec, train_default_model};
use survlens_model::train::HiddenWidth;

/// Arguments of `survlens default-model`.
#[derive(clap::Args)]
pub struct Args {
    /// Where to write the model file (the page's is `web/models/default.json`).
    #[arg(long)]
    out: PathBuf,
    /// Hidden units instead of the documented default (for experiments only: the committed
    /// model uses the defaults).
    #[arg(long)]
    hidden_width: Option<usize>,
    /// First-stage learning rate instead of the default (experiments only).
    #[arg(long)]
    learning_rate: Option<f64>,
    /// Mini-batch size instead of the default (experiments only).
    #[arg(long)]
    batch_size: Option<usize>,
    /// Most epochs per learning-rate stage instead of the default (experiments only).
    #[arg(long)]
    epochs_per_stage: Option<usize>,
    /// Training seed (weights, shuffles, dropout, folds) instead of the default
    /// (experiments only).
    #[arg(long)]
    training_seed: Option<u64>,
}

/// Trains the default model (synthetic pan-cancer cohort, fixed seed), prints progress and
/// the held-out figures to stderr, and writes the file.
pub fn run(args: &Args) -> Result<()> {
    let mut spec = DefaultModelSpec::default();
    if let Some(w) = args.hidden_width {
        spec.training.hidden_width = HiddenWidth::Fixed(w);
    }
    if let Some(lr) = args.learning_rate {
        spec.training.learning_rate = lr;
    }
    if let Some(b) = args.batch_size {
        spec.training.batch_size = b;
    }
    if let Some(e) = args.epochs_per_stage {
        spec.training.epochs_per_stage = e;
    }
    if let Some(seed) = args.training_seed {
        spec.training.seed = seed;
    }
    let start = Instant::now();
    let model = train_default_model(&spec, |e| {
        eprintln!(
            "epoch {:3} (stage {}, lr {:.0e}): train loss {:.4}, validation loss {:.4}, \
             validation C {:.4}{}  [{:.0} s]",
            e.epoch,
            e.stage,
            e.learning_rate,
            e.train_loss,
            e.validation_loss,
            e.validation_c_index,
            if e.improved { " *" } else { "" },
            start.elapsed().as_secs_f64()
        );
        ControlFlow::Continue(())
    })
    .context("training the default model")?;
    let seconds = start.elapsed().as_secs_f64();
    let text = model.to_json()?;
    std::fs::write(&args.out, &text).with_context(|| format!("writing {}", args.out.display()))?;
    let p = &model.provenance;
    eprintln!(
        "{}\nwrote {} ({} bytes) after {seconds:.0} s\n\
         validation: C {:.4} (oracle {:.4}), {} patients\n\
         test:       C {:.4} (oracle {:.4}, gap {:+.4}), {} patients, {} events",
        model.bundle,
        args.out.display(),
        text.len(),
        p.validation.harrell_c,
        p.validation.oracle_harrell_c,
        p.validation.n_patients,
        p.test.harrell_c,
        p.test.oracle_harrell_c,
        p.test.harrell_c - p.test.oracle_harrell_c,
        p.test.n_patients,
        p.test.n_events
    );
    Ok(())
}
