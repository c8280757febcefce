//! Rendering records in each output format. Workers render a whole record into bytes; the
//! writer only concatenates them in order.

use crate::args::Format;
use crate::classify::Config;
use crate::summary::Summary;
use rolecall::input::{Payload, RawRecord, RecordError};
use rolecall::{EvidenceKind, PrimaryRule, Role, Verdict};
use std::collections::HashMap;
use std::io::{BufWriter, Stdout, Write};

/// What the summary needs to know of one classified posting.
#[derive(Debug, Clone)]
pub struct Stats {
    pub primary: Option<Role>,
    pub primary_rule: PrimaryRule,
    pub labels: Vec<Role>,
    pub fsds: bool,
    /// The rules that raised the FSDS flag (empty when it is not raised).
    pub fsds_rules: Vec<rolecall::Rule>,
    pub mismatch: bool,
    /// Distinct terms that counted, with their kind.
    pub terms: Vec<(EvidenceKind, String)>,
}

/// One record, rendered.
#[derive(Debug)]
pub struct Rendered {
    pub id: String,
    pub bytes: Vec<u8>,
    pub error: Option<RecordError>,
    pub warnings: Vec<String>,
    pub stats: Option<Stats>,
}

/// The size of a raw record, for chunking.
pub fn payload_len(r: &RawRecord) -> usize {
    match &r.payload {
        Payload::Document { bytes, .. } | Payload::JsonLine(bytes) => bytes.len(),
        Payload::Row { fields, .. } => fields.iter().map(String::len).sum(),
        Payload::Failed(_) => 256,
    }
}

/// Parses, classifies and renders one record (runs on a worker).
pub fn process(raw: &RawRecord, config: &Config) -> Rendered {
    match raw.parse(&config.parse) {
        Ok(parsed) => {
            let mut verdict = config.classifier.classify(&parsed.posting);
            verdict.warnings = parsed.warnings;
            let stats = stats(&verdict);
            let bytes = if config.format == Format::Marked {
                crate::marked::marked(&verdict, &parsed.posting.text, config.ansi).into_bytes()
            } else {
                if !config.evidence {
                    verdict.evidence.clear();
                }
                render_verdict(&verdict, Some(&parsed.posting.text), config.format)
            };
            Rendered {
                id: verdict.id.clone(),
                bytes,
                error: None,
                warnings: verdict.warnings.clone(),
                stats: Some(stats),
            }
        }
        Err(e) => Rendered {
            id: e.id.clone(),
            bytes: render_error(&e, config.format),
            error: Some(e),
            warnings: Vec::new(),
            stats: None,
        },
    }
}

fn stats(v: &Verdict) -> Stats {
    let mut terms: Vec<(EvidenceKind, String)> = Vec::new();
    for e in v.evidence.iter().filter(|e| e.weight > 0.0) {
        if !terms.iter().any(|(k, t)| *k == e.role && *t == e.term) {
            terms.push((e.role, e.term.clone()));
        }
    }
    Stats {
        primary: v.primary,
        primary_rule: v.primary_rule,
        labels: v.labels.clone(),
        fsds: v.fsds.flag,
        fsds_rules: if v.fsds.flag {
            v.fsds.reasons.iter().map(|r| r.rule).collect()
        } else {
            Vec::new()
        },
        mismatch: v.mismatch,
        terms,
    }
}

fn render_verdict(v: &Verdict, text: Option<&str>, format: Format) -> Vec<u8> {
    match format {
        Format::Jsonl | Format::Json => serde_json::to_vec(v).expect("a verdict always serializes"),
        Format::Csv => csv_row(&CsvRow::from_verdict(v)),
        Format::Table | Format::Marked => table(v, text).into_bytes(),
        Format::Summary => Vec::new(),
    }
}

fn render_error(e: &RecordError, format: Format) -> Vec<u8> {
    match format {
        Format::Jsonl | Format::Json => serde_json::to_vec(e).expect("an error always serializes"),
        Format::Csv => csv_row(&CsvRow::from_error(e)),
        Format::Table | Format::Marked => {
            let msg = e.to_string();
            format!("── {}\n   error    {}\n\n", one_line(&e.id), one_line(&msg)).into_bytes()
        }
        Format::Summary => Vec::new(),
    }
}

/// The CSV columns, one row per record (verdict or error).
pub const CSV_HEADER: &[&str] = &[
    "id",
    "title",
    "primary",
    "primary_rule",
    "labels",
    "de",
    "ds",
    "mle",
    "analyst",
    "fsds",
    "fsds_confidence",
    "fsds_reasons",
    "title_role",
    "mismatch",
    "stages",
    "evidence",
    "warnings",
    "error",
];

struct CsvRow {
    fields: Vec<String>,
}

impl CsvRow {
    fn from_verdict(v: &Verdict) -> CsvRow {
        let join = |it: &mut dyn Iterator<Item = String>| it.collect::<Vec<_>>().join(";");
        let num = |x: f32| format!("{:.3}", x);
        let mut seen: Vec<&str> = Vec::new();
        let mut terms = Vec::new();
        for e in v.evidence.iter().filter(|e| e.weight > 0.0) {
            if !seen.contains(&e.term.as_str()) {
                seen.push(&e.term);
                terms.push(format!("{}:{}", e.role.name(), e.term));
            }
        }
        let evidence = terms.join(";");
        CsvRow {
            fields: vec![
                v.id.clone(),
                v.title.clone(),
                v.primary_name().to_string(),
                v.primary_rule.name().to_string(),
                join(&mut v.labels.iter().map(|r| r.name().to_string())),
                num(v.scores.de.strength),
                num(v.scores.ds.strength),
                num(v.scores.mle.strength),
                num(v.scores.analyst.strength),
                v.fsds.flag.to_string(),
                num(v.fsds.confidence),
                join(&mut v.fsds.reasons.iter().map(|r| r.rule.name().to_string())),
                v.title_role_name().to_string(),
                v.mismatch.to_string(),
                join(&mut v.stages.iter().map(|s| s.name().to_string())),
                evidence,
                v.warnings.join("; "),
                String::new(),
            ],
        }
    }

    fn from_error(e: &RecordError) -> CsvRow {
        let mut fields = vec![String::new(); CSV_HEADER.len()];
        fields[0] = e.id.clone();
        fields[CSV_HEADER.len() - 1] = e.to_string();
        CsvRow { fields }
    }
}

/// A field that a spreadsheet would run as a formula gets a leading apostrophe (numbers such as
/// `-0.5` are left alone).
pub fn spreadsheet_safe(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.parse::<f64>().is_err() {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

fn csv_row(row: &CsvRow) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.write_record(row.fields.iter().map(|f| spreadsheet_safe(f).into_owned()))
        .expect("writing to memory cannot fail");
    w.into_inner().expect("writing to memory cannot fail")
}

/// `text` made safe to print on one line of a terminal: whitespace controls (line breaks, tabs)
/// become spaces and every other control character (escape, bell, ...) becomes U+FFFD.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            c if !c.is_control() => c,
            c if c.is_whitespace() => ' ',
            _ => '\u{FFFD}',
        })
        .collect()
}

/// `text` made safe to print as a block on a terminal: line breaks and tabs stay, carriage
/// returns go, and every other control character becomes U+FFFD.
pub fn printable_block(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .filter(|&c| c != '\r')
        .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
        .collect()
}

fn bar(x: f32) -> String {
    let n = (x * 10.0).round() as usize;
    format!("{}{}", "█".repeat(n), "·".repeat(10 - n.min(10)))
}

/// How the table names each phrase with a gap ("deploy ... model"): as the posting wrote its
/// strongest occurrence ("deploying predictive models"), lower case and on one line. Other
/// terms are shown as the lexicon writes them.
fn written_forms<'v>(v: &'v Verdict, text: &str) -> HashMap<&'v str, String> {
    let mut best: HashMap<&str, (f32, &str)> = HashMap::new();
    for e in v
        .evidence
        .iter()
        .filter(|e| e.weight > 0.0 && e.term.contains(rolecall::GAP))
    {
        let Some(written) = text.get(e.start..e.end) else {
            continue;
        };
        let entry = best.entry(e.term.as_str()).or_insert((e.weight, written));
        if e.weight > entry.0 {
            *entry = (e.weight, written);
        }
    }
    best.into_iter()
        .map(|(term, (_, written))| {
            let words: Vec<&str> = written.split_whitespace().collect();
            (term, one_line(&words.join(" ").to_lowercase()).into_owned())
        })
        .collect()
}

/// A readable block for one posting; with the posting's `text` (which the evidence spans
/// index), phrases with a gap are named as the posting wrote them.
pub fn table(v: &Verdict, text: Option<&str>) -> String {
    use std::fmt::Write as _;
    let written = text.map(|t| written_forms(v, t)).unwrap_or_default();
    let show = |term: &str| -> String {
        written
            .get(term)
            .cloned()
            .unwrap_or_else(|| term.to_string())
    };
    let mut s = String::new();
    let title = if v.title.is_empty() {
        "(no title)"
    } else {
        v.title.as_str()
    };
    // The id and the title come from the input: a hostile posting must not reach the
    // terminal's escape sequences.
    let _ = writeln!(s, "── {}  {}", one_line(&v.id), one_line(title));
    let primary = match v.primary {
        Some(r) => format!("{} ({})", r.name(), r.title()),
        None => "none (not a data job)".to_string(),
    };
    let labels: Vec<&str> = v.labels.iter().map(|r| r.name()).collect();
    let hybrid = if labels.len() > 1 { "  hybrid" } else { "" };
    let _ = writeln!(
        s,
        "   primary  {primary}    labels: {}{hybrid}",
        if labels.is_empty() {
            "-".to_string()
        } else {
            labels.join(", ")
        }
    );
    let _ = writeln!(
        s,
        "   why      {}: {}",
        v.primary_rule.name(),
        v.primary_rule.detail()
    );
    let mismatch = if v.mismatch {
        "  ≠ body: MISMATCH"
    } else {
        ""
    };
    let from = if v.title_from_text {
        "  (title read from the first line)"
    } else {
        ""
    };
    let _ = writeln!(
        s,
        "   title    says {}{mismatch}{from}",
        v.title_role_name()
    );
    for role in Role::ALL {
        let sc = v.scores.get(role);
        let _ = writeln!(
            s,
            "   {:<8} {} {:.2}  (share {:.0}%)",
            role.name(),
            bar(sc.strength),
            sc.strength,
            sc.share * 100.0
        );
    }
    if v.fsds.flag {
        let _ = writeln!(
            s,
            "   FSDS     yes, confidence {:.2}: one person for the whole data path",
            v.fsds.confidence
        );
    } else {
        let _ = writeln!(s, "   FSDS     no (confidence {:.2})", v.fsds.confidence);
    }
    for r in &v.fsds.reasons {
        let _ = writeln!(
            s,
            "            - {}: {} [{}]",
            r.rule.name(),
            r.detail,
            r.terms
                .iter()
                .map(|t| show(t))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !v.stages.is_empty() {
        let stages: Vec<&str> = v.stages.iter().map(|s| s.name()).collect();
        let _ = writeln!(s, "   stages   {}", stages.join(" → "));
    }
    let mut first = true;
    for kind in EvidenceKind::ALL {
        let terms = v.top_terms(kind);
        if terms.is_empty() {
            continue;
        }
        let shown: Vec<String> = terms.iter().take(8).map(|(t, _)| show(t)).collect();
        let more = if terms.len() > 8 {
            format!(" +{}", terms.len() - 8)
        } else {
            String::new()
        };
        let label = if first { "evidence" } else { "" };
        first = false;
        let _ = writeln!(
            s,
            "   {label:<8} {:<8} {}{more}",
            kind.name(),
            shown.join(", ")
        );
    }
    for w in &v.warnings {
        let _ = writeln!(s, "   warning  {}", one_line(w));
    }
    s.push('\n');
    s
}

/// Writes rendered records to stdout in the chosen format.
pub struct Sink {
    format: Format,
    out: BufWriter<Stdout>,
    count: usize,
}

impl Sink {
    pub fn new(format: Format) -> std::io::Result<Sink> {
        let mut out = BufWriter::with_capacity(256 * 1024, std::io::stdout());
        match format {
            Format::Csv => {
                let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
                w.write_record(CSV_HEADER)?;
                out.write_all(&w.into_inner().map_err(|e| e.into_error())?)?;
            }
            Format::Json => out.write_all(b"[")?,
            _ => {}
        }
        Ok(Sink {
            format,
            out,
            count: 0,
        })
    }

    pub fn write(&mut self, r: &Rendered) -> std::io::Result<()> {
        match self.format {
            Format::Jsonl => {
                self.out.write_all(&r.bytes)?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                self.out
                    .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
                self.out.write_all(&r.bytes)?;
            }
            Format::Csv | Format::Table | Format::Marked => self.out.write_all(&r.bytes)?,
            Format::Summary => {}
        }
        self.count += 1;
        Ok(())
    }

    pub fn finish(mut self, summary: &Summary) -> std::io::Result<()> {
        match self.format {
            Format::Json => self
                .out
                .write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?,
            Format::Summary => self.out.write_all(summary.render().as_bytes())?,
            _ => {}
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(
            one_line("Data\x1b[31m Engineer\n"),
            "Data\u{FFFD}[31m Engineer "
        );
        assert_eq!(one_line("plain"), "plain");
        assert_eq!(printable_block("a\r\nb\x07\tc"), "a\nb\u{FFFD}\tc");
    }

    #[test]
    fn formula_fields_are_defused() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("+SUM(A1)"), "'+SUM(A1)");
        assert_eq!(spreadsheet_safe("@SUM"), "'@SUM");
        assert_eq!(
            spreadsheet_safe("-cmd|' /C calc'!A0"),
            "'-cmd|' /C calc'!A0"
        );
        assert_eq!(spreadsheet_safe("-0.5"), "-0.5");
        assert_eq!(spreadsheet_safe("Data Engineer"), "Data Engineer");
    }
}
