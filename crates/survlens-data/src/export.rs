//! Writes a cohort as comma-separated text that [`crate::import_csv`] reads back to the same
//! cohort (with [`Cohort::roles`]).
//!
//! Columns: id, time, event (left out for a cohort without outcomes), entity (if any), then
//! the markers in order, under the cohort's column names. Missing values are empty cells; numbers are written in Rust's shortest
//! round-tripping decimal form (no exponent), so every `f32` and `f64` reads back bit for bit.
//! Binary markers and the event are written `0`/`1`.

use std::fmt::Write as _;

use crate::cohort::{Categorical, Cohort, MarkerValues};
use crate::error::DataError;

/// Writes `cohort` as CSV (comma separated, UTF-8 without byte order mark, `\n` line ends).
pub fn write_csv<W: std::io::Write>(cohort: &Cohort, out: W) -> Result<(), DataError> {
    let err = |e: csv::Error| DataError::Write {
        description: e.to_string(),
    };
    let mut writer = csv::WriterBuilder::new().from_writer(out);
    let columns = cohort.columns();
    let outcome = cohort.has_outcome();
    let mut header: Vec<&str> = vec![&columns.id];
    if outcome {
        header.extend([columns.time.as_str(), columns.event.as_str()]);
    }
    if let Some(entity) = &columns.entity {
        header.push(entity);
    }
    header.extend(cohort.markers().iter().map(|m| m.name()));
    writer.write_record(&header).map_err(err)?;

    // One reusable buffer for number formatting, so no allocation per cell.
    let mut number = String::new();
    for row in 0..cohort.len() {
        writer.write_field(cohort.id(row)).map_err(err)?;
        if let (Some(time), Some(&event)) = (cohort.time().get(row), cohort.event().get(row)) {
            number.clear();
            let _ = write!(number, "{time}");
            writer.write_field(&number).map_err(err)?;
            writer
                .write_field(if event { "1" } else { "0" })
                .map_err(err)?;
        }
        if let Some(entity) = cohort.entity() {
            writer.write_field(label(entity, row)).map_err(err)?;
        }
        for marker in cohort.markers() {
            match marker.values() {
                MarkerValues::Numeric(v) | MarkerValues::Binary(v) => {
                    number.clear();
                    if !v[row].is_nan() {
                        let _ = write!(number, "{}", v[row]);
                    }
                    writer.write_field(&number).map_err(err)?;
                }
                MarkerValues::Categorical(c) => writer.write_field(label(c, row)).map_err(err)?,
            }
        }
        writer.write_record(None::<&[u8]>).map_err(err)?;
    }
    writer.flush().map_err(|e| DataError::Write {
        description: e.to_string(),
    })
}

fn label(column: &Categorical, row: usize) -> &str {
    column.label(row).unwrap_or("")
}
