//! Detects how a delimited text file is written: the field separator (comma, semicolon, tab
//! or pipe) and whether numbers use a decimal comma (`1,5`), from a sample of its first lines.

use serde::{Deserialize, Serialize};

/// The separators considered, in the order that breaks ties.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Bytes looked at when detecting the dialect.
const SAMPLE_BYTES: usize = 64 * 1024;
/// Logical lines (quoted newlines joined) looked at for the separator.
const SEPARATOR_LINES: usize = 50;
/// Logical lines looked at for the decimal mark (within [`SAMPLE_BYTES`]): more than for the
/// separator, since decimals may first appear further down.
const DECIMAL_LINES: usize = 2_000;

/// How a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dialect {
    /// Field separator byte.
    pub delimiter: u8,
    /// Whether numbers use a comma as decimal separator (`1,5` = 1.5).
    pub decimal_comma: bool,
}

impl Dialect {
    /// The separator's name for the page ("comma", "semicolon", "tab", "pipe" or the
    /// character itself).
    pub fn delimiter_name(&self) -> String {
        match self.delimiter {
            b',' => "comma".into(),
            b';' => "semicolon".into(),
            b'\t' => "tab".into(),
            b'|' => "pipe".into(),
            other => format!("\"{}\"", char::from(other)),
        }
    }
}

/// Splits the sample into at most `max_lines` logical lines (a quoted field may span
/// physical lines).
fn logical_lines(sample: &[u8], max_lines: usize) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    let mut in_quotes = false;
    let mut start = 0;
    for (i, &b) in sample.iter().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => {
                if i > start {
                    lines.push(&sample[start..i]);
                }
                start = i + 1;
                if lines.len() == max_lines {
                    return lines;
                }
            }
            _ => {}
        }
    }
    if start < sample.len() {
        lines.push(&sample[start..]);
    }
    lines
}

/// Counts `delimiter` outside double quotes.
fn count_outside_quotes(line: &[u8], delimiter: u8) -> usize {
    let mut in_quotes = false;
    let mut n = 0;
    for &b in line {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if b == delimiter && !in_quotes {
            n += 1;
        }
    }
    n
}

/// Fields of a line for `delimiter`, with surrounding quotes and spaces removed.
fn fields(line: &[u8], delimiter: u8) -> impl Iterator<Item = &[u8]> {
    line.split(move |&b| b == delimiter).map(|f| {
        let f = f.trim_ascii();
        f.strip_prefix(b"\"")
            .and_then(|g| g.strip_suffix(b"\""))
            .unwrap_or(f)
    })
}

/// Detects the separator.
///
/// The header line decides which separators are candidates (it holds names, never decimal
/// commas); among them the one that splits the most data lines into as many fields as the
/// header wins, then the one giving more fields, then the earlier in [`DELIMITERS`].
/// A file whose header holds none of them has a single column and reads as comma separated.
pub fn detect_delimiter(bytes: &[u8]) -> u8 {
    let lines = logical_lines(sample(bytes), SEPARATOR_LINES);
    let Some((header, data)) = lines.split_first() else {
        return b',';
    };
    let mut best: Option<(usize, usize, u8)> = None;
    for &d in DELIMITERS.iter() {
        let h = count_outside_quotes(header, d);
        if h == 0 {
            continue;
        }
        let agreeing = data
            .iter()
            .filter(|l| count_outside_quotes(l, d) == h)
            .count();
        // Strictly greater keeps the earlier delimiter on ties.
        if best.is_none_or(|(a, hb, _)| (agreeing, h) > (a, hb)) {
            best = Some((agreeing, h, d));
        }
    }
    best.map_or(b',', |(_, _, d)| d)
}

/// Detects a decimal comma for a file separated by `delimiter` (never with commas as
/// separators): true when some sample cells look like `1,5` and none like `1.5`. A file
/// with both stays with the decimal point and its comma cells are reported.
pub fn detect_decimal_comma(bytes: &[u8], delimiter: u8) -> bool {
    if delimiter == b',' {
        return false;
    }
    let lines = logical_lines(sample(bytes), DECIMAL_LINES);
    let (mut comma, mut point) = (0usize, 0usize);
    for line in lines.iter().skip(1) {
        for f in fields(line, delimiter) {
            match decimal_shape(f) {
                Some(b',') => comma += 1,
                Some(b'.') => point += 1,
                _ => {}
            }
        }
    }
    comma > 0 && point == 0
}

/// `Some(sep)` when the field is digits, one separator, digits (optionally signed).
fn decimal_shape(f: &[u8]) -> Option<u8> {
    let f = f
        .strip_prefix(b"-")
        .or_else(|| f.strip_prefix(b"+"))
        .unwrap_or(f);
    let sep_at = f.iter().position(|&b| b == b',' || b == b'.')?;
    let (int, rest) = f.split_at(sep_at);
    let frac = &rest[1..];
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    (digits(int) && !frac.is_empty() && digits(frac)).then_some(rest[0])
}

/// The first [`SAMPLE_BYTES`] bytes, cut after the last complete line when there is one.
fn sample(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= SAMPLE_BYTES {
        return bytes;
    }
    let head = &bytes[..SAMPLE_BYTES];
    match head.iter().rposition(|&b| b == b'\n') {
        Some(end) => &head[..end],
        None => head,
    }
}

/// Detects the dialect, honouring the caller's fixed choices.
pub fn detect(bytes: &[u8], delimiter: Option<u8>, decimal_comma: Option<bool>) -> Dialect {
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(bytes));
    let decimal_comma = decimal_comma.unwrap_or_else(|| detect_decimal_comma(bytes, delimiter));
    Dialect {
        delimiter,
        decimal_comma,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, delimiter: u8, decimal_comma: bool) {
        let d = detect(text.as_bytes(), None, None);
        assert_eq!(
            (char::from(d.delimiter), d.decimal_comma),
            (char::from(delimiter), decimal_comma),
            "{text:?}"
        );
    }

    #[test]
    fn detects_separator_and_decimal_mark() {
        check("id,time,event\n1,2.5,1\n", b',', false);
        check("id;time;event\n1;2,5;1\n2;3,25;0\n", b';', true);
        check("id;time;event\n1;2.5;1\n", b';', false);
        check("id\ttime\tevent\n1\t2,5\t1\n", b'\t', true);
        check("id|time|event\n1|2|1\n", b'|', false);
        // Decimal commas in every row split as consistently as the real separator; the
        // header (two semicolons, no commas) decides.
        check("id;time;event\n1;2,5;1,0\n2;3,5;0,0\n", b';', true);
        // A quoted comma inside a semicolon file does not make it comma separated.
        check("id;\"name, first\";time\n1;\"a, b\";3\n", b';', false);
        // Mixed decimal marks: stay with the point, the comma cells are reported later.
        check("id;time;x\n1;2,5;1.5\n", b';', false);
        // Single column.
        check("time\n1\n2\n", b',', false);
        check("", b',', false);
    }

    #[test]
    fn decimal_commas_further_down_are_found() {
        let text = format!("id;time\n{}9;2,5\n", "1;2\n".repeat(500));
        check(&text, b';', true);
    }

    #[test]
    fn a_quoted_newline_does_not_end_the_logical_line() {
        check(
            "id;note;time\n1;\"line one\nline, two\";3\n2;x;4\n",
            b';',
            false,
        );
    }
}
