//! `rolecall [classify]`: read, classify in parallel, write in input order.
//!
//! A reader thread turns inputs into chunks of raw records (bounded in count and bytes); the
//! rayon pool parses, classifies and renders each chunk; the main thread writes the rendered
//! records in order. At most a few chunks are alive at once, so memory stays flat on a stream
//! of any length.

use crate::args::{ClassifyArgs, ColorChoice, Format};
use crate::exit::Exit;
use crate::output::{self, Rendered, Sink};
use crate::summary::Summary;
use anyhow::{bail, Context};
use rayon::prelude::*;
use rolecall::input::{Input, ParseOptions, RawRecord, ReadOptions, Records};
use rolecall::Classifier;
use std::io::IsTerminal;
use std::sync::mpsc::sync_channel;

/// Records per chunk handed to the workers.
const CHUNK_RECORDS: usize = 1024;
/// Bytes per chunk handed to the workers.
const CHUNK_BYTES: usize = 4 * 1024 * 1024;

/// Everything the workers and the writer need, built from the arguments.
pub struct Config {
    pub classifier: Classifier,
    pub inputs: Vec<Input>,
    pub format: Format,
    pub parse: ParseOptions,
    pub read: ReadOptions,
    pub threads: usize,
    pub summary: bool,
    pub quiet: bool,
    pub evidence: bool,
    /// Colour the marked text (`--color`).
    pub ansi: bool,
}

impl Config {
    fn from_args(args: ClassifyArgs) -> anyhow::Result<Config> {
        let classifier = match &args.lexicon {
            Some(dir) => Classifier::from_dir(dir).with_context(|| {
                format!("cannot load the lexicon in {} (--lexicon)", dir.display())
            })?,
            None => Classifier::default(),
        };
        let inputs: Vec<Input> = if args.paths.is_empty() {
            if std::io::stdin().is_terminal() {
                bail!(
                    "no input: name files or directories, or pipe a posting into stdin \
                     (rolecall --help shows how)"
                );
            }
            vec![Input::Stdin]
        } else {
            args.paths
                .iter()
                .map(|p| {
                    if p.as_os_str() == "-" {
                        Input::Stdin
                    } else {
                        Input::Path(p.clone())
                    }
                })
                .collect()
        };
        if inputs.iter().filter(|i| **i == Input::Stdin).count() > 1 {
            bail!("stdin ('-') can be read only once");
        }
        if args.max_bytes == 0 {
            bail!("--max-bytes must be at least 1");
        }
        let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Jsonl
        });
        let threads = match args.threads {
            Some(0) => bail!("-j/--threads must be at least 1"),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Ok(Config {
            classifier,
            inputs,
            format,
            parse: ParseOptions {
                title: args.title,
                text_field: args.text_field,
                title_field: args.title_field,
                id_field: args.id_field,
                max_bytes: args.max_bytes,
            },
            // Raw HTML or JSON carries markup around the text: read a few times the text limit.
            read: ReadOptions {
                max_record_bytes: args.max_bytes.saturating_mul(4),
            },
            threads,
            summary: args.summary,
            quiet: args.quiet,
            evidence: !args.no_evidence,
            ansi: match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            },
        })
    }
}

/// Runs the classification.
pub fn run(args: ClassifyArgs) -> anyhow::Result<Exit> {
    let config = Config::from_args(args)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .context("cannot start the worker threads")?;
    let (tx, rx) = sync_channel::<Vec<RawRecord>>(2);
    let inputs = config.inputs.clone();
    let read = config.read.clone();
    std::thread::spawn(move || {
        let mut records = Records::new(inputs, read);
        loop {
            let mut chunk = Vec::new();
            let mut bytes = 0;
            for r in records.by_ref() {
                bytes += output::payload_len(&r);
                chunk.push(r);
                if chunk.len() >= CHUNK_RECORDS || bytes >= CHUNK_BYTES {
                    break;
                }
            }
            if chunk.is_empty() || tx.send(chunk).is_err() {
                return;
            }
        }
    });

    let progress = progress_bar(config.quiet || std::io::stdout().is_terminal());
    let mut sink = Sink::new(config.format)?;
    let mut summary = Summary::default();
    for chunk in rx {
        let rendered: Vec<Rendered> = pool.install(|| {
            chunk
                .par_iter()
                .map(|r| output::process(r, &config))
                .collect()
        });
        for r in rendered {
            report(&r, config.quiet);
            summary.add(&r);
            sink.write(&r)?;
        }
        progress.set_position(summary.records as u64);
        progress.set_message(format!("{} errors", summary.errors));
    }
    progress.finish_and_clear();
    sink.finish(&summary)?;
    if config.summary && config.format != Format::Summary {
        eprint!("{}", summary.render());
    }
    Ok(if summary.errors > 0 {
        Exit::SomeFailed
    } else {
        Exit::Ok
    })
}

/// Errors always, warnings unless `--quiet`, one line each on stderr.
fn report(r: &Rendered, quiet: bool) {
    if let Some(e) = &r.error {
        eprintln!("rolecall: {e}");
    }
    if !quiet {
        for w in &r.warnings {
            eprintln!("rolecall: warning: {}: {w}", r.id);
        }
    }
}

fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {pos} postings, {msg} [{elapsed}]")
    {
        bar.set_style(style);
    }
    bar
}
