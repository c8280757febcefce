//! Deciding whether a heading phrase found in the text really opens a section.
//!
//! Section words are common in running text ("benefits of our product", "gather requirements"),
//! so a heading hit counts only when it looks like a heading:
//! - it starts a line (after any bullets or Markdown marks) and the line ends soon after it or a
//!   colon follows within a few words; or
//! - the text was flattened (lines run together, as scraped postings often are) and the heading
//!   is capitalised, glued to the end of the previous sentence, and followed by a colon; or
//! - the heading is capitalised and the next word is glued to it ("ResponsibilitiesDesign data
//!   models"): the line break after it was lost.
//!
//! A capitalised heading followed by a colon or a glued word may end a short Title Case run that
//! starts a sentence ("Systems. Technical Requirements: SQL", "...society.Your Roles And
//! ResponsibilitiesConduct analysis").

use crate::matcher::glued_at;
use memchr::memmem;
use std::sync::LazyLock;

/// How far after a heading phrase a colon may stand ("Responsibilities include:").
const COLON_REACH: usize = 24;
/// How long the rest of a line may be for a line-starting phrase to be a heading without colon
/// ("Benefits & Perks").
const SHORT_REST: usize = 24;

/// How many Title Case words may stand before a capitalised heading phrase in running text.
const TITLE_RUN: usize = 4;

/// How long an "About Acme" heading line may be, after "About ".
const ABOUT_NAME_MAX: usize = 40;

/// The byte offsets of lines that are only "About" and a name ("About Stripe", "**About Acme
/// Health:**"): the company blurb, under the heading most postings from an applicant tracking
/// system give it. A name is one to four capitalised words. "About you", "About the role" and
/// the other "About" headings of `sections.txt` are not names (their first word is lower case
/// in the lexicon and a pronoun or article in the text), so the lexicon decides them.
pub(crate) fn company_headings(text: &str) -> Vec<usize> {
    // Built once: a finder's set-up costs more than a search of a posting.
    static ABOUT: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("About "));
    ABOUT
        .find_iter(text.as_bytes())
        .filter(|&at| lead_in(text, at) == LeadIn::LineStart && names_company(text, at + 6))
        .collect()
}

/// Whether the rest of the line from `from` is a company's name and nothing else.
fn names_company(text: &str, from: usize) -> bool {
    // Only the first bytes are read: a name is short, whatever the length of the line.
    let rest = text.as_bytes()[from..]
        .get(..ABOUT_NAME_MAX * 2)
        .unwrap_or(&text.as_bytes()[from..]);
    let Some(line) = rest
        .split(|&b| b == b'\n' || b == b'\r')
        .next()
        .filter(|line| line.len() < rest.len() || from + rest.len() == text.len())
        .and_then(|line| std::str::from_utf8(line).ok())
    else {
        return false;
    };
    let name = line.trim_end_matches([' ', '\t', ':', '*', '#', '_', '\u{a0}']);
    if name.is_empty() || name.len() > ABOUT_NAME_MAX || name.ends_with('.') {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let not_a_name = |w: &str| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "you" | "your" | "yourself" | "the" | "this" | "these" | "our" | "us" | "me" | "it"
        )
    };
    (1..=4).contains(&words.len())
        && !not_a_name(words[0])
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || *w == "&")
}

/// Whether the phrase at `start..end` of `text` is used as a heading.
pub(crate) fn is_heading(text: &str, start: usize, end: usize) -> bool {
    let before = lead_in(text, start);
    let colon = colon_follows(text, end);
    let capital = text.as_bytes()[start].is_ascii_uppercase();
    let glued = glued_at(text, end);
    match before {
        LeadIn::LineStart => {
            colon || glued || (rest_of_line_is_short(text, end) && !continues_as_item(text, end))
        }
        LeadIn::SentenceEnd => capital && (colon || glued),
        LeadIn::Word => capital && (colon || glued) && title_run_before(text, start),
    }
}

/// Whether the phrase at `start..end` starts a block of its own, as a footer's first words do
/// where line breaks were lost: capitalised, and followed by a colon, a line end, the end of
/// the text or another capitalised word ("Similar jobs Data Engineer", "How to apply: send").
pub(crate) fn starts_block(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    bytes[start].is_ascii_uppercase()
        && bytes[end..]
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t'))
            .is_none_or(|&b| matches!(b, b':' | b'\n' | b'\r') || b.is_ascii_uppercase())
}

/// Whether `text[..start]` ends with a short run of Title Case words ("Your Roles And ") that
/// itself starts a sentence, a line, or a glued word: the front of a heading.
fn title_run_before(text: &str, start: usize) -> bool {
    let mut rest = &text[..start];
    for _ in 0..TITLE_RUN {
        rest = rest.trim_end_matches([' ', '\t', '\u{a0}']);
        match rest.chars().next_back() {
            None | Some('\n' | '\r') => return true,
            Some(c) if ends_sentence(c) => return true,
            _ => {}
        }
        let word_start = rest
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphabetic() || c == '&'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &rest[word_start..];
        // The word may be glued to the sentence before it ("opportunitiesYour").
        if (1..word.len()).any(|i| glued_at(word, i)) {
            return true;
        }
        let small = matches!(word, "and" | "&" | "of" | "the" | "for");
        if word.is_empty() || !(small || word.starts_with(char::is_uppercase)) {
            return false;
        }
        rest = &rest[..word_start];
    }
    false
}

/// A character that ends a sentence or a list item ("...products.", "...)", "...:").
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ')' | ':' | ';')
}

/// What stands just before a phrase.
#[derive(Debug, PartialEq, Eq)]
enum LeadIn {
    /// Start of text or of a line, after optional bullets and marks.
    LineStart,
    /// The end of a sentence or list item ("...products.", "...)", "...:"), possibly glued.
    SentenceEnd,
    /// A word: the phrase is inside running text.
    Word,
}

fn lead_in(text: &str, start: usize) -> LeadIn {
    let mut seen = 0;
    for c in text[..start].chars().rev().take(12) {
        seen += 1;
        match c {
            '\n' | '\r' => return LeadIn::LineStart,
            c if ends_sentence(c) => return LeadIn::SentenceEnd,
            c if c.is_alphanumeric() || c == ',' => {
                // A lower-case word glued to a capitalised heading: "...teamRequirements:".
                return if seen == 1 && glued_at(text, start) {
                    LeadIn::SentenceEnd
                } else {
                    LeadIn::Word
                };
            }
            _ => {}
        }
    }
    // Only marks and spaces: near the start of the text it is a line start.
    if seen < 12 {
        LeadIn::LineStart
    } else {
        LeadIn::Word
    }
}

/// How long a field's value may be ("Salary: $120,000 - $150,000 a year"): a longer line is
/// the start of a section, as in flattened text, whose lines all run together.
const FIELD_VALUE_MAX: usize = 512;

/// Where the line of a heading ends when the heading is a field with its value on the same line
/// ("Salary: $120,000 - $150,000", "Benefits: medical, dental, 401(k)"): a colon follows it,
/// text follows the colon, and the line ends within [`FIELD_VALUE_MAX`] bytes (or the text
/// does). `None` when the heading ends its line, the colon does, or the line runs on, so that
/// it heads what follows.
pub(crate) fn inline_value_end(text: &str, end: usize) -> Option<usize> {
    let rest = &text.as_bytes()[end..];
    let colon = rest
        .iter()
        .take(COLON_REACH)
        .take_while(|&&b| !matches!(b, b'\n' | b'\r' | b'.' | b';' | b'!' | b'?'))
        .position(|&b| b == b':')?;
    let after = &rest[colon + 1..];
    let window = &after[..after.len().min(FIELD_VALUE_MAX)];
    let line = match memchr::memchr2(b'\n', b'\r', window) {
        Some(n) => n,
        None if window.len() == after.len() => after.len(),
        None => return None,
    };
    let value = &after[..line];
    value
        .iter()
        .any(|b| !b.is_ascii_whitespace() && !matches!(b, b'*' | b'_'))
        .then_some(end + colon + 1 + line)
}

fn colon_follows(text: &str, end: usize) -> bool {
    let rest = &text.as_bytes()[end..];
    for &b in rest.iter().take(COLON_REACH) {
        match b {
            b':' => return true,
            b'\n' | b'\r' | b'.' | b';' | b'!' | b'?' => return false,
            _ => {}
        }
    }
    false
}

/// Words that carry a list item on after its first word ("Experience with Kafka", "Skills in
/// SQL", "Experience building pipelines"): a heading's line goes on with a word of its own
/// ("Benefits & Perks", "Requirements and Skills", "Experience Required") or nothing.
const ITEM_WORDS: [&str; 10] = [
    "with",
    "in",
    "using",
    "of",
    "on",
    "at",
    "building",
    "working",
    "developing",
    "designing",
];

/// Whether the line goes on after the phrase at `..end` as a list item does: with one of
/// [`ITEM_WORDS`] and more words after it.
fn continues_as_item(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let line = rest.split(['\n', '\r']).next().unwrap_or("");
    let mut words = line.split_whitespace();
    words.next().is_some_and(|w| ITEM_WORDS.contains(&w)) && words.next().is_some()
}

fn rest_of_line_is_short(text: &str, end: usize) -> bool {
    let rest = &text.as_bytes()[end..];
    let line = match memchr::memchr2(b'\n', b'\r', rest) {
        Some(n) => &rest[..n],
        None if rest.len() <= SHORT_REST => rest,
        None => return false,
    };
    line.len() <= SHORT_REST && !line.contains(&b'.') && !line.contains(&b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading_at(text: &str, phrase: &str) -> bool {
        let start = text.find(phrase).expect("phrase in text");
        is_heading(text, start, start + phrase.len())
    }

    #[test]
    fn line_headings() {
        assert!(heading_at(
            "About us\nWe build.\nRequirements:\n- SQL",
            "Requirements"
        ));
        assert!(heading_at("## Benefits\n- dental", "Benefits"));
        assert!(heading_at(
            "x\n**Responsibilities**\r\nBuild",
            "Responsibilities"
        ));
        assert!(heading_at("x\n • Benefits & Perks\n", "Benefits"));
        assert!(heading_at("Requirements include: SQL", "Requirements"));
        assert!(heading_at("Benefits", "Benefits"));
        assert!(heading_at("x\nExperience Required\n- SQL", "Experience"));
    }

    #[test]
    fn list_items_are_not_headings() {
        // A nice-to-have item that opens with a section word stays in its section.
        let text = "Nice to Have\n- Experience with Kafka and Spark\n- Skills in Go";
        assert!(!heading_at(text, "Experience"));
        assert!(!heading_at(text, "Skills"));
        assert!(!heading_at(
            "x\n• Experience building data pipes\n",
            "Experience"
        ));
        // With a colon it still heads what follows.
        assert!(heading_at("x\nExperience with us:\n- SQL", "Experience"));
    }

    #[test]
    fn flattened_headings() {
        assert!(heading_at(
            "grow the products.Requirements: BS in CS",
            "Requirements"
        ));
        assert!(heading_at("great teamRequirements: BS", "Requirements"));
        assert!(heading_at(
            "we are hiring. Qualifications: 3 years",
            "Qualifications"
        ));
    }

    #[test]
    fn headings_before_a_lost_line_break() {
        assert!(heading_at(
            "our products.ResponsibilitiesDesign models",
            "Responsibilities"
        ));
        assert!(heading_at(
            "the society.Your Roles And ResponsibilitiesConduct analysis",
            "Responsibilities"
        ));
        assert!(heading_at(
            "emerging businessesYour Roles and ResponsibilitiesConduct",
            "Responsibilities"
        ));
        assert!(heading_at("BenefitsMedical and dental", "Benefits"));
        assert!(heading_at(
            "our systems. Technical Requirements: Angular",
            "Requirements"
        ));
        // Scraped text often has no-break spaces.
        assert!(heading_at(
            "our systems.\u{a0}Technical\u{a0}Requirements: Angular",
            "Requirements"
        ));
        assert!(!heading_at(
            "we list\nsome Technical Requirements: Angular",
            "Requirements"
        ));
    }

    #[test]
    fn a_heading_with_its_value_on_its_line_is_a_field() {
        let text = "Salary: $120,000\nBenefits:\n- dental\nPerks: **\nBenefits: a, b";
        let end = |phrase: &str| text.find(phrase).unwrap() + phrase.len();
        assert_eq!(
            inline_value_end(text, end("Salary")),
            Some(text.find("\nBenefits").unwrap())
        );
        assert_eq!(inline_value_end(text, end("Benefits:\n") - 2), None);
        assert_eq!(inline_value_end(text, end("Perks")), None);
        assert_eq!(inline_value_end(text, text.len() - 6), Some(text.len()));
        assert_eq!(inline_value_end("Benefits of the job", 8), None);
        // A value that runs on (flattened text) makes a section, not a field.
        let flat = format!("Benefits: {}", "medical and dental. ".repeat(40));
        assert_eq!(inline_value_end(&flat, 8), None);
    }

    #[test]
    fn about_a_company_is_a_heading() {
        let text = "Data Scientist\nAbout Acme Health:\nWe sell.\n**About Bill.com**\nMore\n\
                    About you\nSQL\nAbout the Role\nBuild\nAbout us\nTalk about Acme\n\
                    About Acme. We build models, and more.\nAbout data teams at scale and more words here";
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            company_headings(text),
            vec![at("About Acme Health"), at("About Bill.com")]
        );
        assert!(company_headings("About").is_empty());
        // A line too long to be a name is not read to its end.
        let long = format!("About Acme {}\nmore", "Word ".repeat(10_000));
        assert!(company_headings(&long).is_empty());
        assert_eq!(company_headings("About Stripe"), vec![0]);
    }

    #[test]
    fn running_text_is_not_a_heading() {
        assert!(!heading_at(
            "we value Strong Communication SkillsExcellent",
            "Skills"
        ));
        assert!(!heading_at(
            "You will gather requirements: from users",
            "requirements"
        ));
        assert!(!heading_at(
            "x\nBenefits of our product are many, and more.",
            "Benefits"
        ));
        assert!(!heading_at("we are hiring. benefits: none", "benefits"));
        assert!(!heading_at(
            "a long sentence about the requirements of the role",
            "requirements"
        ));
    }
}
