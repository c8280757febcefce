//! Typed errors for loading a lexicon.

use std::fmt;

/// An error found while loading or compiling a lexicon.
///
/// Every error that comes from a file names the file and, where it applies, the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    file: String,
    line: Option<usize>,
    kind: ErrorKind,
}

/// What went wrong while loading a lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A field of a line could not be understood.
    BadField {
        /// The offending field, as written.
        field: String,
        /// What the field should have been.
        expected: &'static str,
    },
    /// A line holds no term before its first `|`.
    EmptyTerm,
    /// A weight is not a finite number in the allowed range.
    BadWeight(String),
    /// The same term appears twice (the first line is given).
    Duplicate {
        /// The term, lowercased.
        term: String,
        /// Where it first appeared, as `file:line`.
        first: String,
    },
    /// A required field is missing from a line.
    MissingField(&'static str),
    /// The file name is not one the lexicon knows.
    UnknownFile,
    /// A file could not be read.
    Io(String),
    /// The matcher could not be built.
    Build(String),
    /// A term is too long to be a phrase.
    TooLong(usize),
    /// A phrase with a gap ("deploy ... models") that is not written as one head, " ... " and
    /// one tail, or stands in a file that takes no such phrase: what is wrong.
    BadGap(&'static str),
}

impl Error {
    pub(crate) fn new(file: &str, line: Option<usize>, kind: ErrorKind) -> Error {
        Error {
            file: file.to_string(),
            line,
            kind,
        }
    }

    /// The file the error is about.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The 1-based line the error is about, when it is about one line.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: ", self.file, line)?,
            None => write!(f, "{}: ", self.file)?,
        }
        match &self.kind {
            ErrorKind::BadField { field, expected } => {
                write!(f, "cannot read field '{field}': expected {expected}")
            }
            ErrorKind::EmptyTerm => write!(f, "the line has fields but no term"),
            ErrorKind::BadWeight(w) => {
                write!(f, "weight '{w}' must be a number from 0 to 10")
            }
            ErrorKind::Duplicate { term, first } => {
                write!(f, "term '{term}' is already defined at {first}")
            }
            ErrorKind::MissingField(what) => write!(f, "missing field: {what}"),
            ErrorKind::UnknownFile => write!(
                f,
                "unknown lexicon file (expected one of de.txt, ds.txt, mle.txt, analyst.txt, \
                 common.txt, nondata.txt, signals.txt, cues.txt, sections.txt, titles.txt)"
            ),
            ErrorKind::Io(e) => write!(f, "cannot read: {e}"),
            ErrorKind::Build(e) => write!(f, "cannot build the matcher: {e}"),
            ErrorKind::TooLong(n) => write!(f, "term is {n} bytes long; the limit is 200"),
            ErrorKind::BadGap(why) => write!(f, "phrase with a gap: {why}"),
        }
    }
}

impl std::error::Error for Error {}
