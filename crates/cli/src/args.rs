//! The command line as clap sees it. Only parsing and validation live here; `Config` builds the
//! real objects.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// rolecall: read job postings and say what the data job really is.
///
/// Scores each posting against Data Engineer, Data Scientist, ML Engineer and Data Analyst,
/// flags hybrids, hidden Full Stack Data Scientists (FSDS) and title/body mismatches, and shows
/// the evidence for every call.
#[derive(Debug, Parser)]
#[command(name = "rolecall", version, args_conflicts_with_subcommands = true)]
#[command(
    after_help = "Exit codes: 0 every input was classified; 1 some inputs failed (the rest \
was written); 2 usage error or nothing could run.\n\nExamples:\n  rolecall posting.txt\n  \
pbpaste | rolecall --title 'Data Scientist'\n  pbpaste | rolecall --format marked\n  \
rolecall postings/ --format csv > out.csv\n  rolecall dump.jsonl.gz --summary > verdicts.jsonl\n  \
rolecall feed.xml --format csv > out.csv   (an Indeed, RSS or Atom job feed)\n\n\
Inputs: .txt, .md, .html (one posting); .jsonl, .json, .csv, .tsv, .xml/.rss/.atom (one per \
record); any of them .gz; others sniffed."
)]
pub struct Cli {
    /// What to do; without a subcommand, rolecall classifies.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Classification options (the default command).
    #[command(flatten)]
    pub classify: ClassifyArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Classify postings (the default).
    Classify(ClassifyArgs),
    /// Measure accuracy on labelled postings (LABELS.md format) against baselines.
    Eval(EvalArgs),
    /// Work on the lexicon.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
}

/// `rolecall lexicon ...`
#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Load and validate a lexicon directory (or the built-in one) and print its size.
    Check {
        /// The directory; without it, the built-in lexicon.
        dir: Option<PathBuf>,
    },
    /// Rank candidate terms from labelled postings that the lexicon lacks.
    Suggest(SuggestArgs),
    /// Print every body term of a lexicon directory (or the built-in one), one a line.
    Terms {
        /// The directory; without it, the built-in lexicon.
        dir: Option<PathBuf>,
        /// Print every string the matcher looks for instead: each term in each of its
        /// spellings (British or American, either apostrophe, a plural phrase in the singular),
        /// hyphens read as spaces, once; a phrase with a gap ("deploy ... model") by its head.
        #[arg(long)]
        spellings: bool,
    },
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per posting (JSON Lines).
    Jsonl,
    /// One JSON array of all postings.
    Json,
    /// Flat CSV, one row per posting, safe to open in a spreadsheet.
    Csv,
    /// A readable block per posting.
    Table,
    /// The readable block, then the posting's text with every phrase that counted marked
    /// where it stands, `[phrase]{role weight}`, and every section heading, `{§ section}`.
    Marked,
    /// Only the batch summary.
    Summary,
}

/// Options of `rolecall [classify]`.
#[derive(Debug, clap::Args)]
pub struct ClassifyArgs {
    /// Files or directories to classify; `-` is stdin. Without any, stdin is read.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: table on a terminal, jsonl otherwise].
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// The title of a single posting read from stdin or a text file. Without it, a text file's
    /// first line is its title, and so is stdin's first line when it names a job.
    #[arg(long)]
    pub title: Option<String>,
    /// After the records, print the batch summary (to stderr, so stdout stays machine-readable).
    #[arg(long)]
    pub summary: bool,
    /// Number of worker threads [default: the number of cores].
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// A lexicon directory whose files replace the built-in ones of the same name.
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// The field or column holding the posting text (in JSON, a dotted path such as
    /// `job.description` reaches into nested objects).
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,
    /// The field or column holding the title.
    #[arg(long, value_name = "NAME")]
    pub title_field: Option<String>,
    /// The field or column holding the id.
    #[arg(long, value_name = "NAME")]
    pub id_field: Option<String>,
    /// Postings longer than this many bytes are cut, with a warning.
    #[arg(long, value_name = "BYTES", default_value_t = 4 * 1024 * 1024)]
    pub max_bytes: usize,
    /// No progress bar and no warnings on stderr (errors are still reported).
    #[arg(short, long)]
    pub quiet: bool,
    /// Leave the evidence list out of JSON output (smaller records).
    #[arg(long)]
    pub no_evidence: bool,
    /// Colour in `--format marked`: `auto` on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless the NO_COLOR environment variable is set.
    Auto,
    /// Always (for `less -R`).
    Always,
    /// Never.
    Never,
}

/// Options of `rolecall eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Labelled postings: JSONL with `title`, `text`, `primary`, `roles`, `fsds`, `title_role`.
    #[arg(value_name = "GOLD")]
    pub gold: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// List the misclassified postings with their evidence.
    #[arg(long)]
    pub errors: bool,
    /// A lexicon directory to evaluate instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Also run the baselines' predictions from this JSONL file (`id`, `primary`, `fsds`), as
    /// written by `benches/baseline/tfidf_baseline.py`.
    #[arg(long, value_name = "FILE")]
    pub baseline: Vec<PathBuf>,
    /// Also score each source (the gold records' `source` field, one job board's dump) alone:
    /// how much the figures vary from board to board.
    #[arg(long)]
    pub by_source: bool,
    /// Also give a 95% interval for each headline figure, and for rolecall's lead over each
    /// other system, from this many bootstrap resamples of the gold postings (0: none).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub bootstrap: usize,
    /// The seed of the bootstrap resampling: the same seed gives the same intervals.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Options of `rolecall lexicon suggest`.
#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// Labelled postings (LABELS.md format).
    #[arg(value_name = "GOLD")]
    pub gold: PathBuf,
    /// The role to find terms for (de, ds, mle, analyst), or `none`: duties of the non-data
    /// postings, for `nondata.txt`.
    #[arg(long)]
    pub role: String,
    /// How many candidates to print.
    #[arg(short = 'n', long, default_value_t = 40)]
    pub top: usize,
    /// Terms must occur in at least this many postings.
    #[arg(long, default_value_t = 3)]
    pub min_docs: usize,
}
