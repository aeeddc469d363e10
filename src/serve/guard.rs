//! What the server answers to, and how much it says about what it refuses.
//!
//! **Host names.** A page on another site can make its visitor's browser send requests to the
//! dev server by pointing a DNS name of its own at 127.0.0.1 (DNS rebinding); the browser then
//! treats the server as that site, origin checks included. Such a request carries the
//! attacker's name in its `Host` header, so only the names and addresses the server is known by
//! are answered: the address it listens on (any address when it listens on all of them: a
//! rebinding needs a name), `localhost` and its subdomains when it listens on the loopback,
//! this machine's name (and `name.local`) when it listens on the network, and the names given
//! with `--allow-host`.
//!
//! **Logs.** What one client does wrong is logged a few times, not thousands of times a second.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The `Host` header values the server answers to.
#[derive(Debug, Clone)]
pub struct Hosts {
    /// Listening on every address: any address is fine (only names can be rebound).
    any_address: bool,
    addresses: Vec<IpAddr>,
    names: Vec<String>,
}

impl Hosts {
    /// For a server bound to `bound`, also answering to `extra` names.
    pub fn for_bound(bound: SocketAddr, extra: &[String]) -> Hosts {
        let ip = bound.ip();
        let mut names: Vec<String> = extra.iter().map(|n| normalise(n)).collect();
        let mut addresses = vec![ip];
        if ip.is_loopback() || ip.is_unspecified() {
            names.push("localhost".into());
            addresses.extend([
                IpAddr::from([127, 0, 0, 1]),
                IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
            ]);
        }
        if !ip.is_loopback() {
            let machine = rustix::system::uname()
                .nodename()
                .to_string_lossy()
                .to_ascii_lowercase();
            if !machine.is_empty() {
                names.push(format!("{machine}.local"));
                names.push(machine);
            }
        }
        Hosts {
            any_address: ip.is_unspecified(),
            addresses,
            names,
        }
    }

    /// Whether a request with this `Host` header is for this server.
    pub fn allows(&self, header: &str) -> bool {
        let host = host_part(header);
        match host.parse::<IpAddr>() {
            Ok(ip) => self.any_address || self.addresses.contains(&ip),
            Err(_) => {
                let host = normalise(host);
                self.names.contains(&host)
                    || (self.names.iter().any(|n| n == "localhost") && host.ends_with(".localhost"))
            }
        }
    }

    /// The names it answers to, for the refusal page.
    pub fn described(&self) -> String {
        let mut shown: Vec<String> = self.names.clone();
        if self.any_address {
            shown.push("any of this machine's addresses".into());
        } else {
            shown.extend(self.addresses.iter().map(IpAddr::to_string));
        }
        shown.dedup();
        shown.join(", ")
    }
}

fn normalise(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// The host of a `Host` header: without its port, and an IPv6 address without its brackets.
fn host_part(header: &str) -> &str {
    let header = header.trim();
    if let Some(rest) = header.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match header.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => header,
    }
}

/// At most `max` lines per `window` about one source; then one line saying the rest is dropped.
#[derive(Debug)]
pub struct RateLimit {
    max: u32,
    window: Duration,
    started: Instant,
    count: u32,
}

/// Whether to log.
#[derive(Debug, PartialEq, Eq)]
pub enum Admit {
    Yes,
    /// The first line over the limit: say that the rest is dropped.
    Silencing,
    No,
}

impl RateLimit {
    pub fn new(max: u32, window: Duration) -> RateLimit {
        RateLimit {
            max,
            window,
            started: Instant::now(),
            count: 0,
        }
    }

    /// A few lines per client and window: enough to see what happens.
    pub fn per_client() -> RateLimit {
        RateLimit::new(5, Duration::from_secs(10))
    }

    pub fn admit(&mut self) -> Admit {
        if self.started.elapsed() >= self.window {
            self.started = Instant::now();
            self.count = 0;
        }
        self.count = self.count.saturating_add(1);
        match self.count.cmp(&(self.max + 1)) {
            std::cmp::Ordering::Less => Admit::Yes,
            std::cmp::Ordering::Equal => Admit::Silencing,
            std::cmp::Ordering::Greater => Admit::No,
        }
    }

    /// Log `line` about `peer` if the limit allows it.
    pub fn log(&mut self, peer: impl std::fmt::Display, line: impl FnOnce() -> String) {
        match self.admit() {
            Admit::Yes => super::complain!("{}", line()),
            Admit::Silencing => super::complain!(
                "serve: more problems from {peer}; logging at most {} lines about it every {} s",
                self.max,
                self.window.as_secs()
            ),
            Admit::No => {}
        }
    }
}

/// A [`RateLimit`] for each client address, shared by all its connections (a page that opens a
/// thousand websockets gets no more lines than one).
#[derive(Debug, Default)]
pub struct Clients {
    limits: Mutex<HashMap<IpAddr, RateLimit>>,
}

impl Clients {
    pub fn log(&self, peer: SocketAddr, line: impl FnOnce() -> String) {
        let mut limits = self.limits.lock().unwrap_or_else(|p| p.into_inner());
        if limits.len() > 10_000 {
            // Many addresses: forget the old ones rather than grow without end.
            limits.clear();
        }
        limits
            .entry(peer.ip())
            .or_insert_with(RateLimit::per_client)
            .log(peer.ip(), line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_the_loopback_it_answers_to_its_address_and_localhost_only() {
        let hosts = Hosts::for_bound("127.0.0.1:8000".parse().unwrap(), &[]);
        for ok in [
            "127.0.0.1:8000",
            "127.0.0.1",
            "localhost:8000",
            "LOCALHOST",
            "[::1]:8000",
            "app.localhost:8000",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for refused in [
            "attacker.example:8000",
            "attacker.example",
            "10.0.0.1:8000",
            "localhost.attacker.example",
            "",
        ] {
            assert!(!hosts.allows(refused), "{refused}");
        }
    }

    #[test]
    fn on_every_address_it_answers_to_addresses_and_its_own_names() {
        let hosts = Hosts::for_bound("0.0.0.0:8000".parse().unwrap(), &["talk.example".into()]);
        assert!(hosts.allows("192.168.1.20:8000"));
        assert!(hosts.allows("[fe80::1]:8000"));
        assert!(hosts.allows("talk.example:8000"));
        assert!(hosts.allows("Talk.Example."));
        assert!(!hosts.allows("attacker.example:8000"));
    }

    #[test]
    fn logs_are_limited_per_window() {
        let mut limit = RateLimit::new(3, Duration::from_secs(60));
        let admitted: Vec<Admit> = (0..6).map(|_| limit.admit()).collect();
        assert_eq!(
            admitted,
            [
                Admit::Yes,
                Admit::Yes,
                Admit::Yes,
                Admit::Silencing,
                Admit::No,
                Admit::No
            ]
        );
    }
}
