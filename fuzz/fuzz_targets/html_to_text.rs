//! HTML to text never panics, and the text it gives is no longer than the input's text could be.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let text = rolecall::input::html::fragment_to_text(&html);
    // Entities can grow ("&NotNestedGreaterGreater;" is shorter than its text? no: every
    // character reference is at least as long as what it decodes to, but a bare `&` stays).
    assert!(text.len() <= html.len() * 4 + 16, "{} -> {}", html.len(), text.len());
    let (title, page) = rolecall::input::html::page(&html);
    assert!(!title.contains('\u{0}') || html.contains('\u{0}'));
    assert!(page.len() <= html.len() * 4 + 16);
});
