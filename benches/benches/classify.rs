//! criterion micro-benchmarks: lexicon compile, matching + scoring, the rules, whole classify.
//! Each benchmark first checks the answer, so a fast wrong result fails loudly.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use rolecall::{Classifier, Posting, Role};
use rolecall_lexicon::Lexicon;
use rolecall_rules::{decide, Config};

fn compile(c: &mut Criterion) {
    assert!(Lexicon::builtin().terms().len() > 400);
    c.bench_function("lexicon_compile", |b| {
        b.iter(|| black_box(Lexicon::builtin()))
    });
}

fn classify(c: &mut Criterion) {
    let classifier = Classifier::default();
    let lexicon = Lexicon::builtin();
    let config = Config::builtin();
    let fsds = Posting::new(
        "Data Scientist",
        rolecall_benches::fixture("hidden_fsds.txt"),
    );
    assert!(
        classifier.classify(&fsds).fsds.flag,
        "the FSDS fixture must be flagged"
    );
    let mut group = c.benchmark_group("classify");
    for (name, text) in rolecall_benches::graded() {
        let posting = Posting::new("Data Scientist", text.clone());
        let verdict = classifier.classify(&posting);
        assert!(
            verdict.primary.is_some() && !verdict.evidence.is_empty(),
            "{name}"
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("analyze/{name}"), |b| {
            b.iter(|| black_box(lexicon.analyze(black_box(&text), &config.scoring)))
        });
        let analysis = lexicon.analyze(&text, &config.scoring);
        let title = lexicon.title_claim("Data Scientist");
        group.bench_function(format!("rules/{name}"), |b| {
            b.iter(|| black_box(decide(&lexicon, black_box(&analysis), &title, &config)))
        });
        group.bench_function(format!("classify/{name}"), |b| {
            b.iter(|| black_box(classifier.classify(black_box(&posting))))
        });
    }
    group.finish();
    assert_eq!(
        classifier
            .classify(&Posting::new(
                "",
                "Tableau dashboards, KPIs, ad hoc reporting and Power BI."
            ))
            .primary,
        Some(Role::Analyst)
    );
}

// The macros generate undocumented functions.
#[allow(missing_docs)]
mod group {
    use super::*;
    criterion_group!(benches, compile, classify);
}
criterion_main!(group::benches);
