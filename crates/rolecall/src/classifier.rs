//! The classifier: a compiled lexicon plus the rules, shared by every thread.

use crate::error::Error;
use crate::posting::Posting;
use crate::verdict::{EvidenceItem, EvidenceKind, Score, Scores, Verdict};
use rolecall_lexicon::{Lexicon, Role, TermKind};
use rolecall_rules::{apply_title_prior, decide, Config};
use std::path::Path;

/// Classifies postings. Build it once; it is `Send + Sync` and cheap to share by reference.
#[derive(Debug, Clone)]
pub struct Classifier {
    lexicon: Lexicon,
    config: Config,
}

impl Default for Classifier {
    /// The shipped lexicon and rules.
    fn default() -> Classifier {
        Classifier {
            lexicon: Lexicon::builtin(),
            config: Config::builtin(),
        }
    }
}

impl Classifier {
    /// A classifier from a lexicon and rules of your own.
    pub fn new(lexicon: Lexicon, config: Config) -> Classifier {
        Classifier { lexicon, config }
    }

    /// Loads a lexicon directory: each known `*.txt` file and `rules.toml` found there replaces
    /// the shipped file of the same name.
    ///
    /// # Errors
    ///
    /// An unreadable directory or file, or an invalid file (the error names the file and line).
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Classifier, Error> {
        let dir = dir.as_ref();
        let lexicon = Lexicon::from_dir(dir)?;
        let rules = dir.join("rules.toml");
        let config = if rules.exists() {
            let text = std::fs::read_to_string(&rules).map_err(|e| Error::Io {
                path: rules.display().to_string(),
                message: e.to_string(),
            })?;
            Config::parse(&rules.display().to_string(), &text)?
        } else {
            Config::builtin()
        };
        Ok(Classifier { lexicon, config })
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The rules.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Classifies one posting.
    pub fn classify(&self, posting: &Posting) -> Verdict {
        let mut analysis = self.lexicon.analyze(&posting.text, &self.config.scoring);
        let title = self.lexicon.title_claim(&posting.title);
        apply_title_prior(&mut analysis, &title, &self.config);
        let decision = decide(&self.lexicon, &analysis, &title, &self.config);
        let terms = self.lexicon.terms();
        let score = |r: Role| {
            let s = analysis.role(r);
            Score {
                strength: s.strength,
                share: s.share,
            }
        };
        let mut evidence: Vec<EvidenceItem> = analysis
            .evidence
            .iter()
            .chain(&analysis.signals)
            .map(|e| {
                let term = &terms[e.term];
                let role = match term.kind {
                    TermKind::Role(r) => EvidenceKind::of_role(r),
                    TermKind::Signal => EvidenceKind::Signal,
                    TermKind::NonData => EvidenceKind::NonData,
                    _ => EvidenceKind::Common,
                };
                EvidenceItem {
                    term: term.text.clone(),
                    role,
                    start: e.start,
                    end: e.end,
                    section: e.section,
                    weight: e.contribution,
                }
            })
            .collect();
        evidence.sort_by_key(|e| e.start);
        Verdict {
            id: posting.id.clone(),
            title: posting.title.clone(),
            primary: decision.primary,
            primary_rule: decision.primary_rule,
            labels: decision.labels,
            scores: Scores {
                de: score(Role::De),
                ds: score(Role::Ds),
                mle: score(Role::Mle),
                analyst: score(Role::Analyst),
            },
            fsds: decision.fsds,
            title_role: decision.title_role,
            mismatch: decision.mismatch,
            stages: decision.stages,
            evidence,
            warnings: Vec::new(),
        }
    }
}
