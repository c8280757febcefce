//! The closed vocabularies: roles, pipeline stages and posting sections.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A data role a posting can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Data Engineer: getting, moving, orchestrating and storing data.
    De,
    /// Data Scientist: analytics, experiments, statistical and ML modelling for insight.
    Ds,
    /// Machine Learning Engineer: deploying, serving and monitoring models in production.
    Mle,
    /// Data Analyst: reports, dashboards, KPIs and ad-hoc SQL.
    Analyst,
}

impl Role {
    /// Every role, in a fixed order used for arrays indexed by role.
    pub const ALL: [Role; 4] = [Role::De, Role::Ds, Role::Mle, Role::Analyst];

    /// The role's short name as used in files and output (`de`, `ds`, `mle`, `analyst`).
    pub fn name(self) -> &'static str {
        match self {
            Role::De => "de",
            Role::Ds => "ds",
            Role::Mle => "mle",
            Role::Analyst => "analyst",
        }
    }

    /// The role's human name.
    pub fn title(self) -> &'static str {
        match self {
            Role::De => "Data Engineer",
            Role::Ds => "Data Scientist",
            Role::Mle => "ML Engineer",
            Role::Analyst => "Data Analyst",
        }
    }

    /// Parses a short name.
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The index of the role in [`Role::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A step of the data pipeline, from getting data to watching models in production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Getting data in: ingestion, scraping, APIs, streaming sources.
    Acquisition,
    /// Keeping data: warehouses, lakes, databases, data modelling for storage.
    Storage,
    /// Moving and scheduling data: ETL, pipelines, orchestration.
    Orchestration,
    /// Understanding data: statistics, experiments, reporting.
    Analysis,
    /// Building models: machine learning, forecasting, feature engineering.
    Modelling,
    /// Putting models in production: serving, APIs, containers, CI/CD.
    Deployment,
    /// Keeping models healthy: monitoring, drift, observability.
    Monitoring,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 7] = [
        Stage::Acquisition,
        Stage::Storage,
        Stage::Orchestration,
        Stage::Analysis,
        Stage::Modelling,
        Stage::Deployment,
        Stage::Monitoring,
    ];

    /// The stage's name as used in files and output.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Acquisition => "acquisition",
            Stage::Storage => "storage",
            Stage::Orchestration => "orchestration",
            Stage::Analysis => "analysis",
            Stage::Modelling => "modelling",
            Stage::Deployment => "deployment",
            Stage::Monitoring => "monitoring",
        }
    }

    /// Parses a stage name.
    pub fn from_name(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The index of the stage in [`Stage::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The part of a posting a phrase stands in. Sections weigh the evidence found in them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// Text before any recognised heading, or under a heading that says nothing.
    General,
    /// Duties: what the person will do.
    Responsibilities,
    /// Required qualifications and skills.
    Requirements,
    /// Nice to have, bonus, preferred qualifications.
    Preferred,
    /// The team's tools, listed ("Our stack", "Technologies we use"): what the person will work
    /// with, not a duty and not asked of them.
    Stack,
    /// About the company.
    Company,
    /// Benefits, perks, salary.
    Benefits,
    /// Equal-opportunity and other legal text.
    Legal,
    /// A job board's page furniture after the posting: similar jobs, people also viewed, job
    /// alerts. It names other jobs, not this one.
    Footer,
}

impl Section {
    /// Every section.
    pub const ALL: [Section; 9] = [
        Section::General,
        Section::Responsibilities,
        Section::Requirements,
        Section::Preferred,
        Section::Stack,
        Section::Company,
        Section::Benefits,
        Section::Legal,
        Section::Footer,
    ];

    /// The section's name as used in files and output.
    pub fn name(self) -> &'static str {
        match self {
            Section::General => "general",
            Section::Responsibilities => "responsibilities",
            Section::Requirements => "requirements",
            Section::Preferred => "preferred",
            Section::Stack => "stack",
            Section::Company => "company",
            Section::Benefits => "benefits",
            Section::Legal => "legal",
            Section::Footer => "footer",
        }
    }

    /// Parses a section name.
    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The index of the section in [`Section::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_name(r.name()), Some(r));
            assert_eq!(Role::ALL[r.index()], r);
        }
        for s in Stage::ALL {
            assert_eq!(Stage::from_name(s.name()), Some(s));
            assert_eq!(Stage::ALL[s.index()], s);
        }
        for s in Section::ALL {
            assert_eq!(Section::from_name(s.name()), Some(s));
            assert_eq!(Section::ALL[s.index()], s);
        }
        assert_eq!(Role::from_name("DE"), None);
    }
}
