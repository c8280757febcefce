//! rolecall's rules: from per-role scores and hits to a verdict a reader can trust.
//!
//! - the **primary** role, or `None` when the posting is not a data job;
//! - the **labels**, every role above its threshold (DS+MLE and DE+DS hybrids);
//! - the **FSDS** flag (Full Stack Data Scientist) with a confidence and the rules that fired:
//!   a DE+MLE merge, all three roles, a span of the pipeline from acquisition to deployment, and
//!   startup / first-hire language that strengthens the others;
//! - the **title role** and the **mismatch** between title and body.
//!
//! Every threshold is data, in `keywords/rules.toml` ([`Config`]).
//!
//! # Example
//!
//! ```
//! use rolecall_lexicon::{Lexicon, Role};
//! use rolecall_rules::{decide, Config};
//!
//! let lexicon = Lexicon::builtin();
//! let config = Config::builtin();
//! let text = "Build Kafka ingestion and Airflow pipelines into Snowflake, then deploy \
//!             models to production with Kubernetes, MLflow and a model registry, and \
//!             monitor them for drift.";
//! let analysis = lexicon.analyze(text, &config.scoring);
//! let title = lexicon.title_claim("Machine Learning Engineer");
//! let decision = decide(&lexicon, &analysis, &title, &config);
//! assert!(decision.labels.contains(&Role::De) && decision.labels.contains(&Role::Mle));
//! assert!(decision.fsds.flag);
//! ```

mod config;
mod decide;

pub use config::{
    Config, ConfigError, FsdsConfig, LabelConfig, PrimaryConfig, RoleThresholds, TitleConfig,
    BUILTIN_RULES,
};
pub use decide::{apply_title_prior, decide, Decision, Fsds, PrimaryRule, Reason, Rule};
