//! `rolecall lexicon check` and `rolecall lexicon suggest`: keeping the lexicon driven by data.
//!
//! `suggest` ranks word n-grams (1 to 3 words) by the weighted log-odds ratio with an
//! informative Dirichlet prior (Monroe, Colaresi and Quinn, "Fightin' Words", 2008) between
//! the postings labelled with a role and all the others, counted once per posting, and leaves
//! out what the lexicon already matches.

use crate::args::SuggestArgs;
use crate::eval::{read_reporting, Gold};
use crate::exit::Exit;
use anyhow::{bail, Context};
use rolecall::{Classifier, Lexicon, Role};
use rolecall_lexicon::TermKind;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

fn load(dir: &Option<PathBuf>) -> anyhow::Result<Classifier> {
    Ok(match dir {
        Some(d) => Classifier::from_dir(d)
            .with_context(|| format!("invalid lexicon in {}", d.display()))?,
        None => Classifier::default(),
    })
}

pub fn terms(dir: Option<PathBuf>, spellings: bool) -> anyhow::Result<Exit> {
    use std::io::Write;
    let classifier = load(&dir)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let lexicon = classifier.lexicon();
    if spellings {
        for p in lexicon.body_patterns() {
            writeln!(out, "{p}")?;
        }
    } else {
        for t in lexicon.terms() {
            writeln!(out, "{}", t.text)?;
        }
    }
    out.flush()?;
    Ok(Exit::Ok)
}

pub fn check(dir: Option<PathBuf>) -> anyhow::Result<Exit> {
    use std::io::Write;
    let classifier = load(&dir)?;
    let lex = classifier.lexicon();
    // Written, not printed: `rolecall lexicon check | head -1` ends on a broken pipe quietly.
    let mut out = std::io::stdout().lock();
    let count =
        |pred: &dyn Fn(&TermKind) -> bool| lex.terms().iter().filter(|t| pred(&t.kind)).count();
    writeln!(
        out,
        "lexicon ok: {} body terms ({} patterns with their other spellings), {} title patterns",
        lex.terms().len(),
        lex.body_patterns().len(),
        lex.titles().len()
    )?;
    for role in Role::ALL {
        writeln!(
            out,
            "  {:<9} {}",
            role.name(),
            count(&|k| *k == TermKind::Role(role))
        )?;
    }
    writeln!(
        out,
        "  {:<9} {}",
        "common",
        count(&|k| *k == TermKind::Common)
    )?;
    writeln!(
        out,
        "  {:<9} {}",
        "non-data",
        count(&|k| *k == TermKind::NonData)
    )?;
    writeln!(
        out,
        "  {:<9} {}",
        "signals",
        count(&|k| *k == TermKind::Signal)
    )?;
    writeln!(out, "  {:<9} {}", "paths", count(&|k| *k == TermKind::Path))?;
    writeln!(
        out,
        "  {:<9} {}",
        "cues",
        count(&|k| matches!(k, TermKind::Cue(_)))
    )?;
    writeln!(
        out,
        "  {:<9} {}",
        "headings",
        count(&|k| matches!(k, TermKind::Heading(_)))
    )?;
    out.flush()?;
    Ok(Exit::Ok)
}

/// Lower-case word tokens; `/`, `+`, `#`, `-` and `.` stay inside words (ci/cd, c++, node.js).
fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '/' | '+' | '#' | '-' | '.' | '\'')))
        .map(|t| {
            t.trim_matches(|c| matches!(c, '.' | '-' | '\'' | '/'))
                .to_lowercase()
        })
        .filter(|t| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

/// The distinct n-grams of a text.
fn ngrams(text: &str) -> HashSet<String> {
    let toks = tokens(text);
    let mut out = HashSet::new();
    for n in 1..=3 {
        for w in toks.windows(n) {
            out.insert(w.join(" "));
        }
    }
    out
}

/// Whether the lexicon already matches the whole phrase as one term.
fn known(lex: &Lexicon, phrase: &str) -> bool {
    let a = lex.analyze(phrase, &Default::default());
    a.evidence
        .iter()
        .chain(&a.signals)
        .chain(&a.paths)
        .any(|e| e.start == 0 && e.end == phrase.len())
}

pub fn run(args: SuggestArgs) -> anyhow::Result<Exit> {
    // `none`: the postings that are not data jobs, against the data jobs.
    let role = match args.role.as_str() {
        "none" => None,
        name => match Role::from_name(name) {
            Some(r) => Some(r),
            None => bail!(
                "--role must be one of de, ds, mle, analyst, none (got '{}')",
                args.role
            ),
        },
    };
    let mut bad = 0;
    let gold: Vec<Gold> = read_reporting(&args.gold, &mut bad)?;
    let classifier = Classifier::default();
    let mut in_role: HashMap<String, f64> = HashMap::new();
    let mut rest: HashMap<String, f64> = HashMap::new();
    let (mut n_role, mut n_rest) = (0f64, 0f64);
    for g in &gold {
        let target = match role {
            Some(role) => g.labels.roles.iter().any(|r| r == role.name()),
            None => g.labels.primary == "none",
        };
        let grams = ngrams(&g.posting.text);
        let map = if target { &mut in_role } else { &mut rest };
        if target {
            n_role += grams.len() as f64
        } else {
            n_rest += grams.len() as f64
        }
        for gram in grams {
            *map.entry(gram).or_default() += 1.0;
        }
    }
    // Informative prior: the pooled counts, scaled to a modest total weight.
    let n_all = n_role + n_rest;
    let alpha0 = 1000.0;
    let mut scored: Vec<(String, f64, f64, f64)> = Vec::new();
    for (gram, &y_i) in &in_role {
        let y_j = rest.get(gram).copied().unwrap_or(0.0);
        if (y_i as usize) < args.min_docs {
            continue;
        }
        let a = alpha0 * (y_i + y_j) / n_all;
        let lo_i = ((y_i + a) / (n_role + alpha0 - y_i - a)).ln();
        let lo_j = ((y_j + a) / (n_rest + alpha0 - y_j - a)).ln();
        let var = 1.0 / (y_i + a) + 1.0 / (y_j + a);
        scored.push((gram.clone(), (lo_i - lo_j) / var.sqrt(), y_i, y_j));
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "candidate terms for {} (z-score of the log-odds; postings with the role / without)",
        role.map_or("none (nondata.txt)", Role::name)
    )?;
    let mut shown = 0;
    for (gram, z, yi, yj) in scored {
        if shown == args.top {
            break;
        }
        if known(classifier.lexicon(), &gram) {
            continue;
        }
        writeln!(out, "{z:>7.2}  {yi:>4} / {yj:<4}  {gram}")?;
        shown += 1;
    }
    Ok(if bad == 0 { Exit::Ok } else { Exit::SomeFailed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_tech_words() {
        assert_eq!(
            tokens("CI/CD, C++ and node.js; 2019."),
            vec!["ci/cd", "c++", "and", "node.js"]
        );
        assert!(ngrams("build data pipelines").contains("build data pipelines"));
    }

    #[test]
    fn known_terms_are_recognised() {
        let c = Classifier::default();
        assert!(known(c.lexicon(), "apache airflow"));
        assert!(!known(c.lexicon(), "quarterly picnic"));
    }
}
