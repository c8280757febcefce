//! Inputs to records: walking directories, opening files, splitting multi-record formats.

use super::record::{DocFormat, Payload, RawRecord};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file or a directory.
    Path(PathBuf),
}

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The most bytes kept of one record as read (a document file, a JSONL line, a JSON file);
    /// the rest is skipped with a warning or, for formats that cannot be cut, an error.
    pub max_record_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_record_bytes: 16 * 1024 * 1024,
        }
    }
}

/// What a file holds, from its extension or its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// One posting.
    Document(DocFormat),
    /// JSON Lines.
    Jsonl,
    /// A JSON object or array.
    Json,
    /// Delimited text with a header row.
    Delimited(u8),
    /// An XML job feed (Indeed's, RSS, Atom): one posting per `<job>`, `<item>` or `<entry>`.
    Xml,
}

impl FileKind {
    /// The kind a file name says, and whether it is gzip-compressed. `None`: the name says
    /// nothing (no or unknown extension).
    pub fn from_path(path: &Path) -> (Option<FileKind>, bool) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let (name, gz) = match name.strip_suffix(".gz") {
            Some(inner) => (inner.to_string(), true),
            None => (name, false),
        };
        let ext = Path::new(&name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        let kind = match ext {
            "txt" | "text" => FileKind::Document(DocFormat::Text),
            "md" | "markdown" => FileKind::Document(DocFormat::Markdown),
            "html" | "htm" | "xhtml" => FileKind::Document(DocFormat::Html),
            "jsonl" | "ndjson" => FileKind::Jsonl,
            "json" => FileKind::Json,
            "csv" => FileKind::Delimited(b','),
            "tsv" | "tab" => FileKind::Delimited(b'\t'),
            "xml" | "rss" | "atom" => FileKind::Xml,
            _ => return (None, gz),
        };
        (Some(kind), gz)
    }

    /// Guesses a kind from the first bytes of a file.
    pub fn sniff(head: &[u8]) -> FileKind {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        match head.get(start) {
            Some(b'{') => FileKind::Jsonl,
            Some(b'[') => FileKind::Json,
            Some(b'<') if is_xml_feed(&head[start..]) => FileKind::Xml,
            Some(b'<') => FileKind::Document(DocFormat::Html),
            _ => FileKind::Document(DocFormat::Text),
        }
    }
}

/// Whether a document opening with `<` is an XML feed rather than a web page: an XML
/// declaration or an RSS, Atom or Indeed-style root element (`<rss`, `<feed`, `<source`,
/// `<jobs`), and no `<html` in the first bytes (XHTML is a page).
fn is_xml_feed(head: &[u8]) -> bool {
    let head = &head[..head.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if has(b"<html") || has(b"<!doctype html") {
        return false;
    }
    [&b"<?xml"[..], b"<rss", b"<feed", b"<source", b"<jobs"]
        .iter()
        .any(|root| lower.starts_with(root))
}

type Iter = Box<dyn Iterator<Item = RawRecord> + Send>;

/// The stream of records from a list of inputs, in input order.
pub struct Records {
    pending: VecDeque<Input>,
    walk: Option<Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>> + Send>>,
    current: Option<Iter>,
    opts: ReadOptions,
}

impl Records {
    /// Records from `inputs`, read lazily.
    pub fn new(inputs: Vec<Input>, opts: ReadOptions) -> Records {
        Records {
            pending: inputs.into(),
            walk: None,
            current: None,
            opts,
        }
    }

    fn next_file(&mut self) -> Option<Iter> {
        loop {
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) => {
                        if entry.file_type().is_dir() {
                            continue;
                        }
                        let path = entry.path();
                        let (kind, _) = FileKind::from_path(path);
                        let has_ext = path.extension().is_some();
                        // In a directory, files whose extension names another format (images,
                        // PDFs) are not postings; files without an extension are sniffed.
                        if kind.is_none() && has_ext && !is_gz(path) {
                            continue;
                        }
                        return Some(open_file(path, &self.opts));
                    }
                    Some(Err(e)) => {
                        let source = e
                            .path()
                            .map_or_else(|| "?".to_string(), |p| p.display().to_string());
                        return Some(failed(&source, walk_error(&e)));
                    }
                    None => self.walk = None,
                }
                continue;
            }
            match self.pending.pop_front()? {
                Input::Stdin => return Some(open_stdin(&self.opts)),
                Input::Path(path) => {
                    if path.is_dir() {
                        self.walk = Some(Box::new(
                            walkdir::WalkDir::new(&path)
                                .follow_links(true)
                                .sort_by_file_name()
                                .into_iter()
                                .filter_entry(|e| e.depth() == 0 || !is_hidden(e)),
                        ));
                    } else {
                        return Some(open_file(&path, &self.opts));
                    }
                }
            }
        }
    }
}

impl Iterator for Records {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        loop {
            if let Some(it) = &mut self.current {
                if let Some(r) = it.next() {
                    return Some(r);
                }
                self.current = None;
            }
            self.current = Some(self.next_file()?);
        }
    }
}

fn is_hidden(e: &walkdir::DirEntry) -> bool {
    e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
}

fn is_gz(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

fn walk_error(e: &walkdir::Error) -> String {
    if e.loop_ancestor().is_some() {
        "symbolic link loop: not followed".to_string()
    } else if let Some(io) = e.io_error() {
        io.to_string()
    } else {
        e.to_string()
    }
}

fn failed(source: &str, error: impl Into<String>) -> Iter {
    Box::new(std::iter::once(RawRecord {
        source: source.into(),
        line: None,
        payload: Payload::Failed(error.into()),
        warnings: Vec::new(),
    }))
}

fn open_stdin(opts: &ReadOptions) -> Iter {
    let mut reader =
        super::encoding::utf8_reader(Box::new(BufReader::with_capacity(256 * 1024, io::stdin())));
    let kind = match reader.fill_buf() {
        Ok(head) => FileKind::sniff(head),
        Err(e) => return failed("-", format!("cannot read stdin: {e}")),
    };
    let kind = match kind {
        FileKind::Document(f) => return document("-".into(), reader, f, false, opts),
        other => other,
    };
    records_of(Arc::from("-"), reader, kind, opts)
}

fn open_file(path: &Path, opts: &ReadOptions) -> Iter {
    let shown = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return failed(&shown, format!("cannot open: {e}")),
    };
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return failed(&shown, "is a directory");
    }
    let (kind, gz) = FileKind::from_path(path);
    let raw: Box<dyn Read + Send> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(file)
    };
    let mut reader =
        super::encoding::utf8_reader(Box::new(BufReader::with_capacity(256 * 1024, raw)));
    let kind = match kind {
        Some(k) => k,
        None => match reader.fill_buf() {
            Ok(head) => FileKind::sniff(head),
            Err(e) => return failed(&shown, format!("cannot read: {e}")),
        },
    };
    let source: Arc<str> = shown.into();
    match kind {
        FileKind::Document(f) => document(source, reader, f, true, opts),
        other => records_of(source, reader, other, opts),
    }
}

/// Records of one kind from any reader (a file, stdin, bytes in memory), named `source` in ids
/// and errors. UTF-16 with a byte-order mark is read as UTF-8, as from a file.
pub fn records_from_reader(
    source: &str,
    reader: impl BufRead + Send + 'static,
    kind: FileKind,
    opts: &ReadOptions,
) -> impl Iterator<Item = RawRecord> + Send {
    records_of(
        Arc::from(source),
        super::encoding::utf8_reader(Box::new(reader)),
        kind,
        opts,
    )
}

fn records_of(
    source: Arc<str>,
    reader: Box<dyn BufRead + Send>,
    kind: FileKind,
    opts: &ReadOptions,
) -> Iter {
    match kind {
        FileKind::Document(f) => document(source, reader, f, true, opts),
        FileKind::Jsonl => Box::new(JsonLines {
            source,
            reader,
            line: 0,
            limit: opts.max_record_bytes,
            done: false,
        }),
        FileKind::Json => json_file(source, reader, opts),
        FileKind::Delimited(delim) => Box::new(delimited(source, reader, delim)),
        FileKind::Xml => Box::new(super::xml_feed::XmlFeed::new(
            source,
            reader,
            opts.max_record_bytes,
        )),
    }
}

/// Reads at most `limit` bytes; says whether more was there (and skips it).
fn read_capped(reader: &mut (dyn BufRead + Send), limit: usize) -> io::Result<(Vec<u8>, bool)> {
    let mut buf = Vec::new();
    reader.take(limit as u64).read_to_end(&mut buf)?;
    let more = !reader.fill_buf()?.is_empty();
    if more {
        io::copy(reader, &mut io::sink())?;
    }
    Ok((buf, more))
}

fn document(
    source: Arc<str>,
    mut reader: Box<dyn BufRead + Send>,
    format: DocFormat,
    titled: bool,
    opts: &ReadOptions,
) -> Iter {
    let record = match read_capped(&mut reader, opts.max_record_bytes) {
        Ok((bytes, more)) => {
            let warnings = if more {
                vec![format!(
                    "file larger than {} bytes: the rest was not read",
                    opts.max_record_bytes
                )]
            } else {
                Vec::new()
            };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                RawRecord {
                    source,
                    line: None,
                    payload: Payload::Failed("empty file: no posting".into()),
                    warnings,
                }
            } else {
                RawRecord {
                    source,
                    line: None,
                    payload: Payload::Document {
                        bytes,
                        format,
                        titled,
                    },
                    warnings,
                }
            }
        }
        Err(e) => RawRecord {
            source,
            line: None,
            payload: Payload::Failed(format!("cannot read: {e}")),
            warnings: vec![],
        },
    };
    Box::new(std::iter::once(record))
}

/// JSON Lines: one record per non-blank line. Lines are split here; JSON is parsed later, on
/// the workers.
struct JsonLines {
    source: Arc<str>,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    limit: usize,
    done: bool,
}

impl Iterator for JsonLines {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        while !self.done {
            self.line += 1;
            let mut buf = Vec::new();
            let (payload, too_long) =
                match read_line_capped(&mut *self.reader, &mut buf, self.limit) {
                    Ok(None) => {
                        self.done = true;
                        return None;
                    }
                    Ok(Some(n)) => (None, (n > self.limit).then_some(n)),
                    Err(e) => {
                        self.done = true;
                        (Some(Payload::Failed(format!("cannot read: {e}"))), None)
                    }
                };
            let payload = match (payload, too_long) {
                (Some(p), _) => p,
                (None, Some(n)) => Payload::Failed(format!(
                    "line of {n} bytes is longer than the limit of {} bytes",
                    self.limit
                )),
                (None, None) => {
                    // A byte-order mark opens the files of some Windows tools (PowerShell's
                    // `Out-File -Encoding utf8`, Notepad): it is not part of the first record.
                    if self.line == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                        buf.drain(..3);
                    }
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    Payload::JsonLine(buf)
                }
            };
            return Some(RawRecord {
                source: self.source.clone(),
                line: Some(self.line),
                payload,
                warnings: Vec::new(),
            });
        }
        None
    }
}

/// Reads one line into `buf`, keeping at most `limit` bytes. Returns the line's full length
/// (without its end), or `None` at end of input.
fn read_line_capped(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<usize>> {
    let mut total = 0usize;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let (part, found) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if buf.len() < limit {
            let room = limit - buf.len();
            buf.extend_from_slice(&part[..part.len().min(room)]);
        }
        total += part.len();
        let used = found.unwrap_or(chunk.len());
        reader.consume(used);
        if found.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(total));
        }
    }
}

/// A `.json` file: an array is streamed element by element (elements are split here and
/// parsed later, on the workers, like JSONL lines); one object is read whole, and is a list of
/// postings when it is an API's response that wraps them
/// ([`super::json_fields::wrapped_postings`]).
fn json_file(source: Arc<str>, mut reader: Box<dyn BufRead + Send>, opts: &ReadOptions) -> Iter {
    let fail = |source: Arc<str>, msg: String| -> Iter {
        Box::new(std::iter::once(RawRecord {
            source,
            line: None,
            payload: Payload::Failed(msg),
            warnings: vec![],
        }))
    };
    match skip_to_first_byte(&mut *reader) {
        Ok(Some(b'[')) => {
            reader.consume(1);
            return Box::new(JsonArray {
                source,
                reader,
                index: 0,
                limit: opts.max_record_bytes,
                done: false,
            });
        }
        Ok(_) => {}
        Err(e) => return fail(source, format!("cannot read: {e}")),
    }
    let (bytes, more) = match read_capped(&mut reader, opts.max_record_bytes) {
        Ok(r) => r,
        Err(e) => return fail(source, format!("cannot read: {e}")),
    };
    if more {
        return fail(
            source,
            format!(
                "JSON object larger than {} bytes; use JSON Lines or an array for collections",
                opts.max_record_bytes
            ),
        );
    }
    if let Ok(serde_json::Value::Object(obj)) = serde_json::from_slice(&bytes) {
        let fields = super::record::TEXT_FIELDS;
        if let Some(items) = super::json_fields::wrapped_postings(&obj, fields) {
            let records: Vec<RawRecord> = items
                .iter()
                .zip(1..)
                .map(|(item, index)| RawRecord {
                    source: source.clone(),
                    line: Some(index),
                    payload: Payload::JsonLine(serde_json::to_vec(item).unwrap_or_default()),
                    warnings: vec![],
                })
                .collect();
            return Box::new(records.into_iter());
        }
    }
    Box::new(std::iter::once(RawRecord {
        source,
        line: None,
        payload: Payload::JsonLine(bytes),
        warnings: vec![],
    }))
}

/// Consumes a byte-order mark and white space; returns the first other byte, if any.
fn skip_to_first_byte(reader: &mut (dyn BufRead + Send)) -> io::Result<Option<u8>> {
    let mut first = true;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(None);
        }
        let bom = if first && chunk.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        first = false;
        match chunk[bom..].iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                let b = chunk[bom + i];
                reader.consume(bom + i);
                return Ok(Some(b));
            }
            None => {
                let n = chunk.len();
                reader.consume(n);
            }
        }
    }
}

/// The elements of a top-level JSON array, split by tracking strings and nesting, so that an
/// array of millions of postings streams in bounded memory.
struct JsonArray {
    source: Arc<str>,
    reader: Box<dyn BufRead + Send>,
    index: u64,
    limit: usize,
    done: bool,
}

impl JsonArray {
    fn record(&self, payload: Payload) -> RawRecord {
        RawRecord {
            source: self.source.clone(),
            line: Some(self.index),
            payload,
            warnings: vec![],
        }
    }
}

impl Iterator for JsonArray {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        if self.done {
            return None;
        }
        let (mut buf, mut total) = (Vec::new(), 0usize);
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    self.index += 1;
                    return Some(self.record(Payload::Failed(format!("cannot read: {e}"))));
                }
            };
            if chunk.is_empty() {
                // End of input before the closing `]`: what is left is parsed, and fails.
                self.done = true;
                if buf.iter().all(u8::is_ascii_whitespace) {
                    return None;
                }
                self.index += 1;
                return Some(self.record(Payload::JsonLine(buf)));
            }
            let mut end = None;
            for (i, &b) in chunk.iter().enumerate() {
                if in_string {
                    match (escaped, b) {
                        (true, _) => escaped = false,
                        (false, b'\\') => escaped = true,
                        (false, b'"') => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => depth -= 1,
                    b']' | b',' if depth == 0 => {
                        end = Some((i, b == b']'));
                        break;
                    }
                    _ => {}
                }
            }
            let part = end.map_or(chunk.len(), |(i, _)| i);
            if buf.len() < self.limit {
                let room = self.limit - buf.len();
                buf.extend_from_slice(&chunk[..part.min(room)]);
            }
            total += part;
            self.reader.consume(end.map_or(part, |(i, _)| i + 1));
            let Some((_, closing)) = end else { continue };
            if closing {
                self.done = true;
                if buf.iter().all(u8::is_ascii_whitespace) {
                    return None;
                }
            }
            self.index += 1;
            if total > self.limit {
                let msg = format!(
                    "array element of {total} bytes is longer than the limit of {} bytes",
                    self.limit
                );
                return Some(self.record(Payload::Failed(msg)));
            }
            return Some(self.record(Payload::JsonLine(buf)));
        }
    }
}

/// The delimiter of a "CSV" file whose header row (the start of `head`) has no comma outside
/// quotes but has semicolons (Excel's export where the decimal mark is a comma), tabs or pipes:
/// the most frequent of those. Otherwise `default`.
fn sniff_delimiter(head: &[u8], default: u8) -> u8 {
    const OTHERS: [u8; 3] = [b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            _ if !quoted => {
                if let Some(i) = OTHERS.iter().position(|&o| o == b) {
                    counts[i + 1] += 1;
                }
            }
            _ => {}
        }
    }
    if counts[0] > 0 {
        return default;
    }
    (0..OTHERS.len())
        .filter(|&i| counts[i + 1] > 0)
        .max_by_key(|&i| (counts[i + 1], std::cmp::Reverse(i)))
        .map_or(default, |i| OTHERS[i])
}

/// CSV or TSV rows, by header. A ".csv" file separated by semicolons, tabs or pipes is read as
/// such ([`sniff_delimiter`]). Fields are decoded lossily; a row that cannot be read is one
/// failed record and reading goes on.
pub(crate) fn delimited(
    source: Arc<str>,
    mut reader: Box<dyn BufRead + Send>,
    delim: u8,
) -> impl Iterator<Item = RawRecord> {
    let delim = match (delim, reader.fill_buf()) {
        (b',', Ok(head)) => sniff_delimiter(head, delim),
        _ => delim,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let headers: Result<Arc<[String]>, String> = rdr
        .byte_headers()
        .map(|h| {
            h.iter()
                .map(|f| {
                    String::from_utf8_lossy(f)
                        .trim()
                        .trim_start_matches('\u{feff}')
                        .to_string()
                })
                .collect()
        })
        .map_err(|e| format!("cannot read the header row: {e}"));
    let mut state = Some((rdr, headers));
    let mut header_failed = false;
    std::iter::from_fn(move || {
        let (rdr, headers) = state.as_mut()?;
        let headers = match headers {
            Ok(h) => h.clone(),
            Err(e) => {
                if header_failed {
                    return None;
                }
                header_failed = true;
                return Some(RawRecord {
                    source: source.clone(),
                    line: Some(1),
                    payload: Payload::Failed(e.clone()),
                    warnings: vec![],
                });
            }
        };
        let mut row = csv::ByteRecord::new();
        match rdr.read_byte_record(&mut row) {
            Ok(false) => {
                state = None;
                None
            }
            Ok(true) => {
                let line = row.position().map_or(0, |p| p.line());
                let mut warnings = Vec::new();
                let fields = row
                    .iter()
                    .map(|f| super::encoding::decode(f, &mut warnings))
                    .collect();
                warnings.dedup();
                Some(RawRecord {
                    source: source.clone(),
                    line: Some(line),
                    payload: Payload::Row { headers, fields },
                    warnings,
                })
            }
            Err(e) => {
                let line = e.position().map(|p| p.line());
                // An I/O error ends the file; a malformed row is skipped by the reader itself.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    state = None;
                }
                Some(RawRecord {
                    source: source.clone(),
                    line,
                    payload: Payload::Failed(format!("malformed row: {e}")),
                    warnings: vec![],
                })
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ParseOptions;

    fn json(text: &str, limit: usize) -> Vec<RawRecord> {
        let opts = ReadOptions {
            max_record_bytes: limit,
        };
        records_from_reader(
            "a.json",
            io::Cursor::new(text.as_bytes().to_vec()),
            FileKind::Json,
            &opts,
        )
        .collect()
    }

    fn texts(records: &[RawRecord]) -> Vec<Result<String, String>> {
        records
            .iter()
            .map(|r| {
                r.parse(&ParseOptions::default())
                    .map(|p| p.posting.text)
                    .map_err(|e| e.to_string())
            })
            .collect()
    }

    #[test]
    fn a_csv_file_may_be_separated_by_semicolons_tabs_or_pipes() {
        assert_eq!(sniff_delimiter(b"id,title,text\n1;2", b','), b',');
        assert_eq!(sniff_delimiter(b"id;title;text\n1,2", b','), b';');
        assert_eq!(sniff_delimiter(b"id\ttitle\ttext\r\n", b','), b'\t');
        assert_eq!(sniff_delimiter(b"id|title|text", b','), b'|');
        // Separators inside quotes are the header's text; a lone column stays a CSV.
        assert_eq!(sniff_delimiter(b"\"a;b\",\"c\"\n", b','), b',');
        assert_eq!(sniff_delimiter(b"\"a,b\";\"c\"\n", b','), b';');
        assert_eq!(sniff_delimiter(b"text\n", b','), b',');
        assert_eq!(sniff_delimiter(b"", b','), b',');
        let semi = "id;title;text\n7;Data Engineer;\"Build ETL; own Airflow.\"\n";
        let rows: Vec<RawRecord> = delimited(
            "x.csv".into(),
            Box::new(std::io::Cursor::new(semi.as_bytes().to_vec())),
            b',',
        )
        .collect();
        let p = rows[0].parse(&ParseOptions::default()).unwrap().posting;
        assert_eq!(
            (rows.len(), p.id.as_str(), p.text.as_str()),
            (1, "7", "Build ETL; own Airflow.")
        );
    }

    #[test]
    fn arrays_stream_element_by_element() {
        let text = "\u{feff} [ {\"text\": \"a, ] \\\" [x\", \"tags\": [1, {\"b\": [2]}]},\n {\"text\": \"b\"} ] trailing";
        let r = json(text, 1000);
        assert_eq!(
            texts(&r),
            vec![Ok("a, ] \" [x".to_string()), Ok("b".to_string())]
        );
        assert_eq!(
            r.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![Some(1), Some(2)]
        );
        assert!(json("[]", 100).is_empty());
        assert!(json(" [ \n ] ", 100).is_empty());
    }

    #[test]
    fn a_jsonl_file_may_open_with_a_byte_order_mark() {
        let text = "\u{feff}{\"text\": \"a\"}\r\n\u{feff}{\"text\": \"b\"}\r\n";
        let r: Vec<RawRecord> = records_from_reader(
            "a.jsonl",
            io::Cursor::new(text.as_bytes().to_vec()),
            FileKind::Jsonl,
            &ReadOptions::default(),
        )
        .collect();
        let t = texts(&r);
        assert_eq!(t[0], Ok("a".to_string()));
        // Only the file's first bytes are a mark; inside, it is a bad line.
        assert!(
            t[1].as_ref().unwrap_err().contains("malformed JSON"),
            "{t:?}"
        );
    }

    #[test]
    fn bad_elements_are_records_and_reading_goes_on() {
        let long = format!(
            "[{{\"text\": \"{}\"}}, {{\"text\": \"ok\"}}, 7, {{\"text\": \"cut",
            "x".repeat(200)
        );
        let t = texts(&json(&long, 100));
        assert_eq!(t.len(), 4);
        assert!(
            t[0].as_ref().unwrap_err().contains("longer than the limit"),
            "{t:?}"
        );
        assert_eq!(t[1], Ok("ok".to_string()));
        assert!(t[2]
            .as_ref()
            .unwrap_err()
            .contains("expected a JSON object"));
        assert!(t[3].as_ref().unwrap_err().contains("malformed JSON"));
    }

    #[test]
    fn a_single_object_is_one_record() {
        let r = json("{\"id\": \"x\", \"text\": \"Airflow\"}", 1000);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].line, None);
        assert_eq!(texts(&r), vec![Ok("Airflow".to_string())]);
    }
}
