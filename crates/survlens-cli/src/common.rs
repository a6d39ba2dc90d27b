//! What every subcommand that reads a cohort file shares: the input flags
//! ([`InputArgs`]: added missing-value codes; [`CohortArgs`]: file, time and event), reading the file with roles from the flags,
//! reporting problems with file, row and column, and printing JSON.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use serde::Serialize;
use survlens_data::{
    Cohort, ColumnRoles, ImportOptions, ImportReport, MissingCodes, import_csv, preview,
};

/// Rows read to guess the id column and list the header.
const PREVIEW_ROWS: usize = 20;

/// The cohort file and its outcome columns, flattened into the arguments of every command
/// that needs survival times (`cox`, `km`, `cindex`, `train`, `encode`, `benchmark`): one
/// spelling and one help text for all of them.
#[derive(clap::Args, Debug, Clone)]
pub struct CohortArgs {
    /// Cohort file (CSV or TSV with a header row).
    #[arg(long)]
    pub data: PathBuf,
    /// Survival time column.
    #[arg(long)]
    pub time: String,
    /// Event column (1 = event, 0 = censored).
    #[arg(long)]
    pub event: String,
}

/// The flags of every command that reads a cohort file, flattened into its arguments.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// More codes read as missing in every column, comma separated: text in any letter
    /// case, numbers by value (e.g. "unknown,none,-9"). Always missing: the empty cell,
    /// NA, N/A, #N/A, NaN, NULL, ".", "?", "missing", SAS/Stata ".A" to ".Z" and the other
    /// codes listed in survlens_data::cell.
    #[arg(long, value_name = "CODES", allow_hyphen_values = true)]
    pub missing_codes: Option<String>,
}

impl InputArgs {
    /// The added codes, checked.
    pub fn codes(&self) -> Result<MissingCodes> {
        match &self.missing_codes {
            Some(text) => MissingCodes::parse_list(text).context("--missing-codes"),
            None => Ok(MissingCodes::none()),
        }
    }

    /// Import settings: the defaults with the added codes.
    pub fn options(&self) -> Result<ImportOptions> {
        Ok(ImportOptions {
            missing_codes: self.codes()?,
            ..ImportOptions::default()
        })
    }

    /// Import settings for applying a model to new patients: time and event columns are
    /// used when the file has them and not required, nor are events.
    pub fn prediction_options(&self) -> Result<ImportOptions> {
        Ok(ImportOptions {
            require_events: false,
            require_outcome: false,
            ..self.options()?
        })
    }
}

/// The bytes of `path`, with the path in the message when it cannot be read.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// A cohort file read once: its bytes and the name used in messages (the path as given).
pub struct CohortFile {
    bytes: Vec<u8>,
    name: String,
}

impl CohortFile {
    /// Reads `path`.
    pub fn open(path: &Path) -> Result<Self> {
        Ok(Self {
            bytes: read_bytes(path)?,
            name: path.display().to_string(),
        })
    }

    /// The header's column names (trimmed).
    pub fn header(&self) -> Result<Vec<String>> {
        preview(&self.bytes, &self.name, &ImportOptions::default(), 0)
            .map(|p| p.header)
            .map_err(report)
    }

    /// The id column `given`, or else the column the role guesser takes for a patient id
    /// (`pid`, `patient_id`, ...), so that an id is never mistaken for a marker.
    pub fn id_column(
        &self,
        given: Option<&str>,
        options: &ImportOptions,
    ) -> Result<Option<String>> {
        if let Some(id) = given {
            return Ok(Some(id.to_owned()));
        }
        let p = preview(&self.bytes, &self.name, options, PREVIEW_ROWS).map_err(report)?;
        Ok(p.guess_roles_with(&options.missing_codes).id)
    }

    /// The name used in messages (the path as given).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Imports the cohort with `roles`; every problem is reported with file, row and
    /// column. Import notes go to stderr.
    pub fn import(&self, roles: &ColumnRoles, options: &ImportOptions) -> Result<Cohort> {
        let imported = import_csv(&self.bytes, &self.name, roles, options).map_err(report)?;
        for note in &imported.notes {
            eprintln!("survlens: note: {}: {note}", self.name);
        }
        Ok(imported.cohort)
    }
}

/// An import report as an error whose message lists every problem with file, row and column.
fn report(r: ImportReport) -> anyhow::Error {
    anyhow!("{r}")
}

/// Prints `value` as one line of JSON on stdout.
pub fn print_json<T: Serialize>(value: &T) -> Result<()> {
    let mut line = serde_json::to_string(value)?;
    line.push('\n');
    print_text(&line)
}

/// Writes `text` to stdout; a closed pipe (`survlens ... | head`) is an error, not a panic.
pub fn print_text(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

/// Says on stderr how many rows were left out and why (nothing when none were).
pub fn note_dropped(file: &CohortFile, dropped: usize, why: &str) {
    if dropped > 0 {
        eprintln!(
            "survlens: note: {}: {dropped} row{} left out ({why})",
            file.name,
            if dropped == 1 { "" } else { "s" }
        );
    }
}

/// Formats a number for tables: 4 significant decimals, scientific when tiny or huge.
pub fn fmt_num(x: f64) -> String {
    if x == 0.0 || (1e-3..1e5).contains(&x.abs()) {
        format!("{x:.4}")
    } else {
        format!("{x:.3e}")
    }
}

/// Column roles from the flags every training-like command shares: time, event, the id
/// column (`given` or guessed), entity, and the markers (`markers` as listed, or every other
/// named column except `exclude`).
pub struct RoleFlags<'a> {
    /// Survival time column.
    pub time: &'a str,
    /// Event column.
    pub event: &'a str,
    /// Patient id column as given.
    pub id: Option<&'a str>,
    /// Entity column.
    pub entity: Option<&'a str>,
    /// Marker columns, when listed.
    pub markers: Option<&'a [String]>,
    /// Columns to leave out of the default markers.
    pub exclude: &'a [String],
}

impl CohortFile {
    /// The roles `flags` describe for this file; an `exclude` that names no column is an
    /// error naming the file and the column.
    pub fn roles(&self, flags: &RoleFlags<'_>, options: &ImportOptions) -> Result<ColumnRoles> {
        let id = self.id_column(flags.id, options)?;
        let mut roles = ColumnRoles::new(flags.time, flags.event);
        roles.id = id.clone();
        roles.entity = flags.entity.map(str::to_owned);
        roles.markers = match flags.markers {
            Some(m) => Some(m.to_vec()),
            None if !flags.exclude.is_empty() => {
                let header = self.header()?;
                if let Some(x) = flags.exclude.iter().find(|x| !header.contains(x)) {
                    return Err(anyhow!("{}: --exclude names no column \"{x}\"", self.name));
                }
                let taken = [
                    Some(flags.time),
                    Some(flags.event),
                    id.as_deref(),
                    flags.entity,
                ];
                Some(
                    header
                        .into_iter()
                        .filter(|h| !h.is_empty() && !flags.exclude.contains(h))
                        .filter(|h| !taken.contains(&Some(h.as_str())))
                        .collect(),
                )
            }
            None => None,
        };
        Ok(roles)
    }
}
