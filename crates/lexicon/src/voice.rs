//! Who a sentence of a posting's opening speaks of: the company, or the person it hires.
//!
//! A posting often opens with the company in its own voice: "At Cortexa we build the machine
//! learning platform that data science teams use to deploy their models. Our customers run
//! thousands of models in production." That is what the company sells, not what the hire does;
//! a frontend engineer at that company is no ML engineer. Such a sentence weighs as the company
//! blurb does, when the posting goes on under headings of its own duties or requirements (else
//! its opening is all it says of the work, and keeps its weight).
//!
//! A sentence speaks for the company when it says "we", "our" or "us" or the employer's name
//! (when the lexicon knows it: "Snowflake developed an innovative product", see
//! [`crate::employer`]), or opens by naming the company and what it is ("Acme is a leading
//! provider of..."), names the business
//! (customers, platform, product, investors, industry), and says nothing of the hire: not
//! "you", not the role, position or candidate, not a job named in the singular ("Senior Data
//! Engineer to build the pipelines behind our platform"), not "looking for", "join" or "will",
//! not "our team". The blurb comes first: once the opening has spoken of the hire, "we" is the team the
//! hire joins.

use crate::role::Section;
use crate::score::{Evidence, SectionWeights};
use std::sync::LazyLock;

/// How far back and forward a sentence is looked for.
const REACH: usize = 300;

// What a listed word is, as bit flags ([`flags`]): a word may be two of these ("our").
/// The company's own voice: "we", "our", "us".
const IS_COMPANY: u8 = 1;
/// What a company sells and to whom ([`BUSINESS`]).
const IS_BUSINESS: u8 = 2;
/// The hire, or work to come ([`HIRE`]).
const IS_HIRE: u8 = 4;
/// A word that makes the team after it the hire's own ("our", "the", "this", "your", "join").
const IS_OWN_TEAM: u8 = 8;
/// "team", "teams".
const IS_TEAM: u8 = 16;

/// The longest listed word, in bytes.
const LONGEST: usize = 16;

/// The listed words, with what each is ([`flags`]).
const LISTED: &[(&str, u8)] = &[
    ("our", IS_COMPANY | IS_OWN_TEAM),
    ("we", IS_COMPANY),
    ("we're", IS_COMPANY),
    ("we've", IS_COMPANY),
    ("us", IS_COMPANY),
    ("your", IS_HIRE | IS_OWN_TEAM),
    ("join", IS_HIRE | IS_OWN_TEAM),
    ("the", IS_OWN_TEAM),
    ("this", IS_OWN_TEAM),
    ("team", IS_TEAM),
    ("teams", IS_TEAM),
];

/// Words of what a company sells and to whom ([`IS_BUSINESS`]).
const BUSINESS: &str = "customer customers client clients platform platforms product products \
    solution solutions software company companies businesses enterprises organizations \
    organisations brands investors funded founded leader leading mission industry industries \
    worldwide global million millions billion billions users";

/// Words of the hire, or of work to come ([`IS_HIRE`]).
const HIRE: &str =
    "you you'll you're yourself he she role roles position candidate candidates hire \
    hiring looking seeking seek searching joining opportunity someone individual person need \
    needs responsible will want wants engineer scientist analyst developer architect specialist \
    consultant intern";

/// For each length in bytes, a bit for each first letter (a to z) of a listed word of that
/// length, also as written with a typographic apostrophe ("we’re", two bytes longer).
static MASKS: [u32; LONGEST + 3] = masks();

/// Builds [`MASKS`] from the lists, at compile time.
const fn masks() -> [u32; LONGEST + 3] {
    let mut masks = [0u32; LONGEST + 3];
    let mut i = 0;
    while i < LISTED.len() {
        mark(&mut masks, LISTED[i].0.as_bytes());
        i += 1;
    }
    let lists = [BUSINESS.as_bytes(), HIRE.as_bytes()];
    let mut l = 0;
    while l < lists.len() {
        let list = lists[l];
        let (mut start, mut at) = (0, 0);
        while at <= list.len() {
            if at == list.len() || list[at].is_ascii_whitespace() {
                if at > start {
                    let (_, rest) = list.split_at(start);
                    let (word, _) = rest.split_at(at - start);
                    mark(&mut masks, word);
                }
                start = at + 1;
            }
            at += 1;
        }
        l += 1;
    }
    masks
}

/// Sets the bit of `word`'s length and first letter, and of its typographic spelling.
const fn mark(masks: &mut [u32; LONGEST + 3], word: &[u8]) {
    let bit = 1 << (word[0] - b'a');
    masks[word.len()] |= bit;
    let mut i = 0;
    while i < word.len() {
        if word[i] == b'\'' {
            masks[word.len() + 2] |= bit;
        }
        i += 1;
    }
}

/// Slots of the open-addressed table of listed words: a power of two, at most half full.
const SLOTS: usize = 256;

/// FNV-1a of a lower-case word: cheap, and enough to spread some eighty words.
fn hash(word: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &b in word {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h as usize
}

/// A slot of [`TABLE`]: a listed word and its flags, or nothing.
type Slot = Option<(&'static [u8], u8)>;

/// Every listed word and its flags, in the slot its hash picks (or the next free one).
static TABLE: LazyLock<Vec<Slot>> = LazyLock::new(|| {
    let mut table: Vec<Slot> = vec![None; SLOTS];
    let lists = [(BUSINESS, IS_BUSINESS), (HIRE, IS_HIRE)];
    let words = LISTED.iter().copied().chain(
        lists
            .into_iter()
            .flat_map(|(list, flag)| list.split_whitespace().map(move |w| (w, flag))),
    );
    for (w, flag) in words {
        debug_assert!(w.len() <= LONGEST && w == w.to_lowercase());
        let mut slot = hash(w.as_bytes()) % SLOTS;
        while let Some((other, _)) = table[slot] {
            debug_assert_ne!(other, w.as_bytes(), "{w} is listed twice");
            slot = (slot + 1) % SLOTS;
        }
        table[slot] = Some((w.as_bytes(), flag));
    }
    table
});

/// What a word is, in any case (0 when it is none of these):
/// - [`IS_COMPANY`]: the company's own voice ("we", "our");
/// - [`IS_BUSINESS`]: what a company sells and to whom: a sentence in the company's voice with
///   one of these describes the business, not the team's work;
/// - [`IS_HIRE`]: the hire, or work to come: a sentence with one is about the job;
/// - [`IS_TEAM`] after [`IS_OWN_TEAM`] (within three words): the hire's own team ("our team",
///   "the data team", "join this team"); "the platform data science teams use" names the
///   customers'.
fn flags(word: &str) -> u8 {
    // Most words are none of these: their length and first letter say so at once.
    let first = word.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    if word.len() > LONGEST
        || !first.is_ascii_lowercase()
        || MASKS[word.len()] & (1 << (first - b'a')) == 0
    {
        return 0;
    }
    // Lower case, with a typographic apostrophe as a straight one ("we’re" is "we're").
    let mut buf = [0u8; LONGEST];
    let mut n = 0;
    let bytes = word.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with("’".as_bytes()) {
            buf[n] = b'\'';
            i += 3;
        } else {
            buf[n] = bytes[i].to_ascii_lowercase();
            i += 1;
        }
        n += 1;
    }
    let word = &buf[..n];
    let table = &*TABLE;
    let mut slot = hash(word) % SLOTS;
    while let Some((listed, f)) = table[slot] {
        if listed == word {
            return f;
        }
        slot = (slot + 1) % SLOTS;
    }
    0
}

/// Gives the company-blurb weight to the evidence of every sentence of a posting's opening
/// that speaks in the company's voice, before the opening first speaks of the hire, when a
/// duties, requirements or nice-to-have heading follows. The opening is the text before the
/// first heading of a section of its own (a general heading such as "About the job" opens it).
// Kept out of line: it runs once a posting, and inlined it changed how the scoring loop around
// it was compiled.
#[inline(never)]
pub(crate) fn quiet_company_voice(
    text: &str,
    headings: &[(Section, usize)],
    employer: &[String],
    evidence: &mut [Evidence],
    weights: &SectionWeights,
) {
    let Some(&(_, first)) = headings.iter().find(|(s, _)| *s != Section::General) else {
        return;
    };
    let duties_follow = headings.iter().any(|(s, _)| {
        matches!(
            s,
            Section::Responsibilities | Section::Requirements | Section::Preferred
        )
    });
    if !duties_follow || !evidence.iter().any(|e| e.start < first) {
        return;
    }
    // The blurb comes first: once the opening speaks of the hire ("We're looking for a data
    // scientist"), "we" is the team the hire joins, and its work is the job. The opening is read
    // sentence by sentence, phrase by phrase, only up to the first word of the hire.
    let mut read_to = 0;
    // The sentence last looked at, and whether it speaks for the company.
    let mut last: Option<((usize, usize), bool)> = None;
    // Evidence is in text order.
    for e in evidence.iter_mut() {
        if e.start >= first {
            break;
        }
        if e.section != Section::General {
            continue;
        }
        let company = match last {
            // A phrase of the sentence just read.
            Some(((from, to), c)) if from <= e.start && e.end <= to => c,
            _ => {
                let Some((from, to)) = sentence(text, e.start, e.end) else {
                    continue;
                };
                match voice(&text[from..to], employer) {
                    Voice::Hire => break,
                    // What stands between the sentences read may speak of the hire too.
                    Voice::Company
                        if hire_words(&text[read_to.min(from)..from]).next().is_some() =>
                    {
                        break
                    }
                    v => {
                        read_to = to;
                        last = Some(((from, to), v == Voice::Company));
                        v == Voice::Company
                    }
                }
            }
        };
        if company {
            e.modifier = e.modifier / weights.general.max(f32::EPSILON) * weights.company;
            e.section = Section::Company;
        }
    }
}

/// The byte range of the sentence around `start..end`: from after the last sentence end before
/// it (or the start of the text) to the next one after it (or the end), if both stand within
/// [`REACH`] bytes. Run-together bullets of a flattened posting make no sentence.
fn sentence(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let ends = |i: usize| {
        matches!(bytes[i], b'\n' | b'\r' | b'!' | b'?' | b';')
            || (bytes[i] == b'.' && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()))
    };
    let lo = start.saturating_sub(REACH);
    let from = match (lo..start).rev().find(|&i| ends(i)) {
        Some(i) => i + 1,
        None if lo == 0 => 0,
        None => return None,
    };
    let hi = (end + REACH).min(bytes.len());
    let to = match (end..hi).find(|&i| ends(i)) {
        Some(i) => i,
        None if hi == bytes.len() => hi,
        None => return None,
    };
    // Sentence ends are ASCII: both bounds are char boundaries.
    Some((from, to))
}

/// Whom a sentence speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Voice {
    /// The hire or the job: a word of [`IS_HIRE`], or a team of the hire's own.
    Hire,
    /// The company's business, in its own voice: "we", "our" or "us", and a word of
    /// [`IS_BUSINESS`].
    Company,
    /// Neither.
    Other,
}

/// Whom `sentence` speaks of. The employer's name (`employer`, lower case, from
/// [`crate::employer::employer_names`]) speaks for the company as "we" does: "Snowflake
/// developed an innovative product ..." is the blurb.
fn voice(sentence: &str, employer: &[String]) -> Voice {
    let mut all = 0;
    let mut before = [0u8; 3];
    for (_, w) in words(sentence) {
        let mut f = flags(w);
        if employer.iter().any(|n| n.eq_ignore_ascii_case(w)) {
            f |= IS_COMPANY;
        }
        if is_hire(f, &before) {
            return Voice::Hire;
        }
        before = [before[1], before[2], f];
        all |= f;
    }
    if all & IS_BUSINESS != 0 && (all & IS_COMPANY != 0 || names_itself(sentence)) {
        Voice::Company
    } else {
        Voice::Other
    }
}

/// How many words may stand before the "is a" of a company naming itself.
const NAME_REACH: usize = 6;

/// Whether `word` (lower case) is a pronoun, article or preposition: no company's name.
pub(crate) fn is_no_name(word: &str) -> bool {
    NOT_A_NAME.contains(&word)
}

/// Capitalised first words that are no company's name.
const NOT_A_NAME: &[&str] = &[
    "we", "our", "you", "your", "the", "this", "these", "that", "it", "there", "here", "as", "in",
    "at", "join", "with", "if", "what", "who", "how", "why", "when", "each", "every",
];

/// Whether `sentence` opens by naming the company and saying what it is, the third-person
/// blurb: "Acme is a leading provider of payroll software", "Founded in 2013, DoorDash is a
/// technology company". A capitalised first word that is no pronoun, article or preposition,
/// then "is" or "are" and "a", "an", "the" or "one" within [`NAME_REACH`] words.
fn names_itself(sentence: &str) -> bool {
    let mut ws = words(sentence).map(|(_, w)| w);
    let Some(first) = ws.next() else {
        return false;
    };
    if !first.starts_with(|c: char| c.is_ascii_uppercase())
        || NOT_A_NAME.iter().any(|n| first.eq_ignore_ascii_case(n))
    {
        return false;
    }
    let mut before = ["", first];
    for w in ws.take(NAME_REACH + 1) {
        if matches!(before[0], "is" | "are") && matches!(before[1], "a" | "an" | "the" | "one") {
            // "Python is a plus", "SQL is a must": a requirement, not a company.
            return !is_requirement_word(w);
        }
        before = [before[1], w];
    }
    false
}

/// Whether `text` has a word of what a company sells and to whom ([`BUSINESS`]).
pub(crate) fn names_the_business(text: &str) -> bool {
    words(text).any(|(_, w)| flags(w) & IS_BUSINESS != 0)
}

/// Whether `word`, after "X is a", makes the sentence a requirement ("Python is a plus", "SQL is
/// a must"), not a company saying what it is.
pub(crate) fn is_requirement_word(word: &str) -> bool {
    ["plus", "must", "bonus", "requirement"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether a word with flags `f`, after words with flags `before`, speaks of the hire.
fn is_hire(f: u8, before: &[u8; 3]) -> bool {
    f & IS_HIRE != 0 || (f & IS_TEAM != 0 && before.iter().any(|b| b & IS_OWN_TEAM != 0))
}

/// The offsets of the words of `text` that speak of the hire ([`IS_HIRE`], and a team of the
/// hire's own).
fn hire_words(text: &str) -> impl Iterator<Item = usize> + '_ {
    // The flags of the three words before this one.
    let mut before = [0u8; 3];
    words(text).filter_map(move |(at, w)| {
        let f = flags(w);
        let hire = is_hire(f, &before);
        before = [before[1], before[2], f];
        hire.then_some(at)
    })
}

/// Which bytes are part of a word ([`words`]).
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'\'' || c >= 0x80;
        b += 1;
    }
    table
};

/// The words of `text` with their byte offsets: runs of ASCII letters, digits and apostrophes,
/// and of any non-ASCII character (so "we’re" is one word, as [`flags`] reads it).
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let is_word = |b: u8| WORD_BYTE[usize::from(b)];
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !is_word(bytes[i]) {
            i += 1;
        }
        if i == bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && is_word(bytes[i]) {
            i += 1;
        }
        // Word bytes include every byte of a non-ASCII character: both ends are boundaries.
        Some((start, &text[start..i]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_company_voice_is_told_from_the_job() {
        for s in [
            "At Modelly we build the machine learning platform that data scientists use",
            "Our customers run thousands of models in production",
            "We are backed by top investors and are growing fast",
            "We help our clients make data-driven decisions with machine learning",
            "We build the platform that data science teams use to deploy models",
            // The company naming itself, in the third person.
            "Acme is a leading provider of payroll software for small businesses",
            "Founded in 2013, DoorDash is a technology company that connects customers",
        ] {
            assert_eq!(voice(s, &[]), Voice::Company, "{s}");
        }
        for s in [
            "We are looking for a Data Engineer to build our pipelines",
            "You will deploy our models",
            "Join our team of data scientists",
            "In this role, we expect deep SQL",
            "Acme builds data pipelines",
            "Our data team builds the pipelines behind our product",
            "Join the team behind our platform",
            "We are a blend of engineering and applied research with Python",
            "One of our clients, a leading player in TV data, is searching for a data scientist",
            "Acme is a leading bank, and this role builds its credit models",
            "The platform is a product used by millions of customers",
            "Python is a plus for this product",
        ] {
            assert_ne!(voice(s, &[]), Voice::Company, "{s}");
        }
    }

    #[test]
    fn the_employers_name_speaks_for_the_company() {
        let employer = ["snowflake".to_string()];
        for s in [
            "Snowflake started with a clear vision: make data warehousing accessible to all users",
            "Because legacy solutions struggle, Snowflake developed an innovative product",
        ] {
            assert_eq!(voice(s, &employer), Voice::Company, "{s}");
            assert_eq!(voice(s, &[]), Voice::Other, "{s}");
        }
        for s in [
            "Snowflake is hiring a data engineer for its product",
            "At Snowflake, you will build the pipelines behind our product",
            "Experience with Snowflake and dbt",
        ] {
            assert_ne!(voice(s, &employer), Voice::Company, "{s}");
        }
    }

    #[test]
    fn every_listed_word_is_found_in_any_case() {
        for (w, f) in LISTED {
            assert_eq!(flags(w), *f, "{w}");
        }
        for w in BUSINESS.split_whitespace() {
            assert_eq!(flags(w), IS_BUSINESS, "{w}");
            assert_eq!(flags(&w.to_uppercase()), IS_BUSINESS, "{w}");
        }
        for w in HIRE.split_whitespace() {
            assert_eq!(flags(w), IS_HIRE, "{w}");
        }
        assert_eq!(flags("We’re"), IS_COMPANY);
        assert_eq!(flags("You’ll"), IS_HIRE);
        for w in [
            "build", "data", "Usage", "ours", "teammate", "", "’", "élan",
        ] {
            assert_eq!(flags(w), 0, "{w}");
        }
    }

    #[test]
    fn sentences_end_at_stops_and_lines() {
        let t = "We sell. Our models run in production.\nYou deploy.";
        let at = t.find("models").unwrap();
        let (from, to) = sentence(t, at, at + 6).unwrap();
        assert_eq!(&t[from..to], " Our models run in production");
        // "Node.js" is one word, not two sentences.
        let t = "We run Node.js services here";
        let at = t.find("services").unwrap();
        assert_eq!(sentence(t, at, at + 8), Some((0, t.len())));
        // Bullets run together for longer than a sentence make none.
        let t = format!(
            "Our platform. {} models {}. Done",
            "x ".repeat(200),
            "y ".repeat(200)
        );
        let at = t.find("models").unwrap();
        assert_eq!(sentence(&t, at, at + 6), None);
    }
}
