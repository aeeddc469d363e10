//! Links between parts, and links into the folder the pages were printed from.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, StringFormat};

use super::Meta;

/// The scheme of links to an anchor printed in another part: `deckhand-dest:<name>`.
pub const DEST_SCHEME: &str = "deckhand-dest:";

/// Links to another part's anchor become links to its named destination; links into the folder
/// the pages were printed from lead to the published site, or nowhere.
pub fn retarget_links(doc: &mut Document, names: &BTreeSet<Vec<u8>>, meta: &Meta) {
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
