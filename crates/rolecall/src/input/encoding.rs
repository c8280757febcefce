//! Text that went through the wrong encoding on its way here.
//!
//! Two accidents are common in job postings:
//! - **a file in Windows-1252**, as old Windows programs and Excel's "CSV" export save them,
//!   read as UTF-8: "don’t" holds the single byte `0x92`, which is no UTF-8. When a record's
//!   bytes are not UTF-8 and hold no UTF-8 sequence at all, the readers decode them as
//!   Windows-1252 (what browsers do with such pages), with a warning.
//! - **mojibake**: UTF-8 text that someone read as Windows-1252 and saved again as UTF-8, so
//!   that "don’t" has become "donâ€™t" and a bullet "â€¢". Scraped dumps are full of it, and it
//!   hides headings ("What youâ€™ll do") from the classifier. [`repair`] turns every run of such
//!   characters back into what it was, where it spells valid UTF-8. Real text almost never does:
//!   "café" stays as it is, because "é" alone is no UTF-8 sequence.
//!
//! And a third, of whole files: **UTF-16**, as Notepad's "Unicode" and Excel's "Unicode Text"
//! (a tab-separated export) save them, with a byte-order mark, or without one (told by where
//! its zero bytes fall). The readers turn such a file into UTF-8 as it is read, so every
//! reader after it sees the text it holds.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

/// Decodes `bytes` (without a UTF-8 byte-order mark) as UTF-8; bytes that are not UTF-8 and
/// hold no UTF-8 sequence are read as Windows-1252, and otherwise what is not UTF-8 is replaced
/// with U+FFFD. Either fallback adds a warning.
pub(crate) fn decode(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let any_utf8 = bytes.utf8_chunks().any(|c| !c.valid().is_ascii());
    if any_utf8 {
        warnings.push("invalid UTF-8 replaced with U+FFFD".to_string());
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        warnings.push("not UTF-8: read as Windows-1252".to_string());
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        text.into_owned()
    }
}

/// `text` with its mojibake repaired: every run of characters that Windows-1252 encodes in one
/// byte each, at or above U+0080, is encoded so, and the parts of those bytes that are valid
/// UTF-8 are decoded ("â€™" becomes "’", "Ã©" "é"). What does not decode stays as it was.
/// Borrowed, without a copy, when there is nothing to repair.
pub fn repair(text: &str) -> Cow<'_, str> {
    // A run of mojibake starts with a UTF-8 lead byte read as a Latin-1 letter (U+00C2 to
    // U+00F4), which UTF-8 writes as 0xC3 and a second byte: without 0xC3 there is none.
    if memchr::memchr(0xC3, text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    let in_1252 = |c: char| byte_in_1252(c).is_some();
    while let Some(start) = rest.find(in_1252) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let len = run.find(|c: char| !in_1252(c)).unwrap_or(run.len());
        let run = &run[..len];
        changed |= repair_run(run, &mut out);
        rest = &rest[start + len..];
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The 27 characters Windows-1252 writes at 0x80 to 0x9F, where Latin-1 has C1 controls.
const AT_0X80: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// The Windows-1252 byte of a non-ASCII character it writes in one byte: U+00A0 to U+00FF and
/// the five C1 controls it leaves unassigned are their own byte, the others are in
/// [`AT_0X80`].
fn byte_in_1252(c: char) -> Option<u8> {
    match c {
        '\u{80}'..='\u{ff}' => Some(c as u32 as u8),
        _ => AT_0X80.iter().find(|&&(k, _)| k == c).map(|&(_, b)| b),
    }
}

/// Appends `run` to `out` with the parts of its Windows-1252 bytes that are valid UTF-8
/// decoded; whether anything changed.
fn repair_run(run: &str, out: &mut String) -> bool {
    let bytes: Vec<u8> = run.chars().filter_map(byte_in_1252).collect();
    let originals: Vec<char> = run.chars().collect();
    let mut changed = false;
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if !valid.is_empty() {
            // Every byte here is 0x80 or above, so a valid part is multi-byte characters only.
            out.push_str(valid);
            changed = true;
            at += valid.len();
        }
        for _ in chunk.invalid() {
            out.push(originals[at]);
            at += 1;
        }
    }
    changed
}

/// `reader` as UTF-8: as it is when it does not open with a UTF-16 byte-order mark or look like
/// UTF-16 without one, else decoded from UTF-16 (little- or big-endian, by the mark or the
/// zero bytes), streaming. Unpaired surrogates
/// become U+FFFD.
pub(crate) fn utf8_reader(mut reader: Box<dyn BufRead + Send>) -> Box<dyn BufRead + Send> {
    let encoding = match reader.fill_buf() {
        Ok(start) => match utf16_encoding(start) {
            Some(encoding) => encoding,
            None => return reader,
        },
        Err(_) => return reader,
    };
    Box::new(io::BufReader::with_capacity(
        256 * 1024,
        Utf16Reader {
            inner: reader,
            decoder: encoding.new_decoder_with_bom_removal(),
            out: Vec::new(),
            pos: 0,
            done: false,
        },
    ))
}

/// Whether a file that starts with these bytes is read as UTF-16 (and so turned into UTF-8 as
/// it is read): it opens with a UTF-16 byte-order mark, or its first 512 bytes look like
/// UTF-16 without one (zero high bytes in nine units in ten, no unit of two zero bytes).
pub fn reads_as_utf16(start: &[u8]) -> bool {
    utf16_encoding(start).is_some()
}

/// The UTF-16 encoding of a file starting with `start`, by its mark or its zero bytes.
fn utf16_encoding(start: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match start {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => utf16_without_mark(start),
    }
}

/// How many bytes of a file's start [`utf16_without_mark`] looks at.
const UTF16_SNIFF: usize = 512;

/// The UTF-16 of a file saved without a byte-order mark (some exports, PowerShell's `>` on old
/// Windows), told by its zero bytes: text in a Latin script has a zero high byte in nearly
/// every unit, at odd offsets in little-endian and even ones in big-endian, while a binary file
/// has zero bytes on both sides or none. At least eight units, nine in ten with the high byte
/// zero and the low byte not, and no unit of two zero bytes.
fn utf16_without_mark(start: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let units: Vec<[u8; 2]> = start[..start.len().min(UTF16_SNIFF)]
        .chunks_exact(2)
        .map(|c| [c[0], c[1]])
        .collect();
    if units.len() < 8 || units.iter().any(|u| u == &[0, 0]) {
        return None;
    }
    let most = |count: usize| count * 10 >= units.len() * 9;
    let low_first = units.iter().filter(|u| u[0] != 0 && u[1] == 0).count();
    let high_first = units.iter().filter(|u| u[0] == 0 && u[1] != 0).count();
    if most(low_first) {
        Some(encoding_rs::UTF_16LE)
    } else if most(high_first) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// UTF-16 bytes in, UTF-8 bytes out.
struct Utf16Reader {
    inner: Box<dyn BufRead + Send>,
    decoder: encoding_rs::Decoder,
    /// Decoded bytes not yet read, from `pos`.
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl Read for Utf16Reader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.pos < self.out.len() {
                let n = buf.len().min(self.out.len() - self.pos);
                buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
                self.pos += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            let src = self.inner.fill_buf()?;
            let last = src.is_empty();
            // Room for all of `src`: the decoder then consumes it whole.
            let room = self
                .decoder
                .max_utf8_buffer_length(src.len())
                .unwrap_or(src.len() * 3 + 16);
            self.out.resize(room, 0);
            let (_, read, written, _) = self.decoder.decode_to_utf8(src, &mut self.out, last);
            self.out.truncate(written);
            self.pos = 0;
            self.inner.consume(read);
            self.done = last;
        }
    }
}

#[cfg(test)]
mod tests {

    fn read_all(bytes: Vec<u8>) -> String {
        let mut out = String::new();
        utf8_reader(Box::new(std::io::Cursor::new(bytes)))
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn utf16_files_are_read_as_utf8() {
        let text = "Data Engineer\r\nBuild pipelines \u{2013} caf\u{e9} \u{1F680}\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(read_all(le.clone()), text);
        assert_eq!(read_all(be), text);
        // A cut-off last unit is a replacement character, not an error.
        let cut = format!("{}\u{fffd}", &text[..text.len() - 1]);
        assert_eq!(read_all(le[..le.len() - 1].to_vec()), cut);
        // Without a mark, the zero bytes tell the order; a stray zero byte is no UTF-16.
        let bare =
            |to: fn(u16) -> [u8; 2]| -> Vec<u8> { text.encode_utf16().flat_map(to).collect() };
        assert_eq!(read_all(bare(u16::to_le_bytes)), text);
        assert_eq!(read_all(bare(u16::to_be_bytes)), text);
        assert_eq!(read_all(b"A\0B\0".to_vec()), "A\0B\0", "too short to tell");
        let binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
        assert_eq!(utf16_without_mark(&binary), None);
        let mostly_text = b"D\0a\0t\0a\0 \0E\0n\0g\0\0\0".to_vec();
        assert_eq!(
            utf16_without_mark(&mostly_text),
            None,
            "a unit of two zero bytes"
        );
        // Anything else passes through untouched, UTF-8 mark and all.
        assert_eq!(read_all(b"\xEF\xBB\xBFplain".to_vec()), "\u{feff}plain");
        assert_eq!(read_all(Vec::new()), "");
    }

    use super::*;

    #[test]
    fn the_table_is_windows_1252() {
        // Every byte from 0x80 up, decoded by encoding_rs's WHATWG table, maps back to itself.
        for b in 0x80..=0xFFu8 {
            let byte = [b];
            let (c, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            let c = c.chars().next().unwrap();
            assert_eq!(byte_in_1252(c), Some(b), "{c:?}");
        }
        assert_eq!(byte_in_1252('é'), Some(0xE9));
        assert_eq!(byte_in_1252('日'), None);
    }

    #[test]
    fn mojibake_is_repaired() {
        assert_eq!(repair("What youâ€™ll do"), "What you’ll do");
        assert_eq!(
            repair("â€¢ Build pipelines â€“ fast"),
            "• Build pipelines – fast"
        );
        assert_eq!(repair("â€œquotedâ€\u{9d}"), "“quoted”");
        assert_eq!(repair("rÃ©sumÃ©"), "résumé");
        assert_eq!(repair("Â\u{a0}nbsp"), "\u{a0}nbsp");
    }

    #[test]
    fn real_text_is_left_alone() {
        for text in [
            "café, naïve, Zürich, São Paulo, Ångström",
            "résumé — “quoted” • bullet ’",
            "plain ASCII",
            "日本語のテキスト",
            "Ã alone",
        ] {
            assert!(matches!(repair(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn mojibake_beside_real_accents_is_repaired_and_they_stay() {
        assert_eq!(repair("Café youâ€™ll"), "Café you’ll");
        assert_eq!(repair("éâ€™"), "é’");
    }

    #[test]
    fn windows_1252_files_are_read_as_such() {
        let mut warnings = Vec::new();
        let text = decode(b"don\x92t \x96 caf\xe9", &mut warnings);
        assert_eq!(text, "don’t – café");
        assert_eq!(warnings, ["not UTF-8: read as Windows-1252"]);
    }

    #[test]
    fn broken_utf8_keeps_its_utf8() {
        let mut warnings = Vec::new();
        let text = decode(
            "café \u{2019}"
                .as_bytes()
                .iter()
                .chain(b"\xff")
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
            &mut warnings,
        );
        assert_eq!(text, "café \u{2019}\u{fffd}");
        assert_eq!(warnings, ["invalid UTF-8 replaced with U+FFFD"]);
        let mut warnings = Vec::new();
        assert_eq!(decode(b"\xEF\xBB\xBFplain", &mut warnings), "plain");
        assert!(warnings.is_empty());
    }
}
