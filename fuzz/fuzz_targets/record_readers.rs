//! The JSONL, JSON, CSV, TSV and XML-feed readers and the record parser never panic on any bytes, and a
//! JSONL input yields exactly one record per non-blank line (of the text it decodes to: a UTF-8
//! mark opening it is no part of a line, and UTF-16, marked or not, is not counted in bytes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolecall::input::{records_from_reader, DocFormat, FileKind, ParseOptions, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let read = ReadOptions { max_record_bytes: 64 * 1024 };
    let parse = ParseOptions { max_bytes: 16 * 1024, ..ParseOptions::default() };
    let kinds = [
        FileKind::Jsonl,
        FileKind::Json,
        FileKind::Delimited(b','),
        FileKind::Delimited(b'\t'),
        FileKind::Xml,
        FileKind::Document(DocFormat::Html),
        FileKind::Document(DocFormat::Markdown),
    ];
    for kind in kinds {
        let records: Vec<_> =
            records_from_reader("fuzz", std::io::Cursor::new(data.to_vec()), kind, &read).collect();
        for r in &records {
            match r.parse(&parse) {
                Ok(p) => assert!(p.posting.text.len() <= parse.max_bytes),
                Err(e) => assert!(!e.error.is_empty()),
            }
        }
        // UTF-16 (by its byte-order mark or its zero bytes) is read as the UTF-8 it decodes to,
        // whose lines are not those of the bytes; a UTF-8 mark opening the input is not part
        // of its first line.
        let utf16 = rolecall::input::encoding::reads_as_utf16(data);
        if kind == FileKind::Jsonl && !utf16 {
            let text = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
            let lines = text
                .split(|&b| b == b'\n')
                .filter(|l| !l.iter().all(|b| b.is_ascii_whitespace()))
                .count();
            assert_eq!(records.len(), lines);
        }
    }
});
