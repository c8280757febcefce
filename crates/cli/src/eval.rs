//! `rolecall eval`: accuracy on labelled postings, side by side with baselines.

use crate::args::EvalArgs;
use crate::bootstrap;
use crate::exit::Exit;
use crate::labelled::{read_labelled, Read, Record};
pub use crate::labelled::{Gold, Labels, Prediction, CLASSES};
use anyhow::{bail, Context};
use rolecall::{Classifier, EvidenceKind, Role, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

impl Prf {
    fn from_counts(tp: usize, fp: usize, fn_: usize) -> Prf {
        let p = if tp + fp == 0 {
            0.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let r = if tp + fn_ == 0 {
            0.0
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf {
            precision: p,
            recall: r,
            f1,
            support: tp + fn_,
        }
    }
}

/// A headline figure: its name, and how to read it from a report (`None` when the system gives
/// no such figure: a baseline that predicts no title role has no title-role accuracy).
pub type Figure = (&'static str, fn(&Report) -> Option<f64>);

/// The headline figures, in report order: the rows of the table and the figures that get a
/// bootstrap interval.
pub const HEADLINE: [Figure; 9] = [
    ("primary accuracy", |r| Some(r.accuracy)),
    ("primary macro-F1", |r| Some(r.macro_f1)),
    ("none precision", |r| Some(r.per_class["none"].precision)),
    ("FSDS precision", |r| Some(r.fsds.precision)),
    ("FSDS recall", |r| Some(r.fsds.recall)),
    ("FSDS F1", |r| Some(r.fsds.f1)),
    ("labels micro-F1", |r| Some(r.labels_micro_f1)),
    ("title-role accuracy", |r| r.title_role_accuracy),
    ("mismatch agreement", |r| r.mismatch_agreement),
];

/// Every figure of one system on one gold set.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub system: String,
    pub n: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub per_class: BTreeMap<String, Prf>,
    /// Counts by gold class (outer key), then predicted class (inner key).
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
    pub fsds: Prf,
    pub labels_micro_f1: f64,
    /// Each role as a label (the hybrids): precision, recall and F1.
    pub labels_per_role: BTreeMap<String, Prf>,
    pub title_role_accuracy: Option<f64>,
    pub mismatch_agreement: Option<f64>,
}

/// Computes the report of one system. Predictions are matched to gold by id; a missing
/// prediction counts as `none`. The gold records are borrowed, so that a subset or a bootstrap
/// resample costs no copy of the postings.
pub fn score(system: &str, gold: &[&Gold], preds: &BTreeMap<String, Prediction>) -> Report {
    let mut confusion: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let (mut correct, mut ftp, mut ffp, mut ffn) = (0, 0, 0, 0);
    let (mut ltp, mut lfp, mut lfn) = (0, 0, 0);
    let mut by_role: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let (mut title_ok, mut title_n, mut mm_ok, mut mm_n) = (0, 0, 0, 0);
    for &g in gold {
        let none = Prediction {
            id: g.posting.id.clone(),
            labels: Labels {
                primary: "none".into(),
                ..Labels::default()
            },
            mismatch: None,
        };
        let p = preds.get(&g.posting.id).unwrap_or(&none);
        *confusion
            .entry(g.labels.primary.clone())
            .or_default()
            .entry(p.labels.primary.clone())
            .or_default() += 1;
        correct += usize::from(g.labels.primary == p.labels.primary);
        match (g.labels.fsds, p.labels.fsds) {
            (true, true) => ftp += 1,
            (false, true) => ffp += 1,
            (true, false) => ffn += 1,
            _ => {}
        }
        for r in &p.labels.roles {
            if g.labels.roles.contains(r) {
                ltp += 1
            } else {
                lfp += 1
            }
        }
        lfn += g
            .labels
            .roles
            .iter()
            .filter(|r| !p.labels.roles.contains(r))
            .count();
        for role in &CLASSES[..4] {
            let (gi, pi) = (
                g.labels.roles.iter().any(|r| r == role),
                p.labels.roles.iter().any(|r| r == role),
            );
            let e = by_role.entry(role).or_default();
            match (gi, pi) {
                (true, true) => e.0 += 1,
                (false, true) => e.1 += 1,
                (true, false) => e.2 += 1,
                _ => {}
            }
        }
        if let (Some(gt), Some(pt)) = (&g.labels.title_role, &p.labels.title_role) {
            title_n += 1;
            title_ok += usize::from(gt == pt);
            if let Some(pm) = p.mismatch {
                mm_n += 1;
                mm_ok += usize::from((gt != &g.labels.primary) == pm);
            }
        }
    }
    let mut per_class = BTreeMap::new();
    for c in CLASSES {
        let tp = confusion
            .get(c)
            .and_then(|row| row.get(c))
            .copied()
            .unwrap_or(0);
        let fn_ = confusion
            .get(c)
            .map_or(0, |row| row.values().sum::<usize>())
            - tp;
        let fp = confusion
            .iter()
            .filter(|(g, _)| g.as_str() != c)
            .filter_map(|(_, row)| row.get(c))
            .sum();
        per_class.insert(c.to_string(), Prf::from_counts(tp, fp, fn_));
    }
    let present: Vec<&Prf> = per_class.values().filter(|p| p.support > 0).collect();
    let macro_f1 = present.iter().map(|p| p.f1).sum::<f64>() / present.len().max(1) as f64;
    let labels = Prf::from_counts(ltp, lfp, lfn);
    Report {
        system: system.to_string(),
        n: gold.len(),
        accuracy: correct as f64 / gold.len().max(1) as f64,
        macro_f1,
        per_class,
        confusion,
        fsds: Prf::from_counts(ftp, ffp, ffn),
        labels_micro_f1: labels.f1,
        labels_per_role: by_role
            .into_iter()
            .map(|(r, (tp, fp, fn_))| (r.to_string(), Prf::from_counts(tp, fp, fn_)))
            .collect(),
        title_role_accuracy: (title_n > 0).then(|| title_ok as f64 / title_n as f64),
        mismatch_agreement: (mm_n > 0).then(|| mm_ok as f64 / mm_n as f64),
    }
}

fn name(r: Option<Role>) -> String {
    r.map_or("none", Role::name).to_string()
}

/// rolecall's prediction from a verdict.
pub fn from_verdict(v: &Verdict) -> Prediction {
    Prediction {
        id: v.id.clone(),
        labels: Labels {
            primary: name(v.primary),
            roles: v.labels.iter().map(|r| r.name().to_string()).collect(),
            fsds: v.fsds.flag,
            title_role: Some(name(v.title_role)),
        },
        mismatch: Some(v.mismatch),
    }
}

/// The title-only baseline: what a person skimming a job board sees.
pub fn title_only(classifier: &Classifier, g: &Gold) -> Prediction {
    let role = classifier.lexicon().title_role(&g.posting.title);
    Prediction {
        id: g.posting.id.clone(),
        labels: Labels {
            primary: name(role),
            roles: role.map(|r| vec![r.name().to_string()]).unwrap_or_default(),
            fsds: false,
            title_role: Some(name(role)),
        },
        mismatch: Some(false),
    }
}

pub fn run(args: EvalArgs) -> anyhow::Result<Exit> {
    let classifier = match &args.lexicon {
        Some(dir) => Classifier::from_dir(dir)
            .with_context(|| format!("cannot load the lexicon in {}", dir.display()))?,
        None => Classifier::default(),
    };
    let mut bad = 0;
    let gold: Vec<Gold> = read_reporting(&args.gold, &mut bad)?;
    if gold.is_empty() {
        bail!("{}: no labelled postings", args.gold.display());
    }
    let verdicts: Vec<Verdict> = {
        use rayon::prelude::*;
        gold.par_iter()
            .map(|g| classifier.classify(&g.posting))
            .collect()
    };
    let ours: BTreeMap<String, Prediction> = verdicts
        .iter()
        .map(|v| (v.id.clone(), from_verdict(v)))
        .collect();
    let titles: BTreeMap<String, Prediction> = gold
        .iter()
        .map(|g| (g.posting.id.clone(), title_only(&classifier, g)))
        .collect();
    let all: Vec<&Gold> = gold.iter().collect();
    let mut reports = vec![
        score("rolecall", &all, &ours),
        score("title-only", &all, &titles),
    ];
    let mut baselines = Vec::new();
    for path in &args.baseline {
        let preds: Vec<Prediction> = read_reporting(path, &mut bad)?;
        let system = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("baseline")
            .to_string();
        let preds: BTreeMap<String, Prediction> =
            preds.into_iter().map(|p| (p.id.clone(), p)).collect();
        reports.push(score(&system, &all, &preds));
        baselines.push((system, preds));
    }
    let systems: Vec<(String, BTreeMap<String, Prediction>)> = {
        let mut v = vec![
            ("rolecall".to_string(), ours),
            ("title-only".to_string(), titles),
        ];
        v.extend(baselines);
        v
    };
    let groups = if args.by_source {
        by_source(&gold, &systems, args.bootstrap, args.seed)
    } else {
        Vec::new()
    };
    let all_refs: Vec<&Gold> = gold.iter().collect();
    let intervals = (args.bootstrap > 0)
        .then(|| bootstrap::run(&all_refs, &systems, args.bootstrap, args.seed));
    if args.json {
        // A plain array of reports, as before, unless more than the overall figures is asked.
        if !args.by_source && intervals.is_none() {
            writeln!(
                std::io::stdout().lock(),
                "{}",
                serde_json::to_string_pretty(&reports)?
            )?;
        } else {
            let mut json = serde_json::json!({ "overall": reports });
            if args.by_source {
                json["by_source"] = serde_json::to_value(&groups)?;
            }
            if let Some(b) = &intervals {
                json["bootstrap"] = serde_json::to_value(b)?;
            }
            writeln!(
                std::io::stdout().lock(),
                "{}",
                serde_json::to_string_pretty(&json)?
            )?;
        }
    } else {
        let mut text = render_headline(&reports, bad);
        if let Some(b) = &intervals {
            text.push_str(&bootstrap::render(b));
        }
        text.push_str(&render_details(&reports));
        if args.by_source {
            text.push_str(&render_groups(&groups));
        }
        write!(std::io::stdout().lock(), "{text}")?;
    }
    if args.errors {
        write!(
            std::io::stdout().lock(),
            "{}",
            render_errors(&gold, &verdicts)
        )?;
    }
    Ok(if bad == 0 { Exit::Ok } else { Exit::SomeFailed })
}

/// The records of `path`, with each bad one named on stderr and counted in `bad`: the figures
/// are those of the rest, and the exit code says that something was left out.
pub fn read_reporting<T: Record>(path: &Path, bad: &mut usize) -> anyhow::Result<Vec<T>> {
    let Read { records, errors } = read_labelled(path)?;
    let mut err = std::io::stderr().lock();
    for e in &errors {
        writeln!(err, "rolecall: {e}")?;
    }
    *bad += errors.len();
    Ok(records)
}

/// The reports of every system on the postings of one source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceReport {
    pub source: String,
    pub reports: Vec<Report>,
    /// Bootstrap intervals on this source's postings alone (`--bootstrap`): a board of ten
    /// postings says little, and its intervals say how little.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bootstrap: Option<bootstrap::Bootstrap>,
}

/// Scores every system on each source's postings alone, sources in order of first appearance:
/// the spread across job boards is the nearest this set comes to postings from elsewhere. With
/// `resamples`, each source gets its own bootstrap intervals too.
fn by_source(
    gold: &[Gold],
    systems: &[(String, BTreeMap<String, Prediction>)],
    resamples: usize,
    seed: u64,
) -> Vec<SourceReport> {
    let mut order: Vec<&str> = Vec::new();
    for g in gold {
        let src = g.source.as_deref().unwrap_or("(no source)");
        if !order.contains(&src) {
            order.push(src);
        }
    }
    order
        .into_iter()
        .map(|src| {
            let subset: Vec<&Gold> = gold
                .iter()
                .filter(|g| g.source.as_deref().unwrap_or("(no source)") == src)
                .collect();
            SourceReport {
                source: src.to_string(),
                reports: systems
                    .iter()
                    .map(|(name, preds)| score(name, &subset, preds))
                    .collect(),
                bootstrap: (resamples > 0)
                    .then(|| bootstrap::run(&subset, systems, resamples, seed)),
            }
        })
        .collect()
}

/// One line a source: postings, then accuracy and macro-F1 of each system.
fn render_groups(groups: &[SourceReport]) -> String {
    let mut s = String::new();
    let Some(first) = groups.first() else {
        return s;
    };
    let _ = write!(s, "\nby source (accuracy / macro-F1){:<6}{:>5}", "", "n");
    for r in &first.reports {
        let _ = write!(s, "{:>16}", r.system);
    }
    s.push('\n');
    for g in groups {
        // The file name says enough: "owner/repo/glassdoor_jobs.csv" -> "glassdoor_jobs.csv".
        let short = g.source.rsplit('/').next().unwrap_or(&g.source);
        let short: String = short.chars().take(36).collect();
        let _ = write!(s, "{short:<37}{:>5}", g.reports.first().map_or(0, |r| r.n));
        for r in &g.reports {
            let _ = write!(
                s,
                "{:>16}",
                format!("{:.3} / {:.3}", r.accuracy, r.macro_f1)
            );
        }
        s.push('\n');
    }
    // With --bootstrap: each board's accuracy interval, and the first system's lead over the
    // second (the title baseline) on that board's own resamples.
    if groups.iter().any(|g| g.bootstrap.is_some()) {
        let lead_over = first
            .reports
            .get(1)
            .map_or(String::new(), |r| format!("lead over {}", r.system));
        let _ = writeln!(
            s,
            "\nby source, 95% intervals of accuracy{:<1}{:>5}{:>18}{:>24}",
            "", "n", first.reports[0].system, lead_over
        );
        for g in groups {
            let Some(b) = &g.bootstrap else { continue };
            let short = g.source.rsplit('/').next().unwrap_or(&g.source);
            let short: String = short.chars().take(36).collect();
            let acc = b
                .systems
                .first()
                .and_then(|sys| sys.figures.get("primary accuracy"));
            let lead = b
                .systems
                .get(1)
                .and_then(|sys| sys.lead_of_first.as_ref())
                .and_then(|l| l.get("primary accuracy"));
            let show = |i: Option<&bootstrap::Interval>, signed: bool| {
                i.map_or("-".to_string(), |i| {
                    if signed {
                        format!("[{:+.3}, {:+.3}]", i.low, i.high)
                    } else {
                        format!("[{:.3}, {:.3}]", i.low, i.high)
                    }
                })
            };
            let _ = writeln!(
                s,
                "{short:<37}{:>5}{:>18}{:>24}",
                b.n,
                show(acc, false),
                show(lead, true)
            );
        }
    }
    s
}

/// The headline figures, one row a figure and one column a system.
fn render_headline(reports: &[Report], bad: usize) -> String {
    let mut s = String::new();
    let n = reports.first().map_or(0, |r| r.n);
    match bad {
        0 => writeln!(s, "{n} labelled postings\n"),
        1 => writeln!(
            s,
            "{n} labelled postings (1 bad record left out, named on stderr)\n"
        ),
        _ => writeln!(
            s,
            "{n} labelled postings ({bad} bad records left out, named on stderr)\n"
        ),
    }
    .expect("writing to a String");
    let _ = write!(s, "{:<28}", "figure");
    for r in reports {
        let _ = write!(s, "{:>14}", r.system);
    }
    s.push('\n');
    for (label, f) in HEADLINE {
        let _ = write!(s, "{label:<28}");
        for r in reports {
            let cell = f(r).map_or("-".to_string(), |v| format!("{v:.3}"));
            let _ = write!(s, "{cell:>14}");
        }
        s.push('\n');
    }
    s
}

/// Per system: per-class figures, each role as a label, and the confusion matrix.
fn render_details(reports: &[Report]) -> String {
    let mut s = String::new();
    for r in reports {
        let _ = writeln!(
            s,
            "\n{}: per class (precision / recall / F1, support)",
            r.system
        );
        for c in CLASSES {
            let p = r.per_class[c];
            let _ = writeln!(
                s,
                "  {c:<8} {:.3} / {:.3} / {:.3}  ({})",
                p.precision, p.recall, p.f1, p.support
            );
        }
        let _ = writeln!(s, "  as labels (hybrids): precision / recall / F1, support");
        for (role, p) in &r.labels_per_role {
            let _ = writeln!(
                s,
                "  {role:<8} {:.3} / {:.3} / {:.3}  ({})",
                p.precision, p.recall, p.f1, p.support
            );
        }
        let _ = writeln!(s, "  confusion (rows: gold, columns: predicted)");
        let _ = write!(s, "  {:<8}", "");
        for c in CLASSES {
            let _ = write!(s, "{c:>8}");
        }
        s.push('\n');
        for g in CLASSES {
            let _ = write!(s, "  {g:<8}");
            for p in CLASSES {
                let n = r
                    .confusion
                    .get(g)
                    .and_then(|row| row.get(p))
                    .copied()
                    .unwrap_or(0);
                let _ = write!(s, "{n:>8}");
            }
            s.push('\n');
        }
    }
    s
}

fn render_errors(gold: &[Gold], verdicts: &[Verdict]) -> String {
    let mut s = String::from("\n== misclassified\n");
    for (g, v) in gold.iter().zip(verdicts) {
        let p = from_verdict(v);
        if p.labels.primary == g.labels.primary && p.labels.fsds == g.labels.fsds {
            continue;
        }
        let _ = writeln!(
            s,
            "{}  \"{}\"\n  gold {} {:?} fsds={}  got {} {:?} fsds={} (by {})  scores de {:.2} ds {:.2} mle {:.2} an {:.2}",
            g.posting.id, g.posting.title, g.labels.primary, g.labels.roles, g.labels.fsds, p.labels.primary, p.labels.roles, p.labels.fsds,
            v.primary_rule.name(), v.scores.de.strength, v.scores.ds.strength, v.scores.mle.strength, v.scores.analyst.strength
        );
        for kind in &EvidenceKind::ALL[..4] {
            let (kind, role) = (*kind, kind.name());
            let terms = v.top_terms(kind);
            let shown: Vec<String> = terms
                .iter()
                .take(8)
                .map(|(t, w)| format!("{t} {w:.1}"))
                .collect();
            if !shown.is_empty() {
                let _ = writeln!(s, "    {role:<8} {}", shown.join(", "));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(id: &str, primary: &str, roles: &[&str], fsds: bool) -> Gold {
        let roles = roles.iter().map(|r| r.to_string()).collect();
        let title_role = Some(primary.into());
        let labels = Labels {
            primary: primary.into(),
            roles,
            fsds,
            title_role,
        };
        Gold {
            posting: rolecall::Posting::default().with_id(id),
            source: None,
            labels,
        }
    }

    fn p(id: &str, primary: &str, roles: &[&str], fsds: bool) -> Prediction {
        let roles = roles.iter().map(|r| r.to_string()).collect();
        let labels = Labels {
            primary: primary.into(),
            roles,
            fsds,
            title_role: Some("de".into()),
        };
        Prediction {
            id: id.into(),
            labels,
            mismatch: Some(false),
        }
    }

    #[test]
    fn metrics_match_hand_counts() {
        let gold = [
            g("1", "de", &["de"], true),
            g("2", "ds", &["ds", "mle"], false),
            g("3", "none", &[], false),
            g("4", "de", &["de"], false),
        ];
        let preds: BTreeMap<_, _> = [
            p("1", "de", &["de", "mle"], true),
            p("2", "de", &["de"], true),
            p("3", "none", &[], false),
        ]
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
        let r = score("t", &gold.iter().collect::<Vec<_>>(), &preds);
        assert_eq!(r.accuracy, 0.5);
        // de: tp 1, fp 1 (id 2), fn 1 (id 4 missing -> none)
        assert_eq!(r.per_class["de"].precision, 0.5);
        assert_eq!(r.per_class["de"].recall, 0.5);
        // none: tp 1, fp 1 (id 4)
        assert_eq!(r.per_class["none"].precision, 0.5);
        assert_eq!(r.fsds.precision, 0.5);
        assert_eq!(r.fsds.recall, 1.0);
        // labels: tp de(1); fp mle(1), de(2); fn ds,mle(2), de(4)
        let lp = 1.0 / 3.0;
        let lr = 1.0 / 4.0;
        assert!((r.labels_micro_f1 - 2.0 * lp * lr / (lp + lr)).abs() < 1e-9);
        assert_eq!(r.title_role_accuracy, Some(1.0 / 3.0));
        assert_eq!(r.confusion["ds"]["de"], 1);
    }
}
