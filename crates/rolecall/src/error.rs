//! Typed errors of the library.

use std::fmt;

/// An error setting up a classifier.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A lexicon file is invalid or unreadable.
    Lexicon(rolecall_lexicon::Error),
    /// The rules file is invalid.
    Rules(rolecall_rules::ConfigError),
    /// A file could not be read.
    Io {
        /// The path.
        path: String,
        /// What the system said.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Lexicon(e) => e.fmt(f),
            Error::Rules(e) => e.fmt(f),
            Error::Io { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

/// `Display` already shows the inner error (file, line, message), so `source` is `None`: an
/// error chain printed whole says it once.
impl std::error::Error for Error {}

impl From<rolecall_lexicon::Error> for Error {
    fn from(e: rolecall_lexicon::Error) -> Error {
        Error::Lexicon(e)
    }
}

impl From<rolecall_rules::ConfigError> for Error {
    fn from(e: rolecall_rules::ConfigError) -> Error {
        Error::Rules(e)
    }
}
