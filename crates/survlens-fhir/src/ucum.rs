//! A subset of UCUM, the Unified Code for Units of Measure (Schadow and McDonald, version
//! 2.1, ucum.org): the units laboratories and vital-sign devices report in, parsed into a
//! factor and a dimension, so that any two commensurable units convert by a factor.
//!
//! Grammar (UCUM §§ 1-7): a term is components joined by `.` (multiply) and `/` (divide),
//! a leading `/` inverts; a component is an annotation `{...}` (the unit 1), a parenthesised
//! term, or an atom with an optional metric prefix and an integer exponent (`m2`, `s-1`);
//! `10*n` and `10^n` are powers of ten, and an annotation may follow any component
//! (`mg/L{FEU}`). Atoms are case-sensitive (UCUM's "c/s" form).
//!
//! Deliberately left out: special units with an offset (`Cel` converts only to itself,
//! `[degF]` is unknown) and the arbitrary units (`[IU]`, `[arb'U]`, `[hnsf'U]`), each of
//! which is a dimension of its own, so that international units never silently become
//! enzyme units (`U` = µmol/min). The mole is a dimension of its own (UCUM makes it a number
//! of particles), so that mass and substance concentrations convert only through an
//! analyte's molar mass ([`crate::analyte`]).

use std::fmt;
use survlens_data::{Describe, Message, MessageArg};

/// The base dimensions: metre, gram, second, mole, kelvin, degree Celsius, international
/// unit, Hounsfield unit, other arbitrary units.
const N_DIMS: usize = 9;
const METRE: usize = 0;
const GRAM: usize = 1;
const SECOND: usize = 2;
const MOLE: usize = 3;
const KELVIN: usize = 4;
const CELSIUS: usize = 5;
const INTERNATIONAL_UNIT: usize = 6;
const HOUNSFIELD: usize = 7;
const ARBITRARY: usize = 8;

/// A unit as a multiple of a product of base units: one of it is `factor` base units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    /// Size in base units (gram, metre, second, mole).
    pub factor: f64,
    /// Exponent of each base dimension.
    dims: [i8; N_DIMS],
}

impl Unit {
    /// The unit 1 (a pure number).
    pub const ONE: Unit = Unit {
        factor: 1.0,
        dims: [0; N_DIMS],
    };

    const fn base(dim: usize, factor: f64) -> Unit {
        let mut dims = [0; N_DIMS];
        dims[dim] = 1;
        Unit { factor, dims }
    }

    fn times(self, other: Unit) -> Unit {
        let mut dims = self.dims;
        for (d, o) in dims.iter_mut().zip(other.dims) {
            *d = d.saturating_add(o);
        }
        Unit {
            factor: self.factor * other.factor,
            dims,
        }
    }

    fn pow(self, exponent: i32) -> Unit {
        let mut dims = self.dims;
        for d in &mut dims {
            *d = d.saturating_mul(i8::try_from(exponent).unwrap_or(i8::MAX));
        }
        Unit {
            factor: self.factor.powi(exponent),
            dims,
        }
    }

    /// The same unit with enzyme units read as international units (`mU/L` as
    /// `m[IU]/L`), for analytes reported in both spellings: an amount per time (the
    /// dimension of `U`, 1 µmol/min) becomes the international unit.
    pub fn enzyme_as_international(self) -> Unit {
        if self.dims[MOLE] != 1 || self.dims[SECOND] != -1 {
            return self;
        }
        let mut dims = self.dims;
        dims[MOLE] = 0;
        dims[SECOND] = 0;
        dims[INTERNATIONAL_UNIT] += 1;
        Unit {
            factor: self.factor / (1e-6 / 60.0),
            dims,
        }
    }

    /// A mass concentration as the substance concentration it is for a molar mass of
    /// `grams_per_mole` (a substance concentration as it is); `None` for other units.
    pub fn as_amount(self, grams_per_mole: f64) -> Option<Unit> {
        match (self.dims[GRAM], self.dims[MOLE]) {
            (1, 0) => {
                let mut dims = self.dims;
                dims[GRAM] = 0;
                dims[MOLE] = 1;
                Some(Unit {
                    factor: self.factor / grams_per_mole,
                    dims,
                })
            }
            (0, 1) => Some(self),
            _ => None,
        }
    }

    /// Whether both measure the same kind of quantity (a factor converts one to the other).
    pub fn commensurable(&self, other: &Unit) -> bool {
        self.dims == other.dims
    }

    /// The factor `f` with `x self = x * f other`, if the two are commensurable.
    pub fn factor_to(&self, other: &Unit) -> Option<f64> {
        self.commensurable(other)
            .then(|| self.factor / other.factor)
    }

    /// How `self` differs from `other` in moles and grams: `Some(1)` when `self` has one
    /// more gram and one less mole than `other` (a mass concentration against a substance
    /// concentration), `Some(-1)` for the reverse, `None` otherwise.
    pub fn mass_over_amount(&self, other: &Unit) -> Option<i8> {
        let mut diff = [0i8; N_DIMS];
        for (k, d) in diff.iter_mut().enumerate() {
            *d = self.dims[k].saturating_sub(other.dims[k]);
        }
        let rest_equal = diff
            .iter()
            .enumerate()
            .all(|(k, d)| k == GRAM || k == MOLE || *d == 0);
        match (diff[GRAM], diff[MOLE]) {
            (1, -1) if rest_equal => Some(1),
            (-1, 1) if rest_equal => Some(-1),
            _ => None,
        }
    }
}

/// Why a unit string is not a UCUM unit survlens knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UcumError {
    /// The string is empty.
    Empty,
    /// A symbol that is no atom of the subset, with or without a prefix.
    UnknownAtom {
        /// The symbol as written.
        atom: String,
    },
    /// A character that cannot start a component, at this byte offset.
    Unexpected {
        /// The character.
        found: char,
        /// Byte offset in the unit string.
        at: usize,
    },
    /// An opening `{`, `[` or `(` without its closing bracket.
    Unclosed {
        /// The bracket.
        bracket: char,
    },
    /// An exponent too large for any unit.
    Exponent {
        /// The exponent as written.
        text: String,
    },
}

impl fmt::Display for UcumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UcumError::Empty => f.write_str("the unit is empty"),
            UcumError::UnknownAtom { atom } => write!(f, "\"{atom}\" is not a known UCUM unit"),
            UcumError::Unexpected { found, at } => {
                write!(f, "unexpected \"{found}\" at character {}", at + 1)
            }
            UcumError::Unclosed { bracket } => write!(f, "a \"{bracket}\" is not closed"),
            UcumError::Exponent { text } => write!(f, "the exponent {text} is too large"),
        }
    }
}

impl Describe for UcumError {
    fn message(&self) -> Message {
        use MessageArg as A;
        match self {
            UcumError::Empty => Message::plain("fhir-ucum-empty"),
            UcumError::UnknownAtom { atom } => {
                Message::new("fhir-ucum-unknown-atom", vec![("atom", A::text(atom))])
            }
            UcumError::Unexpected { found, at } => Message::new(
                "fhir-ucum-unexpected",
                vec![("found", A::text(found)), ("at", A::text(at + 1))],
            ),
            UcumError::Unclosed { bracket } => {
                Message::new("fhir-ucum-unclosed", vec![("bracket", A::text(bracket))])
            }
            UcumError::Exponent { text } => {
                Message::new("fhir-ucum-exponent", vec![("text", A::text(text))])
            }
        }
    }
}

/// The atoms of the subset and their size in base units (UCUM tables 1-4; the mole and the
/// arbitrary units as dimensions of their own, see the module docs).
fn atom(symbol: &str) -> Option<Unit> {
    Some(match symbol {
        "1" => Unit::ONE,
        "m" => Unit::base(METRE, 1.0),
        "g" => Unit::base(GRAM, 1.0),
        "s" => Unit::base(SECOND, 1.0),
        "mol" => Unit::base(MOLE, 1.0),
        "K" => Unit::base(KELVIN, 1.0),
        "Cel" => Unit::base(CELSIUS, 1.0),
        "[IU]" | "[iU]" => Unit::base(INTERNATIONAL_UNIT, 1.0),
        "[hnsf'U]" => Unit::base(HOUNSFIELD, 1.0),
        "[arb'U]" => Unit::base(ARBITRARY, 1.0),
        // Time: UCUM's minute, hour, day, week, mean Julian month and Julian year.
        "min" => Unit::base(SECOND, 60.0),
        "h" => Unit::base(SECOND, 3_600.0),
        "d" => Unit::base(SECOND, 86_400.0),
        "wk" => Unit::base(SECOND, 604_800.0),
        "mo" => Unit::base(SECOND, 2_629_800.0),
        "a" => Unit::base(SECOND, 31_557_600.0),
        // Litre = 1 dm3.
        "L" | "l" => Unit::base(METRE, 1.0).pow(3).scaled(1e-3),
        // Enzyme unit = 1 µmol/min; katal = 1 mol/s.
        "U" => Unit::base(MOLE, 1e-6).times(Unit::base(SECOND, 60.0).pow(-1)),
        "kat" => Unit::base(MOLE, 1.0).times(Unit::base(SECOND, 1.0).pow(-1)),
        "%" => Unit::ONE.scaled(1e-2),
        // Pascal = 1 N/m2 = 1000 g m-1 s-2; mm[Hg] = 133.3220 Pa (UCUM table 4).
        "Pa" => pressure(1.0),
        "mm[Hg]" => pressure(133.322),
        "[in_i]" => Unit::base(METRE, 0.0254),
        "[lb_av]" => Unit::base(GRAM, 453.592_37),
        _ => return None,
    })
}

fn pressure(pascal: f64) -> Unit {
    Unit::base(GRAM, 1000.0 * pascal)
        .times(Unit::base(METRE, 1.0).pow(-1))
        .times(Unit::base(SECOND, 1.0).pow(-2))
}

impl Unit {
    fn scaled(self, by: f64) -> Unit {
        Unit {
            factor: self.factor * by,
            dims: self.dims,
        }
    }
}

/// Metric prefixes (UCUM table 1), longest first where one is a prefix of another.
const PREFIXES: [(&str, f64); 17] = [
    ("da", 1e1),
    ("Y", 1e24),
    ("Z", 1e21),
    ("E", 1e18),
    ("P", 1e15),
    ("T", 1e12),
    ("G", 1e9),
    ("M", 1e6),
    ("k", 1e3),
    ("h", 1e2),
    ("d", 1e-1),
    ("c", 1e-2),
    ("m", 1e-3),
    ("u", 1e-6),
    ("n", 1e-9),
    ("p", 1e-12),
    ("f", 1e-15),
];

/// Atoms that take metric prefixes (UCUM's "metric" units of the subset).
fn metric(symbol: &str) -> bool {
    matches!(
        symbol,
        "m" | "g" | "s" | "mol" | "L" | "l" | "U" | "kat" | "[IU]" | "[iU]" | "Pa" | "K"
    )
}

/// Parses a UCUM unit expression (case-sensitive form).
///
/// # Errors
/// A [`UcumError`] naming the first symbol or character that is not understood.
pub fn parse(text: &str) -> Result<Unit, UcumError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(UcumError::Empty);
    }
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let unit = parser.term()?;
    match parser.peek() {
        None => Ok(unit),
        Some(c) => Err(UcumError::Unexpected {
            found: c,
            at: parser.at,
        }),
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text.get(self.at..).and_then(|s| s.chars().next())
    }

    fn term(&mut self) -> Result<Unit, UcumError> {
        let mut unit = if self.peek() == Some('/') {
            self.at += 1;
            self.component()?.pow(-1)
        } else {
            self.component()?
        };
        loop {
            match self.peek() {
                Some('.') => {
                    self.at += 1;
                    unit = unit.times(self.component()?);
                }
                Some('/') => {
                    self.at += 1;
                    unit = unit.times(self.component()?.pow(-1));
                }
                _ => return Ok(unit),
            }
        }
    }

    /// Skips an annotation `{...}` at the cursor, if there is one.
    fn annotation(&mut self) -> Result<bool, UcumError> {
        if self.peek() != Some('{') {
            return Ok(false);
        }
        match self.text[self.at..].find('}') {
            Some(end) => {
                self.at += end + 1;
                Ok(true)
            }
            None => Err(UcumError::Unclosed { bracket: '{' }),
        }
    }

    fn component(&mut self) -> Result<Unit, UcumError> {
        if self.annotation()? {
            return Ok(Unit::ONE);
        }
        let unit = if self.peek() == Some('(') {
            self.at += 1;
            let inner = self.term()?;
            if self.peek() != Some(')') {
                return Err(UcumError::Unclosed { bracket: '(' });
            }
            self.at += 1;
            inner
        } else {
            let symbol = self.symbol()?;
            let base = if symbol == "10*" || symbol == "10^" {
                Unit::ONE.scaled(10.0)
            } else {
                resolve(&symbol)?
            };
            match self.exponent()? {
                Some(e) => base.pow(e),
                None => base,
            }
        };
        self.annotation()?;
        Ok(unit)
    }

    /// The symbol at the cursor: letters, brackets and the other characters UCUM allows in
    /// atoms, up to an operator, an exponent's digits or an annotation.
    fn symbol(&mut self) -> Result<String, UcumError> {
        let start = self.at;
        let rest = &self.text[start..];
        if rest.starts_with("10*") || rest.starts_with("10^") {
            self.at += 3;
            return Ok(rest[..3].to_owned());
        }
        let mut end = start;
        while end < self.bytes.len() {
            let b = self.bytes[end];
            if b == b'[' {
                match self.text[end..].find(']') {
                    Some(close) => end += close + 1,
                    None => return Err(UcumError::Unclosed { bracket: '[' }),
                }
                continue;
            }
            let digit_run = b.is_ascii_digit() || ((b == b'-' || b == b'+') && end > start);
            if matches!(b, b'.' | b'/' | b'{' | b'(' | b')') || digit_run {
                // "1" alone is the unity atom.
                if end == start && b == b'1' {
                    end += 1;
                }
                break;
            }
            end += self.text[end..].chars().next().map_or(1, char::len_utf8);
        }
        if end == start {
            return Err(UcumError::Unexpected {
                found: self.peek().unwrap_or(' '),
                at: start,
            });
        }
        self.at = end;
        Ok(self.text[start..end].to_owned())
    }

    fn exponent(&mut self) -> Result<Option<i32>, UcumError> {
        let start = self.at;
        let mut end = start;
        if matches!(self.bytes.get(end), Some(b'-' | b'+')) {
            end += 1;
        }
        let digits = end;
        while self.bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        if end == digits {
            return Ok(None);
        }
        let text = &self.text[start..end];
        let e: i32 = text.parse().map_err(|_| UcumError::Exponent {
            text: text.to_owned(),
        })?;
        if e.abs() > 30 {
            return Err(UcumError::Exponent {
                text: text.to_owned(),
            });
        }
        self.at = end;
        Ok(Some(e))
    }
}

/// An atom, or a metric prefix followed by a metric atom.
fn resolve(symbol: &str) -> Result<Unit, UcumError> {
    if let Some(unit) = atom(symbol) {
        return Ok(unit);
    }
    for (prefix, factor) in PREFIXES {
        if let Some(rest) = symbol.strip_prefix(prefix)
            && metric(rest)
            && let Some(unit) = atom(rest)
        {
            return Ok(unit.scaled(factor));
        }
    }
    Err(UcumError::UnknownAtom {
        atom: symbol.to_owned(),
    })
}

/// The UCUM code a unit written for people most likely means: the `unit` text of a FHIR
/// quantity without a `code`, and the dictionary's units (`10^9/L`, `mmHg`, `years`).
/// German laboratory spellings are included (`G/l` = giga per litre, `Tsd/µl` = thousand
/// per microlitre, `IE/l` = international units per litre). Anything else is returned
/// with `µ` written `u`, to be parsed as UCUM.
pub fn from_display(text: &str) -> String {
    let t = text.trim().replace(['µ', 'μ'], "u");
    let known = match t.as_str() {
        "G/l" | "G/L" | "Gpt/l" | "Gpt/L" | "10^9/l" | "10^9/L" | "x10^9/L" | "/nl" => {
            Some("10*9/L")
        }
        "T/l" | "T/L" | "Tpt/l" | "10^12/l" | "10^12/L" | "x10^12/L" | "/pl" => Some("10*12/L"),
        "Tsd/ul" | "Tsd./ul" | "10^3/ul" | "10^3/uL" | "/nL" => Some("10*3/uL"),
        "Mio/ul" | "Mio./ul" | "10^6/ul" | "10^6/uL" | "/pL" => Some("10*6/uL"),
        "mmHg" => Some("mm[Hg]"),
        "IU/L" | "IU/l" | "IE/l" | "IE/L" => Some("[IU]/L"),
        "mIU/L" | "mIU/l" | "mIE/l" => Some("m[IU]/L"),
        "IU/mL" | "IU/ml" => Some("[IU]/mL"),
        "°C" | "C" | "degC" => Some("Cel"),
        "years" | "year" | "y" | "Jahre" => Some("a"),
        "kg/m²" => Some("kg/m2"),
        "cm²" => Some("cm2"),
        "cm²/m²" => Some("cm2/m2"),
        "mL/min/1.73m2" | "ml/min/1.73m2" | "ml/min/1,73m²" | "mL/min/1.73m²" => {
            Some("mL/min/{1.73_m2}")
        }
        "mg/L FEU" | "mg/l FEU" => Some("mg/L{FEU}"),
        "HU" => Some("[hnsf'U]"),
        "/min" | "1/min" | "bpm" | "/Min" => Some("/min"),
        _ => None,
    };
    known.map_or(t, str::to_owned)
}
