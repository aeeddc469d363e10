//! Links: only relative ones, a base URL only in canonical links, and every link inside the site leads somewhere.

use super::identifiers::ids;
use super::*;

/// Every `href` and `src` in a page that is not relative: starts with `/`, names localhost, or
/// (for `src`, which the browser fetches) has a scheme at all.
fn absolute_links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (attribute, fetched) in [("href", false), ("src", true)] {
        let needle = format!(" {attribute}=\"");
        for (i, _) in html.match_indices(&needle) {
            let value = &html[i + needle.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            let has_scheme = value.split_once(':').is_some_and(|(scheme, _)| {
                !scheme.is_empty()
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            });
            if value.starts_with('/')
                || value.starts_with('\\')
                || value.contains("localhost")
                || (fetched && has_scheme)
            {
                found.push(format!("{attribute}=\"{value}\""));
            }
        }
    }
    if html.contains("http://localhost") || html.contains("http://127.0.0.1") {
        found.push("a URL of localhost".into());
    }
    found
}

#[test]
fn every_page_uses_only_relative_links() {
    let mut pages = 0;
    for (path, html) in EVERY_FEATURE.pages() {
        assert_eq!(absolute_links(html), Vec::<String>::new(), "{path}");
        pages += 1;
    }
    assert!(pages >= 6, "index, deck, speaker view and three handouts");
}

#[test]
fn a_base_url_is_used_only_for_canonical_links() {
    let workshop = Workshop::fixture("every-feature");
    let out = workshop.outside().join("site");
    let options = BuildOptions {
        out: Some(out.clone()),
        base_url: Some("https://example.org/k8s/".into()),
        ..Default::default()
    };
    let report = pipeline::build(workshop.root(), &options)
        .unwrap_or_else(|problems| panic!("{}", render(&problems)));
    let site = Site::read(&out, report);
    for (path, html) in site.pages() {
        assert_eq!(absolute_links(html), Vec::<String>::new(), "{path}");
        let canonical = tags(html, "link")
            .into_iter()
            .find(|tag| attr(tag, "rel") == Some("canonical"));
        let expected = if path == "index.html" {
            "https://example.org/k8s/".to_string()
        } else {
            format!("https://example.org/k8s/{path}")
        };
        if path != "speaker.html" {
            assert_eq!(
                canonical.and_then(|tag| attr(tag, "href")),
                Some(expected.as_str()),
                "{path}"
            );
        }
        for tag in tags(html, "a")
            .into_iter()
            .chain(tags(html, "link"))
            .chain(tags(html, "script"))
            .chain(tags(html, "img"))
        {
            let target = attr(tag, "href").or_else(|| attr(tag, "src")).unwrap_or("");
            if target.starts_with("https://example.org") {
                assert_eq!(
                    attr(tag, "rel"),
                    Some("canonical"),
                    "{path}: only a canonical link may use the base URL: {tag}"
                );
            }
        }
    }
}

/// Every link, stylesheet, script and image inside the site points at a file the build wrote,
/// and an anchor at an element of that page (`deck.html#/id` is the deck's deep link to `id`).
#[test]
fn every_link_inside_the_site_leads_somewhere() {
    let site = &*EVERY_FEATURE;
    let anchors: BTreeMap<&str, BTreeSet<&str>> = site
        .pages()
        .map(|(path, html)| (path, ids(html).into_iter().collect()))
        .collect();
    let mut checked = 0;
    for (path, html) in site.pages() {
        let elements = ["a", "link", "script", "img"]
            .into_iter()
            .flat_map(|tag| tags(html, tag));
        for element in elements {
            let Some(target) = attr(element, "href").or_else(|| attr(element, "src")) else {
                continue;
            };
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let file = if file.is_empty() { path } else { file };
            assert!(
                site.files.contains_key(file),
                "{path}: `{target}` leads to no file"
            );
            let anchor = anchor.trim_start_matches('/');
            if !anchor.is_empty() {
                let page = anchors
                    .get(file)
                    .unwrap_or_else(|| panic!("{path}: `{target}` is not a page"));
                assert!(
                    page.contains(anchor),
                    "{path}: `{target}` leads to no element of {file}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}
