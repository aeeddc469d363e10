//! The websocket every served page opens: live reload, the error overlay, and the presenter
//! channel.
//!
//! A connection's role is fixed when it opens: **presenter** if the browser holds the presenter
//! cookie (set by the presenter URL, which carries the token), **follower** otherwise. Presenters
//! move the shared position and receive the current slide's notes; followers receive only the
//! slide id and step, never a note or the token. A control message from a follower is rejected
//! and logged, unless it carries the token itself (for remotes that cannot hold the cookie).

use axum::extract::ws::{Message, Utf8Bytes, WebSocket};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use tokio::sync::{broadcast, watch};

use super::site::{Audience, Site};
use crate::diagnostics::{Diagnostics, Severity};

/// A slide position shared by presenters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub id: String,
    pub f: u32,
}

/// What presenters see of a slide besides its id.
#[derive(Debug, Clone, Serialize)]
pub struct SlideInfo {
    pub title: String,
    pub number: String,
    pub notes_html: Option<std::sync::Arc<str>>,
    /// The next slide's title, for the phone remote.
    pub next_title: Option<String>,
}

/// An event for every open page.
#[derive(Debug, Clone)]
pub enum Event {
    Reload,
    Styles(Vec<String>),
    Errors(Arc<Vec<Problem>>),
    Ok,
    Position(Position),
    /// A presenter's remote asked the presenter decks to step ("next", "prev", …).
    Nav(String),
}

/// A diagnostic as the overlay shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub severity: &'static str,
    pub location: String,
    pub message: String,
    pub hint: Option<String>,
}

pub fn problems(diagnostics: &Diagnostics, base: &std::path::Path) -> Vec<Problem> {
    diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| Problem {
            severity: "error",
            location: d.location(base),
            message: d.message.clone(),
            hint: d.hint.clone(),
        })
        .collect()
}

/// Everything the server's tasks share.
pub struct Shared {
    pub site: RwLock<Arc<Site>>,
    /// True while a rebuild is under way: requests wait for it, so a page asked for after a
    /// change is never the stale one.
    pub pending: watch::Sender<bool>,
    pub events: broadcast::Sender<Event>,
    pub token: String,
    pub errors: RwLock<Option<Arc<Vec<Problem>>>>,
    pub position: RwLock<Option<Position>>,
    pub slides: RwLock<HashMap<String, SlideInfo>>,
    /// Set when the server stops: websockets close so that the shutdown does not wait for them.
    pub shutdown: watch::Sender<bool>,
    /// How long a connection may stay silent; websockets are pinged three times as often.
    pub idle: std::time::Duration,
    /// Log lines about what each client address sends wrong, limited (over all its connections).
    pub clients: super::guard::Clients,
}

impl Shared {
    pub fn new(token: String, idle: std::time::Duration) -> Shared {
        Shared {
            site: RwLock::new(Arc::new(Site::default())),
            pending: watch::channel(false).0,
            events: broadcast::channel(1024).0,
            token,
            errors: RwLock::new(None),
            position: RwLock::new(None),
            slides: RwLock::new(HashMap::new()),
            shutdown: watch::channel(false).0,
            idle,
            clients: Default::default(),
        }
    }

    /// Whether `candidate` is the presenter token, compared in constant time.
    pub fn is_token(&self, candidate: &str) -> bool {
        use subtle::ConstantTimeEq;
        !candidate.is_empty() && bool::from(candidate.as_bytes().ct_eq(self.token.as_bytes()))
    }

    pub fn set_position(&self, position: Position) {
        *self.position.write().unwrap_or_else(|p| p.into_inner()) = Some(position.clone());
        let _ = self.events.send(Event::Position(position));
    }
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum ClientMessage {
    Goto {
        id: String,
        f: Option<u32>,
        token: Option<String>,
    },
    Nav {
        dir: String,
        token: Option<String>,
    },
    Ping,
}

/// Directions a remote may ask for (the deck API's navigation methods).
const DIRECTIONS: &[&str] = &[
    "next", "prev", "left", "right", "up", "down", "first", "last",
];

/// Serve one websocket connection until it closes.
pub async fn connection(
    mut socket: WebSocket,
    shared: Arc<Shared>,
    role: Audience,
    peer: SocketAddr,
) {
    let mut events = shared.events.subscribe();
    let mut shutdown = shared.shutdown.subscribe();
    let welcome = {
        let position = shared
            .position
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let errors = shared
            .errors
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let role_name = if role == Audience::Presenter {
            "presenter"
        } else {
            "follower"
        };
        let mut value = serde_json::json!({ "type": "welcome", "role": role_name, "errors": errors.as_deref() });
        if let Some(position) = position {
            value["position"] = position_json(&shared, &position, role);
        }
        value
    };
    if send(&mut socket, &welcome).await.is_err() {
        return;
    }
    // A page answers pings on its own; one that stops answering is gone.
    let mut pings = tokio::time::interval(shared.idle / 3);
    pings.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut heard = tokio::time::Instant::now();
    loop {
        tokio::select! {
            _ = pings.tick() => {
                if heard.elapsed() > shared.idle {
                    break;
                }
                if socket.send(Message::Ping(Default::default())).await.is_err() {
                    break;
                }
            }
            event = events.recv() => {
                let message = match event {
                    Ok(Event::Reload) => serde_json::json!({ "type": "reload" }),
                    Ok(Event::Styles(paths)) => serde_json::json!({ "type": "styles", "paths": paths }),
                    Ok(Event::Errors(list)) => serde_json::json!({ "type": "errors", "errors": &*list }),
                    Ok(Event::Ok) => serde_json::json!({ "type": "ok" }),
                    Ok(Event::Position(position)) => {
                        let mut value = position_json(&shared, &position, role);
                        value["type"] = "position".into();
                        value
                    }
                    Ok(Event::Nav(dir)) if role == Audience::Presenter => serde_json::json!({ "type": "nav", "dir": dir }),
                    Ok(Event::Nav(_)) => continue,
                    // A slow reader missed events: a reload brings it up to date.
                    Err(broadcast::error::RecvError::Lagged(_)) => serde_json::json!({ "type": "reload" }),
                    Err(broadcast::error::RecvError::Closed) => break,
                };
                if send(&mut socket, &message).await.is_err() {
                    break;
                }
            }
            incoming = socket.recv() => {
                let Some(Ok(message)) = incoming else { break };
                heard = tokio::time::Instant::now();
                let Message::Text(text) = message else { continue };
                let (command, token) = match serde_json::from_str::<ClientMessage>(&text) {
                    Ok(ClientMessage::Goto { id, f, token }) => (Event::Position(Position { id, f: f.unwrap_or(0) }), token),
                    Ok(ClientMessage::Nav { dir, token }) if DIRECTIONS.contains(&dir.as_str()) => (Event::Nav(dir), token),
                    Ok(ClientMessage::Ping) => {
                        if send(&mut socket, &serde_json::json!({ "type": "pong" })).await.is_err() {
                            break;
                        }
                        continue;
                    }
                    Ok(ClientMessage::Nav { .. }) | Err(_) => {
                        shared.clients.log(peer, || format!("serve: ignored a malformed message from {peer}"));
                        continue;
                    }
                };
                let allowed = role == Audience::Presenter || token.as_deref().is_some_and(|t| shared.is_token(t));
                if !allowed {
                    shared.clients.log(peer, || format!("serve: rejected a control message from {peer}: it holds no valid presenter token"));
                    let reply = serde_json::json!({ "type": "rejected", "reason": "only the presenter can move the slides" });
                    if send(&mut socket, &reply).await.is_err() {
                        break;
                    }
                    continue;
                }
                match command {
                    Event::Position(position) => shared.set_position(position),
                    other => {
                        let _ = shared.events.send(other);
                    }
                }
            }
            _ = shutdown.changed() => break,
        }
    }
}

/// The position as `role` may see it: followers get the id and step only.
fn position_json(shared: &Shared, position: &Position, role: Audience) -> serde_json::Value {
    let mut value = serde_json::json!({ "id": position.id, "f": position.f });
    if role == Audience::Presenter
        && let Some(info) = shared
            .slides
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&position.id)
    {
        value["slide"] = serde_json::to_value(info).unwrap_or_default();
    }
    value
}

async fn send(socket: &mut WebSocket, value: &serde_json::Value) -> Result<(), axum::Error> {
    socket
        .send(Message::Text(Utf8Bytes::from(value.to_string())))
        .await
}
