//! Units of survival time. The page works in days; files write days, weeks, months or years.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Days in one week.
pub const DAYS_PER_WEEK: f64 = 7.0;
/// Days in one Julian year, as survival software converts days to years.
pub const DAYS_PER_YEAR: f64 = 365.25;
/// Days in one month: a Julian year over twelve (30.4375), the convention of R's `survival`
/// data sets (Rotterdam's months are days / 30.4375). The one month of the page: its time
/// axes, horizons and unit conversions all use it.
pub const DAYS_PER_MONTH: f64 = DAYS_PER_YEAR / 12.0;

/// A marker's unit as the page writes it beside a value, from its UCUM code: empty for a
/// unitless value, which UCUM writes as the unity `1` or as an annotation alone (`{score}`,
/// `{count}`: an annotation in curly braces means unity, UCUM specification section 2.1.3),
/// otherwise the code as it is (`mg/dL`, `10*9/L`).
pub fn display_unit(ucum: &str) -> String {
    let code = ucum.trim();
    let annotation_alone =
        code.starts_with('{') && code.ends_with('}') && code.matches('{').count() == 1;
    if code == "1" || annotation_alone {
        String::new()
    } else {
        code.to_owned()
    }
}

/// The unit a file writes survival times in; the page works in days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimeUnit {
    /// Days.
    Days,
    /// Weeks (7 days).
    Weeks,
    /// Months of [`DAYS_PER_MONTH`] days.
    Months,
    /// Years of [`DAYS_PER_YEAR`] days.
    Years,
}

impl TimeUnit {
    /// Every unit, in the order of the form's choices.
    pub const ALL: [TimeUnit; 4] = [Self::Days, Self::Weeks, Self::Months, Self::Years];

    /// Days per unit.
    pub fn days(self) -> f64 {
        match self {
            Self::Days => 1.0,
            Self::Weeks => DAYS_PER_WEEK,
            Self::Months => DAYS_PER_MONTH,
            Self::Years => DAYS_PER_YEAR,
        }
    }

    /// Plural name, as a form shows it (`"months"`); also the choice's stable key.
    pub fn name(self) -> &'static str {
        match self {
            Self::Days => "days",
            Self::Weeks => "weeks",
            Self::Months => "months",
            Self::Years => "years",
        }
    }

    /// The unit named `name` (as returned by [`TimeUnit::name`]).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.name() == name)
    }

    /// The unit a model file names (`"month"`, `"months"`, `"d"`, any case; none or empty:
    /// days); `None` for a name it does not know.
    pub fn parse(name: Option<&str>) -> Option<Self> {
        match name.map(|u| u.trim().to_ascii_lowercase()).as_deref() {
            None | Some("") | Some("d") | Some("day") | Some("days") => Some(Self::Days),
            Some("w") | Some("wk") | Some("week") | Some("weeks") => Some(Self::Weeks),
            Some("mo") | Some("month") | Some("months") => Some(Self::Months),
            Some("y") | Some("yr") | Some("year") | Some("years") => Some(Self::Years),
            _ => None,
        }
    }

    /// The unit a time column's name suggests (`OS_months` -> months), days otherwise.
    pub fn guess(column: &str) -> Self {
        let lower = column.to_ascii_lowercase();
        if lower.contains("month") || lower.ends_with("_mo") {
            Self::Months
        } else if lower.contains("year") || lower.ends_with("_yr") || lower.ends_with("_y") {
            Self::Years
        } else if lower.contains("week") || lower.ends_with("_wk") {
            Self::Weeks
        } else {
            Self::Days
        }
    }
}

impl fmt::Display for TimeUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod display_unit_tests {
    use super::display_unit;

    #[test]
    fn unity_and_annotations_alone_read_as_unitless() {
        assert_eq!(display_unit("1"), "");
        assert_eq!(display_unit("{score}"), "");
        assert_eq!(display_unit(" {count} "), "");
        assert_eq!(display_unit("mg/dL"), "mg/dL");
        assert_eq!(display_unit("10*9/L"), "10*9/L");
        // An annotation that qualifies a unit keeps it.
        assert_eq!(display_unit("{cells}/uL"), "{cells}/uL");
        assert_eq!(display_unit(""), "");
    }
}
