//! Inputs shared by the benchmarks: the fixture postings, in graded sizes.

use std::path::{Path, PathBuf};

/// The fixture folder of the workspace.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/postings")
}

/// A fixture posting's text.
///
/// # Panics
///
/// When the fixture is missing: the benchmarks need the repository's fixtures.
pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).expect("fixture exists")
}

/// A short (one fixture), a median (about 4 KB) and a long (about 40 KB) posting, built from the
/// fixtures so that every size has real posting language.
pub fn graded() -> [(&'static str, String); 3] {
    let short = fixture("data_scientist.txt");
    let all: String = [
        "data_engineer.txt",
        "hidden_fsds.txt",
        "ml_engineer.txt",
        "data_analyst.txt",
        "de_mle_merge.txt",
    ]
    .iter()
    .map(|n| fixture(n))
    .collect::<Vec<_>>()
    .join("\n");
    let median: String = all.chars().cycle().take(4096).collect();
    let long: String = all.chars().cycle().take(40 * 1024).collect();
    [("short", short), ("median", median), ("long", long)]
}
