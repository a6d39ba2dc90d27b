//! Every import problem, one table row each: the input, and the exact problems (kind code
//! and the message the page shows, with file, spreadsheet row and column).

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_data::{ColumnRoles, ImportOptions, Limits, MarkerKind, import_csv};

fn roles() -> ColumnRoles {
    ColumnRoles::new("time", "event").with_id("id")
}

/// Imports `input` as `t.csv` and checks the problems, in report order.
fn check_with(
    input: &[u8],
    roles: &ColumnRoles,
    options: &ImportOptions,
    expected: &[(&str, &str)],
) {
    let report = match import_csv(input, "t.csv", roles, options) {
        Ok(_) => panic!(
            "{:?} imported, expected {expected:?}",
            String::from_utf8_lossy(input)
        ),
        Err(report) => report,
    };
    let found: Vec<(&str, String)> = report
        .problems
        .iter()
        .map(|p| (p.code(), p.to_string()))
        .collect();
    let expected: Vec<(&str, String)> = expected.iter().map(|&(c, m)| (c, m.to_owned())).collect();
    assert_eq!(
        found,
        expected,
        "input {:?}",
        String::from_utf8_lossy(input)
    );
    assert_eq!(report.omitted, 0);
}

fn check(input: &str, expected: &[(&str, &str)]) {
    check_with(
        input.as_bytes(),
        &roles(),
        &ImportOptions::default(),
        expected,
    );
}

const HEADER: &str = "id,time,event\n";

#[test]
fn empty_and_header_only_files() {
    check("", &[("empty_file", "t.csv: the file is empty")]);
    check(
        "\u{feff}\n  \r\n",
        &[("empty_file", "t.csv: the file is empty")],
    );
    check(
        HEADER,
        &[(
            "header_only",
            "t.csv: the file has a header row but no patient rows",
        )],
    );
    check(
        "id,time,event\n\n\n",
        &[(
            "header_only",
            "t.csv: the file has a header row but no patient rows",
        )],
    );
}

#[test]
fn header_problems() {
    check(
        "id,time,event,age,age\n1,2,1,3,4\n",
        &[(
            "duplicate_column",
            "t.csv, row 1: the column name \"age\" appears twice (columns D and E); rename one of them",
        )],
    );
    check(
        "id,duration,event\n1,2,1\n",
        &[(
            "missing_column",
            "t.csv: there is no column \"time\" for the survival time; the header has: \"id\", \
             \"duration\", \"event\"",
        )],
    );
    // A file without a header: its first row is taken as names and looks like data.
    check(
        "5,2,1\n6,3,0\n",
        &[
            (
                "missing_column",
                "t.csv: there is no column \"time\" for the survival time; the header has: \"5\", \
                 \"2\", \"1\" (the first row looks like data: the file needs a header row)",
            ),
            (
                "missing_column",
                "t.csv: there is no column \"event\" for the event; the header has: \"5\", \"2\", \
                 \"1\" (the first row looks like data: the file needs a header row)",
            ),
            (
                "missing_column",
                "t.csv: there is no column \"id\" for the patient id; the header has: \"5\", \"2\", \
                 \"1\" (the first row looks like data: the file needs a header row)",
            ),
        ],
    );
    // Separated by spaces: one column.
    check_with(
        b"time event\n1 2\n",
        &ColumnRoles::new("time", "event"),
        &ImportOptions::default(),
        &[
            (
                "missing_column",
                "t.csv: there is no column \"time\" for the survival time; the header has: \
                 \"time event\" (only one column: is the file separated by a different character?)",
            ),
            (
                "missing_column",
                "t.csv: there is no column \"event\" for the event; the header has: \
                 \"time event\" (only one column: is the file separated by a different character?)",
            ),
        ],
    );
    // A semicolon file read with a separator fixed to comma.
    check_with(
        b"time;event\n1;2\n",
        &ColumnRoles::new("time", "event"),
        &ImportOptions {
            delimiter: Some(b','),
            ..ImportOptions::default()
        },
        &[
            (
                "missing_column",
                "t.csv: there is no column \"time\" for the survival time; the header has: \
                 \"time;event\" (only one column: is the file separated by a different character?)",
            ),
            (
                "missing_column",
                "t.csv: there is no column \"event\" for the event; the header has: \
                 \"time;event\" (only one column: is the file separated by a different character?)",
            ),
        ],
    );
    check_with(
        b"id,time,event\n1,2,1\n",
        &ColumnRoles::new("time", "time"),
        &ImportOptions::default(),
        &[(
            "role_conflict",
            "column \"time\" cannot be both the survival time and the event",
        )],
    );
    check_with(
        b"id,time,event\n1,2,1\n",
        &roles().with_markers(["id"]),
        &ImportOptions::default(),
        &[(
            "role_conflict",
            "column \"id\" cannot be both the patient id and the marker",
        )],
    );
    check_with(
        b"id,time,event\n1,2,1\n",
        &roles().with_kind("grade", MarkerKind::Categorical),
        &ImportOptions::default(),
        &[(
            "missing_column",
            "t.csv: there is no column \"grade\" for the marker; the header has: \"id\", \"time\", \
             \"event\"",
        )],
    );
}

#[test]
fn ragged_rows_name_their_row() {
    check(
        "id,time,event\n1,2,1\n2,3\n3,4,1,9\n4;5;1\n",
        &[
            (
                "ragged_row",
                "t.csv, row 3: expected 3 fields like the header row, found 2",
            ),
            (
                "ragged_row",
                "t.csv, row 4: expected 3 fields like the header row, found 4; a text cell \
                 containing the separator must be enclosed in double quotes",
            ),
            (
                "ragged_row",
                "t.csv, row 5: expected 3 fields like the header row, found 1; is the file \
                 separated by a different character?",
            ),
        ],
    );
}

#[test]
fn rows_count_blank_lines_and_not_quoted_line_breaks() {
    // Row 2 spans two lines (quoted), row 3 is blank: the bad time is in spreadsheet row 4.
    let expected = [(
        "non_positive_time",
        "t.csv, row 4, column \"time\": expected a survival time (a number greater than zero), \
         found \"-1\"",
    )];
    check(
        "id,time,event,note\n1,2,1,\"two\nlines\"\n\n2,-1,1,x\n",
        &expected,
    );
    check(
        "id,time,event,note\r\n1,2,1,\"two\r\nlines\"\r\n\r\n2,-1,1,x\r\n",
        &expected,
    );
    check(
        "id,time,event,note\r1,2,1,\"two\rlines\"\r\r2,-1,1,x\r",
        &expected,
    );
    // Leading blank lines push the header down too.
    check(
        "\n\nid,time,event\n1,0,1\n",
        &[(
            "non_positive_time",
            "t.csv, row 4, column \"time\": expected a survival time (a number greater than \
             zero), found \"0\"",
        )],
    );
}

#[test]
fn a_quote_never_closed_names_its_row_and_column() {
    check(
        "id,time,event,note\n1,120,1,\"never closed\n2,30,0,plain\n",
        &[(
            "unclosed_quote",
            "t.csv, row 2: the file could not be read as CSV: the quoted cell in column \
             \"note\" is never closed, so every line after it was read into that one cell; add \
             the closing double quote",
        )],
    );
}

#[test]
fn survival_time_problems() {
    let cases: [(&str, &str, &str); 9] = [
        (
            "abc",
            "not_a_number",
            "expected a survival time (a number greater than zero), found \"abc\"",
        ),
        (
            "-3",
            "non_positive_time",
            "expected a survival time (a number greater than zero), found \"-3\"",
        ),
        (
            "0",
            "non_positive_time",
            "expected a survival time (a number greater than zero), found \"0\"",
        ),
        // NaN is a missing-value code (crate::cell): a required time that is missing.
        (
            "NaN",
            "missing_value",
            "the survival time is missing (found \"NaN\")",
        ),
        (
            "missing",
            "missing_value",
            "the survival time is missing (found \"missing\")",
        ),
        (
            "-inf",
            "non_finite",
            "\"-inf\" is not a finite number; leave missing values empty or write NA",
        ),
        (
            "1e308",
            "number_too_large",
            "the number \"1e308\" is too large (at most about 3.4e38 is supported)",
        ),
        ("", "missing_value", "the survival time is missing"),
        (
            "NA",
            "missing_value",
            "the survival time is missing (found \"NA\")",
        ),
    ];
    for (cell, code, message) in cases {
        check(
            &format!("{HEADER}a,5,1\nb,{cell},1\n"),
            &[(code, &format!("t.csv, row 3, column \"time\": {message}"))],
        );
    }
    // A decimal comma in a file that otherwise uses points.
    check(
        "id;time;event\n1;2.5;1\n2;1,5;0\n",
        &[(
            "not_a_number",
            "t.csv, row 3, column \"time\": expected a survival time (a number greater than zero), \
             found \"1,5\"; the decimal separator looks like a comma while the rest of the file \
             uses a point",
        )],
    );
}

#[test]
fn event_problems() {
    let cases: [(&str, &str, &str); 4] = [
        (
            "2",
            "bad_event",
            "expected 1 (event observed) or 0 (censored), found \"2\"; if the file codes events \
             as 1 = censored, 2 = dead (as R's survival package may), recode them as 0 and 1",
        ),
        (
            "yes",
            "bad_event",
            "expected 1 (event observed) or 0 (censored), found \"yes\"",
        ),
        (
            "0.5",
            "bad_event",
            "expected 1 (event observed) or 0 (censored), found \"0.5\"",
        ),
        ("", "missing_value", "the event is missing"),
    ];
    for (cell, code, message) in cases {
        check(
            &format!("{HEADER}a,5,1\nb,6,{cell}\n"),
            &[(code, &format!("t.csv, row 3, column \"event\": {message}"))],
        );
    }
    check(
        "id,time,event\n1,1,0\n2,2,0\n",
        &[(
            "no_events",
            "t.csv: none of the 2 patients has an observed event (all are censored); a survival \
             model needs events",
        )],
    );
}

#[test]
fn id_problems() {
    check(
        "id,time,event\na,1,1\nb,2,0\na,3,1\n",
        &[(
            "duplicate_id",
            "t.csv, row 4, column \"id\": the patient id \"a\" already appears in row 2",
        )],
    );
    check(
        "id,time,event\n,1,1\n",
        &[(
            "missing_value",
            "t.csv, row 2, column \"id\": the patient id is missing",
        )],
    );
}

#[test]
fn non_utf8_bytes_name_row_and_column() {
    check_with(
        b"id,time,event\n1,2,1\n\xff\xfe,3,1\n",
        &roles(),
        &ImportOptions::default(),
        &[(
            "non_utf8",
            "t.csv, row 3, column \"id\": the text is not valid UTF-8, found \"\u{fffd}\u{fffd}\"; \
             save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
        )],
    );
    // Latin-1 "männlich" in a marker column.
    check_with(
        b"id,time,event,sex\n1,2,1,m\xe4nnlich\n",
        &roles(),
        &ImportOptions::default(),
        &[(
            "non_utf8",
            "t.csv, row 2, column \"sex\": the text is not valid UTF-8, found \"m\u{fffd}nnlich\"; \
             save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
        )],
    );
    check_with(
        b"id,t\xe4me,event\n1,2,1\n",
        &roles(),
        &ImportOptions::default(),
        &[(
            "non_utf8",
            "t.csv, row 1, column \"column B\": the text is not valid UTF-8, found \"t\u{fffd}me\"; \
             save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
        )],
    );
}

#[test]
fn marker_value_problems() {
    check(
        "id,time,event,crp\n1,2,1,inf\n",
        &[(
            "non_finite",
            "t.csv, row 2, column \"crp\": \"inf\" is not a finite number; leave missing values empty or write NA",
        )],
    );
    check(
        "id,time,event,crp\n1,2,1,1e39\n",
        &[(
            "number_too_large",
            "t.csv, row 2, column \"crp\": the number \"1e39\" is too large (at most about 3.4e38 is supported)",
        )],
    );
    // Mostly numbers: the text cells are reported, not turned into categories.
    check(
        "id,time,event,crp\n1,2,1,5\n2,3,1,<0.5\n3,4,0,7\n4,5,0,-\n5,6,0,9\n",
        &[
            (
                "not_a_number",
                "t.csv, row 3, column \"crp\": expected a number, found \"<0.5\"; a bound such as \
                 \"<5\" is not a value: enter a number or leave the cell empty",
            ),
            (
                "not_a_number",
                "t.csv, row 5, column \"crp\": expected a number, found \"-\"; leave missing \
                 values empty or write NA (or add this code to the missing-value codes)",
            ),
        ],
    );
    check(
        "id,time,event,weight\n1,2,1,\"1,234.5\"\n2,3,1,5\n3,4,1,6\n",
        &[(
            "not_a_number",
            "t.csv, row 2, column \"weight\": expected a number, found \"1,234.5\"; thousands \
             separators are not supported, write the number without them",
        )],
    );
    check_with(
        b"id,time,event,x\n1,2,1,0\n2,3,1,2\n",
        &roles().with_kind("x", MarkerKind::Binary),
        &ImportOptions::default(),
        &[(
            "not_a_number",
            "t.csv, row 3, column \"x\": expected 0 or 1, found \"2\"",
        )],
    );
    check_with(
        b"id,time,event,x\n1,2,1,0\n2,3,1,high\n",
        &roles().with_kind("x", MarkerKind::Numeric),
        &ImportOptions::default(),
        &[(
            "not_a_number",
            "t.csv, row 3, column \"x\": expected a number, found \"high\"; if this column holds \
             categories, mark it as categorical",
        )],
    );
}

#[test]
fn limits_refuse_with_a_message() {
    let limits = |f: fn(&mut Limits)| {
        let mut options = ImportOptions::default();
        f(&mut options.limits);
        options
    };
    check_with(
        b"id,time,event,x\n1,2,1,a\n2,3,1,b\n3,4,1,c\n",
        &roles(),
        &limits(|l| l.max_levels = 2),
        &[(
            "too_many_levels",
            "t.csv, column \"x\": more than 2 different text values (row 4 has \"c\"); if it is \
             free text leave it out of the markers, if it is a category raise the level limit",
        )],
    );
    check_with(
        b"id,time,event,x\n1,2,1,0\n",
        &roles(),
        &limits(|l| l.max_columns = 3),
        &[(
            "too_many_columns",
            "t.csv, row 1: the header has 4 columns, more than the limit of 3",
        )],
    );
    check_with(
        b"id,time,event\n1,2,1\n2,2,1\n3,2,1\n",
        &roles(),
        &limits(|l| l.max_rows = 2),
        &[(
            "too_many_rows",
            "t.csv: more than 2 patient rows; split the file or raise the limit",
        )],
    );
    check_with(
        b"id,time,event,x,y\n1,2,1,0,0\n2,2,1,0,0\n3,2,1,0,0\n",
        &roles(),
        &limits(|l| l.max_cells = 4),
        &[(
            "too_many_cells",
            "t.csv: 3 patient rows x 2 marker columns exceed the limit of 4 marker values; \
             choose fewer markers or a smaller file",
        )],
    );
    check_with(
        b"id,time,event\n1,2,1\n",
        &roles(),
        &ImportOptions {
            delimiter: Some(b'"'),
            ..ImportOptions::default()
        },
        &[(
            "invalid_settings",
            "invalid settings: the field separator must be an ASCII character other than a \
             quote or a line break",
        )],
    );
    let big = format!("{HEADER}{}", "1,2,1\n".repeat(250_000));
    check_with(
        big.as_bytes(),
        &roles(),
        &limits(|l| l.max_bytes = 1_000_000),
        &[(
            "file_too_large",
            "t.csv: the file is 1.5 MB, more than the limit of 1.0 MB; split it or raise the limit",
        )],
    );
}

#[test]
fn every_problem_is_listed_in_row_order_and_the_rest_counted() {
    let input = "id,time,event,x\na,-1,1,1\nb,x,2,1\na,3,1\nc,4,1,inf\n";
    check(
        input,
        &[
            (
                "non_positive_time",
                "t.csv, row 2, column \"time\": expected a survival time (a number greater than zero), found \"-1\"",
            ),
            (
                "not_a_number",
                "t.csv, row 3, column \"time\": expected a survival time (a number greater than zero), found \"x\"",
            ),
            (
                "bad_event",
                "t.csv, row 3, column \"event\": expected 1 (event observed) or 0 (censored), found \"2\"; if the file codes events as 1 = censored, 2 = dead (as R's survival package may), recode them as 0 and 1",
            ),
            (
                "ragged_row",
                "t.csv, row 4: expected 4 fields like the header row, found 3",
            ),
            (
                "non_finite",
                "t.csv, row 5, column \"x\": \"inf\" is not a finite number; leave missing values empty or write NA",
            ),
        ],
    );

    let mut options = ImportOptions::default();
    options.limits.max_problems = 2;
    let input = format!(
        "{HEADER}{}",
        (0..5).map(|i| format!("{i},-1,1\n")).collect::<String>()
    );
    let report = import_csv(input.as_bytes(), "t.csv", &roles(), &options).unwrap_err();
    assert_eq!(
        (report.problems.len(), report.omitted, report.total()),
        (2, 3, 5)
    );
    assert_eq!(
        report.to_string(),
        "t.csv: 5 problems found\n\
         - t.csv, row 2, column \"time\": expected a survival time (a number greater than zero), found \"-1\"\n\
         - t.csv, row 3, column \"time\": expected a survival time (a number greater than zero), found \"-1\"\n\
         - ... and 3 more"
    );
}

#[test]
fn problem_accessors_point_at_the_cell() {
    let report = import_csv(
        b"id,time,event\n1,2,x\n",
        "t.csv",
        &roles(),
        &ImportOptions::default(),
    )
    .unwrap_err();
    let problem = &report.problems[0];
    let cell = problem.cell().unwrap();
    assert_eq!(
        (cell.file.as_str(), cell.row, cell.column.as_str()),
        ("t.csv", 2, "event")
    );
    assert_eq!(problem.row(), Some(2));
    // A single problem displays as itself.
    assert_eq!(report.to_string(), problem.to_string());
}

#[test]
fn long_garbage_is_shortened_in_messages() {
    let junk = "x".repeat(10_000);
    let input = format!("{HEADER}1,{junk},1\n");
    let report = import_csv(
        input.as_bytes(),
        "t.csv",
        &roles(),
        &ImportOptions::default(),
    )
    .unwrap_err();
    let message = report.problems[0].to_string();
    assert!(message.len() < 200, "{message}");
    assert!(
        message.contains(&format!("\"{}...\"", "x".repeat(60))),
        "{message}"
    );
}

#[test]
fn missing_markers_are_refused_cell_by_cell_where_nothing_imputes_them() {
    // Empty cells, built-in codes and an added code, in a numeric, a binary and a
    // categorical column; a blank line shifts the rows that follow.
    let input = "id,time,event,x,flag,stage\n\
                 a,1,1,0.5,1,II\n\
                 b,2,0,NA,0,I\n\
                 \n\
                 c,3,1,1.5,,III\n\
                 d,4,1,2.5,1,-9\n";
    let mut options = ImportOptions {
        require_markers: true,
        ..ImportOptions::default()
    };
    options.missing_codes = survlens_data::MissingCodes::parse_list("-9").unwrap();
    check_with(
        input.as_bytes(),
        &roles(),
        &options,
        &[
            (
                "missing_value",
                "t.csv, row 3, column \"x\": the marker is missing (found \"NA\")",
            ),
            (
                "missing_value",
                "t.csv, row 5, column \"flag\": the marker is missing",
            ),
            (
                "missing_value",
                "t.csv, row 6, column \"stage\": the marker is missing (found \"-9\")",
            ),
        ],
    );
    // Off (the default), the same file imports with the cells missing.
    options.require_markers = false;
    let cohort = import_csv(input.as_bytes(), "t.csv", &roles(), &options)
        .unwrap()
        .cohort;
    assert_eq!(cohort.len(), 4);
    assert!(cohort.marker("x").unwrap().as_f32().unwrap()[1].is_nan());
}
