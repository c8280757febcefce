//! From hits to evidence and per-role scores: weights × section × cues × saturation.
//!
//! Everything here is arithmetic on the hits of one pass; the text is only looked at in the
//! small gaps between neighbouring hits (headings, cues, "X or Y" groups).

use crate::lexicon::{CueScope, Lexicon, TermKind};
use crate::matcher::Hit;
use crate::role::{Role, Section, Stage};
use crate::sections::{company_headings, inline_value_end, is_heading, starts_block};
use crate::spacing::Spacing;
use serde::Deserialize;

/// Weight multipliers for the section a phrase stands in.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SectionWeights {
    /// Text before any heading.
    pub general: f32,
    /// Duties.
    pub responsibilities: f32,
    /// Required qualifications.
    pub requirements: f32,
    /// Nice to have.
    pub preferred: f32,
    /// The team's tools, listed.
    pub stack: f32,
    /// About the company.
    pub company: f32,
    /// Benefits and perks.
    pub benefits: f32,
    /// Equal-opportunity and legal text.
    pub legal: f32,
    /// A job board's furniture after the posting (similar jobs, job alerts).
    pub footer: f32,
}

impl Default for SectionWeights {
    fn default() -> SectionWeights {
        SectionWeights {
            general: 0.9,
            responsibilities: 1.0,
            requirements: 0.85,
            preferred: 0.5,
            stack: 0.5,
            company: 0.2,
            benefits: 0.0,
            legal: 0.0,
            footer: 0.0,
        }
    }
}

impl SectionWeights {
    /// The multiplier of one section.
    pub fn of(&self, section: Section) -> f32 {
        match section {
            Section::General => self.general,
            Section::Responsibilities => self.responsibilities,
            Section::Requirements => self.requirements,
            Section::Preferred => self.preferred,
            Section::Stack => self.stack,
            Section::Company => self.company,
            Section::Benefits => self.benefits,
            Section::Legal => self.legal,
            Section::Footer => self.footer,
        }
    }
}

/// The numbers that turn hits into scores. Read from the `[scoring]` table of `rules.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScoreParams {
    /// Multipliers per section.
    pub sections: SectionWeights,
    /// Each further occurrence of the same term counts this fraction of the one before.
    pub repeat_decay: f32,
    /// The raw evidence at which a role's strength reaches 1 - 1/e (about 0.63).
    pub saturation: f32,
    /// The same for a pipeline stage.
    pub stage_saturation: f32,
    /// The weight of the second member of an "X or Y" pair of the same role.
    pub or_group: f32,
    /// How many bytes a cue reaches, within its sentence.
    pub cue_reach: usize,
    /// The least weight of an unambiguous phrase that lets ambiguous ones count.
    pub anchor_weight: f32,
    /// ...and the least modifier it may stand under: a phrase a negation silences ("this is not
    /// a data engineering role") anchors nothing.
    pub anchor_min_modifier: f32,
    /// How far (bytes) a modelling phrase supports a deployment word.
    pub support_reach: usize,
    /// Whether own-role support must be near too (else anywhere in the posting).
    pub local_support: bool,
}

impl Default for ScoreParams {
    fn default() -> ScoreParams {
        ScoreParams {
            sections: SectionWeights::default(),
            repeat_decay: 0.5,
            saturation: 8.0,
            stage_saturation: 3.0,
            or_group: 0.3,
            cue_reach: 80,
            anchor_weight: 1.5,
            anchor_min_modifier: 0.2,
            support_reach: 300,
            local_support: false,
        }
    }
}

/// One term found in a posting, with where it stands and what it counts for.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Index of the term in [`Lexicon::terms`].
    pub term: usize,
    /// Byte offset of the start of the phrase in the text.
    pub start: usize,
    /// Byte offset just past the phrase.
    pub end: usize,
    /// The section the phrase stands in.
    pub section: Section,
    /// The product of the modifiers: section, cues (negation, hedging) and "X or Y" groups.
    pub modifier: f32,
    /// What the phrase adds to its role's raw score, after modifiers, repetition and support.
    pub contribution: f32,
}

/// One role's score.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RoleScore {
    /// The sum of the contributions of the role's evidence.
    pub raw: f32,
    /// `1 - exp(-raw / saturation)`: in [0, 1], independent of the other roles.
    pub strength: f32,
    /// The role's share of the posting's role evidence, in [0, 1].
    pub share: f32,
    /// How many distinct terms contributed to the role.
    pub terms: usize,
}

/// Everything one pass over a posting found, scored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// Role and common-skill evidence, in text order.
    pub evidence: Vec<Evidence>,
    /// Startup and "first data hire" signals, in text order.
    pub signals: Vec<Evidence>,
    /// Statements of the whole data path ("from data ingestion to model deployment"), in text
    /// order, weighed as duties are: weight × section × cues.
    pub paths: Vec<Evidence>,
    /// Scores indexed by [`Role::index`].
    pub roles: [RoleScore; 4],
    /// The raw evidence added from outside the text ([`Analysis::add_prior`]: the title's
    /// claim), by [`Role::index`]; it is included in `roles`.
    pub prior: [f32; 4],
    /// The raw evidence of non-data duties (sales, patient care, front-end work), scored like a
    /// role's: weights × section × cues × repetition; any prior included.
    pub non_data: f32,
    /// The part of `non_data` added from outside the text ([`Analysis::add_non_data_prior`]).
    pub non_data_prior: f32,
    /// Strength of each pipeline stage, in [0, 1], indexed by [`Stage::index`].
    pub stages: [f32; 7],
    /// The headings recognised, as `(section, byte offset)`.
    pub headings: Vec<(Section, usize)>,
}

impl Analysis {
    /// The score of one role.
    pub fn role(&self, role: Role) -> RoleScore {
        self.roles[role.index()]
    }

    /// A role's raw evidence from the text alone, without any prior.
    pub fn body_raw(&self, role: Role) -> f32 {
        self.roles[role.index()].raw - self.prior[role.index()]
    }

    /// How many distinct phrases of the text counted for a role (a prior is not one).
    pub fn body_terms(&self, role: Role) -> usize {
        let prior = usize::from(self.prior[role.index()] > 0.0);
        self.roles[role.index()].terms.saturating_sub(prior)
    }

    /// The raw evidence of non-data duties in the text alone, without any prior.
    pub fn body_non_data(&self) -> f32 {
        self.non_data - self.non_data_prior
    }

    /// Adds `raw` evidence to the non-data side from outside the text (a title that names a
    /// non-data job, as a prior).
    pub fn add_non_data_prior(&mut self, raw: f32) {
        self.non_data += raw;
        self.non_data_prior += raw;
    }

    /// The strength of one stage.
    pub fn stage(&self, stage: Stage) -> f32 {
        self.stages[stage.index()]
    }

    /// Adds `raw` evidence to a role from outside the text (the title's claim, as a prior) and
    /// recomputes strengths and shares.
    /// The prior counts as one more distinct term.
    pub fn add_prior(&mut self, role: Role, raw: f32, params: &ScoreParams) {
        if raw > 0.0 {
            self.roles[role.index()].raw += raw;
            self.roles[role.index()].terms += 1;
            self.prior[role.index()] += raw;
        }
        self.rescore(params);
    }

    fn rescore(&mut self, params: &ScoreParams) {
        let total: f32 = self.roles.iter().map(|r| r.raw).sum();
        for r in &mut self.roles {
            r.strength = saturate(r.raw, params.saturation);
            r.share = if total > 0.0 { r.raw / total } else { 0.0 };
        }
    }
}

/// Bytes that end a sentence or list item, for the reach of cues.
fn breaks_sentence(gap: &[u8]) -> bool {
    gap.iter()
        .any(|b| matches!(b, b'.' | b'\n' | b'\r' | b';' | b'!' | b'?'))
}

/// Whether nothing but spaces and closing punctuation stand between `at` and the end of its
/// sentence or line.
fn ends_sentence_at(text: &str, at: usize) -> bool {
    text.as_bytes()[at..]
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b')' | b'"' | b'\''))
        .is_none_or(|&b| b == b',' || breaks_sentence(&[b]))
}

/// How the text between two neighbouring hits joins them in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// "X, Y": a list, of alternatives or not.
    Comma,
    /// "X or Y", "X/Y", "X, or Y", "X and/or Y": alternatives.
    Or,
}

/// How `gap`, the text between two hits, joins them; `None` when it is not a list separator.
fn join_of(gap: &str) -> Option<Join> {
    let g = gap.trim_matches(|c: char| c.is_whitespace() || c == '(' || c == ')');
    if g == "," {
        return Some(Join::Comma);
    }
    let g = g.trim_matches(|c: char| c.is_whitespace() || c == ',');
    (g == "/" || g.eq_ignore_ascii_case("or") || g.eq_ignore_ascii_case("and/or"))
        .then_some(Join::Or)
}

/// Whether an "or" closes the list whose last phrase ends at `end`: "PyTorch, TensorFlow or
/// JAX", where the last alternative is not a term.
fn or_follows(text: &str, end: usize) -> bool {
    let rest = &text.as_bytes()[end..];
    let rest = rest
        .iter()
        .position(|b| !matches!(b, b' ' | b','))
        .map_or(&rest[rest.len()..], |i| &rest[i..]);
    rest.len() > 3 && rest[..2].eq_ignore_ascii_case(b"or") && rest[2] == b' '
}

impl Lexicon {
    /// Finds every term in `text` in one pass and scores the posting.
    ///
    /// The text is read with its spacing folded (a no-break space, a tab or a run of spaces is
    /// one space; a soft hyphen is nothing), so that neither a phrase, nor a heading, nor the
    /// reach of a cue depends on how a web page or a spreadsheet spaced it. Every offset in the
    /// analysis is in `text` as given.
    pub fn analyze(&self, text: &str, params: &ScoreParams) -> Analysis {
        let spacing = Spacing::fold(text);
        let mut hits = Vec::new();
        self.matcher().find_into(&spacing.text, &mut hits);
        let mut out = self.score_hits(&spacing.text, &hits, params);
        if spacing.folds() {
            for e in out
                .evidence
                .iter_mut()
                .chain(&mut out.signals)
                .chain(&mut out.paths)
            {
                (e.start, e.end) = spacing.original(e.start, e.end);
            }
            for (_, at) in &mut out.headings {
                *at = spacing.original(*at, *at).0;
            }
        }
        out
    }

    /// Scores hits found in `text` by [`Lexicon::analyze`]'s matcher.
    fn score_hits(&self, text: &str, hits: &[Hit], params: &ScoreParams) -> Analysis {
        let terms = self.terms();
        let mut out = Analysis::default();
        let mut cues: Vec<(Hit, CueScope, f32)> = Vec::new();
        let mut section = Section::General;
        // A field such as "Salary: $120,000" stands in its section only to the end of its line,
        // then the section it interrupted goes on: (that section, where the line ends).
        let mut field: Option<(Section, usize)> = None;
        let about = company_headings(text);
        let mut companies = about.iter().peekable();
        // Where the last heading ended: "Benefits Overview" is one heading, the benefits one;
        // a general heading on the next line ("Benefits\nFull job description") is its own.
        let mut heading_end = None;
        for &hit in hits {
            if let Some((outer, _)) = field.filter(|&(_, until)| hit.start >= until) {
                section = outer;
                field = None;
            }
            // An "About Acme" line before this hit opens the company blurb.
            while let Some(&at) = companies.next_if(|&&at| at <= hit.start) {
                section = Section::Company;
                field = None;
                out.headings.push((section, at));
            }
            let term = &terms[hit.term];
            let ev = |section| Evidence {
                term: hit.term,
                start: hit.start,
                end: hit.end,
                section,
                modifier: params.sections.of(section),
                contribution: 0.0,
            };
            match term.kind {
                TermKind::Heading(s) => {
                    // Legal boilerplate and a job board's footer rarely have a heading; near the
                    // end, their phrase suffices: legal phrases anywhere, a footer's where it
                    // starts a block ("Similar jobs Spark Developer" in flattened text), not in
                    // a duty ("how to apply causal inference").
                    let late = hit.start * 10 >= text.len() * 6
                        && match s {
                            Section::Legal => true,
                            Section::Footer => starts_block(text, hit.start, hit.end),
                            _ => false,
                        };
                    let qualifies_last = s == Section::General
                        && heading_end.is_some_and(|end: usize| {
                            hit.start >= end
                                && text.as_bytes()[end..hit.start]
                                    .iter()
                                    .all(|b| matches!(b, b' ' | b'\t'))
                        });
                    if qualifies_last {
                        heading_end = Some(hit.end);
                    } else if late || is_heading(text, hit.start, hit.end) {
                        heading_end = Some(hit.end);
                        // Pay, perks, legal notes and blurbs are often one-line fields near the
                        // top ("Salary: ...", "Benefits: medical, dental"): the posting goes on
                        // below them.
                        let silencing = matches!(
                            s,
                            Section::Benefits
                                | Section::Legal
                                | Section::Footer
                                | Section::Company
                                | Section::Stack
                        );
                        field = if silencing && !late {
                            inline_value_end(text, hit.end)
                                .map(|until| (field.map_or(section, |(outer, _)| outer), until))
                        } else {
                            None
                        };
                        section = s;
                        out.headings.push((s, hit.start));
                    } else if s == Section::Preferred {
                        // "Kafka is nice to have.", "Bonus points for dbt": in a sentence, a
                        // nice-to-have heading is a hedge on the terms of that sentence, at
                        // the weight of the section it would open.
                        let scope = if ends_sentence_at(text, hit.end) {
                            CueScope::After
                        } else {
                            CueScope::Before
                        };
                        cues.push((hit, scope, params.sections.preferred));
                    }
                }
                TermKind::Cue(scope) => cues.push((hit, scope, term.weight)),
                TermKind::Signal => {
                    let mut e = ev(section);
                    // Startup signals live in the company blurb: only benefits and legal text
                    // silence them.
                    e.modifier = if matches!(
                        section,
                        Section::Benefits | Section::Legal | Section::Footer
                    ) {
                        0.0
                    } else {
                        1.0
                    };
                    out.signals.push(e);
                }
                TermKind::Path => out.paths.push(ev(section)),
                TermKind::Role(_) | TermKind::Common | TermKind::NonData => {
                    out.evidence.push(ev(section))
                }
            }
        }
        let employer = crate::employer::employer_names(text, &about, &out.evidence);
        crate::voice::quiet_company_voice(
            text,
            &out.headings,
            &crate::employer::voice_names(text, &about, &employer),
            &mut out.evidence,
            &params.sections,
        );
        crate::employer::quiet_employer_name(text, &employer, &mut out.evidence, &params.sections);
        apply_cues(text, &cues, &mut out.evidence, params.cue_reach);
        apply_cues(text, &cues, &mut out.signals, params.cue_reach);
        apply_cues(text, &cues, &mut out.paths, params.cue_reach);
        self.apply_or_groups(text, &mut out.evidence, params.or_group);
        self.contribute(&mut out, params);
        out
    }

    /// Marks every member but the first of a list of alternatives of the same role: "X or Y",
    /// "X/Y", "X, Y, or Z", and "X, Y or W" where W is no term. A list joined by commas alone
    /// ("Spark, Kafka and Flink") asks for each of its members.
    fn apply_or_groups(&self, text: &str, evidence: &mut [Evidence], factor: f32) {
        let terms = self.terms();
        let role = |e: &Evidence| match terms[e.term].kind {
            TermKind::Role(r) => Some(r),
            _ => None,
        };
        let mut i = 0;
        while i < evidence.len() {
            let Some(r) = role(&evidence[i]) else {
                i += 1;
                continue;
            };
            // The run of phrases of role `r` from `i` that list separators join.
            let mut j = i + 1;
            let mut alternatives = false;
            while j < evidence.len() && role(&evidence[j]) == Some(r) {
                let (a, b) = (&evidence[j - 1], &evidence[j]);
                if b.start < a.end || b.start - a.end > 12 {
                    break;
                }
                match join_of(&text[a.end..b.start]) {
                    Some(Join::Or) => alternatives = true,
                    Some(Join::Comma) => {}
                    None => break,
                }
                j += 1;
            }
            if j - i >= 2 && (alternatives || or_follows(text, evidence[j - 1].end)) {
                for e in &mut evidence[i + 1..j] {
                    e.modifier *= factor;
                }
            }
            i = j;
        }
    }

    /// Which evidence may count. An ambiguous term (`needs-support`) counts only with an anchor:
    /// an unambiguous phrase of its own role weighing at least `anchor_weight` anywhere in the
    /// posting, or, for deployment and monitoring words ("docker", "deploy", "drift"), an
    /// unambiguous modelling phrase within `support_reach` bytes: models to deploy.
    fn support(&self, evidence: &[Evidence], params: &ScoreParams) -> Vec<bool> {
        let terms = self.terms();
        // An unambiguous phrase that no negation silences.
        let unambiguous =
            |e: &Evidence| !terms[e.term].needs_support && e.modifier >= params.anchor_min_modifier;
        let anchor = |e: &Evidence| unambiguous(e) && terms[e.term].weight >= params.anchor_weight;
        let mut role_anchored = [false; 4];
        for e in evidence.iter().filter(|e| anchor(e)) {
            if let TermKind::Role(r) = terms[e.term].kind {
                role_anchored[r.index()] = true;
            }
        }
        // Any unambiguous modelling phrase supports a deployment word near it ("machine
        // learning in production"), however light: the support is local.
        let models: Vec<usize> = evidence
            .iter()
            .filter(|e| unambiguous(e) && terms[e.term].stage == Some(Stage::Modelling))
            .map(|e| e.start)
            .collect();
        evidence
            .iter()
            .map(|e| {
                let t = &terms[e.term];
                let TermKind::Role(r) = t.kind else {
                    return true;
                };
                if !t.needs_support || role_anchored[r.index()] && !params.local_support {
                    return true;
                }
                let near = |at: usize| at.abs_diff(e.start) <= params.support_reach;
                let deploys = matches!(t.stage, Some(Stage::Deployment | Stage::Monitoring));
                (deploys && models.iter().any(|&m| near(m)))
                    || (params.local_support
                        && evidence.iter().any(|f| {
                            anchor(f) && terms[f.term].kind == TermKind::Role(r) && near(f.start)
                        }))
            })
            .collect()
    }

    /// Fills contributions, role scores and stage strengths.
    fn contribute(&self, out: &mut Analysis, params: &ScoreParams) {
        let terms = self.terms();
        let supported = self.support(&out.evidence, params);
        // Repetition: the strongest occurrence counts fully, the next `decay` of it, and so on.
        let mut order: Vec<usize> = (0..out.evidence.len()).collect();
        order.sort_by(|&i, &j| {
            let (a, b) = (&out.evidence[i], &out.evidence[j]);
            a.term
                .cmp(&b.term)
                .then(b.modifier.total_cmp(&a.modifier))
                .then(i.cmp(&j))
        });
        let mut stage_raw = [0f32; 7];
        let mut prev_term = usize::MAX;
        let mut factor = 1.0;
        for i in order {
            let e = &mut out.evidence[i];
            let term = &terms[e.term];
            factor = if e.term == prev_term {
                factor * params.repeat_decay
            } else {
                1.0
            };
            prev_term = e.term;
            let counts = match term.kind {
                TermKind::Role(_) => supported[i],
                _ => true,
            };
            e.contribution = if counts {
                term.weight * e.modifier * factor
            } else {
                0.0
            };
            if let TermKind::Role(r) = term.kind {
                out.roles[r.index()].raw += e.contribution;
                // The first (strongest) occurrence of a term tells whether the term counted.
                if factor == 1.0 && e.contribution > 0.0 {
                    out.roles[r.index()].terms += 1;
                }
            } else if term.kind == TermKind::NonData {
                out.non_data += e.contribution;
            }
            if let Some(stage) = term.stage {
                stage_raw[stage.index()] += e.contribution;
            }
        }
        for e in out.signals.iter_mut().chain(&mut out.paths) {
            e.contribution = terms[e.term].weight * e.modifier;
        }
        out.rescore(params);
        for (s, raw) in out.stages.iter_mut().zip(stage_raw) {
            *s = saturate(raw, params.stage_saturation);
        }
    }
}

/// `1 - exp(-raw / k)`, clamped to [0, 1]; 0 for a non-positive `k`.
fn saturate(raw: f32, k: f32) -> f32 {
    if k <= 0.0 || raw <= 0.0 {
        return 0.0;
    }
    (1.0 - (-raw / k).exp()).clamp(0.0, 1.0)
}

/// Scales the evidence each cue reaches: after a `Before` cue, before an `After` cue, within
/// `reach` bytes and the same sentence.
fn apply_cues(text: &str, cues: &[(Hit, CueScope, f32)], evidence: &mut [Evidence], reach: usize) {
    let bytes = text.as_bytes();
    for &(cue, scope, factor) in cues {
        for e in evidence.iter_mut() {
            let gap = match scope {
                CueScope::Before if e.start >= cue.end => cue.end..e.start,
                CueScope::After if e.end <= cue.start => e.end..cue.start,
                _ => continue,
            };
            if gap.len() <= reach && !breaks_sentence(&bytes[gap]) {
                e.modifier *= factor;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LexiconBuilder;

    fn lex() -> Lexicon {
        LexiconBuilder::new()
            .add_source("de.txt", "spark | 2 | orchestration\nairflow | 3 | orchestration\npipeline | 1 | needs-support\n")
            .add_source("ds.txt", "a/b testing | 3 | analysis\nregression | 2 | modelling\n")
            .add_source("mle.txt", "pytorch | 2 | modelling\ntensorflow | 2 | modelling\nkubernetes | 2 | deployment\n")
            .add_source("analyst.txt", "tableau | 2\n")
            .add_source("common.txt", "data quality\n")
            .add_source("nondata.txt", "sales cycle | 2\n")
            .add_source("signals.txt", "startup | 2\nfrom data ... to deployment | 3 | path\n")
            .add_source("cues.txt", "is a plus | 0.4 | after\nno | 0 | before\nis not an | 0.1 | before\n")
            .add_source("sections.txt", "benefits | benefits\nrequirements | requirements\nsimilar jobs | footer\nnice to have | preferred\nbonus points | preferred\nour stack | stack\nabout the job | general\nhow to apply | footer\n")
            .add_source("titles.txt", "data engineer | de\n")
            .build()
            .unwrap()
    }

    fn raw(text: &str, role: Role) -> f32 {
        lex().analyze(text, &ScoreParams::default()).role(role).raw
    }

    #[test]
    fn the_employers_name_weighs_as_its_blurb() {
        // At Tableau, "Tableau" says who hires: 0.2 wherever it stands; the duties still count.
        let text = "At Tableau, we help people see data.\nRequirements\n- Tableau and Spark";
        let a = lex().analyze(text, &ScoreParams::default());
        let tableau: Vec<&Evidence> = a
            .evidence
            .iter()
            .filter(|e| &text[e.start..e.end] == "Tableau")
            .collect();
        assert_eq!(tableau.len(), 2);
        assert!(tableau
            .iter()
            .all(|e| e.section == Section::Company && (e.modifier - 0.2).abs() < 1e-6));
        assert!((a.role(Role::De).raw - 2.0 * 0.85).abs() < 1e-5);
        // Elsewhere Tableau is a skill and weighs as one.
        let skill = raw(
            "We help people see data.\nRequirements\n- Tableau",
            Role::Analyst,
        );
        assert!((skill - 2.0 * 0.85).abs() < 1e-5, "{skill}");
    }

    #[test]
    fn a_job_boards_footer_counts_for_nothing() {
        let with_footer = raw("Run Airflow.\n\nSimilar jobs:\nSpark Developer", Role::De);
        assert!((with_footer - 3.0 * 0.9).abs() < 1e-4, "{with_footer}");
        // Late in a text, the phrase alone opens the footer, as legal text does.
        let flat = raw(
            "Run Airflow and more Airflow work. Similar jobs Spark",
            Role::De,
        );
        assert!((flat - (3.0 + 1.5) * 0.9).abs() < 1e-4, "{flat}");
        // A footer's phrase inside a duty is no footer.
        let duty = raw(
            "Run Airflow and more Airflow work. Know how to apply Spark",
            Role::De,
        );
        assert!((duty - (3.0 + 1.5 + 2.0) * 0.9).abs() < 1e-4, "{duty}");
    }

    #[test]
    fn a_negated_phrase_anchors_nothing() {
        // "pipeline" needs an anchor; "airflow" is one, unless a negation silences it.
        let anchored = raw("An Airflow role. Fix the pipeline.", Role::De);
        assert!((anchored - (3.0 + 1.0) * 0.9).abs() < 1e-4, "{anchored}");
        let negated = raw("This is not an Airflow role. Fix the pipeline.", Role::De);
        assert!((negated - 3.0 * 0.1 * 0.9).abs() < 1e-4, "{negated}");
    }

    #[test]
    fn non_data_duties_add_up_apart_from_the_roles() {
        let a = lex().analyze(
            "Own the sales cycle. Spark and Airflow. Shorten the sales cycle.",
            &ScoreParams::default(),
        );
        // 2 in the general section (0.9), then the repeat at half.
        assert!((a.non_data - 2.7).abs() < 1e-4, "{}", a.non_data);
        let roles: f32 = a.roles.iter().map(|r| r.raw).sum();
        assert!((roles - a.role(Role::De).raw).abs() < 1e-6 && roles > 0.0);
        // Cues reach them like any evidence.
        let a = lex().analyze("There is no sales cycle here.", &ScoreParams::default());
        assert_eq!(a.non_data, 0.0);
    }

    #[test]
    fn repetition_has_diminishing_returns() {
        let one = raw("spark.", Role::De);
        let two = raw("spark. spark.", Role::De);
        let many = raw(&"spark. ".repeat(50), Role::De);
        assert_eq!(one, 2.0 * 0.9);
        assert!(two > one && two < 2.0 * one, "{one} {two}");
        assert!(many < 2.0 * one + 1e-4, "{many}");
    }

    #[test]
    fn roles_are_scored_independently() {
        let a = lex().analyze(
            "airflow spark. pytorch kubernetes.",
            &ScoreParams::default(),
        );
        let de_only = lex().analyze("airflow spark.", &ScoreParams::default());
        assert_eq!(a.role(Role::De).strength, de_only.role(Role::De).strength);
        assert!(a.role(Role::Mle).strength > 0.3);
        let share_sum: f32 = a.roles.iter().map(|r| r.share).sum();
        assert!((share_sum - 1.0).abs() < 1e-5);
    }

    #[test]
    fn the_company_in_its_own_voice_weighs_as_its_blurb() {
        let blurb = "Our platform runs Kubernetes for our customers.";
        // With duties under a heading, the blurb's phrase weighs 0.2; the job's weigh in full.
        let headed = lex().analyze(
            &format!("{blurb}\nRequirements\nairflow"),
            &ScoreParams::default(),
        );
        let k8s = headed.evidence.iter().find(|e| e.start < 48).unwrap();
        assert_eq!(k8s.section, Section::Company);
        assert!((k8s.modifier - 0.2).abs() < 1e-6, "{}", k8s.modifier);
        assert!((headed.role(Role::De).raw - 3.0 * 0.85).abs() < 1e-5);
        // A general heading opens the posting: the opening goes on under it.
        let opened = lex().analyze(
            &format!("About the job\n{blurb}\nRequirements\nairflow"),
            &ScoreParams::default(),
        );
        let k8s = opened.evidence.iter().find(|e| e.start < 62).unwrap();
        assert_eq!(k8s.section, Section::Company);
        // Without headings the opening is all the posting says: it keeps its weight.
        let alone = raw(blurb, Role::Mle);
        assert!((alone - 2.0 * 0.9).abs() < 1e-5, "{alone}");
        // Once the opening speaks of the hire, "we" is the team the hire joins.
        let hire =
            "We are looking for an engineer. Our platform runs Kubernetes for our customers.";
        let after = raw(&format!("{hire}\nRequirements\nairflow"), Role::Mle);
        assert!((after - 2.0 * 0.9).abs() < 1e-5, "{after}");
        // A job named in the singular is the hire: "Senior Engineer to run Kubernetes behind
        // our platform" speaks of the job, not of the company.
        let named = "Senior Engineer to run Kubernetes behind our platform.";
        let kept = raw(&format!("{named}\nRequirements\nairflow"), Role::Mle);
        assert!((kept - 2.0 * 0.9).abs() < 1e-5, "{kept}");
        // The employer's name, from its "About" section, speaks for the company as "we" does.
        let third = "Acme runs Kubernetes for its customers.";
        let posting = format!("{third}\nRequirements\nairflow\nAbout Acme\nA fine place.");
        let quiet = raw(&posting, Role::Mle);
        assert!((quiet - 2.0 * 0.2).abs() < 1e-5, "{quiet}");
        let unnamed = raw(&format!("{third}\nRequirements\nairflow"), Role::Mle);
        assert!((unnamed - 2.0 * 0.9).abs() < 1e-5, "{unnamed}");
    }

    #[test]
    fn sections_weigh_evidence() {
        let general = raw("airflow", Role::De);
        let benefits = raw("intro\nBenefits:\nairflow", Role::De);
        let req = raw("intro\nRequirements\nairflow", Role::De);
        assert_eq!(benefits, 0.0);
        assert!((req - 3.0 * 0.85).abs() < 1e-5 && (general - 3.0 * 0.9).abs() < 1e-5);
    }

    #[test]
    fn a_heading_with_its_value_on_its_line_covers_that_line_only() {
        // "Benefits: dental" is a field: the general section goes on below it.
        assert!((raw("intro\nBenefits: dental, airflow\nairflow", Role::De) - 2.7).abs() < 1e-5);
        // Inside requirements, the section after the field is requirements again.
        let req = raw("intro\nRequirements:\nBenefits: dental\nairflow", Role::De);
        assert!((req - 3.0 * 0.85).abs() < 1e-5, "{req}");
        // A heading that ends its line heads what follows.
        assert_eq!(raw("intro\nBenefits:\nairflow", Role::De), 0.0);
    }

    #[test]
    fn a_listed_stack_weighs_as_a_nice_to_have() {
        let stack = ScoreParams::default().sections.stack;
        let under = raw("intro\nOur stack:\nairflow", Role::De);
        assert!((under - 3.0 * stack).abs() < 1e-5, "{under}");
        // "Our stack: Airflow, ..." on one line is a field: the duties below it are duties.
        let field = raw("intro\nRequirements\nOur stack: airflow\nairflow", Role::De);
        // The stronger occurrence counts in full, the other at repeat_decay (0.5).
        let want = 3.0 * 0.85 + 3.0 * stack * 0.5;
        assert!((field - want).abs() < 1e-5, "{field} vs {want}");
    }

    #[test]
    fn an_overview_after_a_heading_is_part_of_it() {
        let lex = LexiconBuilder::new()
            .add_source("de.txt", "airflow | 3\n")
            .add_source("sections.txt", "benefits | benefits\noverview | general\n")
            .build()
            .unwrap();
        let raw = |text: &str| {
            lex.analyze(text, &ScoreParams::default())
                .role(Role::De)
                .raw
        };
        assert_eq!(raw("intro\nBenefits Overview:\nairflow"), 0.0);
        // On a line of its own, it opens the general section.
        assert!((raw("intro\nBenefits\nOverview\nairflow") - 2.7).abs() < 1e-5);
    }

    #[test]
    fn cues_scale_nearby_terms_in_the_same_sentence() {
        assert_eq!(raw("no spark needed", Role::De), 0.0);
        assert!((raw("tableau is a plus", Role::Analyst) - 2.0 * 0.9 * 0.4).abs() < 1e-5);
        // A sentence break stops the cue.
        assert!((raw("tableau. Travel is a plus", Role::Analyst) - 1.8).abs() < 1e-5);
    }

    #[test]
    fn a_nice_to_have_heading_inside_a_sentence_is_a_hedge() {
        let half = 3.0 * 0.9 * 0.5;
        // After the terms when it ends the sentence, before them otherwise.
        let after = raw("We run Airflow, which would be nice to have.", Role::De);
        let before = raw("We run Spark, and bonus points for Airflow", Role::De);
        assert!((after - half).abs() < 1e-5, "{after}");
        assert!((before - 2.0 * 0.9 - half).abs() < 1e-5, "{before}");
        // Beyond its sentence it reaches nothing; as a heading it opens its section.
        let other = raw("We give bonus points. Airflow runs", Role::De);
        assert!((other - 3.0 * 0.9).abs() < 1e-5, "{other}");
        let heading = raw("intro\nNice to have:\nairflow", Role::De);
        assert!((heading - 3.0 * 0.5).abs() < 1e-5, "{heading}");
    }

    #[test]
    fn or_groups_count_once() {
        let both = raw("pytorch or tensorflow", Role::Mle);
        let and = raw("pytorch and tensorflow", Role::Mle);
        assert!(both < and, "{both} {and}");
        assert!((both - 1.8 * 1.3).abs() < 1e-5, "{both}");
        // A list of alternatives is one requirement, whether its "or" joins two of its terms or
        // comes after the last one; a list without "or" asks for each member.
        for list in [
            "pytorch, tensorflow, or pytorch",
            "tensorflow, pytorch or jax",
            "pytorch/tensorflow",
        ] {
            let got = raw(list, Role::Mle);
            assert!(got < 0.9 * and, "{list:?}: {got} vs {and}");
        }
        assert_eq!(raw("pytorch, tensorflow and more", Role::Mle), and);
        assert_eq!(raw("pytorch, tensorflow. Or else", Role::Mle), and);
    }

    #[test]
    fn list_joins() {
        assert_eq!(join_of(", "), Some(Join::Comma));
        assert_eq!(join_of(" or "), Some(Join::Or));
        assert_eq!(join_of(", or "), Some(Join::Or));
        assert_eq!(join_of(" (or "), Some(Join::Or));
        assert_eq!(join_of(" and "), None);
        assert!(or_follows("a or b", 1) && or_follows("a, or b", 1));
        assert!(!or_follows("a order", 1) && !or_follows("a or", 1));
    }

    #[test]
    fn ambiguous_terms_need_support() {
        assert_eq!(raw("sales pipeline", Role::De), 0.0);
        assert!(raw("data pipeline with airflow", Role::De) > raw("airflow", Role::De));
    }

    #[test]
    fn a_light_modelling_phrase_supports_a_deployment_word_near_it() {
        // "machine learning" is too light to anchor the MLE role, but it tells what is put
        // into production next to it.
        let lex = LexiconBuilder::new()
            .add_source("ds.txt", "machine learning | 1.2 | modelling\n")
            .add_source(
                "mle.txt",
                "in production | 1 | deployment | needs-support\n",
            )
            .build()
            .unwrap();
        let p = ScoreParams::default();
        let near = lex.analyze("machine learning at large scale and in production", &p);
        assert!(near.body_raw(Role::Mle) > 0.0);
        let far = format!("machine learning. {}code in production", "x ".repeat(150));
        assert_eq!(lex.analyze(&far, &p).body_raw(Role::Mle), 0.0);
    }

    #[test]
    fn path_statements_weigh_as_duties() {
        let p = ScoreParams::default();
        let a = lex().analyze(
            "Requirements\nOwn models from data collection to deployment.",
            &p,
        );
        assert_eq!(a.paths.len(), 1, "{a:?}");
        assert!(a.signals.is_empty());
        assert_eq!(a.paths[0].contribution, 3.0 * p.sections.requirements);
        let hedged = lex().analyze("Going from data collection to deployment is a plus.", &p);
        assert_eq!(hedged.paths[0].contribution, 3.0 * p.sections.general * 0.4);
        let benefits = lex().analyze("Benefits\nfrom data to deployment", &p);
        assert_eq!(benefits.paths[0].contribution, 0.0);
    }

    #[test]
    fn signals_stages_and_strengths() {
        let a = lex().analyze(
            "We are a startup. Build airflow and kubernetes.",
            &ScoreParams::default(),
        );
        assert_eq!(a.signals.len(), 1);
        assert_eq!(a.signals[0].contribution, 2.0);
        assert!(a.stage(Stage::Orchestration) > 0.0 && a.stage(Stage::Deployment) > 0.0);
        assert_eq!(a.stage(Stage::Analysis), 0.0);
        for r in a.roles {
            assert!((0.0..=1.0).contains(&r.strength));
        }
        let empty = lex().analyze("", &ScoreParams::default());
        assert!(empty
            .roles
            .iter()
            .all(|r| r.strength == 0.0 && r.share == 0.0));
    }
}
