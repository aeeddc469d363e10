//! `deckhand pdf`: the slides and the handout as PDF files, printed by a headless Chromium.
//!
//! 1. Load the workshop as `build` does, and render the deck and the handout into a temporary
//!    folder (with the speaker notes when `--with-notes` asks for them, private or not).
//! 2. Print them with the browser's command line ([`browser`]): the deck through its print
//!    stylesheet (one 16:9 page per slide, every fragment shown), the handout on A4 or Letter.
//!    A large workshop is printed a few chapters at a time ([`parts`]), so that it never takes
//!    the browser long and progress shows as it goes.
//! 3. Join the parts and set the metadata: title, author, language ([`merge`]).
//! 4. Write `<slug of the title>-slides.pdf` and `<slug>-handout.pdf` into the output folder,
//!    and delete the temporary folder.

mod browser;
mod files;
mod job;
mod merge;
mod parts;
mod scratch;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};

pub use browser::{Browser, ENV_VARS, INSTALL_HINT, NAMES, NotFound};
use files::{file_url, save, size, write_site};
use job::{Job, workers};
use scratch::Scratch;

use crate::diagnostics::Diagnostics;
use crate::highlight::cache::HighlightCache;
use crate::pipeline;
use crate::render::{Fragments, RenderOptions};

/// Slides per browser run: about ten seconds of printing each.
pub const DEFAULT_PART_SLIDES: usize = 200;

/// `deckhand pdf`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct PdfArgs {
    /// The workshop folder (holding workshop.toml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Print the slides: one 16:9 page per slide, every fragment shown.
    #[arg(long)]
    pub slides: bool,
    /// Print the handout of the whole workshop, on the paper workshop.toml asks for (A4 or Letter).
    #[arg(long)]
    pub handouts: bool,
    /// Print the speaker notes in the handout, even when workshop.toml keeps them private.
    #[arg(long)]
    pub with_notes: bool,
    /// The folder to write the PDFs into [default: the output folder, i.e. DIR/public].
    #[arg(long, short, value_name = "FOLDER")]
    pub out: Option<PathBuf>,
    /// The Chromium or Chrome to print with [default: $DECKHAND_CHROME, $CHROME_PATH, or the
    /// first of chromium, chromium-browser, google-chrome, google-chrome-stable on PATH].
    #[arg(long, value_name = "PATH")]
    pub chrome: Option<PathBuf>,
    /// How many slides one browser run prints at most; larger workshops are printed in parts.
    #[arg(long, hide = true, default_value_t = DEFAULT_PART_SLIDES)]
    pub part_slides: usize,
}

/// The two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Slides,
    Handout,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Slides => "slides",
            Kind::Handout => "handout",
        }
    }

    /// What the page template sees as `page.kind`.
    fn page_kind(self) -> &'static str {
        match self {
            Kind::Slides => "deck",
            Kind::Handout => "handout",
        }
    }

    fn template(self) -> &'static str {
        match self {
            Kind::Slides => "deck.html",
            Kind::Handout => "handout.html",
        }
    }
}

/// A PDF written.
#[derive(Debug, Clone)]
pub struct Written {
    pub kind: Kind,
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// What `deckhand pdf` did.
#[derive(Debug)]
pub struct Report {
    pub written: Vec<Written>,
    /// The workshop's warnings (already told to `progress`).
    pub warnings: Diagnostics,
    /// Things the reader of the PDFs should know (e.g. a slide that took two pages).
    pub notes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The workshop does not build.
    #[error("the workshop has {}", crate::diagnostics::counted(.0.error_count(), "error"))]
    Workshop(Diagnostics),
    #[error("deckhand pdf needs Chromium or Google Chrome: {0}")]
    NoBrowser(NotFound),
    /// The arguments ask for something deckhand will not do.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// The `deckhand pdf` command: prints progress on stderr, the files written on stdout.
pub fn run(args: &PdfArgs) -> ExitCode {
    let progress = |line: &str| eprintln!("{line}");
    let print_diagnostics = |diagnostics: &Diagnostics| {
        for diagnostic in diagnostics.sorted() {
            eprintln!("{}", diagnostic.render(&args.dir));
        }
    };
    match export(args, &progress) {
        Ok(report) => {
            for note in &report.notes {
                eprintln!("note: {note}");
            }
            for written in &report.written {
                println!(
                    "Wrote {} ({} pages, {}) in {:.1} s",
                    written.path.display(),
                    written.pages,
                    size(written.bytes),
                    written.elapsed.as_secs_f64()
                );
            }
            if args.out.is_none() && !report.written.is_empty() {
                eprintln!(
                    "note: the next `deckhand build` keeps these PDFs and links them from the landing page"
                );
            }
            ExitCode::SUCCESS
        }
        Err(Error::Workshop(diagnostics)) => {
            print_diagnostics(&diagnostics);
            eprintln!(
                "error: the workshop has {}; nothing was printed",
                crate::diagnostics::counted(diagnostics.error_count(), "error")
            );
            ExitCode::FAILURE
        }
        Err(Error::NoBrowser(reason)) => {
            eprintln!("error: deckhand pdf needs Chromium or Google Chrome to print: {reason}");
            eprintln!("  = hint: {INSTALL_HINT}");
            ExitCode::FAILURE
        }
        Err(Error::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Error::Failed(err)) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// With private notes, a handout with notes must not land where the site is published: not the
/// output folder (the default), nor anything that resolves inside it (`./x/../public`,
/// `public/.`, an absolute path, a link to it).
fn refuse_published_out(
    project: &crate::project::Project,
    out: Option<&std::path::Path>,
) -> Result<(), Error> {
    let published = project.default_output();
    let inside = out.is_none_or(|out| {
        crate::output::location::resolve(out)
            .starts_with(crate::output::location::resolve(&published))
    });
    if !inside {
        return Ok(());
    }
    let chosen = match out {
        Some(out) => format!("`--out {}` is inside", out.display()),
        None => "by default the PDFs go into".to_string(),
    };
    Err(Error::Usage(format!(
        "the speaker notes are private (`[notes] private = true`), and {chosen} the output folder {}, which is what gets published; \
         send the handout with notes elsewhere with --out, e.g. `deckhand pdf --with-notes --out speaker-pdf`",
        published.display()
    )))
}

/// Print the documents `args` asks for; `progress` hears about each step.
pub fn export(args: &PdfArgs, progress: &(dyn Fn(&str) + Sync)) -> Result<Report, Error> {
    let started = Instant::now();
    let highlighter = HighlightCache::load(&HighlightCache::path_for(&args.dir));
    let mut loaded = pipeline::load(&args.dir, &highlighter).map_err(Error::Workshop)?;
    if loaded.diagnostics.has_errors() {
        return Err(Error::Workshop(loaded.diagnostics));
    }
    // Warnings first, as `build` prints them, rather than after minutes of printing.
    for warning in loaded.diagnostics.sorted() {
        progress(&warning.render(&args.dir));
    }
    let config = &loaded.project.config;
    if config.notes.private && args.with_notes {
        refuse_published_out(&loaded.project, args.out.as_deref())?;
    }
    let browser = Browser::find(args.chrome.as_deref()).map_err(Error::NoBrowser)?;
    if args.with_notes {
        loaded.project.config.handouts.notes = true;
    }
    let kinds: Vec<Kind> = match (args.slides, args.handouts) {
        (true, false) => vec![Kind::Slides],
        (false, true) => vec![Kind::Handout],
        _ => vec![Kind::Slides, Kind::Handout],
    };
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| loaded.project.default_output());
    let marked_output = args.out.is_none();

    let tera = std::sync::Arc::new(loaded.theme.tera().map_err(Error::Workshop)?);
    let options = RenderOptions {
        force_notes: args.with_notes,
        ..Default::default()
    };
    let renderer = loaded.renderer(&tera, &options, &highlighter);
    let fragments = renderer.all_fragments().map_err(Error::Workshop)?;
    let _ = highlighter.save(&HighlightCache::path_for(&args.dir));

    let scratch = Scratch::new(&loaded.project.root)?;
    write_site(&scratch.site, &loaded)?;
    let slides_per_chapter: Vec<usize> = loaded
        .workshop
        .chapters
        .iter()
        .map(|c| c.slides.len())
        .collect();
    let plan = parts::plan(&slides_per_chapter, args.part_slides);
    let total_slides: usize = slides_per_chapter.iter().sum();
    progress(&format!(
        "Printing {}, {} with {} (from {}){}",
        crate::diagnostics::counted(slides_per_chapter.len(), "chapter"),
        crate::diagnostics::counted(total_slides, "slide"),
        browser.path.display(),
        browser.found_by,
        if plan.len() > 1 {
            format!(", in {} parts per document", plan.len())
        } else {
            String::new()
        }
    ));

    // Every part's page, rendered up front: the printing threads only print.
    let mut pages: Vec<(Kind, Vec<PathBuf>)> = Vec::new();
    for &kind in &kinds {
        let mut files = Vec::new();
        for (index, part) in plan.iter().enumerate() {
            let masked: Vec<Fragments> = fragments
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    if part.chapters.contains(&i) {
                        f.clone()
                    } else {
                        Fragments::default()
                    }
                })
                .collect();
            let bytes = renderer
                .page(kind.template(), kind.page_kind(), None, &masked)
                .map_err(Error::Workshop)?;
            let mut html = String::from_utf8(bytes).context("a rendered page is not UTF-8")?;
            if plan.len() > 1 {
                html = parts::retarget_anchors(&html);
            }
            let path = scratch
                .site
                .join(format!("_print-{}-{:03}.html", kind.label(), index + 1));
            std::fs::write(&path, html)
                .with_context(|| format!("cannot write {}", path.display()))?;
            files.push(path);
        }
        pages.push((kind, files));
    }

    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("cannot create the folder {}", out_dir.display()))?;
    if marked_output && std::fs::read_dir(&out_dir).is_ok_and(|mut d| d.next().is_none()) {
        // A build may replace this folder later, as if it had made it.
        let _ = std::fs::write(
            out_dir.join(crate::output::MARKER),
            "This folder is generated by deckhand; it is replaced by each build.\n",
        );
    }
    let config = &loaded.project.config;
    let printed_from = file_url(&scratch.site)?;
    let notes_in_handout = config.handouts.notes && (args.with_notes || !config.notes.private);
    let meta = |kind: Kind| merge::Meta {
        title: config.title.clone(),
        author: config.author.clone(),
        subject: {
            let what = match kind {
                Kind::Slides => "Slides",
                Kind::Handout if notes_in_handout => "Handout with speaker notes",
                Kind::Handout => "Handout",
            };
            // The original's credit travels with the file, apart from this edition's author.
            match &config.based_on {
                Some(based_on) => format!("{what}. {}", based_on.credit()),
                None => what.to_string(),
            }
        },
        language: config.language.clone(),
        creator: concat!("deckhand ", env!("CARGO_PKG_VERSION")).into(),
        printed_from: printed_from.clone(),
        base_url: config.base_url.clone(),
    };
    let file_name = |kind: Kind| match kind {
        Kind::Slides => crate::output::pdfs::slides_name(config),
        Kind::Handout => crate::output::pdfs::handout_name(config, args.with_notes),
    };

    let job = Job {
        browser: &browser,
        plan: &plan,
        work: &scratch.work,
        progress,
        workers: workers(kinds.len()),
    };
    // Joining holds a whole document in memory: one at a time.
    let joining = Mutex::new(());
    let finish = |kind: Kind, parts: Vec<PathBuf>| -> anyhow::Result<Written> {
        let _turn = joining.lock().unwrap_or_else(|e| e.into_inner());
        let mut doc = merge::merge(parts.iter().map(|part| merge::load(part)), &meta(kind))?;
        let pages = merge::page_count(&doc);
        let path = out_dir.join(file_name(kind));
        let bytes = save(&mut doc, &path)?;
        drop(doc);
        for part in parts {
            let _ = std::fs::remove_file(part);
        }
        Ok(Written {
            kind,
            path,
            pages,
            bytes,
            elapsed: Duration::ZERO,
        })
    };
    let results: Vec<anyhow::Result<Written>> = std::thread::scope(|scope| {
        let handles: Vec<_> = pages
            .iter()
            .map(|(kind, files)| {
                let (job, finish) = (&job, &finish);
                scope.spawn(move || {
                    let clock = Instant::now();
                    let parts = job.print(*kind, files)?;
                    let mut written = finish(*kind, parts)?;
                    written.elapsed = clock.elapsed();
                    Ok(written)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow!("a printing thread panicked")))
            })
            .collect()
    });

    let mut written = Vec::new();
    let mut notes = Vec::new();
    for result in results {
        let done = result?;
        if done.kind == Kind::Slides && done.pages != total_slides {
            notes.push(format!(
                "the slides PDF has {} pages for {total_slides} slides: a slide that is too tall for its page takes two",
                done.pages
            ));
        }
        written.push(done);
    }
    progress(&format!(
        "Printed in {:.1} s",
        started.elapsed().as_secs_f64()
    ));
    Ok(Report {
        written,
        warnings: loaded.diagnostics,
        notes,
    })
}
