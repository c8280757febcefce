//! The verdict on one posting: what the job really is, with its evidence.

use rolecall_lexicon::{Role, Section, Stage};
use rolecall_rules::{Fsds, PrimaryRule};
use serde::{Serialize, Serializer};

/// Scores rounded to three decimals in output: more digits would be noise.
pub(crate) fn round3<S: Serializer>(v: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((f64::from(*v) * 1000.0).round() / 1000.0)
}

fn role_or_none<S: Serializer>(r: &Option<Role>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(r.map_or("none", Role::name))
}

/// One role's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    /// In [0, 1], independent of the other roles.
    #[serde(serialize_with = "round3")]
    pub strength: f32,
    /// The role's share of the posting's role evidence, in [0, 1].
    #[serde(serialize_with = "round3")]
    pub share: f32,
}

/// The score of every role.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Data Engineer.
    pub de: Score,
    /// Data Scientist.
    pub ds: Score,
    /// ML Engineer.
    pub mle: Score,
    /// Data Analyst.
    pub analyst: Score,
}

impl Scores {
    /// The score of one role.
    pub fn get(&self, role: Role) -> Score {
        match role {
            Role::De => self.de,
            Role::Ds => self.ds,
            Role::Mle => self.mle,
            Role::Analyst => self.analyst,
        }
    }
}

/// What a piece of evidence counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    /// Data Engineer.
    De,
    /// Data Scientist.
    Ds,
    /// ML Engineer.
    Mle,
    /// Data Analyst.
    Analyst,
    /// A skill every data role shares: reported, pulls toward no role.
    Common,
    /// A startup or first-hire signal for the FSDS flag.
    Signal,
    /// A statement of the whole data path for the FSDS flag ("from data ingestion to model
    /// deployment").
    Path,
    /// A duty of a job that is not a data job (sales quotas, patient care, front-end work).
    #[serde(rename = "non_data")]
    NonData,
}

impl EvidenceKind {
    /// Every kind, in report order.
    pub const ALL: [EvidenceKind; 8] = [
        EvidenceKind::De,
        EvidenceKind::Ds,
        EvidenceKind::Mle,
        EvidenceKind::Analyst,
        EvidenceKind::Common,
        EvidenceKind::Signal,
        EvidenceKind::Path,
        EvidenceKind::NonData,
    ];

    /// The kind of evidence for a role.
    pub fn of_role(role: Role) -> EvidenceKind {
        match role {
            Role::De => EvidenceKind::De,
            Role::Ds => EvidenceKind::Ds,
            Role::Mle => EvidenceKind::Mle,
            Role::Analyst => EvidenceKind::Analyst,
        }
    }

    /// The name used in output.
    pub fn name(self) -> &'static str {
        match self {
            EvidenceKind::De => "de",
            EvidenceKind::Ds => "ds",
            EvidenceKind::Mle => "mle",
            EvidenceKind::Analyst => "analyst",
            EvidenceKind::Common => "common",
            EvidenceKind::Signal => "signal",
            EvidenceKind::Path => "path",
            EvidenceKind::NonData => "non_data",
        }
    }
}

/// One phrase found in the posting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceItem {
    /// The lexicon term that matched.
    pub term: String,
    /// What it counts for.
    pub role: EvidenceKind,
    /// Byte offset of the phrase in the posting's text.
    pub start: usize,
    /// Byte offset just past the phrase.
    pub end: usize,
    /// The section it stands in.
    pub section: Section,
    /// What it added to its role's raw score (0 when a cue, section or lack of support
    /// silenced it).
    #[serde(serialize_with = "round3")]
    pub weight: f32,
}

/// The verdict on one posting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// The posting's id.
    pub id: String,
    /// The posting's title, or, when it came without one, the first line of its text or the
    /// value of a "Job Title: ..." line near the top, when that reads as a job title.
    pub title: String,
    /// The title was read from the text (its first line, or a "Job Title: ..." line near the
    /// top): the posting came without one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub title_from_text: bool,
    /// The role the posting mostly asks for; `None` (`"none"` in output) for a non-data job.
    #[serde(serialize_with = "role_or_none")]
    pub primary: Option<Role>,
    /// The rule that settled `primary`: the most evidence, the title, a DS call without models
    /// (analyst), an MLE call without production (DS), production work with no title to go by
    /// (MLE), too little evidence, non-data duties, or a job-family title with its duties.
    pub primary_rule: PrimaryRule,
    /// Every role the posting substantially asks for.
    pub labels: Vec<Role>,
    /// Each role's strength and share.
    pub scores: Scores,
    /// The Full Stack Data Scientist flag, its confidence and reasons.
    pub fsds: Fsds,
    /// What the title alone claims (`"none"`: no data role).
    #[serde(serialize_with = "role_or_none")]
    pub title_role: Option<Role>,
    /// The title claims something other than what the body asks for.
    pub mismatch: bool,
    /// The pipeline stages the posting covers.
    pub stages: Vec<Stage>,
    /// Every phrase found, in text order.
    pub evidence: Vec<EvidenceItem>,
    /// The section headings found in the text, as `(section, byte offset)`, in text order. Not
    /// part of the JSON record; `--format marked` shows them.
    #[serde(skip)]
    pub headings: Vec<(Section, usize)>,
    /// What was odd about the input (cut at `max_bytes`, undecodable bytes replaced).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Verdict {
    /// The name of the primary role, `"none"` for a non-data job.
    pub fn primary_name(&self) -> &'static str {
        self.primary.map_or("none", Role::name)
    }

    /// The distinct terms of one kind that counted, with their summed weight, heaviest first.
    pub fn top_terms(&self, kind: EvidenceKind) -> Vec<(&str, f32)> {
        let mut terms: Vec<(&str, f32)> = Vec::new();
        for e in self
            .evidence
            .iter()
            .filter(|e| e.role == kind && e.weight > 0.0)
        {
            match terms.iter_mut().find(|(t, _)| *t == e.term) {
                Some((_, w)) => *w += e.weight,
                None => terms.push((&e.term, e.weight)),
            }
        }
        terms.sort_by(|a, b| b.1.total_cmp(&a.1));
        terms
    }

    /// The name of the title role, `"none"` when the title names no data role.
    pub fn title_role_name(&self) -> &'static str {
        self.title_role.map_or("none", Role::name)
    }
}
