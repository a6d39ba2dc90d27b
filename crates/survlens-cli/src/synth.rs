//! `survlens synth`: a synthetic cohort with its planted truth, as files.

use std::path::PathBuf;

use anyhow::{Context, Result};
use survlens_synth::{Preset, SynthConfig, TruthFile, contributions_csv, generate_scaled, to_csv};

/// Which synthetic cohort.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum PresetArg {
    /// 38 entities, 349 markers in seven modalities, about 100 prognostic, 11 interactions.
    PanCancer,
    /// 5 entities, 16 markers with large, visible effects.
    Teaching,
    /// 5 entities, 40 markers, main effects only (no interaction): for calibration.
    Additive,
    /// The additive cohort's twin with two planted interactions.
    Planted,
}

impl PresetArg {
    /// The generator's preset.
    pub fn preset(self) -> Preset {
        match self {
            PresetArg::PanCancer => Preset::PanCancer,
            PresetArg::Teaching => Preset::Teaching,
            PresetArg::Additive => Preset::Additive,
            PresetArg::Planted => Preset::Planted,
        }
    }
}

/// Arguments of `survlens synth`.
#[derive(clap::Args)]
pub struct Args {
    /// Number of patients.
    #[arg(long, default_value_t = SynthConfig::STUDY_PATIENTS)]
    patients: usize,
    /// Seed: the same seed gives the same files, byte for byte.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Which cohort.
    #[arg(long, value_enum, default_value = "pan-cancer")]
    preset: PresetArg,
    /// The cohort table: patient_id, entity, time (days), event (1 = death), one column per
    /// marker (dictionary id), empty where missing.
    #[arg(long, required_unless_present = "fhir")]
    out: Option<PathBuf>,
    /// The planted truth: settings, every marker's effect and importance, interactions.
    #[arg(long, required_unless_present = "fhir")]
    truth: Option<PathBuf>,
    /// Also write the cohort as a FHIR R4 export into this folder (created if needed), in
    /// the shape of the MII core data set: one NDJSON file per resource type, or with
    /// --fhir-bundles one transaction Bundle per patient per line of bundles.ndjson.
    /// Outcomes are not written.
    #[arg(long, value_name = "DIR")]
    fhir: Option<PathBuf>,
    /// Write the FHIR export as one transaction Bundle per patient.
    #[arg(long, requires = "fhir")]
    fhir_bundles: bool,
    /// Multiply every planted interaction's coefficient by this (0: the additive twin;
    /// the patients and their values do not change).
    #[arg(long, default_value_t = 1.0)]
    interaction_scale: f32,
    /// Each patient's true log-hazard contributions (patient_id, one column per marker, one
    /// per interaction, entity_log_hazard, log_hazard); its path is recorded in the truth.
    #[arg(long)]
    contributions: Option<PathBuf>,
}

/// Generates the cohort and writes the files.
pub fn run(args: &Args) -> Result<()> {
    let config = SynthConfig {
        n_patients: args.patients,
        seed: args.seed,
        preset: args.preset.preset(),
    };
    let cohort =
        generate_scaled(&config, args.interaction_scale).context("generating the cohort")?;
    if let Some(out) = &args.out {
        write(out, &to_csv(&cohort))?;
    }
    if let Some(path) = &args.contributions {
        write(path, &contributions_csv(&cohort))?;
    }
    if let Some(path) = &args.truth {
        let truth = TruthFile::new(
            &cohort,
            args.contributions
                .as_ref()
                .map(|p| p.to_string_lossy().into_owned()),
        );
        write(path, &truth.to_json())?;
    }
    if let Some(dir) = &args.fhir {
        write_fhir(dir, &cohort, args.fhir_bundles)?;
    }
    eprintln!(
        "{} cohort, seed {}: {} patients, {} markers, {:.1}% deaths observed",
        config.preset.name(),
        config.seed,
        cohort.n_patients(),
        cohort.n_markers(),
        100.0 * cohort.event_rate()
    );
    Ok(())
}

/// Writes the FHIR export's files into `dir`.
fn write_fhir(
    dir: &PathBuf,
    cohort: &survlens_synth::SyntheticCohort,
    bundles: bool,
) -> Result<()> {
    use survlens_fhir::export::{Layout, export};
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let catalogue = survlens_fhir::Catalogue::standard().context("the marker dictionary")?;
    let layout = if bundles {
        Layout::BundlePerPatient
    } else {
        Layout::PerResourceType
    };
    for file in export(cohort, &catalogue, layout) {
        write(&dir.join(&file.name), &file.text)?;
    }
    Ok(())
}

fn write(path: &PathBuf, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}
