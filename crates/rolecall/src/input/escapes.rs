//! Line breaks written as escapes: a dump that stored a posting's text with its line breaks as
//! the two characters `\n` ("Responsibilities:\n- Build ETL pipelines\n- Airflow"), as scrapers
//! that print a string's escaped form do, and as a CSV written from a JSON-escaped string keeps
//! them. Without real line breaks, no heading starts a line and no bullet is a list item.
//!
//! And Markdown's backslash escapes, as converters from HTML write them ("scikit\\-learn",
//! "\\- Build pipelines"), which hide terms and list items.

use std::borrow::Cow;

/// How many escaped breaks make a text one whose breaks were escaped, rather than text that
/// names `\n` (a regex, a path) once or twice.
const MIN_ESCAPED_BREAKS: usize = 3;

/// `text` with its escaped line breaks (`\n`, `\r\n`, `\r`) turned into line breaks and its
/// escaped tabs (`\t`) into tabs, when it has at least [`MIN_ESCAPED_BREAKS`] of them and more of
/// them than real line breaks. A run of backslashes before the letter is one escape
/// (`\\n`, escaped twice over, is a break too). Borrowed, without a copy, otherwise.
pub(crate) fn unescape_breaks(text: &str) -> Cow<'_, str> {
    let escaped = escaped_breaks(text);
    if escaped < MIN_ESCAPED_BREAKS
        || memchr::memchr_iter(b'\n', text.as_bytes()).count() >= escaped
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let slashes = rest[at..].bytes().take_while(|&b| b == b'\\').count();
        let after = &rest[at + slashes..];
        match after.as_bytes().first() {
            Some(b'n') => out.push('\n'),
            Some(b'r') => {
                // "\r\n" is one break.
                let crlf = after[1..]
                    .strip_prefix('\\')
                    .map(|s| s.trim_start_matches('\\'))
                    .is_some_and(|s| s.starts_with('n'));
                if crlf {
                    let skip = after[1..].bytes().take_while(|&b| b == b'\\').count();
                    rest = &after[1 + skip + 1..];
                    out.push('\n');
                    continue;
                }
                out.push('\n');
            }
            Some(b't') => out.push('\t'),
            _ => {
                // Not an escaped break: the backslashes stay as written.
                out.push_str(&rest[at..at + slashes]);
                rest = after;
                continue;
            }
        }
        rest = &after[1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The number of escaped line breaks in `text`: a backslash, then `n` or `r`.
fn escaped_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\\', bytes)
        .filter(|&at| matches!(bytes.get(at + 1), Some(b'n' | b'r')))
        .count()
}

/// How many Markdown escapes make a text Markdown written out by a converter, rather than text
/// that holds a backslash or two (a Windows path, a regex).
const MIN_MARKDOWN_ESCAPES: usize = 3;

/// Whether `b` is a character a Markdown converter escapes with a backslash (CommonMark's
/// escapable ASCII punctuation).
fn markdown_escapable(b: u8) -> bool {
    b.is_ascii_punctuation()
}

/// `text` without the backslashes of Markdown escapes ("scikit\-learn", "401\(k\)",
/// "\- Build pipelines"), as HTML-to-Markdown converters write them (the descriptions of
/// JobSpy, a common job-board scraper), when it has at least [`MIN_MARKDOWN_ESCAPES`] of them:
/// "scikit\-learn" is then the term "scikit-learn", and "\- " opens a list item. A backslash
/// before anything but ASCII punctuation stays. Borrowed, without a copy, otherwise.
pub(crate) fn unescape_markdown(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let escapes = memchr::memchr_iter(b'\\', bytes)
        .filter(|&at| bytes.get(at + 1).is_some_and(|&b| markdown_escapable(b)))
        .count();
    if escapes < MIN_MARKDOWN_ESCAPES {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        match rest.as_bytes().get(at + 1) {
            // The escaped character is kept, and not read again as an escape ("\\-" is "\-").
            Some(&b) if markdown_escapable(b) => {
                out.push(b as char);
                rest = &rest[at + 2..];
            }
            _ => {
                out.push('\\');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_lose_their_backslashes() {
        let text = "\\- Build models with scikit\\-learn\\.\n\\* 401\\(k\\)";
        assert_eq!(
            unescape_markdown(text),
            "- Build models with scikit-learn.\n* 401(k)"
        );
        // A backslash before a letter or at the end stays; an escaped backslash is one.
        assert_eq!(
            unescape_markdown(r"C:\Users \- \. \# \\ end\"),
            r"C:\Users - . # \ end\"
        );
        // A backslash or two is no Markdown.
        let path = r"Save to C:\data\. Use \d+\.";
        assert!(matches!(unescape_markdown(path), Cow::Borrowed(_)));
        assert!(matches!(unescape_markdown("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_breaks_become_breaks() {
        let text = r"We need a data engineer.\nResponsibilities:\n- Build ETL\r\n- Airflow\tdbt";
        assert_eq!(
            unescape_breaks(text),
            "We need a data engineer.\nResponsibilities:\n- Build ETL\n- Airflow\tdbt"
        );
        // Escaped twice over.
        assert_eq!(unescape_breaks(r"a\\nb\\nc\\r\\nd"), "a\nb\nc\nd");
    }

    #[test]
    fn text_that_names_an_escape_stays() {
        // Once or twice is a mention, not a layout.
        let text = r"Split the log on \n and parse C:\temp\new files.";
        assert!(matches!(unescape_breaks(text), Cow::Borrowed(_)));
        // A text with its own line breaks keeps its escapes.
        let text = "Regex skills: \\n, \\r, \\n\nline two\nline three\nline four";
        assert!(matches!(unescape_breaks(text), Cow::Borrowed(_)));
        // Other escapes and lone backslashes stay as written.
        assert_eq!(
            unescape_breaks(r"a\nb\nc\nd \u00e9 \\x end\"),
            "a\nb\nc\nd \\u00e9 \\\\x end\\"
        );
    }

    proptest::proptest! {
        /// Whatever the mix of backslashes, letters and breaks: no panic, never longer, and
        /// once unescaped no escaped break is left.
        #[test]
        fn any_text_unescapes_safely(parts in proptest::collection::vec(
            proptest::sample::select(vec!["\\n", "\\r", "\\t", "\\\\", "\\", "n", "r", "a", " ", "\n", "é", "🚀"]),
            0..60,
        )) {
            let text: String = parts.concat();
            let out = unescape_breaks(&text);
            proptest::prop_assert!(out.len() <= text.len());
            if let Cow::Owned(out) = &out {
                proptest::prop_assert!(!out.contains("\\n") && !out.contains("\\r"), "{:?} -> {:?}", text, out);
            }
        }
    }
}
