//! Fenced code blocks: includes, syntax highlighting, line highlights and step-through
//! highlights (each `|` group after the first is one fragment), line numbers.
//!
//! The info string is read in [`super::info`]; `hl_lines` counts in the gutter's numbers
//! ([`super::gutter`]), reveal.js's `[1|3-5]` forms count from the first line shown, as
//! reveal.js counts them. A block taller than a slide is a warning and gets the class `tall`,
//! which print lets run on over pages.
//!
//! ```text
//! <figure class="code" data-lang="yaml" data-steps="3-5|9">
//!   <figcaption class="code-caption"><a href="samples/x.yaml" download>x.yaml</a> …</figcaption>
//!   <pre class="hl" tabindex="0"><code><span class="ln hl-on" data-n="3">…</span>\n…</code></pre>
//!   <span class="fragment code-step" data-lines="9" aria-hidden="true"></span>
//! </figure>
//! ```

use std::fmt::Write;
use std::ops::RangeInclusive;
use std::path::Path;

use super::include::{self, Included, Selection};
use super::info::Info;
use super::{ChapterRenderer, Out};
use crate::diagnostics::{Diagnostic, Pos};
use crate::html::{Attributes, escape};

/// More lines than this do not fit on a 1280×720 slide at the default font (0.7 × 30 px at
/// 1.45 line height, under a heading); the deck scrolls them, print continues them.
const SLIDE_CODE_LINES: usize = 22;

/// The most lines of code a slide of `aspect` holds: taller slides (16:10, 4:3) hold more, at
/// the same 1280 px width and font.
pub fn code_lines(aspect: crate::theming::Aspect) -> usize {
    SLIDE_CODE_LINES * aspect.height() as usize / 720
}

/// A code block, ready to become a figure.
struct Block {
    lang: String,
    /// (line number shown, text)
    lines: Vec<(usize, String)>,
    included: Option<Included>,
}

impl ChapterRenderer<'_> {
    /// Render a fenced block whose info string is `info` and content `code`; `pos` is where the
    /// content starts in the chapter file.
    /// Problems with the info string (language, options) are reported at `fence`, the line
    /// that holds it.
    pub(super) fn code_block(
        &mut self,
        info: &str,
        code: &str,
        fence: Pos,
        pos: Pos,
        in_notes: bool,
    ) -> Out<'static> {
        let info = self.parse_info(info, fence);
        let mut block = match self.load_block(&info.lang, code, pos) {
            Some(block) => block,
            None => Block {
                lang: info.lang.clone(),
                lines: Vec::new(),
                included: None,
            },
        };
        if info.options.get("data-trim").is_some() {
            trim(&mut block.lines);
        }
        if let Some(first) = info.start_from {
            for (index, line) in block.lines.iter_mut().enumerate() {
                line.0 = first + index;
            }
        }
        let noescape = info.options.get("data-noescape").is_some();
        if !noescape && !self.env.highlighter.is_known(&block.lang) {
            self.push(
                Diagnostic::warning(self.path, fence, format!("no syntax highlighting for language `{}`; shown as plain text", block.lang))
                    .with_hint("use a known name such as yaml, bash, console, json, toml, go, python, dockerfile or rust, or `text`"),
            );
        }
        let budget = self.env.code_lines;
        let tall = !in_notes && block.lines.len() > budget;
        if tall {
            self.push(
                Diagnostic::warning(
                    self.path,
                    fence,
                    format!(
                        "this code block has {} lines, more than a slide holds ({budget} at the default font): the deck scrolls it",
                        block.lines.len()
                    ),
                )
                .with_hint("show a slice of it ({{#include file:start:end}} or an ANCHOR), split it over two slides, or leave it: handouts and print show it whole, across pages"),
            );
        }
        let steps = if info.steps.is_empty() {
            Vec::new()
        } else if info.by_number {
            let numbers: Vec<usize> = block.lines.iter().map(|(n, _)| *n).collect();
            match super::gutter::resolve(&info.steps, &numbers, info.linenos_set) {
                Ok(resolved) => {
                    if let Some((message, hint)) = resolved.migration {
                        self.push(Diagnostic::warning(self.path, fence, message).with_hint(hint));
                    }
                    resolved.steps
                }
                Err(message) => {
                    self.push(Diagnostic::error(self.path, fence, message).with_hint(
                        "hl_lines counts the numbers in the gutter: 1, 2… for code written here, the file's line numbers for an include, e.g. hl_lines=\"9-12|14\"",
                    ));
                    Vec::new()
                }
            }
        } else {
            match parse_steps(&info.steps, block.lines.len()) {
                Ok(steps) => steps,
                Err(message) => {
                    self.push(Diagnostic::error(self.path, fence, message).with_hint(
                        "line numbers count from the first line shown, e.g. hl_lines=\"2-4|7\" or ```yaml [2-4|7]",
                    ));
                    Vec::new()
                }
            }
        };
        self.figure(block, &info, steps, noescape, tall)
    }

    fn load_block(&mut self, lang: &str, code: &str, pos: Pos) -> Option<Block> {
        let Some(directive) = include::parse_directive(code) else {
            let lines = super::directives::unescape(code)
                .lines()
                .enumerate()
                .map(|(i, l)| (i + 1, l.to_string()))
                .collect();
            return Some(Block {
                lang: lang.to_string(),
                lines,
                included: None,
            });
        };
        let included = directive.and_then(|directive| {
            let from_dir = self.path.parent().unwrap_or(Path::new(""));
            // Found or not, the chapter depends on it (the dev server reloads it on a change).
            self.inputs
                .extend(include::inputs(self.env.root, from_dir, &directive.path));
            let file = include::resolve_path(self.env.root, from_dir, &directive.path)?;
            let text = self.env.files.read(self.env.root, &file)?;
            include::select(&text, file, &directive.selection)
        });
        match included {
            Ok(included) => {
                self.includes.insert(included.file.clone());
                let lang = if lang.is_empty() {
                    language_of(&included.file)
                } else {
                    lang.to_string()
                };
                Some(Block {
                    lang,
                    lines: included.lines.clone(),
                    included: Some(included),
                })
            }
            Err(err) => {
                self.push(Diagnostic::error(self.path, pos, err.message).with_hint(err.hint));
                None
            }
        }
    }

    fn figure(
        &self,
        block: Block,
        info: &Info,
        steps: Vec<Vec<RangeInclusive<usize>>>,
        noescape: bool,
        tall: bool,
    ) -> Out<'static> {
        let options = &info.options;
        let mut attrs = Attributes::default();
        attrs.add_class("code");
        if info.numbered {
            attrs.add_class("line-numbers");
        }
        if info.no_gutter {
            attrs.add_class("no-line-numbers");
        }
        // Print lets a tall block run on over pages (css), where a slide would cut it.
        if tall {
            attrs.add_class("tall");
        }
        attrs.id = options.id.clone();
        for class in &options.classes {
            attrs.add_class(class);
        }
        attrs.set("data-lang", block.lang.clone());
        if !steps.is_empty() {
            // Positions, whatever the author counted in: the runtime lights lines by position.
            let positions: Vec<String> = steps.iter().map(|g| ranges_text(g)).collect();
            attrs.set("data-steps", positions.join("|"));
        }
        let code: String = block.lines.iter().map(|(_, l)| format!("{l}\n")).collect();
        // data-noescape: the code is HTML already.
        let highlighted: std::sync::Arc<str> = if noescape {
            code.as_str().into()
        } else {
            self.env.highlighter.highlight(&block.lang, &code)
        };
        let mut inner = String::with_capacity(code.len() * 3);
        self.caption(&block, options.get("title"), &mut inner);
        inner.push_str("<pre class=\"hl\" tabindex=\"0\"><code>");
        let first = steps.first();
        let mut html_lines = highlighted.split('\n');
        for (index, (number, _)) in block.lines.iter().enumerate() {
            let on = first.is_some_and(|group| group.iter().any(|r| r.contains(&(index + 1))));
            let class = if on { "ln hl-on" } else { "ln" };
            let html = html_lines.next().unwrap_or("");
            let _ = writeln!(
                inner,
                "<span class=\"{class}\" data-n=\"{number}\">{html}</span>"
            );
        }
        inner.push_str("</code></pre>");
        for group in steps.iter().skip(1) {
            let _ = write!(
                inner,
                "<span class=\"fragment code-step\" data-lines=\"{}\" aria-hidden=\"true\"></span>",
                ranges_text(group)
            );
        }
        inner.push_str("</figure>");
        Out::Atom {
            tag: "figure",
            attrs,
            inner,
        }
    }

    fn caption(&self, block: &Block, title: Option<&str>, out: &mut String) {
        let file_link = block.included.as_ref().and_then(|inc| {
            let published = inc.file.strip_prefix("content").ok()?;
            let url = published.to_string_lossy().replace('\\', "/");
            let name = published.file_name()?.to_string_lossy().to_string();
            Some((url, name, &inc.selection))
        });
        if title.is_none() && file_link.is_none() {
            return;
        }
        out.push_str("<figcaption class=\"code-caption\">");
        if let Some(title) = title {
            let _ = write!(out, "<span class=\"code-title\">{}</span> ", escape(title));
        }
        if let Some((url, name, selection)) = file_link {
            let _ = write!(
                out,
                "<a href=\"{}\" download>{}</a>",
                escape(&url),
                escape(&name)
            );
            let shown = match (selection, block.lines.first(), block.lines.last()) {
                (Selection::All, _, _) => None,
                (_, Some((first, _)), Some((last, _))) if first == last => {
                    Some(format!("line {first}"))
                }
                (_, Some((first, _)), Some((last, _))) => Some(format!("lines {first}–{last}")),
                _ => None,
            };
            if let Some(shown) = shown {
                let _ = write!(out, " <span class=\"code-lines\">{shown}</span>");
            }
        }
        out.push_str("</figcaption>");
    }
}

/// reveal.js's `data-trim`: no blank lines before or after, and the indentation every line has
/// taken off.
fn trim(lines: &mut Vec<(usize, String)>) {
    while lines.first().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(_, l)| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    for (_, line) in lines.iter_mut() {
        let cut = indent.min(line.len() - line.trim_start().len());
        line.replace_range(..cut, "");
    }
}

/// The language of an included file without one in its info string, from its extension.
fn language_of(file: &Path) -> String {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "yml" => "yaml".into(),
        "sh" => "bash".into(),
        "" if file
            .file_name()
            .is_some_and(|n| n.eq_ignore_ascii_case("Dockerfile")) =>
        {
            "dockerfile".into()
        }
        "" => "text".into(),
        other => other.into(),
    }
}

/// `"3-5|9|12,14"` → groups of 1-based inclusive ranges, each within `1..=line_count`.
pub(crate) fn parse_steps(
    spec: &str,
    line_count: usize,
) -> Result<Vec<Vec<RangeInclusive<usize>>>, String> {
    spec.split('|')
        .map(|group| {
            group
                .split(',')
                .map(|item| {
                    let item = item.trim();
                    let (a, b) = item.split_once('-').unwrap_or((item, item));
                    let parse = |t: &str| {
                        t.trim().parse::<usize>().map_err(|_| {
                            format!("hl_lines: `{item}` is not a line or a range like 3-5")
                        })
                    };
                    let (start, end) = (parse(a)?, parse(b)?);
                    if start == 0 || end < start {
                        return Err(format!("hl_lines: `{item}` is not a valid range"));
                    }
                    if end > line_count {
                        return Err(format!(
                            "hl_lines: line {end} is past the end of the {line_count}-line block"
                        ));
                    }
                    Ok(start..=end)
                })
                .collect()
        })
        .collect()
}

fn ranges_text(group: &[RangeInclusive<usize>]) -> String {
    group
        .iter()
        .map(|r| {
            if r.start() == r.end() {
                r.start().to_string()
            } else {
                format!("{}-{}", r.start(), r.end())
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_parse_groups_and_ranges() {
        assert_eq!(
            parse_steps("3-5|9", 10).unwrap(),
            vec![vec![3..=5], vec![9..=9]]
        );
        assert_eq!(parse_steps("1,4-5", 10).unwrap(), vec![vec![1..=1, 4..=5]]);
        assert!(parse_steps("11", 10).unwrap_err().contains("past the end"));
        assert!(parse_steps("5-3", 10).is_err());
        assert!(parse_steps("a", 10).is_err());
    }
}
