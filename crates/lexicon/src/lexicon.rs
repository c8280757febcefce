//! Lexicon types, loading and validation.

use crate::builtin::BUILTIN;
use crate::error::{Error, ErrorKind};
use crate::matcher::Matcher;
use crate::parse;
use crate::role::{Role, Section, Stage};
use std::collections::HashMap;
use std::path::Path;

/// The longest term accepted, in bytes.
const MAX_TERM_BYTES: usize = 200;

/// Which way a cue looks for the terms it modifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueScope {
    /// The cue stands before the terms it modifies ("exposure to Spark", "no Spark").
    Before,
    /// The cue stands after the terms it modifies ("Spark is a plus").
    After,
}

/// What a body term means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TermKind {
    /// Evidence for one role.
    Role(Role),
    /// A skill every data role shares (data quality, domain knowledge): reported, pulls toward
    /// no role.
    Common,
    /// A startup or "first data hire" signal that strengthens the FSDS flag.
    Signal,
    /// A statement that the job runs the whole data path ("from data ingestion to model
    /// deployment", "database-to-deployment pipelines"): the FSDS rule `stated_path`.
    Path,
    /// A duty of a job that is not a data job (sales quotas, patient care, front-end work):
    /// evidence against every data role.
    NonData,
    /// A negation or hedge that scales the weight of nearby terms by the term's weight.
    Cue(CueScope),
    /// A heading that opens a section.
    Heading(Section),
}

/// Where a term was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The lexicon file name.
    pub file: String,
    /// The 1-based line.
    pub line: usize,
}

/// One term of the lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The term as written in the lexicon.
    pub text: String,
    /// What the term means.
    pub kind: TermKind,
    /// Its weight: evidence strength for role terms and signals, a multiplier for cues.
    pub weight: f32,
    /// The pipeline stage the term belongs to, if any.
    pub stage: Option<Stage>,
    /// The term counts only when the posting has other evidence for the same role (ambiguous
    /// words such as "pipeline" or "spark").
    pub needs_support: bool,
    /// Where it was defined.
    pub origin: Origin,
}

/// A title pattern: a phrase in a job title and the role it claims (`None`: no data role).
#[derive(Debug, Clone, PartialEq)]
pub struct TitlePattern {
    /// The phrase.
    pub text: String,
    /// The role it claims.
    pub role: Option<Role>,
    /// Among several patterns in one title, the highest priority wins (ties: the leftmost).
    pub priority: f32,
    /// The phrase names a manager of people ("Manager", "Director", "Head of"), written with
    /// `manages` in place of a role: it claims no role and takes no part in the ranking.
    pub manages: bool,
}

/// Collects lexicon sources, then validates and compiles them.
///
/// Built-in and user files go through the same parser and the same checks.
#[derive(Debug, Default, Clone)]
pub struct LexiconBuilder {
    sources: Vec<(String, String)>,
}

impl LexiconBuilder {
    /// An empty builder.
    pub fn new() -> LexiconBuilder {
        LexiconBuilder::default()
    }

    /// Adds a source file by name (`de.txt`, `titles.txt`, ...). A later source with the same
    /// name replaces an earlier one.
    pub fn add_source(&mut self, name: &str, text: &str) -> &mut LexiconBuilder {
        self.sources.retain(|(n, _)| n != name);
        self.sources.push((name.to_string(), text.to_string()));
        self
    }

    /// Adds every built-in file.
    pub fn add_builtin(&mut self) -> &mut LexiconBuilder {
        for (name, text) in BUILTIN {
            self.add_source(name, text);
        }
        self
    }

    /// Validates every source and compiles the matcher.
    ///
    /// # Errors
    ///
    /// A file with an unknown name, a bad field, an empty, over-long or duplicated term, or a
    /// weight out of range gives an error naming the file and line.
    pub fn build(&self) -> Result<Lexicon, Error> {
        let mut terms = Vec::new();
        let mut titles = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut seen_titles: HashMap<String, String> = HashMap::new();
        for (name, text) in &self.sources {
            let kind = FileKind::from_name(name)
                .ok_or_else(|| Error::new(name, None, ErrorKind::UnknownFile))?;
            for entry in parse::entries(text) {
                let err = |kind| Error::new(name, Some(entry.line), kind);
                if entry.term.is_empty() {
                    return Err(err(ErrorKind::EmptyTerm));
                }
                if entry.term.len() > MAX_TERM_BYTES {
                    return Err(err(ErrorKind::TooLong(entry.term.len())));
                }
                if entry.term.contains("...") {
                    check_gap(kind, &entry.term).map_err(err)?;
                }
                // Hyphens are spaces to the matcher: "real-time" and "real time" are one term.
                let key = crate::spelling::fold_hyphens(&entry.term).to_lowercase();
                let here = format!("{name}:{}", entry.line);
                let seen_map = if kind == FileKind::Titles {
                    &mut seen_titles
                } else {
                    &mut seen
                };
                if let Some(first) = seen_map.get(&key) {
                    return Err(err(ErrorKind::Duplicate {
                        term: entry.term.to_lowercase(),
                        first: first.clone(),
                    }));
                }
                seen_map.insert(key, here);
                let origin = Origin {
                    file: name.clone(),
                    line: entry.line,
                };
                match kind {
                    FileKind::Titles => titles.push(title_pattern(&entry).map_err(err)?),
                    _ => terms.push(body_term(kind, &entry, origin).map_err(err)?),
                }
            }
        }
        let matcher = Matcher::new(&terms, &titles)
            .map_err(|e| Error::new("<lexicon>", None, ErrorKind::Build(e)))?;
        Ok(Lexicon {
            terms,
            titles,
            matcher,
        })
    }
}

/// The kind of a lexicon file, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Role(Role),
    Common,
    NonData,
    Signals,
    Cues,
    Sections,
    Titles,
}

impl FileKind {
    fn from_name(name: &str) -> Option<FileKind> {
        let stem = name.strip_suffix(".txt")?;
        Some(match stem {
            "common" => FileKind::Common,
            "nondata" => FileKind::NonData,
            "signals" => FileKind::Signals,
            "cues" => FileKind::Cues,
            "sections" => FileKind::Sections,
            "titles" => FileKind::Titles,
            other => FileKind::Role(Role::from_name(other)?),
        })
    }
}

/// The separator of a phrase with a gap: "deploy ... models" finds "deploy models",
/// "deploying predictive models" and "deployed deep learning models", with at most
/// [`GAP_WORDS`] words between the head and the tail, on one line and in one clause.
pub const GAP: &str = " ... ";

/// The most words a [`GAP`] spans.
pub const GAP_WORDS: usize = 4;

/// The most words the gap of a statement of the whole path (`signals.txt`, `path`) spans, commas
/// included: "from data collection and cleaning, to building predictive models, to deployment"
/// lists the stages between its ends.
pub const PATH_GAP_WORDS: usize = 12;

/// Checks a term that contains "...": only role files and signals take phrases with a gap
/// ("from data ... to deployment"), written as one head, [`GAP`] and one tail.
fn check_gap(kind: FileKind, term: &str) -> Result<(), ErrorKind> {
    if !matches!(kind, FileKind::Role(_) | FileKind::Signals) {
        return Err(ErrorKind::BadGap(
            "only the role files (de, ds, mle, analyst) and signals.txt take one",
        ));
    }
    match term.split_once(GAP) {
        Some((head, tail))
            if !head.trim().is_empty()
                && !tail.trim().is_empty()
                && !head.contains("...")
                && !tail.contains("...") =>
        {
            Ok(())
        }
        _ => Err(ErrorKind::BadGap(
            "write a head, \" ... \" and a tail, as in \"deploy ... models\"",
        )),
    }
}

fn parse_weight(field: &str) -> Result<Option<f32>, ErrorKind> {
    if !field.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-' || c == '+') {
        return Ok(None);
    }
    match field.parse::<f32>() {
        Ok(w) if w.is_finite() && (0.0..=10.0).contains(&w) => Ok(Some(w)),
        _ => Err(ErrorKind::BadWeight(field.to_string())),
    }
}

fn body_term(kind: FileKind, entry: &parse::Entry<'_>, origin: Origin) -> Result<Term, ErrorKind> {
    let mut weight = None;
    let mut stage = None;
    let mut needs_support = false;
    let mut scope = None;
    let mut section = None;
    let mut path = false;
    for &field in &entry.fields {
        if let Some(w) = parse_weight(field)? {
            weight = Some(w);
            continue;
        }
        match kind {
            FileKind::Role(_) | FileKind::Common => {
                if let Some(s) = Stage::from_name(field) {
                    stage = Some(s);
                } else if field == "needs-support" {
                    needs_support = true;
                } else {
                    return Err(ErrorKind::BadField {
                        field: field.to_string(),
                        expected: "a weight, a stage (acquisition, storage, orchestration, \
                                   analysis, modelling, deployment, monitoring) or needs-support",
                    });
                }
            }
            FileKind::Cues => {
                scope = Some(match field {
                    "before" => CueScope::Before,
                    "after" => CueScope::After,
                    _ => {
                        return Err(ErrorKind::BadField {
                            field: field.to_string(),
                            expected: "a multiplier and a scope (before or after)",
                        })
                    }
                });
            }
            FileKind::Sections => {
                section = Some(
                    Section::from_name(field).ok_or_else(|| ErrorKind::BadField {
                        field: field.to_string(),
                        expected: "a section (general, responsibilities, requirements, preferred, \
                               stack, company, benefits, legal, footer)",
                    })?,
                );
            }
            FileKind::Signals if field == "path" => path = true,
            FileKind::Signals => {
                return Err(ErrorKind::BadField {
                    field: field.to_string(),
                    expected: "a weight, or path (a statement of the whole data path)",
                })
            }
            FileKind::NonData => {
                return Err(ErrorKind::BadField {
                    field: field.to_string(),
                    expected: "a weight",
                })
            }
            FileKind::Titles => unreachable!("titles are parsed by title_pattern"),
        }
    }
    let kind = match kind {
        FileKind::Role(r) => TermKind::Role(r),
        FileKind::Common => TermKind::Common,
        FileKind::Signals if path => TermKind::Path,
        FileKind::Signals => TermKind::Signal,
        FileKind::NonData => TermKind::NonData,
        FileKind::Cues => {
            if weight.is_some_and(|w| w > 1.0) {
                return Err(ErrorKind::BadWeight(format!(
                    "{} (a cue multiplies: 0 to 1)",
                    weight.unwrap_or(0.0)
                )));
            }
            TermKind::Cue(scope.ok_or(ErrorKind::MissingField("scope (before or after)"))?)
        }
        FileKind::Sections => {
            TermKind::Heading(section.ok_or(ErrorKind::MissingField("section name"))?)
        }
        FileKind::Titles => unreachable!("titles are parsed by title_pattern"),
    };
    if matches!(kind, TermKind::Cue(_)) && weight.is_none() {
        return Err(ErrorKind::MissingField("multiplier (0 to 1)"));
    }
    Ok(Term {
        text: entry.term.to_string(),
        kind,
        weight: weight.unwrap_or(1.0),
        stage,
        needs_support,
        origin,
    })
}

fn title_pattern(entry: &parse::Entry<'_>) -> Result<TitlePattern, ErrorKind> {
    let (field, priority) = match entry.fields[..] {
        [role] => (role, 1.0),
        [role, priority] => (
            role,
            parse_weight(priority)?.ok_or_else(|| ErrorKind::BadField {
                field: priority.to_string(),
                expected: "a priority (a number from 0 to 10)",
            })?,
        ),
        _ => {
            return Err(ErrorKind::MissingField(
                "a role (de, ds, mle, analyst or none)",
            ))
        }
    };
    let role = match field {
        "none" | "manages" => None,
        other => Some(Role::from_name(other).ok_or_else(|| ErrorKind::BadField {
            field: other.to_string(),
            expected: "a role: de, ds, mle, analyst or none; or manages",
        })?),
    };
    Ok(TitlePattern {
        text: entry.term.to_string(),
        role,
        priority,
        manages: field == "manages",
    })
}

/// A validated, compiled lexicon. Immutable, `Send + Sync`: build it once and share it.
#[derive(Debug, Clone)]
pub struct Lexicon {
    terms: Vec<Term>,
    titles: Vec<TitlePattern>,
    matcher: Matcher,
}

impl Lexicon {
    /// A builder for a lexicon from sources of your own.
    pub fn builder() -> LexiconBuilder {
        LexiconBuilder::new()
    }

    /// The shipped lexicon.
    ///
    /// # Panics
    ///
    /// Never in a released build: a unit test checks that the embedded files are valid.
    pub fn builtin() -> Lexicon {
        LexiconBuilder::new()
            .add_builtin()
            .build()
            .expect("the built-in lexicon is valid")
    }

    /// Loads a lexicon directory: each `*.txt` file in `dir` replaces the built-in file of the
    /// same name; the other built-in files are kept.
    ///
    /// # Errors
    ///
    /// An unreadable directory or file, an unknown `.txt` file name, or any error of
    /// [`LexiconBuilder::build`].
    pub fn from_dir(dir: &Path) -> Result<Lexicon, Error> {
        let shown = dir.display().to_string();
        let read = std::fs::read_dir(dir)
            .map_err(|e| Error::new(&shown, None, ErrorKind::Io(e.to_string())))?;
        let mut builder = LexiconBuilder::new();
        builder.add_builtin();
        let mut paths: Vec<_> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let shown = path.display().to_string();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if FileKind::from_name(name).is_none() {
                return Err(Error::new(&shown, None, ErrorKind::UnknownFile));
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::new(&shown, None, ErrorKind::Io(e.to_string())))?;
            builder.add_source(name, &text);
        }
        builder.build()
    }

    /// The section `line` opens when it is nothing but a heading phrase, in any of its
    /// spellings ("About the job", "Responsibilities:", "What you’ll do"); `None` for any other
    /// line.
    pub fn heading_line(&self, line: &str) -> Option<Section> {
        let line = line.trim().trim_end_matches(':').trim_end();
        let mut hits = Vec::new();
        self.matcher.find_into(line, &mut hits);
        match hits.as_slice() {
            [h] if h.start == 0 && h.end == line.len() => match self.terms[h.term].kind {
                TermKind::Heading(section) => Some(section),
                _ => None,
            },
            _ => None,
        }
    }

    /// Every body term, indexed by the ids found in [`crate::Hit::term`].
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Every title pattern.
    pub fn titles(&self) -> &[TitlePattern] {
        &self.titles
    }

    /// Every string the matcher looks for in a posting's body, once: each term with its hyphens
    /// read as spaces, then the terms' other spellings ("data visualisation").
    pub fn body_patterns(&self) -> &[String] {
        self.matcher.body_patterns()
    }

    pub(crate) fn matcher(&self) -> &Matcher {
        &self.matcher
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(files: &[(&str, &str)]) -> Result<Lexicon, Error> {
        let mut b = LexiconBuilder::new();
        for (n, t) in files {
            b.add_source(n, t);
        }
        b.build()
    }

    #[test]
    fn builtin_lexicon_is_valid_and_large() {
        let lex = Lexicon::builtin();
        for role in Role::ALL {
            let n = lex
                .terms()
                .iter()
                .filter(|t| t.kind == TermKind::Role(role))
                .count();
            assert!(n >= 40, "{role} has only {n} terms");
        }
        assert!(lex.terms().len() >= 400, "only {} terms", lex.terms().len());
        assert!(lex.titles().len() >= 20);
    }

    #[test]
    fn builtin_terms_are_clean() {
        for (name, text) in BUILTIN {
            for e in parse::entries(text) {
                assert_eq!(e.term, e.term.trim(), "{name}:{}", e.line);
                assert!(
                    !e.term.contains("  "),
                    "{name}:{}: double space in term",
                    e.line
                );
                assert!(
                    !e.term.chars().any(|c| c.is_ascii_uppercase()) || *name == "titles.txt",
                    "{name}:{}: write terms in lower case (matching ignores case)",
                    e.line
                );
            }
        }
    }

    #[test]
    fn a_line_that_is_only_a_heading() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.heading_line("About the job"), Some(Section::General));
        assert_eq!(
            lex.heading_line("  Responsibilities: "),
            Some(Section::Responsibilities)
        );
        // Its other spellings too: the curly apostrophe, a hyphen for a space.
        assert_eq!(
            lex.heading_line("What you\u{2019}ll do"),
            Some(Section::Responsibilities)
        );
        assert_eq!(lex.heading_line("Nice-to-have:"), Some(Section::Preferred));
        for line in ["", "Data Engineer", "Responsibilities include", "Airflow"] {
            assert_eq!(lex.heading_line(line), None, "{line:?}");
        }
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = build(&[("de.txt", "spark | 2\nairflow | heavy\n")]).unwrap_err();
        assert_eq!((e.file(), e.line()), ("de.txt", Some(2)));
        assert!(
            e.to_string()
                .starts_with("de.txt:2: cannot read field 'heavy'"),
            "{e}"
        );

        let e = build(&[("de.txt", "spark\n"), ("ds.txt", "\n\nSpark | 2\n")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "ds.txt:3: term 'spark' is already defined at de.txt:1"
        );
        // A hyphen is a space to the matcher: the two are one term.
        let e = build(&[("de.txt", "real time\nreal-time\n")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "de.txt:2: term 'real-time' is already defined at de.txt:1"
        );

        let e = build(&[("mle.txt", "docker | 99")]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::BadWeight(_)), "{e}");
        let e = build(&[("mle.txt", "docker | NaN")]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::BadField { .. }), "{e}");
        let e = build(&[("mle.txt", "docker | -1")]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::BadWeight(_)), "{e}");

        let e = build(&[("frontend.txt", "react")]).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::UnknownFile);

        let e = build(&[("titles.txt", "data engineer | wizard")]).unwrap_err();
        assert_eq!(e.line(), Some(1));
        let e = build(&[("cues.txt", "is a plus | 0.5")]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::MissingField(_)), "{e}");
        let e = build(&[("sections.txt", "benefits")]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::MissingField(_)), "{e}");
        let e = build(&[("de.txt", "  | 2")]).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::EmptyTerm);
        let long = "x".repeat(300);
        let e = build(&[("de.txt", long.as_str())]).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::TooLong(300));
        for bad in [
            "deploy ...",
            "... models",
            "deploy...models",
            "a ... b ... c",
        ] {
            let e = build(&[("mle.txt", bad)]).unwrap_err();
            assert!(matches!(e.kind(), ErrorKind::BadGap(_)), "{bad}: {e}");
        }
        let e = build(&[("nondata.txt", "close ... deals | 2")]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::BadGap(_)), "{e}");
        assert!(build(&[("mle.txt", "deploy ... models | 3 | deployment")]).is_ok());
        assert!(build(&[("signals.txt", "from data ... to deployment | 3 | path")]).is_ok());
    }

    #[test]
    fn fields_are_read_in_any_order() {
        let lex = build(&[("de.txt", "kafka | acquisition | 2.5 | needs-support")]).unwrap();
        let t = &lex.terms()[0];
        assert_eq!(t.kind, TermKind::Role(Role::De));
        assert_eq!(t.weight, 2.5);
        assert_eq!(t.stage, Some(Stage::Acquisition));
        assert!(t.needs_support);
        assert_eq!(
            t.origin,
            Origin {
                file: "de.txt".into(),
                line: 1
            }
        );
    }

    #[test]
    fn signals_take_path_statements() {
        let lex = build(&[(
            "signals.txt",
            "startup | 2\nfrom data ... to deployment | path | 3\n",
        )])
        .unwrap();
        let kinds: Vec<(TermKind, f32)> = lex.terms().iter().map(|t| (t.kind, t.weight)).collect();
        assert_eq!(kinds, vec![(TermKind::Signal, 2.0), (TermKind::Path, 3.0)]);
        for (file, bad) in [
            ("signals.txt", "end to end | spans"),
            ("nondata.txt", "quota | path"),
        ] {
            let e = build(&[(file, bad)]).unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::BadField { .. }),
                "{file}: {e}"
            );
        }
    }

    #[test]
    fn user_source_replaces_builtin_file() {
        let mut b = LexiconBuilder::new();
        b.add_builtin().add_source("de.txt", "only this | 2\n");
        let lex = b.build().unwrap();
        let de: Vec<_> = lex
            .terms()
            .iter()
            .filter(|t| t.kind == TermKind::Role(Role::De))
            .collect();
        assert_eq!(de.len(), 1);
        assert_eq!(de[0].text, "only this");
    }
}
