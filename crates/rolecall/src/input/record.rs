//! A record read but not yet parsed, and how it becomes a [`Posting`].
//!
//! Reading is sequential (one file after another, one line after another); parsing a record
//! (JSON, HTML, text decoding) is independent per record, so it runs on the worker threads.

use crate::posting::Posting;
use std::fmt;
use std::sync::Arc;

/// The format of a one-posting document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    /// Plain text: the first line is the title.
    Text,
    /// Markdown: the first line is the title, with its `#` marks removed.
    Markdown,
    /// An HTML page.
    Html,
}

/// The unparsed content of one record.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A whole one-posting document.
    Document {
        /// Its raw bytes (decoded lossily when parsed).
        bytes: Vec<u8>,
        /// Its format.
        format: DocFormat,
        /// Whether a text document's first line is its title (files: yes; stdin: no).
        titled: bool,
    },
    /// One JSON object: a line of a JSONL file, an element of a JSON array, or a `.json` file.
    JsonLine(Vec<u8>),
    /// One row of a CSV or TSV file, with the file's header.
    Row {
        /// The column names.
        headers: Arc<[String]>,
        /// The fields of the row.
        fields: Vec<String>,
    },
    /// The record could not be read at all.
    Failed(String),
}

/// One record as read from a source, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRecord {
    /// The path it came from, `-` for stdin.
    pub source: Arc<str>,
    /// The 1-based line (JSONL), row (CSV) or element (JSON array) number in a multi-record
    /// source; `None` for one-posting files.
    pub line: Option<u64>,
    /// The content.
    pub payload: Payload,
    /// What was odd about reading it (cut at the size limit, say).
    pub warnings: Vec<String>,
}

/// A record that could not become a posting: where it came from and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecordError {
    /// The record's id: its own when it had one, else `source` or `source:line`.
    pub id: String,
    /// The path it came from, `-` for stdin.
    pub source: String,
    /// The line, row or element number, for multi-record sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// What went wrong.
    pub error: String,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.source, l, self.error),
            None => write!(f, "{}: {}", self.source, self.error),
        }
    }
}

impl std::error::Error for RecordError {}

/// How records become postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOptions {
    /// A title that overrides the one found in a one-posting document (text, Markdown, HTML).
    pub title: Option<String>,
    /// The field holding the body; default: the first of `text`, `description`, `body`,
    /// `job_description`, `description_text`, `description_html`, `job_text`, `posting_text`,
    /// `content`, `job_summary`, `full_description`, `job_details`, `job_desc`, `details`,
    /// `summary` (in any case, with or without separators: `jobDescription`). In JSON, a name
    /// missing at the top level is looked for in nested objects, a chosen name may be a dotted
    /// path (`job.description`), and a list of strings is read as lines.
    pub text_field: Option<String>,
    /// The field holding the title; default: `title`, `job_title`, `position`,
    /// `position_title`, `job_position`, `position_name`, `job_name`, `role_title`,
    /// `designation`, `name`.
    pub title_field: Option<String>,
    /// The field holding the id; default: `id`, `job_id`, `identifier`, `posting_id`,
    /// `job_key`, `uuid`, `reference_number` (Indeed's XML feed), `guid` (RSS).
    pub id_field: Option<String>,
    /// Bodies longer than this many bytes are cut, with a warning.
    pub max_bytes: usize,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions {
            title: None,
            text_field: None,
            title_field: None,
            id_field: None,
            max_bytes: 4 * 1024 * 1024,
        }
    }
}

/// The fields looked for, in this order, when none is chosen. A name matches a JSON key or a
/// CSV header ignoring case, spaces, hyphens and underscores ([`same_name`]): "jobDescription",
/// "Job Description" and "job_description" are one name, as job boards' exports write it.
pub(crate) const TEXT_FIELDS: &[&str] = &[
    "text",
    "description",
    "body",
    "job_description",
    "description_text",
    "description_html",
    "job_text",
    "posting_text",
    "content",
    "job_summary",
    "full_description",
    "job_details",
    "job_desc",
    "details",
    "summary",
];
const TITLE_FIELDS: &[&str] = &[
    "title",
    "job_title",
    "position",
    "position_title",
    "job_position",
    "position_name",
    "job_name",
    "role_title",
    "designation",
    "name",
];
const ID_FIELDS: &[&str] = &[
    "id",
    "job_id",
    "identifier",
    "posting_id",
    "job_key",
    "uuid",
    "reference_number",
    "guid",
];

/// Whether two field names are the same ignoring ASCII case, spaces, hyphens and underscores.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    fn letters(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes()
            .filter(|b| !matches!(b, b' ' | b'-' | b'_' | b'\t'))
            .map(|b| b.to_ascii_lowercase())
    }
    letters(a).eq(letters(b))
}

/// The first of `names` (the chosen field alone, when one is chosen) that `keys` hold: written
/// exactly as given, else the same name in another case or separator ([`same_name`]).
fn find_field<'k>(
    keys: impl Iterator<Item = &'k str> + Clone,
    chosen: &Option<String>,
    defaults: &[&str],
) -> Option<usize> {
    let names: Vec<&str> = match chosen {
        Some(c) => vec![c.as_str()],
        None => defaults.to_vec(),
    };
    names.iter().find_map(|n| key_position(keys.clone(), n))
}

/// Where `name` stands among `keys`: written exactly as given, else the same name in another
/// case or separator ([`same_name`]).
pub(crate) fn key_position<'k>(
    keys: impl Iterator<Item = &'k str> + Clone,
    name: &str,
) -> Option<usize> {
    keys.clone()
        .position(|k| k == name)
        .or_else(|| keys.clone().position(|k| same_name(k, name)))
}

/// A parsed posting with the warnings gathered on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The posting.
    pub posting: Posting,
    /// What was odd about it.
    pub warnings: Vec<String>,
}

impl RawRecord {
    /// The id a record gets when it brings none: `source` or `source:line`.
    pub fn default_id(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{}", self.source, l),
            None => self.source.to_string(),
        }
    }

    fn error(&self, id: Option<String>, error: impl Into<String>) -> RecordError {
        RecordError {
            id: id.unwrap_or_else(|| self.default_id()),
            source: self.source.to_string(),
            line: self.line,
            error: error.into(),
        }
    }

    /// Parses the record into a posting.
    ///
    /// # Errors
    ///
    /// A record that cannot be read, is not a JSON object, has no text field, or has no text at
    /// all gives a [`RecordError`] that names its source and line.
    pub fn parse(&self, opts: &ParseOptions) -> Result<Parsed, RecordError> {
        let mut warnings = self.warnings.clone();
        let (id, title, text) = match &self.payload {
            Payload::Failed(e) => return Err(self.error(None, e.clone())),
            Payload::Document {
                bytes,
                format,
                titled,
            } => {
                if looks_binary(bytes) {
                    return Err(self.error(None, "binary file, not a text posting"));
                }
                let text = crate::input::encoding::decode(bytes, &mut warnings);
                let (title, body) = if *titled && opts.title.is_none() {
                    crate::input::document::split(&text, *format)
                } else {
                    crate::input::document::split_untitled(&text, *format)
                };
                (None, title, body)
            }
            Payload::JsonLine(bytes) => {
                let value: serde_json::Value = match serde_json::from_slice(bytes) {
                    Ok(v) => v,
                    Err(e) if e.is_syntax() || e.is_eof() => {
                        // Undecodable bytes inside a JSON string: decode them (Windows-1252, or
                        // U+FFFD for what is not UTF-8) and retry.
                        let mut decoded = Vec::new();
                        let text = crate::input::encoding::decode(bytes, &mut decoded);
                        match serde_json::from_str(&text) {
                            Ok(v) if !decoded.is_empty() => {
                                warnings.extend(decoded);
                                v
                            }
                            _ => return Err(self.error(None, format!("malformed JSON: {e}"))),
                        }
                    }
                    Err(e) => return Err(self.error(None, format!("malformed JSON: {e}"))),
                };
                self.fields_of_json(&value, opts)?
            }
            Payload::Row { headers, fields } => self.fields_of_row(headers, fields, opts)?,
        };
        let id = id.unwrap_or_else(|| self.default_id());
        // `--title` names the title of a one-posting document, not of every record of a file.
        let title = match (&self.payload, &opts.title) {
            (Payload::Document { .. }, Some(given)) => given.clone(),
            _ => title,
        };
        let mut posting = posting_from_fields(id, &title, text);
        if posting.text.trim().is_empty() {
            return Err(self.error(Some(posting.id), "empty posting: no text"));
        }
        posting.text = cut(posting.text, opts.max_bytes, &mut warnings);
        Ok(Parsed { posting, warnings })
    }

    fn missing_text(&self, id: Option<String>, what: &str, opts: &ParseOptions) -> RecordError {
        let tried = opts
            .text_field
            .clone()
            .unwrap_or_else(|| TEXT_FIELDS.join(", "));
        self.error(
            id,
            format!("no text {what} (looked for: {tried}; choose one with --text-field)"),
        )
    }

    fn fields_of_json(
        &self,
        value: &serde_json::Value,
        opts: &ParseOptions,
    ) -> Result<(Option<String>, String, String), RecordError> {
        let obj = match value {
            serde_json::Value::Object(o) => o,
            other => {
                let kind = match other {
                    serde_json::Value::Array(_) => "an array",
                    serde_json::Value::String(_) => "a string",
                    serde_json::Value::Number(_) => "a number",
                    serde_json::Value::Bool(_) => "a boolean",
                    _ => "null",
                };
                return Err(self.error(None, format!("expected a JSON object, found {kind}")));
            }
        };
        let field = |chosen: &Option<String>, defaults: &[&str]| {
            crate::input::json_fields::field(obj, chosen, defaults)
        };
        let id = field(&opts.id_field, ID_FIELDS);
        let title = field(&opts.title_field, TITLE_FIELDS).unwrap_or_default();
        let Some(text) = field(&opts.text_field, TEXT_FIELDS) else {
            return Err(self.missing_text(id, "field", opts));
        };
        Ok((id, title, text))
    }

    fn fields_of_row(
        &self,
        headers: &[String],
        fields: &[String],
        opts: &ParseOptions,
    ) -> Result<(Option<String>, String, String), RecordError> {
        let find = |chosen: &Option<String>, defaults: &[&str]| -> Option<usize> {
            find_field(headers.iter().map(|h| h.trim()), chosen, defaults)
        };
        let get = |i: Option<usize>| i.and_then(|i| fields.get(i)).cloned();
        let id = get(find(&opts.id_field, ID_FIELDS)).filter(|s| !s.is_empty());
        let title = get(find(&opts.title_field, TITLE_FIELDS)).unwrap_or_default();
        let Some(text) = get(find(&opts.text_field, TEXT_FIELDS)) else {
            return Err(self.missing_text(id, "column", opts));
        };
        Ok((id, title, text))
    }
}

/// The posting that a record's fields make, as every reader builds it: line breaks written as
/// escapes (`\n`, as some scrapers store them) made line breaks, Markdown's backslash escapes
/// (`scikit\-learn`) undone, HTML in the text turned
/// into text (or, in text without tags, its character references decoded, as in the title),
/// mojibake repaired ([`crate::input::encoding::repair`]: "youâ€™ll" is "you’ll"),
/// the title on one line. `rolecall eval` builds its postings here too, so that its figures are
/// those of the shipped path.
pub fn posting_from_fields(id: String, title: &str, text: String) -> Posting {
    use crate::input::encoding::repair;
    let text = match crate::input::escapes::unescape_breaks(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(unescaped) => unescaped,
    };
    let text = match crate::input::escapes::unescape_markdown(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(unescaped) => unescaped,
    };
    let text = crate::input::html::to_text_if_html(text);
    Posting {
        id,
        title: one_line(&repair(&crate::input::html::decode_references(title))),
        text: match repair(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(repaired) => repaired,
        },
    }
}

/// NUL bytes in the first 8 KiB mean a binary file, as for git and grep.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Cuts text at `max` bytes (on a char boundary), with a warning.
fn cut(mut text: String, max: usize, warnings: &mut Vec<String>) -> String {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        warnings.push(format!(
            "posting of {} bytes cut to {end} bytes (--max-bytes)",
            text.len()
        ));
        text.truncate(end);
    }
    text
}

/// A title on one line, without surrounding space, Markdown marks ("# Data Engineer",
/// "**Data Scientist**") or a field's label ("Job Title: Data Engineer", "Position - Data
/// Scientist"), as titles pasted from a document or an export carry them.
fn one_line(title: &str) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut t = title.trim_start_matches('#').trim();
    for mark in ["**", "__", "*", "_"] {
        if t.len() > 2 * mark.len() && t.starts_with(mark) && t.ends_with(mark) {
            t = t[mark.len()..t.len() - mark.len()].trim();
            break;
        }
    }
    without_label(t).to_string()
}

/// Labels that a title line may open with, lower case.
const TITLE_LABELS: &[&str] = &[
    "job title",
    "position title",
    "title",
    "position",
    "job posting",
    "job",
    "role",
    "vacancy",
    "opening",
];

/// `title` without a field's label: one of [`TITLE_LABELS`], then a colon or a dash, then the
/// title itself.
fn without_label(title: &str) -> &str {
    for label in TITLE_LABELS {
        let Some(head) = title.get(..label.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let rest = title[label.len()..].trim_start();
        let Some(rest) = [":", "-", "\u{2013}", "\u{2014}"]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))
        else {
            continue;
        };
        let rest = rest.trim();
        if !rest.is_empty() {
            return rest;
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(payload: Payload) -> RawRecord {
        RawRecord {
            source: "f.jsonl".into(),
            line: Some(3),
            payload,
            warnings: vec![],
        }
    }

    #[test]
    fn json_line_fields() {
        let r = rec(Payload::JsonLine(
            br#"{"id": 7, "title": " Data  Engineer ", "description": "Build ETL."}"#.to_vec(),
        ));
        let p = r.parse(&ParseOptions::default()).unwrap().posting;
        assert_eq!(
            (p.id.as_str(), p.title.as_str(), p.text.as_str()),
            ("7", "Data Engineer", "Build ETL.")
        );
    }

    #[test]
    fn field_names_match_in_any_case_and_separator() {
        let fields = |line: &str| {
            let p = rec(Payload::JsonLine(line.as_bytes().to_vec()))
                .parse(&ParseOptions::default())
                .unwrap()
                .posting;
            (p.id, p.title, p.text)
        };
        let want = (
            "a1".to_string(),
            "Data Engineer".to_string(),
            "Build ETL.".to_string(),
        );
        for line in [
            r#"{"jobId":"a1","jobTitle":"Data Engineer","jobDescription":"Build ETL."}"#,
            r#"{"JOB-ID":"a1","Job Title":"Data Engineer","Job Description":"Build ETL."}"#,
            r#"{"uuid":"a1","position_title":"Data Engineer","description_text":"Build ETL."}"#,
        ] {
            assert_eq!(fields(line), want, "{line}");
        }
        // A name written exactly wins over the same name written otherwise, and a key whose
        // value is not text is passed over.
        let (_, title, text) = fields(
            r#"{"Title":"no","title":"Data Engineer","text":{"a":1},"Description":"Build ETL."}"#,
        );
        assert_eq!(
            (title.as_str(), text.as_str()),
            ("Data Engineer", "Build ETL.")
        );
        assert!(same_name("jobdescription", "job_description"));
        assert!(!same_name("description", "job_description"));
    }

    #[test]
    fn titles_lose_markdown_marks_and_field_labels() {
        for (given, want) in [
            ("Job Title: Data Engineer", "Data Engineer"),
            ("Position - Senior Data Scientist", "Senior Data Scientist"),
            ("TITLE:  ML Engineer ", "ML Engineer"),
            ("# Data Engineer", "Data Engineer"),
            ("**Data Scientist**", "Data Scientist"),
            (
                "Job Posting: Data Analyst (Remote)",
                "Data Analyst (Remote)",
            ),
            // A title that only starts like a label keeps every word.
            ("Jobs Data Engineer", "Jobs Data Engineer"),
            ("Role Player Coordinator", "Role Player Coordinator"),
            ("Position:", "Position:"),
            ("Data Engineer - Remote", "Data Engineer - Remote"),
            ("*", "*"),
        ] {
            assert_eq!(one_line(given), want, "{given}");
        }
    }

    #[test]
    fn json_line_errors_name_source_and_line() {
        let e = rec(Payload::JsonLine(b"{not json".to_vec()))
            .parse(&ParseOptions::default())
            .unwrap_err();
        assert_eq!(e.id, "f.jsonl:3");
        assert!(
            e.to_string().starts_with("f.jsonl:3: malformed JSON"),
            "{e}"
        );
        let e = rec(Payload::JsonLine(b"[1]".to_vec()))
            .parse(&ParseOptions::default())
            .unwrap_err();
        assert!(e.error.contains("found an array"), "{e}");
        let e = rec(Payload::JsonLine(br#"{"id":"x","title":"t"}"#.to_vec()))
            .parse(&ParseOptions::default())
            .unwrap_err();
        assert_eq!(e.id, "x");
        assert!(e.error.contains("no text field"), "{e}");
        let e = rec(Payload::JsonLine(br#"{"text":"   "}"#.to_vec()))
            .parse(&ParseOptions::default())
            .unwrap_err();
        assert!(e.error.contains("empty"), "{e}");
    }

    #[test]
    fn invalid_utf8_in_json_is_replaced_with_a_warning() {
        // UTF-8 (a curly apostrophe) with one byte that is not: the file is UTF-8, damaged.
        let r = rec(Payload::JsonLine(
            b"{\"text\": \"SQL \xe2\x80\x99 and \xff Tableau\"}".to_vec(),
        ));
        let parsed = r.parse(&ParseOptions::default()).unwrap();
        assert_eq!(parsed.posting.text, "SQL \u{2019} and \u{FFFD} Tableau");
        assert_eq!(parsed.warnings, ["invalid UTF-8 replaced with U+FFFD"]);
    }

    #[test]
    fn a_windows_1252_json_line_is_read_as_such() {
        let r = rec(Payload::JsonLine(
            b"{\"text\": \"You\x92ll build SQL \x96 Tableau\"}".to_vec(),
        ));
        let parsed = r.parse(&ParseOptions::default()).unwrap();
        assert_eq!(
            parsed.posting.text,
            "You\u{2019}ll build SQL \u{2013} Tableau"
        );
        assert_eq!(parsed.warnings, ["not UTF-8: read as Windows-1252"]);
    }

    #[test]
    fn mojibake_in_a_record_is_repaired() {
        let r = rec(Payload::JsonLine(
            "{\"title\": \"Data Engineer \u{e2}\u{20ac}\u{201c} Remote\", \"text\": \"What you\u{e2}\u{20ac}\u{2122}ll do\"}"
                .as_bytes()
                .to_vec(),
        ));
        let parsed = r.parse(&ParseOptions::default()).unwrap();
        assert_eq!(parsed.posting.title, "Data Engineer \u{2013} Remote");
        assert_eq!(parsed.posting.text, "What you\u{2019}ll do");
    }

    #[test]
    fn chosen_fields_win() {
        let opts = ParseOptions {
            text_field: Some("jd".into()),
            title: Some("Given".into()),
            ..Default::default()
        };
        let r = rec(Payload::JsonLine(
            br#"{"text":"no","jd":"yes","title":"t"}"#.to_vec(),
        ));
        let p = r.parse(&opts).unwrap().posting;
        // --title is for one-posting documents; records keep their own titles.
        assert_eq!((p.text.as_str(), p.title.as_str()), ("yes", "t"));
    }

    #[test]
    fn documents_and_limits() {
        let r = RawRecord {
            source: "a.txt".into(),
            line: None,
            payload: Payload::Document {
                bytes: "Data Analyst\r\nBuild dashboards. é".as_bytes().to_vec(),
                format: DocFormat::Text,
                titled: true,
            },
            warnings: vec![],
        };
        let opts = ParseOptions {
            max_bytes: 18,
            ..Default::default()
        };
        let parsed = r.parse(&opts).unwrap();
        assert_eq!(parsed.posting.id, "a.txt");
        assert_eq!(parsed.posting.title, "Data Analyst");
        assert_eq!(parsed.posting.text, "Build dashboards. ");
        assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);

        let bin = RawRecord {
            payload: Payload::Document {
                bytes: b"\x7fELF\0\0\x01".to_vec(),
                format: DocFormat::Text,
                titled: true,
            },
            ..r.clone()
        };
        assert!(bin.parse(&opts).unwrap_err().error.contains("binary"));
        let empty = RawRecord {
            payload: Payload::Document {
                bytes: vec![],
                format: DocFormat::Text,
                titled: true,
            },
            ..r
        };
        assert!(empty.parse(&opts).unwrap_err().error.contains("empty"));
    }

    #[test]
    fn csv_rows_find_columns_by_name() {
        let headers: Arc<[String]> = vec![
            "Job Title".to_string(),
            "Description".to_string(),
            "ID".to_string(),
        ]
        .into();
        let r = RawRecord {
            source: "x.csv".into(),
            line: Some(2),
            payload: Payload::Row {
                headers: headers.clone(),
                fields: vec!["DE".into(), "Airflow".into(), "".into()],
            },
            warnings: vec![],
        };
        let p = r
            .parse(&ParseOptions {
                title_field: Some("Job Title".into()),
                ..Default::default()
            })
            .unwrap()
            .posting;
        assert_eq!(
            (p.id.as_str(), p.title.as_str(), p.text.as_str()),
            ("x.csv:2", "DE", "Airflow")
        );
        let r2 = RawRecord {
            payload: Payload::Row {
                headers: vec!["a".to_string()].into(),
                fields: vec!["x".into()],
            },
            ..r
        };
        assert!(r2
            .parse(&ParseOptions::default())
            .unwrap_err()
            .error
            .contains("no text column"));
    }
}
