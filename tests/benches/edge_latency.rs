//! What the gateway adds to a read: the same artwork fetched as `GET /v1/artworks/{id}` through
//! the gateway and as `ArtworkService/GetArtwork` straight from the artwork service, by the
//! same number of concurrent callers for the same time, alternating rounds so drift hits both.
//! Prints p50/p90/p99 and requests/s of each and the ratio of the p50s (issue 14's target:
//! REST ≤ 1.3× direct gRPC at moderate load).
//!
//! Two readings of "moderate load", both printed:
//! - closed loop: `ARTSTATION_BENCH_CONCURRENCY` callers (4) asking back to back. On two cores
//!   that is saturation, not moderation: each answer waits for the others' CPU, so the p50
//!   is the whole process's CPU per request times the callers, and a path that does more work
//!   (the gateway's, then the service's) is slower by exactly its extra CPU;
//! - open loop (`open_loop` lines): requests sent at a fixed rate whatever the answers do,
//!   `ARTSTATION_BENCH_OPEN_LOAD` (0.4) times the closed-loop requests/s of the slower path
//!   of the same run, the same rate for both paths: what a service at 40 % of its capacity
//!   sees.
//!
//! Run by `scripts/bench-edge`, or by hand against a running artstationd:
//!
//! ```sh
//! ARTSTATION_BENCH_GATEWAY=http://127.0.0.1:8080 ARTSTATION_BENCH_ARTWORK=http://127.0.0.1:50052 \
//! ARTSTATION_BENCH_ID=<published artwork id> cargo bench -p artstation-tests --bench edge_latency
//! ```
//! Optional: ARTSTATION_BENCH_CONCURRENCY (4), ARTSTATION_BENCH_SECONDS (5 per round),
//! ARTSTATION_BENCH_ROUNDS (3 per side), and ARTSTATION_BENCH_TOKEN: an access token, to
//! measure signed-in reads too (the gateway's edge cache keeps only anonymous answers, so
//! those cross the whole path every time).

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use artstation_proto::artwork::v1 as pb;
use artstation_proto::artwork::v1::artwork_service_client::ArtworkServiceClient;
use tonic::transport::{Channel, Endpoint};

struct Settings {
    gateway: String,
    artwork: String,
    id: String,
    /// `Bearer …` for signed-in reads; `None` reads anonymously.
    bearer: Option<String>,
    concurrency: usize,
    round: Duration,
    rounds: usize,
    /// Open-loop rate as a share of the slower path's closed-loop requests/s.
    open_load: f64,
}

fn setting(name: &str) -> anyhow::Result<String> {
    std::env::var(name).with_context(|| format!("{name} is not set (see the file's comment)"))
}

fn number(name: &str, default: u64) -> anyhow::Result<u64> {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .with_context(|| format!("{name}={v:?} is not a number")),
        Err(_) => Ok(default),
    }
}

impl Settings {
    fn from_env() -> anyhow::Result<Self> {
        Ok(Self {
            gateway: setting("ARTSTATION_BENCH_GATEWAY")?,
            artwork: setting("ARTSTATION_BENCH_ARTWORK")?,
            id: setting("ARTSTATION_BENCH_ID")?,
            bearer: None,
            concurrency: usize::try_from(number("ARTSTATION_BENCH_CONCURRENCY", 4)?)?.max(1),
            round: Duration::from_secs(number("ARTSTATION_BENCH_SECONDS", 5)?.max(1)),
            rounds: usize::try_from(number("ARTSTATION_BENCH_ROUNDS", 3)?)?.max(1),
            open_load: match std::env::var("ARTSTATION_BENCH_OPEN_LOAD") {
                Ok(v) => v
                    .parse::<f64>()
                    .ok()
                    .filter(|f| *f > 0.0 && *f <= 1.0)
                    .with_context(|| {
                        format!("ARTSTATION_BENCH_OPEN_LOAD={v:?} is not in (0, 1]")
                    })?,
                Err(_) => 0.4,
            },
        })
    }
}

/// The two ways of asking for the artwork; each caller gets its own connection, as wrk's do.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Path {
    Rest,
    Grpc,
}

async fn rest_once(
    client: &reqwest::Client,
    url: &str,
    bearer: Option<&str>,
) -> anyhow::Result<()> {
    let mut req = client.get(url);
    if let Some(b) = bearer {
        req = req.header("authorization", b);
    }
    let resp = req.send().await?;
    if !resp.status().is_success() {
        bail!("GET {url}: {}", resp.status());
    }
    resp.bytes().await?;
    Ok(())
}

async fn grpc_once(
    client: &mut ArtworkServiceClient<Channel>,
    id: &str,
    bearer: Option<&str>,
) -> anyhow::Result<()> {
    let mut req = tonic::Request::new(pb::GetArtworkRequest { id: id.to_owned() });
    if let Some(b) = bearer {
        req.metadata_mut().insert("authorization", b.parse()?);
    }
    client.get_artwork(req).await?;
    Ok(())
}

/// One caller asking back to back until `until`; the latency of every answer in µs.
async fn caller(settings: &Settings, path: Path, until: Instant) -> anyhow::Result<Vec<u32>> {
    let mut times = Vec::with_capacity(50_000);
    let mut record = |start: Instant| {
        times.push(u32::try_from(start.elapsed().as_micros()).unwrap_or(u32::MAX));
    };
    match path {
        Path::Rest => {
            // One connection per caller, kept alive, like a browser or wrk.
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .tcp_nodelay(true)
                .build()?;
            let url = format!("{}/v1/artworks/{}", settings.gateway, settings.id);
            while Instant::now() < until {
                let start = Instant::now();
                rest_once(&client, &url, settings.bearer.as_deref()).await?;
                record(start);
            }
        }
        Path::Grpc => {
            let channel = Endpoint::from_shared(settings.artwork.clone())?
                .tcp_nodelay(true)
                .connect()
                .await?;
            let mut client = ArtworkServiceClient::new(channel);
            while Instant::now() < until {
                let start = Instant::now();
                grpc_once(&mut client, &settings.id, settings.bearer.as_deref()).await?;
                record(start);
            }
        }
    }
    Ok(times)
}

/// `concurrency` callers for one round; all their latencies, and the answers per second.
async fn round(settings: &Settings, path: Path) -> anyhow::Result<(Vec<u32>, f64)> {
    let until = Instant::now() + settings.round;
    let start = Instant::now();
    let callers = (0..settings.concurrency).map(|_| caller(settings, path, until));
    let mut all = Vec::new();
    for times in futures::future::join_all(callers).await {
        all.extend(times?);
    }
    let rate = all.len() as f64 / start.elapsed().as_secs_f64();
    Ok((all, rate))
}

fn micros(start: Instant) -> u32 {
    u32::try_from(start.elapsed().as_micros()).unwrap_or(u32::MAX)
}

/// Requests sent at `rate` per second for one round, each timed from when it was sent; the
/// latencies, and the answers per second. A thread paces the sends (Tokio's timer ticks by
/// the millisecond, coarser than the gaps), so a slow answer never holds back the next send.
async fn open_round(
    settings: &Settings,
    path: Path,
    rate: f64,
    round: Duration,
) -> anyhow::Result<(Vec<u32>, f64)> {
    let rest = reqwest::Client::builder().tcp_nodelay(true).build()?;
    let url = format!("{}/v1/artworks/{}", settings.gateway, settings.id);
    let grpc = match path {
        Path::Grpc => Some(ArtworkServiceClient::new(
            Endpoint::from_shared(settings.artwork.clone())?
                .tcp_nodelay(true)
                .connect()
                .await?,
        )),
        Path::Rest => None,
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let period = Duration::from_secs_f64(1.0 / rate);
    let start = Instant::now();
    let until = start + round;
    let pacer = std::thread::spawn(move || {
        let mut next = Instant::now();
        while next < until {
            if let Some(gap) = next.checked_duration_since(Instant::now()) {
                std::thread::sleep(gap);
            }
            if tx.send(()).is_err() {
                break;
            }
            next += period;
        }
    });
    let mut calls = tokio::task::JoinSet::new();
    let mut times = Vec::new();
    while rx.recv().await.is_some() {
        let sent = Instant::now();
        let bearer = settings.bearer.clone();
        match &grpc {
            Some(client) => {
                let (mut client, id) = (client.clone(), settings.id.clone());
                calls.spawn(async move {
                    grpc_once(&mut client, &id, bearer.as_deref()).await?;
                    anyhow::Ok(micros(sent))
                });
            }
            None => {
                let (client, url) = (rest.clone(), url.clone());
                calls.spawn(async move {
                    rest_once(&client, &url, bearer.as_deref()).await?;
                    anyhow::Ok(micros(sent))
                });
            }
        }
        while let Some(done) = calls.try_join_next() {
            times.push(done??);
        }
    }
    while let Some(done) = calls.join_next().await {
        times.push(done??);
    }
    pacer
        .join()
        .map_err(|_| anyhow::anyhow!("the pacing thread panicked"))?;
    let achieved = times.len() as f64 / start.elapsed().as_secs_f64();
    Ok((times, achieved))
}

/// Both paths at the same fixed rate, alternating rounds; prints both and their ratio.
async fn compare_open(settings: &Settings, label: &str, rate: f64) -> anyhow::Result<()> {
    open_round(settings, Path::Rest, rate, Duration::from_secs(1)).await?;
    open_round(settings, Path::Grpc, rate, Duration::from_secs(1)).await?;
    let (mut rest, mut grpc) = (Vec::new(), Vec::new());
    let (mut rest_rates, mut grpc_rates) = (Vec::new(), Vec::new());
    for _ in 0..settings.rounds {
        let (t, r) = open_round(settings, Path::Grpc, rate, settings.round).await?;
        grpc.extend(t);
        grpc_rates.push(r);
        let (t, r) = open_round(settings, Path::Rest, rate, settings.round).await?;
        rest.extend(t);
        rest_rates.push(r);
    }
    print_pair(
        label,
        "open_loop ",
        &summarise(grpc, &grpc_rates),
        &summarise(rest, &rest_rates),
        "",
    );
    println!(
        "{label} open_loop rate_per_s={rate:.0} load={:.2}",
        settings.open_load
    );
    Ok(())
}

/// Both paths' latency lines and their p50 ratio (`tail` ends the ratio line).
fn print_pair(label: &str, mode: &str, grpc: &Summary, rest: &Summary, tail: &str) {
    for (name, s) in [("grpc_direct", grpc), ("rest_gateway", rest)] {
        println!(
            "{label} {mode}{name} p50_us={} p90_us={} p99_us={} req_per_s={:.0}",
            s.p50, s.p90, s.p99, s.rate
        );
    }
    println!(
        "{label} {mode}ratio_p50_rest_vs_grpc={:.2}{tail}",
        f64::from(rest.p50) / f64::from(grpc.p50.max(1)),
    );
}

fn percentile(sorted: &[u32], p: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

struct Summary {
    p50: u32,
    p90: u32,
    p99: u32,
    rate: f64,
}

fn summarise(mut times: Vec<u32>, rates: &[f64]) -> Summary {
    times.sort_unstable();
    Summary {
        p50: percentile(&times, 0.50),
        p90: percentile(&times, 0.90),
        p99: percentile(&times, 0.99),
        rate: rates.iter().sum::<f64>() / rates.len().max(1) as f64,
    }
}

/// Alternating rounds of both paths as `settings` says, closed loop then open loop; prints
/// both and their ratio.
async fn compare(settings: &Settings, label: &str) -> anyhow::Result<()> {
    // Warm both paths (connections, caches) before anything is counted.
    let warm = Settings {
        round: Duration::from_secs(1),
        id: settings.id.clone(),
        gateway: settings.gateway.clone(),
        artwork: settings.artwork.clone(),
        bearer: settings.bearer.clone(),
        ..*settings
    };
    round(&warm, Path::Rest).await?;
    round(&warm, Path::Grpc).await?;
    let (mut rest, mut grpc) = (Vec::new(), Vec::new());
    let (mut rest_rates, mut grpc_rates) = (Vec::new(), Vec::new());
    for _ in 0..settings.rounds {
        let (t, r) = round(settings, Path::Grpc).await?;
        grpc.extend(t);
        grpc_rates.push(r);
        let (t, r) = round(settings, Path::Rest).await?;
        rest.extend(t);
        rest_rates.push(r);
    }
    let grpc = summarise(grpc, &grpc_rates);
    let rest = summarise(rest, &rest_rates);
    print_pair(
        label,
        "",
        &grpc,
        &rest,
        &format!(" concurrency={}", settings.concurrency),
    );
    compare_open(
        settings,
        label,
        settings.open_load * rest.rate.min(grpc.rate),
    )
    .await
}

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; a filter argument means "not this bench" to us.
    if std::env::args().skip(1).any(|a| a != "--bench") {
        return Ok(());
    }
    let settings = Settings::from_env()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        compare(&settings, "anonymous").await?;
        if let Ok(token) = std::env::var("ARTSTATION_BENCH_TOKEN") {
            let signed_in = Settings {
                bearer: Some(format!("Bearer {token}")),
                ..settings
            };
            compare(&signed_in, "signed_in").await?;
        }
        anyhow::Ok(())
    })
}
