//! HTML to text that keeps block structure (for section detection).
//!
//! Built on html5ever's spec-compliant tokenizer rather than its tree builder: text extraction
//! needs no tree, the tokenizer streams in linear time however deep the nesting (the tree
//! builder's scope checks go quadratic on hundreds of thousands of nested elements), and it
//! still decodes entities and handles `<script>`/`<style>` raw text as a browser does.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// Elements whose content is never posting text.
const SKIPPED: &[&str] = &[
    "noscript", "template", "svg", "iframe", "object", "select", "button",
];
/// Elements that start and end a block (a line of their own).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "blockquote",
    "pre",
    "hr",
    "form",
    "address",
    "figure",
    "body",
];

/// Whether a string looks like HTML markup rather than text that mentions `<`.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(64 * 1024)];
    let lower = |i: usize| head.get(i).map(u8::to_ascii_lowercase);
    memchr::memchr_iter(b'<', head).any(|i| match lower(i + 1) {
        Some(b'/') => matches!(lower(i + 2), Some(b'a'..=b'z')),
        Some(b'!') => true,
        Some(b'a'..=b'z') => {
            // a tag name followed by '>', space or '/': <p>, <br/>, <div class=..>
            let mut j = i + 1;
            while matches!(lower(j), Some(b'a'..=b'z' | b'0'..=b'9')) {
                j += 1;
            }
            matches!(head.get(j), Some(b'>' | b' ' | b'/' | b'\n' | b'\t'))
        }
        _ => false,
    })
}

/// Converts `text` to plain text when it is HTML. Otherwise decodes its character references
/// ("data&nbsp;pipelines", "R&amp;D", "you&#39;ll"), which dumps whose tags were stripped keep;
/// only exact references ending in `;` (`html-escape`), so "AT&T" and "&copy" stay as written,
/// and the text's line breaks stay too.
///
/// HTML escaped once over (`&lt;li&gt;Build pipelines&lt;/li&gt;`, as Greenhouse's job board
/// API gives a posting's `content`) is HTML once its references are decoded, and is read as
/// HTML: its headings and list items are what they would be on the page. A plain text that names
/// a tag or two ("experience with &lt;div&gt; layouts") stays plain text.
pub(crate) fn to_text_if_html(text: String) -> String {
    if looks_like_html(&text) {
        return fragment_to_text(&text);
    }
    match decode_references(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(decoded) => {
            if escaped_tags(&text) >= MIN_ESCAPED_TAGS && looks_like_html(&decoded) {
                fragment_to_text(&decoded)
            } else {
                decoded
            }
        }
    }
}

/// How many escaped tags make a text escaped HTML rather than text that names a tag.
const MIN_ESCAPED_TAGS: usize = 3;

/// The number of escaped tags in `text` (`&lt;` then a letter or `/`), counted up to
/// [`MIN_ESCAPED_TAGS`].
fn escaped_tags(text: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"&lt;")
        .filter(|&at| {
            bytes
                .get(at + 4)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/')
        })
        .take(MIN_ESCAPED_TAGS)
        .count()
}

/// Decodes the exact character references of plain text (a record's text or title); borrows it
/// when it holds none.
pub(crate) fn decode_references(text: &str) -> std::borrow::Cow<'_, str> {
    if has_reference(text) {
        html_escape::decode_html_entities(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Whether `text` holds something shaped like a character reference: `&`, then letters, digits
/// or `#`, then `;`. A fast scan (most postings have an "&" or two, few a reference), so that
/// only those few are decoded.
fn has_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'&', bytes).any(|at| {
        let name = bytes[at + 1..]
            .iter()
            .take(33)
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
            .count();
        name > 0 && bytes.get(at + 1 + name) == Some(&b';')
    })
}

/// Converts an HTML fragment (a job description field) to text.
pub fn fragment_to_text(html: &str) -> String {
    convert(html).text
}

/// A `JobPosting` description with less text than this is a teaser, not the posting: the
/// page's own text is read instead.
const MIN_DESCRIPTION_CHARS: usize = 200;

/// Reads a whole HTML page: `(title, text)`. The title comes from a schema.org `JobPosting` in
/// JSON-LD, else the first `<h1>`, else `<title>`. The text is that `JobPosting`'s
/// `description` when it holds the posting (at least 200 characters of
/// text): a saved job page's menus, cookie banner and "similar jobs" are then left out. Else it
/// is the page's text.
pub fn page(html: &str) -> (String, String) {
    let page = convert(html);
    let posting = page.json_ld.iter().find_map(|raw| {
        let value: serde_json::Value = serde_json::from_str(raw.trim()).ok()?;
        find_job_posting(&value, 0)
    });
    let (ld_title, ld_text) = match posting {
        Some(p) => (p.title, p.description.as_deref().map(description_text)),
        None => (None, None),
    };
    let title = ld_title.or(page.h1).or(page.title).unwrap_or_default();
    let text = ld_text
        .filter(|t| t.chars().count() >= MIN_DESCRIPTION_CHARS)
        .unwrap_or(page.text);
    (title, text)
}

/// The text of a `JobPosting` description: HTML, which some boards escape once more
/// ("&lt;p&gt;Build ...&lt;/p&gt;"), so text that still reads as markup is converted again.
fn description_text(html: &str) -> String {
    let text = fragment_to_text(html);
    let markup = ["<p>", "<li>", "<br", "<ul>", "<div", "<strong>", "<b>"];
    if markup.iter().any(|m| text.contains(m)) {
        fragment_to_text(&text)
    } else {
        text
    }
}

/// The fields rolecall reads from a schema.org `JobPosting`.
struct JobPosting {
    title: Option<String>,
    description: Option<String>,
}

/// The first `JobPosting` object in a JSON-LD value (also inside `@graph` or an array), looked
/// for to a bounded depth.
fn find_job_posting(value: &serde_json::Value, depth: usize) -> Option<JobPosting> {
    if depth > 4 {
        return None;
    }
    match value {
        serde_json::Value::Array(items) => {
            items.iter().find_map(|v| find_job_posting(v, depth + 1))
        }
        serde_json::Value::Object(obj) => {
            let is_posting = match obj.get("@type") {
                Some(serde_json::Value::String(t)) => t == "JobPosting",
                Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == "JobPosting"),
                _ => false,
            };
            if is_posting {
                let field = |name: &str| match obj.get(name) {
                    Some(serde_json::Value::String(t)) if !t.trim().is_empty() => {
                        Some(t.trim().to_string())
                    }
                    _ => None,
                };
                return Some(JobPosting {
                    title: field("title"),
                    description: field("description"),
                });
            }
            obj.get("@graph")
                .and_then(|g| find_job_posting(g, depth + 1))
        }
        _ => None,
    }
}

/// What one pass of the tokenizer collects.
#[derive(Debug, Default)]
struct Page {
    text: String,
    title: Option<String>,
    h1: Option<String>,
    json_ld: Vec<String>,
}

/// Where character tokens go at the moment.
#[derive(Debug, Default, PartialEq)]
enum Target {
    #[default]
    Text,
    /// Inside `<script>` or `<style>`: dropped, or kept as JSON-LD.
    Raw { json_ld: bool },
    /// Inside `<title>`.
    Title,
    /// Inside a skipped element; the count is its nesting depth.
    Skip(&'static str, usize),
}

#[derive(Debug, Default)]
struct State {
    page: Page,
    target: Target,
    /// Inside the first `<h1>`: its text so far.
    h1: Option<String>,
}

#[derive(Default)]
struct Sink(RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.0.borrow_mut();
        let st = &mut *st;
        match token {
            Token::CharacterTokens(t) => match &st.target {
                Target::Text => {
                    push_collapsed(&mut st.page.text, &t);
                    if let Some(h1) = &mut st.h1 {
                        push_collapsed(h1, &t);
                    }
                }
                Target::Raw { json_ld: true } => {
                    if let Some(buf) = st.page.json_ld.last_mut() {
                        buf.push_str(&t);
                    }
                }
                Target::Title => {
                    push_collapsed(st.page.title.get_or_insert_with(String::new), &t);
                }
                Target::Raw { json_ld: false } | Target::Skip(..) => {}
            },
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let start = tag.kind == TagKind::StartTag;
                match &mut st.target {
                    Target::Skip(skipped, depth) => {
                        if name == *skipped {
                            if start && !tag.self_closing {
                                *depth += 1;
                            } else if !start {
                                *depth -= 1;
                                if *depth == 0 {
                                    st.target = Target::Text;
                                }
                            }
                        }
                        return TokenSinkResult::Continue;
                    }
                    Target::Raw { .. } | Target::Title => {
                        if !start && matches!(name, "script" | "style" | "title") {
                            st.target = Target::Text;
                        }
                        return TokenSinkResult::Continue;
                    }
                    Target::Text => {}
                }
                if start {
                    match name {
                        "script" | "style" => {
                            let json_ld = name == "script"
                                && tag.attrs.iter().any(|a| {
                                    &*a.name.local == "type"
                                        && a.value
                                            .trim()
                                            .eq_ignore_ascii_case("application/ld+json")
                                });
                            if json_ld {
                                st.page.json_ld.push(String::new());
                            }
                            st.target = Target::Raw { json_ld };
                            let kind = if name == "script" {
                                RawKind::ScriptData
                            } else {
                                RawKind::Rawtext
                            };
                            return TokenSinkResult::RawData(kind);
                        }
                        "title" => {
                            if st.page.title.is_none() {
                                st.target = Target::Title;
                            } else {
                                st.target = Target::Raw { json_ld: false };
                            }
                            return TokenSinkResult::RawData(RawKind::Rcdata);
                        }
                        "br" => st.page.text.push('\n'),
                        "td" | "th" => push_collapsed(&mut st.page.text, " "),
                        _ => {
                            if let Some(skipped) = SKIPPED.iter().find(|s| **s == name) {
                                if !tag.self_closing {
                                    st.target = Target::Skip(skipped, 1);
                                }
                                return TokenSinkResult::Continue;
                            }
                            if BLOCKS.contains(&name) {
                                newline(&mut st.page.text);
                                if name == "li" {
                                    st.page.text.push_str("- ");
                                }
                            }
                            if name == "h1" && st.page.h1.is_none() && st.h1.is_none() {
                                st.h1 = Some(String::new());
                            }
                        }
                    }
                } else {
                    if BLOCKS.contains(&name) {
                        newline(&mut st.page.text);
                    }
                    if name == "h1" {
                        if let Some(h1) = st.h1.take() {
                            let h1 = h1.trim().to_string();
                            if !h1.is_empty() {
                                st.page.h1 = Some(h1);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Runs the tokenizer once over `html`.
fn convert(html: &str) -> Page {
    let tok = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    // The sink never asks to run a script, so one feed consumes the whole queue.
    let _ = tok.feed(&queue);
    tok.end();
    let mut page = std::mem::take(&mut tok.sink.0.borrow_mut().page);
    page.text = page.text.trim().to_string();
    page.title = page
        .title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    page
}

fn newline(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn push_collapsed(out: &mut String, text: &str) {
    let mut words = 0;
    for word in text.split_whitespace() {
        let gap = words > 0 || text.starts_with(char::is_whitespace);
        if gap && !out.is_empty() && !out.ends_with(['\n', ' ']) {
            out.push(' ');
        }
        out.push_str(word);
        words += 1;
    }
    let trailing = if words == 0 {
        !text.is_empty()
    } else {
        text.ends_with(char::is_whitespace)
    };
    if trailing && !out.is_empty() && !out.ends_with(['\n', ' ']) {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_markup() {
        assert!(looks_like_html("<p>Hello</p>"));
        assert!(looks_like_html("Intro<br/>more"));
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(!looks_like_html("x < y and a<b"));
        assert!(!looks_like_html("C++ <3 and <= 5"));
    }

    #[test]
    fn text_without_tags_has_its_references_decoded_and_keeps_its_lines() {
        let text = "Build data&nbsp;pipelines in R&amp;D.\nYou&#39;ll use Apache&#xA0;Airflow &mdash; daily.";
        assert_eq!(
            to_text_if_html(text.to_string()),
            "Build data\u{a0}pipelines in R&D.\nYou'll use Apache\u{a0}Airflow \u{2014} daily."
        );
        // Only exact references: an ampersand in a name or a reference without its `;` stays.
        for plain in [
            "AT&T and P&G, &copy 2024, &unknown; x",
            "Tools: SQL & Python\n",
        ] {
            assert_eq!(to_text_if_html(plain.to_string()), plain);
        }
    }

    #[test]
    fn html_escaped_once_over_is_read_as_html() {
        let escaped = "&lt;p&gt;Acme is hiring.&lt;/p&gt;&lt;h2&gt;Requirements&lt;/h2&gt;\
                       &lt;ul&gt;&lt;li&gt;SQL &amp;amp; Python&lt;/li&gt;&lt;/ul&gt;";
        assert_eq!(
            to_text_if_html(escaped.to_string()),
            "Acme is hiring.\nRequirements\n- SQL & Python"
        );
        // A text that names a tag or two stays text, with its lines.
        let plain = "Build pages with &lt;div&gt; and &lt;span&gt;.\nShip weekly.";
        assert_eq!(
            to_text_if_html(plain.to_string()),
            "Build pages with <div> and <span>.\nShip weekly."
        );
    }

    #[test]
    fn keeps_blocks_and_drops_scripts_and_skipped_elements() {
        let html = "<p>A<noscript>x<noscript>y</noscript>z</noscript>B</p><template>t</template>C";
        assert_eq!(fragment_to_text(html), "AB\nC");
        let html =
            "<div><h2>Requirements</h2><ul><li>SQL &amp; <b>Python</b></li><li>Airflow</li></ul>\
                    <script>var spark = 1;</script><style>.x{}</style><p>Bye<br>now</p></div>";
        assert_eq!(
            fragment_to_text(html),
            "Requirements\n- SQL & Python\n- Airflow\nBye\nnow"
        );
    }

    #[test]
    fn page_title_from_json_ld_then_h1_then_title() {
        let ld = r#"<html><head><title>Jobs | Acme</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Data Engineer","description":"<p>x</p>"}</script>
            </head><body><h1>Careers</h1><p>Build pipelines.</p></body></html>"#;
        let (title, text) = page(ld);
        assert_eq!(title, "Data Engineer");
        // A description this short is no posting: the page's text is read.
        assert_eq!(text, "Careers\nBuild pipelines.");
        assert_eq!(page("<title>T</title><h1> Big  One </h1>").0, "Big One");
        assert_eq!(page("<title>Only Title</title><p>x</p>").0, "Only Title");
    }

    #[test]
    fn page_text_from_a_job_posting_description() {
        let duties = "Build Kafka ingestion and Airflow pipelines into Snowflake. ".repeat(4);
        let page_html = |description: &str| {
            let ld = serde_json::json!({
                "@context": "https://schema.org",
                "@graph": [{"@type": "Organization"}, {"@type": "JobPosting", "title": "Data Engineer", "description": description}]
            });
            format!(
                "<html><head><script type=\"application/ld+json\">{ld}</script></head>\
                 <body><nav>Jobs Salaries Companies</nav><h1>Data Engineer</h1><p>{duties}</p>\
                 <h2>Similar jobs</h2><p>Machine Learning Engineer at Initech</p></body></html>"
            )
        };
        let want = format!("Responsibilities\n- {}", duties.trim());
        // The description holds the posting: the menus and the similar jobs are left out.
        let (title, text) = page(&page_html(&format!(
            "<h3>Responsibilities</h3><ul><li>{duties}</li></ul>"
        )));
        assert_eq!(
            (title.as_str(), text.as_str()),
            ("Data Engineer", want.as_str())
        );
        // Escaped once more, as some boards write it, it reads the same.
        let escaped = format!("&lt;h3&gt;Responsibilities&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;{duties}&lt;/li&gt;&lt;/ul&gt;");
        assert_eq!(page(&page_html(&escaped)).1, want);
        // Plain text is read as it is.
        assert_eq!(page(&page_html(&duties)).1, duties.trim());
        // A teaser is not the posting: the page's text is read.
        let teaser = page(&page_html("<p>Join our data team!</p>")).1;
        assert!(teaser.starts_with("Jobs Salaries Companies"), "{teaser}");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let n = 100_000;
        let html = format!("{}SQL{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(fragment_to_text(&html), "SQL");
    }
}
