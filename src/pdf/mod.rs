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
mod merge;
mod parts;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};

pub use browser::{Browser, ENV_VARS, INSTALL_HINT, NAMES, NotFound};

use crate::content::CONTENT_DIR;
use crate::diagnostics::Diagnostics;
use crate::highlight::cache::HighlightCache;
use crate::pipeline;
use crate::render::{Fragments, RenderOptions, SiteRenderer};

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
    #[error("the workshop has {} error(s)", .0.error_count())]
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
            ExitCode::SUCCESS
        }
        Err(Error::Workshop(diagnostics)) => {
            print_diagnostics(&diagnostics);
            eprintln!(
                "error: the workshop has {} error(s); nothing was printed",
                diagnostics.error_count()
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
    if config.notes.private && args.with_notes && args.out.is_none() {
        return Err(Error::Usage(format!(
            "the speaker notes are private (`[notes] private = true`), and the output folder {} is what gets published; \
             say where the handout with notes should go with --out, e.g. `deckhand pdf --with-notes --out speaker-pdf`",
            loaded.project.default_output().display()
        )));
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
    let renderer = SiteRenderer::new(
        &loaded.project,
        &loaded.workshop,
        &loaded.theme,
        &tera,
        &options,
    )
    .with_highlighter(&highlighter);
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
        "Printing {} chapters, {} slides with {} (from {}){}",
        slides_per_chapter.len(),
        total_slides,
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
    let slug = match crate::content::front_matter::slugify(&config.title) {
        s if s.is_empty() => "workshop".to_string(),
        s => s,
    };
    let printed_from = file_url(&scratch.site)?;
    let notes_in_handout = config.handouts.notes && (args.with_notes || !config.notes.private);
    let meta = |kind: Kind| merge::Meta {
        title: config.title.clone(),
        author: config.author.clone(),
        subject: match kind {
            Kind::Slides => "Slides".into(),
            Kind::Handout if notes_in_handout => "Handout with speaker notes".into(),
            Kind::Handout => "Handout".into(),
        },
        language: config.language.clone(),
        creator: concat!("deckhand ", env!("CARGO_PKG_VERSION")).into(),
        printed_from: printed_from.clone(),
        base_url: config.base_url.clone(),
    };
    let file_name = |kind: Kind| match kind {
        Kind::Slides => format!("{slug}-slides.pdf"),
        Kind::Handout if args.with_notes => format!("{slug}-handout-with-notes.pdf"),
        Kind::Handout => format!("{slug}-handout.pdf"),
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

/// Printing one document, part by part.
struct Job<'a> {
    browser: &'a Browser,
    plan: &'a [parts::Part],
    work: &'a Path,
    progress: &'a (dyn Fn(&str) + Sync),
    /// Browser runs at once for the slides (the handout's parts follow each other, as each
    /// part's page numbers go on from the previous part's).
    workers: usize,
}

impl Job<'_> {
    /// Print every part of `kind` from its page in `files`; the parts' PDFs, in order.
    fn print(&self, kind: Kind, files: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
        let label = kind.label();
        let total_slides: usize = self.plan.iter().map(|p| p.slides).sum();
        let total_chapters = self.plan.last().map_or(0, |p| p.chapters.end);
        let clock = Instant::now();
        let done_slides = AtomicUsize::new(0);
        let pages_so_far = AtomicUsize::new(0);
        let report = |part: &parts::Part, pages: usize| {
            let done = done_slides.fetch_add(part.slides, Ordering::SeqCst) + part.slides;
            let chapters = if part.chapters.len() > 1 {
                format!("chapters {}–{}", part.chapters.start + 1, part.chapters.end)
            } else {
                format!("chapter {}", part.chapters.start + 1)
            };
            (self.progress)(&format!(
                "  {label}: {chapters} of {total_chapters} printed, {pages} pages; {done}/{total_slides} slides done in {:.1} s",
                clock.elapsed().as_secs_f64()
            ));
        };
        let print_part = |index: usize, browser: &mut Browser, style: Option<String>| {
            let part = &self.plan[index];
            let mut page = files[index].clone();
            if let Some(css) = style {
                let html = std::fs::read_to_string(&page)?;
                page = page.with_extension("numbered.html");
                std::fs::write(&page, parts::with_style(&html, &css))?;
            }
            let pdf = self.work.join(format!("{label}-{:03}.pdf", index + 1));
            let timeout = Duration::from_secs(180 + 3 * part.slides as u64);
            browser
                .print(&file_url(&page)?, &pdf, self.work, timeout)
                .with_context(|| format!("printing the {label}, part {}", index + 1))?;
            let pages = merge::count_pages(&pdf)?;
            anyhow::Ok((pdf, pages))
        };
        if kind == Kind::Handout || self.workers <= 1 || self.plan.len() <= 1 {
            let mut browser = self.browser.clone();
            let mut pdfs = Vec::with_capacity(self.plan.len());
            for index in 0..self.plan.len() {
                let first_page = pages_so_far.load(Ordering::SeqCst) + 1;
                let style = (kind == Kind::Handout && index > 0)
                    .then(|| parts::continuation_style(first_page));
                let (pdf, pages) = print_part(index, &mut browser, style)?;
                pages_so_far.fetch_add(pages, Ordering::SeqCst);
                report(&self.plan[index], pages);
                pdfs.push(pdf);
            }
            return Ok(pdfs);
        }
        // Slides: parts are independent, so several browsers print them at once.
        let next = AtomicUsize::new(0);
        let slots: Mutex<Vec<Option<PathBuf>>> =
            Mutex::new((0..self.plan.len()).map(|_| None).collect());
        let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
        std::thread::scope(|scope| {
            for _ in 0..self.workers.min(self.plan.len()) {
                scope.spawn(|| {
                    let mut browser = self.browser.clone();
                    loop {
                        if failure.lock().unwrap().is_some() {
                            return;
                        }
                        let index = next.fetch_add(1, Ordering::SeqCst);
                        if index >= self.plan.len() {
                            return;
                        }
                        match print_part(index, &mut browser, None) {
                            Ok((pdf, pages)) => {
                                report(&self.plan[index], pages);
                                slots.lock().unwrap()[index] = Some(pdf);
                            }
                            Err(err) => {
                                failure.lock().unwrap().get_or_insert(err);
                                return;
                            }
                        }
                    }
                });
            }
        });
        if let Some(err) = failure.into_inner().unwrap() {
            return Err(err);
        }
        slots
            .into_inner()
            .unwrap()
            .into_iter()
            .map(|pdf| pdf.ok_or_else(|| anyhow!("a part of the {label} was not printed")))
            .collect()
    }
}

/// Browser runs at once for the slides, leaving a core to the handout when both print.
fn workers(documents: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.saturating_sub(documents - 1).clamp(1, 4)
}

/// The files the printed pages load: the theme's static files, the highlighting stylesheet and
/// the content's images and samples.
fn write_site(site: &Path, loaded: &pipeline::Loaded) -> anyhow::Result<()> {
    let put = |rel: &str, bytes: &[u8]| -> anyhow::Result<()> {
        let path = site.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    };
    for (name, file) in &loaded.theme.statics {
        put(name, &file.bytes)?;
    }
    put(
        crate::render::HIGHLIGHT_CSS,
        crate::highlight::stylesheet().as_bytes(),
    )?;
    let content = loaded.project.root.join(CONTENT_DIR);
    for asset in loaded.workshop.assets() {
        let target = site.join(asset);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(content.join(asset), &target)
            .with_context(|| format!("cannot copy {}", content.join(asset).display()))?;
    }
    Ok(())
}

/// Write `doc` to `path` through a temporary file, so that a reader never sees half a PDF. Object
/// streams pack the structure tree's many small objects: the file is about half the size.
fn save(doc: &mut lopdf::Document, path: &Path) -> anyhow::Result<u64> {
    let temp = path.with_extension("pdf.part");
    let file =
        std::fs::File::create(&temp).with_context(|| format!("cannot write {}", temp.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    doc.save_modern(&mut writer)
        .and_then(|()| std::io::Write::flush(&mut writer))
        .with_context(|| format!("cannot write {}", temp.display()))?;
    drop(writer);
    std::fs::rename(&temp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(std::fs::metadata(path).map(|m| m.len()).unwrap_or(0))
}

/// The `file://` URL of a local path (made absolute).
fn file_url(path: &Path) -> anyhow::Result<String> {
    let absolute = std::path::absolute(path)?;
    let text = absolute.to_string_lossy().replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    let mut url = format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(&text, PATH)
    );
    if path.is_dir() && !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// A temporary folder holding the rendered site (`site/`) and the browser's files (`work/`),
/// removed when dropped (kept when DECKHAND_KEEP_PDF_PAGES is set, to look at the pages).
struct Scratch {
    root: PathBuf,
    site: PathBuf,
    work: PathBuf,
}

impl Scratch {
    /// In the workshop's `.deckhand/` folder when it can be made there, else in the system's
    /// temporary folder: a browser installed as a snap (Ubuntu's Chromium) has a /tmp of its own
    /// and cannot open pages in ours.
    fn new(workshop: &Path) -> anyhow::Result<Scratch> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("pdf-{}-{nanos:x}", std::process::id());
        let cache = HighlightCache::path_for(workshop)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| workshop.join(".deckhand"));
        let in_workshop = std::fs::create_dir_all(&cache).is_ok() && {
            // Keep it out of version control, as the build's cache is.
            let ignore = cache.join(".gitignore");
            ignore.exists() || std::fs::write(ignore, "*\n").is_ok()
        };
        if in_workshop {
            remove_stale(&cache);
        }
        let candidates = [
            in_workshop.then(|| cache.join(&name)),
            Some(std::env::temp_dir().join(format!("deckhand-{name}"))),
        ];
        let mut last_error = None;
        for root in candidates.into_iter().flatten() {
            let (site, work) = (root.join("site"), root.join("work"));
            match std::fs::create_dir_all(&site).and_then(|()| std::fs::create_dir_all(&work)) {
                Ok(()) => {
                    let root = root.canonicalize().unwrap_or(root);
                    return Ok(Scratch {
                        site: root.join("site"),
                        work: root.join("work"),
                        root,
                    });
                }
                Err(err) => last_error = Some(anyhow!("cannot create {}: {err}", root.display())),
            }
        }
        Err(last_error.unwrap_or_else(|| anyhow!("cannot create a temporary folder")))
    }
}

/// Folders left behind by runs that were interrupted (a day old or more).
fn remove_stale(cache: &Path) {
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(24 * 3600));
        if old && entry.file_name().to_string_lossy().starts_with("pdf-") {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if std::env::var_os("DECKHAND_KEEP_PDF_PAGES").is_none() {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}
