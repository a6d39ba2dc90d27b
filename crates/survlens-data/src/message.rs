//! An error's sentence as a key of a message catalogue and its arguments, so that a reader
//! that speaks other languages can write it in them.
//!
//! The library crates write their errors in English: that is their `Display`, the command
//! line's sentence. The page speaks English and German from catalogues in Project Fluent's
//! syntax (<https://projectfluent.org/fluent/guide/>), one sentence per key and language. An
//! error that implements [`Describe`] names its catalogue key and hands over its parts as
//! arguments; the page looks the key up in the reader's language. Each crate implements
//! [`Describe`] with an exhaustive `match` over its own errors, so an error cannot be added
//! without its key, and its tests hold the English catalogue's sentence equal to `Display`.
//!
//! Keys name the crate and the error: `data-`, `model-`, `xai-`, `synth-`, then the
//! variant (`data-duplicate-column`). Arguments are named as Fluent variables
//! (`{ $column }`).

/// An error's sentence: a catalogue key and its arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// The catalogue key.
    pub key: &'static str,
    /// The arguments, by the names the catalogue's sentences use.
    pub args: Vec<(&'static str, MessageArg)>,
}

/// An argument of a [`Message`].
#[derive(Clone, Debug, PartialEq)]
pub enum MessageArg {
    /// Text written as it is: a name from the data, a number already formatted, a
    /// library's own description.
    Text(String),
    /// A count: chooses the plural form and is written with the language's grouping of
    /// thousands.
    Count(u64),
    /// A number written as Rust's `{}` writes an `f64` (the shortest form that reads back
    /// the same), with the language's decimal mark.
    Number(f64),
    /// A number with a fixed count of decimals (as `{:.2}` writes it), with the language's
    /// decimal mark and grouping of thousands.
    Decimal(f64, usize),
    /// Another error's sentence, written in the same language (the cause inside a frame).
    Nested(Box<Message>),
}

impl Message {
    /// The message `key` without arguments.
    pub const fn plain(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// The message `key` with `args`.
    pub fn new(key: &'static str, args: Vec<(&'static str, MessageArg)>) -> Self {
        Self { key, args }
    }
}

impl MessageArg {
    /// Text written as it is.
    pub fn text(text: impl ToString) -> Self {
        Self::Text(text.to_string())
    }

    /// A count (its plural form and grouping follow the language).
    pub fn count(n: usize) -> Self {
        Self::Count(n as u64)
    }

    /// Another error's sentence.
    pub fn nested(cause: &impl Describe) -> Self {
        Self::Nested(Box::new(cause.message()))
    }
}

/// An error whose sentence a catalogue can write in any language it holds.
pub trait Describe {
    /// The error's catalogue key and arguments.
    fn message(&self) -> Message;
}
