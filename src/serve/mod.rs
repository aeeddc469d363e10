//! `deckhand serve`: build into memory, serve over HTTP, watch the sources and rebuild what a
//! change touches, tell open pages over a websocket, and share the presenter's position.
//!
//! - [`engine`]: the incremental builder and the last good site;
//! - [`watch`]: file events, filtered and coalesced;
//! - [`http`]: files, presenter login, remote page, websocket upgrade;
//! - [`channel`]: the websocket: reload, errors, positions, roles;
//! - [`site`]: the in-memory site and request paths.

/// Print a line on stdout; a closed stdout (the terminal went away) must not stop the server.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// The same on stderr.
macro_rules! complain {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use complain;

pub mod channel;
pub mod connection;
pub mod engine;
pub mod guard;
pub mod http;
pub mod site;
pub mod watch;

use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use channel::{Event, Shared, SlideInfo};
use engine::{Engine, Outcome, Reload};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the presenter's deck in the default browser.
    pub open: bool,
    /// Host names to answer to besides the server's own (see [`guard`]).
    pub allow_hosts: Vec<String>,
    /// How long a connection may stay silent before it is closed.
    pub idle: std::time::Duration,
}

/// A running server's addresses, as printed at start.
#[derive(Debug, Clone)]
pub struct Addresses {
    pub site: String,
    pub presenter: String,
}

/// Serve the workshop in `dir` until Ctrl-C.
pub fn serve(dir: &Path, options: ServeOptions) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server")?;
    runtime.block_on(run(dir.to_path_buf(), options))
}

/// Completes at the first Ctrl-C after it was made. The handler is installed here, not when the
/// future is first polled (as `tokio::signal::ctrl_c()` does): a Ctrl-C right after the banner
/// would otherwise find no handler and kill the server with SIGINT instead of stopping it.
/// Before this is made (during the first build) Ctrl-C still stops deckhand at once.
fn stop_on_ctrl_c() -> Result<impl std::future::Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    {
        let mut interrupt =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
                .context("cannot listen for Ctrl-C")?;
        Ok(async move {
            interrupt.recv().await;
        })
    }
    #[cfg(not(unix))]
    {
        let mut interrupt = tokio::signal::windows::ctrl_c().context("cannot listen for Ctrl-C")?;
        Ok(async move {
            interrupt.recv().await;
        })
    }
}

/// Build, serve and watch until Ctrl-C.
pub async fn run(dir: PathBuf, options: ServeOptions) -> Result<()> {
    let root = dir
        .canonicalize()
        .with_context(|| format!("cannot open the workshop folder {}", dir.display()))?;
    let mut engine = Engine::new(&dir);
    let started = Instant::now();
    let first = engine.build_all();
    if engine.title().is_none() {
        // No workshop.toml, or one that does not parse: nothing to serve.
        for diagnostic in first.diagnostics.sorted() {
            complain!("{}", diagnostic.render(&dir));
        }
        bail!(
            "cannot serve {}: fix the problems above first",
            dir.display()
        );
    }
    engine.save_cache();
    // Watch before saying we are ready, so that no change made after the banner is missed.
    let mut sources =
        watch::Sources::watch(&root).with_context(|| format!("cannot watch {}", root.display()))?;
    sources.watch_outside(&engine.outside_inputs());
    let shared = Arc::new(Shared::new(new_token()?, options.idle));
    publish(&shared, &engine, &dir, &first);
    if let Some(workshop) = engine.workshop() {
        *shared.slides.write().unwrap_or_else(|p| p.into_inner()) = slide_infos(workshop);
    }
    report(&dir, &first, started.elapsed().as_secs_f64() * 1000.0);

    let address = SocketAddr::new(options.host, options.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| {
            format!("cannot listen on {address}; is another server using the port? Try --port")
        })?;
    let bound = listener.local_addr()?;
    let addresses = addresses(bound, &shared.token);
    let stop = stop_on_ctrl_c()?;
    print_banner(engine.title().unwrap_or_default(), &addresses, options.host);
    if options.open {
        let _ = opener::open(&addresses.presenter);
    }

    let watcher_shared = shared.clone();
    let watch_dir = dir.clone();
    std::thread::Builder::new()
        .name("deckhand-watch".into())
        .spawn(move || watch_loop(engine, sources, &watch_dir, &watcher_shared))
        .context("cannot start the file watcher")?;

    let hosts = Arc::new(guard::Hosts::for_bound(bound, &options.allow_hosts));
    let app = http::router(shared.clone(), hosts);
    let closing = shared.clone();
    let listener = connection::IdleListener {
        listener,
        idle: options.idle,
    };
    // `tap_io` only to reach axum's connection info for any listener: the peer's address.
    axum::serve(
        axum::serve::ListenerExt::tap_io(listener, |_| {}),
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        stop.await;
        let _ = closing.shutdown.send(true);
    })
    .await
    .context("the server stopped")?;
    say!("Stopped.");
    Ok(())
}

/// Rebuild on every change, until the watcher stops.
fn watch_loop(mut engine: Engine, mut sources: watch::Sources, dir: &Path, shared: &Shared) {
    while let Some(mut changes) = sources.wait() {
        // Whatever else arrived while we woke up joins this rebuild.
        changes.extend(sources.drain());
        shared.pending.send_replace(true);
        let outcome = engine.rebuild(&changes, |reload| announce(shared, reload));
        sources.watch_outside(&engine.outside_inputs());
        let showing_errors = shared
            .errors
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .is_some();
        if outcome.reload == Some(Reload::Nothing) && !showing_errors {
            shared.pending.send_replace(false);
            continue;
        }
        publish(shared, &engine, dir, &outcome);
        shared.pending.send_replace(false);
        // After the waiting requests are let through: only the phone remote needs these.
        if outcome.reload.is_some()
            && let Some(workshop) = engine.workshop()
        {
            *shared.slides.write().unwrap_or_else(|p| p.into_inner()) = slide_infos(workshop);
        }
        report(dir, &outcome, outcome.elapsed.as_secs_f64() * 1000.0);
    }
}

/// Tell open pages to reload (or to swap stylesheets).
fn announce(shared: &Shared, reload: &Reload) {
    let event = match reload {
        Reload::Page => Event::Reload,
        Reload::Styles(paths) => Event::Styles(paths.clone()),
        Reload::Nothing => return,
    };
    let _ = shared.events.send(event);
}

/// Make the engine's result what the server serves and says.
fn publish(shared: &Shared, engine: &Engine, dir: &Path, outcome: &Outcome) {
    *shared.site.write().unwrap_or_else(|p| p.into_inner()) = engine.site();
    let had_errors = shared
        .errors
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .is_some();
    if outcome.reload.is_some() {
        *shared.errors.write().unwrap_or_else(|p| p.into_inner()) = None;
        if had_errors {
            let _ = shared.events.send(Event::Ok);
        }
    } else {
        let problems = Arc::new(channel::problems(&outcome.diagnostics, dir));
        *shared.errors.write().unwrap_or_else(|p| p.into_inner()) = Some(problems.clone());
        let _ = shared.events.send(Event::Errors(problems));
    }
}

/// What presenters' pages (the remote) show of each slide.
fn slide_infos(workshop: &crate::content::Workshop) -> HashMap<String, SlideInfo> {
    let slides: Vec<&crate::content::Slide> =
        workshop.chapters.iter().flat_map(|c| &c.slides).collect();
    slides
        .iter()
        .enumerate()
        .map(|(i, slide)| {
            let info = SlideInfo {
                title: slide.title.clone(),
                number: slide.number.clone(),
                notes_html: slide.notes_html.clone(),
                next_title: slides.get(i + 1).map(|s| s.title.clone()),
            };
            (slide.id.clone(), info)
        })
        .collect()
}

/// One line per rebuild, and every problem.
fn report(dir: &Path, outcome: &Outcome, millis: f64) {
    for diagnostic in outcome.diagnostics.sorted() {
        complain!("{}", diagnostic.render(dir));
    }
    match &outcome.reload {
        Some(_) => say!("Rebuilt {} in {millis:.1} ms", outcome.scope),
        None => complain!(
            "Rebuild of {} failed with {} in {millis:.1} ms; still serving the last good version",
            outcome.scope,
            crate::diagnostics::counted(outcome.diagnostics.error_count(), "error")
        ),
    }
}

/// 32 random bytes, hex-encoded.
fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|err| anyhow::anyhow!("cannot draw a random token: {err}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn addresses(bound: SocketAddr, token: &str) -> Addresses {
    let host = if bound.ip().is_unspecified() {
        lan_address().unwrap_or(IpAddr::from([127, 0, 0, 1]))
    } else {
        bound.ip()
    };
    let base = match host {
        IpAddr::V6(v6) => format!("http://[{v6}]:{}", bound.port()),
        IpAddr::V4(v4) => format!("http://{v4}:{}", bound.port()),
    };
    Addresses {
        site: format!("{base}/"),
        presenter: format!("{base}/__deckhand/presenter?token={token}"),
    }
}

/// The address other devices on the network reach this machine at (no packet is sent).
fn lan_address() -> Option<IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    socket
        .local_addr()
        .ok()
        .map(|a| a.ip())
        .filter(|ip| !ip.is_unspecified())
}

fn print_banner(title: &str, addresses: &Addresses, host: IpAddr) {
    say!("Serving \"{title}\" at {}", addresses.site);
    say!("Presenter link (keep it private; it lets a browser move the slides and read the notes):");
    say!("  deck:         {}", addresses.presenter);
    say!("  speaker view: {}&to=speaker", addresses.presenter);
    say!("  phone remote: {}&to=remote", addresses.presenter);
    if host.is_unspecified() || !host.is_loopback() {
        complain!(
            "warning: listening on {host}: anyone on your network can open the site (not the notes)."
        );
        if let Some(code) = qr(&format!("{}&to=remote", addresses.presenter)) {
            say!("Scan for the phone remote:\n{code}");
        }
    }
    say!("Watching content/, templates/, static/ and workshop.toml. Press Ctrl-C to stop.");
}

fn qr(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::unicode::Dense1x2>()
            .quiet_zone(true)
            .build(),
    )
}
