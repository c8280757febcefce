//! Bad input loses nothing: one error record per bad record, in order, and exit code 1.

use crate::util::*;

#[test]
fn malformed_jsonl_lines_become_error_records_in_order() {
    let d = Dir::new();
    let good = serde_json::json!({"id": "ok", "text": DE_TEXT}).to_string();
    let f = d.write(
        "mixed.jsonl",
        format!("{good}\n{{broken\n[1,2]\n{{\"id\":\"nt\",\"title\":\"x\"}}\n\n{{\"text\":\"   \"}}\r\n{good}\n"),
    );
    let out = run(&["-f", "jsonl", &f], None);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let r = out.records();
    assert_eq!(
        r.len(),
        6,
        "5 non-blank lines + 1: every record yields one output"
    );
    assert_eq!(r[0].verdict().id, "ok");
    let e = r[1].error();
    assert_eq!((e.id.clone(), e.line), (format!("{f}:2"), Some(2)));
    assert!(e.error.contains("malformed JSON"));
    assert!(r[2].error().error.contains("expected a JSON object"));
    assert_eq!(r[3].error().id, "nt");
    assert!(r[3].error().error.contains("no text field"));
    assert_eq!(r[4].error().line, Some(6));
    assert_eq!(r[5].verdict().id, "ok");
    // One readable line per error on stderr, naming file and line.
    assert!(
        out.stderr
            .contains(&format!("rolecall: {f}:2: malformed JSON")),
        "{}",
        out.stderr
    );
}

#[test]
fn empty_binary_and_missing_files() {
    let d = Dir::new();
    let empty = d.write("empty.txt", "");
    let blank = d.write("blank.md", "\n \n");
    let binary = d.write("bin.txt", b"\x7fELF\x02\x01\x00\x00\x00junk");
    let good = d.write("good.txt", format!("Data Engineer\n{DE_TEXT}"));
    let missing = d.path("missing.txt").display().to_string();
    let out = run(
        &["-f", "jsonl", &empty, &blank, &binary, &missing, &good],
        None,
    );
    assert_eq!(out.code, 1);
    let r = out.records();
    assert_eq!(r.len(), 5);
    assert!(r[0].error().error.contains("empty"));
    assert!(r[1].error().error.contains("empty"));
    assert!(r[2].error().error.contains("binary"));
    assert!(r[3].error().error.contains("cannot open"));
    assert_eq!(r[3].error().source, missing);
    assert_eq!(r[4].verdict().primary, "de");
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let d = Dir::new();
    let f = d.write("latin1.txt", b"Data Engineer\nWe need Apache Airflow, Kafka and Snowflake data warehouse caf\xe9 skills.\n");
    let out = run(&["-f", "jsonl", &f], None);
    assert_eq!(out.code, 0);
    let r = out.records();
    let v = r[0].verdict();
    assert_eq!(v.primary, "de");
    assert_eq!(v.warnings.len(), 1);
    assert!(
        out.stderr.contains("warning") && out.stderr.contains("UTF-8"),
        "{}",
        out.stderr
    );
    // --quiet silences warnings on stderr, not in the record.
    let q = run(&["-q", "-f", "jsonl", &f], None);
    assert!(q.stderr.is_empty(), "{}", q.stderr);
}

/// The section of the evidence for `term` in the one record `out` holds.
fn section_of(out: &Output, term: &str) -> String {
    let r = out.records();
    let v = r[0].verdict();
    let e = v.evidence.iter().find(|e| e.term == term);
    e.unwrap_or_else(|| panic!("no {term:?} in {:?}", v.evidence))
        .section
        .clone()
}

#[test]
fn a_windows_1252_csv_and_mojibake_still_show_their_headings() {
    let d = Dir::new();
    // Excel's CSV export: Windows-1252, where the apostrophe is the byte 0x92.
    let csv = d.write(
        "export.csv",
        b"title,description\r\nData Engineer,\"About us\r\nWe sell shoes.\r\nWhat you\x92ll do\r\nBuild Airflow pipelines into Snowflake.\"\r\n",
    );
    let out = run(&["-f", "jsonl", &csv], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(section_of(&out, "airflow"), "responsibilities");
    assert!(
        out.stderr.contains("read as Windows-1252"),
        "{}",
        out.stderr
    );
    // UTF-8 that went through Windows-1252 once: "you’ll" written as "youâ€™ll".
    let line = serde_json::json!({
        "title": "Data Engineer",
        "text": "About us\nWe sell shoes.\nWhat you\u{e2}\u{20ac}\u{2122}ll do\nBuild Airflow pipelines into Snowflake.",
    });
    let jsonl = d.write("scraped.jsonl", format!("{line}\n"));
    let out = run(&["-f", "jsonl", &jsonl], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(section_of(&out, "airflow"), "responsibilities");
}

#[test]
fn csv_rows_without_the_text_column_and_quoted_newlines() {
    let d = Dir::new();
    let f = d.write(
        "x.csv",
        format!("title,text\nA,\"multi\nline {DE_TEXT}\"\nB\nC,\"{DS_TEXT}\"\n"),
    );
    let out = run(&["-f", "jsonl", &f], None);
    assert_eq!(out.code, 1);
    let r = out.records();
    assert_eq!(r.len(), 3);
    assert_eq!(r[0].verdict().primary, "de");
    assert!(r[1].error().error.contains("no text column"), "{:?}", r[1]);
    assert_eq!(r[1].error().line, Some(4));
    assert_eq!(r[2].verdict().primary, "ds");
}

#[test]
fn oversized_postings_are_cut_with_a_warning() {
    let big = format!("{DE_TEXT} {}", "filler words here. ".repeat(2000));
    let out = run(
        &["--max-bytes", "1000", "-f", "jsonl"],
        Some(big.as_bytes()),
    );
    assert_eq!(out.code, 0);
    let r = out.records();
    let v = r[0].verdict();
    assert!(
        v.warnings.iter().any(|w| w.contains("cut")),
        "{:?}",
        v.warnings
    );
    assert!(v.evidence.iter().all(|e| e.end <= 1000));
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["--format", "yaml"], Some(b"x"));
    assert_eq!(out.code, 2);
    let out = run(&["-j", "0"], Some(b"x"));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--threads"), "{}", out.stderr);
    let out = run(&["-", "-"], Some(b"x"));
    assert_eq!(out.code, 2);
}

#[test]
fn a_bad_lexicon_is_fatal_and_named() {
    let d = Dir::new();
    d.write("lex/de.txt", "airflow | 3\nspark | lots\n");
    let out = run(
        &["--lexicon", &d.path("lex").display().to_string()],
        Some(DE_TEXT.as_bytes()),
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("de.txt:2"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn a_user_lexicon_replaces_builtin_files() {
    let d = Dir::new();
    d.write("lex/analyst.txt", "apache airflow | 10\nsnowflake | 5\n");
    d.write("lex/de.txt", "nothing here | 1\n");
    let out = run(
        &[
            "-f",
            "jsonl",
            "--lexicon",
            &d.path("lex").display().to_string(),
        ],
        Some(DE_TEXT.as_bytes()),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = out.records();
    assert_eq!(r[0].verdict().primary, "analyst");
}
