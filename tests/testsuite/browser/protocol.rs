//! The DevTools protocol over the pipe: commands by id, replies, and events kept per session.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::process::ChildStdin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{COMMAND_TIMEOUT, DEADLINE};

pub type Reply = Result<Value, String>;

/// One DevTools connection: commands by id, and every event kept per session.
pub struct Conn {
    pub stdin: Mutex<ChildStdin>,
    pub next_id: AtomicU64,
    pub pending: Mutex<HashMap<u64, mpsc::Sender<Reply>>>,
    pub events: Mutex<HashMap<String, Vec<Value>>>,
    /// Pages set up and running, by target id: their session and target info.
    pub attached: Mutex<HashMap<String, (String, Value)>>,
    pub changed: Condvar,
}

impl Conn {
    pub fn new(stdin: ChildStdin, stdout: impl std::io::Read + Send + 'static) -> Arc<Conn> {
        let conn = Arc::new(Conn {
            stdin: Mutex::new(stdin),
            next_id: AtomicU64::new(1),
            pending: Mutex::new(HashMap::new()),
            events: Mutex::new(HashMap::new()),
            attached: Mutex::new(HashMap::new()),
            changed: Condvar::new(),
        });
        let reader = Arc::downgrade(&conn);
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                let ended = !matches!(stdout.read_until(0, &mut buf), Ok(n) if n > 0);
                let Some(conn) = reader.upgrade() else { return };
                if ended {
                    // Dropping the senders fails every waiting call.
                    conn.pending.lock().unwrap().clear();
                    return;
                }
                buf.pop_if(|b| *b == 0);
                let Ok(msg) = serde_json::from_slice::<Value>(&buf) else {
                    continue;
                };
                if let Some(id) = msg["id"].as_u64() {
                    if let Some(tx) = conn.pending.lock().unwrap().remove(&id) {
                        let reply = match msg.get("error") {
                            Some(err) => Err(err.to_string()),
                            None => Ok(msg["result"].clone()),
                        };
                        let _ = tx.send(reply);
                    }
                } else {
                    let session = msg["sessionId"].as_str().unwrap_or("").to_string();
                    if session.is_empty() && msg["method"] == "Target.attachedToTarget" {
                        // Set it up on another thread: this one must go on reading replies.
                        let conn = conn.clone();
                        let params = msg["params"].clone();
                        std::thread::spawn(move || conn.set_up(params));
                    }
                    conn.events
                        .lock()
                        .unwrap()
                        .entry(session)
                        .or_default()
                        .push(msg);
                    conn.changed.notify_all();
                }
            }
        });
        conn
    }

    pub fn call(&self, session: Option<&str>, method: &str, params: Value) -> Reply {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel();
        self.pending.lock().unwrap().insert(id, tx);
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            msg["sessionId"] = session.into();
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        {
            let mut stdin = self.stdin.lock().unwrap();
            stdin
                .write_all(&bytes)
                .and_then(|()| stdin.flush())
                .map_err(|e| format!("the browser is gone ({e})"))?;
        }
        match rx.recv_timeout(COMMAND_TIMEOUT) {
            Ok(reply) => reply,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.pending.lock().unwrap().remove(&id);
                Err(format!("no answer within {COMMAND_TIMEOUT:?}"))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err("the browser is gone".into()),
        }
    }

    /// Set up a page that was attached paused (see [`Browser::start`]): record its console,
    /// network and log from the start, emulate the focus, then let it run.
    pub fn set_up(&self, params: Value) {
        let session = params["sessionId"].as_str().unwrap_or("").to_string();
        let info = params["targetInfo"].clone();
        if info["type"] == "page" {
            for domain in ["Page", "Runtime", "Network", "Log"] {
                let _ = self.call(Some(&session), &format!("{domain}.enable"), json!({}));
            }
            // As if the window had the focus: document.hasFocus(), :focus-visible.
            let _ = self.call(
                Some(&session),
                "Emulation.setFocusEmulationEnabled",
                json!({ "enabled": true }),
            );
        }
        let _ = self.call(Some(&session), "Runtime.runIfWaitingForDebugger", json!({}));
        let target = info["targetId"].as_str().unwrap_or("").to_string();
        self.attached
            .lock()
            .unwrap()
            .insert(target, (session, info));
        self.changed.notify_all();
    }

    /// The first attached and running target that `wanted` accepts: (target id, session id).
    pub fn wait_attached(&self, wanted: impl Fn(&Value) -> bool) -> Option<(String, String)> {
        let start = Instant::now();
        let mut attached = self.attached.lock().unwrap();
        loop {
            let found = attached
                .iter()
                .find(|(_, (_, info))| wanted(info))
                .map(|(target, (session, _))| (target.clone(), session.clone()));
            if found.is_some() || start.elapsed() > DEADLINE {
                return found;
            }
            attached = self
                .changed
                .wait_timeout(attached, Duration::from_millis(100))
                .unwrap()
                .0;
        }
    }

    /// The events of one session so far.
    pub fn events(&self, session: &str) -> Vec<Value> {
        self.events
            .lock()
            .unwrap()
            .get(session)
            .cloned()
            .unwrap_or_default()
    }
}
