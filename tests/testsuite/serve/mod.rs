//! `deckhand serve`, tested as a user meets it: the real binary on a real TCP port on
//! 127.0.0.1, plain HTTP requests, and websocket clients.
//!
//! - [`reload`]: edits, errors, stylesheets, editors' save patterns, edit storms;
//! - [`presenter`]: tokens, roles, positions, followers;
//! - [`security`]: paths, origins, the 404 page, binding, shutdown;
//! - [`guard`]: host names, silent connections, log floods;
//! - [`sequences`]: edit sequences that once went wrong, and pipes;
//! - [`browser`]: the same in a real Chromium: reloads keep the slide, styles swap in place;
//! - [`caching`]: gzip, and validators that spare sending an unchanged file again;
//! - [`model`]: the builder behind it, as a property: what it serves is what `build` makes.

mod browser;
mod caching;
mod guard;
mod model;
mod presenter;
mod reload;
mod security;
mod sequences;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tungstenite::client::IntoClientRequest;
use tungstenite::stream::MaybeTlsStream;

use crate::support::Workshop;

/// How long anything may take before a test fails (generous: debug builds on a busy machine).
pub const DEADLINE: Duration = Duration::from_secs(30);

/// A running `deckhand serve` on a copy of a fixture.
pub struct Server {
    child: Child,
    pub workshop: Workshop,
    /// `http://127.0.0.1:<port>`
    pub base: String,
    pub token: String,
    stdout: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Serve a copy of the small fixture.
    pub fn small() -> Server {
        Server::start(Workshop::small(), &[])
    }

    /// Serve `workshop` with extra command-line arguments; returns once it watches for changes.
    pub fn start(workshop: Workshop, args: &[&str]) -> Server {
        let mut child = Command::new(crate::support::deckhand_bin())
            .arg("serve")
            .arg(workshop.root())
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start deckhand serve");
        let (tx, stdout) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let mut server = Server {
            child,
            workshop,
            base: String::new(),
            token: String::new(),
            stdout,
            stderr,
        };
        let banner = server.read_until("Watching");
        server.base = find(&banner, "at http://")
            .map(|url| url.trim_end_matches('/').to_string())
            .expect("site URL in the banner");
        server.token = banner
            .split("token=")
            .nth(1)
            .map(|rest| rest.chars().take_while(char::is_ascii_hexdigit).collect())
            .expect("token in the banner");
        server
    }

    /// Standard output up to and including the first line holding `needle`.
    pub fn read_until(&self, needle: &str) -> String {
        let started = Instant::now();
        let mut seen = String::new();
        while started.elapsed() < DEADLINE {
            match self.stdout.recv_timeout(Duration::from_millis(100)) {
                Ok(line) => {
                    seen.push_str(&line);
                    seen.push('\n');
                    if line.contains(needle) {
                        return seen;
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        panic!(
            "no `{needle}` on stdout; got:\n{seen}\nstderr:\n{}",
            self.stderr()
        );
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Poll until `condition` holds, or fail with `what`.
    pub fn wait_for(&self, what: &str, mut condition: impl FnMut() -> bool) {
        let started = Instant::now();
        while started.elapsed() < DEADLINE {
            if condition() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; stderr:\n{}", self.stderr());
    }

    /// GET `path` as a follower: (status, body).
    pub fn get(&self, path: &str) -> (u16, String) {
        self.request(path, None)
    }

    /// GET `path` with the presenter cookie.
    pub fn get_as_presenter(&self, path: &str) -> (u16, String) {
        self.request(path, Some(&format!("deckhand_presenter={}", self.token)))
    }

    fn request(&self, path: &str, cookie: Option<&str>) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        let mut request = agent.get(&format!("{}{path}", self.base));
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie);
        }
        let mut response = request.call().expect("an HTTP response");
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_to_string().unwrap_or_default(),
        )
    }

    /// A raw HTTP/1.1 request line, as sent (clients would normalise `..` away).
    pub fn raw_get(&self, target: &str) -> String {
        let address = self.base.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    /// A websocket as a follower (`cookie: None`) or with the given cookie.
    pub fn socket(&self, cookie: Option<&str>) -> Socket {
        self.socket_with(cookie, None).expect("websocket upgrade")
    }

    pub fn presenter_socket(&self) -> Socket {
        self.socket(Some(&format!("deckhand_presenter={}", self.token)))
    }

    pub fn socket_with(
        &self,
        cookie: Option<&str>,
        origin: Option<&str>,
    ) -> Result<Socket, tungstenite::Error> {
        let url = format!("{}/__deckhand/ws", self.base.replace("http://", "ws://"));
        let mut request = url.into_client_request().unwrap();
        if let Some(cookie) = cookie {
            request
                .headers_mut()
                .insert("Cookie", cookie.parse().unwrap());
        }
        if let Some(origin) = origin {
            request
                .headers_mut()
                .insert("Origin", origin.parse().unwrap());
        }
        let (mut socket, _) = tungstenite::connect(request)?;
        if let MaybeTlsStream::Plain(stream) = socket.get_mut() {
            stream
                .set_read_timeout(Some(Duration::from_millis(200)))
                .unwrap();
        }
        let mut socket = Socket {
            socket,
            welcome: serde_json::Value::Null,
        };
        socket.welcome = socket.expect("welcome");
        assert_eq!(socket.welcome["type"], "welcome");
        Ok(socket)
    }

    /// Interrupt the server as Ctrl-C would; its exit status.
    pub fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("kill -INT");
        let started = Instant::now();
        while started.elapsed() < DEADLINE {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the server did not stop after Ctrl-C");
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A websocket client.
pub struct Socket {
    socket: tungstenite::WebSocket<MaybeTlsStream<TcpStream>>,
    /// The server's first message: role, current position, current errors.
    pub welcome: serde_json::Value,
}

impl Socket {
    /// The next message, or `None` if none came within `wait`.
    pub fn next_within(&mut self, wait: Duration) -> Option<serde_json::Value> {
        let started = Instant::now();
        while started.elapsed() < wait {
            match self.socket.read() {
                Ok(tungstenite::Message::Text(text)) => return serde_json::from_str(&text).ok(),
                Ok(_) => continue,
                Err(tungstenite::Error::Io(err))
                    if matches!(
                        err.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(err) => panic!("websocket closed: {err}"),
            }
        }
        None
    }

    /// The next message; fails the test if none comes in time.
    pub fn expect(&mut self, what: &str) -> serde_json::Value {
        self.next_within(DEADLINE)
            .unwrap_or_else(|| panic!("no {what} message"))
    }

    /// Skip messages until one of type `kind` comes.
    pub fn expect_type(&mut self, kind: &str) -> serde_json::Value {
        let started = Instant::now();
        while started.elapsed() < DEADLINE {
            if let Some(message) = self.next_within(Duration::from_millis(200))
                && message["type"] == kind
            {
                return message;
            }
        }
        panic!("no `{kind}` message");
    }

    pub fn send(&mut self, value: serde_json::Value) {
        self.socket
            .send(tungstenite::Message::text(value.to_string()))
            .unwrap();
    }
}

/// The word after `marker` in `text`.
fn find<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let at = text.find(marker)?;
    let start = at + marker.len() - "http://".len();
    text[start..].split_whitespace().next()
}
