//! A job posting as rolecall reads it.

/// One job posting: an id, a title and the text of the body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Posting {
    /// The id it came with, or where it came from (`path`, `path:line`).
    pub id: String,
    /// The job title; empty when unknown, in which case the classifier takes a short first line
    /// of the text that names a job as the title ([`crate::Verdict::title_from_text`]).
    pub title: String,
    /// The body as plain text. Evidence spans are byte offsets into this text.
    pub text: String,
}

impl Posting {
    /// A posting with an empty id.
    ///
    /// ```
    /// let p = rolecall::Posting::new("Data Engineer", "Build pipelines.");
    /// assert_eq!(p.title, "Data Engineer");
    /// ```
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Posting {
        Posting {
            id: String::new(),
            title: title.into(),
            text: text.into(),
        }
    }

    /// Sets the id.
    pub fn with_id(mut self, id: impl Into<String>) -> Posting {
        self.id = id.into();
        self
    }
}
