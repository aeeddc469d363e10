//! Joining the PDFs Chromium printed, part by part, into one document, and giving it its metadata.
//!
//! Chromium's PDFs are tagged (a structure tree for screen readers), carry named destinations for
//! the links inside the page, and bookmarks from the headings. Joining keeps all three: the parts'
//! structure trees become one, their destinations one dictionary, their bookmarks one outline.
//! Links that led to the temporary folder the pages were printed from are retargeted (see
//! [`Meta::base_url`]) or made inert.

use anyhow::{Context, anyhow};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use std::collections::BTreeSet;

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

/// One part's structure tree: the elements under its root and its parent tree, with the part's
/// keys already moved past the previous parts'.
struct StructTree {
    root: ObjectId,
    kids: Vec<Object>,
    nums: Vec<(i64, Object)>,
    next_key: i64,
    role_map: Option<Object>,
}

impl StructTree {
    fn read(doc: &Document, catalog: &Dictionary, offset: i64) -> Option<StructTree> {
        let root = catalog.get(b"StructTreeRoot").ok()?.as_reference().ok()?;
        let dict = doc.get_dictionary(root).ok()?;
        let kids = match dict.get(b"K") {
            Ok(Object::Array(kids)) => kids.clone(),
            Ok(kid) => vec![kid.clone()],
            Err(_) => Vec::new(),
        };
        let mut pairs = Vec::new();
        if let Ok(parent_tree) = dict.get(b"ParentTree").and_then(|t| deref_dict(doc, t)) {
            flatten_tree(doc, parent_tree, b"Nums", &mut pairs, 0);
        }
        let nums: Vec<(i64, Object)> = pairs
            .into_iter()
            .filter_map(|(k, v)| k.as_i64().ok().map(|k| (k + offset, v)))
            .collect();
        let next_key = dict
            .get(b"ParentTreeNextKey")
            .and_then(Object::as_i64)
            .unwrap_or_else(|_| nums.iter().map(|(k, _)| k - offset + 1).max().unwrap_or(0));
        Some(StructTree {
            root,
            kids,
            nums,
            next_key,
            role_map: dict.get(b"RoleMap").ok().cloned(),
        })
    }

    /// One structure tree for the joined document. When every part's tree is a single
    /// `Document` element (Chromium's), the later parts' elements join the first one's, so the
    /// document stays one `Document`.
    fn join(
        out: &mut Document,
        trees: &[StructTree],
        next_key: i64,
    ) -> anyhow::Result<Option<ObjectId>> {
        let Some(first) = trees.first() else {
            return Ok(None);
        };
        let root_id = out.new_object_id();
        let single_document = |tree: &StructTree| -> Option<ObjectId> {
            let [Object::Reference(id)] = tree.kids.as_slice() else {
                return None;
            };
            let element = out.get_dictionary(*id).ok()?;
            (element.get(b"S").ok()?.as_name().ok()? == b"Document").then_some(*id)
        };
        let documents: Option<Vec<ObjectId>> = trees.iter().map(single_document).collect();
        let root_kids: Vec<Object> = match documents {
            Some(documents) => {
                let (main, rest) = documents.split_first().expect("one tree at least");
                let mut kids = element_kids(out, *main);
                for other in rest {
                    for kid in element_kids(out, *other) {
                        if let Object::Reference(id) = kid
                            && let Ok(element) = out.get_dictionary_mut(id)
                        {
                            element.set("P", Object::Reference(*main));
                        }
                        kids.push(kid);
                    }
                }
                let element = out.get_dictionary_mut(*main)?;
                element.set("K", Object::Array(kids));
                element.set("P", Object::Reference(root_id));
                vec![Object::Reference(*main)]
            }
            None => {
                let kids: Vec<Object> = trees.iter().flat_map(|t| t.kids.clone()).collect();
                for kid in &kids {
                    if let Object::Reference(id) = kid
                        && let Ok(element) = out.get_dictionary_mut(*id)
                    {
                        element.set("P", Object::Reference(root_id));
                    }
                }
                kids
            }
        };
        let mut nums = Vec::new();
        for tree in trees {
            for (key, value) in &tree.nums {
                nums.push(Object::Integer(*key));
                nums.push(value.clone());
            }
            out.objects.remove(&tree.root);
        }
        let parent_tree = out.add_object(Dictionary::from_iter([("Nums", Object::Array(nums))]));
        let mut root = Dictionary::from_iter([
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Array(root_kids)),
            ("ParentTree", Object::Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(next_key)),
        ]);
        if let Some(role_map) = &first.role_map {
            root.set("RoleMap", role_map.clone());
        }
        out.objects.insert(root_id, Object::Dictionary(root));
        Ok(Some(root_id))
    }
}

fn element_kids(doc: &Document, element: ObjectId) -> Vec<Object> {
    match doc.get_dictionary(element).and_then(|e| e.get(b"K")) {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(kid) => vec![kid.clone()],
        Err(_) => Vec::new(),
    }
}

/// Move a part's parent-tree keys (`/StructParents` of pages, `/StructParent` of annotations)
/// past the previous parts'.
fn shift_struct_parents(doc: &mut Document, offset: i64) {
    if offset == 0 {
        return;
    }
    for object in doc.objects.values_mut() {
        let dict = match object {
            Object::Dictionary(dict) => dict,
            Object::Stream(stream) => &mut stream.dict,
            _ => continue,
        };
        for key in [b"StructParents".as_slice(), b"StructParent".as_slice()] {
            if let Ok(Object::Integer(n)) = dict.get_mut(key) {
                *n += offset;
            }
        }
    }
}

/// One part's bookmarks: the first and last of its top-level items and how many are visible.
struct Outline {
    root: ObjectId,
    first: ObjectId,
    last: ObjectId,
    count: i64,
}

impl Outline {
    fn read(doc: &Document, catalog: &Dictionary) -> Option<Outline> {
        let root = catalog.get(b"Outlines").ok()?.as_reference().ok()?;
        let dict = doc.get_dictionary(root).ok()?;
        Some(Outline {
            root,
            first: dict.get(b"First").ok()?.as_reference().ok()?,
            last: dict.get(b"Last").ok()?.as_reference().ok()?,
            count: dict.get(b"Count").and_then(Object::as_i64).unwrap_or(0),
        })
    }

    /// One outline. When the first part's outline is a single item (the handout's title, with
    /// the chapters under it), the later parts' items go under it too, so that every chapter
    /// sits at the same level.
    fn join(out: &mut Document, outlines: &[Outline]) -> anyhow::Result<Option<ObjectId>> {
        let Some(first) = outlines.first() else {
            return Ok(None);
        };
        let root_id = out.new_object_id();
        let top = top_level(out, first.first);
        let nest_under =
            (outlines.len() > 1 && top.len() == 1 && out.get_dictionary(top[0])?.has(b"First"))
                .then(|| top[0]);
        let (parent, mut last) = match nest_under {
            Some(item) => (
                item,
                out.get_dictionary(item)?.get(b"Last")?.as_reference()?,
            ),
            None => (root_id, first.last),
        };
        let mut added = 0;
        for outline in &outlines[1..] {
            let items = top_level(out, outline.first);
            for item in &items {
                out.get_dictionary_mut(*item)?
                    .set("Parent", Object::Reference(parent));
            }
            out.get_dictionary_mut(last)?
                .set("Next", Object::Reference(outline.first));
            out.get_dictionary_mut(outline.first)?
                .set("Prev", Object::Reference(last));
            last = outline.last;
            added += outline.count.abs();
            out.objects.remove(&outline.root);
        }
        if let Some(item) = nest_under {
            let dict = out.get_dictionary_mut(item)?;
            dict.set("Last", Object::Reference(last));
            let count = dict.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
            dict.set(
                "Count",
                Object::Integer(if count < 0 {
                    count - added
                } else {
                    count + added
                }),
            );
            let open = count >= 0;
            last = item;
            if !open {
                added = 0;
            }
        }
        for item in top_level(out, first.first) {
            out.get_dictionary_mut(item)?
                .set("Parent", Object::Reference(root_id));
        }
        out.objects.remove(&first.root);
        let root = Dictionary::from_iter([
            ("Type", Object::Name(b"Outlines".to_vec())),
            ("First", Object::Reference(first.first)),
            ("Last", Object::Reference(last)),
            ("Count", Object::Integer(first.count.abs() + added)),
        ]);
        out.objects.insert(root_id, Object::Dictionary(root));
        Ok(Some(root_id))
    }
}

/// The chain of items starting at `first`, through `/Next`.
fn top_level(doc: &Document, first: ObjectId) -> Vec<ObjectId> {
    let mut items = vec![first];
    let mut seen = BTreeSet::from([first]);
    let mut current = first;
    while let Ok(next) = doc
        .get_dictionary(current)
        .and_then(|d| d.get(b"Next"))
        .and_then(Object::as_reference)
    {
        if !seen.insert(next) {
            break;
        }
        items.push(next);
        current = next;
    }
    items
}

/// The scheme of links to an anchor printed in another part: `deckhand-dest:<name>`.
pub const DEST_SCHEME: &str = "deckhand-dest:";

/// Links to another part's anchor become links to its named destination; links into the folder
/// the pages were printed from lead to the published site, or nowhere.
fn retarget_links(doc: &mut Document, names: &BTreeSet<Vec<u8>>, meta: &Meta) {
    for object in doc.objects.values_mut() {
        let Object::Dictionary(annotation) = object else {
            continue;
        };
        if !annotation
            .get(b"Subtype")
            .is_ok_and(|s| s.as_name().is_ok_and(|n| n == b"Link"))
        {
            continue;
        }
        let uri = match annotation.get(b"A").and_then(Object::as_dict) {
            Ok(action)
                if action
                    .get(b"S")
                    .is_ok_and(|s| s.as_name().is_ok_and(|n| n == b"URI")) =>
            {
                match action.get(b"URI") {
                    Ok(Object::String(bytes, _)) => String::from_utf8_lossy(bytes).to_string(),
                    _ => continue,
                }
            }
            _ => continue,
        };
        if let Some(name) = uri.strip_prefix(DEST_SCHEME) {
            annotation.remove(b"A");
            let name = percent_decode(name);
            if names.contains(name.as_bytes()) {
                annotation.set("Dest", Object::Name(name.into_bytes()));
            }
        } else if let Some(rest) = uri.strip_prefix(&meta.printed_from) {
            annotation.remove(b"A");
            if let Some(base) = &meta.base_url {
                let target = format!("{}/{}", base.trim_end_matches('/'), rest);
                annotation.set(
                    "A",
                    Dictionary::from_iter([
                        ("S", Object::Name(b"URI".to_vec())),
                        (
                            "URI",
                            Object::String(target.into_bytes(), StringFormat::Literal),
                        ),
                    ]),
                );
            }
        }
    }
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
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

/// `D:YYYYMMDDHHmmSSZ` for a moment.
fn pdf_date(time: std::time::SystemTime) -> Object {
    let secs = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let text = format!(
        "D:{year:04}{month:02}{day:02}{:02}{:02}{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    );
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
