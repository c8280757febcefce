//! The spacing of a text as the matcher reads it: postings copied from web pages and
//! spreadsheets write "machine learning" as "machine\u{a0}learning" (a no-break space),
//! "machine  learning" (two spaces), "machine\tlearning", "ma\u{ad}chine learning" (a soft
//! hyphen) or "machine\u{2011}learning" (a non-breaking hyphen). A phrase is one phrase however
//! it is spaced, so before matching:
//! - a run of horizontal white space (spaces, tabs, no-break and other Unicode spaces) reads
//!   as one space;
//! - invisible characters (soft hyphen, zero-width space and joiners, word joiner, byte-order
//!   mark) read as nothing, as they show;
//! - the Unicode hyphens (U+2010 hyphen, U+2011 non-breaking hyphen), and an en dash between
//!   two letters or digits ("real–time"), read as `-`;
//! - the Latin ligatures of text taken from PDFs read as their letters ("ﬁne-tuning" is
//!   "fine-tuning", "workﬂow" is "workflow").
//!
//! Line breaks are left alone: they end list items and headings. [`Spacing::fold`] gives the
//! folded text and a map back to the offsets of the text as given, so that every hit is
//! reported where the posting has it.

use std::borrow::Cow;

/// A text with its spacing folded, and the way back to the original offsets.
#[derive(Debug, Clone)]
pub(crate) struct Spacing<'t> {
    /// The folded text (borrowed when nothing needed folding).
    pub(crate) text: Cow<'t, str>,
    /// The text as given.
    original: &'t str,
    /// Break points `(folded offset, shift)`, ascending: from each folded offset on (until the
    /// next break point), the original offset is the folded one plus `shift`.
    shifts: Vec<(usize, usize)>,
}

/// What one character becomes.
enum Fold {
    /// Kept as it is.
    Keep,
    /// Horizontal white space: a run reads as one space.
    Space,
    /// Invisible: read as nothing.
    Drop,
    /// A Unicode hyphen: read as `-`.
    Hyphen,
    /// A ligature: read as its letters (never more bytes than the ligature's own three).
    Letters(&'static str),
}

fn fold_of(c: char) -> Fold {
    match c {
        ' '
        | '\t'
        | '\u{a0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200a}'
        | '\u{202f}'
        | '\u{205f}'
        | '\u{3000}' => Fold::Space,
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => Fold::Drop,
        '\u{2010}' | '\u{2011}' => Fold::Hyphen,
        '\u{fb00}' => Fold::Letters("ff"),
        '\u{fb01}' => Fold::Letters("fi"),
        '\u{fb02}' => Fold::Letters("fl"),
        '\u{fb03}' => Fold::Letters("ffi"),
        '\u{fb04}' => Fold::Letters("ffl"),
        _ => Fold::Keep,
    }
}

/// What the character `c` at `at` in `text` becomes: [`fold_of`], and an en dash between two
/// letters or digits ("real–time", "end–to–end", as word processors write a hyphen) is a
/// hyphen. An en dash with spaces around it ("Data Scientist – Remote") stays a dash.
fn fold_at(text: &str, at: usize, c: char) -> Fold {
    if c == '\u{2013}' {
        let before = text[..at].chars().next_back();
        let after = text[at + c.len_utf8()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric) {
            return Fold::Hyphen;
        }
    }
    fold_of(c)
}

/// The next place at or after `from` that one scan finds: scan 0 two spaces in a row, scans 1
/// and 2 a tab or the lead byte of a character [`fold_of`] changes (every such character
/// starts with 0xC2, 0xE1, 0xE2, 0xE3 or 0xEF), checked, since curly quotes and bullets share
/// those lead bytes.
fn scan(which: usize, text: &str, mut from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    loop {
        let hay = bytes.get(from..)?;
        let at = from
            + match which {
                0 => return memchr::memmem::find(hay, b"  ").map(|i| from + i),
                1 => memchr::memchr3(b'\t', 0xC2, 0xE2, hay)?,
                _ => memchr::memchr3(0xE1, 0xE3, 0xEF, hay)?,
            };
        match text[at..].chars().next() {
            Some(c) if !matches!(fold_at(text, at, c), Fold::Keep) => return Some(at),
            Some(c) => from = at + c.len_utf8(),
            None => return None,
        }
    }
}

/// The next place at or after `from` that needs folding. Three fast byte scans (SIMD
/// `memchr`), which most postings pass through without a hit or with a few; `cache` holds each
/// scan's last answer, so that none scans the same text twice.
fn next_special(text: &str, from: usize, cache: &mut [Option<Option<usize>>; 3]) -> Option<usize> {
    for (which, slot) in cache.iter_mut().enumerate() {
        if slot.is_none_or(|at| at.is_some_and(|at| at < from)) {
            *slot = Some(scan(which, text, from));
        }
    }
    cache.iter().flatten().flatten().copied().min()
}

/// Where a run of white space that goes on at `from` ends: over spaces, tabs, other Unicode
/// spaces and invisible characters.
fn run_end(text: &str, mut from: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(from) {
        if b == b' ' || b == b'\t' {
            from += 1;
        } else if b >= 0x80 {
            match text[from..].chars().next() {
                Some(c) if matches!(fold_of(c), Fold::Space | Fold::Drop) => from += c.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    from
}

impl<'t> Spacing<'t> {
    /// Folds the spacing of `text` (see the module doc); borrows it when nothing changes.
    pub(crate) fn fold(text: &'t str) -> Spacing<'t> {
        let mut cache = [None, None, None];
        let Some(mut start) = next_special(text, 0, &mut cache) else {
            return Spacing {
                text: Cow::Borrowed(text),
                original: text,
                shifts: Vec::new(),
            };
        };
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        let mut shift = 0;
        let mut copied = 0;
        loop {
            out.push_str(&text[copied..start]);
            let before = out.len();
            let c = text[start..].chars().next().unwrap_or(' ');
            let end = match fold_at(text, start, c) {
                Fold::Space => {
                    // A run reads as one space, also when it starts with a plain one.
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                    run_end(text, start)
                }
                // An invisible character after a space goes on with the run.
                Fold::Drop if out.ends_with(' ') => run_end(text, start),
                Fold::Drop => start + c.len_utf8(),
                Fold::Hyphen => {
                    out.push('-');
                    start + c.len_utf8()
                }
                Fold::Letters(letters) => {
                    out.push_str(letters);
                    start + c.len_utf8()
                }
                Fold::Keep => {
                    out.push(c);
                    start + c.len_utf8()
                }
            };
            let (read, wrote) = (end - start, out.len() - before);
            if read != wrote {
                shift += read - wrote;
                shifts.push((out.len(), shift));
            }
            copied = end;
            match next_special(text, copied, &mut cache) {
                Some(next) => start = next,
                None => break,
            }
        }
        out.push_str(&text[copied..]);
        debug_assert_eq!(out.len() + shift, text.len());
        Spacing {
            text: Cow::Owned(out),
            original: text,
            shifts,
        }
    }

    /// Whether the folded text differs from the text as given.
    pub(crate) fn folds(&self) -> bool {
        matches!(self.text, Cow::Owned(_))
    }

    /// The shift at folded offset `at`.
    fn shift(&self, at: usize) -> usize {
        match self.shifts.partition_point(|&(p, _)| p <= at) {
            0 => 0,
            n => self.shifts[n - 1].1,
        }
    }

    /// The original offset of the span `start..end` of the folded text: from the first
    /// character of the span to just past its last one, so that a hit never takes in the
    /// spaces or invisible characters beside it.
    pub(crate) fn original(&self, start: usize, end: usize) -> (usize, usize) {
        if !self.folds() {
            return (start, end);
        }
        // A span may start inside the letters of a ligature: it starts with the ligature.
        let mut orig_start = start + self.shift(start);
        while !self.original.is_char_boundary(orig_start) {
            orig_start -= 1;
        }
        if end <= start {
            return (orig_start, orig_start);
        }
        // Just past the original character of the span's last byte.
        let mut orig_end = end - 1 + self.shift(end - 1) + 1;
        while !self.original.is_char_boundary(orig_end) {
            orig_end += 1;
        }
        (orig_start, orig_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The original text of the folded span `start..end`.
    fn back<'a>(text: &'a str, folded: &Spacing<'_>, start: usize, end: usize) -> &'a str {
        let (s, e) = folded.original(start, end);
        &text[s..e]
    }

    #[test]
    fn plain_text_is_borrowed() {
        let f = Spacing::fold("machine learning, and data-driven work.");
        assert!(matches!(f.text, Cow::Borrowed(_)));
        assert_eq!(f.original(3, 9), (3, 9));
    }

    #[test]
    fn runs_of_spaces_read_as_one() {
        for text in [
            "machine  learning",
            "machine\tlearning",
            "machine\u{a0}learning",
            "machine \u{a0} learning",
            "machine\u{2009}learning",
            "machine\u{202f}learning",
            "machine\u{3000}learning",
        ] {
            let f = Spacing::fold(text);
            assert_eq!(f.text, "machine learning", "{text:?}");
            assert_eq!(back(text, &f, 8, 16), "learning");
            assert_eq!(back(text, &f, 0, 16), text);
            assert_eq!(back(text, &f, 0, 7), "machine");
        }
    }

    #[test]
    fn invisible_characters_read_as_nothing() {
        let text = "ma\u{ad}chine learn\u{200b}ing \u{feff}models";
        let f = Spacing::fold(text);
        assert_eq!(f.text, "machine learning models");
        assert_eq!(back(text, &f, 0, 7), "ma\u{ad}chine");
        assert_eq!(back(text, &f, 8, 16), "learn\u{200b}ing");
        assert_eq!(back(text, &f, 17, 23), "models");
    }

    #[test]
    fn unicode_hyphens_read_as_hyphens() {
        let text = "real\u{2011}time and end\u{2010}to\u{2010}end";
        let f = Spacing::fold(text);
        assert_eq!(f.text, "real-time and end-to-end");
        assert_eq!(back(text, &f, 0, 9), "real\u{2011}time");
        assert_eq!(back(text, &f, 14, 24), "end\u{2010}to\u{2010}end");
    }

    #[test]
    fn ligatures_read_as_their_letters() {
        let text = "\u{fb01}ne-tuning of work\u{fb02}ows, e\u{fb03}cient";
        let f = Spacing::fold(text);
        assert_eq!(f.text, "fine-tuning of workflows, efficient");
        assert_eq!(back(text, &f, 0, 11), "\u{fb01}ne-tuning");
        assert_eq!(back(text, &f, 15, 24), "work\u{fb02}ows");
        // A span that starts or ends inside a ligature's letters takes the whole ligature.
        assert_eq!(back(text, &f, 1, 4), "\u{fb01}ne");
        assert_eq!(back(text, &f, 26, 28), "e\u{fb03}");
    }

    #[test]
    fn an_en_dash_inside_a_word_is_a_hyphen() {
        let text = "real\u{2013}time, end\u{2013}to\u{2013}end; Data Scientist \u{2013} Remote";
        let f = Spacing::fold(text);
        assert_eq!(
            f.text,
            "real-time, end-to-end; Data Scientist \u{2013} Remote"
        );
        assert_eq!(back(text, &f, 0, 9), "real\u{2013}time");
    }

    #[test]
    fn line_breaks_and_other_text_stay() {
        for text in [
            "one\ntwo",
            "one\r\ntwo",
            "caf\u{e9} \u{2019}quoted\u{2019} \u{2013} x",
        ] {
            let f = Spacing::fold(text);
            assert_eq!(f.text, text);
            assert!(matches!(f.text, Cow::Borrowed(_)));
        }
        // A space before a line break is kept; only runs fold.
        assert_eq!(Spacing::fold("a  \n  b").text, "a \n b");
    }

    #[test]
    fn every_folded_offset_maps_to_a_char_boundary() {
        let text = "\u{a0}\u{a0}x\u{ad}\u{ad}y \u{2011}\t z\u{feff}\u{fb03}\u{fb01}";
        let f = Spacing::fold(text);
        for s in 0..=f.text.len() {
            for e in s..=f.text.len() {
                if f.text.is_char_boundary(s) && f.text.is_char_boundary(e) {
                    let (a, b) = f.original(s, e);
                    assert!(a <= b && b <= text.len());
                    assert!(
                        text.is_char_boundary(a) && text.is_char_boundary(b),
                        "{s}..{e}"
                    );
                }
            }
        }
    }
}
