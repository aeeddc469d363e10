//! Joining the parts' bookmarks into one outline.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

/// One part's bookmarks: the first and last of its top-level items and how many are visible.
pub struct Outline {
    root: ObjectId,
    first: ObjectId,
    last: ObjectId,
    count: i64,
}

impl Outline {
    pub fn read(doc: &Document, catalog: &Dictionary) -> Option<Outline> {
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
    pub fn join(out: &mut Document, outlines: &[Outline]) -> anyhow::Result<Option<ObjectId>> {
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
