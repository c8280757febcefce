//! The rolecall lexicon: load and validate the keyword files, find every term of every role in
//! one pass, and turn the hits into per-role scores.
//!
//! # Overview
//!
//! - [`Lexicon`]: the validated, compiled lexicon; [`Lexicon::builtin`] is the shipped one, built
//!   from the top-level `keywords/` folder, and [`Lexicon::from_dir`] loads a user's own.
//! - [`Lexicon::analyze`]: one Aho-Corasick pass over a posting, then arithmetic on the hits:
//!   [`Analysis`] holds the [`Evidence`], each role's [`RoleScore`] and the pipeline stages.
//! - [`Role`], [`Stage`] and [`Section`]: the closed vocabularies.
//!
//! # Example
//!
//! ```
//! use rolecall_lexicon::{Lexicon, Role, ScoreParams};
//!
//! let lexicon = Lexicon::builtin();
//! let text = "You will build batch and streaming pipelines with Airflow and Kafka \
//!             and own our Snowflake warehouse.";
//! let analysis = lexicon.analyze(text, &ScoreParams::default());
//! assert!(analysis.role(Role::De).strength > analysis.role(Role::Ds).strength);
//! ```
//!
//! # Match semantics
//!
//! ASCII case-insensitive, leftmost-longest, whole words with plain plurals, a hyphen the same as
//! a space, and each term in its other spellings (British or American, either apostrophe); see
//! the `matcher` and `spelling` modules for the exact rules. Every hit keeps its byte span in the
//! text.
//!
//! # File format
//!
//! One term a line, `term | field | field`, `#` comments; `keywords/README.md` documents the
//! fields of each file. Errors name the file and the line.

mod builtin;
mod employer;
mod error;
mod lexicon;
mod matcher;
mod parse;
mod role;
mod score;
mod sections;
mod spacing;
mod spelling;
mod voice;

pub use builtin::BUILTIN;
pub use error::{Error, ErrorKind};
pub use lexicon::{
    CueScope, Lexicon, LexiconBuilder, Origin, Term, TermKind, TitlePattern, GAP, GAP_WORDS,
    PATH_GAP_WORDS,
};
pub use matcher::Hit;
pub use role::{Role, Section, Stage};
pub use score::{Analysis, Evidence, RoleScore, ScoreParams, SectionWeights};
pub use spelling::{fold_hyphens, spellings, spells, spells_path};

/// What a job title claims, from one pass of the title patterns over it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TitleClaim {
    /// The role of the highest-priority pattern (ties: the leftmost); `None` when the title
    /// names no data role.
    pub role: Option<Role>,
    /// The title's strongest pattern names a non-data job ("Product Manager", "Product Marketing
    /// Manager, Big Data"; not "Big Data Software Engineer", where "big data" outranks).
    pub non_data: bool,
    /// The strongest pattern names a job family ([`FAMILY_PRIORITY`]): "Product Manager,
    /// Machine Learning" is a product manager's job whatever data it works on.
    pub family: bool,
    /// The title names a manager of people ("Data Science Manager", "Director of Data
    /// Engineering", "Head of Data"): what the posting spans may be the team's work, not one
    /// person's. The index in [`Lexicon::titles`] of the first such word.
    pub manager: Option<usize>,
    /// The title is not blank.
    pub present: bool,
}

/// Title patterns of at least this priority name a job family that stays itself whatever data
/// it works on (Product Manager, Recruiter, Sales Engineer: `titles.txt`). After a separator
/// ("Data Analytics Developer, Customer Success") such a pattern names a team, not the job, and
/// ranks below every pattern before the separator.
pub const FAMILY_PRIORITY: f32 = 6.0;

/// Where the head of a title ends: the job itself, before a team or product named after a
/// separator ("Sr. Client Data Analyst (Customer Success)", "Product Manager - Data").
fn title_head(title: &str) -> usize {
    [",", " - ", " – ", " — ", "(", "|", ":"]
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .unwrap_or(title.len())
}

impl TitleClaim {
    /// The title names a job, data or not ("Data Engineer", "Product Manager"); "Associate" or
    /// "About us" name none.
    pub fn names_a_job(&self) -> bool {
        self.role.is_some() || self.non_data
    }
}

impl Lexicon {
    /// What a job title claims.
    pub fn title_claim(&self, title: &str) -> TitleClaim {
        // Read as a body is ([`Lexicon::analyze`]): spacing folded, so that neither a pattern
        // nor a separator (" - " written with no-break spaces) depends on it.
        let spacing = spacing::Spacing::fold(title);
        let title: &str = &spacing.text;
        let titles = self.titles();
        let (marks, hits): (Vec<Hit>, Vec<Hit>) = self
            .matcher()
            .find_titles(title)
            .into_iter()
            .partition(|h| titles[h.term].manages);
        let head = title_head(title);
        let head_named = hits.iter().any(|h| h.start < head);
        let family = |h: &Hit| titles[h.term].priority >= FAMILY_PRIORITY;
        // A family named after the separator is a team: it ranks below the head's patterns.
        let team = |h: &Hit| family(h) && head_named && h.start >= head;
        let rank = |h: &Hit| (!team(h), titles[h.term].priority);
        let mut best: Option<&Hit> = None;
        for h in &hits {
            if best.is_none_or(|b| rank(h) > rank(b)) {
                best = Some(h);
            }
        }
        TitleClaim {
            role: best.and_then(|h| titles[h.term].role),
            non_data: best.is_some_and(|h| titles[h.term].role.is_none()),
            family: best.is_some_and(|h| family(h) && !team(h)),
            manager: marks.first().map(|h| h.term),
            present: !title.trim().is_empty(),
        }
    }

    /// The role a job title claims (`None`: the title names no data role).
    pub fn title_role(&self, title: &str) -> Option<Role> {
        self.title_claim(title).role
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_claims() {
        let lex = Lexicon::builtin();
        let claim = |t: &str| lex.title_claim(t);
        assert_eq!(claim("Senior Data Scientist").role, Some(Role::Ds));
        // The highest priority wins; among role names of equal priority, the one named first.
        assert_eq!(
            claim("Data Scientist / Machine Learning Engineer").role,
            Some(Role::Ds)
        );
        assert_eq!(
            claim("Senior Machine Learning Engineer / Data Scientist").role,
            Some(Role::Mle)
        );
        assert_eq!(
            claim("Machine Learning Research Scientist").role,
            Some(Role::Ds)
        );
        // Patterns may overlap: "big data" and "data analyst".
        assert_eq!(claim("Big Data Analyst").role, Some(Role::Analyst));
        // A manager of people is marked, and the title still claims its role; a lead is not a
        // manager; a manager's title with no role claims none.
        assert_eq!(claim("Senior Manager, Data Science").role, Some(Role::Ds));
        let word = |t: &str| claim(t).manager.map(|i| lex.titles()[i].text.as_str());
        assert_eq!(word("Senior Manager, Data Science"), Some("manager"));
        assert_eq!(word("Head of Data Engineering"), Some("head of"));
        assert_eq!(word("Director of Machine Learning"), Some("director"));
        assert_eq!(word("Lead Data Engineer"), None);
        assert_eq!(word("Data Scientist"), None);
        let bare = claim("Manager");
        assert!(bare.manager.is_some() && !bare.names_a_job(), "{bare:?}");
        // The manager words rank nothing: "Product Manager" is still a product manager's job.
        assert!(claim("Product Manager").family);
        assert!(claim("Product Manager").non_data);
        assert!(claim("Senior Backend Engineer, Payments").non_data);
        // A job family outranks the technology it sells or tests.
        assert!(claim("Product Marketing Manager, Big Data").non_data);
        assert_eq!(claim("Data Quality Engineer").role, Some(Role::De));
        assert_eq!(claim("Data Reliability Engineer").role, Some(Role::De));
        // "ML" names the speciality as "Machine Learning" does, as a whole word only.
        assert_eq!(
            claim("Member of Technical Staff - ML").role,
            Some(Role::Mle)
        );
        // Later titles: serving models, and one warehouse product named as the job.
        assert_eq!(claim("LLM Inference Engineer").role, Some(Role::Mle));
        assert_eq!(
            claim("Senior Recommender Systems Engineer").role,
            Some(Role::Mle)
        );
        assert_eq!(claim("Deep Learning Researcher").role, Some(Role::Ds));
        assert_eq!(claim("Snowflake Developer").role, Some(Role::De));
        assert!(claim("Account Executive, Snowflake").non_data);
        // Abbreviated role names, as whole words only.
        assert_eq!(claim("Senior MLE").role, Some(Role::Mle));
        assert_eq!(claim("Sr. Data Eng").role, Some(Role::De));
        assert_eq!(claim("Big Data Engg").role, Some(Role::De));
        assert_eq!(claim("Sr. Data Engr").role, Some(Role::De));
        assert_eq!(claim("Data Ops Engineer").role, Some(Role::De));
        assert_eq!(claim("Computer Vision Researcher").role, Some(Role::Ds));
        assert_eq!(claim("Operations Research Analyst").role, Some(Role::Ds));
        assert_eq!(claim("Reporting Specialist").role, Some(Role::Analyst));
        assert_eq!(claim("Data Sci Lead").role, Some(Role::Ds));
        assert_eq!(claim("Data Engagement Manager").role, None);
        assert!(claim("HTML Developer").non_data);
        assert!(claim("Sr. Storage Engineer").non_data);
        // A job family names the job; the data words after it name its domain.
        assert!(claim("Product Manager, Machine Learning").non_data);
        assert!(claim("Technical Recruiter - Data Engineering").non_data);
        assert_eq!(
            claim("Data Analyst - Product Marketing").role,
            Some(Role::Analyst)
        );
        assert!(claim("Product Manager, Machine Learning").family);
        assert!(!claim("Senior Backend Engineer, Payments").family);
        // After a separator a family names the team: the head's data role is the job.
        for t in [
            "Data Analytics Developer, Customer Success",
            "Sr. Client Data Analyst (Sell-side, Customer Success)",
        ] {
            assert_eq!(claim(t).role, Some(Role::Analyst), "{t}");
            assert!(!claim(t).family && !claim(t).non_data, "{t}");
        }
        // ...unless the head names nothing.
        assert!(claim("Senior, Customer Success Manager").family);
        assert!(!claim("Big Data Software Engineer").non_data);
        assert_eq!(claim("Big Data Software Engineer").role, Some(Role::De));
        let empty = claim("  ");
        assert!(!empty.present && !empty.non_data && empty.role.is_none());
        assert!(claim("Barista").present && !claim("Barista").non_data);
        // Developers of ETL tools build pipelines; the tool's administrator claims nothing.
        assert_eq!(claim("Senior Informatica Developer").role, Some(Role::De));
        assert_eq!(claim("SSIS Developer").role, Some(Role::De));
        assert_eq!(claim("Informatica Admin").role, None);
        // Lawyers who advise on data are lawyers; a counselor is not counsel.
        assert!(claim("Data Privacy Counsel").family);
        // However it is spaced, a separator is one.
        for t in [
            "Data Analyst - Customer Success",
            "Data Analyst\u{a0}-\u{a0}Customer Success",
            "Data  Analyst\t-  Customer\u{a0}Success",
        ] {
            assert_eq!(claim(t).role, Some(Role::Analyst), "{t:?}");
            assert!(!claim(t).family, "{t:?}");
        }
        assert!(!claim("Career Counselor").non_data);
        // Managing delivery and back-office work claim no data role; a department's name gives
        // way to the data role it holds.
        for t in [
            "Scrum Master",
            "Payroll Specialist",
            "Director of Product Development",
        ] {
            assert!(claim(t).non_data && claim(t).role.is_none(), "{t}");
        }
        assert_eq!(
            claim("Human Resources Data Analyst").role,
            Some(Role::Analyst)
        );
        assert_eq!(
            claim("Software Engineering Manager, Data Platform").role,
            Some(Role::De)
        );
        assert_eq!(claim("LLMOps Engineer").role, Some(Role::Mle));
    }

    #[test]
    fn tools_of_later_boards_count_for_their_role() {
        let lex = Lexicon::builtin();
        let text = "Meltano, Apache Pulsar, Cloud Composer and MWAA. Metaflow, ZenML and \
                    Evidently AI, Arize and LangSmith. CausalML, DoWhy and sequential testing. \
                    QuickSight.";
        let a = lex.analyze(text, &ScoreParams::default());
        let role_of = |term: &str| {
            a.evidence
                .iter()
                .find(|e| lex.terms()[e.term].text == term)
                .map(|e| lex.terms()[e.term].kind)
        };
        for (term, role) in [
            ("meltano", Role::De),
            ("apache pulsar", Role::De),
            ("cloud composer", Role::De),
            ("mwaa", Role::De),
            ("metaflow", Role::Mle),
            ("zenml", Role::Mle),
            ("evidently ai", Role::Mle),
            ("arize", Role::Mle),
            ("langsmith", Role::Mle),
            ("causalml", Role::Ds),
            ("dowhy", Role::Ds),
            ("sequential testing", Role::Ds),
            ("quicksight", Role::Analyst),
        ] {
            assert_eq!(role_of(term), Some(TermKind::Role(role)), "{term}");
        }
        // The only data person, and the earliest stage, are startup signals.
        let a = lex.analyze(
            "As the sole data scientist of a pre-seed company, take us from zero to one.",
            &ScoreParams::default(),
        );
        let signals: Vec<&str> = a
            .signals
            .iter()
            .map(|e| lex.terms()[e.term].text.as_str())
            .collect();
        assert_eq!(signals, ["sole data scientist", "pre-seed", "zero to one"]);
        // "Evidently" alone is an adverb.
        let a = lex.analyze("Evidently, we ship fast.", &ScoreParams::default());
        assert!(a.evidence.is_empty(), "{:?}", a.evidence);
    }
}
