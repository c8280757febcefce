//! Labelled postings and predictions, as `rolecall eval` and `rolecall lexicon suggest` read
//! them: records in the format of `../shared/data/LABELS.md`.
//!
//! A gold file written by someone else is read as its labeller meant it, not as this project
//! would have written it. It is read by the reader of `rolecall classify`, so it may be JSONL,
//! a JSON array, CSV or TSV (a spreadsheet's export), gzip-compressed or not, and its postings'
//! fields are found as `classify` finds them: an `id` may be a number, the body may be called
//! `description`, a title may be null. A label is read in any case ("DS"), with `roles` as a
//! list or as one string ("de, mle"). What cannot be read as LABELS.md means it (a label it
//! does not allow, a repeated id, a line that is not JSON) is a bad record: its file and line
//! are named, and the rest is still read.

use rolecall::input::{Input, ParseOptions, Payload, RawRecord, ReadOptions, Records};
use serde_json::{Map, Value};
use std::path::Path;

/// The five primary classes, in report order.
pub const CLASSES: [&str; 5] = ["de", "ds", "mle", "analyst", "none"];

/// The labels of one posting, as LABELS.md writes them and as a system predicts them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Labels {
    /// One of [`CLASSES`].
    pub primary: String,
    /// The data roles asked for: always holds `primary` when it is a data role.
    pub roles: Vec<String>,
    /// Whether the posting asks for a Full Stack Data Scientist.
    pub fsds: bool,
    /// What the title alone claims, when labelled.
    pub title_role: Option<String>,
}

impl Labels {
    /// Reads the labels of a JSON object.
    ///
    /// Every label must be one LABELS.md allows: `primary` and `title_role` one of [`CLASSES`],
    /// `roles` data roles only. A typo ("ml") would otherwise count as a wrong answer, silently.
    /// Case and spaces do not matter, and `roles` gains `primary` when it lacks it, as LABELS.md
    /// says it always holds it.
    pub fn from_object(obj: &Map<String, Value>) -> Result<Labels, String> {
        let get = |name: &str| {
            obj.get(name).or_else(|| {
                obj.iter()
                    .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
                    .map(|(_, v)| v)
            })
        };
        let primary = match get("primary") {
            Some(Value::String(s)) => class("primary", s)?,
            Some(other) => return Err(format!("primary is {}, not a string", kind(other))),
            None => return Err("no 'primary' label".into()),
        };
        let title_role = match get("title_role") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(class("title_role", s)?),
            Some(other) => return Err(format!("title_role is {}, not a string", kind(other))),
        };
        let listed: Vec<String> = match get("roles") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(format!("a role is {}, not a string", kind(other))),
                })
                .collect::<Result<_, _>>()?,
            // A gold file converted from a spreadsheet: "de, mle", "de|mle", "de;mle", or a
            // list written out as text by pandas ("['de', 'mle']") or as JSON ("[\"de\"]").
            Some(Value::String(s)) => s
                .split([',', ';', '|', '/', '+', ' '])
                .map(|r| r.trim_matches(|c: char| matches!(c, '[' | ']' | '"' | '\'')))
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect(),
            Some(other) => return Err(format!("roles is {}, not a list", kind(other))),
        };
        let mut roles: Vec<String> = Vec::with_capacity(listed.len() + 1);
        for r in listed {
            let r = class("role", &r)?;
            if r == "none" {
                return Err("role 'none' is not one of de, ds, mle, analyst".into());
            }
            if !roles.contains(&r) {
                roles.push(r);
            }
        }
        if primary != "none" && !roles.contains(&primary) {
            roles.insert(0, primary.clone());
        }
        let fsds = match get("fsds") {
            None | Some(Value::Null) => false,
            Some(v) => flag(v).ok_or_else(|| format!("fsds {v} is not true or false"))?,
        };
        Ok(Labels {
            primary,
            roles,
            fsds,
            title_role,
        })
    }
}

/// `v`, trimmed and lower-cased, when it is one of [`CLASSES`].
fn class(field: &str, v: &str) -> Result<String, String> {
    let norm = v.trim().to_ascii_lowercase();
    if CLASSES.contains(&norm.as_str()) {
        Ok(norm)
    } else {
        Err(format!(
            "{field} '{v}' is not one of {}",
            CLASSES.join(", ")
        ))
    }
}

/// A yes or no as spreadsheets and scripts write it: `true`, `1`, `"yes"`, `"False"`.
fn flag(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_u64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => Some(true),
            "false" | "no" | "n" | "0" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// What kind of JSON value `v` is, for an error message.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A labelled or predicted record, as [`read_labelled`] reads it.
pub trait Record: Sized {
    /// The record's id.
    fn id(&self) -> &str;
    /// The record that `raw` holds, or why it cannot be used.
    fn from_raw(raw: &RawRecord) -> Result<Self, String>;
}

/// One labelled posting (../shared/data/LABELS.md).
#[derive(Debug, Clone)]
pub struct Gold {
    /// The posting as the classifier reads it: its id (`path:line` when it has none), its title
    /// on one line with references decoded, its body with HTML as text and mojibake repaired.
    pub posting: rolecall::Posting,
    /// Where the posting comes from (a job board's dump), for `--by-source`.
    pub source: Option<String>,
    /// Its labels.
    pub labels: Labels,
}

impl Record for Gold {
    fn id(&self) -> &str {
        &self.posting.id
    }
    fn from_raw(raw: &RawRecord) -> Result<Gold, String> {
        let obj = object(raw)?;
        // The posting as `rolecall classify` reads this record: the figures are those of the
        // shipped path.
        let posting = raw
            .parse(&ParseOptions::default())
            .map_err(|e| e.error)?
            .posting;
        Ok(Gold {
            posting,
            source: match obj.get("source") {
                Some(Value::String(s)) => Some(s.clone()),
                _ => None,
            },
            labels: Labels::from_object(&obj)?,
        })
    }
}

/// What a system predicts for one posting.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The id of the posting it is for.
    pub id: String,
    /// The predicted labels.
    pub labels: Labels,
    /// Whether the system flags a title/body mismatch, when it says.
    pub mismatch: Option<bool>,
}

impl Record for Prediction {
    fn id(&self) -> &str {
        &self.id
    }
    fn from_raw(raw: &RawRecord) -> Result<Prediction, String> {
        let obj = object(raw)?;
        let id = match obj.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            Some(other) => return Err(format!("id is {}, not a string", kind(other))),
            None => return Err("no 'id'".into()),
        };
        let mismatch = match obj.get("mismatch") {
            None | Some(Value::Null) => None,
            Some(v) => Some(flag(v).ok_or_else(|| format!("mismatch {v} is not true or false"))?),
        };
        Ok(Prediction {
            id,
            labels: Labels::from_object(&obj)?,
            mismatch,
        })
    }
}

/// The fields of one record as a JSON object: a JSON line as it is, a CSV row as its headers
/// and their values (strings, which [`Labels::from_object`] reads as a spreadsheet writes them).
fn object(raw: &RawRecord) -> Result<Map<String, Value>, String> {
    match &raw.payload {
        Payload::JsonLine(bytes) => {
            let value = serde_json::from_slice(bytes).or_else(|e| {
                // Bytes that are not UTF-8 inside a string: the posting's reader decodes them,
                // and the labels are ASCII.
                serde_json::from_str(&String::from_utf8_lossy(bytes)).map_err(|_| e)
            });
            match value {
                Ok(Value::Object(o)) => Ok(o),
                Ok(other) => Err(format!("expected a JSON object, found {}", kind(&other))),
                Err(e) => Err(format!("malformed JSON: {e}")),
            }
        }
        Payload::Row { headers, fields } => Ok(headers
            .iter()
            .zip(fields)
            .map(|(h, f)| (h.trim().to_string(), Value::String(f.clone())))
            .collect()),
        Payload::Failed(why) => Err(why.clone()),
        Payload::Document { .. } => {
            Err("a one-posting document has no labels: give JSONL, JSON or CSV".into())
        }
    }
}

/// What [`read_labelled`] read: the good records, and an error for each bad one.
#[derive(Debug)]
pub struct Read<T> {
    /// The records that could be used, in file order.
    pub records: Vec<T>,
    /// `path:line: bad record: why`, for each of the others, in file order.
    pub errors: Vec<String>,
}

/// Reads a file of records of type `T` (JSONL, JSON, CSV or TSV, gzip-compressed or not; by
/// its extension, else by its first bytes). A bad record (not JSON, without a field, with a
/// label LABELS.md does not allow, or with an earlier record's id, which the figures would
/// count as one) is left out and named by its line; blank lines are skipped.
///
/// # Errors
///
/// When the file cannot be opened or is a directory.
pub fn read_labelled<T: Record>(path: &Path) -> anyhow::Result<Read<T>> {
    use anyhow::Context;
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot open {}", path.display()))?;
    if meta.is_dir() {
        anyhow::bail!(
            "{} is a directory, not a file of labelled postings",
            path.display()
        );
    }
    let mut read = Read {
        records: Vec::new(),
        errors: Vec::new(),
    };
    // The line of each id read so far.
    let mut lines: std::collections::HashMap<String, Option<u64>> =
        std::collections::HashMap::new();
    let records = Records::new(
        vec![Input::Path(path.to_path_buf())],
        ReadOptions::default(),
    );
    for raw in records {
        let at = match raw.line {
            Some(l) => format!("{}:{l}", raw.source),
            None => raw.source.to_string(),
        };
        let bad = |why: String| format!("{at}: bad record: {why}");
        match T::from_raw(&raw) {
            Err(why) => read.errors.push(bad(why)),
            Ok(record) => match lines.get(record.id()) {
                Some(first) => read.errors.push(bad(format!(
                    "id '{}' is already used at line {}",
                    record.id(),
                    first.unwrap_or(0)
                ))),
                None => {
                    lines.insert(record.id().to_string(), raw.line);
                    read.records.push(record);
                }
            },
        }
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(json: &str) -> Result<Labels, String> {
        match serde_json::from_str::<Value>(json).unwrap() {
            Value::Object(o) => Labels::from_object(&o),
            _ => unreachable!(),
        }
    }

    #[test]
    fn labels_are_read_as_their_labeller_meant_them() {
        let l = labels(r#"{"primary": " MLE", "roles": "ds, mle", "fsds": "yes"}"#).unwrap();
        assert_eq!(l.primary, "mle");
        assert_eq!(l.roles, ["ds", "mle"]);
        assert!(l.fsds);
        assert_eq!(l.title_role, None);
        // `roles` always holds the primary; a repeated role counts once.
        let l = labels(r#"{"primary": "de", "roles": ["ds", "DS"], "fsds": 0}"#).unwrap();
        assert_eq!(l.roles, ["de", "ds"]);
        assert!(!l.fsds);
        for written in [r#"['ds', 'mle']"#, r#"[\"ds\",\"mle\"]"#, "ds+mle"] {
            let json = format!(r#"{{"primary": "ds", "roles": "{written}"}}"#);
            assert_eq!(labels(&json).unwrap().roles, ["ds", "mle"], "{written}");
        }
        let l = labels(r#"{"primary": "none", "roles": "[]"}"#).unwrap();
        assert!(l.roles.is_empty());
        let l = labels(r#"{"primary": "none", "title_role": null, "roles": null}"#).unwrap();
        assert!(l.roles.is_empty());
        assert_eq!(l.title_role, None);
        let l = labels(r#"{"primary": "ds", "title_role": "Analyst"}"#).unwrap();
        assert_eq!(l.title_role.as_deref(), Some("analyst"));
    }

    #[test]
    fn a_csv_row_is_read_as_a_spreadsheet_writes_it() {
        let raw = RawRecord {
            source: "g.csv".into(),
            line: Some(2),
            payload: Payload::Row {
                headers: vec![
                    "Job ID".into(),
                    "Title".into(),
                    "Description".into(),
                    "Primary".into(),
                    " roles".into(),
                    "FSDS".into(),
                    "title_role".into(),
                ]
                .into(),
                fields: vec![
                    "12".into(),
                    "Data Engineer".into(),
                    "Build pipelines.".into(),
                    "de".into(),
                    "de;mle".into(),
                    "TRUE".into(),
                    "".into(),
                ],
            },
            warnings: Vec::new(),
        };
        let g = Gold::from_raw(&raw).unwrap();
        assert_eq!(
            (g.posting.id.as_str(), g.posting.title.as_str()),
            ("12", "Data Engineer")
        );
        assert_eq!(g.labels.roles, ["de", "mle"]);
        assert!(g.labels.fsds);
        assert_eq!(g.labels.title_role, None);
    }

    #[test]
    fn labels_outside_labels_md_are_errors() {
        for (json, why) in [
            (r#"{"roles": ["de"]}"#, "no 'primary'"),
            (r#"{"primary": "ml"}"#, "primary 'ml' is not one of"),
            (r#"{"primary": 3}"#, "primary is a number"),
            (r#"{"primary": "de", "roles": ["none"]}"#, "role 'none'"),
            (r#"{"primary": "de", "roles": [1]}"#, "a role is a number"),
            (
                r#"{"primary": "de", "fsds": "maybe"}"#,
                r#"fsds "maybe" is not"#,
            ),
            (r#"{"primary": "de", "fsds": 2}"#, "fsds 2 is not"),
            (
                r#"{"primary": "de", "title_role": "boss"}"#,
                "title_role 'boss'",
            ),
        ] {
            let err = labels(json).unwrap_err();
            assert!(err.contains(why), "{json}: {err}");
        }
    }

    fn line(n: u64, bytes: &[u8]) -> RawRecord {
        RawRecord {
            source: "g.jsonl".into(),
            line: Some(n),
            payload: Payload::JsonLine(bytes.to_vec()),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn a_gold_line_is_read_as_classify_reads_it() {
        let json = br#"{"id": 7, "title": null, "description": "Build <b>Spark</b> pipelines &amp; more.", "primary": "de"}"#;
        let g = Gold::from_raw(&line(3, json)).unwrap();
        assert_eq!(g.posting.id, "7");
        assert_eq!(g.posting.title, "");
        assert!(
            g.posting.text.contains("Build Spark pipelines & more."),
            "{}",
            g.posting.text
        );
        assert_eq!(g.labels.roles, ["de"]);
        // Without an id, the record is named by its line.
        let g = Gold::from_raw(&line(3, br#"{"text": "Care.", "primary": "none"}"#)).unwrap();
        assert_eq!(g.posting.id, "g.jsonl:3");
        for (bad, why) in [
            (
                &br#"{"title": "Nurse", "primary": "none"}"#[..],
                "no text field",
            ),
            (b"[1, 2]", "expected a JSON object"),
            (b"{\"text\": ", "malformed JSON"),
            (b"{\"text\": \"x\", \"primary\": \"dee\"}", "primary 'dee'"),
        ] {
            let err = Gold::from_raw(&line(1, bad)).unwrap_err();
            assert!(err.contains(why), "{err}");
        }
    }
}
