//! Joining the PDFs Chromium printed, part by part, into one document, and giving it its metadata.
//!
//! Chromium's PDFs are tagged (a structure tree for screen readers), carry named destinations for
//! the links inside the page, and bookmarks from the headings. Joining keeps all three: the parts'
//! structure trees become one, their destinations one dictionary, their bookmarks one outline.
//! Links that led to the temporary folder the pages were printed from are retargeted (see
//! [`Meta::base_url`]) or made inert.

mod links;
mod outline;
mod structure;

use std::collections::BTreeSet;

use anyhow::{Context, anyhow};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

pub use links::DEST_SCHEME;
use links::retarget_links;
use outline::Outline;
use structure::{StructTree, shift_struct_parents};

/// What the finished document says about itself.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub language: String,
    pub creator: String,
    /// `file://…/` of the folder the pages were printed from: links into it are rewritten.
    pub printed_from: String,
    /// Where the site is published: links into the printed folder lead there instead. Without
    /// it they lead nowhere, as the folder is gone once the PDF is written.
    pub base_url: Option<String>,
}

/// The number of pages of a printed part.
pub fn page_count(doc: &Document) -> usize {
    doc.get_pages().len()
}

/// Join `parts` in order into one document with `meta`. The parts are read one at a time, as
/// the joined document needs them.
pub fn merge(
    parts: impl IntoIterator<Item = anyhow::Result<Document>>,
    meta: &Meta,
) -> anyhow::Result<Document> {
    let mut out = Document::with_version("1.7");
    let mut next_id = 1;
    let mut pages: Vec<ObjectId> = Vec::new();
    let mut dests = Dictionary::new();
    let mut trees: Vec<StructTree> = Vec::new();
    let mut outlines: Vec<Outline> = Vec::new();
    let mut next_key = 0i64;
    let mut created: Option<Object> = None;
    let mut producer: Option<Object> = None;
    for (index, doc) in parts.into_iter().enumerate() {
        let mut doc = doc?;
        materialize_page_attributes(&mut doc)
            .with_context(|| format!("reading part {} of the PDF", index + 1))?;
        doc.renumber_objects_with(next_id);
        next_id = doc.max_id + 1;
        let catalog = doc
            .catalog()
            .context("a printed part has no catalog")?
            .clone();
        if let Ok(info) = doc.trailer.get(b"Info").and_then(|i| deref_dict(&doc, i)) {
            if created.is_none() {
                created = info.get(b"CreationDate").ok().cloned();
            }
            if producer.is_none() {
                producer = info.get(b"Producer").ok().cloned();
            }
        }
        pages.extend(doc.get_pages().into_values());
        collect_dests(&doc, &catalog, &mut dests);
        if let Some(tree) = StructTree::read(&doc, &catalog, next_key) {
            shift_struct_parents(&mut doc, next_key);
            next_key += tree.next_key;
            trees.push(tree);
        }
        if let Some(outline) = Outline::read(&doc, &catalog) {
            outlines.push(outline);
        }
        out.objects.append(&mut doc.objects);
    }
    out.max_id = next_id - 1;

    let pages_id = out.new_object_id();
    for page in &pages {
        out.get_dictionary_mut(*page)?
            .set("Parent", Object::Reference(pages_id));
    }
    out.objects.insert(
        pages_id,
        Object::Dictionary(Dictionary::from_iter([
            ("Type", Object::Name(b"Pages".to_vec())),
            (
                "Kids",
                Object::Array(pages.iter().map(|p| Object::Reference(*p)).collect()),
            ),
            ("Count", Object::Integer(pages.len() as i64)),
        ])),
    );

    let mut catalog = Dictionary::from_iter([
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages_id)),
    ]);
    let names: BTreeSet<Vec<u8>> = dests.iter().map(|(k, _)| k.clone()).collect();
    if !dests.is_empty() {
        let id = out.add_object(Object::Dictionary(dests));
        catalog.set("Dests", Object::Reference(id));
    }
    if let Some(root) = StructTree::join(&mut out, &trees, next_key)? {
        catalog.set("StructTreeRoot", Object::Reference(root));
        catalog.set(
            "MarkInfo",
            Dictionary::from_iter([("Marked", Object::Boolean(true))]),
        );
    }
    if let Some(root) = Outline::join(&mut out, &outlines)? {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    if !meta.language.is_empty() {
        catalog.set("Lang", text_string(&meta.language));
    }
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
    );
    let catalog_id = out.add_object(Object::Dictionary(catalog));

    let mut info = Dictionary::new();
    info.set("Title", text_string(&meta.title));
    if !meta.author.is_empty() {
        info.set("Author", text_string(&meta.author));
    }
    if !meta.subject.is_empty() {
        info.set("Subject", text_string(&meta.subject));
    }
    info.set("Creator", text_string(&meta.creator));
    if let Some(producer) = producer {
        info.set("Producer", producer);
    }
    let now = pdf_date(std::time::SystemTime::now());
    info.set("CreationDate", created.unwrap_or_else(|| now.clone()));
    info.set("ModDate", now);
    let info_id = out.add_object(Object::Dictionary(info));

    out.trailer = Dictionary::from_iter([
        ("Root", Object::Reference(catalog_id)),
        ("Info", Object::Reference(info_id)),
    ]);
    retarget_links(&mut out, &names, meta);
    out.prune_objects();
    Ok(out)
}

/// Give every page its inherited attributes, as its page tree is about to be replaced.
fn materialize_page_attributes(doc: &mut Document) -> anyhow::Result<()> {
    const INHERITED: [&[u8]; 4] = [b"MediaBox", b"CropBox", b"Resources", b"Rotate"];
    for page in doc.get_pages().into_values() {
        let mut found: Vec<(&[u8], Object)> = Vec::new();
        for key in INHERITED {
            if doc.get_dictionary(page)?.has(key) {
                continue;
            }
            let mut node = doc.get_dictionary(page)?.get(b"Parent").ok().cloned();
            let mut seen = BTreeSet::new();
            while let Some(Object::Reference(id)) = node {
                if !seen.insert(id) {
                    break;
                }
                let parent = doc.get_dictionary(id)?;
                if let Ok(value) = parent.get(key) {
                    found.push((key, value.clone()));
                    break;
                }
                node = parent.get(b"Parent").ok().cloned();
            }
        }
        let dict = doc.get_dictionary_mut(page)?;
        for (key, value) in found {
            dict.set(key, value);
        }
    }
    Ok(())
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

fn deref_dict<'a>(doc: &'a Document, object: &'a Object) -> lopdf::Result<&'a Dictionary> {
    doc.dereference(object)?.1.as_dict()
}

/// Named destinations: the catalog's `/Dests` dictionary (what Chromium writes) or a `/Names`
/// tree.
fn collect_dests(doc: &Document, catalog: &Dictionary, into: &mut Dictionary) {
    if let Ok(dests) = catalog.get(b"Dests").and_then(|d| deref_dict(doc, d)) {
        for (name, dest) in dests.iter() {
            into.set(name.clone(), dest.clone());
        }
    }
    let tree = catalog
        .get(b"Names")
        .and_then(|n| deref_dict(doc, n))
        .and_then(|n| n.get(b"Dests"))
        .and_then(|d| deref_dict(doc, d));
    if let Ok(tree) = tree {
        let mut pairs = Vec::new();
        flatten_tree(doc, tree, b"Names", &mut pairs, 0);
        for (key, value) in pairs {
            if let Object::String(name, _) = key {
                // A destination in a name tree may be a dictionary holding it under /D.
                let value = match deref(doc, &value) {
                    Some(Object::Dictionary(d)) => d.get(b"D").cloned().unwrap_or(value),
                    _ => value,
                };
                into.set(name, value);
            }
        }
    }
}

/// The key/value pairs of a name tree (`/Names`) or number tree (`/Nums`).
fn flatten_tree(
    doc: &Document,
    node: &Dictionary,
    leaf: &[u8],
    into: &mut Vec<(Object, Object)>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    if let Ok(Object::Array(items)) = node.get(leaf).map(|o| deref(doc, o).unwrap_or(o)) {
        for pair in items.chunks(2) {
            if let [key, value] = pair {
                into.push((key.clone(), value.clone()));
            }
        }
    }
    if let Ok(Object::Array(kids)) = node.get(b"Kids").map(|o| deref(doc, o).unwrap_or(o)) {
        for kid in kids {
            if let Ok(kid) = deref_dict(doc, kid) {
                flatten_tree(doc, kid, leaf, into, depth + 1);
            }
        }
    }
}

/// A PDF text string: PDFDocEncoding for ASCII, UTF-16BE with a byte-order mark otherwise.
pub fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// `D:YYYYMMDDHHmmSSZ` for a moment (in UTC).
fn pdf_date(time: std::time::SystemTime) -> Object {
    let text = jiff::Timestamp::try_from(time)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("D:%Y%m%d%H%M%SZ")
        .to_string();
    Object::String(text.into_bytes(), StringFormat::Literal)
}

/// The number of pages of a printed part, without reading all of it.
pub fn count_pages(path: &std::path::Path) -> anyhow::Result<usize> {
    Document::load_metadata(path)
        .map(|meta| meta.page_count as usize)
        .map_err(|err| anyhow!("cannot read {}: {err}", path.display()))
}

/// Read a printed part.
pub fn load(path: &std::path::Path) -> anyhow::Result<Document> {
    Document::load(path).map_err(|err| anyhow!("cannot read {}: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn dates_are_written_the_pdf_way() {
        let date = pdf_date(UNIX_EPOCH + Duration::from_secs(1_795_000_000));
        assert_eq!(date.as_str().unwrap(), b"D:20261118110640Z");
        let epoch = pdf_date(UNIX_EPOCH);
        assert_eq!(epoch.as_str().unwrap(), b"D:19700101000000Z");
    }

    #[test]
    fn text_strings_are_utf16_when_they_need_to_be() {
        assert_eq!(text_string("Ada").as_str().unwrap(), b"Ada".as_slice());
        assert_eq!(
            text_string("Zoë").as_str().unwrap(),
            [0xFE, 0xFF, 0, b'Z', 0, b'o', 0, 0xEB].as_slice()
        );
    }
}
