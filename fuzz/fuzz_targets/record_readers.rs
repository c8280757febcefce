//! The JSONL, JSON, CSV and TSV readers and the record parser never panic on any bytes, and a
//! JSONL input yields exactly one record per non-blank line.
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
        if kind == FileKind::Jsonl {
            let lines = data
                .split(|&b| b == b'\n')
                .filter(|l| !l.iter().all(|b| b.is_ascii_whitespace()))
                .count();
            assert_eq!(records.len(), lines);
        }
    }
});
