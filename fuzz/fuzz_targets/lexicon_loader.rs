//! A user's lexicon is input too: any file text gives a lexicon or an error naming the file and
//! a line inside it, never a panic; a lexicon that loads can classify.
//! (`non_data` is only checked to be finite and not negative.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolecall_lexicon::{LexiconBuilder, ScoreParams};

/// A small lexicon with every file, so that each run builds in microseconds (the built-in
/// one takes about 15 ms) while the fuzzed file still meets terms of every other kind.
const BASE: [(&str, &str); 10] = [
    ("de.txt", "kafka | 3 | acquisition\npipeline | 1 | needs-support\n"),
    ("ds.txt", "regression | 2 | modelling\n"),
    ("mle.txt", "model serving | 3 | deployment\ndocker | 1 | deployment | needs-support\n"),
    ("analyst.txt", "tableau | 3 | analysis\n"),
    ("common.txt", "python\n"),
    ("nondata.txt", "sales cycle | 2\n"),
    ("signals.txt", "startup | 2\n"),
    ("cues.txt", "is a plus | 0.4 | after\nno | 0 | before\n"),
    ("sections.txt", "benefits | benefits\n"),
    ("titles.txt", "data engineer | de | 5\nrecruiter | none | 6\n"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let name = BASE[which as usize % BASE.len()].0;
    let text = String::from_utf8_lossy(rest);
    let mut builder = LexiconBuilder::new();
    for (file, source) in BASE {
        builder.add_source(file, source);
    }
    // The fuzzed file replaces the base file of the same name.
    builder.add_source(name, &text);
    match builder.build() {
        Ok(lex) => {
            let a = lex.analyze(&text, &ScoreParams::default());
            assert!(a.roles.iter().all(|r| (0.0..=1.0).contains(&r.strength)));
            assert!(a.non_data.is_finite() && a.non_data >= 0.0);
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
