//! `--format marked`: the verdict, then the posting's own text with every phrase that counted
//! (or was silenced) marked where it stands, `[phrase]{role weight}`, and every heading that
//! opened a section marked `{§ section}`, so a reader can check each call against the words
//! that made it.

use crate::output::{one_line, printable_block, table};
use rolecall::{EvidenceItem, EvidenceKind, Section, Verdict};

/// ANSI colours, one per kind of evidence.
fn colour(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::De => "34",
        EvidenceKind::Ds => "32",
        EvidenceKind::Mle => "35",
        EvidenceKind::Analyst => "33",
        EvidenceKind::Common => "1",
        EvidenceKind::Signal => "36",
        EvidenceKind::Path => "96",
        EvidenceKind::NonData => "31",
    }
}

/// The weight as a short number: "3", "0.85".
fn short(w: f32) -> String {
    let s = format!("{w:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Why a phrase weighs nothing, when its section says so.
fn silenced_by(section: Section) -> Option<&'static str> {
    matches!(
        section,
        Section::Benefits | Section::Legal | Section::Footer
    )
    .then(|| section.name())
}

/// Something to mark in the text.
enum Mark<'v> {
    /// A heading that opened a section, at this byte offset.
    Heading { section: Section, start: usize },
    /// An evidence phrase.
    Phrase(&'v EvidenceItem),
}

impl Mark<'_> {
    fn start(&self) -> usize {
        match self {
            Mark::Heading { start, .. } => *start,
            Mark::Phrase(e) => e.start,
        }
    }
}

/// One phrase with its note: `[Airflow]{de 3}`, `[Tableau]{analyst 0, benefits}`.
fn phrase(text: &str, e: &EvidenceItem, ansi: bool) -> String {
    let note = match (e.weight > 0.0, silenced_by(e.section)) {
        (true, _) => format!("{} {}", e.role.name(), short(e.weight)),
        (false, Some(section)) => format!("{} 0, {section}", e.role.name()),
        (false, None) => format!("{} 0", e.role.name()),
    };
    if ansi {
        let style = if e.weight > 0.0 {
            colour(e.role)
        } else {
            "2;9"
        };
        format!("\x1b[{style}m[{text}]\x1b[0m\x1b[2m{{{note}}}\x1b[0m")
    } else {
        format!("[{text}]{{{note}}}")
    }
}

/// The table block of `v`, then `text` (the posting's text, which the evidence spans index)
/// with every evidence phrase marked; with `ansi`, phrases are coloured by role and silenced
/// ones dimmed.
pub fn marked(v: &Verdict, text: &str, ansi: bool) -> String {
    let mut s = table(v, Some(text));
    // The table ends with a blank line; the text goes in its place.
    if s.ends_with("\n\n") {
        s.pop();
    }
    s.push_str("   text\n\n");
    // Headings and phrases in text order; a heading goes before a phrase at the same place.
    let mut marks: Vec<Mark> = v
        .headings
        .iter()
        .map(|&(section, start)| Mark::Heading { section, start })
        .chain(v.evidence.iter().map(Mark::Phrase))
        .collect();
    marks.sort_by_key(|m| (m.start(), matches!(m, Mark::Phrase(_))));
    // Blank lines before the text's first word (after a title line) are not shown.
    let mut at = text.len() - text.trim_start().len();
    for mark in marks {
        match mark {
            Mark::Heading { section, start } => {
                if start < at || start > text.len() || !text.is_char_boundary(start) {
                    continue;
                }
                s.push_str(&printable_block(&text[at..start]));
                let note = format!("{{§ {}}}", section.name());
                if ansi {
                    s.push_str(&format!("\x1b[2;4m{note}\x1b[0m"));
                } else {
                    s.push_str(&note);
                }
                at = start;
            }
            Mark::Phrase(e) => {
                let in_text = e.start >= at
                    && e.end <= text.len()
                    && e.start < e.end
                    && text.is_char_boundary(e.start)
                    && text.is_char_boundary(e.end);
                if !in_text {
                    continue;
                }
                s.push_str(&printable_block(&text[at..e.start]));
                s.push_str(&phrase(&one_line(&text[e.start..e.end]), e, ansi));
                at = e.end;
            }
        }
    }
    s.push_str(&printable_block(&text[at..]));
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolecall::{Classifier, Posting};

    fn mark(title: &str, text: &str, ansi: bool) -> String {
        let v = Classifier::default().classify(&Posting::new(title, text));
        marked(&v, text, ansi)
    }

    #[test]
    fn phrases_are_marked_where_they_stand() {
        let text = "You will build pipelines with Airflow and Kafka.\nBenefits: a Tableau licence.";
        let out = mark("Data Engineer", text, false);
        let body = out.split("   text\n\n").nth(1).unwrap();
        assert!(body.starts_with("You will build "), "{body}");
        assert!(body.contains("[Airflow]{de 2.7}"), "{body}");
        assert!(body.contains("[Kafka]{de 2.25}"), "{body}");
        // Silenced by its section, and says so; the heading that opened it is marked.
        assert!(body.contains("[Tableau]{analyst 0, benefits}"), "{body}");
        assert!(body.contains("{§ benefits}Benefits:"), "{body}");
        // Nothing of the text is lost: without the marks it is the text again.
        assert_eq!(unmark(body).trim_end(), text);
    }

    /// `marked` text without its marks.
    fn unmark(body: &str) -> String {
        let mut out = String::new();
        let mut rest = body;
        // Heading marks first: "{§ benefits}".
        let mut no_headings = String::new();
        while let Some(open) = rest.find("{§ ") {
            no_headings.push_str(&rest[..open]);
            let close = rest[open..].find('}').expect("a heading mark closes") + open;
            rest = &rest[close + 1..];
        }
        no_headings.push_str(rest);
        let mut rest = no_headings.as_str();
        while let Some(open) = rest.find('[') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find("]{").expect("a mark closes") + open;
            out.push_str(&rest[open + 1..close]);
            let note_end = rest[close..].find('}').expect("a note closes") + close;
            rest = &rest[note_end + 1..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn the_verdict_comes_first() {
        let out = mark(
            "Data Engineer",
            "Build pipelines with Airflow and Kafka.",
            false,
        );
        assert!(out.starts_with("── "));
        assert!(out.contains("   primary  de"));
        assert!(out.contains("   text\n"));
    }

    #[test]
    fn ansi_colours_only_when_asked() {
        let text = "Build pipelines with Airflow and Kafka.";
        assert!(!mark("Data Engineer", text, false).contains('\x1b'));
        let coloured = mark("Data Engineer", text, true);
        assert!(coloured.contains("\x1b[34m[Airflow]\x1b[0m"), "{coloured}");
    }

    #[test]
    fn spans_outside_the_text_are_skipped_not_sliced() {
        let v = Classifier::default().classify(&Posting::new("", "Airflow and Kafka pipelines."));
        // The wrong text: shorter than the spans.
        let out = marked(&v, "Airflow", false);
        assert!(out.ends_with("\n\n"));
    }
}
