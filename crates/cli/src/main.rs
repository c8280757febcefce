//! The `rolecall` command: a thin layer of arguments, I/O, output formats and exit codes over
//! the `rolecall` library.

mod args;
mod bootstrap;
mod classify;
mod eval;
mod exit;
mod labelled;
mod marked;
mod output;
mod suggest;
mod summary;

use args::{Cli, Command, LexiconCommand};
use clap::Parser;
use exit::Exit;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code.into(),
        Err(err) if exit::is_broken_pipe(&err) => Exit::Ok.into(),
        Err(err) => {
            eprintln!("rolecall: {err:#}");
            Exit::Fatal.into()
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    match cli.command {
        None => classify::run(cli.classify),
        Some(Command::Classify(args)) => classify::run(args),
        Some(Command::Eval(args)) => eval::run(args),
        Some(Command::Lexicon(LexiconCommand::Check { dir })) => suggest::check(dir),
        Some(Command::Lexicon(LexiconCommand::Suggest(args))) => suggest::run(args),
        Some(Command::Lexicon(LexiconCommand::Terms { dir, spellings })) => {
            suggest::terms(dir, spellings)
        }
    }
}
