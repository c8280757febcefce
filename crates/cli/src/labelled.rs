//! Labelled postings and predictions, as `rolecall eval` and `rolecall lexicon suggest` read
//! them: one JSON object a line, in the format of `../shared/data/LABELS.md`.
//!
//! A gold file written by someone else is read as its labeller meant it, not as this project
//! would have written it: the posting's fields go through the reader of `rolecall classify`
//! (an `id` may be a number, the body may be called `description`, a title may be null), and a
//! label is read in any case ("DS"), with `roles` as a list or as one string ("de, mle"). What
//! cannot be read as LABELS.md means it (a label it does not allow, a repeated id, a line that
//! is not JSON) is a bad record: its file and line are named, and the rest is still read.

use rolecall::input::{ParseOptions, Payload, RawRecord};
use serde_json::{Map, Value};
use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;

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
        let primary = match obj.get("primary") {
            Some(Value::String(s)) => class("primary", s)?,
            Some(other) => return Err(format!("primary is {}, not a string", kind(other))),
            None => return Err("no 'primary' label".into()),
        };
        let title_role = match obj.get("title_role") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(class("title_role", s)?),
            Some(other) => return Err(format!("title_role is {}, not a string", kind(other))),
        };
        let listed: Vec<String> = match obj.get("roles") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(format!("a role is {}, not a string", kind(other))),
                })
                .collect::<Result<_, _>>()?,
            // A gold file converted from a spreadsheet: "de, mle", "de|mle", "de;mle".
            Some(Value::String(s)) => s
                .split([',', ';', '|', '/', '+', ' '])
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
        let fsds = match obj.get("fsds") {
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

/// A labelled or predicted record, as [`read_jsonl`] reads it.
pub trait Record: Sized {
    /// The record's id.
    fn id(&self) -> &str;
    /// The record on `line` of `source`, or why it cannot be used.
    fn from_line(source: &Arc<str>, line: u64, bytes: &[u8]) -> Result<Self, String>;
}

/// One labelled posting (../shared/data/LABELS.md).
#[derive(Debug, Clone)]
pub struct Gold {
    /// Its id, or `path:line` when it has none.
    pub id: String,
    /// Its title, as the classifier reads it (on one line, references decoded).
    pub title: String,
    /// Its body, as the classifier reads it (HTML as text, mojibake repaired).
    pub text: String,
    /// Where the posting comes from (a job board's dump), for `--by-source`.
    pub source: Option<String>,
    /// Its labels.
    pub labels: Labels,
}

impl Gold {
    /// The posting the classifier is given.
    pub fn posting(&self) -> rolecall::Posting {
        rolecall::Posting::new(self.title.clone(), self.text.clone()).with_id(self.id.clone())
    }
}

impl Record for Gold {
    fn id(&self) -> &str {
        &self.id
    }
    fn from_line(source: &Arc<str>, line: u64, bytes: &[u8]) -> Result<Gold, String> {
        // The posting as `rolecall classify` would read this line: the figures are those of
        // the shipped path.
        let raw = RawRecord {
            source: source.clone(),
            line: Some(line),
            payload: Payload::JsonLine(bytes.to_vec()),
            warnings: Vec::new(),
        };
        let posting = raw
            .parse(&ParseOptions::default())
            .map_err(|e| e.error)?
            .posting;
        let obj = object(bytes)?;
        Ok(Gold {
            id: posting.id,
            title: posting.title,
            text: posting.text,
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
    fn from_line(_source: &Arc<str>, _line: u64, bytes: &[u8]) -> Result<Prediction, String> {
        let obj = object(bytes)?;
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

/// The JSON object on one line.
fn object(bytes: &[u8]) -> Result<Map<String, Value>, String> {
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(o)) => Ok(o),
        Ok(other) => Err(format!("expected a JSON object, found {}", kind(&other))),
        Err(e) => Err(format!("malformed JSON: {e}")),
    }
}

/// What [`read_jsonl`] read: the good records, and an error for each bad one.
#[derive(Debug)]
pub struct Read<T> {
    /// The records that could be used, in file order.
    pub records: Vec<T>,
    /// `path:line: bad record: why`, for each of the others, in file order.
    pub errors: Vec<String>,
}

/// Reads a JSONL file of records of type `T`. A bad record (not JSON, without a field, with a
/// label LABELS.md does not allow, or with an earlier record's id, which the figures would
/// count as one) is left out and named by its line; blank lines are skipped.
///
/// # Errors
///
/// Only when the file cannot be opened or read.
pub fn read_jsonl<T: Record>(path: &Path) -> anyhow::Result<Read<T>> {
    use anyhow::Context;
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let source: Arc<str> = path.display().to_string().into();
    let mut read = Read {
        records: Vec::new(),
        errors: Vec::new(),
    };
    // The line of each id read so far.
    let mut lines: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    let mut reader = std::io::BufReader::new(file);
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        buf.clear();
        let got = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("{}:{}: cannot read", path.display(), n + 1))?;
        if got == 0 {
            break;
        }
        n += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let bad = |why: String| format!("{source}:{n}: bad record: {why}");
        match T::from_line(&source, n, &buf) {
            Err(why) => read.errors.push(bad(why)),
            Ok(record) => match lines.get(record.id()) {
                Some(first) => read.errors.push(bad(format!(
                    "id '{}' is already used at line {first}",
                    record.id()
                ))),
                None => {
                    lines.insert(record.id().to_string(), n);
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
        let l = labels(r#"{"primary": "none", "title_role": null, "roles": null}"#).unwrap();
        assert!(l.roles.is_empty());
        assert_eq!(l.title_role, None);
        let l = labels(r#"{"primary": "ds", "title_role": "Analyst"}"#).unwrap();
        assert_eq!(l.title_role.as_deref(), Some("analyst"));
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

    #[test]
    fn a_gold_line_is_read_as_classify_reads_it() {
        let src: Arc<str> = "g.jsonl".into();
        let line = br#"{"id": 7, "title": null, "description": "Build <b>Spark</b> pipelines &amp; more.", "primary": "de"}"#;
        let g = Gold::from_line(&src, 3, line).unwrap();
        assert_eq!(g.id, "7");
        assert_eq!(g.title, "");
        assert!(
            g.text.contains("Build Spark pipelines & more."),
            "{}",
            g.text
        );
        assert_eq!(g.labels.roles, ["de"]);
        // Without an id, the record is named by its line.
        let g = Gold::from_line(&src, 3, br#"{"text": "Care.", "primary": "none"}"#).unwrap();
        assert_eq!(g.id, "g.jsonl:3");
        for (bad, why) in [
            (
                &br#"{"title": "Nurse", "primary": "none"}"#[..],
                "no text field",
            ),
            (b"[1, 2]", "expected a JSON object"),
            (b"{\"text\": ", "malformed JSON"),
        ] {
            let err = Gold::from_line(&src, 1, bad).unwrap_err();
            assert!(err.contains(why), "{err}");
        }
    }
}
