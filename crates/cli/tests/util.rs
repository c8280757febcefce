//! A small builder around the real binary, and the output schema pinned by typed structs.

use serde::Deserialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root, where `fixtures/` lives.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("fixtures/postings").join(name)
}

/// The result of one run.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Every stdout line as a record (verdict or error), schema-checked.
    pub fn records(&self) -> Vec<Record> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("line does not fit the schema: {e}\n{l}"))
            })
            .collect()
    }
}

/// Runs `rolecall` with `args` and optional stdin.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    run_until(args, stdin, None).expect("no deadline")
}

/// Runs the binary as [`run`] does, killing it at `deadline`: `None` when it ran that long, so
/// that a test of a hang fails at its limit instead of hanging the suite.
pub fn run_until(
    args: &[&str],
    stdin: Option<&[u8]>,
    deadline: Option<std::time::Instant>,
) -> Option<Output> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rolecall"));
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    if let Some(deadline) = deadline {
        // Drain the pipes while waiting, so a full pipe does not stall the child.
        let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                if let Some(mut p) = pipe {
                    let _ = p.read_to_end(&mut buf);
                }
                buf
            })
        };
        let out = drain(child.stdout.take().map(|p| Box::new(p) as _));
        let err = drain(child.stderr.take().map(|p| Box::new(p) as _));
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return Some(Output {
                    code: status.code().unwrap_or(-1),
                    stdout: String::from_utf8(out.join().unwrap()).expect("stdout is UTF-8"),
                    stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
                });
            }
            if std::time::Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
    let out = child.wait_with_output().unwrap();
    Some(Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// One output record: a verdict or an error.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Record {
    Verdict(Box<Verdict>),
    Error(ErrorRecord),
}

impl Record {
    pub fn verdict(&self) -> &Verdict {
        match self {
            Record::Verdict(v) => v,
            Record::Error(e) => panic!("expected a verdict, got error {e:?}"),
        }
    }

    pub fn error(&self) -> &ErrorRecord {
        match self {
            Record::Error(e) => e,
            Record::Verdict(v) => panic!("expected an error, got verdict for {}", v.id),
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Record::Verdict(v) => &v.id,
            Record::Error(e) => &e.id,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorRecord {
    pub id: String,
    pub source: String,
    #[serde(default)]
    pub line: Option<u64>,
    pub error: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    pub id: String,
    pub title: String,
    pub primary: String,
    pub primary_rule: String,
    pub labels: Vec<String>,
    pub scores: Scores,
    pub fsds: Fsds,
    pub title_role: String,
    pub mismatch: bool,
    pub stages: Vec<String>,
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    pub de: Score,
    pub ds: Score,
    pub mle: Score,
    pub analyst: Score,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub strength: f64,
    pub share: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fsds {
    pub flag: bool,
    pub confidence: f64,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    pub rule: String,
    pub weight: f64,
    pub detail: String,
    pub terms: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub term: String,
    pub role: String,
    pub start: usize,
    pub end: usize,
    pub section: String,
    pub weight: f64,
}

/// A temporary directory with helpers to write files.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        p.display().to_string()
    }

    pub fn root(&self) -> String {
        self.tmp.path().display().to_string()
    }
}

pub const DE_TEXT: &str = "You will build data pipelines with Apache Airflow and Kafka into our Snowflake data warehouse.";
pub const DS_TEXT: &str = "You will design A/B tests, build predictive models with scikit-learn and apply causal inference.";
