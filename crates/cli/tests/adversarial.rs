//! Hostile input: nothing panics, hangs or goes missing.

use crate::util::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs with a deadline, so that a hang fails the test instead of stalling the suite.
fn run_within(limit: Duration, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let start = Instant::now();
    // Killed at the limit: a hang fails the test instead of holding up the suite.
    let out = run_until(args, stdin, Some(start + limit))
        .unwrap_or_else(|| panic!("did not finish within {limit:?}: {args:?}"));
    assert!(
        start.elapsed() < limit,
        "took {:?}: {args:?}",
        start.elapsed()
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    out
}

#[test]
fn deeply_nested_html() {
    let d = Dir::new();
    let n = 300_000;
    let html = format!(
        "<h1>Data Engineer</h1>{}Build Airflow and Kafka pipelines{}",
        "<div><span>".repeat(n),
        "</span></div>".repeat(n)
    );
    let f = d.write("deep.html", html);
    let out = run_within(Duration::from_secs(30), &["-f", "jsonl", &f], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = out.records();
    assert_eq!(r[0].verdict().title, "Data Engineer");
    assert!(r[0].verdict().evidence.iter().any(|e| e.term == "airflow"));
}

#[test]
fn a_single_line_of_tens_of_megabytes() {
    let d = Dir::new();
    let line = format!(
        "Data Engineer\n{}",
        "We build Airflow pipelines into Snowflake. ".repeat(500_000)
    );
    assert!(line.len() > 20_000_000);
    let f = d.write("huge.txt", &line);
    let out = run_within(
        Duration::from_secs(60),
        &["-f", "jsonl", "--no-evidence", &f],
        None,
    );
    assert_eq!(out.code, 0);
    let r = out.records();
    assert_eq!(r.len(), 1);
    let v = r[0].verdict();
    assert_eq!(v.primary, "de");
    assert!(
        v.warnings
            .iter()
            .any(|w| w.contains("cut") || w.contains("not read")),
        "{:?}",
        v.warnings
    );
}

#[test]
fn headings_by_the_hundred_thousand() {
    // Field-like headings on one flattened line and "About" lines by the hundred thousand:
    // each is read a bounded distance ahead, never to the end of the text.
    let d = Dir::new();
    let text = format!(
        "Data Engineer\nBuild Airflow pipelines. {}\n{}",
        "Benefits: Dental. Salary: X ".repeat(100_000),
        "About Acme\nWe build Kafka streams.\n".repeat(100_000)
    );
    let f = d.write("headings.txt", &text);
    let out = run_within(
        Duration::from_secs(60),
        &[
            "-f",
            "jsonl",
            "--no-evidence",
            "--max-bytes",
            "16000000",
            &f,
        ],
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = out.records();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].verdict().primary, "de");
}

#[test]
fn a_jsonl_line_of_one_huge_string() {
    let d = Dir::new();
    let huge = serde_json::json!({"id": "big", "text": "x".repeat(20 * 1024 * 1024)}).to_string();
    let ok = serde_json::json!({"id": "after", "text": DE_TEXT}).to_string();
    let f = d.write("big.jsonl", format!("{huge}\n{ok}\n"));
    let out = run_within(Duration::from_secs(60), &["-f", "jsonl", &f], None);
    assert_eq!(out.code, 1);
    let r = out.records();
    assert_eq!(r.len(), 2);
    assert!(
        r[0].error().error.contains("longer than the limit"),
        "{:?}",
        r[0]
    );
    assert_eq!(r[0].error().line, Some(1));
    assert_eq!(r[1].verdict().id, "after");
}

#[test]
fn an_xml_feed_with_one_huge_text_and_one_deep_nest() {
    let d = Dir::new();
    // A record a little over the limit is an error record and the feed goes on; one text of
    // 20 MB is past four times the limit, and ends the feed there.
    let over = format!(
        "<jobs><job><description>{}</description></job>\
         <job><title>After</title><description>{DE_TEXT}</description></job>\
         <job><description><![CDATA[{}]]></description></job></jobs>",
        "x".repeat(300 * 1024),
        "x".repeat(20 * 1024 * 1024)
    );
    let f = d.write("big.xml", over);
    let out = run_within(
        Duration::from_secs(60),
        &["-f", "jsonl", "--max-bytes", "65536", &f],
        None,
    );
    assert_eq!(out.code, 1);
    let r = out.records();
    assert_eq!(r.len(), 3, "{}", out.stderr);
    assert!(r[0].error().error.contains("larger than"), "{:?}", r[0]);
    assert_eq!(r[1].verdict().title, "After");
    assert!(r[2].error().error.contains("larger than"), "{:?}", r[2]);
    // Nesting a million deep is refused at a fixed depth, at once.
    let deep = d.write("deep.xml", "<a>".repeat(1_000_000));
    let out = run_within(Duration::from_secs(20), &["-f", "jsonl", &deep], None);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("nested deeper"), "{}", out.stderr);
}

#[test]
fn csv_with_an_unterminated_quote() {
    let d = Dir::new();
    let f = d.write(
        "bad.csv",
        format!("title,text\nA,\"{DE_TEXT}\nB,never closed {DS_TEXT}\n"),
    );
    let out = run_within(Duration::from_secs(10), &["-f", "jsonl", &f], None);
    // The open quote swallows the rest of the file into one field: one record, not a hang.
    let r = out.records();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].verdict().primary, "de");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_errors_not_hangs() {
    let d = Dir::new();
    d.write("dir/a.txt", format!("Data Engineer\n{DE_TEXT}"));
    std::os::unix::fs::symlink(d.path("dir"), d.path("dir/loop")).unwrap();
    std::os::unix::fs::symlink(d.path("dir/vanished.txt"), d.path("dir/z.txt")).unwrap();
    let root = d.path("dir").display().to_string();
    let out = run_within(Duration::from_secs(10), &["-f", "jsonl", &root], None);
    assert_eq!(out.code, 1);
    let r = out.records();
    assert_eq!(r.len(), 3, "{}", out.stdout);
    assert_eq!(r[0].verdict().primary, "de");
    assert!(r[1].error().error.contains("loop"), "{:?}", r[1]);
    assert!(r[2].error().id.ends_with("z.txt"));
}

#[test]
fn a_lexicon_with_tens_of_thousands_of_terms() {
    let d = Dir::new();
    let terms: String = (0..30_000)
        .map(|i| format!("synthetic term {i} | 1\n"))
        .collect();
    d.write(
        "lex/analyst.txt",
        terms + "quux engine | 10\nzork reports | 5\n",
    );
    let lex = d.path("lex").display().to_string();
    let out = run_within(
        Duration::from_secs(20),
        &["-f", "jsonl", "--lexicon", &lex],
        Some(b"We need synthetic term 29999, the Quux engine and Zork reports."),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = out.records();
    let v = r[0].verdict();
    assert!(v.evidence.iter().any(|e| e.term == "synthetic term 29999"));
    assert_eq!(v.primary, "analyst");
    // The error of a bad lexicon says what is wrong once.
    d.write("lex/de.txt", "quux engine | 1\n");
    let out = run(&["--lexicon", &lex], Some(b"x"));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr.matches("already defined").count(),
        1,
        "{}",
        out.stderr
    );
}

#[test]
fn absurd_user_lexicons_are_clear_errors() {
    let cases: [(&str, &str, &str); 5] = [
        ("de.txt", "airflow | 3\nairflow | 2\n", "de.txt:2"),
        ("ds.txt", "a/b testing | 1e9\n", "ds.txt:1"),
        ("mle.txt", " | 2\n", "mle.txt:1"),
        ("wizard.txt", "magic\n", "wizard.txt"),
        (
            "rules.toml",
            "[primary]\nmin_strength = 0.3\n",
            "rules.toml",
        ),
    ];
    for (file, text, named) in cases {
        let d = Dir::new();
        d.write(&format!("lex/{file}"), text);
        let out = run(
            &["--lexicon", &d.path("lex").display().to_string()],
            Some(DE_TEXT.as_bytes()),
        );
        assert_eq!(out.code, 2, "{file}");
        assert!(out.stderr.contains(named), "{file}: {}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let d = Dir::new();
    let line = serde_json::json!({"text": DE_TEXT}).to_string() + "\n";
    let f = d.write("many.jsonl", line.repeat(50_000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(["-f", "jsonl", &f])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe is closed, as by `| head -1`.
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with('{'));
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A batch of generated postings, the same bytes every run.
fn generated_batch(n: usize) -> Vec<String> {
    let words = [
        "Airflow",
        "Kafka",
        "Snowflake",
        "data pipelines",
        "A/B testing",
        "regression",
        "MLOps",
        "model serving",
        "Kubernetes",
        "Tableau",
        "dashboards",
        "KPIs",
        "patients",
        "Java",
        "Requirements:",
        "\nBenefits:\n",
        "is a plus",
        "startup",
        "first data hire",
        "SQL",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|i| {
            let text: Vec<&str> = (0..40)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    words[(seed % words.len() as u64) as usize]
                })
                .collect();
            serde_json::json!({"id": format!("p{i}"), "title": "Data Scientist", "text": text.join(" ")}).to_string()
        })
        .collect()
}

#[test]
fn verdicts_do_not_depend_on_threads_order_or_batch() {
    let batch = generated_batch(300);
    let input = batch.join("\n") + "\n";
    let one = run(&["-j", "1", "-f", "jsonl"], Some(input.as_bytes()));
    let two = run(&["-j", "2", "-f", "jsonl"], Some(input.as_bytes()));
    assert_eq!(one.stdout, two.stdout, "-j1 and -j2 differ");
    let lines: Vec<&str> = one.stdout.lines().collect();
    assert_eq!(lines.len(), 300);
    // Reversed input gives the same records, reversed.
    let reversed = batch.iter().rev().cloned().collect::<Vec<_>>().join("\n") + "\n";
    let rev = run(&["-j", "2", "-f", "jsonl"], Some(reversed.as_bytes()));
    let mut rev_lines: Vec<&str> = rev.stdout.lines().collect();
    rev_lines.reverse();
    assert_eq!(rev_lines, lines);
    // Alone gives the same record as inside the batch.
    for i in [0, 137, 299] {
        let alone = run(&["-f", "jsonl"], Some((batch[i].clone() + "\n").as_bytes()));
        assert_eq!(alone.stdout.trim_end(), lines[i]);
    }
}
