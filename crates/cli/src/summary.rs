//! The batch summary: what an analyst of the job market wants from a directory of postings.

use crate::output::Rendered;
use rolecall::{EvidenceKind, PrimaryRule, Role, Rule};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Counts over a batch.
#[derive(Debug, Default)]
pub struct Summary {
    pub records: usize,
    pub errors: usize,
    pub classified: usize,
    primary: HashMap<Option<Role>, usize>,
    rules: HashMap<PrimaryRule, usize>,
    hybrids: usize,
    /// Postings by their labels, for the hybrids (two or more).
    hybrid_sets: HashMap<Vec<Role>, usize>,
    fsds: usize,
    /// Flagged postings by each rule that helped flag them.
    fsds_rules: HashMap<Rule, usize>,
    mismatch: usize,
    terms: HashMap<(EvidenceKind, String), usize>,
}

impl Summary {
    /// Adds one record.
    pub fn add(&mut self, r: &Rendered) {
        self.records += 1;
        if r.error.is_some() {
            self.errors += 1;
        }
        let Some(s) = &r.stats else { return };
        self.classified += 1;
        *self.primary.entry(s.primary).or_default() += 1;
        *self.rules.entry(s.primary_rule).or_default() += 1;
        if s.labels.len() > 1 {
            self.hybrids += 1;
            let mut set = s.labels.clone();
            set.sort();
            *self.hybrid_sets.entry(set).or_default() += 1;
        }
        self.fsds += usize::from(s.fsds);
        for &rule in &s.fsds_rules {
            *self.fsds_rules.entry(rule).or_default() += 1;
        }
        self.mismatch += usize::from(s.mismatch);
        for t in &s.terms {
            *self.terms.entry(t.clone()).or_default() += 1;
        }
    }

    /// The summary as text.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let pct = |n: usize| {
            if self.classified == 0 {
                0.0
            } else {
                100.0 * n as f64 / self.classified as f64
            }
        };
        let _ = writeln!(
            s,
            "== rolecall summary: {} records, {} classified, {} errors",
            self.records, self.classified, self.errors
        );
        let _ = writeln!(s, "primary role:");
        let roles: Vec<Option<Role>> = Role::ALL.iter().copied().map(Some).chain([None]).collect();
        for r in roles {
            let n = self.primary.get(&r).copied().unwrap_or(0);
            let name = r.map_or("none", Role::name);
            let _ = writeln!(s, "  {name:<16} {n:>8}  {:5.1}%", pct(n));
        }
        let _ = writeln!(s, "primary decided by:");
        for rule in PrimaryRule::ALL {
            let n = self.rules.get(&rule).copied().unwrap_or(0);
            if n > 0 {
                let _ = writeln!(s, "  {:<16} {n:>8}  {:5.1}%", rule.name(), pct(n));
            }
        }
        let _ = writeln!(
            s,
            "hybrid (2+ roles) {:>8}  {:5.1}%",
            self.hybrids,
            pct(self.hybrids)
        );
        let mut sets: Vec<(&Vec<Role>, usize)> =
            self.hybrid_sets.iter().map(|(k, n)| (k, *n)).collect();
        sets.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| a.0.len().cmp(&b.0.len()))
                .then_with(|| a.0.cmp(b.0))
        });
        for (set, n) in sets {
            let names = set.iter().map(|r| r.name()).collect::<Vec<_>>().join("+");
            // "de+ds+mle+analyst" is longer than the column: the count gives way.
            let width = 8usize.saturating_sub(names.len().saturating_sub(16)).max(1);
            let _ = writeln!(s, "  {names:<16} {n:>width$}  {:5.1}%", pct(n));
        }
        let _ = writeln!(
            s,
            "FSDS              {:>8}  {:5.1}%",
            self.fsds,
            pct(self.fsds)
        );
        // A flag usually has several reasons: each counts once per flagged posting.
        for rule in Rule::ALL {
            let n = self.fsds_rules.get(&rule).copied().unwrap_or(0);
            if n > 0 {
                let _ = writeln!(s, "  {:<16} {n:>8}  {:5.1}%", rule.name(), pct(n));
            }
        }
        let _ = writeln!(
            s,
            "title mismatch    {:>8}  {:5.1}%",
            self.mismatch,
            pct(self.mismatch)
        );
        let _ = writeln!(s, "most frequent evidence (postings):");
        for kind in EvidenceKind::ALL {
            let mut top: Vec<(&str, usize)> = self
                .terms
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|((_, t), n)| (t.as_str(), *n))
                .collect();
            if top.is_empty() {
                continue;
            }
            top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let shown: Vec<String> = top
                .iter()
                .take(10)
                .map(|(t, n)| format!("{t} ({n})"))
                .collect();
            let _ = writeln!(s, "  {:<8} {}", kind.name(), shown.join(", "));
        }
        s
    }
}
