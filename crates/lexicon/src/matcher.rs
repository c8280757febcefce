//! One Aho-Corasick pass over the text finds every term of every kind, on word boundaries.
//!
//! Match semantics:
//! - ASCII case-insensitive (the lexicon is written in lower case);
//! - leftmost-longest: "machine learning engineer" wins over "machine learning";
//! - whole words: a term whose first (last) character is a word character matches only where
//!   the text has no word character just before (after) it, with Unicode-aware word characters,
//!   so "spark" is not found in "sparkling" nor "rust" in "trust";
//! - a lost line break counts as a boundary: in flattened text ("...data pipelinesDesign models")
//!   a lower-case letter followed by a capitalised word ("sD" then a lower-case letter) separates
//!   two words. Camel-case brands stay whole when the lexicon names them ("JavaScript" is one
//!   term, found first by leftmost-longest), and acronyms do not split ("NoSQL", "PhD");
//! - a plain plural is accepted: "pipeline" matches "pipelines", "api" matches "APIs",
//!   "process" matches "processes" ("es" after s, x, z, ch or sh, "s" after any other letter:
//!   "shap" does not match "shapes", nor "sas" "Sass"), and the hit's span covers the plural
//!   ending;
//! - when the longest candidate fails the word test ("machine learning engineering"), the longest
//!   shorter term starting at the same place that passes it is used ("machine learning");
//! - spacing does not matter: the matcher reads a text whose spacing is folded (`spacing`: a
//!   run of spaces, tabs or no-break spaces is one space, a soft hyphen or zero-width space is
//!   nothing, a non-breaking hyphen is a hyphen), so "machine\u{a0}learning" and "machine
//!   learning" are one phrase; `Lexicon::analyze` folds the body and maps the spans back to the
//!   text as given, `Lexicon::title_claim` folds the title;
//! - a hyphen is a space: the automaton reads every `-` of the text and of the patterns as a
//!   space, so "real-time" finds "real time" and "end to end" finds "end-to-end", at any length,
//!   with the spans and the word tests on the text as given; a one-letter prefix and its hyphen
//!   belong to the word that follows ("x-ray" holds no "ray", "e-commerce" no "commerce");
//! - a term is also found in its other spellings (`spelling`): "data visualisation" for "data
//!   visualization". A variant that the lexicon writes out as a term of its own is that term's;
//! - a statement of the whole path (`path` in `signals.txt`: "from data ingestion to model
//!   deployment") leaves its words to the other terms: "data ingestion" and "model deployment"
//!   are found inside it too. Every other hit takes its words.

use crate::lexicon::{Term, TermKind, TitlePattern, GAP, GAP_WORDS, PATH_GAP_WORDS};
use crate::spelling::{self, fold_hyphens};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use std::borrow::Cow;
use std::collections::HashMap;

/// A term found in a text: the term's id (its index in [`crate::Lexicon::terms`]) and its byte
/// span, `start..end`, in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the term in [`crate::Lexicon::terms`].
    pub term: usize,
    /// Byte offset where the hit starts (a char boundary).
    pub start: usize,
    /// Byte offset just past the hit (a char boundary).
    pub end: usize,
}

/// Above this many patterns, the automaton is not forced to be a DFA.
const DFA_MAX_PATTERNS: usize = 5000;

/// Which edges of a pattern need a word boundary, and which plural endings are allowed.
#[derive(Debug, Clone, Copy)]
struct Edges {
    start: bool,
    end: bool,
    /// The term ends in a letter, so it takes a plural ending.
    plural: bool,
    /// The ending is "es", not "s": the term ends in a sibilant ("processes", "boxes",
    /// "batches"). So "shap" does not find "shapes", nor "sas" "Sass".
    plural_es: bool,
}

impl Edges {
    fn of(term: &str) -> Edges {
        let first = term.chars().next().is_some_and(is_word_char);
        let last = term.chars().next_back();
        Edges {
            start: first,
            end: last.is_some_and(is_word_char),
            plural: last.is_some_and(|c| c.is_ascii_alphabetic()),
            plural_es: matches!(
                term.as_bytes(),
                [.., b's' | b'x' | b'z' | b'S' | b'X' | b'Z']
                    | [.., b'c' | b's' | b'C' | b'S', b'h' | b'H']
            ),
        }
    }
}

/// An automaton together with the edge rules of its patterns and the term each one finds.
#[derive(Debug, Clone)]
struct Automaton {
    ac: AhoCorasick,
    edges: Vec<Edges>,
    /// The strings the automaton looks for: the texts, hyphens read as spaces, then their
    /// other spellings, then the heads of phrases with a gap that are no term of their own.
    patterns: Vec<String>,
    /// The term (index into the texts given to [`Automaton::new`]) of each pattern; `None` for
    /// a head that finds nothing without its tail.
    terms: Vec<Option<usize>>,
    /// The phrases with a gap whose head each pattern is, tried before the pattern's own term.
    gaps: Vec<Vec<Gap>>,
    /// By term: a hit of this term leaves its words to the other terms (a statement of the
    /// whole path, "from data ingestion to model deployment", holds duties of its own).
    see_through: Vec<bool>,
}

/// A phrase with a gap ("deploy ... models"), seen from its head: the term, and the spellings
/// of its tail (lower case, hyphens as spaces) with their edge rules.
#[derive(Debug, Clone)]
struct Gap {
    term: usize,
    /// The last word of the head, lower case: the gap may not hold it again.
    head_word: String,
    tails: Vec<(String, Edges)>,
    /// A statement of the whole path: its gap spans [`PATH_GAP_WORDS`] words and commas.
    long: bool,
}

/// A pattern the automaton found that passed the word test, before it becomes a [`Hit`].
#[derive(Debug, Clone, Copy)]
struct Found {
    pattern: usize,
    start: usize,
    /// Where the pattern itself ends, before a plural ending: a shorter pattern ends before it.
    pattern_end: usize,
    end: usize,
}

impl Automaton {
    /// An automaton finding each of `texts` and their other spellings, hyphens read as spaces.
    /// A text with a [`GAP`] is found from its head: see [`tail_end`]. The terms
    /// marked in `see_through` do not take their words from the others.
    fn new<'a>(
        texts: impl Iterator<Item = &'a str>,
        see_through: Vec<bool>,
    ) -> Result<Automaton, String> {
        let texts: Vec<String> = texts.map(|t| fold_hyphens(t).into_owned()).collect();
        let mut patterns: Vec<String> = Vec::with_capacity(texts.len());
        let mut terms: Vec<Option<usize>> = Vec::with_capacity(texts.len());
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut add = |pattern: String, term: Option<usize>| -> usize {
            *index.entry(pattern.to_lowercase()).or_insert_with(|| {
                patterns.push(pattern);
                terms.push(term);
                patterns.len() - 1
            })
        };
        // The written terms first, so that no other spelling takes the pattern of one.
        for (term, text) in texts.iter().enumerate() {
            if !text.contains(GAP) {
                add(text.clone(), Some(term));
            }
        }
        for (term, text) in texts.iter().enumerate() {
            if !text.contains(GAP) {
                for variant in spelling::variants(&text.to_lowercase()) {
                    add(variant, Some(term));
                }
            }
        }
        let mut heads: Vec<(usize, Gap)> = Vec::new();
        for (term, text) in texts.iter().enumerate() {
            let Some((head, tail)) = text.split_once(GAP) else {
                continue;
            };
            let tails: Vec<(String, Edges)> = spelling::spellings(tail.trim())
                .iter()
                .map(|t| {
                    let t = fold_hyphens(t).into_owned();
                    let edges = Edges::of(&t);
                    (t, edges)
                })
                .collect();
            for head in spelling::spellings(head.trim()) {
                let head = fold_hyphens(&head).into_owned();
                let head_word = head.rsplit(' ').next().unwrap_or_default().to_lowercase();
                let pattern = add(head, None);
                let tails = tails.clone();
                heads.push((
                    pattern,
                    Gap {
                        term,
                        head_word,
                        tails,
                        long: see_through.get(term).copied().unwrap_or(false),
                    },
                ));
            }
        }
        let mut gaps: Vec<Vec<Gap>> = vec![Vec::new(); patterns.len()];
        for (pattern, gap) in heads {
            gaps[pattern].push(gap);
        }
        let edges: Vec<Edges> = patterns.iter().map(|p| Edges::of(p)).collect();
        // A full DFA scans fastest (about 1.8x the crate's default choice on the shipped
        // lexicon) but its memory grows with the pattern count: for very large user lexicons
        // let the crate pick a compact automaton instead.
        let kind = (edges.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA);
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .kind(kind)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(Automaton {
            ac,
            edges,
            patterns,
            terms,
            gaps,
            see_through,
        })
    }

    /// Calls `found` for every accepted hit, left to right: non-overlapping, or with
    /// `overlapping` also the hits that start inside an earlier one ("data analyst" in
    /// "Big Data Analyst").
    /// `text` is folded already ([`crate::spacing::Spacing::fold`]).
    fn each(&self, text: &str, overlapping: bool, mut found: impl FnMut(Hit) -> bool) {
        // What the automaton reads: the text with its hyphens as spaces, byte for byte, so that
        // every offset is the text's own.
        let read: Cow<'_, [u8]> = match fold_hyphens(text) {
            Cow::Borrowed(t) => Cow::Borrowed(t.as_bytes()),
            Cow::Owned(t) => Cow::Owned(t.into_bytes()),
        };
        let len = text.len();
        let mut pos = 0;
        while pos < len {
            let Some(m) = self.ac.find(Input::new(&*read).span(pos..len)) else {
                break;
            };
            let mut candidate = self
                .accept(text, m.pattern().as_usize(), m.start(), m.end())
                .or_else(|| self.shorter(&read, text, m.start(), m.end()));
            // A head without its tail finds nothing: a shorter term at its start may.
            let hit = loop {
                let Some(f) = candidate else {
                    break None;
                };
                if let Some(hit) = self.resolve(&read, text, f) {
                    break Some(hit);
                }
                candidate = self.shorter(&read, text, f.start, f.pattern_end);
            };
            match hit {
                Some(hit) => {
                    let see_through = self.see_through.get(hit.term).copied().unwrap_or(false);
                    pos = if overlapping || see_through {
                        hit.start + 1
                    } else {
                        hit.end
                    };
                    if !found(hit) {
                        return;
                    }
                }
                None => pos = m.start() + 1,
            }
        }
    }

    /// The hit a found pattern makes: the first phrase with a gap it heads whose tail follows,
    /// else the pattern's own term, if it has one.
    fn resolve(&self, read: &[u8], text: &str, f: Found) -> Option<Hit> {
        for gap in &self.gaps[f.pattern] {
            if let Some(end) = tail_end(read, text, f.end, gap) {
                return Some(Hit {
                    term: gap.term,
                    start: f.start,
                    end,
                });
            }
        }
        self.terms[f.pattern].map(|term| Hit {
            term,
            start: f.start,
            end: f.end,
        })
    }

    /// The longest shorter pattern at `start` in `read` (the folded text) that passes the word
    /// test on `text`.
    fn shorter(&self, read: &[u8], text: &str, start: usize, mut end: usize) -> Option<Found> {
        while end > start + 1 {
            let input = Input::new(read)
                .span(start..end - 1)
                .anchored(Anchored::Yes);
            let m = self.ac.find(input)?;
            if let Some(f) = self.accept(text, m.pattern().as_usize(), m.start(), m.end()) {
                return Some(f);
            }
            end = m.end();
        }
        None
    }

    /// Applies the word-boundary rules; returns the found pattern with its final end.
    fn accept(&self, text: &str, pattern: usize, start: usize, end: usize) -> Option<Found> {
        let edges = self.edges[pattern];
        if edges.start && word_before(text, start) {
            return None;
        }
        Some(Found {
            pattern,
            start,
            pattern_end: end,
            end: word_end(text, end, edges)?,
        })
    }
}

/// Where the tail of a phrase with a gap ends, if one of `tails` follows `from` (the end of its
/// head) within [`GAP_WORDS`] words: on the same line, with only spaces, hyphens, `/`, `&` and
/// parentheses between the words ("deploy machine learning (ML) models"), so that a comma, a
/// full stop, a bullet or a lost line break ends the search. "Deploy pipelines, train models" is no "deploy ... models". Nor may the head's word
/// come again in the gap: in "models and launching these models into production" the phrase
/// is the second "models into production", the nearer head. A statement of the whole path
/// lists the stages between its ends, so its gap spans [`PATH_GAP_WORDS`] words and commas, but
/// no more than one clause still.
fn tail_end(read: &[u8], text: &str, from: usize, gap: &Gap) -> Option<usize> {
    let tails = &gap.tails;
    let len = text.len();
    let max_words = if gap.long { PATH_GAP_WORDS } else { GAP_WORDS };
    let mut i = from;
    let mut words = 0;
    loop {
        while i < len
            && (matches!(read[i], b' ' | b'\t' | b'/' | b'&' | b'(' | b')')
                || (gap.long && read[i] == b','))
        {
            i += 1;
        }
        if i >= len || i == from {
            return None;
        }
        for (tail, edges) in tails {
            let end = i + tail.len();
            if read.len() >= end
                && read[i..end].eq_ignore_ascii_case(tail.as_bytes())
                && text.is_char_boundary(end)
            {
                if let Some(end) = word_end(text, end, *edges) {
                    return Some(end);
                }
            }
        }
        if words == max_words {
            return None;
        }
        // Step over one word.
        let word_start = i;
        while let Some(c) = text[i..].chars().next() {
            if !is_word_char(c) && c != '\'' {
                break;
            }
            i += c.len_utf8();
            if glued_at(text, i) {
                return None;
            }
        }
        if i == word_start {
            return None;
        }
        let word = &read[word_start..i];
        let head = gap.head_word.as_bytes();
        if [&b""[..], b"s", b"es"].iter().any(|plural| {
            word.len() == head.len() + plural.len()
                && word[..head.len()].eq_ignore_ascii_case(head)
                && word[head.len()..].eq_ignore_ascii_case(plural)
        }) {
            return None;
        }
        words += 1;
    }
}

/// Where a pattern found ending at `end` ends as a word: at `end` when no word goes on there
/// (or the pattern ends in a symbol), after a plural ending when the pattern takes one, else
/// nowhere (`None`).
fn word_end(text: &str, end: usize, edges: Edges) -> Option<usize> {
    if edges.end && word_after(text, end) {
        plural_end(text, end, edges.plural_es).filter(|_| edges.plural)
    } else {
        Some(end)
    }
}

/// Where a plain plural ending that ends a word finishes, if one is at `end`: "es" after a
/// sibilant (`es`), "s" after any other letter.
fn plural_end(text: &str, end: usize, es: bool) -> Option<usize> {
    let rest = &text.as_bytes()[end..];
    let n = if es {
        matches!(rest, [b'e' | b'E', b's' | b'S', ..]).then_some(2)
    } else {
        matches!(rest, [b's' | b'S', ..]).then_some(1)
    }?;
    (!word_after(text, end + n)).then_some(end + n)
}

/// A word character: a letter or digit of any script. Not `_`: Markdown writes emphasis with
/// it ("__Nice to have__", "_Python_").
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether a line break was lost at `i`: a lower-case ASCII letter, then a capitalised word
/// ("pipelinesDesign", "teamRequirements"), not an acronym ("NoSQL", "PhD").
pub(crate) fn glued_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    i > 0
        && b[i - 1].is_ascii_lowercase()
        && b.get(i).is_some_and(u8::is_ascii_uppercase)
        && b.get(i + 1).is_some_and(u8::is_ascii_lowercase)
}

fn word_before(text: &str, i: usize) -> bool {
    if glued_at(text, i) {
        return false;
    }
    if after_letter_prefix(text, i) {
        return true;
    }
    match text.as_bytes()[..i].last() {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => text[..i].chars().next_back().is_some_and(is_word_char),
    }
}

/// Whether `i` follows a one-letter prefix and its hyphen ("x-ray", "e-commerce", "k-means"):
/// the word goes on through the hyphen, so "ray" is not found in "x-ray". A longer first part
/// ("Spark-based", "ML-powered") is a word of its own.
fn after_letter_prefix(text: &str, i: usize) -> bool {
    match text.as_bytes()[..i] {
        [.., letter, b'-'] if letter.is_ascii_alphabetic() => {
            !text[..i - 2].chars().next_back().is_some_and(is_word_char)
        }
        _ => false,
    }
}

fn word_after(text: &str, i: usize) -> bool {
    if glued_at(text, i) {
        return false;
    }
    match text.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => text[i..].chars().next().is_some_and(is_word_char),
    }
}

/// The compiled matchers of a lexicon: one for posting bodies, one for titles.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    body: Automaton,
    title: Automaton,
}

impl Matcher {
    pub(crate) fn new(terms: &[Term], titles: &[TitlePattern]) -> Result<Matcher, String> {
        Ok(Matcher {
            body: Automaton::new(
                terms.iter().map(|t| t.text.as_str()),
                terms.iter().map(|t| t.kind == TermKind::Path).collect(),
            )?,
            title: Automaton::new(titles.iter().map(|t| t.text.as_str()), Vec::new())?,
        })
    }

    /// The body automaton's patterns: the terms and their other spellings.
    pub(crate) fn body_patterns(&self) -> &[String] {
        &self.body.patterns
    }

    /// Appends every body hit in `text` to `out`, in text order. The text's spacing is folded
    /// ([`crate::spacing::Spacing::fold`]); the scoring reads the folded text too.
    pub(crate) fn find_into(&self, text: &str, out: &mut Vec<Hit>) {
        self.body.each(text, false, |h| {
            out.push(h);
            true
        });
    }

    /// Every title pattern found in `title`, left to right, overlapping ones included: a title
    /// is short, and "Big Data Analyst" names both "big data" and "data analyst".
    /// `title` is folded already ([`crate::spacing::Spacing::fold`]), as
    /// [`Matcher::find_into`]'s text is.
    pub(crate) fn find_titles(&self, title: &str) -> Vec<Hit> {
        let mut all = Vec::new();
        self.title.each(title, true, |h| {
            all.push(h);
            true
        });
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Origin;

    fn terms(words: &[&str]) -> Vec<Term> {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| Term {
                text: w.to_string(),
                kind: TermKind::Common,
                weight: 1.0,
                stage: None,
                needs_support: false,
                origin: Origin {
                    file: "t".into(),
                    line: i + 1,
                },
            })
            .collect()
    }

    /// `(term, matched text)` for every hit.
    fn find<'t>(words: &[&str], text: &'t str) -> Vec<(String, &'t str)> {
        let ts = terms(words);
        let m = Matcher::new(&ts, &[]).unwrap();
        let mut out = Vec::new();
        m.find_into(text, &mut out);
        out.iter()
            .map(|h| (ts[h.term].text.clone(), &text[h.start..h.end]))
            .collect()
    }

    #[test]
    fn a_path_statement_lists_the_stages_between_its_ends() {
        let mut ts = terms(&["from data collection ... deployment", "deploy ... models"]);
        ts[0].kind = TermKind::Path;
        let m = Matcher::new(&ts, &[]).unwrap();
        let found = |text: &str| -> Vec<String> {
            let mut out = Vec::new();
            m.find_into(text, &mut out);
            out.iter()
                .map(|h| text[h.start..h.end].to_string())
                .collect()
        };
        // Commas and up to twelve words between the ends.
        let listed =
            "from data collection and cleaning, to building predictive models, to deployment";
        assert_eq!(found(listed), vec![listed.to_string()]);
        let far = "from data collection all the way through to deployment";
        assert_eq!(found(far), vec![far.to_string()]);
        // A full stop, a semicolon or a line break still ends the clause.
        assert!(found("from data collection and cleaning. Then deployment").is_empty());
        assert!(found("from data collection and cleaning; deployment").is_empty());
        assert!(found("from data collection and cleaning\nto deployment").is_empty());
        // More than twelve words is no statement of the path.
        assert!(found(
            "from data collection one two three four five six seven eight nine ten eleven \
             twelve thirteen deployment"
        )
        .is_empty());
        // Other phrases with a gap keep theirs: no comma, four words.
        assert!(found("deploy pipelines, train models").is_empty());
        assert!(found("deploy our own very large language models").is_empty());
        // An abbreviation in parentheses is a word of the gap, not its end.
        let abbreviated = "deploy machine learning (ML) models";
        assert_eq!(found(abbreviated), vec![abbreviated.to_string()]);
    }

    #[test]
    fn a_path_statement_leaves_its_words_to_other_terms() {
        let mut ts = terms(&[
            "from data ingestion ... deployment",
            "data ingestion",
            "model deployment",
            "deploy ... model",
        ]);
        ts[0].kind = TermKind::Path;
        let m = Matcher::new(&ts, &[]).unwrap();
        let text = "Own it from data ingestion to model deployment, then deploy the models.";
        let mut out = Vec::new();
        m.find_into(text, &mut out);
        let got: Vec<(&str, &str)> = out
            .iter()
            .map(|h| (ts[h.term].text.as_str(), &text[h.start..h.end]))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "from data ingestion ... deployment",
                    "from data ingestion to model deployment"
                ),
                ("data ingestion", "data ingestion"),
                ("model deployment", "model deployment"),
                ("deploy ... model", "deploy the models"),
            ]
        );
        // Any other term takes its words: "data ingestion" is not found inside it.
        ts[0].kind = TermKind::Common;
        let m = Matcher::new(&ts, &[]).unwrap();
        let mut out = Vec::new();
        m.find_into(text, &mut out);
        assert_eq!(out.len(), 2, "{out:?}");
    }

    macro_rules! t {
        ($name:ident, $words:expr, $text:expr, $expect:expr) => {
            #[test]
            fn $name() {
                let got = find(&$words, $text);
                let got: Vec<(&str, &str)> = got.iter().map(|(a, b)| (a.as_str(), *b)).collect();
                let expect: Vec<(&str, &str)> = $expect;
                assert_eq!(got, expect, "text: {:?}", $text);
            }
        };
    }

    t!(
        word_boundaries,
        ["spark", "rust"],
        "Sparkling trust in Spark, rust.",
        vec![("spark", "Spark"), ("rust", "rust")]
    );
    t!(
        case_insensitive,
        ["pytorch"],
        "PyTorch PYTORCH pytorch",
        vec![
            ("pytorch", "PyTorch"),
            ("pytorch", "PYTORCH"),
            ("pytorch", "pytorch")
        ]
    );
    t!(
        longest_wins,
        ["machine learning", "machine learning engineer"],
        "a Machine Learning Engineer",
        vec![("machine learning engineer", "Machine Learning Engineer")]
    );
    t!(
        falls_back_to_shorter_term,
        ["machine learning", "machine learning engineer"],
        "machine learning engineering",
        vec![("machine learning", "machine learning")]
    );
    t!(
        plural_is_accepted,
        ["pipeline", "api", "process"],
        "pipelines, APIs and processes",
        vec![
            ("pipeline", "pipelines"),
            ("api", "APIs"),
            ("process", "processes")
        ]
    );
    t!(
        es_plural_only_after_a_sibilant,
        ["shap", "batch", "box", "process", "sas"],
        "shapes SHAP batches boxes processes Sass SAS",
        vec![
            ("shap", "SHAP"),
            ("batch", "batches"),
            ("box", "boxes"),
            ("process", "processes"),
            ("sas", "SAS")
        ]
    );
    t!(
        a_plural_phrase_finds_its_singular,
        ["relational databases", "etl processes", "reports"],
        "a relational database, an ETL process, relational databases; the role reports to",
        vec![
            ("relational databases", "relational database"),
            ("etl processes", "ETL process"),
            ("relational databases", "relational databases"),
            ("reports", "reports")
        ]
    );
    t!(
        a_gap_joins_head_and_tail_within_a_clause,
        ["deploy ... models", "deploy", "predictive models"],
        "Deploy predictive models. Deploy deep-learning / statistical models; deploy pipelines, \
         train models. Deploy models",
        vec![
            ("deploy ... models", "Deploy predictive models"),
            (
                "deploy ... models",
                "Deploy deep-learning / statistical models"
            ),
            ("deploy", "deploy"),
            ("deploy ... models", "Deploy models")
        ]
    );
    t!(
        a_gap_spans_at_most_four_words_on_one_line,
        ["deploy ... models", "models"],
        "deploy our own large language models\ndeploy our own very large language models\n\
         deploy\nmodels, deploy the dashboardsModels",
        vec![
            ("deploy ... models", "deploy our own large language models"),
            ("models", "models"),
            ("models", "models"),
            ("models", "Models")
        ]
    );
    t!(
        the_nearer_head_takes_the_tail,
        ["models ... into production", "models"],
        "neural models and launching these models into production",
        vec![
            ("models", "models"),
            ("models ... into production", "models into production")
        ]
    );
    t!(
        a_plural_head_without_its_tail_finds_nothing,
        ["monitor ... models", "ops"],
        "monitors operational/tactical ops",
        vec![("ops", "ops")]
    );
    t!(
        a_head_without_its_tail_leaves_a_shorter_term,
        ["build and deploy ... models", "build"],
        "build and deploy services; build and deploy ML models",
        vec![
            ("build", "build"),
            ("build and deploy ... models", "build and deploy ML models")
        ]
    );
    t!(
        plural_still_needs_boundary,
        ["model"],
        "modelsx models",
        vec![("model", "models")]
    );
    t!(
        symbols_at_edges,
        ["c++", "ci/cd", ".net"],
        "C++ and CI/CD on .NET",
        vec![("c++", "C++"), ("ci/cd", "CI/CD"), (".net", ".NET")]
    );
    t!(
        non_ascii_around_terms,
        ["sql", "etl"],
        "«SQL»—ETL… überSQL éetl ‘sql’",
        vec![("sql", "SQL"), ("etl", "ETL"), ("sql", "sql")]
    );
    t!(
        non_ascii_letters_are_word_chars,
        ["ml"],
        "mlé éml ml",
        vec![("ml", "ml")]
    );
    t!(
        digits_are_word_chars,
        ["python"],
        "python3 python 3",
        vec![("python", "python")]
    );
    t!(
        overlap_resolves_left_first,
        ["data warehouse", "warehouse management"],
        "data warehouse management",
        vec![("data warehouse", "data warehouse")]
    );
    t!(
        inner_rejection_does_not_skip_next_word,
        ["ab", "abc testing"],
        "abc test ab",
        vec![("ab", "ab")]
    );
    t!(
        lost_line_breaks_are_boundaries,
        ["pipeline", "design", "requirements", "sql"],
        "data pipelinesDesign modelsRequirements: SQL",
        vec![
            ("pipeline", "pipelines"),
            ("design", "Design"),
            ("requirements", "Requirements"),
            ("sql", "SQL")
        ]
    );
    t!(
        camel_case_brands_and_acronyms_stay_whole,
        ["java", "javascript", "sql", "script", "d"],
        "JavaScript NoSQL MySQL PhD",
        vec![("javascript", "JavaScript")]
    );
    t!(
        other_spellings_find_the_term,
        ["data visualization", "real-time", "modeling", "center"],
        "Data Visualisation in real time, modelling at our data centre",
        vec![
            ("data visualization", "Data Visualisation"),
            ("real-time", "real time"),
            ("modeling", "modelling"),
            ("center", "centre")
        ]
    );
    t!(
        a_variant_written_out_is_its_own_term,
        ["modeling", "modelling"],
        "modelling and modeling",
        vec![("modelling", "modelling"), ("modeling", "modeling")]
    );
    t!(
        hyphens_are_spaces_at_any_length,
        ["end-to-end", "real time data", "machine learning"],
        "end to end, real-time data and machine-learning-based end-to-end",
        vec![
            ("end-to-end", "end to end"),
            ("real time data", "real-time data"),
            ("machine learning", "machine-learning"),
            ("end-to-end", "end-to-end")
        ]
    );
    t!(
        a_one_letter_prefix_joins_its_word,
        ["ray", "commerce", "k-means", "spark"],
        "x-ray, X-Ray, e-commerce, éx-ray; Ray and k-means on Spark-based ray",
        vec![
            ("ray", "ray"),
            ("ray", "Ray"),
            ("k-means", "k-means"),
            ("spark", "Spark"),
            ("ray", "ray")
        ]
    );
    t!(
        markdown_underscores_are_not_word_characters,
        ["nice to have", "python"],
        "__Nice to have__: _Python_",
        vec![("nice to have", "Nice to have"), ("python", "Python")]
    );
    t!(empty_text, ["sql"], "", vec![]);

    #[test]
    fn spans_are_char_boundaries_in_multibyte_text() {
        let text = "日本語のSQLとPython、🚀airflow🚀";
        let ts = terms(&["sql", "python", "airflow"]);
        let m = Matcher::new(&ts, &[]).unwrap();
        let mut out = Vec::new();
        m.find_into(text, &mut out);
        // Japanese letters are word characters, so "SQL" glued to them is not a word.
        let got: Vec<&str> = out.iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(got, vec!["airflow"]);
    }
}
