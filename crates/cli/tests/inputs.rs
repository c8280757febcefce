//! Every input shape: stdin text and JSONL, text, Markdown, HTML, JSONL, JSON, CSV, TSV, gzip,
//! directories.

use crate::util::*;
use std::io::Write;

#[test]
fn stdin_plain_text_with_title() {
    let out = run(&["--title", "Data Scientist"], Some(DE_TEXT.as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = out.records();
    assert_eq!(records.len(), 1);
    let v = records[0].verdict();
    assert_eq!(
        (v.id.as_str(), v.title.as_str(), v.primary.as_str()),
        ("-", "Data Scientist", "de")
    );
    assert_eq!((v.title_role.as_str(), v.mismatch), ("ds", true));
    // With --title given, the first line is body.
    assert!(v.evidence.iter().any(|e| e.start < 40));
}

#[test]
fn stdin_text_pasted_whole_keeps_its_title_line() {
    let pasted = format!("Senior Data Scientist\n\n{DE_TEXT}");
    let out = run(&["--format", "jsonl"], Some(pasted.as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(v["title"], "Senior Data Scientist");
    assert_eq!(v["title_from_text"], true);
    // The title says DS, the body asks for DE: the mismatch a pasted posting is read for.
    assert_eq!(
        (&v["title_role"], &v["primary"], &v["mismatch"]),
        (&"ds".into(), &"de".into(), &true.into())
    );
    // The title line is not body evidence; spans still index the text as given.
    for e in v["evidence"].as_array().unwrap() {
        let (start, end) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert!(start > "Senior Data Scientist".len(), "{e}");
        let first_word = e["term"].as_str().unwrap().split(' ').next().unwrap();
        assert!(
            pasted[start..end].to_lowercase().contains(first_word),
            "{e}"
        );
    }
    // A first line that is not a job title stays body, and there is no title.
    let out = run(
        &["--format", "jsonl"],
        Some(format!("About us\n{DE_TEXT}").as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    assert_eq!((&v["title"], v.get("title_from_text")), (&"".into(), None));
}

#[test]
fn stdin_jsonl_is_detected_and_dash_means_stdin() {
    let input = format!(
        "{}\n\n{}\n",
        serde_json::json!({"id": "a", "title": "Data Engineer", "text": DE_TEXT}),
        serde_json::json!({"id": 2, "title": "Data Scientist", "description": DS_TEXT})
    );
    let out = run(&["-"], Some(input.as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = out.records();
    let got: Vec<(&str, &str)> = r
        .iter()
        .map(|r| (r.id(), r.verdict().primary.as_str()))
        .collect();
    assert_eq!(got, vec![("a", "de"), ("2", "ds")]);
}

#[test]
fn text_markdown_and_html_files() {
    let d = Dir::new();
    let txt = d.write("a.txt", format!("Data Engineer\n{DE_TEXT}\n"));
    let md = d.write(
        "b.md",
        format!("# **Data Scientist**\n\n## Responsibilities\n- {DS_TEXT}\n"),
    );
    let html = d.write(
        "c.html",
        r#"<html><head><title>Careers | Acme</title><style>p { color: red }</style>
            <script type="application/ld+json">{"@type": "JobPosting", "title": "ML Engineer"}</script>
            <script>var airflow = "spark kafka";</script></head>
            <body><h1>Join us</h1><h2>Responsibilities</h2><ul><li>Deploy models to production with Kubernetes &amp; MLflow</li>
            <li>Build the model registry and feature store</li></ul></body></html>"#,
    );
    let out = run(&["--format", "jsonl", &txt, &md, &html], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = out.records();
    let v: Vec<_> = r.iter().map(|r| r.verdict()).collect();
    assert_eq!(
        (v[0].id.as_str(), v[0].title.as_str(), v[0].primary.as_str()),
        (txt.as_str(), "Data Engineer", "de")
    );
    assert_eq!(
        (v[1].title.as_str(), v[1].primary.as_str()),
        ("Data Scientist", "ds")
    );
    assert_eq!(
        (v[2].title.as_str(), v[2].primary.as_str()),
        ("ML Engineer", "mle")
    );
    // Script and style text is not posting text.
    assert!(v[2]
        .evidence
        .iter()
        .all(|e| e.term != "airflow" && e.term != "kafka"));
    // Block structure survives: the list items sit under the Responsibilities heading.
    assert!(v[2]
        .evidence
        .iter()
        .filter(|e| e.role == "mle")
        .all(|e| e.section == "responsibilities"));
}

#[test]
fn jsonl_json_csv_tsv_and_gzip_files() {
    let d = Dir::new();
    let jsonl = d.write(
        "p.jsonl",
        format!("{}\n", serde_json::json!({"title": "DE", "body": DE_TEXT})),
    );
    let json = d.write(
        "p.json",
        serde_json::json!([{"id": "j1", "text": DS_TEXT}, {"@type": "JobPosting", "title": "Data Engineer", "description": format!("<p>{DE_TEXT}</p>")}]).to_string(),
    );
    let csv = d.write("p.csv", format!("job_id,Title,Job Description\n7,Data Engineer,\"{}\nsecond line, with comma\"\n,Data Scientist,{}\n", DE_TEXT, DS_TEXT.replace(',', "")));
    let tsv = d.write("p.tsv", format!("title\ttext\nDE\t{DE_TEXT}\n"));
    let gz = d.path("q.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    writeln!(enc, "{}", serde_json::json!({"id": "z", "text": DS_TEXT})).unwrap();
    enc.finish().unwrap();
    let gz = gz.display().to_string();
    let out = run(&["-f", "jsonl", &jsonl, &json, &csv, &tsv, &gz], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = out.records();
    let got: Vec<(String, String)> = r
        .iter()
        .map(|r| (r.id().to_string(), r.verdict().primary.clone()))
        .collect();
    let want = vec![
        (format!("{jsonl}:1"), "de".to_string()),
        ("j1".to_string(), "ds".to_string()),
        (format!("{json}:2"), "de".to_string()),
        ("7".to_string(), "de".to_string()),
        (format!("{csv}:4"), "ds".to_string()),
        (format!("{tsv}:2"), "de".to_string()),
        ("z".to_string(), "ds".to_string()),
    ];
    assert_eq!(got, want);
    // The JSON-LD title and the CSV title column are used.
    assert_eq!(r[2].verdict().title, "Data Engineer");
    assert_eq!(r[3].verdict().title, "Data Engineer");
}

#[test]
fn chosen_fields_and_columns() {
    let d = Dir::new();
    let csv = d.write("x.csv", format!("ref,role,jd\nR1,Analyst,\"{DE_TEXT}\"\n"));
    let out = run(
        &[
            "-f",
            "jsonl",
            "--text-field",
            "jd",
            "--title-field",
            "role",
            "--id-field",
            "ref",
            &csv,
        ],
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = out.records();
    let v = r[0].verdict();
    assert_eq!(
        (v.id.as_str(), v.title.as_str(), v.primary.as_str()),
        ("R1", "Analyst", "de")
    );
}

#[test]
fn job_board_exports_name_their_fields_in_their_own_case() {
    let d = Dir::new();
    // Dice's Kaggle export writes `jobtitle` and `jobdescription`; JSON APIs write camelCase.
    let csv = d.write(
        "dice.csv",
        format!("jobid,jobtitle,jobdescription\nD1,Data Engineer,\"{DE_TEXT}\"\n"),
    );
    let text = serde_json::to_string(DE_TEXT).unwrap();
    let jsonl = d.write(
        "api.jsonl",
        format!("{{\"jobId\":\"J1\",\"jobTitle\":\"Data Engineer\",\"jobDescription\":{text}}}\n"),
    );
    // Naukri's scrapes name the title `designation` and the body `job_details`.
    let naukri = d.write(
        "naukri.csv",
        format!("Job ID,Designation,Job Details\nN1,Data Engineer,\"{DE_TEXT}\"\n"),
    );
    let out = run(&["-f", "jsonl", &csv, &jsonl, &naukri], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got: Vec<(String, String, String)> = out
        .records()
        .iter()
        .map(|r| {
            let v = r.verdict();
            (v.id.clone(), v.title.clone(), v.primary.clone())
        })
        .collect();
    let want = |id: &str| {
        (
            id.to_string(),
            "Data Engineer".to_string(),
            "de".to_string(),
        )
    };
    assert_eq!(got, vec![want("D1"), want("J1"), want("N1")]);
}

#[test]
fn nested_json_records_and_bodies_as_lists_of_lines() {
    let d = Dir::new();
    let text = serde_json::to_string(DE_TEXT).unwrap();
    let lines: Vec<&str> = DE_TEXT.lines().collect();
    let list = serde_json::to_string(&lines).unwrap();
    // Glassdoor's API nests the title and the body in objects of their own; some scrapers keep
    // the body's bullets as a list.
    let jsonl = d.write(
        "nested.jsonl",
        format!(
            "{{\"header\":{{\"jobTitle\":\"Data Engineer\"}},\"job\":{{\"listingId\":\"G1\",\"description\":{text}}},\"company\":{{\"name\":\"Acme\"}}}}\n\
             {{\"id\":\"L1\",\"title\":\"Data Engineer\",\"description\":{list}}}\n\
             {{\"id\":\"P1\",\"title\":\"Data Engineer\",\"posting\":{{\"jd\":{text}}}}}\n"
        ),
    );
    let out = run(&["-f", "jsonl", &jsonl], None);
    assert_eq!(
        out.code, 1,
        "the third record has no text field: {}",
        out.stderr
    );
    let records = out.records();
    assert_eq!(records.len(), 3);
    for r in &records[..2] {
        let v = r.verdict();
        assert_eq!(
            (v.title.as_str(), v.primary.as_str()),
            ("Data Engineer", "de")
        );
    }
    // A dotted path chooses a nested field.
    let out = run(&["-f", "jsonl", "--text-field", "posting.jd", &jsonl], None);
    let records = out.records();
    assert_eq!(records.len(), 3);
    assert_eq!(records[2].verdict().primary, "de", "{}", out.stderr);
}

#[test]
fn a_csv_saved_with_semicolons_is_read_by_its_header() {
    let d = Dir::new();
    // Excel saves "CSV" with semicolons where the decimal mark is a comma.
    let csv = d.write(
        "excel_de.csv",
        format!("Job ID;Job Title;Job Description\r\nE1;Data Engineer;\"{DE_TEXT}\"\r\n"),
    );
    let out = run(&["-f", "jsonl", &csv], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = out.records();
    let v = records[0].verdict();
    assert_eq!(
        (records.len(), v.id.as_str(), v.primary.as_str()),
        (1, "E1", "de")
    );
}

#[test]
fn an_api_response_saved_as_json_is_its_list_of_postings() {
    let d = Dir::new();
    let text = serde_json::to_string(DE_TEXT).unwrap();
    // Greenhouse's job-board API: {"jobs": [...], "meta": {...}}; the third job has no text.
    let json = d.write(
        "greenhouse.json",
        format!(
            "{{\"jobs\": [{{\"id\": 1, \"title\": \"Data Engineer\", \"content\": {text}}}, \
             {{\"id\": 2, \"title\": \"Data Engineer\", \"content\": {text}}}, \
             {{\"id\": 3, \"title\": \"Data Engineer\"}}], \"meta\": {{\"total\": 3}}}}"
        ),
    );
    let out = run(&["-f", "jsonl", &json], None);
    assert_eq!(out.code, 1, "one job has no text: {}", out.stderr);
    assert!(
        out.stderr.contains("greenhouse.json:3: no text field"),
        "{}",
        out.stderr
    );
    let records = out.records();
    assert_eq!(records.len(), 3);
    for r in &records[..2] {
        assert_eq!(r.verdict().primary, "de");
    }
    let ids: Vec<&str> = records[..2]
        .iter()
        .map(|r| r.verdict().id.as_str())
        .collect();
    assert_eq!(ids, ["1", "2"]);
}

#[test]
fn markdown_escapes_in_a_scraped_description_hide_no_term() {
    let d = Dir::new();
    // JobSpy and other HTML-to-Markdown scrapers escape punctuation with backslashes.
    let text = "**What You'll Do:**\n\n\\- Build predictive models with scikit\\-learn\n\
                \\- Design A/B tests\\.\n\n**Benefits:**\n\n\\* 401\\(k\\)\n";
    let line = serde_json::json!({"id": "m1", "title": "Data Scientist", "description": text});
    let jsonl = d.write("jobspy.jsonl", format!("{line}\n"));
    let out = run(&["-f", "jsonl", &jsonl], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = out.records();
    let v = records[0].verdict();
    let terms: Vec<&str> = v.evidence.iter().map(|e| e.term.as_str()).collect();
    assert!(terms.contains(&"scikit-learn"), "{terms:?}");
    let models = v.evidence.iter().find(|e| e.term == "predictive models");
    assert_eq!(models.map(|e| e.section.as_str()), Some("responsibilities"));
}

#[test]
fn xml_job_feeds_are_one_posting_per_job_from_a_file_or_stdin() {
    let d = Dir::new();
    let feed = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n<publisher>Acme</publisher>\n\
         <job>\n<referencenumber>R1</referencenumber>\n<title><![CDATA[Data Engineer]]></title>\n\
         <description><![CDATA[<p>{DE_TEXT}</p>]]></description>\n</job>\n\
         <job><referencenumber>R2</referencenumber><title>Data Scientist</title>\
         <description>&lt;p&gt;{DS_TEXT}&lt;/p&gt;</description></job>\n\
         <job><referencenumber>R3</referencenumber><title>Broken</title><descr"
    );
    let xml = d.write("indeed.xml", &feed);
    let out = run(&["-f", "jsonl", &xml], None);
    assert_eq!(out.code, 1, "the feed breaks off: {}", out.stderr);
    let records = out.records();
    assert_eq!(records.len(), 3, "{}", out.stdout);
    let got: Vec<(&str, &str)> = records[..2]
        .iter()
        .map(|r| (r.verdict().id.as_str(), r.verdict().primary.as_str()))
        .collect();
    assert_eq!(got, [("R1", "de"), ("R2", "ds")]);
    assert!(
        out.stderr.contains("indeed.xml:10: malformed XML"),
        "{}",
        out.stderr
    );
    // Piped in, the XML declaration tells a feed from a page.
    let whole = feed
        .rsplit_once("<job><referencenumber>R3")
        .unwrap()
        .0
        .to_string()
        + "</source>\n";
    let out = run(&["-f", "jsonl"], Some(whole.as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.records().len(), 2);
}

#[test]
fn a_title_line_loses_its_label_and_markdown_marks() {
    let d = Dir::new();
    let labelled = d.write("a.txt", format!("Job Title: Data Engineer\n{DE_TEXT}\n"));
    let marked = d.write("b.txt", format!("# **Data Scientist**\n{DS_TEXT}\n"));
    let out = run(&["-f", "jsonl", &labelled, &marked], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let titles: Vec<(String, String)> = out
        .records()
        .iter()
        .map(|r| (r.verdict().title.clone(), r.verdict().title_role.clone()))
        .collect();
    assert_eq!(
        titles,
        [
            ("Data Engineer".to_string(), "de".to_string()),
            ("Data Scientist".to_string(), "ds".to_string())
        ]
    );
}

#[test]
fn directories_are_walked_in_sorted_order() {
    let d = Dir::new();
    d.write("b/2.txt", format!("Data Engineer\n{DE_TEXT}"));
    d.write("b/1.md", format!("Data Scientist\n{DS_TEXT}"));
    d.write(
        "a.jsonl",
        format!("{}\n", serde_json::json!({"text": DS_TEXT})),
    );
    d.write("noext", format!("Data Engineer\n{DE_TEXT}"));
    d.write("image.png", [0x89u8, b'P', b'N', b'G', 0, 0]);
    d.write(".hidden.txt", "Data Engineer\nAirflow");
    let out = run(&["-f", "jsonl", &d.root()], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = out.records();
    let root = d.root();
    let ids: Vec<&str> = r.iter().map(|r| r.id()).collect();
    assert_eq!(
        ids,
        vec![
            format!("{root}/a.jsonl:1").as_str(),
            format!("{root}/b/1.md").as_str(),
            format!("{root}/b/2.txt").as_str(),
            format!("{root}/noext").as_str(),
        ]
    );
}

#[test]
fn spacing_from_web_pages_and_spreadsheets_does_not_hide_a_phrase() {
    // The same posting, once plainly spaced and once as pasted from a web page or a
    // spreadsheet: no-break spaces, double spaces, a tab, a soft hyphen and a non-breaking
    // hyphen inside the phrases.
    let plain = "Responsibilities\nBuild machine learning models and deploy them to production with Kubernetes.\nDesign A/B tests and real-time data pipelines in Apache Airflow.";
    let spaced = "Responsibilities\nBuild machine\u{a0}learning models and deploy them  to\u{a0}production with Kuber\u{ad}netes.\nDesign A/B\ttests and real\u{2011}time data\u{a0}\u{a0}pipelines in Apache  Airflow.";
    let line = |id: &str, text: &str| {
        serde_json::json!({"id": id, "title": "Data Scientist", "text": text}).to_string()
    };
    let input = format!("{}\n{}\n", line("plain", plain), line("spaced", spaced));
    let out = run(&["--format", "jsonl"], Some(input.as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = out.records();
    let (a, b) = (records[0].verdict(), records[1].verdict());
    let terms = |v: &Verdict| {
        v.evidence
            .iter()
            .map(|e| e.term.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(terms(a), terms(b));
    for t in [
        "machine learning models",
        "to production",
        "kubernetes",
        "real-time data",
    ] {
        assert!(
            terms(b).iter().any(|x| x == t),
            "{t} missing: {:?}",
            terms(b)
        );
    }
    assert_eq!((&a.primary, &a.labels), (&b.primary, &b.labels));
    assert_eq!(a.scores.mle.strength, b.scores.mle.strength);
    // The spans index the text as given, with its own spacing.
    let found: Vec<&str> = b.evidence.iter().map(|e| &spaced[e.start..e.end]).collect();
    assert!(found.contains(&"machine\u{a0}learning models"), "{found:?}");
    assert!(found.contains(&"Kuber\u{ad}netes"), "{found:?}");
    assert!(found.contains(&"real\u{2011}time data"), "{found:?}");
    assert!(found.contains(&"Apache  Airflow"), "{found:?}");
}

#[test]
fn a_text_field_without_tags_has_its_character_references_decoded() {
    // A dump whose tags were stripped and whose entities were not.
    let input = serde_json::json!({
        "id": "e",
        "title": "Data Engineer &amp; Architect",
        "text": "You&#39;ll build data&nbsp;pipelines in Apache&nbsp;Airflow &amp; Kafka for R&amp;D at AT&T.",
    })
    .to_string();
    let out = run(&["--format", "jsonl"], Some(input.as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.records()[0].verdict().clone();
    let terms: Vec<&str> = v.evidence.iter().map(|e| e.term.as_str()).collect();
    assert_eq!(terms, ["data pipelines", "apache airflow", "kafka"]);
    assert_eq!(v.primary, "de");
    // The title of the same record is decoded too.
    assert_eq!(v.title, "Data Engineer & Architect");
}

/// Greenhouse's job board API gives a posting's `content` as HTML escaped once over: read as
/// the HTML it is, its headings open their sections and its benefits weigh nothing, as on the
/// page.
#[test]
fn html_escaped_in_a_json_field_is_read_as_html() {
    let html = "<p>Acme is hiring.</p><h2>Responsibilities</h2><ul><li>Build pipelines with \
                Airflow and Kafka</li></ul><h2>Benefits</h2><ul><li>A Snowflake stipend</li></ul>";
    let escaped = html
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let lines: String = [("page", html.to_string()), ("api", escaped)]
        .into_iter()
        .map(|(id, content)| {
            serde_json::json!({"id": id, "title": "Data Engineer", "content": content}).to_string()
                + "\n"
        })
        .collect();
    let out = run(&["--format", "jsonl"], Some(lines.as_bytes()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = out.records();
    let (page, api) = (records[0].verdict(), records[1].verdict());
    let sections = |v: &Verdict| -> Vec<(String, String)> {
        v.evidence
            .iter()
            .map(|e| (e.term.clone(), e.section.clone()))
            .collect()
    };
    assert_eq!(sections(api), sections(page));
    assert!(
        sections(api).contains(&("airflow".to_string(), "responsibilities".to_string())),
        "{:?}",
        sections(api)
    );
    assert!(api
        .evidence
        .iter()
        .any(|e| e.term == "snowflake" && e.weight == 0.0));
}

/// A dump that stored the text's line breaks as the two characters `\n` (in a CSV cell, where
/// the reader sees them as written) reads as the same text with its breaks: headings open their
/// sections and benefits weigh nothing.
#[test]
fn line_breaks_written_as_escapes_are_line_breaks() {
    let text = "Acme is hiring.\nResponsibilities\n- Build pipelines with Airflow and Kafka\n\
                Benefits\n- A Snowflake stipend";
    let csv = format!(
        "id,title,description\nreal,Data Engineer,\"{}\"\nescaped,Data Engineer,\"{}\"\n",
        text,
        text.replace('\n', "\\n")
    );
    let d = Dir::new();
    let path = d.write("dump.csv", csv);
    let out = run(&["--format", "jsonl", &path], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = out.records();
    let (real, escaped) = (records[0].verdict(), records[1].verdict());
    let sections = |v: &Verdict| -> Vec<(String, String, f64)> {
        v.evidence
            .iter()
            .map(|e| (e.term.clone(), e.section.clone(), e.weight))
            .collect()
    };
    assert_eq!(sections(escaped), sections(real));
    assert!(sections(escaped)
        .iter()
        .any(|(t, s, w)| t == "snowflake" && s == "benefits" && *w == 0.0));
}

/// A JSONL file saved by PowerShell or Notepad opens with a byte-order mark, and its lines end
/// in CRLF: its first record is read like the others, from a file and from stdin alike.
#[test]
fn a_jsonl_file_with_a_byte_order_mark_loses_no_record() {
    let d = Dir::new();
    let body = format!(
        "\u{feff}{}\r\n{}\r\n",
        serde_json::json!({"id": "a", "text": DE_TEXT}),
        serde_json::json!({"id": "b", "text": DS_TEXT})
    );
    let path = d.write("windows.jsonl", &body);
    for out in [
        run(&["--format", "jsonl", &path], None),
        run(&["--format", "jsonl"], Some(body.as_bytes())),
    ] {
        assert_eq!(out.code, 0, "{}", out.stderr);
        let records = out.records();
        let primaries: Vec<&str> = records
            .iter()
            .map(|r| r.verdict().primary.as_str())
            .collect();
        assert_eq!(primaries, ["de", "ds"]);
    }
}

/// Excel's "Unicode Text" export is tab-separated UTF-16 with a byte-order mark, and Notepad's
/// "Unicode" is the same for a text file: both are read as the text they hold, not as binary,
/// and so is a UTF-16 file saved without the mark.
#[test]
fn utf16_files_are_read_as_their_text() {
    let d = Dir::new();
    let utf16 = |text: &str| -> Vec<u8> {
        [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect()
    };
    let tsv = format!(
        "id\ttitle\ttext\r\n1\tData Engineer\t{DE_TEXT}\r\n2\tData Scientist\t{DS_TEXT}\r\n"
    );
    let table = d.write("export.tsv", utf16(&tsv));
    let doc = d.write(
        "posting.txt",
        utf16(&format!("Data Engineer\r\n{DE_TEXT}\r\n")),
    );
    // Without the mark, big-endian: the zero bytes tell.
    let bare: Vec<u8> = format!("Data Scientist\n{DS_TEXT}\n")
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    let unmarked = d.write("unmarked.txt", bare);
    let out = run(&["--format", "jsonl", &table, &doc, &unmarked], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = out.records();
    let got: Vec<(&str, &str)> = records
        .iter()
        .map(|r| (r.verdict().title.as_str(), r.verdict().primary.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Data Engineer", "de"),
            ("Data Scientist", "ds"),
            ("Data Engineer", "de"),
            ("Data Scientist", "ds")
        ]
    );
}
