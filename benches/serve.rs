//! `deckhand serve` latency: the time from writing a chapter to (a) the reload message on an
//! open page's websocket and (b) the chapter's fresh deck page being served over HTTP, for one-chapter edits
//! on the bundled workshop and on the 200-chapter synthetic workload (20 edits each, after one
//! warm-up edit). Run with `cargo bench --bench serve`; prints a Markdown table.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use tungstenite::stream::MaybeTlsStream;

const EDITS: usize = 20;

fn main() {
    let temp = tempfile::tempdir().unwrap();
    let bundled = bundled_copy(&temp.path().join("bundled"));
    let n200 = temp.path().join("n200");
    copy_dir(&workload(200, "deckhand"), &n200);
    println!(
        "deckhand serve, release binary, {EDITS} one-chapter edits each; {}",
        machine()
    );
    println!();
    println!(
        "| workshop | chapter page size | (a) write → reload message, median | p95 | (b) write → fresh chapter page served, median | p95 |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, dir) in [
        ("bundled workshop (10 chapters)", bundled),
        ("workload n200", n200),
    ] {
        let (size, mut reload, mut fresh) = measure(&dir);
        println!(
            "| {name} | {:.1} MB | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms |",
            size as f64 / 1e6,
            median(&mut reload.clone()),
            percentile(&mut reload, 95.0),
            median(&mut fresh.clone()),
            percentile(&mut fresh, 95.0)
        );
    }
}

/// Serve `dir`, edit its chapters one at a time: deck size, reload latencies, fresh-page latencies (ms).
fn measure(dir: &Path) -> (usize, Vec<f64>, Vec<f64>) {
    // The first build warms the highlighting cache; serve then starts as it would day to day.
    let status = Command::new(DECKHAND)
        .arg("build")
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut server = Command::new(DECKHAND)
        .arg("serve")
        .arg(dir)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start deckhand serve");
    let mut address = String::new();
    for line in BufReader::new(server.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok)
    {
        if let Some(url) = line.split("at http://").nth(1) {
            address = url.trim_end_matches('/').to_string();
        }
        if line.contains("Watching") {
            break;
        }
    }
    let (mut socket, _) =
        tungstenite::connect(format!("ws://{address}/__deckhand/ws")).expect("websocket");
    if let MaybeTlsStream::Plain(stream) = socket.get_mut() {
        stream.set_nodelay(true).unwrap();
    }
    let _welcome = socket.read().unwrap();
    let chapters = chapter_files(dir);
    let mut reload = Vec::new();
    let mut fresh = Vec::new();
    let mut size = 0;
    for edit in 0..=EDITS {
        let chapter = &chapters[edit % chapters.len()];
        let text = std::fs::read_to_string(chapter).unwrap();
        let marker = format!("bench-edit-{edit}-{}", std::process::id());
        let edited = insert_marker(&text, &marker);
        let started = Instant::now();
        std::fs::write(chapter, edited).unwrap();
        loop {
            let message = socket.read().expect("a message");
            if message.to_text().unwrap_or("").contains("\"reload\"") {
                break;
            }
        }
        let reloaded = started.elapsed();
        // The clock stops when the response has arrived; looking for the edit in it is ours.
        let page = format!("/deck-{}.html", slug_of(chapter));
        let (deck, served) = loop {
            let deck = get(&address, &page);
            let served = started.elapsed();
            if deck.windows(marker.len()).any(|w| w == marker.as_bytes()) {
                break (deck, served);
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the edit never showed"
            );
        };
        size = deck.len();
        if edit > 0 {
            reload.push(reloaded.as_secs_f64() * 1000.0);
            fresh.push(served.as_secs_f64() * 1000.0);
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    (size, reload, fresh)
}

/// The chapter files of a workshop, in order.
fn chapter_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("content"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

/// Put `marker` in the first slide's first paragraph line after the title.
fn insert_marker(text: &str, marker: &str) -> String {
    let heading = text.find("\n# ").expect("a title heading");
    let end = heading + 1 + text[heading + 1..].find('\n').unwrap();
    format!("{}\n\n{marker}\n{}", &text[..end], &text[end..])
}

/// A plain HTTP/1.1 GET: the whole response, headers included.
fn get(address: &str, path: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_nodelay(true).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::with_capacity(8 << 20);
    stream.read_to_end(&mut response).unwrap();
    response
}

/// A chapter file's slug, as deckhand derives it from the name (no `slug` in the front matter):
/// `01-intro.md` → `intro`, `ch001.md` → `ch001`.
fn slug_of(chapter: &std::path::Path) -> String {
    let stem = chapter.file_stem().unwrap().to_string_lossy();
    let rest = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() == stem.len() {
        return stem.into_owned();
    }
    rest.trim_start_matches(['-', '_', '.', ' ']).to_string()
}
