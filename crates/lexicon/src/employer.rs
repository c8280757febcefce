//! The employer's name when it is a term of the lexicon: Tableau, Snowflake, Teradata and
//! Informatica hire analysts, data scientists and accountants too, and their postings name the
//! company throughout ("At Snowflake, ...", "Snowflake is the Data Cloud company", "About
//! Teradata"). Those mentions say who is hiring, not what the job asks: each weighs as the
//! company blurb does, wherever it stands. A posting that names the product as a skill of
//! another employer ("experience with Snowflake") is untouched.

use crate::role::Section;
use crate::score::{Evidence, SectionWeights};

/// The employer's names that a posting gives among its phrases (`evidence`), lower case: a
/// capitalised phrase that is the name of an "About Acme" line (`about`: the offsets of those
/// lines), that a sentence opens with "At Acme," or "Join Acme", or that opens a sentence "Acme is a/an/the
/// ..." naming the business ("... leading platform for enterprises"; "Tableau is a plus" names
/// none) or giving the equal-opportunity notice ("Acme is an equal opportunity employer").
/// Only a phrase can be quieted, so only phrases are looked at: a few checks each, no pass
/// over the text.
pub(crate) fn employer_names(text: &str, about: &[usize], evidence: &[Evidence]) -> Vec<String> {
    let about = about_names(text, about);
    let mut names: Vec<String> = Vec::new();
    for e in evidence {
        if names.len() == NAMES_MAX {
            break;
        }
        // Most phrases are followed by neither a comma nor " is ", nor do they follow "Join ":
        // the cheapest tests first.
        let after = &text.as_bytes()[e.end..];
        let joined = text.as_bytes()[..e.start].ends_with(b"Join ");
        if about.is_empty()
            && !joined
            && after.first() != Some(&b',')
            && !after.starts_with(b" is ")
        {
            continue;
        }
        let phrase = &text[e.start..e.end];
        if !phrase.starts_with(|c: char| c.is_uppercase())
            || names.iter().any(|n| phrase.eq_ignore_ascii_case(n))
        {
            continue;
        }
        if about.iter().any(|n| phrase.eq_ignore_ascii_case(n))
            || (joined && opens_sentence(text, e.start - "Join ".len()))
            || at_employer(text, e.start, e.end)
            || says_what_it_is(text, e.start, e.end)
        {
            names.push(phrase.to_lowercase());
        }
    }
    names
}

/// The names by which the posting's opening may speak of its employer, for the voice check
/// ([`crate::voice`]): the employer's names that are phrases (`employer`), and the first word of
/// each "About Acme" line's name, lexicon term or not ("About Acme Analytics": "acme"), so that
/// "Acme builds the platform that data teams use" is the blurb. Lower case.
pub(crate) fn voice_names(text: &str, about: &[usize], employer: &[String]) -> Vec<String> {
    let mut names = employer.to_vec();
    for name in about_names(text, about) {
        let Some(first) = name.split(|c: char| !c.is_alphanumeric()).next() else {
            continue;
        };
        let first = first.to_lowercase();
        if first.chars().count() >= 2
            && !crate::voice::is_no_name(&first)
            && !names.contains(&first)
        {
            names.push(first);
        }
    }
    names
}

/// How many names a posting may give its employer: one or two in a real posting; a text that
/// names hundreds is not read for more, so the checks stay linear in its length.
const NAMES_MAX: usize = 8;

/// The distinct names of the "About Snowflake" lines at `about`, at most [`NAMES_MAX`].
fn about_names<'t>(text: &'t str, about: &[usize]) -> Vec<&'t str> {
    let mut names: Vec<&str> = Vec::new();
    for &at in about {
        let rest = &text[at + "About ".len()..];
        let line = rest.split(['\n', '\r']).next().unwrap_or("");
        let name = line.trim_matches(|c: char| !c.is_alphanumeric());
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name);
            if names.len() == NAMES_MAX {
                break;
            }
        }
    }
    names
}

/// "At Tableau, we help people see data": "At", the phrase and a comma open a sentence.
fn at_employer(text: &str, start: usize, end: usize) -> bool {
    start >= 3
        && text.is_char_boundary(start - 3)
        && &text[start - 3..start] == "At "
        && opens_sentence(text, start - 3)
        && text[end..].starts_with(',')
}

/// "Teradata is a leading platform for enterprises", "Teradata is an Equal Opportunity
/// Employer": the phrase opens a sentence that says what the company is.
fn says_what_it_is(text: &str, start: usize, end: usize) -> bool {
    if !opens_sentence(text, start) {
        return false;
    }
    let Some(after) = text[end..].strip_prefix(" is ") else {
        return false;
    };
    let Some(what) = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| after.strip_prefix(a))
    else {
        return false;
    };
    let next = what
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // "Snowflake is a must", "Tableau is a plus": a requirement, not the employer.
    if crate::voice::is_requirement_word(next) {
        return false;
    }
    if next.eq_ignore_ascii_case("equal") {
        return true;
    }
    let sentence = what.split(['.', '\n', '!', '?']).next().unwrap_or("");
    let mut cut = sentence.len().min(SENTENCE_MAX);
    while !sentence.is_char_boundary(cut) {
        cut -= 1;
    }
    crate::voice::names_the_business(&sentence[..cut])
}

/// How much of a sentence is read for a word of the business.
const SENTENCE_MAX: usize = 300;

/// Whether `at` opens a sentence: the text's start, or after a line break or a sentence's end
/// and spaces.
fn opens_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '\u{a0}']);
    before.is_empty() || before.ends_with(['\n', '\r', '.', '!', '?', ':', ';'])
}

/// Gives the company-blurb weight to every phrase that is the employer's name (`names`, from
/// [`employer_names`]), wherever it stands, when it weighs more there.
// Kept out of line, as the voice check is: it runs once a posting, and the scoring loop
// around it compiles better without it.
#[inline(never)]
pub(crate) fn quiet_employer_name(
    text: &str,
    names: &[String],
    evidence: &mut [Evidence],
    weights: &SectionWeights,
) {
    if names.is_empty() {
        return;
    }
    for e in evidence.iter_mut() {
        let section_weight = weights.of(e.section);
        if section_weight <= weights.company {
            continue;
        }
        let phrase = &text[e.start..e.end];
        if names.iter().any(|n| phrase.eq_ignore_ascii_case(n)) {
            e.modifier = e.modifier / section_weight * weights.company;
            e.section = Section::Company;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The employer's names among the phrases `words` stands for in `text`.
    fn names_among(text: &str, words: &[&str]) -> Vec<String> {
        let evidence: Vec<Evidence> = words
            .iter()
            .flat_map(|w| text.match_indices(w).map(|(at, _)| (at, at + w.len())))
            .map(|(start, end)| Evidence {
                term: 0,
                start,
                end,
                section: Section::General,
                modifier: 1.0,
                contribution: 0.0,
            })
            .collect();
        employer_names(text, &crate::sections::company_headings(text), &evidence)
    }

    fn names(text: &str) -> Vec<String> {
        names_among(
            text,
            &[
                "Snowflake",
                "Tableau",
                "Teradata",
                "Looker",
                "Spark",
                "snowflake",
            ],
        )
    }

    #[test]
    fn the_employer_names_itself() {
        assert_eq!(
            names("About Snowflake\nSnowflake is the Data Cloud company."),
            vec!["snowflake"]
        );
        assert_eq!(
            names("At Tableau, we help people see data. Requirements: SQL"),
            vec!["tableau"]
        );
        assert_eq!(
            names("Intro.\nJoin Looker and help the world see data."),
            vec!["looker"]
        );
        assert_eq!(
            names("Teradata is a leading platform for enterprises. You will build models."),
            vec!["teradata"]
        );
        assert_eq!(
            names(
                "Requirements: SQL.\nTeradata is an Equal Opportunity/Affirmative Action Employer."
            ),
            vec!["teradata"]
        );
    }

    #[test]
    fn skills_and_places_are_no_employer() {
        // A skill with a hedge, a skill in a list, a place, running text.
        assert!(names("Tableau is a plus. Snowflake is a must for our customers").is_empty());
        assert!(names("Experience with Snowflake, Tableau and Looker.").is_empty());
        assert!(names("We work at scale, at Acme speed").is_empty());
        assert!(names("Our stack: Spark is the engine we use").is_empty());
        assert!(names("You will Join Spark jobs to tables").is_empty());
        // Lower case is no name.
        assert!(names("snowflake is a leading platform for enterprises").is_empty());
    }
}
