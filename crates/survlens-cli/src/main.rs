//! `survlens`: the command-line face of the survlens libraries. Each subcommand parses its
//! arguments, calls one library function and prints machine-readable output; no logic lives
//! here.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

mod demo;

/// Explain survival predictions in oncology: deep Cox networks and layer-wise relevance
/// propagation.
#[derive(Parser)]
#[command(name = "survlens", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the page's demo natively: synthetic cohort, training, LRP for every patient.
    Demo(demo::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<()> = match cli.command {
        Command::Demo(args) => demo::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("survlens: {e:#}");
            ExitCode::from(2)
        }
    }
}
