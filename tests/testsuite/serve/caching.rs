//! What travels: text is gzipped for browsers that take it, and a file the browser already has
//! is answered `304 Not Modified` until a rebuild changes it.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;

use super::Server;

/// A response as it came over the wire (chunked bodies put back together, nothing decoded).
struct Wire {
    status: u16,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Wire {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> Wire {
    let address = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t == "chunked")
    {
        body = dechunk(&body);
    }
    Wire {
        status,
        headers,
        body,
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..line_end]).unwrap().trim(), 16)
            .unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[line_end + 2..line_end + 2 + size]);
        raw = &raw[line_end + 2 + size + 2..];
    }
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn text_is_gzipped_for_browsers_that_take_it() {
    let server = Server::small();
    for path in ["/deck-intro.html", "/css/deck.css", "/js/deck.js"] {
        let plain = get(&server, path, &[]);
        assert_eq!(plain.status, 200, "{path}");
        assert_eq!(plain.header("content-encoding"), None, "{path}");
        let packed = get(&server, path, &[("Accept-Encoding", "gzip, deflate, br")]);
        assert_eq!(packed.status, 200, "{path}");
        assert_eq!(packed.header("content-encoding"), Some("gzip"), "{path}");
        assert!(
            packed.body.len() < plain.body.len(),
            "{path}: {} bytes gzipped, {} plain",
            packed.body.len(),
            plain.body.len()
        );
        assert_eq!(gunzip(&packed.body), plain.body, "{path}");
    }
}

#[test]
fn an_unchanged_file_is_not_sent_again_and_a_rebuilt_one_is() {
    let server = Server::small();
    let mut socket = server.socket(None);
    let first = get(&server, "/deck-intro.html", &[]);
    let tag = first.header("etag").expect("an ETag").to_string();
    assert_eq!(first.header("cache-control"), Some("no-cache"));
    let again = get(&server, "/deck-intro.html", &[("If-None-Match", &tag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    // The same validator holds for the gzipped copy.
    let packed = get(
        &server,
        "/deck-intro.html",
        &[("If-None-Match", &tag), ("Accept-Encoding", "gzip")],
    );
    assert_eq!(packed.status, 304);

    server
        .workshop
        .replace("content/01-intro.md", "Welcome.", "Welcome, edited.");
    socket.expect_type("reload");
    let fresh = get(&server, "/deck-intro.html", &[("If-None-Match", &tag)]);
    assert_eq!(fresh.status, 200);
    assert_ne!(fresh.header("etag"), Some(tag.as_str()));
    assert!(String::from_utf8_lossy(&fresh.body).contains("Welcome, edited."));
}
