//! The theme's scripts and stylesheets as published: without comments and indentation. The
//! sources in `static/` are written to be read (each script explains itself at length); a
//! browser needs none of that, and every page loads them. minifier is what rustdoc uses for its
//! own scripts and styles. A file it cannot read is published as it is.

use std::borrow::Cow;

/// `bytes` of the static file `name`, minified if it is JavaScript or CSS.
pub fn static_file<'a>(name: &str, bytes: &'a [u8]) -> Cow<'a, [u8]> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Cow::Borrowed(bytes);
    };
    let minified = if name.ends_with(".js") {
        minifier::js::minify(text).ok().map(|m| m.to_string())
    } else if name.ends_with(".css") {
        minifier::css::minify(text).ok().map(|m| m.to_string())
    } else {
        None
    };
    match minified {
        Some(small) if small.len() < text.len() => Cow::Owned(small.into_bytes()),
        _ => Cow::Borrowed(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_indentation_go_and_code_stays() {
        let js = b"/* about */\n(() => {\n  // why\n  const re = /^#\\/([^/]*)/;\n  return `a ${re.source}`;\n})();\n";
        let small = String::from_utf8(static_file("js/x.js", js).into_owned()).unwrap();
        assert!(
            !small.contains("about") && !small.contains("why"),
            "{small}"
        );
        assert!(
            small.contains(r"/^#\/([^/]*)/") && small.contains("`a ${re.source}`"),
            "{small}"
        );
        let css = b"/* note */\n.a {\n  color: red;\n}\n";
        let small = String::from_utf8(static_file("css/x.css", css).into_owned()).unwrap();
        assert_eq!(small.trim(), ".a{color:red;}");
        assert_eq!(static_file("images/a.svg", b"<svg/>").as_ref(), b"<svg/>");
    }
}
