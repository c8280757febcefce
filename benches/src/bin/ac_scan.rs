//! The limit rolecall is measured against: the same Aho-Corasick automaton over the same bytes,
//! doing nothing else (no JSON parsing, no word-boundary checks, no scoring, no output).
//!
//! Usage: `ac_scan FILE` prints the number of raw matches.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
use std::io::Read;

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).expect("usage: ac_scan FILE");
    let lexicon = rolecall_lexicon::Lexicon::builtin();
    // The matcher's own patterns (every term in each of its spellings, hyphens read as
    // spaces) and the same settings as crates/lexicon/src/matcher.rs.
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .kind(Some(AhoCorasickKind::DFA))
        .build(lexicon.body_patterns())
        .expect("the automaton builds");
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 8 << 20];
    let mut carry = Vec::new();
    let mut count = 0usize;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        // Scan whole lines so that no match straddles two reads.
        let chunk = &buf[..n];
        let cut = memchr::memrchr(b'\n', chunk).map_or(0, |i| i + 1);
        carry.extend_from_slice(&chunk[..cut]);
        count += ac.find_iter(&carry).count();
        carry.clear();
        carry.extend_from_slice(&chunk[cut..]);
    }
    count += ac.find_iter(&carry).count();
    println!("{count}");
    Ok(())
}
