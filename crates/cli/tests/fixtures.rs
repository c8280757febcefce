//! Every fixture posting against its line in `fixtures/expected.tsv`; all mismatches are
//! reported together.

use crate::util::*;

#[test]
fn fixtures_match_expected_verdicts() {
    let expected = std::fs::read_to_string(root().join("fixtures/expected.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, primary, primary_rule, labels, fsds, title_role, mismatch] = cols[..] else {
            panic!("bad line in expected.tsv: {line:?}");
        };
        let path = fixture(file).display().to_string();
        let out = run(&["--format", "jsonl", &path], None);
        assert_eq!(out.code, 0, "{file}: {}", out.stderr);
        let records = out.records();
        let v = records[0].verdict();
        let labels: Vec<String> = if labels == "-" {
            vec![]
        } else {
            labels.split(',').map(String::from).collect()
        };
        let got = (
            v.primary.as_str(),
            v.primary_rule.as_str(),
            &v.labels,
            v.fsds.flag.to_string(),
            v.title_role.as_str(),
            v.mismatch.to_string(),
        );
        let want = (
            primary,
            primary_rule,
            &labels,
            fsds.to_string(),
            title_role,
            mismatch.to_string(),
        );
        if got != want {
            failures.push(format!("{file}: want {want:?}, got {got:?}"));
        }
        checked += 1;
    }
    assert!(checked >= 8);
    assert!(
        failures.is_empty(),
        "fixture mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn fsds_reasons_carry_their_evidence() {
    let out = run(
        &[
            "--format",
            "jsonl",
            &fixture("hidden_fsds.txt").display().to_string(),
        ],
        None,
    );
    let records = out.records();
    let v = records[0].verdict();
    let rules: Vec<&str> = v.fsds.reasons.iter().map(|r| r.rule.as_str()).collect();
    assert!(
        rules.contains(&"de_mle_merge") && rules.contains(&"startup_signals"),
        "{rules:?}"
    );
    let signals = v
        .fsds
        .reasons
        .iter()
        .find(|r| r.rule == "startup_signals")
        .unwrap();
    assert!(
        signals.terms.iter().any(|t| t == "first data hire"),
        "{:?}",
        signals.terms
    );
    assert!(
        v.stages.contains(&"acquisition".to_string())
            && v.stages.contains(&"deployment".to_string())
    );
}

#[test]
fn a_manager_title_is_no_fsds_on_the_path_alone() {
    let text = std::fs::read_to_string(fixture("data_science_manager.txt")).unwrap();
    let body = &text[text.find('\n').unwrap() + 1..];
    let verdict = |title: &str| {
        let out = run(
            &["--format", "jsonl", "--title", title],
            Some(body.as_bytes()),
        );
        out.records()[0].verdict().clone()
    };
    // The manager's posting: the span is there, and the title takes half of it away, naming
    // the word.
    let v = verdict("Data Science Manager, Personalization");
    assert!(!v.fsds.flag, "{:?}", v.fsds);
    let cut = v.fsds.reasons.iter().find(|r| r.rule == "manager_title");
    let cut = cut.unwrap_or_else(|| panic!("{:?}", v.fsds));
    assert!(cut.weight < 0.0 && cut.terms == ["manager"], "{cut:?}");
    // The same body under an individual contributor's title is one person's whole path.
    let v = verdict("Senior Data Scientist, Personalization");
    assert!(v.fsds.flag, "{:?}", v.fsds);
    assert!(v.fsds.reasons.iter().all(|r| r.rule != "manager_title"));
}

/// A fixture's body (the text after its title line, which the spans index) and its verdict.
fn body_and_verdict(name: &str) -> (String, Verdict) {
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let body = text[text.find('\n').unwrap() + 1..].to_string();
    let out = run(&["--format", "jsonl", &path.display().to_string()], None);
    (body, out.records()[0].verdict().clone())
}

#[test]
fn evidence_spans_point_at_the_terms() {
    let (body, v) = body_and_verdict("data_engineer.txt");
    assert!(v.evidence.len() > 10);
    for e in &v.evidence {
        let found = &body[e.start..e.end].to_lowercase();
        assert!(
            rolecall_lexicon::spells(found, &e.term),
            "{found:?} vs {:?}",
            e.term
        );
    }
    // Benefits text counts for nothing, even "dashboards".
    let dash = v
        .evidence
        .iter()
        .find(|e| e.term == "dashboards")
        .expect("dashboards found");
    assert_eq!((dash.section.as_str(), dash.weight), ("benefits", 0.0));
}

#[test]
fn british_spellings_count_as_the_terms() {
    let (body, v) = body_and_verdict("uk_data_scientist.txt");
    // (term as the lexicon writes it, text as the posting writes it)
    for (term, written) in [
        ("statistical modeling", "statistical modelling"),
        ("data visualization", "data visualisations"),
        ("time series", "time-series"),
    ] {
        let e = v
            .evidence
            .iter()
            .find(|e| e.term == term)
            .unwrap_or_else(|| panic!("{term} not found: {:?}", v.evidence));
        assert_eq!(&body[e.start..e.end], written);
        assert!(e.weight > 0.0, "{e:?}");
    }
}

#[test]
fn pay_bands_and_fraud_warnings_count_for_nothing() {
    let (body, v) = body_and_verdict("modern_board_2025.txt");
    // The pay band and the fake-recruiter warning name other data jobs: none of it counts.
    let pay = body.find("Base pay range").unwrap();
    let fraud = body.find("Recruitment fraud").unwrap();
    let late: Vec<_> = v.evidence.iter().filter(|e| e.start > pay).collect();
    assert!(late.iter().any(|e| e.term == "data scientists"), "{late:?}");
    for e in &late {
        let want = if e.start > fraud { "legal" } else { "benefits" };
        assert_eq!((e.section.as_str(), e.weight), (want, 0.0), "{e:?}");
    }
    assert_eq!(v.scores.ds.strength, 0.0, "{:?}", v.scores);
    assert_eq!(v.scores.mle.strength, 0.0, "{:?}", v.scores);
}
