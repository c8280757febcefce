//! The rules: from an [`Analysis`] to a [`Decision`].

use crate::config::Config;
use rolecall_lexicon::{Analysis, Evidence, Lexicon, Role, Stage, TermKind, TitleClaim};
use serde::Serialize;

/// A rule that can raise the FSDS flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The posting asks for both data engineering and ML engineering.
    DeMleMerge,
    /// The posting asks for all three of DE, DS and MLE.
    AllThree,
    /// The posting covers the pipeline from getting or storing data to models in production.
    PipelineSpan,
    /// The posting says in words that the job runs the whole path ("from data ingestion to
    /// model deployment", "database-to-deployment pipelines").
    StatedPath,
    /// The title names a manager of people: the path may be the team's, not one person's
    /// (takes confidence away from the rules above).
    ManagerTitle,
    /// Startup, "first data hire", "many hats" language (only strengthens another rule).
    StartupSignals,
}

impl Rule {
    /// Every rule, in report order.
    pub const ALL: [Rule; 6] = [
        Rule::DeMleMerge,
        Rule::AllThree,
        Rule::PipelineSpan,
        Rule::StatedPath,
        Rule::ManagerTitle,
        Rule::StartupSignals,
    ];

    /// The rule's name in output (as serialized).
    pub fn name(self) -> &'static str {
        match self {
            Rule::DeMleMerge => "de_mle_merge",
            Rule::AllThree => "all_three",
            Rule::PipelineSpan => "pipeline_span",
            Rule::StatedPath => "stated_path",
            Rule::ManagerTitle => "manager_title",
            Rule::StartupSignals => "startup_signals",
        }
    }
}

/// The rule that settled the primary role (or that the posting is not a data job).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrimaryRule {
    /// The role with the most evidence (the analyst role needs a margin over DE, DS and MLE).
    MostEvidence,
    /// The title's own role: the body asks for it too, close enough to the strongest role.
    Title,
    /// Called DS, but no modelling stage and analyst work: an analyst job.
    NoModelling,
    /// Called MLE, but no deployment or monitoring stage and DS work: a DS job.
    NoProduction,
    /// Not a data job: too little evidence for any role.
    WeakEvidence,
    /// Not a data job: the duties of a non-data job outweigh the data evidence.
    NonDataDuties,
    /// Not a data job: the title names a job family (Product Manager, Recruiter) and the body
    /// has that job's duties, whatever product data it describes.
    JobFamily,
    /// No title claims a role, and a DS call also asks for ML engineering with production
    /// work and at least `body_mle_tiebreak` of the DS evidence: an MLE job.
    MlProduction,
}

impl PrimaryRule {
    /// Every rule, in report order.
    pub const ALL: [PrimaryRule; 8] = [
        PrimaryRule::MostEvidence,
        PrimaryRule::Title,
        PrimaryRule::NoModelling,
        PrimaryRule::NoProduction,
        PrimaryRule::MlProduction,
        PrimaryRule::WeakEvidence,
        PrimaryRule::NonDataDuties,
        PrimaryRule::JobFamily,
    ];

    /// The name used in output.
    pub fn name(self) -> &'static str {
        match self {
            PrimaryRule::MostEvidence => "most_evidence",
            PrimaryRule::Title => "title",
            PrimaryRule::NoModelling => "no_modelling",
            PrimaryRule::NoProduction => "no_production",
            PrimaryRule::MlProduction => "ml_production",
            PrimaryRule::WeakEvidence => "weak_evidence",
            PrimaryRule::NonDataDuties => "non_data_duties",
            PrimaryRule::JobFamily => "job_family",
        }
    }

    /// A sentence for people.
    pub fn detail(self) -> &'static str {
        match self {
            PrimaryRule::MostEvidence => "the role with the most evidence",
            PrimaryRule::Title => "the title's role, which the body asks for too",
            PrimaryRule::NoModelling => "statistics and reporting but no models: an analyst job",
            PrimaryRule::NoProduction => "models but nothing taken to production: a DS job",
            PrimaryRule::MlProduction => {
                "no title to go by, and models taken to production beside the modelling: an MLE job"
            }
            PrimaryRule::WeakEvidence => "too little evidence for any data role",
            PrimaryRule::NonDataDuties => "the duties of a non-data job outweigh the data words",
            PrimaryRule::JobFamily => {
                "the title names a non-data job family, and the body has its duties"
            }
        }
    }
}

/// Why a rule fired, with the phrases behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// The rule.
    pub rule: Rule,
    /// What it adds to the confidence.
    pub weight: f32,
    /// A sentence for people.
    pub detail: String,
    /// The strongest phrases behind it.
    pub terms: Vec<String>,
}

/// The Full Stack Data Scientist flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fsds {
    /// Whether one person is expected to run the whole data path.
    pub flag: bool,
    /// In [0, 1].
    pub confidence: f32,
    /// The rules that fired.
    pub reasons: Vec<Reason>,
}

/// What the rules say about a posting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// The role the posting mostly asks for; `None` when it is not a data job.
    pub primary: Option<Role>,
    /// The rule that settled `primary`.
    pub primary_rule: PrimaryRule,
    /// Every role the posting substantially asks for (hybrids have two or more).
    pub labels: Vec<Role>,
    /// The FSDS flag.
    pub fsds: Fsds,
    /// What the title alone claims.
    pub title_role: Option<Role>,
    /// The title claims something other than what the body asks for.
    pub mismatch: bool,
    /// The pipeline stages the posting covers, in pipeline order.
    pub stages: Vec<Stage>,
}

/// Adds the title's claim to the analysis as a prior (`[title] prior` in `rules.toml`): to the
/// title's role, or, for a title that names a non-data job ("Sales Engineer"), to the non-data
/// side; a title that names neither adds nothing.
pub fn apply_title_prior(analysis: &mut Analysis, title: &TitleClaim, config: &Config) {
    if let Some(role) = title.role {
        analysis.add_prior(role, config.title.prior, &config.scoring);
    } else if title.non_data {
        analysis.add_non_data_prior(config.title.prior);
    }
}

/// Applies the rules of `config` to an analysis of a posting with the given title.
pub fn decide(
    lexicon: &Lexicon,
    analysis: &Analysis,
    title: &TitleClaim,
    config: &Config,
) -> Decision {
    // A title that names a non-data job ("Product Marketing Manager") asks more of the body.
    let min_strength = if title.non_data {
        config.title.non_data_min_strength
    } else {
        config.primary.min_strength
    };
    let title_role = title.role;
    let (mut primary, mut primary_rule) = primary_role(analysis, min_strength, config);
    // A job family ("Product Manager, AI Platform": titles.txt priority 6) with a non-data duty
    // in the body is that job, whatever product data the body describes.
    if title.family && primary.is_some() && analysis.body_non_data() > 0.0 {
        (primary, primary_rule) = (None, PrimaryRule::JobFamily);
    }
    // Whether the body substantially asks for a role (a label beside whatever is primary).
    let asks = |r: Role| asks_for(analysis, r, config);
    // Among roles the body asks for, the title's own role is primary when it is close.
    if let (Some(p), Some(t)) = (primary, title_role) {
        if t != p
            && asks(t)
            && analysis.role(t).raw >= config.primary.title_tiebreak * analysis.role(p).raw
        {
            primary = Some(t);
            primary_rule = PrimaryRule::Title;
        }
    }
    // Without a title to go by, the body's model-building words (DS) outweigh its production
    // words in most ML engineering postings: ML engineering with production work and at least
    // `body_mle_tiebreak` of the DS evidence is an MLE job.
    let production = analysis
        .stage(Stage::Deployment)
        .max(analysis.stage(Stage::Monitoring));
    if title_role.is_none()
        && primary == Some(Role::Ds)
        && asks(Role::Mle)
        && production >= config.primary.mle_min_production
        && analysis.role(Role::Mle).raw
            >= config.primary.body_mle_tiebreak * analysis.role(Role::Ds).raw
    {
        primary = Some(Role::Mle);
        primary_rule = PrimaryRule::MlProduction;
    }
    // Dashboards and reports, no models, and less DS evidence in the body than analyst
    // evidence (experiments and statistics are DS work too): an analyst job, even under a DS
    // title.
    if primary == Some(Role::Ds)
        && asks(Role::Analyst)
        && analysis.stage(Stage::Modelling) < config.primary.ds_min_modelling
        && analysis.body_raw(Role::Ds) < analysis.body_raw(Role::Analyst)
    {
        primary = Some(Role::Analyst);
        primary_rule = PrimaryRule::NoModelling;
    }
    // Models without production: a DS job, even under an ML Engineer title.
    if primary == Some(Role::Mle)
        && asks(Role::Ds)
        && production < config.primary.mle_min_production
    {
        primary = Some(Role::Ds);
        primary_rule = PrimaryRule::NoProduction;
    }
    let labels = labels(primary, asks);
    let stages = Stage::ALL
        .into_iter()
        .filter(|&s| analysis.stage(s) >= config.fsds.stage_min)
        .collect::<Vec<_>>();
    let fsds = fsds(lexicon, analysis, title, &labels, &stages, config);
    let mismatch = title.present && title_role != primary;
    Decision {
        primary,
        primary_rule,
        labels,
        fsds,
        title_role,
        mismatch,
        stages,
    }
}

/// The role with the most evidence. Raw evidence, not strength, is compared: strengths
/// saturate near 1 and stop telling a strong role from a stronger one.
fn primary_role(
    analysis: &Analysis,
    min_strength: f32,
    config: &Config,
) -> (Option<Role>, PrimaryRule) {
    let raw = |r: Role| analysis.role(r).raw;
    let best = [Role::De, Role::Ds, Role::Mle]
        .into_iter()
        .max_by(|&a, &b| raw(a).total_cmp(&raw(b)).then(b.cmp(&a)))
        .unwrap_or(Role::De);
    let pick = if raw(Role::Analyst) > raw(best) * (1.0 + config.primary.analyst_margin) {
        Role::Analyst
    } else {
        best
    };
    let score = analysis.role(pick);
    if score.strength < min_strength || score.terms < config.primary.min_terms {
        (None, PrimaryRule::WeakEvidence)
    } else if analysis.non_data >= config.primary.non_data_margin * score.raw {
        (None, PrimaryRule::NonDataDuties)
    } else {
        (Some(pick), PrimaryRule::MostEvidence)
    }
}

/// Whether the posting substantially asks for `role`: strong enough, a large enough share, and
/// enough distinct phrases in the body (the title's prior is not one).
fn asks_for(analysis: &Analysis, role: Role, config: &Config) -> bool {
    let s = analysis.role(role);
    s.strength >= config.labels.min_strength_of(role)
        && s.share >= config.labels.min_share
        && analysis.body_terms(role) >= config.labels.min_terms
}

/// The primary role and every other role the posting asks for, in role order; none for a
/// posting that is not a data job.
fn labels(primary: Option<Role>, asks: impl Fn(Role) -> bool) -> Vec<Role> {
    let Some(primary) = primary else {
        return Vec::new();
    };
    Role::ALL
        .into_iter()
        .filter(|&r| r == primary || asks(r))
        .collect()
}

/// The distinct phrases that contributed most to `role`, strongest first.
fn top_terms(lexicon: &Lexicon, analysis: &Analysis, role: Role, n: usize) -> Vec<String> {
    let terms = lexicon.terms();
    let mut ev: Vec<_> = analysis
        .evidence
        .iter()
        .filter(|e| e.contribution > 0.0 && terms[e.term].kind == TermKind::Role(role))
        .collect();
    ev.sort_by(|a, b| {
        b.contribution
            .total_cmp(&a.contribution)
            .then(a.start.cmp(&b.start))
    });
    let mut out: Vec<String> = Vec::new();
    for e in ev {
        let t = &terms[e.term].text;
        if !out.contains(t) {
            out.push(t.clone());
            if out.len() == n {
                break;
            }
        }
    }
    out
}

/// The terms of `evidence`, each once, in text order.
fn distinct_terms<'a>(
    lexicon: &Lexicon,
    evidence: impl Iterator<Item = &'a Evidence>,
) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for e in evidence {
        let t = &lexicon.terms()[e.term].text;
        if !terms.contains(t) {
            terms.push(t.clone());
        }
    }
    terms
}

fn fsds(
    lexicon: &Lexicon,
    analysis: &Analysis,
    title: &TitleClaim,
    labels: &[Role],
    stages: &[Stage],
    config: &Config,
) -> Fsds {
    let c = &config.fsds;
    // A role counts for the merge rules when it is labelled and strong.
    let strong = |r: Role| labels.contains(&r) && analysis.role(r).strength >= c.role_min;
    let mut reasons = Vec::new();
    let pct = |r: Role| (analysis.role(r).strength * 100.0).round();
    if strong(Role::De) && strong(Role::Mle) {
        let mut terms = top_terms(lexicon, analysis, Role::De, 3);
        terms.extend(top_terms(lexicon, analysis, Role::Mle, 3));
        reasons.push(Reason {
            rule: Rule::DeMleMerge,
            weight: c.merge,
            detail: format!(
                "asks for data engineering ({}%) and ML engineering ({}%) at once",
                pct(Role::De),
                pct(Role::Mle)
            ),
            terms,
        });
    }
    if strong(Role::De) && strong(Role::Ds) && strong(Role::Mle) {
        let terms = [Role::De, Role::Ds, Role::Mle]
            .into_iter()
            .flat_map(|r| top_terms(lexicon, analysis, r, 2))
            .collect();
        reasons.push(Reason {
            rule: Rule::AllThree,
            weight: c.all_three,
            detail: format!(
                "asks for all three roles: DE {}%, DS {}%, MLE {}%",
                pct(Role::De),
                pct(Role::Ds),
                pct(Role::Mle)
            ),
            terms,
        });
    }
    // The whole path: substantially (with ML engineering asked for) it flags alone; lightly
    // (every stage listed) it counts for less, and startup signals must make up the rest.
    let spans = |min: f32| {
        let has = |s: Stage| analysis.stage(s) >= min;
        (has(Stage::Acquisition) || has(Stage::Storage))
            && has(Stage::Modelling)
            && (has(Stage::Deployment) || has(Stage::Monitoring))
    };
    let builds_and_models = [Role::De, Role::Ds]
        .into_iter()
        .all(|r| labels.contains(&r) && analysis.role(r).strength >= c.span_de_ds);
    // With ML engineering labelled, or DE and DS both strong in its place, a substantial span
    // is the whole path; otherwise, or with every stage only listed, it is touched.
    let full = if labels.contains(&Role::Mle) {
        Some("")
    } else {
        builds_and_models.then_some(", building the data and the models alike")
    };
    let span = match full {
        Some(how) if spans(c.span_stage_min) => Some((c.span, c.span_stage_min, "covers", how)),
        _ if spans(c.stage_min) => Some((c.span_light, c.stage_min, "touches", "")),
        _ => None,
    };
    if let Some((weight, min, verb, how)) = span {
        let names: Vec<String> = stages
            .iter()
            .filter(|&&s| analysis.stage(s) >= min)
            .map(|s| s.name().to_string())
            .collect();
        reasons.push(Reason {
            rule: Rule::PipelineSpan,
            weight,
            detail: format!(
                "{verb} the pipeline from {} to {}{how}",
                names[0],
                names[names.len() - 1]
            ),
            terms: names,
        });
    }
    // The whole path in words, as a duty or requirement: with models asked for (DS or ML
    // engineering labelled) it is the span's equal, as LABELS.md's third way to an FSDS; without
    // ("from raw data to production dashboards", a data engineer's "from data ingestion to
    // production") it counts as a span only touched.
    let terms = distinct_terms(
        lexicon,
        analysis
            .paths
            .iter()
            .filter(|e| e.contribution >= c.path_min),
    );
    if let Some(first) = terms.first() {
        let detail = format!("says the job runs the whole path (\"{first}\")");
        let (weight, how) = if labels.contains(&Role::Mle) {
            (c.span, "with ML engineering asked for")
        } else if labels.contains(&Role::Ds) {
            (c.span, "with the models asked for")
        } else {
            (c.span_light, "without models asked for")
        };
        reasons.push(Reason {
            rule: Rule::StatedPath,
            weight,
            detail: format!("{detail}, {how}"),
            terms,
        });
    }
    // A manager's posting describes the team's remit: the path rules keep `manager` of their
    // confidence, so that only strong evidence, or startup signals ("Head of Data, our first
    // data hire"), flag it.
    let path_weight: f32 = reasons.iter().map(|r| r.weight).sum();
    if let Some(word) = title.manager.filter(|_| path_weight > 0.0) {
        reasons.push(Reason {
            rule: Rule::ManagerTitle,
            weight: -(path_weight * (1.0 - c.manager)),
            detail: "the title names a manager: the path may be the team's, not one person's"
                .to_string(),
            terms: vec![lexicon.titles()[word].text.clone()],
        });
    }
    let signal_weight: f32 = analysis.signals.iter().map(|s| s.contribution).sum();
    if !reasons.is_empty() && signal_weight > 0.0 {
        let terms = distinct_terms(
            lexicon,
            analysis.signals.iter().filter(|s| s.contribution > 0.0),
        );
        reasons.push(Reason {
            rule: Rule::StartupSignals,
            weight: (signal_weight * c.signal_per_weight).min(c.signal_max),
            detail: "startup or first-hire language: one person may run it all".to_string(),
            terms,
        });
    }
    // `+ 0.0` turns the empty sum's -0.0 into 0.0.
    let confidence = (reasons.iter().map(|r| r.weight).sum::<f32>() + 0.0).clamp(0.0, 1.0);
    Fsds {
        flag: confidence >= c.flag_min,
        confidence,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RoleThresholds;
    use rolecall_lexicon::LexiconBuilder;

    fn lexicon() -> Lexicon {
        LexiconBuilder::new()
            .add_source("de.txt", "kafka | 3 | acquisition\nairflow | 3 | orchestration\nsnowflake | 3 | storage\n")
            .add_source("ds.txt", "a/b testing | 3 | analysis\nhypothesis testing | 3 | analysis\nregression | 3 | modelling\nforecasting | 3 | modelling\n")
            .add_source("mle.txt", "model serving | 3 | deployment\nkubernetes | 3 | deployment\nmodel monitoring | 3 | monitoring\nml engineer | 3\ntensorflow | 3\n")
            .add_source("analyst.txt", "tableau | 3\ndashboards | 3\nkpis | 3\n")
            .add_source("signals.txt", "startup | 2\nfrom data collection ... deployment | 3 | path\n")
            .add_source("nondata.txt", "sales cycle | 3\nclose deals | 3\nquota | 3\n")
            .add_source("cues.txt", "is a plus | 0.4 | after\n")
            .add_source("titles.txt", "data scientist | ds | 4\nml engineer | mle | 5\nsoftware engineer | none | 2\nsales engineer | none | 6\nmanager | manages\nhead of | manages\n")
            .build()
            .unwrap()
    }

    /// Like `run`, with the title's prior applied as the classifier does.
    fn run_titled(title: &str, text: &str) -> Decision {
        run_titled_with(&Config::builtin(), title, text)
    }

    /// The shipped rules with one label threshold for every role: the few phrases of this
    /// test lexicon are too weak for the stricter DS and analyst thresholds.
    fn one_label_threshold() -> Config {
        let mut config = Config::builtin();
        config.labels.role_min_strength = RoleThresholds::default();
        config
    }

    fn run_titled_with(config: &Config, title: &str, text: &str) -> Decision {
        let lex = lexicon();
        let config = config.clone();
        let mut a = lex.analyze(text, &config.scoring);
        let claim = lex.title_claim(title);
        apply_title_prior(&mut a, &claim, &config);
        decide(&lex, &a, &claim, &config)
    }

    fn run(title: &str, text: &str) -> Decision {
        let lex = lexicon();
        let config = Config::builtin();
        let a = lex.analyze(text, &config.scoring);
        decide(&lex, &a, &lex.title_claim(title), &config)
    }

    const DE: &str = "kafka airflow snowflake. kafka airflow snowflake. ";
    const DS: &str = "a/b testing regression forecasting. a/b testing regression forecasting. ";
    const MLE: &str =
        "model serving kubernetes model monitoring. model serving kubernetes model monitoring. ";
    const ANALYST: &str = "tableau dashboards kpis. tableau dashboards kpis. ";

    #[test]
    fn primary_is_the_strongest_role() {
        assert_eq!(run("", DE).primary, Some(Role::De));
        assert_eq!(run("", DS).primary, Some(Role::Ds));
        assert_eq!(run("", MLE).primary, Some(Role::Mle));
        assert_eq!(run("", ANALYST).primary, Some(Role::Analyst));
    }

    #[test]
    fn weak_evidence_is_none() {
        let d = run("Nurse", "Care for patients. Tableau.");
        assert_eq!(d.primary, None);
        assert!(d.labels.is_empty());
        assert!(!d.fsds.flag);
    }

    #[test]
    fn analyst_needs_a_margin_over_modelling_roles() {
        let both = format!("{DS}{ANALYST}");
        assert_eq!(run("", &both).primary, Some(Role::Ds));
    }

    #[test]
    fn ds_without_modelling_is_an_analyst_job() {
        // The title's prior makes it a DS call; the body is reporting with one test readout.
        let reporting = "tableau dashboards. a/b testing.";
        let config = one_label_threshold();
        let run_titled = |title: &str, text: &str| run_titled_with(&config, title, text);
        let d = run_titled("Data Scientist", reporting);
        assert_eq!(d.primary, Some(Role::Analyst), "{d:?}");
        assert_eq!(d.primary_rule, PrimaryRule::NoModelling);
        assert!(d.mismatch);
        // Experiments weigh as much as the reporting: DS work (LABELS.md), no flip.
        let d = run_titled(
            "Data Scientist",
            &format!("{reporting} hypothesis testing."),
        );
        assert_eq!(d.primary, Some(Role::Ds), "{d:?}");
        // Models: DS.
        let d = run_titled("Data Scientist", &format!("{reporting} regression."));
        assert_eq!(d.primary, Some(Role::Ds), "{d:?}");
        assert!(d.labels.contains(&Role::Analyst));
    }

    #[test]
    fn mle_without_production_is_a_ds_job() {
        let models = "ml engineer. tensorflow. tensorflow. regression. forecasting.";
        let config = one_label_threshold();
        let run = |title: &str, text: &str| {
            let lex = lexicon();
            let a = lex.analyze(text, &config.scoring);
            decide(&lex, &a, &lex.title_claim(title), &config)
        };
        let d = run("ML Engineer", models);
        assert_eq!(d.primary, Some(Role::Ds), "{d:?}");
        assert!(d.mismatch);
        let d = run("ML Engineer", &format!("{models} model serving."));
        assert_eq!(d.primary, Some(Role::Mle), "{d:?}");
        assert!(d.labels.contains(&Role::Ds));
    }

    #[test]
    fn without_a_title_production_work_makes_an_mle_job() {
        let body = format!("{DS} model serving, kubernetes, model monitoring.");
        let d = run("", &body);
        assert_eq!(
            (d.primary, d.primary_rule),
            (Some(Role::Mle), PrimaryRule::MlProduction),
            "{d:?}"
        );
        assert!(d.labels.contains(&Role::Ds));
        // A title that names a role is the better guide: it decides as before.
        assert_eq!(run("Data Scientist", &body).primary, Some(Role::Ds));
        // Too little production work beside the modelling: still DS.
        let d = run("", &format!("{DS} model serving. kubernetes."));
        assert_eq!(d.primary, Some(Role::Ds), "{d:?}");
    }

    #[test]
    fn non_data_duties_outweigh_data_words() {
        let sales = "Run the sales cycle, close deals and reach quota. kafka airflow snowflake.";
        let d = run("", sales);
        assert_eq!(d.primary, None, "{d:?}");
        assert!(d.labels.is_empty());
        // A data job that mentions a non-data duty in passing stays a data job.
        assert_eq!(
            run("", &format!("{DE} close deals.")).primary,
            Some(Role::De)
        );
        // A non-data title weighs on the non-data side like a data title on its role's.
        let lex = lexicon();
        let config = Config::builtin();
        let text = "Run the sales cycle and close deals. kafka airflow snowflake.";
        let title = lex.title_claim("Software Engineer");
        let mut a = lex.analyze(text, &config.scoring);
        assert_eq!(decide(&lex, &a, &title, &config).primary, Some(Role::De));
        apply_title_prior(&mut a, &title, &config);
        assert_eq!(decide(&lex, &a, &title, &config).primary, None);
    }

    #[test]
    fn a_job_family_title_with_its_duties_is_that_job() {
        // A sales engineer for a data product: the body is mostly the product's vocabulary.
        let d = run("Sales Engineer", &format!("{DE} close deals."));
        assert_eq!(
            (d.primary, d.primary_rule),
            (None, PrimaryRule::JobFamily),
            "{d:?}"
        );
        // Without a single duty of the family in the body, the body decides; the title's own
        // prior on the non-data side is not a duty of the body.
        let d = run("Sales Engineer", DE);
        assert_eq!(d.primary, Some(Role::De), "{d:?}");
        let d = run_titled("Sales Engineer", DE);
        assert_eq!(d.primary, Some(Role::De), "{d:?}");
        // A non-data title that is not a family ("Software Engineer", priority 2) does not
        // settle it: one passing non-data phrase leaves a data job a data job.
        let d = run("Software Engineer", &format!("{DE} close deals."));
        assert_eq!(d.primary, Some(Role::De), "{d:?}");
    }

    #[test]
    fn a_label_needs_two_phrases_in_the_body_not_the_title() {
        let labelled = |text: &str| run_titled("ML Engineer", text).labels;
        // The title's prior and one phrase: strong enough, but one duty is not two.
        assert_eq!(labelled(&format!("{DS} model serving.")), vec![Role::Ds]);
        assert_eq!(
            labelled(&format!("{DS} model serving. kubernetes.")),
            vec![Role::Ds, Role::Mle]
        );
    }

    #[test]
    fn hybrids_are_labelled() {
        let d = run("", &format!("{DS}{MLE}"));
        assert_eq!(d.labels, vec![Role::Ds, Role::Mle]);
        assert!(!d.fsds.flag, "{:?}", d.fsds);
    }

    #[test]
    fn de_mle_merge_flags_fsds() {
        let d = run("ML Engineer", &format!("{DE}{MLE}"));
        assert!(d.fsds.flag, "{:?}", d.fsds);
        assert!(d.fsds.reasons.iter().any(|r| r.rule == Rule::DeMleMerge));
        let merge = d
            .fsds
            .reasons
            .iter()
            .find(|r| r.rule == Rule::DeMleMerge)
            .unwrap();
        assert!(merge.terms.contains(&"kafka".to_string()));
        assert!(merge.terms.contains(&"model serving".to_string()));
    }

    #[test]
    fn all_three_and_span_and_signals() {
        let d = run(
            "Data Scientist",
            &format!("We are a startup. {DE}{DS}{MLE}"),
        );
        let rules: Vec<Rule> = d.fsds.reasons.iter().map(|r| r.rule).collect();
        assert_eq!(
            rules,
            vec![
                Rule::DeMleMerge,
                Rule::AllThree,
                Rule::PipelineSpan,
                Rule::StartupSignals
            ]
        );
        assert_eq!(d.fsds.confidence, 1.0);
        assert!(d.stages.contains(&Stage::Acquisition) && d.stages.contains(&Stage::Monitoring));
    }

    #[test]
    fn a_span_needs_every_stage_substantially() {
        // One mention per stage only touches the path: a light span, no flag on its own...
        let touched = "kafka. regression. model serving.";
        let d = run("", touched);
        let light: Vec<(Rule, f32)> = d.fsds.reasons.iter().map(|r| (r.rule, r.weight)).collect();
        assert_eq!(light, vec![(Rule::PipelineSpan, 0.3)], "{:?}", d.fsds);
        assert!(!d.fsds.flag);
        // ...but a first hire at a startup who touches every stage is the FSDS of the mission.
        let d = run(
            "",
            &format!("startup, startup, startup, startup. {touched}"),
        );
        assert!(d.fsds.flag, "{:?}", d.fsds);
        assert!(!d.labels.contains(&Role::Mle) && !d.labels.contains(&Role::De));
        // Acquisition, modelling and deployment each well covered, and ML engineering asked
        // for (two duties): the span alone flags, with DE too weak to be labelled.
        let d = run(
            "",
            "kafka, kafka. regression, forecasting. model serving, kubernetes.",
        );
        let rules: Vec<Rule> = d.fsds.reasons.iter().map(|r| r.rule).collect();
        assert_eq!(rules, vec![Rule::PipelineSpan], "{d:?}");
        assert!(d.fsds.flag && d.labels.contains(&Role::Mle) && !d.labels.contains(&Role::De));
        // The same stages with one production phrase repeated: MLE is not asked for, so the span
        // is only light and does not flag.
        let d = run(
            "",
            "kafka, kafka. regression, forecasting. model serving, model serving.",
        );
        assert!(d.stages.contains(&Stage::Deployment), "{d:?}");
        assert!(!d.fsds.flag, "{d:?}");
        assert_eq!(d.fsds.confidence, 0.3, "{d:?}");
    }

    #[test]
    fn a_role_can_have_its_own_label_threshold() {
        // DE primary; DS asked for with two phrases, strength about 0.49.
        let text = format!("{DE}{DE}regression. forecasting.");
        let mut config = one_label_threshold();
        config.labels.min_share = 0.0;
        let lex = lexicon();
        let a = lex.analyze(&text, &config.scoring);
        let ds = a.role(Role::Ds).strength;
        assert!((0.45..0.6).contains(&ds), "{ds}");
        let d = decide(&lex, &a, &lex.title_claim(""), &config);
        assert_eq!(d.labels, vec![Role::De, Role::Ds]);
        // DS's own threshold above its strength: not labelled; DE's own below: still primary.
        config.labels.role_min_strength.ds = Some(0.6);
        config.labels.role_min_strength.de = Some(0.1);
        let d = decide(&lex, &a, &lex.title_claim(""), &config);
        assert_eq!(d.labels, vec![Role::De]);
        // The primary role is labelled whatever its threshold.
        config.labels.role_min_strength.de = Some(0.99);
        let d = decide(&lex, &a, &lex.title_claim(""), &config);
        assert_eq!((d.primary, d.labels), (Some(Role::De), vec![Role::De]));
    }

    #[test]
    fn a_manager_title_asks_more_of_the_fsds_rules() {
        let rules = |d: &Decision| -> Vec<(Rule, f32)> {
            d.fsds.reasons.iter().map(|r| (r.rule, r.weight)).collect()
        };
        // The span alone flags an engineer's posting...
        let span = "kafka, kafka. regression, forecasting. model serving, kubernetes.";
        let d = run("ML Engineer", span);
        assert!(d.fsds.flag, "{:?}", d.fsds);
        // ...but a manager's posting spans the team's remit: half the confidence, no flag, and
        // the reason says why. The title still claims its role.
        let d = run("ML Engineer Manager", span);
        assert_eq!(d.title_role, Some(Role::Mle));
        assert_eq!(
            rules(&d),
            vec![(Rule::PipelineSpan, 0.6), (Rule::ManagerTitle, -0.3)]
        );
        assert!(!d.fsds.flag && d.fsds.confidence == 0.3, "{:?}", d.fsds);
        // A first data hire at a startup who heads the data work is the FSDS of the mission.
        let d = run(
            "Head of Data",
            &format!("startup, startup, startup, startup. {span}"),
        );
        assert!(d.fsds.flag, "{:?}", d.fsds);
        // Strong evidence of every role still flags a manager.
        let d = run("Data Science Manager", &format!("{DE}{DS}{MLE}"));
        assert!(d.fsds.flag, "{:?}", d.fsds);
        let cut = rules(&d).into_iter().find(|r| r.0 == Rule::ManagerTitle);
        assert!(
            cut.is_some_and(|(_, w)| (w + 0.9).abs() < 1e-5),
            "{:?}",
            d.fsds
        );
        // And a rules file can turn it off.
        let mut config = Config::builtin();
        config.fsds.manager = 1.0;
        let lex = lexicon();
        let a = lex.analyze(span, &config.scoring);
        let d = decide(&lex, &a, &lex.title_claim("ML Engineer Manager"), &config);
        assert!(d.fsds.flag, "{:?}", d.fsds);
    }

    #[test]
    fn strong_data_engineering_and_data_science_stand_in_for_the_mle_label() {
        // The production phrase repeated, as above: MLE is not asked for (one duty)...
        let deploys = "model serving, model serving.";
        let d = run("", &format!("{DE}{DE}{DS}{DS}{deploys}"));
        assert!(!d.labels.contains(&Role::Mle), "{d:?}");
        assert!(
            d.labels.contains(&Role::De) && d.labels.contains(&Role::Ds),
            "{d:?}"
        );
        // ...but the same person builds the data and the models, both substantially: the span
        // covers the whole path and flags alone, and says why.
        let span = d.fsds.reasons.iter().find(|r| r.rule == Rule::PipelineSpan);
        let span = span.unwrap_or_else(|| panic!("{d:?}"));
        assert_eq!(span.weight, 0.6);
        assert!(
            span.detail.contains("the data and the models"),
            "{}",
            span.detail
        );
        assert!(d.fsds.flag);
        // With data engineering only touched, it is the light span again.
        let d = run("", &format!("kafka, kafka. {DS}{DS}{deploys}"));
        assert!(d.labels.contains(&Role::Ds), "{d:?}");
        assert!(!d.fsds.flag, "{d:?}");
        // And a rules file can turn it off.
        let mut config = Config::builtin();
        config.fsds.span_de_ds = 1.0;
        let lex = lexicon();
        let a = lex.analyze(&format!("{DE}{DE}{DS}{DS}{deploys}"), &config.scoring);
        let d = decide(&lex, &a, &lex.title_claim(""), &config);
        assert!(!d.fsds.flag, "{d:?}");
    }

    #[test]
    fn a_stated_path_flags_with_models_asked_for() {
        let said = "Own the models from data collection to deployment.";
        // With ML engineering asked for (two duties), the statement is the whole path.
        let d = run(
            "",
            &format!("regression, forecasting. model serving, kubernetes. {said}"),
        );
        let rules: Vec<(Rule, f32)> = d.fsds.reasons.iter().map(|r| (r.rule, r.weight)).collect();
        assert_eq!(rules, vec![(Rule::StatedPath, 0.6)], "{d:?}");
        assert!(d.fsds.flag);
        assert_eq!(
            d.fsds.reasons[0].terms,
            vec!["from data collection ... deployment".to_string()]
        );
        // A data scientist who owns the models along that path is one too.
        let d = run("", &format!("regression, forecasting. {said}"));
        assert!(!d.labels.contains(&Role::Mle), "{d:?}");
        assert!(d.fsds.flag, "{d:?}");
        // Without models (a data engineer's pipelines from data collection to deployment),
        // the statement only touches the path.
        let d = run(
            "",
            "kafka, airflow. Own our pipelines from data collection to deployment.",
        );
        assert_eq!(d.labels, vec![Role::De], "{d:?}");
        assert_eq!(d.fsds.confidence, 0.3, "{d:?}");
        assert!(!d.fsds.flag);
        // Hedged ("... is a plus") it weighs 3 × 0.9 × 0.4 = 1.08, under path_min: no rule.
        let d = run(
            "",
            "regression, forecasting. model serving, kubernetes. Going from data collection to deployment is a plus.",
        );
        assert!(d.fsds.reasons.is_empty(), "{d:?}");
    }

    #[test]
    fn rule_names_are_their_serialized_names() {
        for r in Rule::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.name(), "{r:?}");
        }
    }

    #[test]
    fn signals_alone_do_not_flag() {
        let d = run("", &format!("An early startup, startup, startup. {DS}"));
        assert!(d.fsds.reasons.is_empty());
        assert!(!d.fsds.flag);
    }

    #[test]
    fn title_role_and_mismatch() {
        let d = run("Senior Data Scientist", DE);
        assert_eq!(d.title_role, Some(Role::Ds));
        assert!(d.mismatch);
        let d = run("Data Scientist", DS);
        assert!(!d.mismatch);
        // Highest priority wins over leftmost.
        assert_eq!(
            run("Data Scientist / ML Engineer", DS).title_role,
            Some(Role::Mle)
        );
        assert_eq!(run("Software Engineer", MLE).title_role, None);
        assert!(run("Software Engineer", MLE).mismatch);
        assert!(!run("", MLE).mismatch);
    }
}
