//! The one parser every lexicon file goes through, built-in or a user's.
//!
//! A file is plain text, one entry a line:
//!
//! ```text
//! # a comment
//! term | field | field
//! ```
//!
//! Blank lines and lines starting with `#` are skipped. The term is everything before the first
//! `|`, trimmed, with its spacing folded as the matcher folds a posting's (`spacing`: a tab or
//! two spaces are one space), so that no term is written in a way no text can match; the
//! fields after it are trimmed and their meaning depends on the file.

use crate::spacing::Spacing;
use std::borrow::Cow;

/// One entry of a lexicon file: a term and its raw fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry<'a> {
    /// The term, trimmed, as written but for its spacing.
    pub term: Cow<'a, str>,
    /// The fields after the term, trimmed, empty ones dropped.
    pub fields: Vec<&'a str>,
    /// The 1-based line number.
    pub line: usize,
}

/// Splits a file into entries. Never fails: the meaning of fields is checked by the caller,
/// which knows the file's kind.
pub(crate) fn entries(text: &str) -> impl Iterator<Item = Entry<'_>> {
    text.lines().enumerate().filter_map(|(i, raw)| {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let mut parts = line.split('|');
        let term = Spacing::fold(parts.next().unwrap_or("").trim()).text;
        let fields = parts.map(str::trim).filter(|f| !f.is_empty()).collect();
        Some(Entry {
            term,
            fields,
            line: i + 1,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_comments_and_blanks_and_counts_lines() {
        let text = "# header\n\napache airflow | 3 | orchestration\r\n  spark|2  \nc#\n";
        let got: Vec<_> = entries(text).collect();
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[0],
            Entry {
                term: "apache airflow".into(),
                fields: vec!["3", "orchestration"],
                line: 3
            }
        );
        assert_eq!(
            got[1],
            Entry {
                term: "spark".into(),
                fields: vec!["2"],
                line: 4
            }
        );
        assert_eq!(
            got[2],
            Entry {
                term: "c#".into(),
                fields: vec![],
                line: 5
            }
        );
    }

    #[test]
    fn a_term_is_spaced_as_the_matcher_reads_text() {
        let got: Vec<_> = entries("machine  learning | 2\ndata\t\u{a0}pipelines|1\n").collect();
        assert_eq!(got[0].term, "machine learning");
        assert_eq!(got[1].term, "data pipelines");
    }

    #[test]
    fn empty_term_is_kept_for_the_caller_to_reject() {
        let got: Vec<_> = entries(" | 3").collect();
        assert_eq!(got[0].term, "");
    }
}
