//! Splicing rendered chapters into pages: page templates print a placeholder for each chapter's
//! fragment, replaced here by the fragment, in one buffer (files) or as shared chunks (the dev
//! server).

use std::sync::Arc;

use super::Fragments;

/// The text a page template prints for chapter `number`'s fragment `kind` (`d` deck, `h` handout).
pub(super) fn placeholder(nonce: &str, number: usize, kind: char) -> String {
    format!("\u{1}dh{nonce}:{number}:{kind}\u{1}")
}

/// Replace every placeholder in `shell` with its fragment.
pub(super) fn splice(shell: &str, nonce: &str, fragments: &[Fragments]) -> Vec<u8> {
    let extra: usize = fragments.iter().map(|f| f.deck.len()).sum();
    let mut out = String::with_capacity(shell.len() + extra);
    pieces(shell, nonce, fragments, |piece| match piece {
        Piece::Text(text) => out.push_str(text),
        Piece::Fragment(fragment) => out.push_str(fragment),
    });
    out.into_bytes()
}

/// The same page as a list of chunks that share the fragments instead of copying them: what
/// the dev server sends, so that a 200-chapter deck goes out without being put together.
pub(super) fn splice_chunks(
    shell: &str,
    nonce: &str,
    fragments: &[Fragments],
) -> Vec<bytes::Bytes> {
    let mut chunks = Vec::new();
    pieces(shell, nonce, fragments, |piece| match piece {
        Piece::Text("") => {}
        Piece::Text(text) => chunks.push(bytes::Bytes::copy_from_slice(text.as_bytes())),
        Piece::Fragment(fragment) => {
            chunks.push(bytes::Bytes::from_owner(SharedText(fragment.clone())))
        }
    });
    chunks
}

/// A fragment as the bytes of a chunk.
struct SharedText(Arc<str>);

impl AsRef<[u8]> for SharedText {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

enum Piece<'s> {
    Text(&'s str),
    Fragment(&'s Arc<str>),
}

/// Walk `shell`, handing `out` its text and, in place of each placeholder, the fragment.
fn pieces<'s>(
    shell: &'s str,
    nonce: &str,
    fragments: &'s [Fragments],
    mut out: impl FnMut(Piece<'s>),
) {
    let prefix = format!("\u{1}dh{nonce}:");
    let mut rest = shell;
    while let Some(at) = rest.find(&prefix) {
        out(Piece::Text(&rest[..at]));
        let after = &rest[at + prefix.len()..];
        let Some(end) = after.find('\u{1}') else {
            break;
        };
        if let Some(fragment) = lookup(&after[..end], fragments) {
            out(Piece::Fragment(fragment));
        }
        rest = &after[end + 1..];
    }
    out(Piece::Text(rest));
}

/// The fragment a placeholder's `number:kind` names.
fn lookup<'f>(id: &str, fragments: &'f [Fragments]) -> Option<&'f Arc<str>> {
    let (number, kind) = id.split_once(':')?;
    let fragment = fragments.get(number.parse::<usize>().ok()?.checked_sub(1)?)?;
    match kind {
        "d" => Some(&fragment.deck),
        "h" => Some(&fragment.handout),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Fragments;

    #[test]
    fn placeholders_are_replaced_by_their_fragments() {
        let fragments = vec![
            Fragments {
                deck: "<d1>".into(),
                handout: "<h1>".into(),
            },
            Fragments {
                deck: "<d2>".into(),
                handout: "<h2>".into(),
            },
        ];
        let shell = format!(
            "a{}b{}c{}",
            placeholder("n", 1, 'd'),
            placeholder("n", 2, 'd'),
            placeholder("n", 2, 'h')
        );
        assert_eq!(
            String::from_utf8(splice(&shell, "n", &fragments)).unwrap(),
            "a<d1>b<d2>c<h2>"
        );
        // Another nonce is not ours: left alone.
        let foreign = placeholder("x", 1, 'd');
        assert_eq!(
            String::from_utf8(splice(&foreign, "n", &fragments)).unwrap(),
            foreign
        );
    }
}
