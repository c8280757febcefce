//! Bootstrap intervals for `rolecall eval`: how far each headline figure could move on another
//! sample of postings like these.
//!
//! The gold postings are resampled with replacement, every system is scored on each resample,
//! and the 2.5th and 97.5th percentiles of a figure give its 95% interval. The same resamples
//! score every system, so the interval of a difference ("rolecall minus the title baseline") is
//! paired: when it lies above zero, rolecall's lead is more than the luck of this sample. With
//! 17 FSDS postings in the dev gold, one posting moves FSDS precision by about five points; the
//! intervals say so in the report instead of in a footnote.

use crate::eval::{score, Gold, Prediction, HEADLINE};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A 95% percentile interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// The 2.5th percentile.
    pub low: f64,
    /// The 97.5th percentile.
    pub high: f64,
}

/// The intervals of one system.
#[derive(Debug, Clone, Serialize)]
pub struct SystemIntervals {
    /// The system's name, as in the report.
    pub system: String,
    /// Figure name to its interval (the headline figures the system gives).
    pub figures: BTreeMap<&'static str, Interval>,
    /// Figure name to the interval of the first system's figure minus this one's, on the same
    /// resamples, for the figures both give; absent for the first system itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_of_first: Option<BTreeMap<&'static str, Interval>>,
}

/// Every system's intervals, with how they were drawn.
#[derive(Debug, Clone, Serialize)]
pub struct Bootstrap {
    /// How many resamples.
    pub resamples: usize,
    /// The seed of the resampling.
    pub seed: u64,
    /// Postings in each resample (the gold set's size).
    pub n: usize,
    /// One entry per system, in the order given.
    pub systems: Vec<SystemIntervals>,
}

/// Draws `resamples` bootstrap samples of `gold` and scores each system on every one.
pub fn run(
    gold: &[&Gold],
    systems: &[(String, BTreeMap<String, Prediction>)],
    resamples: usize,
    seed: u64,
) -> Bootstrap {
    let n = gold.len();
    let mut rng = fastrand::Rng::with_seed(seed);
    // values[system][figure][resample]; empty for a figure the system does not give.
    let mut values = vec![vec![Vec::with_capacity(resamples); HEADLINE.len()]; systems.len()];
    let mut sample: Vec<&Gold> = Vec::with_capacity(n);
    for _ in 0..resamples {
        sample.clear();
        sample.extend((0..n).map(|_| gold[rng.usize(..n)]));
        for (s, (name, preds)) in systems.iter().enumerate() {
            let report = score(name, &sample, preds);
            for (f, (_, get)) in HEADLINE.iter().enumerate() {
                values[s][f].extend(get(&report));
            }
        }
    }
    let intervals = |per_figure: &[Vec<f64>]| -> BTreeMap<&'static str, Interval> {
        HEADLINE
            .iter()
            .zip(per_figure)
            .filter_map(|((name, _), v)| Some((*name, percentiles(v.clone())?)))
            .collect()
    };
    let systems = systems
        .iter()
        .enumerate()
        .map(|(s, (name, _))| SystemIntervals {
            system: name.clone(),
            figures: intervals(&values[s]),
            lead_of_first: (s > 0).then(|| {
                let leads: Vec<Vec<f64>> = values[0]
                    .iter()
                    .zip(&values[s])
                    .map(|(first, this)| {
                        // A figure one of the two does not give has no lead.
                        if first.len() == this.len() {
                            first.iter().zip(this).map(|(a, b)| a - b).collect()
                        } else {
                            Vec::new()
                        }
                    })
                    .collect();
                intervals(&leads)
            }),
        })
        .collect();
    Bootstrap {
        resamples,
        seed,
        n,
        systems,
    }
}

/// The 2.5th and 97.5th percentiles (nearest rank) of `v`; none for an empty `v`.
fn percentiles(mut v: Vec<f64>) -> Option<Interval> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((q * (v.len() - 1) as f64).round() as usize).min(v.len() - 1)];
    Some(Interval {
        low: at(0.025),
        high: at(0.975),
    })
}

/// The intervals as a table: one row a figure, one column a system, then one column for the
/// first system's lead over each other system.
pub fn render(b: &Bootstrap) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n95% intervals from {} bootstrap resamples of the {} postings (seed {})",
        b.resamples, b.n, b.seed
    );
    let Some(first) = b.systems.first() else {
        return s;
    };
    let _ = write!(s, "{:<22}", "figure");
    for sys in &b.systems {
        let _ = write!(s, "{:>18}", sys.system);
    }
    for sys in &b.systems[1..] {
        let _ = write!(s, "{:>26}", format!("lead over {}", sys.system));
    }
    s.push('\n');
    for (name, _) in HEADLINE {
        let _ = write!(s, "{name:<22}");
        for sys in &b.systems {
            let cell = sys.figures.get(name).map_or("-".to_string(), |i| {
                format!("[{:.3}, {:.3}]", i.low, i.high)
            });
            let _ = write!(s, "{cell:>18}");
        }
        for sys in &b.systems[1..] {
            let lead = sys.lead_of_first.as_ref().and_then(|l| l.get(name));
            let cell = lead.map_or("-".to_string(), |i| {
                format!("[{:+.3}, {:+.3}]", i.low, i.high)
            });
            let _ = write!(s, "{cell:>26}");
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "a lead whose interval lies above zero is more than this sample's luck ({} first)",
        first.system
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(gold: &[Gold]) -> Vec<&Gold> {
        gold.iter().collect()
    }
    use crate::eval::Labels;

    fn gold(id: usize, primary: &str) -> Gold {
        Gold {
            posting: rolecall::Posting::default().with_id(id.to_string()),
            source: None,
            labels: Labels {
                primary: primary.into(),
                roles: vec![primary.into()],
                fsds: id % 4 == 0,
                title_role: None,
            },
        }
    }

    fn preds(gold: &[Gold], right: impl Fn(usize) -> bool) -> BTreeMap<String, Prediction> {
        gold.iter()
            .enumerate()
            .map(|(i, g)| {
                let mut labels = g.labels.clone();
                if !right(i) {
                    labels.primary = if labels.primary == "de" { "ds" } else { "de" }.into();
                    labels.roles = vec![labels.primary.clone()];
                    labels.fsds = !labels.fsds;
                }
                let p = Prediction {
                    id: g.posting.id.clone(),
                    labels,
                    mismatch: None,
                };
                (g.posting.id.clone(), p)
            })
            .collect()
    }

    fn set() -> Vec<Gold> {
        let classes = ["de", "ds", "mle", "analyst", "none"];
        (0..200).map(|i| gold(i, classes[i % 5])).collect()
    }

    #[test]
    fn a_perfect_system_has_a_point_interval() {
        let gold = set();
        let systems = vec![("all right".to_string(), preds(&gold, |_| true))];
        let b = run(&refs(&gold), &systems, 200, 7);
        for i in b.systems[0].figures.values() {
            assert_eq!(
                *i,
                Interval {
                    low: 1.0,
                    high: 1.0
                }
            );
        }
        assert!(b.systems[0].lead_of_first.is_none());
        // Every headline figure the system gives gets one; these gold records name no title
        // role, so there is no title-role accuracy to give an interval to.
        assert!(b.systems[0].figures.contains_key("FSDS F1"));
        assert!(!b.systems[0].figures.contains_key("title-role accuracy"));
        assert!(render(&b)
            .lines()
            .any(|l| l.starts_with("title-role accuracy") && l.ends_with('-')));
    }

    #[test]
    fn intervals_cover_the_figure_and_leads_are_paired() {
        let gold = set();
        // One system right on 80% of postings, the other on 60%.
        let systems = vec![
            ("better".to_string(), preds(&gold, |i| i % 5 != 0)),
            ("worse".to_string(), preds(&gold, |i| i % 5 > 1)),
        ];
        let b = run(&refs(&gold), &systems, 500, 7);
        let acc = b.systems[0].figures["primary accuracy"];
        assert!(acc.low < 0.8 && 0.8 < acc.high, "{acc:?}");
        assert!(acc.high - acc.low < 0.2, "{acc:?}");
        // The better system is right wherever the worse one is: its lead is never negative.
        let lead = b.systems[1].lead_of_first.as_ref().unwrap()["primary accuracy"];
        assert!(lead.low > 0.1 && lead.high < 0.3, "{lead:?}");
        assert!(render(&b).contains("lead over worse"));
    }

    #[test]
    fn the_same_seed_gives_the_same_intervals() {
        let gold = set();
        let systems = vec![("s".to_string(), preds(&gold, |i| i % 3 != 0))];
        let a = run(&refs(&gold), &systems, 100, 3);
        let b = run(&refs(&gold), &systems, 100, 3);
        let c = run(&refs(&gold), &systems, 100, 4);
        assert_eq!(a.systems[0].figures, b.systems[0].figures);
        assert_ne!(a.systems[0].figures, c.systems[0].figures);
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<f64> = (0..=100).map(f64::from).collect();
        assert_eq!(
            percentiles(v),
            Some(Interval {
                low: 3.0,
                high: 98.0
            })
        );
        assert_eq!(percentiles(Vec::new()), None);
    }
}
