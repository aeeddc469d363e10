//! What the server answers to and for how long: `Host` names (DNS rebinding), silent
//! connections, and how much one client can make it log.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::json;

use super::{DEADLINE, Server};
use crate::support::Workshop;

/// The `127.0.0.1:PORT` the server listens on.
fn address(server: &Server) -> String {
    server.base.trim_start_matches("http://").to_string()
}

/// Send `request` as written and read the whole answer (the server closes after it).
fn exchange(server: &Server, request: &str) -> String {
    let mut stream = TcpStream::connect(address(server)).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

fn get_with_host(server: &Server, path: &str, host: &str) -> String {
    exchange(
        server,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

/// A websocket upgrade request from a page at `host` (its own name as host and origin).
fn upgrade(server: &Server, host: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address(server)).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "GET /__deckhand/ws HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n\
         Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    )
    .unwrap();
    stream
}

/// The status of a websocket upgrade as a rebinding page would send it.
fn upgrade_with_host(server: &Server, host: &str) -> String {
    let mut stream = upgrade(server, host);
    // The status line is enough: 101 switches protocols, anything else is a refusal.
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).unwrap();
    String::from_utf8_lossy(&head).into_owned()
}

fn status(response: &str) -> &str {
    response.lines().next().unwrap_or("")
}

#[test]
fn requests_for_another_host_name_are_refused() {
    let server = Server::small();
    let port = address(&server).rsplit(':').next().unwrap().to_string();
    for host in [
        "attacker.example".to_string(),
        format!("attacker.example:{port}"),
        format!("localhost.attacker.example:{port}"),
        format!("10.0.0.1:{port}"),
    ] {
        let response = get_with_host(&server, "/print-deck.html", &host);
        assert!(
            response.starts_with("HTTP/1.1 421"),
            "Host {host} was answered: {}",
            status(&response)
        );
        assert!(!response.contains("A pod"), "Host {host} got the deck");
        assert!(
            response.contains("--allow-host"),
            "the refusal says what to do: {response}"
        );
        let upgrade = upgrade_with_host(&server, &host);
        assert_eq!(upgrade, "HTTP/1.1 421", "websocket for Host {host}");
    }
    for host in [
        address(&server),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let response = get_with_host(&server, "/print-deck.html", &host);
        assert!(
            response.starts_with("HTTP/1.1 200") && response.contains("A pod"),
            "Host {host} was refused: {}",
            status(&response)
        );
    }
    assert_eq!(
        upgrade_with_host(&server, &address(&server)),
        "HTTP/1.1 101"
    );
    assert!(
        server.stderr().contains("another host name"),
        "refusals are logged: {}",
        server.stderr()
    );
}

#[test]
fn allow_host_adds_a_name() {
    let server = Server::start(Workshop::small(), &["--allow-host", "talk.example"]);
    let port = address(&server).rsplit(':').next().unwrap().to_string();
    let response = get_with_host(&server, "/print-deck.html", &format!("talk.example:{port}"));
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "{}",
        status(&response)
    );
    let response = get_with_host(&server, "/print-deck.html", "other.example");
    assert!(
        response.starts_with("HTTP/1.1 421"),
        "{}",
        status(&response)
    );
}

/// Read from `stream` until the server closes it; how long that took.
fn closed_after(mut stream: TcpStream) -> Duration {
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let started = Instant::now();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return started.elapsed(),
            Ok(_) => continue,
            Err(err) if err.kind() == ErrorKind::ConnectionReset => return started.elapsed(),
            Err(err) => panic!("the server kept a silent connection open ({err})"),
        }
    }
}

#[test]
fn silent_connections_are_closed() {
    let server = Server::start(Workshop::small(), &["--idle-timeout", "1"]);
    // A client that connects and says nothing.
    let silent = TcpStream::connect(address(&server)).unwrap();
    let waited = closed_after(silent);
    assert!(
        waited >= Duration::from_millis(900),
        "closed after {waited:?}"
    );

    // A keep-alive connection after its answer.
    let mut kept = TcpStream::connect(address(&server)).unwrap();
    write!(
        kept,
        "GET /index.html HTTP/1.1\r\nHost: {}\r\n\r\n",
        address(&server)
    )
    .unwrap();
    let waited = closed_after(kept);
    assert!(
        waited >= Duration::from_millis(900),
        "closed after {waited:?}"
    );

    // A websocket whose page never answers the pings.
    closed_after(upgrade(&server, &address(&server)));
}

#[test]
fn websockets_that_answer_pings_stay_open() {
    let server = Server::start(Workshop::small(), &["--idle-timeout", "1"]);
    let mut page = server.socket(None);
    // Reading answers the server's pings (tungstenite replies on its own). Three idle periods.
    assert!(page.next_within(Duration::from_secs(3)).is_none());
    page.send(json!({ "type": "ping" }));
    assert_eq!(page.expect("pong")["type"], "pong");
}

#[test]
fn one_client_cannot_flood_the_log() {
    let server = Server::small();
    let mut follower = server.socket(None);
    for _ in 0..500 {
        follower.send(json!({ "type": "nav", "dir": "sideways" }));
        follower.send(json!({ "type": "goto", "id": "intro-2", "f": 0 }));
    }
    // Messages are handled in order: once the pong is back, all 1,000 were handled.
    follower.send(json!({ "type": "ping" }));
    let started = Instant::now();
    while follower.expect("a reply")["type"] != "pong" {
        assert!(started.elapsed() < DEADLINE, "no pong");
    }
    // Other connections from the same address share the limit.
    for _ in 0..20 {
        assert!(
            server
                .socket_with(None, Some("http://evil.example"))
                .is_err()
        );
    }
    let log = server.stderr();
    let lines = log.lines().filter(|l| l.contains("127.0.0.1")).count();
    assert!(
        (2..=6).contains(&lines),
        "{lines} lines about one client:\n{log}"
    );
    assert!(log.contains("logging at most 5 lines"), "{log}");
}
