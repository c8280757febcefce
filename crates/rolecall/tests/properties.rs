//! Property tests: whatever the text, classification never panics, every evidence span lies
//! inside the text on char boundaries and spells its term, only whole-path statements overlap
//! other phrases, scores stay in [0, 1], the same posting always gets the same verdict, and
//! the spacing of a text (no-break spaces, tabs, runs of spaces) does not change the verdict.

use proptest::prelude::*;
use rolecall::input::html::fragment_to_text;
use rolecall::{Classifier, Posting, Role};
use std::sync::OnceLock;

fn classifier() -> &'static Classifier {
    static C: OnceLock<Classifier> = OnceLock::new();
    C.get_or_init(Classifier::default)
}

/// Text that hits the lexicon often: real terms, headings, cues and noise, glued with
/// punctuation, newlines and non-ASCII characters.
fn posting_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Apache Airflow",
        "spark",
        "Sparkling",
        "ETL",
        "data pipelines",
        "Kafka",
        "a/b testing",
        "machine learning engineer",
        "machine learning",
        "MLOps",
        "model serving",
        "Tableau",
        "dashboards",
        "Requirements:",
        "Benefits",
        "nice to have",
        "is a plus",
        "no",
        "exposure to",
        "PyTorch or TensorFlow",
        "first data hire",
        "from data ingestion to model deployment",
        "from data collection and cleaning, to building models, to deployment",
        "database-to-deployment",
        "deploying predictive models",
        "deploy machine learning (ML) models",
        "monitors/",
        "(",
        ")",
        "startup",
        "seed-stages",
        "data visualisation",
        "statistical modelling",
        "real time",
        "end to end",
        "Machine-Learning",
        "What you\u{2019}ll do",
        "__Nice to have__",
        "python",
        "SQL",
        "CI/CD",
        "C++",
        "über",
        "naïve",
        "日本語",
        "🚀",
        "—",
        "\u{a0}",
        "\r\n",
        "\n",
        ".",
        ",",
        ":",
        "/",
        "-",
        " ",
        "Ä",
        "ß",
        "ﬁ",
        "İ",
        "\u{200b}",
    ]);
    prop::collection::vec(
        prop_oneof![4 => words.prop_map(String::from), 1 => ".{0,12}"],
        0..80,
    )
    .prop_map(|parts| parts.join(" "))
}

fn check(title: &str, text: &str) -> Result<(), TestCaseError> {
    let posting = Posting::new(title, text);
    let v = classifier().classify(&posting);
    for e in &v.evidence {
        prop_assert!(e.start < e.end && e.end <= text.len(), "{e:?}");
        prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        // The text is the term or one of its other spellings (a hyphen for a space or the other
        // way round), plus at most a plural ending.
        let found = text[e.start..e.end].to_ascii_lowercase();
        let spelt = if e.role == rolecall::EvidenceKind::Path {
            rolecall_lexicon::spells_path(&found, &e.term)
        } else {
            rolecall_lexicon::spells(&found, &e.term)
        };
        prop_assert!(spelt, "{found:?} does not spell {:?}", e.term);
        prop_assert!(e.weight >= 0.0 && e.weight.is_finite());
    }
    // Only a statement of the whole path leaves its words to the other terms: every other
    // phrase takes its words, so their spans never overlap.
    let mut spans: Vec<(usize, usize)> = v
        .evidence
        .iter()
        .filter(|e| e.role != rolecall::EvidenceKind::Path)
        .map(|e| (e.start, e.end))
        .collect();
    spans.sort_unstable();
    for w in spans.windows(2) {
        prop_assert!(w[0].1 <= w[1].0, "overlapping phrases {:?} in {text:?}", w);
    }
    let mut shares = 0.0;
    for r in Role::ALL {
        let s = v.scores.get(r);
        prop_assert!((0.0..=1.0).contains(&s.strength) && (0.0..=1.0).contains(&s.share));
        shares += s.share;
    }
    prop_assert!(
        shares == 0.0 || (shares - 1.0).abs() < 1e-3,
        "shares sum to {shares}"
    );
    prop_assert!((0.0..=1.0).contains(&v.fsds.confidence));
    prop_assert_eq!(
        v.fsds.flag,
        v.fsds.confidence >= classifier().config().fsds.flag_min
    );
    if let Some(p) = v.primary {
        prop_assert!(v.labels.contains(&p));
    } else {
        prop_assert!(v.labels.is_empty());
    }
    // Deterministic.
    prop_assert_eq!(&classifier().classify(&posting), &v);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_string_is_classified_safely(title in ".{0,40}", text in ".{0,400}") {
        check(&title, &text)?;
    }

    #[test]
    fn posting_like_text_is_classified_safely(title in posting_text(), text in posting_text()) {
        check(&title, &text)?;
    }

    #[test]
    fn spacing_does_not_change_the_verdict(
        text in posting_text(),
        picks in prop::collection::vec(0usize..6, 0..400),
    ) {
        // Each space of the text, respaced as web pages and spreadsheets write it.
        const SPACES: [&str; 6] = [" ", "  ", "\t", "\u{a0}", " \u{a0}\t", "\u{2009}"];
        let mut picks = picks.into_iter().chain(std::iter::repeat(0));
        let spaced: String = text
            .split(' ')
            .enumerate()
            .flat_map(|(i, part)| {
                let space = if i == 0 { "" } else { SPACES[picks.next().unwrap_or(0)] };
                [space, part]
            })
            .collect();
        check("Data Scientist", &spaced)?;
        // The same verdict, evidence for evidence, but for where each phrase stands.
        let verdict = |text: &str| {
            let mut v = classifier().classify(&Posting::new("Data Scientist", text));
            for e in &mut v.evidence {
                (e.start, e.end) = (0, 0);
            }
            v.headings.clear();
            v
        };
        prop_assert_eq!(verdict(&text), verdict(&spaced));
    }

    #[test]
    fn html_conversion_never_panics_and_keeps_words(words in prop::collection::vec("[a-z]{1,8}", 1..20), nest in 0usize..50) {
        let body = words.join(" ");
        let html = format!("{}<p>{}</p>{}", "<div>".repeat(nest), body, "</div>".repeat(nest));
        let text = fragment_to_text(&html);
        prop_assert_eq!(text, body);
    }

    #[test]
    fn arbitrary_markup_converts(html in "(<[a-z/!]{0,6}[ a-z=\"']{0,6}>|[^<]{0,10}|&[a-z#0-9]{0,6};?){0,40}") {
        let _ = fragment_to_text(&html);
        let _ = rolecall::input::html::page(&html);
    }
}
