//! The rolecall lexicon: load and validate the keyword files, find every term of every role in
//! one pass, and turn the hits into per-role scores.
//!
//! # Overview
//!
//! - [`Lexicon`]: the validated, compiled lexicon; [`Lexicon::builtin`] is the shipped one, built
//!   from the top-level `keywords/` folder, and [`Lexicon::from_dir`] loads a user's own.
//! - [`Lexicon::analyze`]: one Aho-Corasick pass over a posting, then arithmetic on the hits:
//!   [`Analysis`] holds the [`Evidence`], each role's [`RoleScore`] and the pipeline stages.
//! - [`Role`], [`Stage`] and [`Section`]: the closed vocabularies.
//!
//! # Example
//!
//! ```
//! use rolecall_lexicon::{Lexicon, Role, ScoreParams};
//!
//! let lexicon = Lexicon::builtin();
//! let text = "You will build batch and streaming pipelines with Airflow and Kafka \
//!             and own our Snowflake warehouse.";
//! let analysis = lexicon.analyze(text, &ScoreParams::default());
//! assert!(analysis.role(Role::De).strength > analysis.role(Role::Ds).strength);
//! ```
//!
//! # Match semantics
//!
//! ASCII case-insensitive, leftmost-longest, whole words with plain plurals; see the
//! `matcher` module for the exact rules. Every hit keeps its byte span in the text.
//!
//! # File format
//!
//! One term a line, `term | field | field`, `#` comments; `keywords/README.md` documents the
//! fields of each file. Errors name the file and the line.

mod builtin;
mod error;
mod lexicon;
mod matcher;
mod parse;
mod role;
mod score;
mod sections;

pub use builtin::BUILTIN;
pub use error::{Error, ErrorKind};
pub use lexicon::{CueScope, Lexicon, LexiconBuilder, Origin, Term, TermKind, TitlePattern};
pub use matcher::Hit;
pub use role::{Role, Section, Stage};
pub use score::{Analysis, Evidence, RoleScore, ScoreParams, SectionWeights};

impl Lexicon {
    /// The role a job title claims, from the title patterns (`None`: the title names no data
    /// role), with the pattern's span in the title.
    pub fn title_role(&self, title: &str) -> (Option<Role>, Option<Hit>) {
        match self.matcher().find_title(title, self.titles()) {
            Some(hit) => (self.titles()[hit.term].role, Some(hit)),
            None => (None, None),
        }
    }

    /// Whether a title names only non-data jobs: it matches a `none` pattern and no pattern of a
    /// data role ("Product Manager" yes; "Big Data Software Engineer" no).
    pub fn title_is_non_data(&self, title: &str) -> bool {
        let hits = self.matcher().find_titles(title);
        !hits.is_empty() && hits.iter().all(|h| self.titles()[h.term].role.is_none())
    }
}
