//! Job feeds in XML: the publisher feeds that job boards and applicant-tracking systems give
//! aggregators (Indeed's and ZipRecruiter's `<source><job><title><![CDATA[...]]></title>
//! <description>...</description></job>...`), RSS (`<rss><channel><item>`) and Atom
//! (`<feed><entry>`). Each record element ([`RECORD_ELEMENTS`]) is one posting, whose child
//! elements are its fields, found by name as a JSON record's keys are (`title`, `description`,
//! `content`, ...). A field's content is its text with XML's escaping undone, and its markup
//! as written, so that the HTML a feed carries (escaped, in CDATA, or as XHTML) is turned into
//! text as a JSON field's is.
//!
//! The feed streams: one record at a time is held, so a feed of millions of jobs stays in
//! bounded memory. XML that cannot be read ends the file with an error record at its line;
//! the records before it are kept.

use super::record::{same_name, Payload, RawRecord};
use quick_xml::events::Event;
use std::io::{self, BufRead, Read};
use std::sync::Arc;

/// The elements that hold one posting each: `job` (Indeed, ZipRecruiter, most ATS feeds),
/// `item` (RSS), `entry` (Atom), and the names other feeds give them. Matched ignoring case and
/// separators (`JobPosting`, `job_posting`).
pub(crate) const RECORD_ELEMENTS: &[&str] = &[
    "job",
    "item",
    "entry",
    "posting",
    "job_posting",
    "vacancy",
    "listing",
    "job_listing",
    "opening",
    "advert",
];

/// How deep elements may nest: real feeds nest a dozen deep, with the unclosed `<br>` and
/// `<p>` of the HTML in a field on top; a deeper document is not read further (closing an
/// element looks through the open ones, so depth must stay small).
const MAX_DEPTH: usize = 1024;

/// A reader that counts the line breaks it has handed on, for the line of each record, and
/// the bytes of the event being read, so that one element's text (a gigabyte of CDATA) is
/// never held whole: past `cap` bytes it fails.
struct LineCounter {
    inner: Box<dyn BufRead + Send>,
    lines: u64,
    /// Bytes handed on since the event being read began.
    in_event: usize,
    cap: usize,
}

impl Read for LineCounter {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
        self.in_event += n;
        Ok(n)
    }
}

impl BufRead for LineCounter {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.in_event > self.cap {
            return Err(io::Error::other(format!(
                "an XML element or text larger than {} bytes",
                self.cap
            )));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amt = amt.min(buf.len());
            self.lines += memchr::memchr_iter(b'\n', &buf[..amt]).count() as u64;
        }
        self.in_event += amt;
        self.inner.consume(amt);
    }
}

/// The record being read: its line, its fields so far, and whether it outgrew the limit.
struct Open {
    line: u64,
    /// How deep the record element stands: its fields are the elements one deeper.
    depth: usize,
    fields: Vec<(String, Vec<u8>)>,
    /// The field being read, while inside one of the record's child elements.
    in_field: bool,
    bytes: usize,
    too_large: bool,
}

/// The records of an XML feed, one per record element, in document order.
pub(crate) struct XmlFeed {
    source: Arc<str>,
    reader: quick_xml::Reader<LineCounter>,
    buf: Vec<u8>,
    /// The local names of the open elements, outermost first.
    stack: Vec<Vec<u8>>,
    open: Option<Open>,
    limit: usize,
    found: u64,
    done: bool,
}

impl XmlFeed {
    /// The records of the feed `reader` reads; records over `limit` bytes are errors.
    pub(crate) fn new(source: Arc<str>, reader: Box<dyn BufRead + Send>, limit: usize) -> XmlFeed {
        // One event may be four records long before the feed is given up (a record over the
        // limit is an error record, and reading goes on).
        let mut reader = quick_xml::Reader::from_reader(LineCounter {
            inner: reader,
            lines: 0,
            in_event: 0,
            cap: limit.saturating_mul(4),
        });
        // Feeds carry HTML that closes no <br> and no <p>: the names of end tags are matched
        // here, as an HTML parser would, not checked.
        reader.config_mut().check_end_names = false;
        XmlFeed {
            source,
            reader,
            buf: Vec::new(),
            stack: Vec::new(),
            open: None,
            limit,
            found: 0,
            done: false,
        }
    }

    fn line(&self) -> u64 {
        self.reader.get_ref().lines + 1
    }

    fn failed(&self, line: u64, error: String) -> RawRecord {
        RawRecord {
            source: self.source.clone(),
            line: Some(line),
            payload: Payload::Failed(error),
            warnings: vec![],
        }
    }

    /// Starts a field of the open record, named by its element ([`field_name`]); `reading`
    /// when its content follows (a start tag, not an empty element).
    fn open_field(&mut self, qualified: &[u8], local: &[u8], reading: bool) {
        if let Some(open) = self.open.as_mut() {
            open.fields.push((field_name(qualified, local), Vec::new()));
            open.in_field = reading;
        }
    }

    /// Appends markup or text to the field being read, within the size limit.
    fn push(&mut self, bytes: &[&[u8]]) {
        let limit = self.limit;
        if let Some(open) = self.open.as_mut().filter(|o| o.in_field && !o.too_large) {
            let n: usize = bytes.iter().map(|b| b.len()).sum();
            open.bytes += n;
            if open.bytes > limit {
                open.too_large = true;
            } else if let Some((_, value)) = open.fields.last_mut() {
                for b in bytes {
                    value.extend_from_slice(b);
                }
            }
        }
    }

    /// The record that an end tag at `depth` (the stack's length after it) closed, if any.
    fn closed(&mut self, depth: usize) -> Option<RawRecord> {
        let open = self.open.as_mut()?;
        if open.in_field && depth <= open.depth + 1 {
            open.in_field = false;
        }
        if depth > open.depth {
            return None;
        }
        let open = self.open.take()?;
        Some(self.record(open))
    }

    fn record(&self, open: Open) -> RawRecord {
        if open.too_large {
            return self.failed(
                open.line,
                format!("XML record larger than {} bytes", self.limit),
            );
        }
        let mut warnings = Vec::new();
        let mut object = serde_json::Map::new();
        for (name, bytes) in open.fields {
            let value = super::encoding::decode(&bytes, &mut warnings);
            let empty = object
                .get(&name)
                .and_then(serde_json::Value::as_str)
                .is_none_or(str::is_empty);
            if empty {
                object.insert(name, serde_json::Value::String(value));
            }
        }
        warnings.dedup();
        RawRecord {
            source: self.source.clone(),
            line: Some(open.line),
            payload: Payload::JsonLine(
                serde_json::to_vec(&serde_json::Value::Object(object)).unwrap_or_default(),
            ),
            warnings,
        }
    }
}

/// Where an element that opens stands.
enum Place {
    /// It opens a record.
    Record,
    /// It is a field of the open record.
    Field,
    /// It is markup inside a field.
    InField,
    /// It is outside any record, or inside a record but in no field.
    Outside,
}

impl XmlFeed {
    /// Where an element named `name` that opens now stands.
    fn place(&self, name: &[u8]) -> Place {
        let depth = self.stack.len();
        match &self.open {
            None if is_record(name) => Place::Record,
            None => Place::Outside,
            Some(open) if depth == open.depth + 1 => Place::Field,
            Some(open) if open.in_field => Place::InField,
            Some(_) => Place::Outside,
        }
    }
}

/// The field a record's child element is: its local name, except RSS's `content:encoded`
/// (the content module's full text, where `description` is often a summary), which is the
/// posting's `text`, the first text field looked for.
fn field_name(qualified: &[u8], local: &[u8]) -> String {
    if qualified.eq_ignore_ascii_case(b"content:encoded") {
        return "text".to_string();
    }
    String::from_utf8_lossy(local).into_owned()
}

/// Whether an element's local name names a record.
fn is_record(name: &[u8]) -> bool {
    let name = String::from_utf8_lossy(name);
    RECORD_ELEMENTS.iter().any(|r| same_name(&name, r))
}

impl Iterator for XmlFeed {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        while !self.done {
            self.buf.clear();
            self.buf.shrink_to(64 * 1024);
            self.reader.get_mut().in_event = 0;
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(event) => event.into_owned(),
                Err(e) => {
                    self.done = true;
                    let line = self.line();
                    return Some(self.failed(line, format!("malformed XML: {e}")));
                }
            };
            match event {
                Event::Start(e) => {
                    if self.stack.len() == MAX_DEPTH {
                        self.done = true;
                        let line = self.line();
                        return Some(
                            self.failed(
                                line,
                                format!("XML nested deeper than {MAX_DEPTH} elements"),
                            ),
                        );
                    }
                    let name = e.local_name().as_ref().to_vec();
                    match self.place(&name) {
                        Place::Record => {
                            self.found += 1;
                            self.open = Some(Open {
                                line: self.reader.get_ref().lines + 1,
                                depth: self.stack.len(),
                                fields: Vec::new(),
                                in_field: false,
                                bytes: 0,
                                too_large: false,
                            });
                        }
                        Place::Field => self.open_field(e.name().as_ref(), &name, true),
                        Place::InField => self.push(&[b"<", &name, b">"]),
                        Place::Outside => {}
                    }
                    self.stack.push(name);
                }
                Event::Empty(e) => {
                    let name = e.local_name().as_ref().to_vec();
                    match self.place(&name) {
                        Place::Field => self.open_field(e.name().as_ref(), &name, false),
                        Place::InField => self.push(&[b"<", &name, b"/>"]),
                        Place::Record | Place::Outside => {}
                    }
                }
                Event::End(e) => {
                    let name = e.local_name().as_ref().to_vec();
                    // Closing an element closes those left open inside it; an end tag that
                    // matches no open element is passed over.
                    let Some(at) = self.stack.iter().rposition(|n| *n == name) else {
                        continue;
                    };
                    let inside_field = self
                        .open
                        .as_ref()
                        .is_some_and(|o| o.in_field && at > o.depth + 1);
                    if inside_field {
                        self.push(&[b"</", &name, b">"]);
                    }
                    self.stack.truncate(at);
                    if let Some(record) = self.closed(at) {
                        return Some(record);
                    }
                }
                Event::Text(t) => self.push(&[t.into_inner().as_ref()]),
                Event::CData(c) => self.push(&[c.into_inner().as_ref()]),
                Event::GeneralRef(r) => {
                    // XML's own references are the transport's escaping: "&lt;p&gt;" in an
                    // RSS description is the HTML "<p>". Others (HTML's "&nbsp;") are kept
                    // for the HTML reader.
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match &*r {
                            b"lt" => Some('<'),
                            b"gt" => Some('>'),
                            b"amp" => Some('&'),
                            b"quot" => Some('"'),
                            b"apos" => Some('\''),
                            _ => None,
                        },
                    };
                    match resolved {
                        Some(c) => self.push(&[c.encode_utf8(&mut [0; 4]).as_bytes()]),
                        None => self.push(&[b"&", r.into_inner().as_ref(), b";"]),
                    }
                }
                Event::Eof => {
                    self.done = true;
                    if let Some(open) = self.open.take() {
                        let line = open.line;
                        return Some(
                            self.failed(
                                line,
                                "the XML ended inside this record (no end tag)".into(),
                            ),
                        );
                    }
                    if self.found == 0 {
                        let line = self.line();
                        return Some(self.failed(
                            line,
                            format!(
                                "no job records in this XML (looked for elements named {})",
                                RECORD_ELEMENTS.join(", ")
                            ),
                        ));
                    }
                }
                _ => {}
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ParseOptions;

    fn feed(xml: &str) -> Vec<RawRecord> {
        let reader = Box::new(io::Cursor::new(xml.as_bytes().to_vec()));
        XmlFeed::new("feed.xml".into(), reader, 1 << 20).collect()
    }

    fn parsed(r: &RawRecord) -> Result<(String, String, String), String> {
        r.parse(&ParseOptions::default())
            .map(|p| (p.posting.id, p.posting.title, p.posting.text))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn an_indeed_feed_is_one_record_per_job() {
        let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n<publisher>Acme</publisher>\n\
                   <job>\n<title><![CDATA[Data Engineer]]></title>\n<referencenumber>R-1</referencenumber>\n\
                   <description><![CDATA[<p>Build <b>ETL</b> pipelines.</p><ul><li>Airflow</li></ul>]]></description>\n</job>\n\
                   <job><title>Nurse &amp; Carer</title><description>Patient care.</description></job>\n</source>\n";
        let records = feed(xml);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].line, Some(4));
        let (_, title, text) = parsed(&records[0]).unwrap();
        assert_eq!(title, "Data Engineer");
        assert!(
            text.contains("Build ETL pipelines.") && text.contains("Airflow"),
            "{text}"
        );
        assert!(!text.contains('<'), "{text}");
        let (_, title, text) = parsed(&records[1]).unwrap();
        assert_eq!(
            (title.as_str(), text.as_str()),
            ("Nurse & Carer", "Patient care.")
        );
    }

    #[test]
    fn rss_and_atom_with_escaped_html_and_xhtml() {
        let rss = "<rss><channel><title>Jobs</title><item><title>Data Scientist</title>\
                   <guid>g1</guid><description>&lt;p&gt;Design A/B tests.&lt;/p&gt;</description></item></channel></rss>";
        let records = feed(rss);
        assert_eq!(records.len(), 1, "the channel's own title is no record");
        // WordPress job boards give a summary in `description` and the posting in
        // `content:encoded`.
        let wordpress = "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><item>\
                         <title>DE</title><description>Short.</description>\
                         <content:encoded><![CDATA[<p>The whole posting.</p>]]></content:encoded></item></channel></rss>";
        assert_eq!(parsed(&feed(wordpress)[0]).unwrap().2, "The whole posting.");
        let (_, title, text) = parsed(&records[0]).unwrap();
        assert_eq!(
            (title.as_str(), text.as_str()),
            ("Data Scientist", "Design A/B tests.")
        );
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>ML Engineer</title>\
                    <content type=\"xhtml\"><div><p>Serve models.<br>On call.</p></div></content></entry></feed>";
        let records = feed(atom);
        let (_, title, text) = parsed(&records[0]).unwrap();
        assert_eq!(title, "ML Engineer");
        assert!(
            text.contains("Serve models.") && text.contains("On call."),
            "{text}"
        );
    }

    #[test]
    fn bad_xml_ends_the_feed_with_an_error_at_its_line() {
        let xml =
            "<jobs>\n<job><title>A</title><description>x</description></job>\n<job><title>B</ti";
        let records = feed(xml);
        assert_eq!(records.len(), 2);
        assert!(parsed(&records[0]).is_ok());
        let err = parsed(&records[1]).unwrap_err();
        assert!(err.starts_with("feed.xml:3:"), "{err}");
        // A feed with no record element says what it looked for.
        let none = feed("<catalog><book><title>T</title></book></catalog>");
        assert_eq!(none.len(), 1);
        assert!(parsed(&none[0]).unwrap_err().contains("no job records"));
        // A record over the limit is an error; the next one is read.
        let big = format!(
            "<jobs><job><description>{}</description></job><job><description>ok</description></job></jobs>",
            "x".repeat(300)
        );
        let reader = Box::new(io::Cursor::new(big.into_bytes()));
        let records: Vec<RawRecord> = XmlFeed::new("f.xml".into(), reader, 100).collect();
        assert_eq!(records.len(), 2);
        assert!(parsed(&records[0])
            .unwrap_err()
            .contains("larger than 100 bytes"));
        assert_eq!(parsed(&records[1]).unwrap().2, "ok");
    }

    #[test]
    fn one_huge_text_or_deep_nesting_ends_the_feed_without_holding_it() {
        let huge = format!(
            "<jobs><job><description><![CDATA[{}]]></description></job><job></job></jobs>",
            "x".repeat(1 << 20)
        );
        // Read in chunks, as a file is: the text is given up at four times the limit.
        let reader = Box::new(io::BufReader::with_capacity(
            8192,
            io::Cursor::new(huge.into_bytes()),
        ));
        let records: Vec<RawRecord> = XmlFeed::new("f.xml".into(), reader, 4096).collect();
        assert_eq!(records.len(), 1);
        let err = parsed(&records[0]).unwrap_err();
        assert!(err.contains("larger than 16384 bytes"), "{err}");
        let deep = "<a>".repeat(MAX_DEPTH + 10);
        let records = feed(&deep);
        assert_eq!(records.len(), 1);
        assert!(parsed(&records[0]).unwrap_err().contains("nested deeper"));
    }
}
