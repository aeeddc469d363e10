//! Reading PDFs back with poppler (pdfinfo, pdftotext), and page text compared to a page's HTML.

use std::path::Path;
use std::process::Command;

/// `pdfinfo`'s fields, e.g. `Pages`, `Title`, `Page size`.
pub fn pdfinfo(pdf: &Path) -> Vec<(String, String)> {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("run pdfinfo");
    assert!(output.status.success(), "pdfinfo {}", pdf.display());
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

pub fn field(info: &[(String, String)], name: &str) -> String {
    info.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("pdfinfo shows no {name}: {info:?}"))
}

/// Every page's size in points.
pub fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let output = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "100000"])
        .arg(pdf)
        .output()
        .expect("run pdfinfo");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .map(|line| {
            let numbers: Vec<f64> = line
                .split_once(" size: ")
                .unwrap()
                .1
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (numbers[0], numbers[1])
        })
        .collect()
}

/// The text of a PDF, as `pdftotext` reads it.
pub fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let output = Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(output.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Text without any whitespace: what survives line wrapping and columns.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The number in attribute `name` of a `pdftotext -bbox` tag.
pub fn number(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

pub fn strip_tags(html: &str) -> String {
    deckhand::output::leaks::text_of_html(html)
}

/// Where every link of a PDF leads: `#name` for a named destination, else the URI.
pub fn link_targets(pdf: &Path) -> Vec<String> {
    use lopdf::Object;
    let doc = lopdf::Document::load(pdf).unwrap();
    let name = |o: &Object| match o {
        Object::Name(n) | Object::String(n, _) => String::from_utf8_lossy(n).into_owned(),
        _ => String::new(),
    };
    let mut targets = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if !dict.get(b"Subtype").is_ok_and(|s| name(s) == "Link") {
            continue;
        }
        if let Ok(dest) = dict.get(b"Dest") {
            targets.push(format!("#{}", name(dest)));
        } else if let Ok(uri) = dict
            .get(b"A")
            .and_then(Object::as_dict)
            .and_then(|a| a.get(b"URI"))
        {
            targets.push(name(uri));
        }
    }
    targets
}
