//! Where an upstream's replicas are: one URL, a comma-separated list, or a DNS name that
//! resolves to several addresses (a Kubernetes headless Service, `docker compose --scale`),
//! re-resolved periodically so replicas that come and go are followed.

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};

use super::UpstreamError;

/// One entry of an upstream list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub scheme: String,
    pub host: String,
    pub port: u16,
}

impl Target {
    /// The entry as configured, for status pages (no credentials: the URL has none to show).
    pub fn display(&self) -> String {
        format!("{}://{}", self.scheme, join(&self.host, self.port))
    }
}

fn join(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// Parses `http://a:50051,http://b:50051`.
pub fn parse(spec: &str) -> Result<Vec<Target>, UpstreamError> {
    let targets = spec
        .split(',')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(parse_one)
        .collect::<Result<Vec<_>, _>>()?;
    if targets.is_empty() {
        return Err(UpstreamError::Invalid {
            spec: spec.to_owned(),
            reason: "no address".into(),
        });
    }
    Ok(targets)
}

fn parse_one(url: &str) -> Result<Target, UpstreamError> {
    let invalid = |reason: &str| UpstreamError::Invalid {
        spec: url.to_owned(),
        reason: reason.to_owned(),
    };
    let uri: http::Uri = url.parse().map_err(|_| invalid("not a URL"))?;
    let scheme = uri.scheme_str().ok_or_else(|| invalid("no scheme"))?;
    if scheme != "http" && scheme != "https" {
        return Err(invalid("the scheme must be http or https"));
    }
    if uri.path() != "/" && !uri.path().is_empty() {
        return Err(invalid("a path is not allowed"));
    }
    let host = uri.host().ok_or_else(|| invalid("no host"))?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = uri
        .port_u16()
        .unwrap_or(if scheme == "https" { 443 } else { 80 });
    Ok(Target {
        scheme: scheme.to_owned(),
        host: host.to_owned(),
        port,
    })
}

/// One resolved replica: the target it came from and its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Resolved {
    pub target: usize,
    pub addr: SocketAddr,
}

/// Resolves every target. A name that cannot be resolved now keeps the addresses it had
/// (`previous`): a DNS hiccup must not empty the pool.
pub async fn resolve(targets: &[Target], previous: &[Resolved]) -> BTreeSet<Resolved> {
    let mut out = BTreeSet::new();
    for (i, t) in targets.iter().enumerate() {
        if let Ok(ip) = t.host.parse::<IpAddr>() {
            out.insert(Resolved {
                target: i,
                addr: SocketAddr::new(ip, t.port),
            });
            continue;
        }
        match tokio::net::lookup_host((t.host.as_str(), t.port)).await {
            Ok(addrs) => out.extend(addrs.map(|addr| Resolved { target: i, addr })),
            Err(e) => {
                tracing::warn!(host = %t.host, error = %e, "cannot resolve an upstream; keeping its last addresses");
                out.extend(previous.iter().filter(|r| r.target == i).copied());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_parsed_and_bad_entries_refused() {
        let t = parse(" http://a:1, https://[::1]:2 ,").unwrap_or_default();
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].host.as_str(), t[0].port), ("a", 1));
        assert_eq!((t[1].scheme.as_str(), t[1].host.as_str()), ("https", "::1"));
        assert_eq!(t[1].display(), "https://[::1]:2");
        assert_eq!(parse("http://b").map(|t| t[0].port).ok(), Some(80));
        for bad in ["", " , ", "ftp://a:1", "http://a:1/x", "a b"] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[tokio::test]
    async fn names_resolve_to_every_address_and_literals_to_themselves() {
        let targets = parse("http://localhost:7,http://127.0.0.2:8").unwrap_or_default();
        let got = resolve(&targets, &[]).await;
        assert!(
            got.iter()
                .any(|r| r.target == 0 && r.addr.ip().is_loopback())
        );
        assert!(got.iter().all(|r| r.target != 0 || r.addr.port() == 7));
        assert!(got.contains(&Resolved {
            target: 1,
            addr: "127.0.0.2:8".parse().unwrap_or_else(|e| panic!("{e}")),
        }));
    }

    #[tokio::test]
    async fn an_unresolvable_name_keeps_its_last_addresses() {
        let targets = parse("http://no-such-host.invalid:9").unwrap_or_default();
        let previous = [Resolved {
            target: 0,
            addr: "10.0.0.9:9".parse().unwrap_or_else(|e| panic!("{e}")),
        }];
        let got = resolve(&targets, &previous).await;
        assert_eq!(got.into_iter().collect::<Vec<_>>(), previous);
    }
}
