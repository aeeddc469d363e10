//! Joining the parts' structure trees (the tags screen readers follow) into one.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{deref_dict, flatten_tree};

/// One part's structure tree: the elements under its root and its parent tree, with the part's
/// keys already moved past the previous parts'.
pub struct StructTree {
    root: ObjectId,
    kids: Vec<Object>,
    nums: Vec<(i64, Object)>,
    pub next_key: i64,
    role_map: Option<Object>,
}

impl StructTree {
    pub fn read(doc: &Document, catalog: &Dictionary, offset: i64) -> Option<StructTree> {
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
    pub fn join(
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

pub fn element_kids(doc: &Document, element: ObjectId) -> Vec<Object> {
    match doc.get_dictionary(element).and_then(|e| e.get(b"K")) {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(kid) => vec![kid.clone()],
        Err(_) => Vec::new(),
    }
}

/// Move a part's parent-tree keys (`/StructParents` of pages, `/StructParent` of annotations)
/// past the previous parts'.
pub fn shift_struct_parents(doc: &mut Document, offset: i64) {
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
