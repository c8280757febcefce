//! The classifier: a compiled lexicon plus the rules, shared by every thread.

use crate::error::Error;
use crate::input::document::MAX_TITLE_BYTES;
use crate::posting::Posting;
use crate::verdict::{EvidenceItem, EvidenceKind, Score, Scores, Verdict};
use rolecall_lexicon::{Lexicon, Role, TermKind, TitleClaim};
use rolecall_rules::{apply_title_prior, decide, Config};
use std::path::Path;

/// Classifies postings. Build it once; it is `Send + Sync` and cheap to share by reference.
#[derive(Debug, Clone)]
pub struct Classifier {
    lexicon: Lexicon,
    config: Config,
}

impl Default for Classifier {
    /// The shipped lexicon and rules.
    fn default() -> Classifier {
        Classifier {
            lexicon: Lexicon::builtin(),
            config: Config::builtin(),
        }
    }
}

impl Classifier {
    /// A classifier from a lexicon and rules of your own.
    pub fn new(lexicon: Lexicon, config: Config) -> Classifier {
        Classifier { lexicon, config }
    }

    /// Loads a lexicon directory: each known `*.txt` file and `rules.toml` found there replaces
    /// the shipped file of the same name.
    ///
    /// # Errors
    ///
    /// An unreadable directory or file, or an invalid file (the error names the file and line).
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Classifier, Error> {
        let dir = dir.as_ref();
        let lexicon = Lexicon::from_dir(dir)?;
        let rules = dir.join("rules.toml");
        let config = if rules.exists() {
            let text = std::fs::read_to_string(&rules).map_err(|e| Error::Io {
                path: rules.display().to_string(),
                message: e.to_string(),
            })?;
            Config::parse(&rules.display().to_string(), &text)?
        } else {
            Config::builtin()
        };
        Ok(Classifier { lexicon, config })
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The rules.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Classifies one posting.
    ///
    /// Without a title, a short first line of the text that names a job ("Senior Data
    /// Scientist", "Product Manager, ML"), or else the value of a "Job Title: ..." line near the
    /// top, is the title, and the body starts after it: a posting pasted whole keeps its title
    /// and its title/body mismatch. With a title, a first line that repeats it is not body
    /// either: the title counts once.
    pub fn classify(&self, posting: &Posting) -> Verdict {
        let (title_text, title, title_at) = self.title_of(posting);
        let title_from_text = title_at > 0;
        // A body that opens by repeating its title (as scraped pages and HTML headings do)
        // starts after it: the title counts once, as the prior.
        let body_at = if title_from_text {
            title_at
        } else {
            repeated_title_end(&posting.text, title_text)
        };
        let mut analysis = self
            .lexicon
            .analyze(&posting.text[body_at..], &self.config.scoring);
        apply_title_prior(&mut analysis, &title, &self.config);
        let decision = decide(&self.lexicon, &analysis, &title, &self.config);
        let terms = self.lexicon.terms();
        let score = |r: Role| {
            let s = analysis.role(r);
            Score {
                strength: s.strength,
                share: s.share,
            }
        };
        let mut evidence: Vec<EvidenceItem> = analysis
            .evidence
            .iter()
            .chain(&analysis.signals)
            .chain(&analysis.paths)
            .map(|e| {
                let term = &terms[e.term];
                let role = match term.kind {
                    TermKind::Role(r) => EvidenceKind::of_role(r),
                    TermKind::Signal => EvidenceKind::Signal,
                    TermKind::Path => EvidenceKind::Path,
                    TermKind::NonData => EvidenceKind::NonData,
                    _ => EvidenceKind::Common,
                };
                EvidenceItem {
                    term: term.text.clone(),
                    role,
                    start: body_at + e.start,
                    end: body_at + e.end,
                    section: e.section,
                    weight: e.contribution,
                }
            })
            .collect();
        evidence.sort_by_key(|e| e.start);
        let scores = Scores {
            de: score(Role::De),
            ds: score(Role::Ds),
            mle: score(Role::Mle),
            analyst: score(Role::Analyst),
        };
        // The analysis is done with: its headings move into the verdict, offsets into the text.
        let mut headings = std::mem::take(&mut analysis.headings);
        for (_, at) in &mut headings {
            *at += body_at;
        }
        Verdict {
            id: posting.id.clone(),
            title: title_text.to_string(),
            title_from_text,
            primary: decision.primary,
            primary_rule: decision.primary_rule,
            labels: decision.labels,
            scores,
            fsds: decision.fsds,
            title_role: decision.title_role,
            mismatch: decision.mismatch,
            stages: decision.stages,
            evidence,
            headings,
            warnings: Vec::new(),
        }
    }

    /// The title to go by, what it claims, and where the body starts in the text. The given
    /// title, unless it is blank or only a section heading (a posting copied from a job board
    /// often starts with "About the job", and a text file's first line becomes its title); then
    /// a first line of the text that reads as a job title, or a "Job Title: ..." line near the
    /// top, with the body after it.
    fn title_of<'p>(&self, posting: &'p Posting) -> (&'p str, TitleClaim, usize) {
        let given = posting.title.trim();
        let claim = self.lexicon.title_claim(given);
        let heading = || self.lexicon.heading_line(given).is_some();
        if claim.names_a_job() || !(given.is_empty() || heading()) {
            return (given, claim, 0);
        }
        self.title_line(&posting.text)
            .or_else(|| self.labelled_title(&posting.text))
            .unwrap_or(("", TitleClaim::default(), 0))
    }

    /// A title given as a labelled field in the first lines of the text, as scraped postings
    /// carry it ("Job Title: Data Scientist", "Position: Senior Data Engineer"), and where the
    /// body starts after it. The value must read as a title ([`Self::as_title`]). It ends at
    /// the line's end, or at the next field on the same line: a flattened page runs
    /// "Job Title: Senior Data EngineerLocation: Boston..." together, and "Position: Data
    /// Engineer | Location: Boston" lists its fields on one line; the body then starts at that
    /// field.
    fn labelled_title<'t>(&self, text: &'t str) -> Option<(&'t str, TitleClaim, usize)> {
        let top = &text[..floor_char_boundary(text, TITLE_LABEL_BYTES)];
        // Lines end at "\n" ("\r\n" included), or at a lone "\r" in an old Mac export.
        let eol = if top.contains('\n') { '\n' } else { '\r' };
        // Where the line being read starts and ends.
        let mut line_end = 0;
        for line in top.split_inclusive(eol).take(TITLE_LABEL_LINES) {
            let line_start = line_end;
            line_end += line.len();
            // The window cut this line: a value that runs to its end would be cut too.
            let cut = !line.ends_with(eol) && line_end < text.len();
            let Some(value_at) = title_label_end(line) else {
                if cut {
                    break;
                }
                continue;
            };
            let raw = &line[value_at..];
            let (value, body_at) = match next_field(raw) {
                Some(field) => (
                    raw[..field].trim().trim_end_matches(['|', ',', ';', '-']),
                    line_start + value_at + field,
                ),
                None if cut => break,
                None => (raw, line_end),
            };
            let value = value.trim();
            if let Some(claim) = self.as_title(value, &text[body_at..]) {
                return Some((value, claim, body_at));
            }
            if cut {
                break;
            }
        }
        None
    }

    /// What `line` claims, when it reads as a job title ahead of `body`: short (at most
    /// [`MAX_TITLE_BYTES`] and [`TITLE_LINE_WORDS`] words), followed by a body, and naming a job
    /// in the title patterns.
    fn as_title(&self, line: &str, body: &str) -> Option<TitleClaim> {
        let short =
            line.len() <= MAX_TITLE_BYTES && line.split_whitespace().count() <= TITLE_LINE_WORDS;
        if line.is_empty() || !short || body.trim().is_empty() {
            return None;
        }
        let claim = self.lexicon.title_claim(line);
        claim.names_a_job().then_some(claim)
    }

    /// The first line of `text` when it reads as a job title, and where the body starts after
    /// it: a short line (at most [`TITLE_LINE_WORDS`] words) that ends no sentence, opens no
    /// section ("About the team:"), is followed by a body, and names a job in the title
    /// patterns. "About us" or "We are hiring!" are not titles. Markdown's heading marks and
    /// emphasis ("# Data Engineer", "**Data Engineer**") are not part of the title.
    fn title_line<'t>(&self, text: &'t str) -> Option<(&'t str, TitleClaim, usize)> {
        let (line, body_at) = first_line(text);
        // A labelled field ("Job Title: Data Engineer") is read without its label, below.
        if line.ends_with(['.', '!', '?', ':']) || title_label_end(line).is_some() {
            return None;
        }
        let claim = self.as_title(line, &text[body_at..])?;
        Some((line, claim, body_at))
    }
}

/// Field labels that end a title's value on the same line ("...EngineerLocation: Boston").
const FIELD_LABELS: [&str; 17] = [
    "location",
    "work location",
    "duration",
    "job type",
    "position type",
    "employment type",
    "job id",
    "requisition",
    "job description",
    "description",
    "salary",
    "pay rate",
    "rate",
    "company",
    "client",
    "department",
    "start date",
];

/// Where the value of a title field starts in `line` ("Job Title: " then the value), if the
/// line starts with a title label and its colon.
fn title_label_end(line: &str) -> Option<usize> {
    let lead = line.len() - line.trim_start().len();
    let trimmed = &line[lead..];
    TITLE_LABELS.iter().find_map(|label| {
        let head = trimmed.get(..label.len())?;
        if !head.eq_ignore_ascii_case(label) {
            return None;
        }
        let rest = &trimmed[label.len()..];
        let gap = rest.len() - rest.trim_start().len();
        rest[gap..]
            .starts_with(':')
            .then_some(lead + label.len() + gap + 1)
    })
}

/// Where the next field starts in a title's value: a [`FIELD_LABELS`] label and its colon,
/// after a space, a `|` or `,`, or glued to the title where a line break was lost (a
/// lower-case letter, then the label capitalised: "EngineerLocation:").
fn next_field(value: &str) -> Option<usize> {
    let bytes = value.as_bytes();
    let lower = value.to_ascii_lowercase();
    FIELD_LABELS
        .iter()
        .flat_map(|label| lower.match_indices(label).map(|(at, _)| (at, label.len())))
        .filter(|&(at, len)| {
            let boundary = at > 0
                && match bytes[at - 1] {
                    b' ' | b'\t' | b'|' | b',' | b';' => true,
                    b => b.is_ascii_lowercase() && bytes[at].is_ascii_uppercase(),
                };
            let rest = &value[at + len..];
            boundary && rest.trim_start().starts_with(':')
        })
        .map(|(at, _)| at)
        .min()
}

/// The first line of `text` without its Markdown marks, and where the text after it starts.
/// A line ends at "\n", "\r\n" or a lone "\r" (old Mac exports).
fn first_line(text: &str) -> (&str, usize) {
    let start = text.len() - text.trim_start().len();
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let line = text[start..end]
        .trim()
        .trim_start_matches('#')
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let after = if text[end..].starts_with("\r\n") {
        end + 2
    } else {
        end + 1
    };
    (line, after.min(text.len()))
}

/// Where the body starts when the first line of `text` is `title` again (ignoring case,
/// spacing and Markdown marks), else 0. Only the first bytes are read: a line longer than the
/// title and a few marks is not a repetition, and flattened text has no line end to look for.
fn repeated_title_end(text: &str, title: &str) -> usize {
    if title.is_empty() {
        return 0;
    }
    let window = &text[..floor_char_boundary(text, title.len() + 16)];
    if window.len() < text.len() && !window.contains(['\n', '\r']) {
        return 0;
    }
    let (line, after) = first_line(text);
    // However each is spaced: a title field may have its white space collapsed, the text not.
    let (mut a, mut b) = (line.split_whitespace(), title.split_whitespace());
    let same = loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => {}
            (None, None) => break true,
            _ => break false,
        }
    };
    if same && !text[after..].trim().is_empty() {
        after
    } else {
        0
    }
}

/// A first line with more words than this is a sentence, not a title.
const TITLE_LINE_WORDS: usize = 12;

/// Field labels that introduce a title in the first lines of a scraped posting.
const TITLE_LABELS: [&str; 5] = ["job title", "position title", "title", "position", "role"];

/// A labelled title is looked for in this many first lines...
const TITLE_LABEL_LINES: usize = 8;

/// ...within this many first bytes.
const TITLE_LABEL_BYTES: usize = 600;

/// The largest char boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn untitled(text: &str) -> Verdict {
        Classifier::default().classify(&Posting::new("", text))
    }

    #[test]
    fn markdown_marks_are_not_part_of_a_first_line_title() {
        for text in [
            "# Senior Data Engineer\nBuild pipelines with Airflow.",
            "**Senior Data Engineer**\nBuild pipelines with Airflow.",
            "## __Senior Data Engineer__ \nBuild pipelines with Airflow.",
        ] {
            let v = untitled(text);
            assert_eq!(v.title, "Senior Data Engineer", "{text:?}");
            assert!(v.title_from_text);
        }
    }

    /// Asserts that each phrase's term weighs at most `ratio` of what it weighs said plainly,
    /// through the shipped lexicon.
    fn weighs_at_most(ratio: f32, phrases: &[(&str, &str)]) {
        let classifier = Classifier::default();
        let weight = |text: &str, term: &str| {
            let v = classifier.classify(&Posting::new("Data Analyst", text));
            v.evidence.iter().find(|e| e.term == term).map(|e| e.weight)
        };
        for &(said, term) in phrases {
            let plain = weight(&format!("Build dashboards. {term} daily."), term).unwrap();
            let got = weight(said, term).unwrap();
            assert!(got <= ratio * plain + 1e-6, "{said:?}: {got} vs {plain}");
        }
    }

    #[test]
    fn what_a_posting_says_it_does_not_need_weighs_little() {
        weighs_at_most(
            0.2,
            &[
                ("You do not need experience with Spark.", "spark"),
                ("You don't need Airflow for this role.", "airflow"),
                (
                    "We do not expect you to productionize models.",
                    "productionize",
                ),
                ("There is no need for PyTorch.", "pytorch"),
                ("Experience with Kafka isn't required.", "kafka"),
                ("You will not be responsible for Airflow.", "airflow"),
                ("The role does not involve Tableau.", "tableau"),
                ("Kafka is not part of this role.", "kafka"),
            ],
        );
        // What the person will not do, and what colleagues do, weigh less.
        weighs_at_most(
            0.3,
            &[
                ("You won't be building dashboards.", "dashboards"),
                ("You won\u{2019}t be building dashboards.", "dashboards"),
                (
                    "Partner with ML engineers who own model serving.",
                    "model serving",
                ),
            ],
        );
    }

    #[test]
    fn work_that_is_not_just_one_thing_is_not_negated() {
        let classifier = Classifier::default();
        for text in [
            "You won't just build dashboards: you will design experiments.",
            "You won\u{2019}t just build dashboards: you will design experiments.",
            "You will not only build dashboards but also design experiments.",
            "This is not just a dashboards role: you will design experiments.",
        ] {
            let v = classifier.classify(&Posting::new("Data Analyst", text));
            let dashboards = v.evidence.iter().find(|e| e.term == "dashboards");
            assert!(
                dashboards.is_some_and(|e| e.weight >= 2.0),
                "{text:?}: {:?}",
                v.evidence
            );
        }
    }

    #[test]
    fn linkedin_criteria_block_names_the_company_not_the_job() {
        let text = "Build Tableau dashboards and SQL reports.\n\nSeniority level\nMid-Senior \
                    level\nEmployment type\nFull-time\nJob function\nInformation Technology\n\
                    Industries\nData Infrastructure and Analytics\n";
        let v = Classifier::default().classify(&Posting::new("Data Analyst", text));
        let industry = v.evidence.iter().find(|e| e.term == "data infrastructure");
        assert_eq!(industry.map(|e| e.weight), Some(0.0), "{:?}", v.evidence);
        assert_eq!(v.labels, [Role::Analyst]);
    }

    #[test]
    fn what_a_posting_calls_an_asset_or_a_plus_is_hedged() {
        weighs_at_most(
            0.6,
            &[
                ("Experience with Airflow is an asset.", "airflow"),
                ("Knowledge of Kafka would be advantageous.", "kafka"),
                ("We would love it if you know Looker.", "looker"),
                ("Extra points for PyTorch.", "pytorch"),
                ("dbt is a nice plus.", "dbt"),
                ("Experience with Tableau is not a must.", "tableau"),
            ],
        );
    }

    #[test]
    fn a_body_that_repeats_its_title_counts_it_once() {
        let classifier = Classifier::default();
        let body = "Train forecasting models with scikit-learn and run A/B tests.";
        let once = classifier.classify(&Posting::new("Machine Learning Engineer", body));
        for text in [
            format!("Machine Learning Engineer\n{body}"),
            format!("  ## **machine learning engineer**\r\n{body}"),
            // A record's title field with its spaces collapsed, the text as the page had it.
            format!("Machine\u{a0}Learning  Engineer\n{body}"),
        ] {
            let v = classifier.classify(&Posting::new("Machine Learning Engineer", &text));
            assert!(!v.title_from_text, "{text:?}");
            let body_at = text.find("Train").unwrap();
            assert!(v.evidence.iter().all(|e| e.start >= body_at), "{text:?}");
            assert_eq!(v.scores.mle.strength, once.scores.mle.strength, "{text:?}");
        }
        // A first line that only starts like the title is body.
        let text = format!("Machine Learning Engineer wanted to deploy models.\n{body}");
        let v = classifier.classify(&Posting::new("Machine Learning Engineer", &text));
        assert!(v.evidence.iter().any(|e| e.start == 0));
    }

    #[test]
    fn a_labelled_title_near_the_top_is_the_title() {
        let text = "Requisition Number: 4950\r\nJob Title:  Senior Data Engineer \r\n\
                    Location: Boston\r\nBuild pipelines with Airflow and Kafka.";
        let v = untitled(text);
        assert_eq!(v.title, "Senior Data Engineer");
        assert!(v.title_from_text);
        assert_eq!(v.title_role, Some(Role::De));
        // The body starts after the title's line: no evidence stands in or before it.
        let after = text.find("Location").unwrap();
        assert!(
            v.evidence.iter().all(|e| e.start >= after),
            "{:?}",
            v.evidence
        );
        assert!(v.evidence.iter().any(|e| e.term == "airflow"));
        // A label whose value names no job is not a title; nor is one deep in the text.
        let v = untitled("Position: Full time\nBuild pipelines with Airflow and Kafka.");
        assert_eq!(v.title, "");
        let deep = format!(
            "{}\nTitle: Data Engineer\nAirflow.",
            "We are hiring.\n".repeat(9)
        );
        assert_eq!(untitled(&deep).title, "");
        // A label line the byte window cuts is not read: its value would be cut.
        let cut = format!(
            "{}\nTitle: Data Engineer{}\nAirflow.",
            "x".repeat(TITLE_LABEL_BYTES - 25),
            " Lead".repeat(4)
        );
        assert_eq!(untitled(&cut).title, "");
    }

    #[test]
    fn a_labelled_title_ends_at_the_next_field_on_its_line() {
        let duties = "Build Airflow pipelines into Snowflake with Kafka. ".repeat(20);
        for (text, title, body) in [
            // A first line that is a labelled field is read without its label.
            (
                format!("Job Title: Senior Data Engineer\nLocation: Boston\n{duties}"),
                "Senior Data Engineer",
                "Location",
            ),
            // Flattened: the fields run together, and the line runs past the window.
            (
                format!("Job Title: Senior Data EngineerLocation: Boston{duties}"),
                "Senior Data Engineer",
                "Location",
            ),
            // Fields listed on one line.
            (
                format!(
                    "Position: Data Engineer | Location: Boston | Duration: 6 months\n{duties}"
                ),
                "Data Engineer",
                "Location",
            ),
        ] {
            let v = untitled(&text);
            assert_eq!(v.title, title, "{text:?}");
            assert_eq!(v.title_role, Some(Role::De));
            let body_at = text.find(body).unwrap();
            assert!(v.evidence.iter().all(|e| e.start >= body_at), "{text:?}");
            assert!(v.evidence.iter().any(|e| e.term == "airflow"), "{text:?}");
        }
        // A title that only contains a field label's letters is whole.
        let v = untitled(&format!("Role: Data Engineer, Client Analytics\n{duties}"));
        assert_eq!(v.title, "Data Engineer, Client Analytics");
    }

    #[test]
    fn a_lone_carriage_return_ends_the_title_line() {
        let text = "Data Engineer\rResponsibilities\rBuild Airflow pipelines into Snowflake.";
        let v = untitled(text);
        assert_eq!(v.title, "Data Engineer");
        assert!(v.title_from_text);
        assert!(v.evidence.iter().all(|e| e.start > "Data Engineer".len()));
        let v = untitled("Requisition: 4950\rJob Title: Data Engineer\rBuild Airflow pipelines.");
        assert_eq!(v.title, "Data Engineer");
        let v = untitled("Data Engineer\r\nBuild Airflow pipelines into Snowflake.");
        assert_eq!(v.title, "Data Engineer");
        assert!(v
            .evidence
            .iter()
            .all(|e| e.start >= "Data Engineer\r\n".len()));
    }

    #[test]
    fn a_job_title_on_the_first_line_is_the_title() {
        let v = untitled("  Product Manager, Machine Learning\r\nOwn the roadmap. Write PRDs.");
        assert_eq!(v.title, "Product Manager, Machine Learning");
        assert!(v.title_from_text);
        let v = untitled("Data Engineer\nBuild Kafka and Airflow pipelines.");
        assert_eq!(v.title_role, Some(Role::De));
        assert!(v
            .evidence
            .iter()
            .all(|e| e.start >= "Data Engineer\n".len()));
    }

    #[test]
    fn other_first_lines_are_body() {
        for text in [
            "About us\nWe are a data engineering shop.",
            "We are hiring a Data Engineer!\nBuild pipelines.",
            "Data Engineer responsibilities:\nBuild pipelines.",
            "Data Engineer",
            "A data engineer who builds Kafka pipelines and owns the warehouse with our small team\nmore",
        ] {
            let v = untitled(text);
            assert!(v.title.is_empty() && !v.title_from_text, "{text:?}: {:?}", v.title);
        }
        // A heading given as the title (a text file's first line) is no title.
        let v = Classifier::default().classify(&Posting::new(
            "About the job",
            "Data Engineer\nBuild Kafka and Airflow pipelines.",
        ));
        assert_eq!(
            (v.title.as_str(), v.title_from_text),
            ("Data Engineer", true)
        );
        let de = "Build Kafka and Airflow pipelines into Snowflake and own the data warehouse.";
        let v = Classifier::default().classify(&Posting::new("About us:", de));
        assert_eq!(v.primary, Some(Role::De));
        assert!(v.title.is_empty() && !v.mismatch, "{v:?}");
        // A title that names no job but is no heading stays, and can disagree with the body.
        let v = Classifier::default().classify(&Posting::new("Associate", de));
        assert!(v.title == "Associate" && v.mismatch);
        // A given title is kept, whatever the first line says.
        let v = Classifier::default().classify(&Posting::new("Nurse", "Data Engineer\nCare."));
        assert_eq!(v.title, "Nurse");
        assert!(!v.title_from_text);
    }
}
