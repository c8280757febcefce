//! The thresholds of the rules, read from `rules.toml`: data, not numbers buried in code.

use rolecall_lexicon::{Role, ScoreParams};
use serde::Deserialize;
use std::fmt;

/// The shipped `rules.toml`.
pub const BUILTIN_RULES: &str = include_str!("../../../keywords/rules.toml");

/// Every threshold and weight of the rules, and the scoring parameters.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// How hits become scores.
    #[serde(default)]
    pub scoring: ScoreParams,
    /// The title's claim as a prior.
    pub title: TitleConfig,
    /// When a posting is a data job at all, and which role is primary.
    pub primary: PrimaryConfig,
    /// Which roles are labelled.
    pub labels: LabelConfig,
    /// The Full Stack Data Scientist rules.
    pub fsds: FsdsConfig,
}

/// How much the title's claim counts.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleConfig {
    /// Raw evidence added to the role the title claims, before the rules run. The body still
    /// decides: a prior this size is about one clear duty.
    pub prior: f32,
    /// The primary role's minimum strength when the title names a non-data job (a `none`
    /// pattern in `titles.txt`).
    pub non_data_min_strength: f32,
}

/// When a posting has a primary role.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrimaryConfig {
    /// Below this strength in every role, the posting is not a data job.
    pub min_strength: f32,
    /// The primary role needs at least this many distinct terms (one phrase is not a job).
    pub min_terms: usize,
    /// When the role a title claims is among the labels and has at least this fraction of the
    /// strongest role's raw evidence, it is the primary role.
    pub title_tiebreak: f32,
    /// The analyst role is primary only if its raw evidence exceeds that of the strongest
    /// modelling or engineering role by this fraction (analyst words such as reports and
    /// dashboards appear in every data posting).
    pub analyst_margin: f32,
    /// A posting the rules would call DS, that also asks for analyst work and has less DS than
    /// analyst evidence in its body, is an analyst job when its modelling stage is weaker than
    /// this: LABELS.md draws the line between the two at modelling as a core duty.
    pub ds_min_modelling: f32,
    /// Likewise a posting the rules would call MLE, that also asks for data science, is a DS
    /// job when neither its deployment nor its monitoring stage reaches this: building models
    /// without getting them into production is data science (LABELS.md).
    pub mle_min_production: f32,
    /// When no title claims a role, a DS call that also has ML engineering labelled, a
    /// deployment or monitoring stage of at least `mle_min_production`, and MLE evidence of at
    /// least this fraction of the DS evidence is an MLE job: model-building words count for DS,
    /// so an ML engineer's body alone rarely has more MLE than DS evidence.
    pub body_mle_tiebreak: f32,
    /// A posting is not a data job when the raw evidence of its non-data duties (`nondata.txt`)
    /// reaches this multiple of the strongest data role's.
    pub non_data_margin: f32,
}

/// When a role is labelled (the hybrids).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelConfig {
    /// A role is labelled from this strength on (unless `role_min_strength` names the role)...
    pub min_strength: f32,
    /// ...when it also holds at least this share of the role evidence...
    pub min_share: f32,
    /// ...and at least this many distinct terms.
    pub min_terms: usize,
    /// A role's own minimum strength, in place of `min_strength`: some roles' words are
    /// mentioned in passing more than others'.
    #[serde(default)]
    pub role_min_strength: RoleThresholds,
}

impl LabelConfig {
    /// The strength from which `role` is labelled.
    pub fn min_strength_of(&self, role: Role) -> f32 {
        let own = match role {
            Role::De => self.role_min_strength.de,
            Role::Ds => self.role_min_strength.ds,
            Role::Mle => self.role_min_strength.mle,
            Role::Analyst => self.role_min_strength.analyst,
        };
        own.unwrap_or(self.min_strength)
    }
}

/// A threshold for some of the roles; a role left out takes the general one.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleThresholds {
    /// Data engineering's.
    pub de: Option<f32>,
    /// Data science's.
    pub ds: Option<f32>,
    /// ML engineering's.
    pub mle: Option<f32>,
    /// The analyst role's.
    pub analyst: Option<f32>,
}

/// The FSDS rules: each rule adds confidence; the flag is raised at `flag_min`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FsdsConfig {
    /// The strength at which a role counts for the merge rules.
    pub role_min: f32,
    /// The strength at which a pipeline stage counts as covered.
    pub stage_min: f32,
    /// Confidence from a DE+MLE merge.
    pub merge: f32,
    /// Confidence from all three of DE, DS and MLE.
    pub all_three: f32,
    /// Confidence from covering the pipeline from acquisition or storage through modelling to
    /// deployment or monitoring, with ML engineering labelled...
    pub span: f32,
    /// ...each of those stages at least this strong (a span of passing mentions is no span).
    pub span_stage_min: f32,
    /// Data engineering and data science both labelled at this strength stand in for the ML
    /// engineering label in the span: one person getting the data, modelling it and deploying
    /// the models is the whole path, whichever role's words the deployment is told in. 1 turns
    /// this off (a strength never reaches 1).
    pub span_de_ds: f32,
    /// Confidence from the same span with every stage only at `stage_min` (listed in `stages`),
    /// or without ML engineering labelled: less than `flag_min`, so it flags only with startup
    /// or first-hire signals ("our first data hire ... deploy the models as APIs").
    pub span_light: f32,
    /// A statement of the whole path ("from data ingestion to model deployment") counts from
    /// this contribution (weight × section × cues): as a duty or requirement, not in the
    /// company blurb or hedged. It adds `span` with ML engineering labelled, else `span_light`.
    pub path_min: f32,
    /// A title that names a manager of people keeps this fraction of the confidence of the
    /// rules above (merge, all three, span, stated path): the team may span the path, not one
    /// person.
    pub manager: f32,
    /// Confidence added per unit of startup / first-hire signal weight...
    pub signal_per_weight: f32,
    /// ...up to this much.
    pub signal_max: f32,
    /// The confidence at which the flag is raised.
    pub flag_min: f32,
}

/// An error in a rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file name.
    pub file: String,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses a rules file.
    ///
    /// # Errors
    ///
    /// TOML syntax errors, unknown keys, missing keys and values out of range, naming `file` and
    /// the line.
    pub fn parse(file: &str, text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError {
            file: file.to_string(),
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1)),
            message: e.message().to_string(),
        })?;
        config.validate().map_err(|message| ConfigError {
            file: file.to_string(),
            line: None,
            message,
        })?;
        Ok(config)
    }

    /// The shipped rules.
    ///
    /// # Panics
    ///
    /// Never in a released build: a unit test checks the embedded file.
    pub fn builtin() -> Config {
        Config::parse("rules.toml", BUILTIN_RULES).expect("the built-in rules.toml is valid")
    }

    fn validate(&self) -> Result<(), String> {
        let unit = [
            ("primary.min_strength", self.primary.min_strength),
            (
                "title.non_data_min_strength",
                self.title.non_data_min_strength,
            ),
            ("labels.min_strength", self.labels.min_strength),
            ("labels.min_share", self.labels.min_share),
            ("fsds.role_min", self.fsds.role_min),
            ("fsds.stage_min", self.fsds.stage_min),
            ("fsds.span_stage_min", self.fsds.span_stage_min),
            ("fsds.span_de_ds", self.fsds.span_de_ds),
            ("fsds.manager", self.fsds.manager),
            ("fsds.span_light", self.fsds.span_light),
            ("primary.ds_min_modelling", self.primary.ds_min_modelling),
            (
                "primary.mle_min_production",
                self.primary.mle_min_production,
            ),
            ("primary.body_mle_tiebreak", self.primary.body_mle_tiebreak),
            ("fsds.flag_min", self.fsds.flag_min),
            ("scoring.repeat_decay", self.scoring.repeat_decay),
            ("scoring.or_group", self.scoring.or_group),
        ];
        for (name, v) in unit {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!("{name} = {v}: must be between 0 and 1"));
            }
        }
        for role in Role::ALL {
            let v = self.labels.min_strength_of(role);
            if !(0.0..=1.0).contains(&v) {
                let name = role.name();
                return Err(format!(
                    "labels.role_min_strength.{name} = {v}: must be between 0 and 1"
                ));
            }
        }
        let up_to_ten = [
            ("title.prior", self.title.prior),
            ("fsds.path_min", self.fsds.path_min),
            ("primary.non_data_margin", self.primary.non_data_margin),
        ];
        for (name, v) in up_to_ten {
            if !(0.0..=10.0).contains(&v) {
                return Err(format!("{name} = {v}: must be between 0 and 10"));
            }
        }
        let positive = [
            ("scoring.saturation", self.scoring.saturation),
            ("scoring.stage_saturation", self.scoring.stage_saturation),
        ];
        for (name, v) in positive {
            if !(v.is_finite() && v > 0.0) {
                return Err(format!("{name} = {v}: must be a positive number"));
            }
        }
        let s = &self.scoring.sections;
        for v in [
            s.general,
            s.responsibilities,
            s.requirements,
            s.preferred,
            s.stack,
            s.company,
            s.benefits,
            s.legal,
            s.footer,
        ] {
            if !(0.0..=2.0).contains(&v) {
                return Err(format!("scoring.sections: {v} must be between 0 and 2"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_parse() {
        let c = Config::builtin();
        assert!(c.primary.min_strength > 0.0);
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = BUILTIN_RULES.replacen("[primary]", "[primary]\nsurprise = 1", 1);
        let e = Config::parse("my.toml", &bad).unwrap_err();
        assert_eq!(e.file, "my.toml");
        assert!(e.line.is_some(), "{e}");
        assert!(e.to_string().contains("surprise"), "{e}");

        let bad = BUILTIN_RULES.replacen("flag_min =", "flag_min = 7 #", 1);
        let e = Config::parse("my.toml", &bad).unwrap_err();
        assert!(e.message.contains("fsds.flag_min"), "{e}");
    }

    #[test]
    fn a_role_left_out_of_role_min_strength_takes_the_general_threshold() {
        let text = BUILTIN_RULES.replacen(
            "[labels.role_min_strength]",
            "[labels.role_min_strength]\nmle = 0.7",
            1,
        );
        let c = Config::parse("r.toml", &text).unwrap();
        assert_eq!(c.labels.min_strength_of(Role::Mle), 0.7);
        assert_eq!(
            c.labels.min_strength_of(Role::De),
            c.labels.min_strength,
            "the shipped file names no DE threshold"
        );
        assert_ne!(c.labels.min_strength_of(Role::Ds), c.labels.min_strength);
        // A role that is none of the four, or a value out of range, is an error.
        let bad = text.replacen("mle = 0.7", "cook = 0.7", 1);
        let e = Config::parse("r.toml", &bad).unwrap_err();
        assert!(e.to_string().contains("cook"), "{e}");
        let bad = text.replacen("mle = 0.7", "mle = 1.7", 1);
        let e = Config::parse("r.toml", &bad).unwrap_err();
        assert!(e.message.contains("labels.role_min_strength.mle"), "{e}");
    }
}
