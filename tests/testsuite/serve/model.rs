//! The dev server's model, as a property: after any sequence of file events, what it serves is
//! what `deckhand build` makes from the same files.
//!
//! Each case starts from the small workshop and applies random steps to chapters, samples,
//! images, theme files, `workshop.toml` and an included script outside `content/`: writes of
//! good, edited, broken and fixed contents, creations, deletions, renames (of files and of a
//! folder), atomic saves (write a temporary file, rename it over), Vim-style saves (move the file
//! to `file~`, write it anew, remove the backup) and editors' backup files. The events each step
//! makes reach the server's builder (the same [`Engine`] `deckhand serve` runs, filtered as its
//! watcher filters them) late and in random batches, and it rebuilds at random moments, so it
//! sometimes reads a newer state than the events it has. At every quiet point (every event
//! delivered), the site is compared, page by page and for presenters and followers, with a
//! fresh build: [`pipeline::render`], which `deckhand build` writes to disk, with the dev
//! server's render options; or, when the fresh build fails, the builder must fail with the same
//! problems and keep serving the last good site.
//!
//! CI runs a bounded number of cases with a fixed seed. For a longer run:
//! `DECKHAND_MODEL_CASES=2000 cargo test --release --test testsuite serve::model -- --nocapture`
//! (add `DECKHAND_MODEL_SEED=<n>` for another sequence of cases).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use deckhand::diagnostics::Diagnostics;
use deckhand::highlight::cache::HighlightCache;
use deckhand::pipeline;
use deckhand::render::MemorySink;
use deckhand::serve::engine::{Changes, Engine, render_options};
use deckhand::serve::site::{Audience, Found, Site};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

use crate::support::Workshop;

/// The files the steps touch, relative to the workshop folder.
const CHAPTERS: &[&str] = &[
    "content/01-intro.md",
    "content/02-next.md",
    "content/03-extra.md",
    "content/04-later.md",
];
const BACKUPS: &[&str] = &[
    "content/01-intro.md~",
    "content/#02-next.md#",
    "content/.01-intro.md.swp",
    "content/samples/intro/pod.yaml.orig",
];
const SAMPLES: &[&str] = &[
    "content/samples/intro/pod.yaml",
    "content/samples/intro/service.yaml",
    "content/samples/next/config.yaml",
];
const IMAGES: &[&str] = &["content/images/pod.svg", "content/images/photo.svg"];
const THEME: &[&str] = &[
    "static/css/extra.css",
    "static/css/deck.css",
    "templates/index.html",
];
const SCRIPT: &str = "scripts/run.sh";

/// A file's kind, which decides the contents a step may write to it.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Chapter,
    Sample,
    Image,
    Css,
    Template,
    Settings,
    Script,
}

fn kind_of(path: &str) -> Kind {
    match path {
        p if p.ends_with(".md")
            || p.ends_with("md~")
            || p.ends_with('#')
            || p.ends_with(".swp") =>
        {
            Kind::Chapter
        }
        p if p.contains(".yaml") => Kind::Sample,
        p if p.ends_with(".svg") => Kind::Image,
        p if p.ends_with(".css") => Kind::Css,
        p if p.ends_with(".html") => Kind::Template,
        "workshop.toml" => Kind::Settings,
        _ => Kind::Script,
    }
}

const INTRO: &str = include_str!("../../fixtures/small/content/01-intro.md");
const NEXT: &str = include_str!("../../fixtures/small/content/02-next.md");
const POD: &str = include_str!("../../fixtures/small/content/samples/intro/pod.yaml");
const SVG: &str = include_str!("../../fixtures/small/content/images/pod.svg");
const SETTINGS: &str = include_str!("../../fixtures/small/workshop.toml");

/// The `n`-th content a file of `kind` may be given: good ones, edits, and broken ones.
fn contents(kind: Kind, n: usize) -> String {
    let chapter = |title: &str, body: &str| {
        format!("+++\ntitle = \"{title}\"\nduration = 10\n+++\n\n# {title}\n\n{body}\n")
    };
    let options: Vec<String> = match kind {
        Kind::Chapter => vec![
            INTRO.to_string(),
            NEXT.to_string(),
            INTRO.replace("Welcome.", "Welcome, edited."),
            INTRO.replace("title = \"Intro\"", "title = \"Introduction\"").replace("duration = 10", "duration = 15"),
            // Same front matter, different slides (and a slide title that the contents list).
            NEXT.replace("## Pods", "## Pods and more\n\nA new line.\n\n---\n\n## Another slide"),
            chapter("Extra", "Some text.\n\nNote:\nA long enough note to be looked for by the leak check."),
            chapter("Retitled", "Links to ![a photo](images/photo.svg)."),
            chapter("Includes", "```yaml\n{{#include samples/next/config.yaml}}\n```"),
            chapter("Script", "```bash\n{{#include ../scripts/run.sh}}\n```"),
            // Broken: front matter never closed; an include that is missing; a bad slide id.
            "+++\ntitle = \"Broken\"\n".to_string(),
            chapter("Missing", "```yaml\n{{#include samples/intro/nope.yaml}}\n```"),
            chapter("Bad id", "<!-- .slide: id=\"bad id\" -->\nText."),
        ],
        Kind::Sample => vec![
            POD.to_string(),
            POD.replace("name: web\n", "name: app\n"),
            // The same length as the first: only the bytes differ.
            POD.replace("nginx:1.27.3", "nginx:1.27.4"),
            POD.replace("# ANCHOR_END: meta\n", ""),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: demo\n".into(),
            "kind: [unclosed\n".into(),
        ],
        Kind::Image => vec![SVG.to_string(), SVG.replace("#e0f2fe", "#fee2e2")],
        Kind::Css => vec!["a { color: teal; }\n".into(), "/* nothing */\n".into()],
        Kind::Template => vec![
            "{% extends \"layout.html\" %}\n{% block body %}<main id=\"main\"><h1>{{ workshop.title }}</h1>{% for c in chapters %}<p>{{ c.title }}: {{ c.slide_count }}</p>{% endfor %}</main>{% endblock body %}\n".into(),
            "{% extends \"layout.html\" %}\n{% block body %}{{ workshop.titel }}{% endblock body %}\n".into(),
        ],
        Kind::Settings => vec![
            SETTINGS.to_string(),
            SETTINGS.replace("Small workshop", "A renamed workshop"),
            SETTINGS.replace("planned_minutes = 30", "planned_minutes = 90"),
            SETTINGS.to_string() + "\n[notes]\nprivate = true\n",
            SETTINGS.replace("title = \"Small workshop\"", "title = \"Small workshop"),
        ],
        Kind::Script => vec!["echo one\n".into(), "echo two\n".into()],
    };
    options[n % options.len()].clone()
}

/// One thing a person or an editor does to the files.
#[derive(Debug, Clone)]
enum Step {
    Write(&'static str, usize),
    Remove(&'static str),
    Rename(&'static str, &'static str),
    /// Write a temporary file beside it, then rename it over the file.
    AtomicSave(&'static str, usize),
    /// Vim's default: the file moved to `file~`, written anew, the backup removed.
    VimSave(&'static str, usize),
    /// A sample folder renamed (and back, the next time).
    RenameFolder,
    /// A typo fixed: the same number of bytes, one of them different (the `n`-th possible fix).
    Retype(&'static str, usize),
}

/// Same-length edits a typo fix makes, either way.
const TYPOS: &[(&str, &str)] = &[
    ("nginx:1.27.3", "nginx:1.27.4"),
    ("Welcome.", "Welcome!"),
    ("#e0f2fe", "#e0f2ff"),
    ("teal", "pink"),
    ("echo", "Echo"),
    ("Pods", "Pads"),
    ("title = \"Next\"", "title = \"Nest\""),
    ("## Its metadata", "## Its metadate"),
];

fn step() -> impl Strategy<Value = Step> {
    let any_of = |paths: &'static [&'static str]| prop::sample::select(paths.to_vec());
    prop_oneof![
        4 => (any_of(CHAPTERS), 0..16usize).prop_map(|(p, n)| Step::Write(p, n)),
        2 => (any_of(CHAPTERS), 0..16usize).prop_map(|(p, n)| Step::AtomicSave(p, n)),
        2 => (any_of(CHAPTERS), 0..16usize).prop_map(|(p, n)| Step::VimSave(p, n)),
        1 => any_of(CHAPTERS).prop_map(Step::Remove),
        1 => (any_of(CHAPTERS), any_of(CHAPTERS)).prop_map(|(a, b)| Step::Rename(a, b)),
        1 => (any_of(BACKUPS), 0..16usize).prop_map(|(p, n)| Step::Write(p, n)),
        4 => (any_of(SAMPLES), 0..12usize).prop_map(|(p, n)| Step::Write(p, n)),
        1 => any_of(SAMPLES).prop_map(Step::Remove),
        1 => (any_of(SAMPLES), any_of(SAMPLES)).prop_map(|(a, b)| Step::Rename(a, b)),
        1 => Just(Step::RenameFolder),
        3 => (any_of(SAMPLES), 0..4usize).prop_map(|(p, n)| Step::Retype(p, n)),
        3 => (any_of(CHAPTERS), 0..4usize).prop_map(|(p, n)| Step::Retype(p, n)),
        1 => (any_of(IMAGES), 0..4usize).prop_map(|(p, n)| Step::Retype(p, n)),
        1 => (any_of(THEME), 0..4usize).prop_map(|(p, n)| Step::Retype(p, n)),
        1 => (0..4usize).prop_map(|n| Step::Retype(SCRIPT, n)),
        1 => (any_of(IMAGES), 0..4usize).prop_map(|(p, n)| Step::Write(p, n)),
        1 => any_of(IMAGES).prop_map(Step::Remove),
        1 => (any_of(THEME), 0..4usize).prop_map(|(p, n)| Step::Write(p, n)),
        1 => any_of(THEME).prop_map(Step::Remove),
        1 => (0..8usize).prop_map(|n| Step::Write("workshop.toml", n)),
        2 => (0..4usize).prop_map(|n| Step::Write(SCRIPT, n)),
    ]
}

/// A step, and what happens after it: `deliver` of the events queued so far reach the builder
/// (as a fraction), and whether it then rebuilds.
#[derive(Debug, Clone)]
struct Moment {
    step: Step,
    deliver: u8,
    rebuild: bool,
}

fn moments() -> impl Strategy<Value = Vec<Moment>> {
    prop::collection::vec(
        (step(), any::<u8>(), prop::bool::weighted(0.4)).prop_map(|(step, deliver, rebuild)| {
            Moment {
                step,
                deliver,
                rebuild,
            }
        }),
        1..20,
    )
}

/// The small workshop, its builder, and the events not yet delivered to it.
struct Harness {
    workshop: Workshop,
    engine: Engine,
    queued: VecDeque<PathBuf>,
    delivered: Changes,
    /// The site of the last rebuild that succeeded.
    last_good: Option<Arc<Site>>,
    folder_moved: bool,
}

impl Harness {
    fn new() -> Harness {
        let workshop = Workshop::small();
        let mut engine = Engine::new(workshop.root());
        let first = engine.build_all();
        assert!(first.reload.is_some(), "the small workshop serves");
        let last_good = Some(engine.site());
        Harness {
            workshop,
            engine,
            queued: VecDeque::new(),
            delivered: Changes::new(),
            last_good,
            folder_moved: false,
        }
    }

    /// What the watcher reports of a change to `rel`: nothing for what it ignores.
    fn event(&mut self, rel: &str) {
        let rel = PathBuf::from(rel);
        let outside = self.engine.outside_inputs();
        if deckhand::serve::watch::is_source(&rel) || outside.contains(&rel) {
            self.queued.push_back(rel);
        }
    }

    fn apply(&mut self, step: &Step) {
        for path in self.perform(step) {
            self.event(&path);
        }
    }

    /// Do `step` to the files; the paths it touched, in order.
    fn perform(&mut self, step: &Step) -> Vec<String> {
        let w = &self.workshop;
        let mut touched: Vec<String> = Vec::new();
        match *step {
            Step::Write(path, n) => {
                w.write(path, contents(kind_of(path), n));
                touched.push(path.to_string());
            }
            Step::Remove(path) => {
                if w.path(path).exists() {
                    std::fs::remove_file(w.path(path)).unwrap();
                    touched.push(path.to_string());
                }
            }
            Step::Rename(from, to) => {
                if from != to && w.path(from).exists() {
                    std::fs::create_dir_all(w.path(to).parent().unwrap()).unwrap();
                    std::fs::rename(w.path(from), w.path(to)).unwrap();
                    touched.push(from.to_string());
                    touched.push(to.to_string());
                }
            }
            Step::AtomicSave(path, n) => {
                let name = Path::new(path).file_name().unwrap().to_string_lossy();
                let temp = format!(
                    "{}/.{name}.tmp",
                    Path::new(path).parent().unwrap().display()
                );
                w.write(&temp, contents(kind_of(path), n));
                touched.push(temp.to_string());
                std::fs::rename(w.path(&temp), w.path(path)).unwrap();
                touched.push(temp.to_string());
                touched.push(path.to_string());
            }
            Step::VimSave(path, n) => {
                let backup = format!("{path}~");
                if w.path(path).exists() {
                    std::fs::rename(w.path(path), w.path(&backup)).unwrap();
                    touched.push(path.to_string());
                    touched.push(backup.to_string());
                }
                w.write(path, contents(kind_of(path), n));
                touched.push(path.to_string());
                if w.path(&backup).exists() {
                    std::fs::remove_file(w.path(&backup)).unwrap();
                    touched.push(backup.to_string());
                }
            }
            Step::Retype(path, n) => {
                if let Ok(text) = std::fs::read_to_string(w.path(path)) {
                    let fixes: Vec<String> = TYPOS
                        .iter()
                        .filter_map(|(a, b)| {
                            if text.contains(a) {
                                Some(text.replacen(a, b, 1))
                            } else if text.contains(b) {
                                Some(text.replacen(b, a, 1))
                            } else {
                                None
                            }
                        })
                        .collect();
                    if !fixes.is_empty() {
                        w.write(path, &fixes[n % fixes.len()]);
                        touched.push(path.to_string());
                    }
                }
            }
            Step::RenameFolder => {
                let (from, to) = if self.folder_moved {
                    ("content/samples/moved", "content/samples/intro")
                } else {
                    ("content/samples/intro", "content/samples/moved")
                };
                if w.path(from).is_dir() && !w.path(to).exists() {
                    std::fs::rename(w.path(from), w.path(to)).unwrap();
                    self.folder_moved = !self.folder_moved;
                    touched.push(from.to_string());
                    touched.push(to.to_string());
                }
            }
        }
        touched
    }

    /// Hand the first `share`/255 of the queued events to the builder; rebuild if asked.
    fn deliver(&mut self, share: u8, rebuild: bool) -> Result<(), TestCaseError> {
        let count = (self.queued.len() * share as usize).div_ceil(255);
        self.delivered.extend(self.queued.drain(..count));
        if rebuild && !self.delivered.is_empty() {
            self.rebuild()?;
        }
        Ok(())
    }

    fn rebuild(&mut self) -> Result<(), TestCaseError> {
        let changes = std::mem::take(&mut self.delivered);
        let outcome = self.engine.rebuild(&changes, |_| {});
        if outcome.reload.is_some() {
            self.last_good = Some(self.engine.site());
        }
        if self.queued.is_empty() {
            self.compare()?;
        }
        Ok(())
    }

    /// The quiet point's check: the builder's site (or its failure) against a fresh build.
    fn compare(&self) -> Result<(), TestCaseError> {
        let fresh = fresh_build(self.workshop.root());
        let problems = printed(self.engine.diagnostics());
        match fresh {
            Ok((sites, warnings)) => {
                prop_assert_eq!(problems, printed(&warnings), "the problems reported");
                let site = self.engine.site();
                for (who, expected) in [Audience::Presenter, Audience::Follower].iter().zip(&sites)
                {
                    let served: BTreeSet<&str> = site.paths().into_iter().collect();
                    let built: BTreeSet<&str> = expected.keys().map(String::as_str).collect();
                    prop_assert_eq!(&served, &built, "the files served to {:?}", who);
                    for (path, bytes) in expected {
                        let Some(Found::Page(chunks)) = site.get(path, *who) else {
                            return Err(TestCaseError::fail(format!("{path} is not served")));
                        };
                        let served = chunks.concat();
                        prop_assert!(
                            &served == bytes,
                            "{} served to {:?} differs from the build:\n{}",
                            path,
                            who,
                            first_difference(&served, bytes)
                        );
                    }
                }
            }
            Err(expected) => {
                prop_assert_eq!(problems, printed(&expected), "the problems reported");
                let last_good = self.last_good.as_ref().expect("the first build succeeded");
                prop_assert!(
                    Arc::ptr_eq(&self.engine.site(), last_good),
                    "the last good site is still served"
                );
            }
        }
        Ok(())
    }
}

/// A built site: each file's path and bytes.
type Files = BTreeMap<String, Vec<u8>>;

/// What `deckhand build` would make of `dir`, for presenters and followers: the files and the
/// warnings; or the problems that fail it.
fn fresh_build(dir: &Path) -> Result<([Files; 2], Diagnostics), Diagnostics> {
    let mut sites = [BTreeMap::new(), BTreeMap::new()];
    let mut warnings = Diagnostics::new();
    for (site, who) in sites
        .iter_mut()
        .zip([Audience::Presenter, Audience::Follower])
    {
        let highlighter = HighlightCache::new();
        let mut loaded = pipeline::load(dir, &highlighter)?;
        if loaded.diagnostics.has_errors() {
            return Err(loaded.diagnostics);
        }
        let mut sink = MemorySink::default();
        pipeline::render(
            &mut loaded,
            &render_options(who),
            HighlightCache::new(),
            drop,
            &mut sink,
        )?;
        *site = sink
            .files
            .into_iter()
            .map(|(p, b)| (p, b.to_vec()))
            .collect();
        warnings = loaded.diagnostics;
    }
    Ok((sites, warnings))
}

/// Problems as printed, sorted and without duplicates.
fn printed(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics
        .sorted()
        .iter()
        .map(|d| d.render(Path::new("")))
        .collect()
}

fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let around = |bytes: &[u8]| {
        String::from_utf8_lossy(&bytes[at.saturating_sub(120)..(at + 120).min(bytes.len())])
            .into_owned()
    };
    format!("served: …{}…\nbuilt:  …{}…", around(a), around(b))
}

fn number_from_env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn after_any_sequence_of_file_events_the_served_site_is_what_build_makes() {
    let cases = number_from_env("DECKHAND_MODEL_CASES", 40) as u32;
    let seed = number_from_env("DECKHAND_MODEL_SEED", 15);
    let mut runner = TestRunner::new(Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        max_shrink_iters: 200,
        ..Config::default()
    });
    let tried = std::sync::atomic::AtomicUsize::new(0);
    let result = runner.run(&moments(), |moments| {
        tried.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut harness = Harness::new();
        for moment in &moments {
            harness.apply(&moment.step);
            harness.deliver(moment.deliver, moment.rebuild)?;
        }
        // The quiet point at the end: every event delivered.
        harness.deliver(255, false)?;
        if harness.delivered.is_empty() {
            harness.compare()
        } else {
            harness.rebuild()
        }
    });
    eprintln!(
        "serve model: {} sequences tried ({cases} cases, seed {seed})",
        tried.load(std::sync::atomic::Ordering::Relaxed)
    );
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
