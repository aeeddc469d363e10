//! `deckhand import SRC --out DIR`: an existing deck made a workshop, which is then built as
//! any other.
//!
//! SRC is a reveal-md / reveal.js Markdown file, a remark Markdown file, a reveal.js or remark
//! HTML page ([`html`]) or a deck manifest ([`manifest`]). The deck is read into chapters of
//! Markdown in their own dialect; the files they refer to are copied into `content/` and the
//! references rewritten ([`assets`]); the workshop (`workshop.toml`, `content/NNN-slug.md`) is
//! written into DIR, which must be new or empty; then the ordinary build runs on it.

pub mod assets;
mod count;
mod detect;
mod html;
mod manifest;
mod placeholders;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::content::CONTENT_DIR;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::dialect::Syntax;

/// What to import, and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub source: PathBuf,
    pub out: PathBuf,
    /// One chapter per file of a manifest, rather than per top-level entry.
    pub chapter_per_file: bool,
    /// The dialect of a Markdown file, when guessing from its constructs is not wanted.
    pub syntax: Option<Syntax>,
}

/// A deck, read.
#[derive(Debug, Default)]
pub struct Deck {
    pub title: String,
    pub chapters: Vec<SourceChapter>,
    pub exclude_classes: Vec<String>,
    /// What could not be carried over, for the report.
    pub not_carried: Vec<String>,
    /// Files inlined by `@@INCLUDE[…]`.
    pub included: Vec<String>,
    /// The deck has `@@TOC@@` placeholders to fill with the chapters.
    pub toc: bool,
}

impl Deck {
    fn single(title: String, chapter: SourceChapter) -> Deck {
        Deck {
            title,
            chapters: vec![chapter],
            ..Deck::default()
        }
    }
}

/// One chapter of a deck, before it is written.
#[derive(Debug, Clone)]
pub struct SourceChapter {
    pub title: Option<String>,
    pub syntax: Syntax,
    pub markdown: String,
    /// The folder its relative references start from.
    pub base: PathBuf,
    /// The files it was read from.
    pub files: Vec<PathBuf>,
    /// reveal: its own separator, vertical separator and notes separator, when not reveal-md's.
    pub separators: Option<[Option<String>; 3]>,
}

/// A chapter as written.
#[derive(Debug, Clone)]
pub struct Written {
    pub file: String,
    pub title: String,
    pub slides: usize,
}

/// What an import did.
#[derive(Debug)]
pub struct Report {
    pub chapters: Vec<Written>,
    pub copied: usize,
    pub included: usize,
    pub not_carried: Vec<String>,
    /// References to files that are not there (pages of the source site, mostly).
    pub unresolved: Vec<String>,
}

impl Report {
    /// The summary `deckhand import` prints.
    pub fn summary(&self, options: &Options) -> String {
        let slides: usize = self.chapters.iter().map(|c| c.slides).sum();
        let mut text = format!(
            "Imported {} into {}: {} chapters, {} slides, {} files copied",
            options.source.display(),
            options.out.display(),
            self.chapters.len(),
            slides,
            self.copied
        );
        if self.included > 0 {
            let _ = write!(text, ", {} files inlined", self.included);
        }
        text.push('\n');
        if !self.not_carried.is_empty() {
            let _ = writeln!(text, "Not carried over ({}):", self.not_carried.len());
            for item in &self.not_carried {
                let _ = writeln!(text, "  - {item}");
            }
        }
        if !self.unresolved.is_empty() {
            let _ = writeln!(
                text,
                "{} references point to files the deck does not have (the build lists them as warnings)",
                self.unresolved.len()
            );
        }
        text
    }
}

/// Import `options.source` into a new workshop in `options.out`. Nothing is written when the
/// source cannot be read or is not a deck, or when the folder is not empty.
pub fn import(options: &Options) -> Result<Report, Diagnostics> {
    check_out(&options.out).map_err(Diagnostics::from_one)?;
    let deck = read(options).map_err(Diagnostics::from_one)?;
    if deck.chapters.is_empty() {
        return Err(Diagnostics::from_one(
            Diagnostic::error(&options.source, Pos::new(1, 1), "the deck has no slides")
                .with_hint("the manifest's `content:` names no file that exists"),
        ));
    }
    write(&deck, options).map_err(|err| {
        Diagnostics::from_one(
            Diagnostic::error(
                &options.out,
                Pos::FILE,
                format!("cannot write the workshop: {err}"),
            )
            .with_hint("check that the folder can be written"),
        )
    })
}

/// The folder must be new or empty.
fn check_out(out: &Path) -> Result<(), Diagnostic> {
    match std::fs::read_dir(out).map(|mut entries| entries.next().is_some()) {
        Ok(true) => Err(Diagnostic::error(
            out,
            Pos::FILE,
            "this folder is not empty; import writes a new workshop and never overwrites one",
        )
        .with_hint("give --out a new folder")),
        Ok(false) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => {
            Err(
                Diagnostic::error(out, Pos::FILE, format!("cannot use this folder: {err}"))
                    .with_hint("give --out a new folder"),
            )
        }
    }
}

/// Read the source, whatever kind of deck it is.
fn read(options: &Options) -> Result<Deck, Diagnostic> {
    let path = &options.source;
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::error(path, Pos::FILE, format!("cannot read the deck: {err}"))
            .with_hint("give the deck's Markdown file, its HTML page or its manifest")
    })?;
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(Diagnostic::error(
            path,
            Pos::new(1, 1),
            "this is not a text file, so not a deck",
        )
        .with_hint("give the deck's Markdown file, its HTML page or its manifest"));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => html::read(path, text),
        "yml" | "yaml" => manifest::read(path, text, options.chapter_per_file),
        "md" | "markdown" | "txt" => Ok(markdown(path, text, options.syntax)),
        _ if text.trim_start().starts_with('<') => html::read(path, text),
        _ if manifest::is_manifest(text) => manifest::read(path, text, options.chapter_per_file),
        _ => Err(Diagnostic::error(path, Pos::new(1, 1), "this is not a deck: neither Markdown (.md), an HTML page nor a deck manifest (YAML with `content:`)")
            .with_hint("give the deck's Markdown file, its HTML page or its manifest")),
    }
}

/// A Markdown deck; reveal-md's YAML front matter gives its title and separators.
fn markdown(path: &Path, text: &str, syntax: Option<Syntax>) -> Deck {
    let (front, body) = yaml_front_matter(text);
    let value = |key: &str| front.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let separators = [
        value("separator"),
        value("verticalSeparator"),
        value("notesSeparator"),
    ];
    let syntax = syntax.unwrap_or_else(|| detect::syntax_of(body));
    let title = value("title").unwrap_or_default();
    Deck::single(
        title,
        SourceChapter {
            title: None,
            syntax,
            markdown: body.to_string(),
            base: path.parent().unwrap_or(Path::new("")).to_path_buf(),
            files: vec![path.to_path_buf()],
            separators: separators.iter().any(Option::is_some).then_some(separators),
        },
    )
}

/// reveal-md's front matter: a YAML mapping between `---` lines at the top.
fn yaml_front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (Vec::new(), text);
    };
    let Some(end) = rest.find("\n---\n").or_else(|| rest.find("\n---\r\n")) else {
        return (Vec::new(), text);
    };
    let yaml = &rest[..end];
    use saphyr::LoadableYamlNode;
    let Ok(docs) = saphyr::Yaml::load_from_str(yaml) else {
        return (Vec::new(), text);
    };
    let Some(mapping) = docs.first().and_then(|d| d.as_mapping()) else {
        return (Vec::new(), text);
    };
    let pairs = mapping
        .iter()
        .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
        .collect();
    let after = &rest[end + 1..];
    let body = after.split_once('\n').map_or("", |(_, b)| b);
    (pairs, body)
}

/// Write the workshop: chapters, the files they refer to, workshop.toml.
fn write(deck: &Deck, options: &Options) -> std::io::Result<Report> {
    let out = &options.out;
    let content = out.join(CONTENT_DIR);
    std::fs::create_dir_all(&content)?;
    let width = deck.chapters.len().to_string().len().max(2);
    // File names first: chapters link to each other.
    let mut names = Vec::new();
    let mut used = std::collections::HashSet::new();
    for (index, chapter) in deck.chapters.iter().enumerate() {
        let title = chapter_title(chapter, &deck.title, index);
        let mut slug = crate::slug::slugify(&title);
        if slug.is_empty() {
            slug = format!("chapter-{}", index + 1);
        }
        while !used.insert(slug.clone()) {
            slug = format!("{slug}-{}", index + 1);
        }
        names.push((format!("{:0width$}-{slug}.md", index + 1), title, slug));
    }
    let mut sources: BTreeMap<PathBuf, String> = BTreeMap::new();
    for (chapter, (file, _, _)) in deck.chapters.iter().zip(&names) {
        for source in &chapter.files {
            if let Ok(canonical) = source.canonicalize() {
                sources.entry(canonical).or_insert_with(|| file.clone());
            }
        }
    }
    let toc: String = names
        .iter()
        .map(|(file, title, _)| format!("- [{title}]({file})\n"))
        .collect();
    let mut copies = BTreeMap::new();
    let mut unresolved = Vec::new();
    let mut written = Vec::new();
    for (chapter, (file, title, slug)) in deck.chapters.iter().zip(&names) {
        let mut assets = assets::Assets::new(&chapter.base, &sources);
        let mut markdown = assets.rewrite(&chapter.markdown);
        if deck.toc {
            markdown = markdown.replace("@@TOC@@", &toc);
        }
        copies.append(&mut assets.copies);
        unresolved.append(&mut assets.missing);
        let slides = count::slides(chapter, &markdown, &deck.exclude_classes);
        let mut front = String::from("+++\n");
        for source in &chapter.files {
            let _ = writeln!(front, "# from {}", source.display());
        }
        let _ = write!(
            front,
            "title = {}\nslug = \"{slug}\"\nduration = {}\n",
            toml_string(title),
            slides.max(5).div_ceil(5) * 5
        );
        if chapter.syntax == Syntax::Remark {
            front.push_str("syntax = \"remark\"\n");
        }
        if let Some(separators) = &chapter.separators {
            for (key, value) in ["separator", "separator_vertical", "separator_notes"]
                .iter()
                .zip(separators)
            {
                if let Some(value) = value {
                    let _ = writeln!(front, "{key} = {}", toml_string(value));
                }
            }
        }
        front.push_str("+++\n");
        std::fs::write(content.join(file), format!("{front}{markdown}"))?;
        written.push(Written {
            file: file.clone(),
            title: title.clone(),
            slides,
        });
    }
    for (source, target) in &copies {
        let to = content.join(target);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(source, to)?;
    }
    let syntax = if deck.chapters.iter().all(|c| c.syntax == Syntax::Remark) {
        "syntax = \"remark\"\n"
    } else {
        ""
    };
    let mut config = format!(
        "# Imported by `deckhand import` from {}.\ntitle = {}\n{syntax}",
        options.source.display(),
        toml_string(if deck.title.is_empty() {
            &written[0].title
        } else {
            &deck.title
        })
    );
    if !deck.exclude_classes.is_empty() {
        let list: Vec<String> = deck
            .exclude_classes
            .iter()
            .map(|c| toml_string(c))
            .collect();
        let _ = writeln!(config, "exclude_classes = [{}]", list.join(", "));
    }
    let _ = writeln!(
        config,
        "\n[import]\nsource = {}",
        toml_string(&options.source.to_string_lossy())
    );
    std::fs::write(out.join(crate::config::CONFIG_FILE), config)?;
    unresolved.sort();
    unresolved.dedup();
    Ok(Report {
        chapters: written,
        copied: copies.len(),
        included: deck.included.len(),
        not_carried: deck.not_carried.clone(),
        unresolved,
    })
}

/// The chapter's title: its own, its first `#` heading, the name of its one file, the deck's,
/// or its place.
fn chapter_title(chapter: &SourceChapter, deck: &str, index: usize) -> String {
    let heading = chapter
        .markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().trim_end_matches('#').trim().to_string());
    let file = match chapter.files.as_slice() {
        [one] if chapter.syntax == Syntax::Remark || deck.is_empty() => one
            .file_stem()
            .map(|s| s.to_string_lossy().replace(['-', '_'], " ")),
        _ => None,
    };
    chapter
        .title
        .clone()
        .or(heading)
        .filter(|t| !t.is_empty() && !t.contains("@@"))
        .or(file)
        .or_else(|| (!deck.is_empty()).then(|| deck.to_string()))
        .unwrap_or_else(|| format!("Chapter {}", index + 1))
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
