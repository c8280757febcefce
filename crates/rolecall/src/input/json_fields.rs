//! Finding a posting's fields in a JSON object as job boards' exports write them: at the top
//! level (`{"title": ..., "description": ...}`), nested (`{"header": {"jobTitle": ...},
//! "job": {"description": ...}}`), or with the body as a list of lines or bullets
//! (`"description": ["Build pipelines.", "Own Airflow."]`).

use serde_json::{Map, Value};

/// How deep nested objects are searched for a field (the top level is depth 0).
const MAX_DEPTH: usize = 3;

/// A field's value as text: a string, a number, or a list of strings and numbers (lines or
/// bullets), one per line. Other values (objects, lists of objects, `null`, booleans) hold no
/// field's text.
pub(crate) fn value_text(v: &Value) -> Option<String> {
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    match v {
        Value::Array(items) if holds_text(v) => {
            let lines: Option<Vec<String>> = items.iter().map(scalar).collect();
            lines.map(|l| l.join("\n"))
        }
        _ => scalar(v),
    }
}

/// Whether `v` holds a field's text ([`value_text`]), told without copying it.
fn holds_text(v: &Value) -> bool {
    match v {
        Value::String(_) | Value::Number(_) => true,
        Value::Array(items) => {
            !items.is_empty() && items.iter().all(|i| i.is_string() || i.is_number())
        }
        _ => false,
    }
}

/// The object's nested objects, breadth first, to [`MAX_DEPTH`], in key order, the object
/// itself excluded.
fn nested(obj: &Map<String, Value>) -> Vec<&Map<String, Value>> {
    let mut found = Vec::new();
    let mut level = vec![obj];
    for _ in 0..MAX_DEPTH {
        let next: Vec<&Map<String, Value>> = level
            .iter()
            .flat_map(|o| o.values())
            .filter_map(Value::as_object)
            .collect();
        if next.is_empty() {
            break;
        }
        found.extend(next.iter().copied());
        level = next;
    }
    found
}

/// The value of the key in `obj` named `name` whose value `usable` accepts, found as
/// [`super::record::key_position`] finds a column.
fn key<'v>(
    obj: &'v Map<String, Value>,
    name: &str,
    usable: fn(&Value) -> bool,
) -> Option<&'v Value> {
    let values = obj.iter().filter(|(_, v)| usable(v));
    let at = super::record::key_position(values.clone().map(|(k, _)| k.as_str()), name)?;
    values.clone().nth(at).map(|(_, v)| v)
}

/// The text of the key in `obj` named `name` ([`key`]) that holds text ([`holds_text`]).
fn named(obj: &Map<String, Value>, name: &str) -> Option<String> {
    key(obj, name, holds_text).and_then(value_text)
}

/// The text at a dotted path (`job.description`), each step a key as [`key`] finds it.
fn at_path(obj: &Map<String, Value>, path: &str) -> Option<String> {
    let (head, rest) = path.split_once('.')?;
    let inner = key(obj, head, Value::is_object)?.as_object()?;
    named(inner, rest).or_else(|| at_path(inner, rest))
}

/// A field's text: the chosen name alone when one is chosen (a key of that name, or a dotted
/// path into nested objects), else the first of `defaults` found at the top level; failing
/// that, the first of `defaults` found in any nested object, breadth first. Names come before
/// depth in nested objects, so that `{"company": {"name": ...}, "header": {"jobTitle": ...}}`
/// gives the job title, not the company's name.
pub(crate) fn field(
    obj: &Map<String, Value>,
    chosen: &Option<String>,
    defaults: &[&str],
) -> Option<String> {
    if let Some(name) = chosen {
        return named(obj, name)
            .or_else(|| at_path(obj, name))
            .or_else(|| nested(obj).into_iter().find_map(|o| named(o, name)));
    }
    if let Some(top) = defaults.iter().find_map(|n| named(obj, n)) {
        return Some(top);
    }
    let inner = nested(obj);
    defaults
        .iter()
        .find_map(|n| inner.iter().find_map(|o| named(o, n)))
}

/// The postings of an API's response saved whole (`{"jobs": [...], "meta": {...}}`, as
/// Greenhouse's, Ashby's and Workable's job-board APIs give them; `{"data": {"results":
/// [...]}}`): the first list of objects in the object or its nested objects, breadth first,
/// when the object holds no posting text of its own (no field of `text_fields` anywhere
/// [`field`] looks). A posting with a list of objects in it (`"skills": [{...}]`) has its
/// text, so it stays one posting.
pub(crate) fn wrapped_postings<'v>(
    obj: &'v Map<String, Value>,
    text_fields: &[&str],
) -> Option<&'v Vec<Value>> {
    if field(obj, &None, text_fields).is_some() {
        return None;
    }
    let objects_of = |o: &'v Map<String, Value>| {
        o.values().find_map(|v| match v {
            Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {
                Some(items)
            }
            _ => None,
        })
    };
    objects_of(obj).or_else(|| nested(obj).into_iter().find_map(objects_of))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(json: &str) -> Map<String, Value> {
        match serde_json::from_str(json).unwrap() {
            Value::Object(o) => o,
            _ => panic!("not an object"),
        }
    }

    #[test]
    fn lists_of_lines_are_text_and_other_values_are_not() {
        let o = obj(
            r#"{"a": ["Build ETL.", "Own Airflow.", 3], "b": [{"x": 1}], "c": [], "d": null, "e": true}"#,
        );
        assert_eq!(
            value_text(&o["a"]).as_deref(),
            Some("Build ETL.\nOwn Airflow.\n3")
        );
        for k in ["b", "c", "d", "e"] {
            assert_eq!(value_text(&o[k]), None, "{k}");
        }
    }

    #[test]
    fn the_top_level_wins_then_names_before_depth() {
        let defaults = ["title", "job_title", "name"];
        let flat = obj(r#"{"name": "Acme", "meta": {"title": "nested"}}"#);
        assert_eq!(field(&flat, &None, &defaults).as_deref(), Some("Acme"));
        let glassdoor = obj(
            r#"{"company": {"name": "Acme"}, "header": {"jobTitle": "Data Engineer"}, "job": {"description": "Build ETL."}}"#,
        );
        assert_eq!(
            field(&glassdoor, &None, &defaults).as_deref(),
            Some("Data Engineer")
        );
        let deep = obj(r#"{"a": {"b": {"c": {"title": "three"}}}}"#);
        assert_eq!(field(&deep, &None, &defaults).as_deref(), Some("three"));
        let too_deep = obj(r#"{"a": {"b": {"c": {"d": {"title": "four"}}}}}"#);
        assert_eq!(field(&too_deep, &None, &defaults), None);
    }

    #[test]
    fn an_api_response_is_a_list_of_postings() {
        let fields = ["text", "content"];
        let greenhouse = obj(
            r#"{"jobs": [{"title": "A", "content": "x"}, {"title": "B", "content": "y"}], "meta": {"total": 2}}"#,
        );
        assert_eq!(
            wrapped_postings(&greenhouse, &fields).map(Vec::len),
            Some(2)
        );
        let nested = obj(r#"{"data": {"count": 1, "results": [{"text": "x"}]}}"#);
        assert_eq!(wrapped_postings(&nested, &fields).map(Vec::len), Some(1));
        // A posting that lists objects is one posting; a list of strings is no list of postings.
        let posting = obj(r#"{"title": "A", "text": "x", "skills": [{"name": "SQL"}]}"#);
        assert_eq!(wrapped_postings(&posting, &fields), None);
        let tags = obj(r#"{"tags": ["a", "b"], "items": [{"text": "x"}, 3]}"#);
        assert_eq!(wrapped_postings(&tags, &fields), None);
    }

    #[test]
    fn a_chosen_name_may_be_a_dotted_path() {
        let o = obj(r#"{"job": {"description": "yes", "title": "t"}, "description": "no"}"#);
        let chosen = |s: &str| Some(s.to_string());
        assert_eq!(
            field(&o, &chosen("job.description"), &[]).as_deref(),
            Some("yes")
        );
        assert_eq!(
            field(&o, &chosen("Job.Description"), &[]).as_deref(),
            Some("yes")
        );
        assert_eq!(
            field(&o, &chosen("description"), &[]).as_deref(),
            Some("no")
        );
        // A chosen name not at the top level is looked for in nested objects.
        assert_eq!(field(&o, &chosen("title"), &[]).as_deref(), Some("t"));
        assert_eq!(field(&o, &chosen("job.missing"), &[]), None);
        // A key that itself holds a dot is found as written.
        let dotted = obj(r#"{"job.description": "flat"}"#);
        assert_eq!(
            field(&dotted, &chosen("job.description"), &[]).as_deref(),
            Some("flat")
        );
    }
}
