//! `classify` on arbitrary bytes: no panic, spans on char boundaries whose text is the term or
//! one of its other spellings (case-insensitively, plus a plural ending), scores in [0, 1]. Half the inputs come without a
//! title, so that the classifier may read one from the first line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolecall::{Classifier, Posting};
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    let classifier = CLASSIFIER.get_or_init(Classifier::default);
    let text = String::from_utf8_lossy(data);
    let split = text.char_indices().nth(text.chars().count() / 8).map_or(0, |(i, _)| i);
    let posting = if data.first().is_some_and(|b| b % 2 == 0) {
        Posting::new("", &*text)
    } else {
        Posting::new(&text[..split], &text[split..])
    };
    let v = classifier.classify(&posting);
    let body = &posting.text;
    for e in &v.evidence {
        assert!(e.start < e.end && e.end <= body.len());
        assert!(body.is_char_boundary(e.start) && body.is_char_boundary(e.end));
        let found = body[e.start..e.end].to_ascii_lowercase();
        let spelt = if e.role == rolecall::EvidenceKind::Path {
            rolecall_lexicon::spells_path(&found, &e.term)
        } else {
            rolecall_lexicon::spells(&found, &e.term)
        };
        assert!(spelt, "{found:?} vs {:?}", e.term);
    }
    for r in rolecall::Role::ALL {
        let s = v.scores.get(r);
        assert!((0.0..=1.0).contains(&s.strength) && (0.0..=1.0).contains(&s.share));
    }
    assert!((0.0..=1.0).contains(&v.fsds.confidence));
    // A title read from the text (the posting had none, or only a heading) is its first line,
    // and no evidence stands in it.
    if v.title_from_text {
        assert!(body.contains(v.title.as_str()));
        let line_end = body.find(v.title.as_str()).unwrap() + v.title.len();
        assert!(v.evidence.iter().all(|e| e.start >= line_end));
    }
});
