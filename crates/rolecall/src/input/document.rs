//! One-posting documents: where the title is and where the body starts.

use super::record::DocFormat;

/// A first line longer than this is body text, not a title (flattened postings).
pub(crate) const MAX_TITLE_BYTES: usize = 150;

/// Splits a document into `(title, body)`.
///
/// Text and Markdown: the first non-blank line is the title when it is short enough to be one
/// (Markdown `#`, `*` and `_` marks are removed), the rest is the body. HTML: see
/// [`super::html::page`].
pub(crate) fn split(text: &str, format: DocFormat) -> (String, String) {
    match format {
        DocFormat::Html => super::html::page(text),
        DocFormat::Text | DocFormat::Markdown => {
            let trimmed = text.trim_start();
            let (first, rest) = match trimmed.find('\n') {
                Some(i) => (&trimmed[..i], &trimmed[i + 1..]),
                None => (trimmed, ""),
            };
            let first = first.trim();
            if first.len() > MAX_TITLE_BYTES || rest.trim().is_empty() {
                return (String::new(), text.to_string());
            }
            let title = match format {
                DocFormat::Markdown => first.trim_matches(|c| matches!(c, '#' | '*' | '_' | ' ')),
                _ => first,
            };
            (title.to_string(), rest.to_string())
        }
    }
}

/// Splits stdin text: no title line (the title comes from `--title`), unless it is HTML.
pub(crate) fn split_untitled(text: &str, format: DocFormat) -> (String, String) {
    match format {
        DocFormat::Html => super::html::page(text),
        _ => (String::new(), text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_is_the_title() {
        let (t, b) = split("\n\nData Engineer\r\nBuild pipelines.\n", DocFormat::Text);
        assert_eq!(t, "Data Engineer");
        assert_eq!(b, "Build pipelines.\n");
        let (t, _) = split("# **ML Engineer**\n\nServe models.", DocFormat::Markdown);
        assert_eq!(t, "ML Engineer");
    }

    #[test]
    fn a_long_or_lonely_first_line_is_body() {
        let long = "x".repeat(200) + "\nmore";
        assert_eq!(split(&long, DocFormat::Text).0, "");
        let (t, b) = split("We need a data engineer with Airflow.", DocFormat::Text);
        assert_eq!(
            (t.as_str(), b.as_str()),
            ("", "We need a data engineer with Airflow.")
        );
    }
}
