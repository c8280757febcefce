//! A user's lexicon is input too: any file text gives a lexicon or an error naming the file and
//! a line inside it, never a panic; a lexicon that loads can classify.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolecall_lexicon::{LexiconBuilder, ScoreParams};

const FILES: [&str; 9] = [
    "de.txt", "ds.txt", "mle.txt", "analyst.txt", "common.txt", "signals.txt", "cues.txt",
    "sections.txt", "titles.txt",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let name = FILES[which as usize % FILES.len()];
    let text = String::from_utf8_lossy(rest);
    let mut builder = LexiconBuilder::new();
    builder.add_builtin().add_source(name, &text);
    match builder.build() {
        Ok(lex) => {
            let a = lex.analyze(&text, &ScoreParams::default());
            assert!(a.roles.iter().all(|r| (0.0..=1.0).contains(&r.strength)));
            let claim = lex.title_claim(&text);
            assert!(!(claim.non_data && claim.role.is_some()));
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            if let Some(line) = e.line() {
                assert!(line >= 1 && line <= text.lines().count().max(1), "{e}");
            }
        }
    }
});
