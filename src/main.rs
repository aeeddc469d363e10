//! The `deckhand` command line.

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use deckhand::diagnostics::{Diagnostics, counted};
use deckhand::pipeline::{self, BuildOptions};

#[derive(Parser)]
#[command(
    name = "deckhand",
    version,
    about = "Turn a workshop of Markdown chapters and YAML samples into a static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site (slides, speaker view, handouts, samples) into the output folder.
    Build {
        /// The workshop folder (holding workshop.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Where to write the site [default: `output` from workshop.toml, i.e. DIR/public].
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// The URL the site will be published at (used for canonical links only).
        #[arg(long)]
        base_url: Option<String>,
        /// Print how long each step took.
        #[arg(long)]
        timings: bool,
    },
    /// Check the workshop and print every problem, without writing anything.
    Check {
        /// The workshop folder (holding workshop.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also say how each sample was read: YAML recognised as something other than an API
        /// object (kustomize, kind, templates…), custom resources and their schemas.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Serve the site with live reload and the presenter channel (nothing is written to disk).
    Serve {
        /// The workshop folder (holding workshop.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(long, short, default_value_t = 8000)]
        port: u16,
        /// The address to listen on; 0.0.0.0 exposes the site to your network.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Open the presenter's deck in your browser.
        #[arg(long)]
        open: bool,
        /// Also answer to this host name (repeatable); by default the server answers only to
        /// its address, localhost, and this machine's name.
        #[arg(long, value_name = "NAME")]
        allow_host: Vec<String>,
        /// Close connections that stay silent this long, in seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = deckhand::serve::connection::DEFAULT_IDLE.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
        idle_timeout: u64,
    },
    /// Print the slides and the handout to PDF with a headless Chromium.
    Pdf(deckhand::pdf::PdfArgs),
    /// Make a workshop of an existing reveal.js, reveal-md or remark deck, then build it.
    Import {
        /// The deck: a Markdown file, an HTML page, or a deck manifest (YAML with `content:`).
        source: PathBuf,
        /// The new workshop's folder (new or empty).
        #[arg(long, short)]
        out: PathBuf,
        /// One chapter per file of a manifest, rather than per top-level entry.
        #[arg(long)]
        chapter_per_file: bool,
        /// The dialect of a Markdown file, rather than guessed from its constructs.
        #[arg(long, value_parser = ["reveal", "remark"])]
        syntax: Option<String>,
    },
    /// Start a new workshop in a new folder.
    New {
        /// The folder to create (with --update-theme: the workshop folder, default `.`).
        #[arg(required_unless_present = "update_theme")]
        name: Option<PathBuf>,
        /// Also copy the built-in templates and static files, to make your own theme.
        #[arg(long)]
        with_theme: bool,
        /// In a workshop made with --with-theme: replace the copied theme files you never
        /// changed by this version's, and list the ones you changed (left alone).
        #[arg(long, conflicts_with = "with_theme")]
        update_theme: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            dir,
            out,
            base_url,
            timings,
        } => build(
            &dir,
            BuildOptions {
                out,
                base_url,
                ..Default::default()
            },
            timings,
        ),
        Command::Check { dir, verbose } => check(&dir, verbose),
        Command::Import {
            source,
            out,
            chapter_per_file,
            syntax,
        } => import(&deckhand::import::Options {
            source,
            out,
            chapter_per_file,
            syntax: syntax.map(|s| {
                if s == "remark" {
                    deckhand::dialect::Syntax::Remark
                } else {
                    deckhand::dialect::Syntax::Reveal
                }
            }),
        }),
        Command::New {
            name,
            update_theme: true,
            ..
        } => update_theme(&name.unwrap_or_else(|| PathBuf::from("."))),
        Command::New {
            name, with_theme, ..
        } => new(&name.unwrap_or_default(), with_theme),
        Command::Pdf(args) => deckhand::pdf::run(&args),
        Command::Serve {
            dir,
            port,
            host,
            open,
            allow_host,
            idle_timeout,
        } => {
            let options = deckhand::serve::ServeOptions {
                host,
                port,
                open,
                allow_hosts: allow_host,
                idle: std::time::Duration::from_secs(idle_timeout),
            };
            match deckhand::serve::serve(&dir, options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("error: {err:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn build(dir: &Path, options: BuildOptions, timings: bool) -> ExitCode {
    match pipeline::build(dir, &options) {
        Ok(report) => {
            print_diagnostics(dir, &report.warnings);
            if timings {
                for (step, time) in &report.timings {
                    eprintln!("  {step:<8} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                }
            }
            println!(
                "Built {}, {}, {}, {} in {} ms into {}",
                counted(report.chapters, "chapter"),
                counted(report.slides, "slide"),
                counted(report.samples, "sample"),
                counted(report.warnings.warning_count(), "warning"),
                report.elapsed.as_millis(),
                report.out.display()
            );
            println!(
                "Open {} in a browser, or run `deckhand serve` to present.",
                report.out.join("index.html").display()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(dir, &diagnostics);
            eprintln!(
                "error: the build failed with {}; nothing was written and the previous output is unchanged",
                counted(diagnostics.error_count(), "error")
            );
            ExitCode::FAILURE
        }
    }
}

fn import(options: &deckhand::import::Options) -> ExitCode {
    let here = Path::new(".");
    match deckhand::import::import(options) {
        Ok(report) => {
            print!("{}", report.summary(options));
            build(&options.out, BuildOptions::default(), false)
        }
        Err(diagnostics) => {
            print_diagnostics(here, &diagnostics);
            eprintln!("error: nothing was imported and nothing was written");
            ExitCode::FAILURE
        }
    }
}

fn check(dir: &Path, verbose: bool) -> ExitCode {
    let (diagnostics, notes) = pipeline::check_with_notes(dir);
    if verbose {
        for note in &notes {
            eprintln!("{}", note.render(dir));
        }
    }
    print_diagnostics(dir, &diagnostics);
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    if errors > 0 {
        eprintln!(
            "{}, {}",
            counted(errors, "error"),
            counted(warnings, "warning")
        );
        ExitCode::FAILURE
    } else {
        println!("No errors, {}.", counted(warnings, "warning"));
        ExitCode::SUCCESS
    }
}

fn new(name: &Path, with_theme: bool) -> ExitCode {
    match deckhand::scaffold::new_workshop(name, with_theme) {
        Ok(()) => {
            println!("Created the workshop {}.", name.display());
            println!(
                "Next: `deckhand serve {0}` to preview it, or `deckhand build {0}` to write the site.",
                name.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn update_theme(dir: &Path) -> ExitCode {
    match deckhand::theming::manifest::update(dir) {
        Ok(done) => {
            let list = |what: &str, files: &[String]| {
                println!("{what} ({}):", files.len());
                for file in files {
                    println!("  {file}");
                }
            };
            list("Refreshed, as you never changed them", &done.refreshed);
            list(
                "Left alone, as you changed them (merge the built-in changes by hand)",
                &done.kept,
            );
            if !done.added.is_empty() {
                list("Added, new in the built-in theme", &done.added);
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Every problem, sorted by file and position, on stderr.
fn print_diagnostics(dir: &Path, diagnostics: &Diagnostics) {
    for diagnostic in diagnostics.sorted() {
        eprintln!("{}", diagnostic.render(dir));
    }
}
