//! FHIR `date` and `dateTime` values (YYYY, YYYY-MM, YYYY-MM-DD, optionally with a time and
//! zone), as days of the proleptic Gregorian calendar.
//!
//! A partial date stands for its first day (`2024-03` = 1 March 2024), which orders it before
//! every full date of that month; the time of day and the zone are checked, not used: the
//! index date and the ages are in whole days.

use std::fmt;

use serde::{Serialize, Serializer};

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Days since 1970-01-01.
    days: i64,
}

impl Day {
    /// 1970-01-01.
    pub const EPOCH: Day = Day { days: 0 };

    /// The day `year-month-day`, if it exists.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Day {
            days: days_from_civil(year, month, day),
        })
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.days)
    }

    /// `self` moved by `days` days.
    pub fn plus_days(self, days: i64) -> Day {
        Day {
            days: self.days + days,
        }
    }

    /// Days from `earlier` to `self`.
    pub fn days_since(self, earlier: Day) -> i64 {
        self.days - earlier.days
    }

    /// Completed years from `birth` to `self` (the age in years on day `self`; someone born
    /// on 29 February has a birthday on 1 March in other years).
    pub fn years_since(self, birth: Day) -> i64 {
        let (y1, m1, d1) = birth.ymd();
        let (y2, m2, d2) = self.ymd();
        let mut years = y2 - y1;
        if (m2, d2) < (m1, d1) {
            years -= 1;
        }
        years
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Parses a FHIR `date` or `dateTime` (regular expression of the FHIR R4 data types page:
/// `YYYY(-MM(-DD(Thh:mm:ss(.s+)?(Z|(+|-)hh:mm))?)?)?`), years 1 to 9999.
pub fn parse(text: &str) -> Option<Day> {
    let (date, time) = match text.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let year = digits(parts.next()?, 4)?;
    let month = parts.next().map(|m| digits(m, 2)).unwrap_or(Some(1))?;
    let day = parts.next().map(|d| digits(d, 2)).unwrap_or(Some(1))?;
    if parts.next().is_some() || year == 0 {
        return None;
    }
    if let Some(time) = time {
        // A time needs a full date and a zone.
        if date.len() != 10 || !valid_time(time) {
            return None;
        }
    }
    Day::from_ymd(i64::from(year), month, day)
}

fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn valid_time(t: &str) -> bool {
    let (clock, zone) = if let Some(c) = t.strip_suffix('Z') {
        (c, "")
    } else if let Some(i) = t.rfind(['+', '-']) {
        (&t[..i], &t[i + 1..])
    } else {
        return false;
    };
    if !zone.is_empty() {
        let mut z = zone.split(':');
        let ok = matches!((z.next().and_then(|h| digits(h, 2)), z.next().and_then(|m| digits(m, 2)), z.next()), (Some(h), Some(m), None) if h <= 14 && m < 60);
        if !ok {
            return false;
        }
    }
    let (hms, fraction) = match clock.split_once('.') {
        Some((h, f)) => (h, Some(f)),
        None => (clock, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let mut p = hms.split(':');
    matches!(
        (p.next().and_then(|h| digits(h, 2)), p.next().and_then(|m| digits(m, 2)), p.next().and_then(|s| digits(s, 2)), p.next()),
        (Some(h), Some(m), Some(s), None) if h < 24 && m < 60 && s < 61
    )
}
