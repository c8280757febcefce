//! rolecall reads job postings and says what the data job really is.
//!
//! Data job titles say little about the work: a "Data Scientist" posting can be mostly pipeline
//! work, and an "ML Engineer" posting that also asks you to build ingestion and the warehouse is
//! a hidden **Full Stack Data Scientist**. rolecall scores every posting against each role
//! independently (Data Engineer, Data Scientist, ML Engineer, Data Analyst), then its rules
//! flag hybrids, FSDS postings and title/body mismatches, each with its evidence.
//!
//! # Example
//!
//! ```
//! use rolecall::{Classifier, Posting, Role};
//!
//! let classifier = Classifier::default();
//! let posting = Posting::new(
//!     "Data Scientist",
//!     "We are an early-stage startup hiring our first data hire. You will build ingestion \
//!      pipelines with Kafka and Airflow into our Snowflake warehouse, train forecasting and \
//!      classification models, and deploy them behind REST APIs with Docker and Kubernetes, \
//!      monitoring them for drift.",
//! );
//! let verdict = classifier.classify(&posting);
//! assert!(verdict.fsds.flag);
//! assert!(verdict.labels.contains(&Role::De) && verdict.labels.contains(&Role::Mle));
//! println!("{}", serde_json::to_string(&verdict)?);
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # Overview
//!
//! - [`Classifier`]: the shipped lexicon and rules ([`Classifier::default`]) or your own
//!   ([`Classifier::from_dir`]); [`Classifier::classify`] gives a [`Verdict`].
//! - [`Posting`]: id, title and text.
//! - [`input`]: reading postings from files, directories and stdin, in every common format,
//!   with one record or one error per posting found.

mod classifier;
mod error;
pub mod input;
mod posting;
mod verdict;

pub use classifier::Classifier;
pub use error::Error;
pub use posting::Posting;
pub use rolecall_lexicon::{Lexicon, Role, Section, Stage, GAP};
pub use rolecall_rules::{Config, Fsds, PrimaryRule, Reason, Rule};
pub use verdict::{EvidenceItem, EvidenceKind, Score, Scores, Verdict};

/// The README's Rust examples are compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
