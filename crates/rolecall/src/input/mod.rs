//! Reading postings from the shapes people keep them in.
//!
//! [`Records`] turns a list of inputs (files, directories, stdin) into a stream of
//! [`RawRecord`]s, lazily and in a stable order: directories are walked in sorted order, files
//! are read record by record. Every record that is found comes out exactly once, either to be
//! parsed ([`RawRecord::parse`]) or as a [`Payload::Failed`] that says why it could not be read,
//! so a batch never loses a record and never stops on a bad one.
//!
//! | extension | records |
//! |---|---|
//! | `.txt`, `.text` | one posting; the first line is the title |
//! | `.md`, `.markdown` | one posting; the first line, without `#`, is the title |
//! | `.html`, `.htm` | one posting; title from JSON-LD `JobPosting`, `<h1>` or `<title>`; text from the `JobPosting` description (200 characters or more), else the page |
//! | `.jsonl`, `.ndjson` | one posting per line |
//! | `.json` | one object, or an array of objects |
//! | `.csv`, `.tsv` | one posting per row, columns found by header name |
//! | any of these + `.gz` | the same, gzip-compressed |
//! | no extension | sniffed from the first bytes |

pub(crate) mod document;
pub mod encoding;
mod escapes;
pub mod html;
mod json_fields;
mod record;
mod sources;
mod xml_feed;

pub use record::{
    posting_from_fields, DocFormat, ParseOptions, Parsed, Payload, RawRecord, RecordError,
};
pub use sources::{records_from_reader, FileKind, Input, ReadOptions, Records};
