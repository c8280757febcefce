//! The other ways a term is written: American and British spelling, apostrophes, and hyphens.
//!
//! Postings from British, Irish, Indian, Australian and European boards write "data
//! visualisation", "optimise", "behavioural data" and "data catalogue"; American ones "data
//! visualization", "optimize", "behavioral data" and "data catalog". The lexicon names each
//! term once, in either spelling; the matcher also looks for the variants this module derives,
//! and a hit on a variant counts as a hit on the term. Compound adjectives are hyphenated as
//! often as not ("real-time", "machine-learning models"): for those the matcher reads every
//! hyphen, in the text and in the terms, as a space ([`fold_hyphens`]), which needs no
//! variant at all.
//!
//! The rules are spelling rules, not a dictionary: they rewrite suffixes ("-ize" and "-ise",
//! "-yze" and "-yse", "-eling" and "-elling", "-avior" and "-aviour") and a short list of whole
//! words ("center", "catalog"). A rule that misfires makes a string that no posting contains
//! ("expertize"), which costs a pattern in the automaton and nothing else.

use std::borrow::Cow;

/// Suffixes spelt with "z" in American and "s" in British English, after a stem of at least
/// [`MIN_STEM`] letters ("optim-ize", "anal-yze"; not "size" or "prize").
const Z_SUFFIXES: [(&str, &str); 15] = [
    ("ize", "ise"),
    ("izes", "ises"),
    ("ized", "ised"),
    ("izing", "ising"),
    ("izer", "iser"),
    ("izers", "isers"),
    ("ization", "isation"),
    ("izations", "isations"),
    ("izable", "isable"),
    ("yze", "yse"),
    ("yzes", "yses"),
    ("yzed", "ysed"),
    ("yzing", "ysing"),
    ("yzer", "yser"),
    ("yzers", "ysers"),
];

/// Suffixes whose "l" British English doubles ("model-ing", "label-ed").
const L_SUFFIXES: [(&str, &str); 4] = [
    ("eling", "elling"),
    ("eled", "elled"),
    ("eler", "eller"),
    ("elers", "ellers"),
];

/// Whole words spelt differently, American first.
const WORDS: [(&str, &str); 14] = [
    ("center", "centre"),
    ("centers", "centres"),
    ("centered", "centred"),
    ("catalog", "catalogue"),
    ("catalogs", "catalogues"),
    ("cataloging", "cataloguing"),
    ("color", "colour"),
    ("colors", "colours"),
    ("labor", "labour"),
    ("defense", "defence"),
    ("license", "licence"),
    ("licenses", "licences"),
    ("program", "programme"),
    ("programs", "programmes"),
];

/// The shortest stem a suffix rule rewrites: "optim-ize" and "anal-yze", not "s-ize".
const MIN_STEM: usize = 3;

/// Which spelling to write a word in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spelling {
    American,
    British,
}

/// The other forms of `term` (lower case), without `term` itself and without repeats: its
/// [`respellings`], and for a phrase written in the plural its [`singular`] with that one's
/// respellings ("data visualizations" finds "a data visualisation").
pub(crate) fn variants(term: &str) -> Vec<String> {
    let mut out = respellings(term);
    if let Some(one) = singular(term) {
        for form in std::iter::once(one.clone()).chain(respellings(&one)) {
            if form != term && !out.contains(&form) {
                out.push(form);
            }
        }
    }
    let closed: Vec<String> = std::iter::once(term)
        .chain(out.iter().map(String::as_str))
        .filter_map(closed_compound)
        .collect();
    for form in closed {
        if form != term && !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// Two-word phrases that postings also write as one word: "realtime data", "a datawarehouse",
/// "bigdata platform", "timeseries forecasting".
const CLOSED_COMPOUNDS: &[(&str, &str)] = &[
    ("real time", "realtime"),
    ("data warehouse", "datawarehouse"),
    ("data lake", "datalake"),
    ("big data", "bigdata"),
    ("time series", "timeseries"),
];

/// `term` with its first two-word phrase of [`CLOSED_COMPOUNDS`] (hyphenated or not, whole
/// words) written as one word, if it has one.
fn closed_compound(term: &str) -> Option<String> {
    let folded = fold_hyphens(term);
    CLOSED_COMPOUNDS.iter().find_map(|(open, closed)| {
        let at = folded.match_indices(open).map(|(at, _)| at).find(|&at| {
            let end = at + open.len();
            let before = folded[..at].chars().next_back();
            let after = folded[end..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric() || c == 's')
        })?;
        Some(format!(
            "{}{closed}{}",
            &term[..at],
            &term[at + open.len()..]
        ))
    })
}

/// The other spellings of `term` (lower case), without `term` itself and without repeats: its
/// British and American spellings, and each of those with the other apostrophe ("what you’ll
/// do" and "what you'll do").
fn respellings(term: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut spellings = vec![
        Some(term.to_string()),
        respell(term, Spelling::British),
        respell(term, Spelling::American),
    ];
    let other_apostrophe: Vec<_> = spellings.iter().flatten().map(|s| apostrophes(s)).collect();
    spellings.extend(other_apostrophe);
    for form in spellings.into_iter().flatten() {
        if form != term && !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// `text` with every hyphen read as a space, byte for byte (offsets do not move): how the
/// matcher reads texts and terms, so that "real-time" and "real time" are one phrase.
pub fn fold_hyphens(text: &str) -> Cow<'_, str> {
    if text.contains('-') {
        Cow::Owned(text.replace('-', " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `found`, a hit's text, spells `term`: one of the term's [`spellings`] in any ASCII
/// case, hyphens and spaces alike, spaced in any way the matcher reads as one space, plus at
/// most a plural ending ("s" or "es").
///
/// For a phrase with a gap ([`crate::GAP`]), the hit starts with a spelling of the head (with
/// at most a plural ending), then a space, and ends with a spelling of the tail, with at most
/// [`crate::GAP_WORDS`] words between them. A statement of the whole path takes a longer gap:
/// see [`spells_path`].
pub fn spells(found: &str, term: &str) -> bool {
    spells_within(found, term, crate::GAP_WORDS, false)
}

/// Whether `found` is a hit of the statement of the whole path `term` (`signals.txt`, `path`):
/// as [`spells`], with up to [`crate::PATH_GAP_WORDS`] words and commas in its gap.
pub fn spells_path(found: &str, term: &str) -> bool {
    spells_within(found, term, crate::PATH_GAP_WORDS, true)
}

fn spells_within(found: &str, term: &str, gap_words: usize, commas: bool) -> bool {
    let found = fold_hyphens(&crate::spacing::Spacing::fold(found).text).to_ascii_lowercase();
    let Some((head, tail)) = term.split_once(crate::GAP) else {
        return spellings(term).iter().any(|s| {
            found
                .strip_prefix(fold_hyphens(s).as_ref())
                .is_some_and(|end| matches!(end, "" | "s" | "es"))
        });
    };
    // What the matcher reads between the words of a gap.
    let separates =
        |c: char| c.is_whitespace() || matches!(c, '/' | '&' | '(' | ')') || (commas && c == ',');
    spellings(head.trim()).iter().any(|h| {
        let Some(rest) = found.strip_prefix(fold_hyphens(h).as_ref()) else {
            return false;
        };
        // The head takes a plural ending as any term does ("monitors ... models").
        let rest = ["es", "s"]
            .iter()
            .find_map(|p| rest.strip_prefix(p).filter(|r| r.starts_with(separates)))
            .unwrap_or(rest);
        spellings(tail.trim()).iter().any(|t| {
            let t = fold_hyphens(t);
            ["", "s", "es"].iter().any(|plural| {
                rest.strip_suffix(plural)
                    .and_then(|r| r.strip_suffix(t.as_ref()))
                    .is_some_and(|between| {
                        between.starts_with(separates)
                            && between.split(separates).filter(|w| !w.is_empty()).count()
                                <= gap_words
                    })
            })
        })
    })
}

/// Every form the matcher finds `term` by: the term itself (in lower case), then its other
/// spellings (British or American, either apostrophe). A hit's text is one of them, in any
/// ASCII case, with hyphens and spaces alike, plus at most a plural ending ("s" or "es"): see
/// [`spells`].
pub fn spellings(term: &str) -> Vec<String> {
    let term = term.to_lowercase();
    let mut all = variants(&term);
    all.insert(0, term);
    all
}

/// A phrase written in the plural in its singular: "relational databases" also finds "a
/// relational database", "big data technologies" "a big data technology". The matcher accepts
/// a plural after any term, so a term written in the singular needs no variant; this is the
/// other way round, for phrases only. A single word keeps the form it is written in: "reports"
/// is not "report" ("reports to the director"), nor "models" "model" ("business model").
/// Words ending in "ss", "us" or "sis" are not plurals ("data access", "data analysis"), and a
/// last word shorter than [`MIN_PLURAL`] letters is left alone ("google ads", "data ops"), and
/// so are "time series" and the other words in [`SAME_IN_BOTH`].
fn singular(term: &str) -> Option<String> {
    let (head, last) = term.rsplit_once(' ')?;
    if last.len() < MIN_PLURAL
        || !last.bytes().all(|b| b.is_ascii_lowercase())
        || ["ss", "us", "sis"].iter().any(|e| last.ends_with(e))
        || SAME_IN_BOTH.contains(&last)
    {
        return None;
    }
    let one = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["sses", "shes", "ches", "xes", "zes"]
        .iter()
        .any(|e| last.ends_with(e))
    {
        last[..last.len() - 2].to_string()
    } else {
        last.strip_suffix('s')?.to_string()
    };
    Some(format!("{head} {one}"))
}

/// Words whose plural is their singular, or that are not plurals.
const SAME_IN_BOTH: [&str; 5] = ["series", "species", "news", "means", "sales"];

/// The shortest plural word [`singular`] takes the ending off: "apis", not "ads".
const MIN_PLURAL: usize = 4;

/// `term` with the typographic apostrophe (’) for the straight one (') or the other way round;
/// `None` without either.
fn apostrophes(term: &str) -> Option<String> {
    if term.contains('\'') {
        Some(term.replace('\'', "\u{2019}"))
    } else if term.contains('\u{2019}') {
        Some(term.replace('\u{2019}', "'"))
    } else {
        None
    }
}

/// `term` with every run of ASCII letters written in `to`'s spelling; `None` when nothing
/// changes.
fn respell(term: &str, to: Spelling) -> Option<String> {
    let mut out = String::with_capacity(term.len() + 4);
    let mut changed = false;
    let mut rest = term;
    while !rest.is_empty() {
        let letters = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let (word, tail) = rest.split_at(letters);
        match respell_word(word, to) {
            Some(w) => {
                out.push_str(&w);
                changed = true;
            }
            None => out.push_str(word),
        }
        let others = tail
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(tail.len());
        out.push_str(&tail[..others]);
        rest = &tail[others..];
    }
    changed.then_some(out)
}

/// One word in `to`'s spelling, if that differs.
fn respell_word(word: &str, to: Spelling) -> Option<String> {
    let swap = |(us, uk): (&'static str, &'static str)| match to {
        Spelling::British => (us, uk),
        Spelling::American => (uk, us),
    };
    if let Some((_, other)) = WORDS.into_iter().map(swap).find(|&(from, _)| from == word) {
        return Some(other.to_string());
    }
    for (from, other) in Z_SUFFIXES.into_iter().map(swap) {
        if let Some(stem) = word.strip_suffix(from) {
            if stem.len() >= MIN_STEM {
                return Some(format!("{stem}{other}"));
            }
        }
    }
    for (from, other) in L_SUFFIXES.into_iter().map(swap) {
        if let Some(stem) = word.strip_suffix(from) {
            // "mod-eling", "lab-eled"; not "f-eeling" (a stem ending in "e").
            if stem.len() >= 2 && !stem.ends_with('e') {
                return Some(format!("{stem}{other}"));
            }
        }
    }
    // "behavior" and "behaviour": "aviour" does not contain "avior".
    let (from, other) = swap(("avior", "aviour"));
    word.contains(from).then(|| word.replacen(from, other, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(term: &str, variant: &str) -> bool {
        variants(term).iter().any(|v| v == variant)
    }

    #[test]
    fn z_and_s_spellings_go_both_ways() {
        assert!(has("data visualization", "data visualisation"));
        assert!(has("data visualisation", "data visualization"));
        assert!(has("optimize", "optimise"));
        assert!(has("productionizing", "productionising"));
        assert!(has("analyze data", "analyse data"));
        assert!(has("analysed", "analyzed"));
    }

    #[test]
    fn short_stems_are_left_alone() {
        assert!(variants("size").is_empty());
        assert!(variants("prize").is_empty());
        assert!(variants("batch size").iter().all(|v| !v.contains("sise")));
    }

    #[test]
    fn doubled_l_goes_both_ways() {
        assert!(has("statistical modeling", "statistical modelling"));
        assert!(has("data modelling", "data modeling"));
        assert!(has("labeled data", "labelled data"));
        assert!(!has("feeling", "feelling"));
    }

    #[test]
    fn our_and_whole_words() {
        assert!(has("behavioral data", "behavioural data"));
        assert!(has("customer behaviour", "customer behavior"));
        assert!(has("data center", "data centre"));
        assert!(has("data catalogue", "data catalog"));
        assert!(!has("behavioral data", "behaviouural data"));
    }

    #[test]
    fn every_word_of_a_phrase_is_respelt_together() {
        assert!(has(
            "optimize behavioral modeling",
            "optimise behavioural modelling"
        ));
    }

    #[test]
    fn hyphens_are_spaces_to_the_matcher() {
        assert_eq!(fold_hyphens("real-time data"), "real time data");
        assert!(matches!(fold_hyphens("real time"), Cow::Borrowed(_)));
        assert_eq!(fold_hyphens("end-to-end").len(), "end-to-end".len());
        assert!(spells("Real-Time", "real time"));
        assert!(spells("end to end", "end-to-end"));
        assert!(spells(
            "Machine-Learning Engineers",
            "machine learning engineer"
        ));
        assert!(spells("data visualisations", "data visualization"));
        assert!(!spells("data visualisationx", "data visualization"));
        assert!(!spells("real", "real time"));
        // Hyphens are not spelling variants: no pattern is spent on them.
        assert!(variants("near-time").is_empty());
        assert_eq!(
            variants("real-time"),
            ["realtime"],
            "a closed compound is one"
        );
        // Symbols are not words.
        assert!(variants("ci/cd").is_empty());
        assert!(variants("c++").is_empty());
    }

    #[test]
    fn no_repeats_and_not_the_term_itself() {
        for term in ["what you'll do", "data visualization", "sql", "modeling"] {
            let v = variants(term);
            assert!(!v.iter().any(|x| x == term), "{term}: {v:?}");
            let mut dedup = v.clone();
            dedup.sort();
            dedup.dedup();
            assert_eq!(dedup.len(), v.len(), "{term}: {v:?}");
        }
    }

    #[test]
    fn apostrophes_go_both_ways() {
        assert!(has("what you'll do", "what you\u{2019}ll do"));
        assert!(has("what you\u{2019}ll do", "what you'll do"));
        assert!(has("what's in it for you", "what\u{2019}s in it for you"));
    }

    #[test]
    fn spellings_start_with_the_term_in_lower_case() {
        assert_eq!(spellings("SQL"), vec!["sql".to_string()]);
        let s = spellings("Data Visualization");
        assert_eq!(s[0], "data visualization");
        assert!(s.contains(&"data visualisation".to_string()));
    }

    #[test]
    fn a_plural_phrase_finds_its_singular() {
        assert!(has("relational databases", "relational database"));
        assert!(has("big data technologies", "big data technology"));
        assert!(has("etl processes", "etl process"));
        assert!(has("data warehouses", "data warehouse"));
        assert!(has("restful apis", "restful api"));
        // With the other spelling too.
        assert!(has("data visualizations", "data visualisation"));
    }

    #[test]
    fn a_two_word_phrase_written_as_one_word_is_found() {
        assert!(has("real-time data", "realtime data"));
        assert!(has("data warehouses", "datawarehouses"));
        assert!(has("data warehouses", "datawarehouse"));
        assert!(has("big data technologies", "bigdata technologies"));
        assert!(has("time series", "timeseries"));
        assert!(spells("realtime data", "real-time data"));
        // Whole words only: "metadata lake" is no "data lake".
        assert_eq!(closed_compound("metadata lake"), None);
        assert_eq!(closed_compound("data lakehouse"), None);
        assert_eq!(closed_compound("sql"), None);
    }

    #[test]
    fn a_hit_of_a_phrase_with_a_gap_spells_it() {
        assert!(spells("Deploy models", "deploy ... model"));
        assert!(spells(
            "deploying deep-learning / statistical models",
            "deploying ... model"
        ));
        assert!(spells(
            "monitors operational/tactical models",
            "monitor ... model"
        ));
        assert!(spells(
            "ship   deep learning / statistical & ml models",
            "ship ... model"
        ));
        assert!(spells(
            "deploy machine learning (ML) models",
            "deploy ... model"
        ));
        // Found by the classify fuzz target: a plural head straight before a separator.
        assert!(spells(
            "monitors/ perational/tact)cal models",
            "monitor ... model"
        ));
        assert!(spells("monitors/tactical models", "monitor ... model"));
        assert!(!spells("deploy", "deploy ... model"));
        assert!(!spells("deployment models", "deploy ... model"));
        assert!(!spells("deploy a b c d e models", "deploy ... model"));
        // A statement of the whole path lists the stages between its ends.
        let path = "from data collection ... deployment";
        let listed =
            "from data collection and cleaning, to building predictive models, to deployment";
        assert!(spells_path(listed, path));
        assert!(!spells(listed, path));
        assert!(spells_path(
            "from data collection all the way through to deployment",
            path
        ));
        assert!(!spells_path(
            "from data collection a b c d e f g h i j k l m deployment",
            path
        ));
    }

    #[test]
    fn words_and_non_plurals_keep_their_form() {
        assert!(variants("reports").is_empty());
        assert!(variants("models").is_empty());
        assert!(variants("data analysis").is_empty());
        assert!(variants("data access").is_empty());
        assert!(variants("google ads").is_empty());
        assert!(variants("time series").iter().all(|v| v != "time sery"));
    }

    #[test]
    fn a_plain_term_has_no_variants() {
        assert!(variants("sql").is_empty());
        assert!(variants("apache airflow")
            .iter()
            .all(|v| v == "apache-airflow"));
    }
}

#[cfg(test)]
mod shipped {
    use std::collections::HashMap;

    /// The shipped lexicon writes each term once in a file: no line is another line's variant
    /// (the second line would be dead, or would give one spelling another weight by accident).
    /// Across files a variant may be a term of its own ("nice-to-have" the hedge, "nice to
    /// have" the heading); the matcher gives it to that term.
    #[test]
    fn no_term_is_written_twice() {
        let mut twice = Vec::new();
        for (name, text) in crate::BUILTIN {
            let mut lines: HashMap<String, usize> = HashMap::new();
            for (i, line) in text.lines().enumerate() {
                let term = line.split('|').next().unwrap_or("").trim().to_lowercase();
                if term.is_empty() || term.starts_with('#') {
                    continue;
                }
                // "real-time data" and "real time data" are one phrase to the matcher.
                let folded = super::fold_hyphens(&term).into_owned();
                if let Some(other) = lines.insert(folded, i + 1) {
                    twice.push(format!("{name}:{} {term:?} and line {other}", i + 1));
                }
            }
            for (term, at) in &lines {
                // A plural line beside its singular is not dead: it is the longer match, and
                // "data scientists" (colleagues) may weigh less than "data scientist" (the job).
                for variant in super::respellings(term) {
                    let variant = super::fold_hyphens(&variant).into_owned();
                    if let Some(other) = lines.get(&variant) {
                        twice.push(format!("{name}:{at} {term:?} and line {other} {variant:?}"));
                    }
                }
            }
        }
        twice.sort();
        assert!(twice.is_empty(), "written twice: {twice:#?}");
    }
}
