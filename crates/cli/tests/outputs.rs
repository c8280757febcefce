//! Output formats: JSONL, JSON, CSV, table, summary.

use crate::util::*;

fn two_postings() -> String {
    format!(
        "{}\n{}\n",
        serde_json::json!({"id": "1", "title": "=HYPERLINK(\"http://x\")", "text": DE_TEXT}),
        serde_json::json!({"id": "2", "title": "Data Scientist", "text": DS_TEXT})
    )
}

#[test]
fn json_is_one_array_in_input_order() {
    let out = run(&["-f", "json"], Some(two_postings().as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: Vec<Verdict> = serde_json::from_str(&out.stdout).expect("a JSON array of verdicts");
    assert_eq!(
        v.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
        vec!["1", "2"]
    );
    let empty = run(&["-f", "json", "-"], Some(b"{\"text\": \"\"}\n"));
    let arr: Vec<serde_json::Value> = serde_json::from_str(&empty.stdout).unwrap();
    assert_eq!(arr.len(), 1);
}

#[test]
fn csv_has_a_header_and_defuses_formulas() {
    let out = run(&["-f", "csv"], Some(two_postings().as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut rdr = csv::Reader::from_reader(out.stdout.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert_eq!(&headers[2], "primary");
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&rows[0][2], "de");
    assert_eq!(&rows[1][2], "ds");
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("primary_rule")], "most_evidence");
    let evidence = &rows[0][col("evidence")];
    assert!(evidence.contains("de:apache airflow"), "{evidence:?}");
}

#[test]
fn table_is_readable() {
    let fsds = fixture("hidden_fsds.txt").display().to_string();
    let out = run(&["-f", "table", &fsds], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let t = &out.stdout;
    assert!(t.contains("primary  ds (Data Scientist)"), "{t}");
    assert!(t.contains("labels: de, ds, mle  hybrid"), "{t}");
    assert!(!t.contains("MISMATCH"), "{t}");
    assert!(t.contains("FSDS     yes"), "{t}");
    assert!(
        t.contains("de_mle_merge") && t.contains("first data hire"),
        "{t}"
    );
    // A pipeline posting under a Data Scientist title is a mismatch.
    let de = fixture("data_engineer.txt").display().to_string();
    let out = run(&["-f", "table", "--title", "Data Scientist", &de], None);
    assert!(
        out.stdout.contains("says ds  ≠ body: MISMATCH"),
        "{}",
        out.stdout
    );
}

#[test]
fn marked_text_shows_each_phrase_where_it_stands() {
    let fsds = fixture("hidden_fsds.txt");
    let out = run(&["-f", "marked", &fsds.display().to_string()], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let t = &out.stdout;
    assert!(t.contains("primary  ds (Data Scientist)"), "{t}");
    let (_, body) = t
        .split_once("   text\n\n")
        .expect("the text follows the verdict");
    // Every marked phrase, in order, with its role; no terminal, so no colour.
    assert!(!t.contains('\x1b'), "{t}");
    let marks: Vec<&str> = body
        .split('[')
        .skip(1)
        .filter_map(|m| m.split_once("]{"))
        .map(|(phrase, _)| phrase)
        .collect();
    assert!(marks.len() >= 20, "{marks:?}");
    assert!(
        marks.iter().any(|m| m.eq_ignore_ascii_case("airflow")),
        "{marks:?}"
    );
    assert!(body.contains("{signal "), "{body}");
    let coloured = run(
        &[
            "-f",
            "marked",
            "--color",
            "always",
            &fsds.display().to_string(),
        ],
        None,
    );
    assert!(coloured.stdout.contains("\x1b[34m["), "{}", coloured.stdout);
    // The posting's words all survive: its last line is in the output as written, marks aside.
    let source = std::fs::read_to_string(&fsds).unwrap();
    let last_word = source.split_whitespace().last().unwrap();
    assert!(body.contains(last_word.trim_end_matches('.')), "{body}");
}

#[test]
fn the_table_names_a_phrase_with_a_gap_as_the_posting_wrote_it() {
    let path = root()
        .join("fixtures/postings/mle_gap_phrases.txt")
        .display()
        .to_string();
    let table = run(&["-f", "table", &path], None);
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(
        table
            .stdout
            .contains("shipping deep-learning / statistical models"),
        "{}",
        table.stdout
    );
    assert!(!table.stdout.contains(" ... "), "{}", table.stdout);
    // JSON keeps the lexicon's term, the same in every posting, for counting.
    let out = run(&["-f", "jsonl", &path], None);
    let r = out.records();
    assert!(
        r[0].verdict()
            .evidence
            .iter()
            .any(|e| e.term == "shipping ... model"),
        "{:?}",
        r[0].verdict().evidence
    );
}

#[test]
fn summary_counts_a_batch() {
    let path = root().join("fixtures/postings").display().to_string();
    // The counts the fixtures' expected verdicts imply.
    let expected = std::fs::read_to_string(root().join("fixtures/expected.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let (n, none) = (rows.len(), rows.iter().filter(|r| r[1] == "none").count());
    assert!(n >= 8 && none >= 2);
    let out = run(&["-f", "summary", &path], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains(&format!("{n} records, {n} classified, 0 errors")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("none") && l.contains(&format!(" {none} "))),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("FSDS"));
    // Which rule settled each primary role, as expected.tsv says.
    assert!(out.stdout.contains("primary decided by:"), "{}", out.stdout);
    let mut rules: Vec<&str> = rows.iter().map(|r| r[2]).collect();
    rules.sort_unstable();
    rules.dedup();
    for rule in rules {
        let n = rows.iter().filter(|r| r[2] == rule).count();
        assert!(
            out.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(rule) && l.contains(&format!(" {n} "))),
            "{rule} x{n}: {}",
            out.stdout
        );
    }
    // Each hybrid's role set, as expected.tsv says (roles in report order, joined by "+").
    let order = ["de", "ds", "mle", "analyst"];
    let mut sets: Vec<String> = rows
        .iter()
        .filter(|r| r[3].contains(','))
        .map(|r| {
            let mut roles: Vec<&str> = r[3].split(',').collect();
            roles.sort_by_key(|x| order.iter().position(|o| o == x));
            roles.join("+")
        })
        .collect();
    assert!(sets.len() >= 3, "{sets:?}");
    sets.sort();
    for set in &sets {
        let n = sets.iter().filter(|s| *s == set).count();
        assert!(
            out.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{set} "))
                    && l.contains(&format!(" {n} "))),
            "{set} x{n}: {}",
            out.stdout
        );
    }
    // The rules behind the FSDS flags: every flagged fixture has at least one, and the
    // hidden FSDS fixture is a DE+MLE merge.
    let flagged = rows.iter().filter(|r| r[4] == "true").count();
    let rule_lines: Vec<usize> = ["de_mle_merge", "all_three", "pipeline_span", "stated_path"]
        .iter()
        .filter_map(|rule| {
            out.stdout
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{rule} ")))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .collect();
    assert!(
        rule_lines.iter().sum::<usize>() >= flagged && !rule_lines.is_empty(),
        "{flagged} flagged, {rule_lines:?}: {}",
        out.stdout
    );
    assert!(out.stdout.contains("  de_mle_merge "), "{}", out.stdout);
    // --summary with another format: records on stdout, summary on stderr.
    let out = run(&["-f", "jsonl", "--summary", &path], None);
    assert_eq!(out.records().len(), n);
    assert!(out.stderr.contains("rolecall summary"));
}

#[test]
fn no_evidence_flag_drops_the_list() {
    let out = run(
        &["--no-evidence", "-f", "jsonl"],
        Some(two_postings().as_bytes()),
    );
    assert!(out
        .records()
        .iter()
        .all(|r| r.verdict().evidence.is_empty()));
    // The verdict is unchanged.
    assert_eq!(out.records()[0].verdict().primary, "de");
}

#[test]
fn output_is_identical_with_one_or_two_threads() {
    let path = root().join("fixtures/postings").display().to_string();
    let one = run(&["-j", "1", "-f", "jsonl", &path], None);
    let two = run(&["-j", "2", "-f", "jsonl", &path], None);
    assert_eq!(one.stdout, two.stdout);
    assert!(!one.stdout.is_empty());
}

#[test]
fn every_number_in_the_record_is_in_range() {
    let path = root().join("fixtures/postings").display().to_string();
    let out = run(&["-f", "jsonl", &path], None);
    for r in out.records() {
        let v = r.verdict();
        let scores = [&v.scores.de, &v.scores.ds, &v.scores.mle, &v.scores.analyst];
        for s in scores {
            assert!(
                (0.0..=1.0).contains(&s.strength) && (0.0..=1.0).contains(&s.share),
                "{}",
                v.id
            );
        }
        let shares: f64 = scores.iter().map(|s| s.share).sum();
        assert!(
            shares == 0.0 || (shares - 1.0).abs() < 0.01,
            "{}: shares sum to {shares}",
            v.id
        );
        assert!((0.0..=1.0).contains(&v.fsds.confidence));
        let total: f64 = v.fsds.reasons.iter().map(|r| r.weight).sum();
        assert!(
            (total.min(1.0) - v.fsds.confidence).abs() < 0.01,
            "{}",
            v.id
        );
        // Every rule adds confidence but the manager's title, which takes some away.
        assert!(v.fsds.reasons.iter().all(|r| !r.detail.is_empty()
            && if r.rule == "manager_title" {
                r.weight < 0.0
            } else {
                r.weight > 0.0
            }));
        assert!(v
            .evidence
            .iter()
            .all(|e| e.weight >= 0.0 && e.start < e.end));
    }
}

/// The keys of `value` fit the `required` and `properties` of the schema definition `def`.
fn fits(schema: &serde_json::Value, def: &str, value: &serde_json::Value, path: &str) {
    let d = &schema["$defs"][def];
    let obj = value
        .as_object()
        .unwrap_or_else(|| panic!("{path}: not an object"));
    for req in d["required"].as_array().unwrap() {
        assert!(
            obj.contains_key(req.as_str().unwrap()),
            "{path}: missing {req}"
        );
    }
    let props = d["properties"].as_object().unwrap();
    for key in obj.keys() {
        assert!(
            props.contains_key(key),
            "{path}: {key} is not in docs/record.schema.json"
        );
    }
}

#[test]
fn records_fit_the_documented_json_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/record.schema.json")).unwrap(),
    )
    .unwrap();
    let d = Dir::new();
    let bad = d.write("bad.jsonl", "{oops\n");
    let fsds = fixture("hidden_fsds.txt").display().to_string();
    let out = run(&["-f", "jsonl", &fsds, &bad], None);
    let lines: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let v = &lines[0];
    fits(&schema, "verdict", v, "verdict");
    for role in ["de", "ds", "mle", "analyst"] {
        fits(&schema, "score", &v["scores"][role], "score");
    }
    assert!(!v["fsds"]["reasons"].as_array().unwrap().is_empty());
    for r in v["fsds"]["reasons"].as_array().unwrap() {
        fits(&schema, "reason", r, "reason");
    }
    for e in v["evidence"].as_array().unwrap() {
        fits(&schema, "evidence", e, "evidence");
    }
    fits(&schema, "error", &lines[1], "error");
}

#[test]
fn the_readme_example_is_what_the_tool_prints() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let marker = "The first prints:\n\n```text\n";
    let start = readme.find(marker).expect("README has the example") + marker.len();
    let end = start + readme[start..].find("```").unwrap();
    // From the workspace root, so that the id is the path the README shows.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .current_dir(root())
        .args(["-f", "table", "fixtures/postings/hidden_fsds.txt"])
        .output()
        .unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        printed.trim_end(),
        readme[start..end].trim_end(),
        "update the README example"
    );
}

#[test]
fn readable_formats_never_print_the_inputs_control_characters() {
    let posting = serde_json::json!({
        "id": "evil\u{1b}]0;title\u{7}",
        "title": "Data Engineer\u{1b}[31m",
        "text": "Build pipelines with Airflow and Kafka.\u{1b}[2J\r\nOwn the Snowflake warehouse.",
    });
    let input = format!("{posting}\n");
    for format in ["table", "marked"] {
        let out = run(&["-f", format, "--color", "never"], Some(input.as_bytes()));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stdout.contains('\u{1b}'), "{format}: {:?}", out.stdout);
        assert!(!out.stdout.contains('\u{7}') && !out.stdout.contains('\r'));
        assert!(
            out.stdout.contains("Data Engineer\u{fffd}[31m"),
            "{}",
            out.stdout
        );
    }
    // Machine-readable formats keep the text as it was: JSON escapes it.
    let json = run(&["-f", "jsonl"], Some(input.as_bytes()));
    assert_eq!(json.records()[0].verdict().title, "Data Engineer\u{1b}[31m");
}
