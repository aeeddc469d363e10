//! Printing one document, part by part, with as many browser runs at once as the machine allows.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};

use super::browser::Browser;
use super::files::file_url;
use super::{Kind, merge, parts};

/// Printing one document, part by part.
pub struct Job<'a> {
    pub browser: &'a Browser,
    pub plan: &'a [parts::Part],
    pub work: &'a Path,
    pub progress: &'a (dyn Fn(&str) + Sync),
    /// Browser runs at once for the slides (the handout's parts follow each other, as each
    /// part's page numbers go on from the previous part's).
    pub workers: usize,
}

impl Job<'_> {
    /// Print every part of `kind` from its page in `files`; the parts' PDFs, in order.
    pub fn print(&self, kind: Kind, files: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
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
pub fn workers(documents: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.saturating_sub(documents - 1).clamp(1, 4)
}
