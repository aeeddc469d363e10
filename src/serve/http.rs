//! The dev server's HTTP side: the site from memory, the presenter login, the client script and
//! the phone remote, and the websocket upgrade (same-origin only).

use axum::Router;
use axum::extract::Request;
use axum::extract::{ConnectInfo, Query, State, WebSocketUpgrade};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};

use super::channel::{self, Shared};
use super::guard::Hosts;
use super::site::{self, Audience, Found};

const COOKIE: &str = "deckhand_presenter";
const CLIENT_JS: &str = include_str!("assets/client.js");
const REMOTE_HTML: &str = include_str!("assets/remote.html");

/// Every route, behind the check of the `Host` header (see [`super::guard`]).
pub fn router(shared: Arc<Shared>, hosts: Arc<Hosts>) -> Router {
    // Text goes out gzipped when the browser takes it (a chapter's deck page shrinks about
    // sevenfold), at the fastest level: on localhost the time to compress is what counts.
    // Images and archives, already compressed, are left alone; websocket upgrades too.
    let compression = CompressionLayer::new()
        .quality(CompressionLevel::Fastest)
        .compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new("application/zip")),
        );
    Router::new()
        .route("/__deckhand/client.js", get(client_script))
        .route("/__deckhand/presenter", get(presenter_login))
        .route("/__deckhand/remote", get(remote))
        .route("/__deckhand/ws", get(websocket))
        .fallback(get(file))
        .layer(compression)
        .layer(middleware::from_fn_with_state(
            (shared.clone(), hosts),
            check_host,
        ))
        .with_state(shared)
}

/// Answer only requests addressed to this server: a page elsewhere whose name was pointed at
/// this machine (DNS rebinding) gets nothing. Clients that send no `Host` (HTTP/1.0 tools) are
/// not browsers such a page can drive.
async fn check_host(
    State((shared, hosts)): State<(Arc<Shared>, Arc<Hosts>)>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|value| value.to_str().unwrap_or("\u{fffd}").to_string());
    match host {
        Some(host) if !hosts.allows(&host) => {
            shared.clients.log(peer, || {
                format!("serve: refused a request from {peer} for another host name ({host:?})")
            });
            message_page(
                StatusCode::MISDIRECTED_REQUEST,
                "Wrong address",
                &format!(
                    "<h1>Wrong address</h1><p>This server answers only to {}. Open it at one of those \
                     addresses, or start it with <code>--allow-host NAME</code>.</p>",
                    html_escape(&hosts.described())
                ),
            )
        }
        _ => next.run(request).await,
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A validator for a file's bytes: an unchanged file is answered `304 Not Modified`. Weak, as
/// the same validator stands for the file gzipped or not.
fn etag(chunks: &[axum::body::Bytes]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for chunk in chunks {
        hasher.update(chunk);
    }
    format!("W/\"{:032x}\"", hasher.digest128())
}

/// Whether the request's `If-None-Match` names `tag` (or `*`).
fn still_fresh(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|candidate| {
            candidate == "*" || candidate.trim_start_matches("W/") == tag.trim_start_matches("W/")
        })
}

/// The role a request's cookies grant.
fn audience(shared: &Shared, headers: &HeaderMap) -> Audience {
    let presents = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == COOKIE && shared.is_token(value));
    if presents {
        Audience::Presenter
    } else {
        Audience::Follower
    }
}

async fn file(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Response {
    wait_for_rebuild(&shared).await;
    let Some(path) = site::resolve(uri.path()) else {
        return not_found();
    };
    let site = shared
        .site
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    // A page is put together on its first request: not on the async workers.
    let who = audience(&shared, &headers);
    let lookup = path.clone();
    let found = tokio::task::spawn_blocking(move || site.get(&lookup, who))
        .await
        .ok()
        .flatten();
    match found {
        Some(Found::Page(chunks)) => {
            let mime = mime_guess::from_path(&path).first_or_octet_stream();
            // Browsers keep a copy and ask whether it is still good (`no-cache`): an unchanged
            // file costs a 304 and no body, and a rebuilt one is never shown stale.
            let tag = etag(&chunks);
            let validators = [
                (header::ETAG, HeaderValue::from_str(&tag).ok()),
                (
                    header::CACHE_CONTROL,
                    Some(HeaderValue::from_static("no-cache")),
                ),
            ];
            if still_fresh(&headers, &tag) {
                let mut response = StatusCode::NOT_MODIFIED.into_response();
                for (name, value) in validators {
                    if let Some(value) = value {
                        response.headers_mut().insert(name, value);
                    }
                }
                return response;
            }
            let length: usize = chunks.iter().map(|c| c.len()).sum();
            let stream =
                futures_util::stream::iter(chunks.into_iter().map(Ok::<_, std::io::Error>));
            let mut response =
                (StatusCode::OK, axum::body::Body::from_stream(stream)).into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(mime.essence_str()) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            if mime.type_() == "text" || path.ends_with(".js") {
                let with_charset = format!("{}; charset=utf-8", mime.essence_str());
                if let Ok(value) = HeaderValue::from_str(&with_charset) {
                    headers.insert(header::CONTENT_TYPE, value);
                }
            }
            for (name, value) in validators {
                if let Some(value) = value {
                    headers.insert(name, value);
                }
            }
            response
        }
        None => not_found(),
    }
}

/// Requests made while a rebuild runs wait for it (a few milliseconds), so that a page asked
/// for after a change is the new one.
async fn wait_for_rebuild(shared: &Shared) {
    let mut pending = shared.pending.subscribe();
    let _ = tokio::time::timeout(Duration::from_secs(10), pending.wait_for(|busy| !busy)).await;
}

fn not_found() -> Response {
    message_page(
        StatusCode::NOT_FOUND,
        "Not found",
        "<h1>Not found</h1><p>This page is not part of the workshop. \
         <a href=\"/index.html\">Go to the agenda</a>.</p>",
    )
}

/// A small page of the server's own (an error), naming no file of the machine.
fn message_page(status: StatusCode, title: &str, main: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><main>{main}</main></body></html>"
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn client_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        CLIENT_JS,
    )
        .into_response()
}

/// `/__deckhand/presenter?token=…&to=deck|speaker|remote`: trade the token for the presenter
/// cookie, then open the page.
async fn presenter_login(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let token = query.get("token").map(String::as_str).unwrap_or("");
    if !shared.is_token(token) {
        shared.clients.log(peer, || {
            format!("serve: refused a presenter login from {peer}: wrong or missing token")
        });
        return message_page(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "<h1>Wrong presenter link</h1>\
             <p>Use the presenter URL that <code>deckhand serve</code> printed.</p>",
        );
    }
    let target = match query.get("to").map(String::as_str) {
        Some("speaker") => "/speaker.html",
        Some("remote") => "/__deckhand/remote",
        _ => "/deck.html",
    };
    let cookie = format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
    let mut response = Redirect::to(target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

async fn remote(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if audience(&shared, &headers) != Audience::Presenter {
        return (StatusCode::FORBIDDEN, "Open the presenter URL first.").into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        REMOTE_HTML,
    )
        .into_response()
}

async fn websocket(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    if !same_origin(&headers) {
        shared.clients.log(peer, || {
            format!("serve: refused a websocket from {peer}: its Origin is another site")
        });
        return (StatusCode::FORBIDDEN, "cross-origin websocket refused").into_response();
    }
    let role = audience(&shared, &headers);
    upgrade.on_upgrade(move |socket| channel::connection(socket, shared, role, peer))
}

/// Browsers always send Origin on websocket upgrades: it must name this server. (Clients
/// without one, such as command-line tools, are not browsers a page could abuse.)
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let origin_host = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .unwrap_or("");
    origin_host.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_origin_websockets_pass() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8000"));
        assert!(same_origin(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8000"),
        );
        assert!(same_origin(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://evil.example"),
        );
        assert!(!same_origin(&headers));
        headers.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(!same_origin(&headers));
    }
}
