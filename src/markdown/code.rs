//! Fenced code blocks: includes, syntax highlighting, line highlights and step-through
//! highlights (each `|` group after the first is one fragment), line numbers.
//!
//! Besides our own options (`hl_lines="3-5|9"`, `title`, `id`, `class`) the info string takes
//! reveal.js's: `[1|3-5]` (steps, with line numbers), `[712: 1-2|3]` (numbered from 712, the
//! steps counting from the first line shown, as reveal.js counts them), `[]` (line numbers
//! only), and the attributes `data-line-numbers="1|3"`, `data-ln-start-from="712"`,
//! `data-trim` (no blank lines around, no common indentation) and `data-noescape` (the code is
//! HTML, shown as it is, without highlighting).
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
use std::sync::LazyLock;

use super::include::{self, Included, Selection};
use super::{ChapterRenderer, Out};
use crate::diagnostics::{Diagnostic, Pos};
use crate::html::{Attributes, escape};

/// Options a code block's info string may carry after the language.
const OPTIONS: &[&str] = &[
    "hl_lines",
    "linenos",
    "title",
    "id",
    "class",
    "data-line-numbers",
    "data-ln-start-from",
    "data-trim",
    "data-noescape",
];

/// reveal.js's `[offset: steps]` form, as its markdown plugin matches it.
static LINE_NUMBERS: LazyLock<regress::Regex> = LazyLock::new(|| {
    regress::Regex::new(r"\[\s*((\d*):)?\s*([\s\d,|-]*)\]").expect("reveal.js's expression")
});

/// What the info string asks of the block.
struct Info {
    lang: String,
    options: Attributes,
    /// The step spec (`hl_lines` or reveal.js's), with spaces removed; empty for none.
    steps: String,
    /// Line numbers shown even without steps (reveal.js's `[]`, `data-line-numbers`).
    numbered: bool,
    start_from: Option<usize>,
    /// The steps are `hl_lines`, in the gutter's numbers (reveal.js's forms count positions).
    by_number: bool,
    /// `linenos` was set (`false` among them): the author has seen the gutter's numbers.
    linenos_set: bool,
    /// `linenos=false`: no gutter, in the deck or the handouts.
    no_gutter: bool,
}

/// More lines than this do not fit on a 1280×720 slide at the default font (0.7 × 30 px at
/// 1.45 line height, under a heading); the deck scrolls them, print continues them.
pub(crate) const SLIDE_CODE_LINES: usize = 22;

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
        let tall = !in_notes && block.lines.len() > SLIDE_CODE_LINES;
        if tall {
            self.push(
                Diagnostic::warning(
                    self.path,
                    fence,
                    format!(
                        "this code block has {} lines, more than a slide holds ({SLIDE_CODE_LINES} at the default font): the deck scrolls it",
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

    fn parse_info(&mut self, info: &str, pos: Pos) -> Info {
        let mut info = info.trim().to_string();
        let mut steps = String::new();
        let mut numbered = false;
        let mut start_from = None;
        // reveal.js takes `[…]` out of the info string wherever it is.
        if let Some(found) = LINE_NUMBERS.find(&info) {
            numbered = true;
            start_from = found.group(2).and_then(|r| info[r].parse::<usize>().ok());
            steps = found
                .group(3)
                .map(|r| info[r].to_string())
                .unwrap_or_default();
            info.replace_range(found.range(), " ");
        }
        let info = info.trim();
        let (lang, rest) = info.split_once(char::is_whitespace).unwrap_or((info, ""));
        // `yaml{3-5}`-style braces are not ours; keep the language usable anyway.
        let lang = lang
            .split('{')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let options = match Attributes::parse(rest) {
            Ok(options) => options,
            Err(message) => {
                self.push(
                    Diagnostic::error(self.path, pos, format!("code block options: {message}"))
                        .with_hint(
                            "write options as name=\"value\", e.g. ```yaml hl_lines=\"3-5|9\"",
                        ),
                );
                Attributes::default()
            }
        };
        for (name, _) in &options.others {
            if !OPTIONS.contains(&name.as_str()) {
                let mut diagnostic = Diagnostic::warning(
                    self.path,
                    pos,
                    format!("unknown code block option `{name}`"),
                );
                if let Some(best) = crate::diagnostics::did_you_mean(name, OPTIONS.iter().copied())
                {
                    diagnostic = diagnostic.with_hint(format!("did you mean `{best}`?"));
                }
                self.push(diagnostic);
            }
        }
        let mut by_number = false;
        if let Some(spec) = options.get("hl_lines") {
            steps = spec.to_string();
            by_number = true;
        }
        let linenos = options.get("linenos").map(|v| v.trim().to_string());
        let mut no_gutter = false;
        match linenos.as_deref() {
            None => {}
            Some("true") => numbered = true,
            Some("false") => {
                numbered = false;
                no_gutter = true;
            }
            Some(first) => match first.parse::<usize>() {
                Ok(first) if first > 0 => {
                    numbered = true;
                    start_from = Some(first);
                }
                _ => self.push(
                    Diagnostic::error(
                        self.path,
                        pos,
                        format!("linenos: `{first}` is not `true`, `false` or a line number"),
                    )
                    .with_hint("write linenos=true (numbers from 1, or the file's), linenos=false (none), or the first number, e.g. linenos=\"9\""),
                ),
            },
        }
        if let Some(spec) = options.get("data-line-numbers") {
            numbered = true;
            steps = spec.to_string();
            by_number = false;
        }
        if let Some(first) = options.get("data-ln-start-from") {
            match first.trim().parse::<usize>() {
                Ok(first) => start_from = Some(first),
                Err(_) => self.push(
                    Diagnostic::error(
                        self.path,
                        pos,
                        format!("data-ln-start-from: `{first}` is not a line number"),
                    )
                    .with_hint(
                        "give the number of the first line, e.g. data-ln-start-from=\"712\"",
                    ),
                ),
            }
        }
        steps.retain(|c| !c.is_whitespace());
        Info {
            lang,
            options,
            steps,
            numbered,
            start_from,
            by_number,
            linenos_set: linenos.is_some(),
            no_gutter,
        }
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
