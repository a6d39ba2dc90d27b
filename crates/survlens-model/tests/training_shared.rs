//! Data-parallel training: a mini-batch split among workers gives each row the masks of a
//! whole-batch pass, its shares' gradients sum to the whole batch's, one share is the
//! one-worker step bit for bit, a given number of shares is deterministic, a share taken
//! back from a stopped worker changes nothing, and results that do not fit are refused.

// Test helpers outside #[test] functions: a failed unwrap there is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_model::{
    Architecture, Backprop, CoxNet, DrawSpan, Dropout, HiddenWidth, NetGradient, ShardBackward,
    ShardPass, ShardTask, SurvivalData, TrainConfig, Trainer,
};

/// `n` patients with `p` uniform inputs, a hazard rising with the first two, about a third
/// censored.
fn cohort(n: usize, p: usize, seed: u64) -> SurvivalData {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let x: Vec<f32> = (0..n * p).map(|_| rng.random::<f32>()).collect();
    let mut time = Vec::with_capacity(n);
    let mut event = Vec::with_capacity(n);
    for i in 0..n {
        let eta = 2.0 * f64::from(x[i * p]) - f64::from(x[i * p + 1]);
        let t = -rng.random_range(1e-9f64..1.0).ln() / (0.1 * eta.exp());
        let c = -rng.random_range(1e-9f64..1.0).ln() / 0.05;
        time.push(t.min(c));
        event.push(t <= c);
    }
    SurvivalData::new(x, p, time, event).unwrap()
}

fn config(seed: u64) -> TrainConfig {
    TrainConfig {
        hidden_width: HiddenWidth::Fixed(48),
        input_dropout: 0.25,
        hidden_dropout: 0.5,
        learning_rate: 3e-3,
        batch_size: 200,
        stages: 2,
        epochs_per_stage: 3,
        patience: 2,
        seed,
        ..TrainConfig::default()
    }
}

fn trainer(seed: u64) -> Trainer {
    Trainer::new(config(seed), cohort(730, 9, 1), cohort(300, 9, 2)).unwrap()
}

/// Other workers, in process: each keeps the pass of the last forward task it ran.
struct Workers {
    passes: Vec<Option<ShardPass>>,
}

impl Workers {
    fn new(n: usize) -> Self {
        Self {
            passes: (0..n).map(|_| None).collect(),
        }
    }

    /// Runs every task handed out, worker `shard - 1` taking share `shard`, except the
    /// shares in `stopped`, whose workers stop instead (the trainer takes them back).
    fn serve(&mut self, trainer: &mut Trainer, stopped: &[usize]) {
        for task in trainer.take_shard_tasks() {
            match task {
                ShardTask::Forward(f) => {
                    let (step, shard) = (f.step, f.shard);
                    if stopped.contains(&shard) {
                        trainer.reclaim_shard(shard);
                        continue;
                    }
                    let (pass, risk) = ShardPass::forward(f).unwrap();
                    self.passes[shard - 1] = Some(pass);
                    trainer.accept_shard_risks(step, shard, risk).unwrap();
                }
                ShardTask::Backward(b) => {
                    let pass = self.passes[b.shard - 1].as_mut().unwrap();
                    let gradient = pass.backward(&b).unwrap().clone();
                    trainer
                        .accept_shard_gradient(b.step, b.shard, gradient)
                        .unwrap();
                }
            }
        }
    }
}

/// Runs `epochs` epochs with the batches split into `1 + others` shares.
fn run_shared(trainer: &mut Trainer, others: usize, epochs: usize, stopped: &[usize]) {
    let mut workers = Workers::new(others);
    let mut done = 0;
    while done < epochs && !trainer.is_finished() {
        let mut progress = trainer.share_batch(others).unwrap();
        while progress.is_none() {
            workers.serve(trainer, stopped);
            assert!(
                !trainer.awaiting_shards(),
                "every task was answered or taken back"
            );
            progress = trainer.advance_shared().unwrap();
        }
        assert!(!trainer.shared_in_flight());
        if progress.unwrap().epoch_summary.is_some() {
            done += 1;
        }
    }
}

fn flat(net: &CoxNet) -> Vec<f32> {
    net.layers()
        .iter()
        .flat_map(|l| l.weight().iter().chain(l.bias()).copied())
        .collect()
}

#[test]
fn one_share_is_the_one_worker_step_bit_for_bit() {
    let mut alone = trainer(5);
    for _ in 0..3 {
        alone.run_epoch().unwrap();
    }
    let mut shared = trainer(5);
    run_shared(&mut shared, 0, 3, &[]);
    assert_eq!(alone.network(), shared.network());
    assert_eq!(alone.history(), shared.history());
}

#[test]
fn a_split_batch_gets_the_whole_batch_masks_and_gradient() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let arch = Architecture {
        n_inputs: 13,
        hidden: vec![70, 20],
        input_dropout: 0.3,
        hidden_dropout: 0.5,
    };
    let net = CoxNet::init(&arch, &mut rng).unwrap();
    let n = 37;
    let x: Vec<f32> = (0..n * 13).map(|_| rng.random::<f32>()).collect();
    let grad: Vec<f64> = (0..n).map(|_| rng.random_range(-1.0..1.0)).collect();
    let rows: Vec<usize> = (0..n).collect();
    // The whole batch, after 5 batches' draws of the stream.
    let mut masks = Dropout::new(0.3, 0.5, 8, 2).unwrap();
    let start = 5 * masks.batch_draws(&net, n);
    masks.seek(start);
    let mut whole = Backprop::new(&net);
    let risk = whole
        .forward(&net, &x, &rows, Some(&mut masks))
        .unwrap()
        .to_vec();
    assert_eq!(masks.position(), start + masks.batch_draws(&net, n));
    whole.backward(&net, &grad).unwrap();
    // Three uneven parts of it.
    let mut sum: Option<NetGradient> = None;
    for part in [0..9, 9..30, 30..37] {
        let mut masks = Dropout::new(0.3, 0.5, 8, 2).unwrap();
        let span = DrawSpan {
            batch_start: start,
            batch_rows: n,
            first_row: part.start,
        };
        let mut bp = Backprop::new(&net);
        let part_rows: Vec<usize> = part.clone().collect();
        let part_risk = bp
            .forward_span(&net, &x, &part_rows, Some((&mut masks, span)))
            .unwrap();
        for (a, b) in part_risk.iter().zip(&risk[part.clone()]) {
            assert!((a - b).abs() <= 1e-5 * b.abs().max(1.0), "{a} vs {b}");
        }
        bp.backward(&net, &grad[part]).unwrap();
        match &mut sum {
            Some(s) => s.add(bp.gradient()).unwrap(),
            None => sum = Some(bp.gradient().clone()),
        }
    }
    let sum = sum.unwrap();
    let whole = whole.gradient();
    let scale = whole.norm();
    assert!(scale > 0.1, "a gradient to compare: {scale}");
    for (a, b) in sum.layers().iter().zip(whole.layers()) {
        for (x, y) in a
            .weight
            .iter()
            .zip(&b.weight)
            .chain(a.bias.iter().zip(&b.bias))
        {
            assert!(
                f64::from((x - y).abs()) <= 1e-5 * scale,
                "{x} vs {y}, norm {scale}"
            );
        }
    }
}

#[test]
fn three_shares_are_deterministic_and_train_like_one() {
    let run = |stopped: &[usize]| {
        let mut t = trainer(7);
        run_shared(&mut t, 2, 3, stopped);
        t
    };
    let a = run(&[]);
    let b = run(&[]);
    assert_eq!(a.network(), b.network(), "same shares, same bits");
    assert_eq!(a.history(), b.history());
    // A stopped worker's share, computed by the trainer with the same masks.
    let c = run(&[2]);
    assert_eq!(
        a.network(),
        c.network(),
        "a share taken back changes nothing"
    );

    // Against one worker: only the order of the gradient's sum differs, so the epochs'
    // losses agree closely (Adam's first steps magnify rounding in tiny gradients, so the
    // weights are compared through what they do, not bit by bit).
    let mut alone = trainer(7);
    for _ in 0..3 {
        alone.run_epoch().unwrap();
    }
    let (one, three) = (flat(alone.network()), flat(a.network()));
    assert_ne!(one, three, "the sums' order differs");
    for (x, y) in alone.history().iter().zip(a.history()) {
        let rel = (x.validation_loss - y.validation_loss).abs() / x.validation_loss.abs();
        assert!(
            rel < 1e-3,
            "epoch {}: {} vs {}",
            x.epoch,
            x.validation_loss,
            y.validation_loss
        );
    }
}

#[test]
fn one_worker_steps_finish_a_batch_left_in_flight() {
    let mut alone = trainer(11);
    alone.run_epoch().unwrap();
    let mut left = trainer(11);
    assert!(left.share_batch(2).unwrap().is_none());
    // The tasks go nowhere: the next one-worker call finishes the batch itself.
    let tasks = left.take_shard_tasks();
    assert_eq!(tasks.len(), 2);
    assert!(left.run_epoch().unwrap().epoch_summary.is_some());
    assert!(!left.shared_in_flight());
    // The split batch's sum differs from the whole batch's by rounding only.
    let (x, y) = (
        alone.history()[0].validation_loss,
        left.history()[0].validation_loss,
    );
    assert!((x - y).abs() < 1e-3 * x.abs(), "{x} vs {y}");
}

#[test]
fn results_that_do_not_fit_are_refused() {
    let mut t = trainer(13);
    assert!(t.share_batch(1).unwrap().is_none());
    let Some(ShardTask::Forward(f)) = t.take_shard_tasks().pop() else {
        panic!("one forward task")
    };
    let (step, shard) = (f.step, f.shard);
    let (mut pass, risk) = ShardPass::forward(f).unwrap();
    assert!(t.accept_shard_risks(step + 1, shard, risk.clone()).is_err());
    assert!(t.accept_shard_risks(step, shard + 1, risk.clone()).is_err());
    assert!(
        t.accept_shard_risks(step, shard, risk[1..].to_vec())
            .is_err()
    );
    assert!(t.awaiting_shards() || t.advance_shared().unwrap().is_none());
    t.accept_shard_risks(step, shard, risk.clone()).unwrap();
    assert!(
        t.accept_shard_risks(step, shard, risk).is_err(),
        "a second answer"
    );
    // Another share's backward task is refused by the pass.
    let other = ShardBackward {
        step,
        shard: shard + 1,
        grad: vec![0.0; 100],
    };
    assert!(pass.backward(&other).is_err());
    // Inputs that are not whole rows.
    let mut t = trainer(13);
    t.share_batch(1).unwrap();
    let Some(ShardTask::Forward(mut f)) = t.take_shard_tasks().pop() else {
        panic!("one forward task")
    };
    f.x.pop();
    assert!(ShardPass::forward(f).is_err());
}
