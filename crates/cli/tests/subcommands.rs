//! `rolecall eval` and `rolecall lexicon`.

use crate::util::*;

fn gold_file(d: &Dir) -> String {
    let rows = [
        serde_json::json!({"id": "g1", "title": "Data Engineer", "text": DE_TEXT, "primary": "de", "roles": ["de"], "fsds": false, "title_role": "de", "source": "boards/a.csv"}),
        serde_json::json!({"id": "g2", "title": "Data Engineer", "text": DS_TEXT, "primary": "ds", "roles": ["ds"], "fsds": false, "title_role": "de", "source": "boards/b.csv"}),
        serde_json::json!({"id": "g3", "title": "Nurse", "text": "Care for patients on the night shift.", "primary": "none", "roles": [], "fsds": false, "title_role": "none", "source": "boards/a.csv"}),
    ];
    d.write(
        "gold.jsonl",
        rows.iter()
            .map(|r| r.to_string() + "\n")
            .collect::<String>(),
    )
}

#[test]
fn eval_reports_rolecall_and_the_title_baseline() {
    let d = Dir::new();
    let gold = gold_file(&d);
    let out = run(&["eval", "--json", &gold], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let reports: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(reports[0]["system"], "rolecall");
    assert_eq!(reports[0]["accuracy"], 1.0);
    assert_eq!(reports[1]["system"], "title-only");
    // The title says DE for the DS posting.
    assert!((reports[1]["accuracy"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    let text = run(&["eval", "--errors", &gold], None);
    assert!(text.stdout.contains("primary accuracy"));
    assert!(text.stdout.contains("misclassified"));
}

#[test]
fn eval_names_each_bad_record_and_scores_the_rest() {
    let d = Dir::new();
    let good = std::fs::read_to_string(gold_file(&d)).unwrap();
    let row = |id: &str, primary: &str, roles: &str| {
        format!(
            r#"{{"id": "{id}", "title": "Data Engineer", "text": "Build pipelines.", "primary": "{primary}", "roles": {roles}, "fsds": false, "title_role": "de"}}"#
        )
    };
    for (bad, why) in [
        (row("g9", "ml", r#"["ds"]"#), "primary 'ml' is not one of"),
        (
            row("g9", "de", r#"["de", "none"]"#),
            "role 'none' is not one of",
        ),
        (
            row("g1", "de", r#"["de"]"#),
            "id 'g1' is already used at line 1",
        ),
        ("{\"id\": \"g9\", \"text\": ".to_string(), "malformed JSON"),
    ] {
        // The bad record sits between good ones: the one after it is still read.
        let last = row("g5", "de", r#"["de"]"#).replace("Build pipelines.", DE_TEXT);
        let gold = d.write("bad.jsonl", format!("{good}{bad}\n{last}\n"));
        let out = run(&["eval", &gold], None);
        assert_eq!(out.code, 1, "{bad}: {}", out.stderr);
        assert!(
            out.stderr.contains("bad.jsonl:4: bad record") && out.stderr.contains(why),
            "{bad}: {}",
            out.stderr
        );
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(
            out.stdout
                .starts_with("4 labelled postings (1 bad record left out, named on stderr)"),
            "{}",
            out.stdout
        );
        let json = run(&["eval", "--json", &gold], None);
        let reports: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
        assert_eq!(reports[0]["n"], 4);
        assert_eq!(reports[0]["accuracy"], 1.0);
    }
    // Nothing usable at all is a fatal error.
    let gold = d.write("none.jsonl", "{\"id\": 1}\n");
    let out = run(&["eval", &gold], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("no labelled postings"),
        "{}",
        out.stderr
    );
}

/// A gold file from another labeller's tools: numeric ids, the body under `description`, a
/// null title, labels in capitals, `roles` as one string, `fsds` as a word. Each means what
/// LABELS.md means, and is scored so.
#[test]
fn eval_reads_a_gold_file_as_its_labeller_meant_it() {
    let d = Dir::new();
    let rows = [
        serde_json::json!({"id": 1, "title": null, "description": DE_TEXT, "primary": "DE", "roles": "de", "fsds": "no", "title_role": null}),
        serde_json::json!({"id": 2, "title": "Data Engineer", "Job Description": DS_TEXT, "primary": "ds", "fsds": 0, "title_role": "DE"}),
        serde_json::json!({"id": 3, "title": "Nurse", "body": "Care for patients on the night shift.", "primary": "None", "roles": [], "fsds": false}),
    ];
    let gold = d.write(
        "other.jsonl",
        rows.iter()
            .map(|r| r.to_string() + "\n")
            .collect::<String>(),
    );
    let out = run(&["eval", "--json", &gold], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let reports: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(reports[0]["n"], 3);
    assert_eq!(reports[0]["accuracy"], 1.0);
    // The roles the labeller left out are the primaries.
    assert_eq!(reports[0]["labels_per_role"]["ds"]["support"], 1);
    // The DS posting's title claims DE, as labelled in capitals.
    assert_eq!(reports[0]["title_role_accuracy"], 1.0);
}

/// A gold file exported from a spreadsheet: CSV with a quoted, multi-line body, `roles` as one
/// cell and `fsds` as TRUE/FALSE, gzip-compressed too. It scores as its JSONL twin does.
#[test]
fn eval_reads_a_gold_spreadsheet() {
    let d = Dir::new();
    let jsonl = run(&["eval", "--json", &gold_file(&d)], None);
    let csv = format!(
        "id,title,text,primary,roles,fsds,title_role,source\n\
         g1,Data Engineer,\"{DE_TEXT}\nOn call one week in six.\",de,de,FALSE,de,boards/a.csv\n\
         g2,Data Engineer,\"{DS_TEXT}\",DS,ds,FALSE,de,boards/b.csv\n\
         g3,Nurse,\"Care for patients, \"\"night\"\" shift.\",none,,FALSE,none,boards/a.csv\n\
         g4,Data Engineer,,de,de,FALSE,de,boards/a.csv\n"
    );
    let path = d.write("gold.csv", &csv);
    let out = run(&["eval", "--json", &path], None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("gold.csv:6: bad record: empty posting"),
        "{}",
        out.stderr
    );
    let reports: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let before: Vec<serde_json::Value> = serde_json::from_str(&jsonl.stdout).unwrap();
    assert_eq!(reports[0]["n"], 3);
    assert_eq!(reports, before);
    let gz = d.path("gold.csv.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    std::io::Write::write_all(&mut enc, csv.as_bytes()).unwrap();
    enc.finish().unwrap();
    let out = run(&["eval", "--json", gz.to_str().unwrap()], None);
    let zipped: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(zipped, before);
}

#[test]
fn eval_by_source_scores_each_board_alone() {
    let d = Dir::new();
    let gold = gold_file(&d);
    let out = run(&["eval", "--json", "--by-source", &gold], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["overall"][0]["n"], 3);
    let groups = v["by_source"].as_array().unwrap();
    // In order of first appearance, each with every system.
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0]["source"], "boards/a.csv");
    assert_eq!(groups[0]["reports"][0]["n"], 2);
    assert_eq!(groups[1]["source"], "boards/b.csv");
    let b = &groups[1]["reports"];
    assert_eq!(
        (b[0]["system"].as_str(), b[0]["accuracy"].as_f64()),
        (Some("rolecall"), Some(1.0))
    );
    // The title-only baseline misses b's one posting (titled DE, a DS job).
    assert_eq!(
        (b[1]["system"].as_str(), b[1]["accuracy"].as_f64()),
        (Some("title-only"), Some(0.0))
    );
    let text = run(&["eval", "--by-source", &gold], None);
    assert!(text.stdout.contains("by source"));
    assert!(text.stdout.lines().any(|l| l.starts_with("a.csv")));
    assert!(!text.stdout.contains("95% intervals of accuracy"));
    assert!(groups[0].get("bootstrap").is_none());
    // With --bootstrap, each board gets intervals drawn from its own postings.
    let both = run(
        &["eval", "--json", "--by-source", "--bootstrap", "50", &gold],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&both.stdout).unwrap();
    let b = &v["by_source"][1]["bootstrap"];
    assert_eq!(b["n"], 1);
    // One posting, right every time: the interval is [1, 1] on every resample.
    let acc = &b["systems"][0]["figures"]["primary accuracy"];
    assert_eq!(
        (acc["low"].as_f64(), acc["high"].as_f64()),
        (Some(1.0), Some(1.0))
    );
    let text = run(&["eval", "--by-source", "--bootstrap", "50", &gold], None);
    assert!(
        text.stdout.contains("by source, 95% intervals of accuracy"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("lead over title-only"));
}

#[test]
fn eval_bootstrap_gives_intervals_and_paired_leads() {
    let d = Dir::new();
    let gold = gold_file(&d);
    let args = ["eval", "--json", "--bootstrap", "200", "--seed", "5", &gold];
    let out = run(&args, None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["overall"][0]["system"], "rolecall");
    let b = &v["bootstrap"];
    assert_eq!(
        (b["resamples"].as_u64(), b["n"].as_u64()),
        (Some(200), Some(3))
    );
    // rolecall is right on all three postings: every resample scores 1.
    let ours = &b["systems"][0];
    assert_eq!(ours["figures"]["primary accuracy"]["low"], 1.0);
    assert!(ours.get("lead_of_first").is_none());
    // The title baseline misses one posting of three: its accuracy varies between resamples,
    // and rolecall's lead over it is never negative.
    let title = &b["systems"][1];
    let acc = &title["figures"]["primary accuracy"];
    assert!(acc["low"].as_f64() < acc["high"].as_f64(), "{acc}");
    assert!(title["lead_of_first"]["primary accuracy"]["low"].as_f64() >= Some(0.0));
    // The same seed, the same intervals.
    let again: serde_json::Value = serde_json::from_str(&run(&args, None).stdout).unwrap();
    assert_eq!(again["bootstrap"], v["bootstrap"]);
    let text = run(&["eval", "--bootstrap", "50", &gold], None);
    assert!(text
        .stdout
        .contains("95% intervals from 50 bootstrap resamples"));
    assert!(text.stdout.contains("lead over title-only"));
}

#[test]
fn lexicon_check_and_suggest() {
    let out = run(&["lexicon", "check"], None);
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("lexicon ok"));
    let d = Dir::new();
    let gold = gold_file(&d);
    let out = run(
        &[
            "lexicon",
            "suggest",
            "--role",
            "de",
            "--min-docs",
            "1",
            "-n",
            "5",
            &gold,
        ],
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.lines().count() > 1);
    // Terms the lexicon already has are not suggested.
    assert!(!out
        .stdout
        .lines()
        .skip(1)
        .any(|l| l.ends_with(" apache airflow")));
    // `none` ranks the words of the non-data postings (the nurse) for nondata.txt.
    let none = run(
        &[
            "lexicon",
            "suggest",
            "--role",
            "none",
            "--min-docs",
            "1",
            &gold,
        ],
        None,
    );
    assert_eq!(none.code, 0, "{}", none.stderr);
    assert!(none.stdout.starts_with("candidate terms for none"));
    assert!(
        none.stdout.lines().any(|l| l.ends_with(" night shift")),
        "{}",
        none.stdout
    );
    let bad = run(&["lexicon", "suggest", "--role", "wizard", &gold], None);
    assert_eq!(bad.code, 2);
}

#[test]
fn lexicon_terms_with_and_without_spellings() {
    let terms = run(&["lexicon", "terms"], None);
    assert_eq!(terms.code, 0, "{}", terms.stderr);
    let plain: Vec<&str> = terms.stdout.lines().collect();
    assert!(plain.contains(&"data visualization"));
    assert!(!plain.contains(&"data visualisation"));
    let all = run(&["lexicon", "terms", "--spellings"], None);
    assert_eq!(all.code, 0, "{}", all.stderr);
    let forms: Vec<&str> = all.stdout.lines().collect();
    assert!(forms.contains(&"data visualization") && forms.contains(&"data visualisation"));
    // Hyphens are read as spaces.
    assert!(plain.contains(&"real-time data"));
    assert!(forms.contains(&"real time data") && !forms.contains(&"real-time data"));
    // Every term is there, and nothing twice; a phrase with a gap is looked for by its head.
    assert!(plain
        .iter()
        .filter(|t| !t.contains(" ... "))
        .all(|t| forms.contains(&t.replace('-', " ").as_str())));
    assert!(plain.contains(&"deploying ... model") && forms.contains(&"deploying"));
    let mut unique = forms.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), forms.len());
    // `lexicon check` counts the same patterns.
    let check = run(&["lexicon", "check"], None);
    assert!(
        check.stdout.contains(&format!("({} patterns", forms.len())),
        "{}",
        check.stdout
    );
}

/// Every subcommand ends quietly, with exit code 0, when its reader has gone (`| head -1`): the
/// pipe is closed before the command has written anything.
#[test]
fn subcommands_end_quietly_on_a_closed_pipe() {
    use std::process::{Command, Stdio};
    let d = Dir::new();
    let gold = gold_file(&d);
    for args in [
        vec!["lexicon", "check"],
        vec!["lexicon", "terms", "--spellings"],
        vec!["lexicon", "suggest", "--role", "de", gold.as_str()],
        vec!["eval", gold.as_str(), "--errors"],
        vec!["eval", gold.as_str(), "--json"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rolecall"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "{args:?}");
    }
}
