//! Integration tests: each runs the real `rolecall` binary.

// The test harness: running the binary, temp dirs, the pinned output schema.
mod util;

// Fixture postings and their expected verdicts (fixtures/expected.tsv).
mod fixtures;
// Every input format, stdin in both shapes, ids.
mod inputs;
// Every output format.
mod outputs;
// Bad input: error records, exit codes, nothing lost.
mod bad_input;
// Hostile input: huge, deep, looping, closed pipes; determinism.
mod adversarial;
// Subcommands: eval, lexicon.
mod subcommands;
