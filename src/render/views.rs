//! What templates see: typed, serialisable views of the workshop (documented in the README's
//! theming section). Pre-rendered HTML fields end in `_html` and are used with `| safe`.

use serde::Serialize;

use crate::config::{BasedOn, Config};
use crate::content::{Chapter, Slide, Workshop};

#[derive(Debug, Clone, Serialize)]
pub struct WorkshopView<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub date: Option<&'a str>,
    /// `[based_on]`: the original's `title`, `author`, `url` and `note`, for the credit line.
    pub based_on: Option<&'a BasedOn>,
    /// With a trailing `/`, ready to prefix a page's path.
    pub base_url: Option<String>,
    /// Sum of the chapters' durations.
    pub total_minutes: u32,
    pub planned_minutes: Option<u32>,
    pub chapter_count: usize,
    pub slide_count: usize,
    pub sample_count: usize,
    /// `A4` or `letter`, for the handouts' `@page`.
    pub paper: &'static str,
    /// Whether the handouts print notes under the slides.
    pub handout_notes: bool,
    /// `samples/all-samples.zip` when there are samples.
    pub samples_archive: Option<&'static str>,
    pub generator: &'static str,
    /// Whether any chapter is written for remark (a page links `css/remark.css` only when one
    /// of *its* `chapters` is: see `ChapterInfo::remark`).
    pub remark: bool,
    /// Whether a slide has a layout or a styled fragment: the deck then loads `css/layouts.css`.
    pub layouts: bool,
    /// `[theme]`: what templates print of it.
    pub theme: ThemeView<'a>,
}

/// `[theme]` as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeView<'a> {
    /// The URLs of the author's stylesheets, linked after the theme's (`theme-css.html`).
    pub css: Vec<String>,
    /// Text at the foot of every slide.
    pub footer: Option<&'a str>,
    /// Each slide's number in its corner.
    pub slide_numbers: bool,
    /// The logo's URL (landing page, handout cover), and whether every slide shows it too.
    pub logo: Option<String>,
    pub logo_on_slides: bool,
    /// The slide box in CSS pixels (`aspect`), for the deck's printed page size.
    pub slide_width: u32,
    pub slide_height: u32,
}

/// What every page knows of a chapter (its slides are in its fragments).
#[derive(Debug, Clone, Serialize)]
pub struct ChapterInfo<'a> {
    pub number: usize,
    pub slug: &'a str,
    pub title: &'a str,
    pub duration: Option<u32>,
    pub summary: Option<&'a str>,
    pub objectives: &'a [String],
    /// Minutes from the start of the workshop to the start and end of this chapter.
    pub start_minute: u32,
    pub end_minute: u32,
    /// `deck-<slug>.html`, the chapter's slides.
    pub deck_url: String,
    pub handout_url: String,
    pub samples: Vec<SampleView>,
    /// `samples/<slug>.zip` when the chapter has samples.
    pub archive_url: Option<String>,
    pub slide_count: usize,
    /// Each slide's `id`, `number` and `title`, for tables of contents.
    pub sections: Vec<SectionView<'a>>,
    /// A `draft = true` chapter, which only the dev server shows (with a badge).
    pub draft: bool,
    /// Written for remark: a page showing this chapter's slides links `css/remark.css`.
    pub remark: bool,
}

/// A slide in a table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView<'a> {
    pub id: &'a str,
    pub number: &'a str,
    pub title: &'a str,
}

/// A chapter as page templates see it: `deck_html` and `handout_html` print its slides.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterSummary<'a> {
    #[serde(flatten)]
    pub info: ChapterInfo<'a>,
    pub deck_html: String,
    pub handout_html: String,
}

/// A chapter as `deck-chapter.html` and `handout-chapter.html` see it, slides included.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterView<'a> {
    #[serde(flatten)]
    pub info: ChapterInfo<'a>,
    pub slides: Vec<SlideView<'a>>,
    /// The slides of the handouts: `slides`, and in their places the hidden slides they show
    /// (`[handouts] hidden_slides`, `hidden="handout"`).
    pub handout_slides: Vec<SlideView<'a>>,
    /// Every sample of the chapter in full, for the handouts.
    pub listings: Vec<super::listings::Listing>,
}

/// A chapter in a table of contents: every page gets the whole list, cheaply.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry<'a> {
    pub number: usize,
    pub slug: &'a str,
    pub title: &'a str,
    pub duration: Option<u32>,
    pub deck_url: &'a str,
    pub handout_url: &'a str,
}

impl<'a> From<&'a ChapterSummary<'a>> for TocEntry<'a> {
    fn from(chapter: &'a ChapterSummary<'a>) -> Self {
        let chapter = &chapter.info;
        TocEntry {
            number: chapter.number,
            slug: chapter.slug,
            title: chapter.title,
            duration: chapter.duration,
            deck_url: &chapter.deck_url,
            handout_url: &chapter.handout_url,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SlideView<'a> {
    pub id: &'a str,
    pub number: &'a str,
    pub h: usize,
    pub v: usize,
    pub title: &'a str,
    /// `slide` plus the author's classes.
    pub classes: String,
    /// The author's other attributes, rendered and escaped (` data-x="…"`).
    pub attributes_html: String,
    /// With its tables of contents filled in.
    pub html: std::borrow::Cow<'a, str>,
    /// `None` when the slide has none or notes are kept private.
    pub notes_html: Option<&'a str>,
    pub fragments: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SampleView {
    /// Relative URL, e.g. `samples/concepts/pod.yaml`.
    pub url: String,
    /// Path under `samples/`, e.g. `concepts/pod.yaml`.
    pub name: String,
    pub bytes: u64,
}

/// Whether views carry speaker notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notes {
    Include,
    Omit,
}

pub fn workshop_view<'a>(
    config: &'a Config,
    workshop: &Workshop,
    notes: Notes,
) -> WorkshopView<'a> {
    let sample_count = workshop.samples().count();
    WorkshopView {
        title: &config.title,
        author: &config.author,
        description: &config.description,
        language: &config.language,
        date: config.date.as_deref(),
        based_on: config.based_on.as_ref(),
        base_url: config
            .base_url
            .as_deref()
            .filter(|u| !u.is_empty())
            .map(|u| format!("{}/", u.trim_end_matches('/'))),
        total_minutes: workshop.total_minutes(),
        planned_minutes: config.planned_minutes,
        chapter_count: workshop.chapters.len(),
        slide_count: workshop.slide_count(),
        sample_count,
        paper: config.handouts.paper.css(),
        handout_notes: config.handouts.notes && notes == Notes::Include,
        samples_archive: (sample_count > 0).then_some(super::ALL_SAMPLES_ARCHIVE),
        generator: concat!("deckhand ", env!("CARGO_PKG_VERSION")),
        theme: ThemeView {
            css: config.theme.css_urls(),
            footer: config
                .theme
                .footer
                .as_deref()
                .filter(|f| !f.trim().is_empty()),
            slide_numbers: config.theme.slide_numbers,
            logo: config.theme.logo_url(),
            logo_on_slides: config.theme.logo_on_slides,
            slide_width: crate::theming::Aspect::WIDTH,
            slide_height: config.theme.aspect.height(),
        },
        remark: workshop
            .chapters
            .iter()
            .any(|c| c.syntax == crate::dialect::Syntax::Remark),
        layouts: workshop
            .chapters
            .iter()
            .flat_map(|c| &c.slides)
            .any(crate::content::needs_layout_css),
    }
}

/// Every chapter for page templates; `placeholder(number, 'd' | 'h')` stands in for its fragments.
pub fn chapter_summaries<'a>(
    workshop: &'a Workshop,
    content_root: &std::path::Path,
    placeholder: impl Fn(usize, char) -> String,
) -> Vec<ChapterSummary<'a>> {
    workshop
        .chapters
        .iter()
        .map(|chapter| ChapterSummary {
            info: chapter_info(workshop, chapter, content_root),
            deck_html: placeholder(chapter.number, 'd'),
            handout_html: placeholder(chapter.number, 'h'),
        })
        .collect()
}

/// One chapter with its slides.
pub fn chapter_view<'a>(
    workshop: &'a Workshop,
    chapter: &'a Chapter,
    content_root: &std::path::Path,
    notes: Notes,
    highlighter: Option<&crate::highlight::cache::HighlightCache>,
    hidden_in_handouts: bool,
) -> ChapterView<'a> {
    let slides: Vec<SlideView<'a>> = chapter
        .slides
        .iter()
        .map(|slide| slide_view(workshop, chapter, slide, notes))
        .collect();
    let mut handout_slides = Vec::with_capacity(slides.len());
    let mut hidden = chapter
        .hidden_slides
        .iter()
        .filter(|h| h.in_handout || hidden_in_handouts)
        .peekable();
    for (index, view) in slides.iter().enumerate() {
        while let Some(shown) = hidden.next_if(|h| h.before == index) {
            handout_slides.push(slide_view(workshop, chapter, &shown.slide, notes));
        }
        handout_slides.push(view.clone());
    }
    handout_slides.extend(hidden.map(|h| slide_view(workshop, chapter, &h.slide, notes)));
    ChapterView {
        info: chapter_info(workshop, chapter, content_root),
        slides,
        handout_slides,
        listings: super::listings::chapter_listings(workshop, chapter, content_root, highlighter),
    }
}

/// What every page knows of `chapter`.
pub fn chapter_info<'a>(
    workshop: &'a Workshop,
    chapter: &'a Chapter,
    content_root: &std::path::Path,
) -> ChapterInfo<'a> {
    let start_minute: u32 = workshop
        .chapters
        .iter()
        .take_while(|c| c.number < chapter.number)
        .filter_map(|c| c.duration)
        .sum();
    let samples: Vec<SampleView> = workshop
        .chapter_samples(chapter)
        .into_iter()
        .map(|rel| {
            let url = rel.to_string_lossy().replace('\\', "/");
            let name = url.strip_prefix("samples/").unwrap_or(&url).to_string();
            let bytes = workshop.asset_size(&rel).unwrap_or_else(|| {
                std::fs::metadata(content_root.join(&rel)).map_or(0, |m| m.len())
            });
            SampleView { url, name, bytes }
        })
        .collect();
    ChapterInfo {
        number: chapter.number,
        slug: &chapter.slug,
        title: &chapter.title,
        duration: chapter.duration,
        summary: chapter.summary.as_deref(),
        objectives: &chapter.objectives,
        start_minute,
        end_minute: start_minute + chapter.duration.unwrap_or(0),
        deck_url: super::chapter_deck_path(&chapter.slug),
        handout_url: super::chapter_handout_path(&chapter.slug),
        archive_url: (!samples.is_empty()).then(|| super::chapter_archive_path(&chapter.slug)),
        samples,
        slide_count: chapter.slides.len(),
        draft: chapter.draft,
        remark: chapter.syntax == crate::dialect::Syntax::Remark,
        sections: chapter
            .slides
            .iter()
            .map(|slide| SectionView {
                id: &slide.id,
                number: &slide.number,
                title: &slide.title,
            })
            .collect(),
    }
}

fn slide_view<'a>(
    workshop: &Workshop,
    chapter: &Chapter,
    slide: &'a Slide,
    notes: Notes,
) -> SlideView<'a> {
    let mut classes = vec!["slide".to_string()];
    classes.extend(slide.attributes.classes.iter().cloned());
    let mut others = slide.attributes.clone();
    others.id = None;
    others.classes.clear();
    SlideView {
        id: &slide.id,
        number: &slide.number,
        h: slide.h,
        v: slide.v,
        title: &slide.title,
        classes: classes.join(" "),
        attributes_html: others.to_html(),
        html: super::contents::fill(&slide.html, workshop, chapter),
        notes_html: match notes {
            Notes::Include => slide.notes_html.as_deref(),
            Notes::Omit => None,
        },
        fragments: slide.fragments,
    }
}
