//! Exit codes, documented in `--help` and the README.

use std::process::ExitCode;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: every input was classified.
    Ok,
    /// 1: some inputs failed; the rest was written.
    SomeFailed,
    /// 2: usage error, or nothing could run (a bad lexicon, say).
    Fatal,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        match e {
            Exit::Ok => ExitCode::SUCCESS,
            Exit::SomeFailed => ExitCode::from(1),
            Exit::Fatal => ExitCode::from(2),
        }
    }
}

/// Whether an error is a closed pipe on output (`rolecall ... | head`): a quiet success.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
