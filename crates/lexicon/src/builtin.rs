//! The shipped lexicon, embedded at compile time from the top-level `keywords/` folder.
//!
//! The crate is `publish = false`, so reaching outside the crate directory is fine; the embedded
//! files go through the same parser as a user's own directory.

/// `(file name, contents)` of every built-in lexicon file.
pub const BUILTIN: &[(&str, &str)] = &[
    ("de.txt", include_str!("../../../keywords/de.txt")),
    ("ds.txt", include_str!("../../../keywords/ds.txt")),
    ("mle.txt", include_str!("../../../keywords/mle.txt")),
    ("analyst.txt", include_str!("../../../keywords/analyst.txt")),
    ("common.txt", include_str!("../../../keywords/common.txt")),
    ("nondata.txt", include_str!("../../../keywords/nondata.txt")),
    ("signals.txt", include_str!("../../../keywords/signals.txt")),
    ("cues.txt", include_str!("../../../keywords/cues.txt")),
    (
        "sections.txt",
        include_str!("../../../keywords/sections.txt"),
    ),
    ("titles.txt", include_str!("../../../keywords/titles.txt")),
];
