//! The files around printing: the site the pages load, the finished PDF, their URLs.

use std::path::Path;

use anyhow::Context;

use crate::content::CONTENT_DIR;
use crate::pipeline;

/// The files the printed pages load: the theme's static files, the highlighting stylesheet and
/// the content's images and samples.
pub fn write_site(site: &Path, loaded: &pipeline::Loaded) -> anyhow::Result<()> {
    let put = |rel: &str, bytes: &[u8]| -> anyhow::Result<()> {
        let path = site.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    };
    for (name, file) in &loaded.theme.statics {
        put(name, &file.bytes)?;
    }
    put(
        crate::render::HIGHLIGHT_CSS,
        crate::highlight::stylesheet().as_bytes(),
    )?;
    let content = loaded.project.root.join(CONTENT_DIR);
    for asset in loaded.workshop.assets() {
        let target = site.join(asset);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let (mut file, _) = crate::content::discover::open_asset(&loaded.project, asset)
            .map_err(|problem| anyhow::anyhow!("{problem}"))?;
        let mut copy = std::fs::File::create(&target)
            .with_context(|| format!("cannot write {}", target.display()))?;
        std::io::copy(&mut file, &mut copy)
            .with_context(|| format!("cannot copy {}", content.join(asset).display()))?;
    }
    Ok(())
}

/// Write `doc` to `path` through a temporary file, so that a reader never sees half a PDF. Object
/// streams pack the structure tree's many small objects: the file is about half the size.
pub fn save(doc: &mut lopdf::Document, path: &Path) -> anyhow::Result<u64> {
    let temp = path.with_extension("pdf.part");
    let file =
        std::fs::File::create(&temp).with_context(|| format!("cannot write {}", temp.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    doc.save_modern(&mut writer)
        .and_then(|()| std::io::Write::flush(&mut writer))
        .with_context(|| format!("cannot write {}", temp.display()))?;
    drop(writer);
    std::fs::rename(&temp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(std::fs::metadata(path).map(|m| m.len()).unwrap_or(0))
}

/// The `file://` URL of a local path (made absolute).
pub fn file_url(path: &Path) -> anyhow::Result<String> {
    let absolute = std::path::absolute(path)?;
    let text = absolute.to_string_lossy().replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    let mut url = format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(&text, PATH)
    );
    if path.is_dir() && !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

pub fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
