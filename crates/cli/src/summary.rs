//! The batch summary: what an analyst of the job market wants from a directory of postings.

use crate::output::Rendered;
use rolecall::{EvidenceKind, PrimaryRule, Role};
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
    fsds: usize,
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
        self.hybrids += usize::from(s.labels.len() > 1);
        self.fsds += usize::from(s.fsds);
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
        let _ = writeln!(
            s,
            "FSDS              {:>8}  {:5.1}%",
            self.fsds,
            pct(self.fsds)
        );
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
