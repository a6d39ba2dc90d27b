//! ICD-10 and ICD-10-GM codes as hospital exports write them, and the code ranges of the
//! marker dictionary and the entity table.
//!
//! ICD-10-GM (BfArM, Systematisches Verzeichnis) codes may carry, after the code: the
//! dagger `+` (aetiology), the asterisk `*` (manifestation) and `!` (secondary code) marks
//! of the cross-classification, and a diagnosis-certainty letter (`G` confirmed, `V`
//! suspected, `Z` state after, `A` excluded) or side letter (`R`, `L`, `B`), usually after
//! a space: `C34.1 G`, `E11.40+`, `G63.2*`, `U69.10!`, `C50.4 L`. A pair such as
//! `E11.40+ G63.2*` holds two codes. The dot may be missing (`C341`).

/// A parsed diagnosis: its codes, without marks, and the certainty letter if given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    /// Codes in canonical form (`C34.1`), in the order written.
    pub codes: Vec<String>,
    /// The ICD-10-GM diagnosis-certainty letter (`G`, `V`, `Z`, `A`), if written.
    pub certainty: Option<char>,
}

impl Diagnosis {
    /// Whether the diagnosis counts as present: not suspected (`V`) and not excluded (`A`).
    pub fn counts(&self) -> bool {
        !matches!(self.certainty, Some('V' | 'A'))
    }
}

/// The canonical form of one code (`C341` -> `C34.1`, `c34.1` -> `C34.1`), if it is one:
/// a letter, two digits (the third character may be a letter, as in ICD-10-CM's `C7A`),
/// then optionally a dot and up to four characters (digits, or a letter as in
/// ICD-10-GM's `C49.A`).
pub fn canonical(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_uppercase();
    let compact: String = code.chars().filter(|&c| c != '.').collect();
    let bytes = compact.as_bytes();
    if !(3..=7).contains(&bytes.len())
        || !bytes[0].is_ascii_uppercase()
        || !bytes[1].is_ascii_digit()
        || !bytes[2].is_ascii_alphanumeric()
        || !bytes[3..].iter().all(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    // One dot, if written, right after the category.
    if code.contains('.') && (code.find('.') != Some(3) || code.matches('.').count() > 1) {
        return None;
    }
    let (category, detail) = compact.split_at(3);
    Some(if detail.is_empty() {
        category.to_owned()
    } else {
        format!("{category}.{detail}")
    })
}

/// Parses a diagnosis code as written in a `Coding.code` (see the module docs). `None` if
/// no token is a code.
pub fn parse(text: &str) -> Option<Diagnosis> {
    let mut codes = Vec::new();
    let mut certainty = None;
    for token in text.split_whitespace() {
        let bare = token.trim_end_matches(['+', '*', '!', '†']);
        if bare.len() == 1 {
            match bare.chars().next() {
                Some(c @ ('G' | 'V' | 'Z' | 'A')) => certainty = Some(c),
                Some('R' | 'L' | 'B') => {}
                _ => return None,
            }
            continue;
        }
        codes.push(canonical(bare)?);
    }
    (!codes.is_empty()).then_some(Diagnosis { codes, certainty })
}

/// One item of a range list: a code (`I25`, `K86.0`) or an inclusive range of codes at the
/// same depth (`I21-I22`, `E10.2-E10.5`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct RangeItem {
    low: String,
    high: String,
}

impl RangeItem {
    /// Whether `code` (canonical) lies in the range: its first characters, as many as the
    /// bound has, lie between the bounds. A code less detailed than the bounds (`I25`
    /// against `I25.2`) does not.
    fn contains(&self, code: &str) -> bool {
        let cut = |bound: &str| code.get(..bound.len()).map(str::to_owned);
        match (cut(&self.low), cut(&self.high)) {
            (Some(lo), Some(hi)) => {
                lo.as_str() >= self.low.as_str() && hi.as_str() <= self.high.as_str()
            }
            _ => false,
        }
    }

    /// How specific a match is: longer bounds first, then narrower ranges.
    fn specificity(&self) -> (usize, i64) {
        let number =
            |s: &str| -> i64 { s.get(1..3).and_then(|d| d.parse::<i64>().ok()).unwrap_or(0) };
        let width = if self.low.len() == 3 && self.high.len() == 3 {
            number(&self.high) - number(&self.low)
        } else {
            0
        };
        (self.low.len(), -width)
    }
}

/// A list of codes and ranges as the dictionary writes them (`I21-I22, I25.2`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRanges {
    items: Vec<RangeItem>,
}

impl CodeRanges {
    /// Parses a comma-separated list; `None` if an item is not a code or a range.
    pub fn parse(text: &str) -> Option<CodeRanges> {
        let mut items = Vec::new();
        for item in text.split(',') {
            let (low, high) = match item.split_once('-') {
                Some((l, h)) => (canonical(l)?, canonical(h)?),
                None => {
                    let c = canonical(item)?;
                    (c.clone(), c)
                }
            };
            if low.len() != high.len() || low > high {
                return None;
            }
            items.push(RangeItem { low, high });
        }
        (!items.is_empty()).then_some(CodeRanges { items })
    }

    /// How specifically the list holds `code` (canonical), or `None` if it does not: the
    /// most specific matching item's length and narrowness; compare with `>`.
    pub fn matches(&self, code: &str) -> Option<(usize, i64)> {
        self.items
            .iter()
            .filter(|i| i.contains(code))
            .map(RangeItem::specificity)
            .max()
    }

    /// The first code of the list, as an example of a code it holds.
    pub fn first_code(&self) -> Option<&str> {
        self.items.first().map(|i| i.low.as_str())
    }
}
