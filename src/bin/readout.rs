//! The `readout` command-line tool.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use readout::output::{self, Format};
use readout::{Document, Options};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const AFTER_HELP: &str = "\
EXAMPLES:
  readout parse ../shared/seeds --format json > seeds.json
  readout parse report.txt other.html --format csv -o directives.csv
  cat report.txt | readout parse - --format jsonl
  readout clean --warnings report.txt
  readout gen --docs 10000 --seed 1 -o corpus/

EXIT STATUS:
  0  every input was read and parsed
  1  at least one input could not be read or decoded, or held no text (its
     record carries an `error` field and a message went to stderr; the
     others are unaffected)
  2  bad arguments";

/// Readout: meeting reports in Chinese to a timeline of meetings and directives.
#[derive(Parser, Debug)]
#[command(name = "readout", version, about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse reports into document records (schema readout/1).
    ///
    /// PATH is a file, a directory (walked recursively for .txt, .html and
    /// .htm files) or `-` for standard input. Records are ordered by path;
    /// a file found in a directory is named by its path inside that directory.
    #[command(after_help = AFTER_HELP)]
    Parse {
        /// Files, directories, or `-` for standard input.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// json: one object {"schema":"readout/1","documents":[…]};
        /// jsonl: one document per line; csv: one row per directive with its
        /// meeting's fields repeated, UTF-8 with a BOM.
        #[arg(long, value_enum, default_value_t = FormatArg::Json)]
        format: FormatArg,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Refuse files larger than this many bytes (per-file error).
        #[arg(long, value_name = "BYTES", default_value_t = readout::DEFAULT_MAX_BYTES)]
        max_bytes: usize,
        /// Read at most this many meetings from one file; the rest of its
        /// text is skipped with a warning in its record.
        #[arg(long, value_name = "N", default_value_t = readout::DEFAULT_MAX_MEETINGS)]
        max_meetings: usize,
    },
    /// Print the cleaned text of reports (pinyin stripped, mojibake repaired,
    /// punctuation collapsed, boilerplate and duplicates removed).
    Clean {
        /// Files, or `-` for standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Also list every repair with its original byte span and the text
        /// before and after.
        #[arg(long)]
        warnings: bool,
        /// Refuse files larger than this many bytes.
        #[arg(long, value_name = "BYTES", default_value_t = readout::DEFAULT_MAX_BYTES)]
        max_bytes: usize,
    },
    /// Write synthetic reports (for benchmarks and load tests): every level,
    /// date form, enumeration style and noise class, in realistic
    /// proportions; the same seed always gives the same files.
    Gen {
        /// How many reports to write.
        #[arg(long, value_name = "N")]
        docs: usize,
        /// The seed; report i depends only on (seed, i).
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// The directory to write into (created if needed).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    Json,
    Jsonl,
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
        }
    }
}

/// One input to read: its bytes come from `source`, its record is named `name`.
struct Input {
    name: String,
    source: Source,
}

enum Source {
    Stdin,
    File(PathBuf),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("readout: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs a command; `Ok(false)` when some input failed.
fn run(cli: Cli) -> anyhow::Result<bool> {
    match cli.command {
        Command::Parse { paths, format, output, max_bytes, max_meetings } => {
            let opts = Options { max_bytes, max_meetings };
            let inputs = collect_inputs(&paths)?;
            let docs = parse_all(&inputs, &opts);
            let ok = docs.iter().all(|d| d.error.is_none());
            let mut sink: Box<dyn Write> = match &output {
                Some(p) => Box::new(io::BufWriter::new(
                    std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
                )),
                None => Box::new(io::BufWriter::new(io::stdout().lock())),
            };
            output::write(&mut sink, &docs, format.into()).context("cannot write the output")?;
            sink.flush().context("cannot write the output")?;
            Ok(ok)
        }
        Command::Gen { docs, seed, output } => {
            let summary = readout::gen::write_dir(&output, docs, seed)
                .with_context(|| format!("cannot write into {}", output.display()))?;
            eprint!("{summary}");
            Ok(true)
        }
        Command::Clean { files, warnings, max_bytes } => {
            let opts = Options { max_bytes, ..Options::default() };
            let inputs: Vec<Input> = files.iter().map(|p| input_for(p, p.display().to_string())).collect();
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let mut ok = true;
            for (i, input) in inputs.iter().enumerate() {
                if inputs.len() > 1 {
                    writeln!(out, "{}==> {} <==", if i > 0 { "\n" } else { "" }, input.name)?;
                }
                match clean_one(input, &opts) {
                    Ok((text, report)) => {
                        out.write_all(text.as_bytes())?;
                        if !text.ends_with('\n') {
                            writeln!(out)?;
                        }
                        if warnings {
                            out.write_all(report.as_bytes())?;
                        }
                    }
                    Err(e) => {
                        ok = false;
                        eprintln!("readout: {}: {e}", input.name);
                    }
                }
            }
            out.flush()?;
            Ok(ok)
        }
    }
}

fn input_for(path: &Path, name: String) -> Input {
    if path.as_os_str() == "-" {
        Input { name: "stdin".into(), source: Source::Stdin }
    } else {
        Input { name, source: Source::File(path.to_path_buf()) }
    }
}

/// Expands directories; a path that does not exist becomes an input whose
/// read fails, so it gets its per-file error like any other.
fn collect_inputs(paths: &[PathBuf]) -> anyhow::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found);
            found.sort();
            for f in found {
                let rel = f.strip_prefix(p).unwrap_or(&f);
                let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                inputs.push(Input { name, source: Source::File(f) });
            }
        } else {
            inputs.push(input_for(p, p.display().to_string()));
        }
    }
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(inputs)
}

fn is_report_file(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref(),
        Some("txt" | "html" | "htm")
    )
}

/// Recursively lists report files; unreadable directories are reported and skipped.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("readout: {}: cannot list directory: {e}", dir.display());
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(_) if is_report_file(&path) => out.push(path),
            _ => {}
        }
    }
}

fn read_input(input: &Input, max_bytes: usize) -> io::Result<Vec<u8>> {
    // Read at most one byte past the cap, so an oversized file is refused
    // without holding all of it.
    let limit = max_bytes as u64 + 1;
    let mut buf = Vec::new();
    match &input.source {
        Source::Stdin => io::stdin().lock().take(limit).read_to_end(&mut buf)?,
        Source::File(p) => std::fs::File::open(p)?.take(limit).read_to_end(&mut buf)?,
    };
    Ok(buf)
}

fn parse_all(inputs: &[Input], opts: &Options) -> Vec<Document> {
    inputs
        .iter()
        .map(|input| {
            let doc = match read_input(input, opts.max_bytes) {
                Ok(bytes) => readout::parse_bytes(&input.name, &bytes, opts),
                Err(e) => Document::failed(&input.name, 0, format!("cannot read the file: {e}")),
            };
            if let Some(err) = &doc.error {
                eprintln!("readout: {}: {err}", input.name);
            }
            doc
        })
        .collect()
}

/// The cleaned text of one input and, separately, its repair report.
fn clean_one(input: &Input, opts: &Options) -> Result<(String, String), String> {
    let bytes = read_input(input, opts.max_bytes).map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() > opts.max_bytes {
        return Err(format!("file is over the limit of {} bytes", opts.max_bytes));
    }
    let decoded = readout::decode::decode(&bytes, &input.name).map_err(|e| e.to_string())?;
    let cleaned = readout::clean::clean(&decoded);
    let mut report = String::new();
    report.push_str(&format!("--- {} repairs in {} (encoding {})\n", cleaned.warnings.len(), input.name, decoded.encoding));
    for w in &cleaned.warnings {
        let kind = serde_json::to_value(w.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        report.push_str(&format!("{}\t{}\t{}", w.span, kind, w.message));
        if let Some(b) = &w.before {
            report.push_str(&format!("\tbefore: {b:?}"));
        }
        if let Some(a) = &w.after {
            report.push_str(&format!("\tafter: {a:?}"));
        }
        report.push('\n');
    }
    Ok((cleaned.text, report))
}
