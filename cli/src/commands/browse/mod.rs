//! `artstation browse`: a full-screen gallery in the terminal.
//!
//! Kept apart as in gitui: `state` (what is shown, changed only by `keys` and by answers) →
//! `draw` (a pure function of the state onto a frame) and, outside both, the loop here that
//! feeds events in and carries effects out (`remote` for the API, `images` for pictures,
//! fetched and decoded off the loop as yazi does). The loop never waits for the network or a
//! decoder: it draws what it has and placeholders for the rest.

mod answers;
mod draw;
mod event;
mod images;
mod keys;
mod layout;
mod remote;
mod state;
#[cfg(test)]
mod state_tests;
mod terminal;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::Event as TermEvent;
use ratatui_image::picker::{Picker, ProtocolType, cap_parser::QueryStdioOptions};
use tokio::sync::mpsc::unbounded_channel;

use crate::args::{BrowseArgs, GlobalArgs, ImageProtocol};
use crate::error::CliError;
use crate::session::{Session, TokenSource};
use draw::Theme;
use event::{Event, InputThread};
use images::{Images, Variant};
use remote::Remote;
use state::{App, Filters};
use terminal::Guard;

/// Where `ARTSTATION_BROWSE_TIMINGS` names a file, the gallery appends when it drew its
/// first frame and its first picture (milliseconds since start), for scripts/bench-browse.
pub const TIMINGS_ENV: &str = "ARTSTATION_BROWSE_TIMINGS";
/// How long the terminal may take to say which graphics it supports.
const QUERY_TIMEOUT: Duration = Duration::from_millis(500);

pub async fn run(global: &GlobalArgs, args: BrowseArgs) -> anyhow::Result<()> {
    // API tasks run on this thread beside the loop (see `remote`).
    tokio::task::LocalSet::new()
        .run_until(gallery(global, args))
        .await
}

async fn gallery(global: &GlobalArgs, args: BrowseArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(
            "`artstation browse` draws a full-screen gallery and needs a terminal, but standard \
             output or input is not one; for scripts use `artstation list`, `search` or `show`"
                .into(),
        )
        .into());
    }
    let session = Session::new(global)?;
    let signed_in = session.source() != TokenSource::None;
    let filters = Filters {
        query: args.query.filter(|q| !q.trim().is_empty()),
        tag: args.tag,
        category: args.category,
        sort: args.sort,
        ..Filters::default()
    };
    let (tx, mut rx) = unbounded_channel();
    let remote = Remote::new(session, tx.clone());
    let mut images = Images::new(
        remote.api().client().clone(),
        remote.api().base().clone(),
        tx.clone(),
    );
    let mut guard = Guard::enter()?;
    let size = guard.terminal.size()?;
    let mut app = App::new(filters, signed_in, (size.width, size.height));
    app.pictures = args.image_protocol != ImageProtocol::None;
    let theme = Theme::from_env();
    let mut timings = Timings::from_env(started);

    for effect in app.start() {
        remote.run(effect);
    }
    remote.learn_marks();
    // The first frame goes out before anything slow: the terminal query, the first page.
    let drawn = draw::draw_to(&mut guard.terminal, &app, &images, theme)?;
    timings.frame(drawn);

    let picker = detect(args.image_protocol).await;
    let protocol = picker.as_ref().map(Picker::protocol_type);
    if let Some(p) = &picker
        && p.protocol_type() == ProtocolType::Kitty
    {
        guard.uses_kitty(p.tmux_detected());
    }
    // Sixel and iTerm2 pictures are painted over the cells rather than kept in them, so a
    // change of view repaints the whole screen instead of leaving pixels behind.
    let repaint_on_change = matches!(protocol, Some(ProtocolType::Sixel | ProtocolType::Iterm2));
    images.set_picker(picker);
    let _input = InputThread::spawn(tx.clone());
    let mut stop = Box::pin(terminated());
    let mut view = View::of(&app);

    loop {
        images.tick();
        want_pictures(&app, &mut images);
        let now = View::of(&app);
        if repaint_on_change && now != view {
            guard.terminal.clear()?;
        }
        view = now;
        let drawn = draw::draw_to(&mut guard.terminal, &app, &images, theme)?;
        timings.frame(drawn);
        #[cfg(debug_assertions)]
        debug_panic(&app);
        if app.quit {
            break;
        }
        let first = tokio::select! {
            event = rx.recv() => event,
            () = &mut stop => None,
        };
        let Some(first) = first else { break };
        handle(&mut app, &mut images, &remote, first)?;
        // Take everything already waiting before drawing again, so a burst of pictures or
        // keys costs one frame.
        while let Ok(event) = rx.try_recv() {
            handle(&mut app, &mut images, &remote, event)?;
        }
    }
    drop(guard);
    Ok(())
}

/// Debug builds only, for the end-to-end test of the panic hook: with this variable set the
/// gallery panics once the first cards are on screen, so the test can check that the terminal
/// is given back and the message is readable. Release builds do not look at it.
#[cfg(debug_assertions)]
pub const DEBUG_PANIC_ENV: &str = "ARTSTATION_BROWSE_DEBUG_PANIC";

#[cfg(debug_assertions)]
fn debug_panic(app: &App) {
    if !app.listing.items.is_empty() && std::env::var_os(DEBUG_PANIC_ENV).is_some() {
        panic!("{DEBUG_PANIC_ENV} is set: the gallery panics on purpose");
    }
}

/// What decides which pictures are where: when it changes, graphics painted over the cells
/// (sixel, iTerm2) are cleared.
#[derive(PartialEq, Eq)]
struct View {
    detail: bool,
    overlay: bool,
    tab: state::Tab,
    scroll: usize,
    selected: Option<String>,
    size: (u16, u16),
    generation: u64,
}

impl View {
    fn of(app: &App) -> Self {
        Self {
            detail: app.detail,
            overlay: app.overlay != state::Overlay::None,
            tab: app.tab,
            scroll: app.scroll,
            selected: app
                .detail
                .then(|| app.selected_artwork().map(|a| a.id.clone()))
                .flatten(),
            size: app.size,
            generation: app.listing.generation,
        }
    }
}

fn handle(app: &mut App, images: &mut Images, remote: &Remote, event: Event) -> anyhow::Result<()> {
    let effects = match event {
        Event::Input(TermEvent::Key(key)) => app.on_key(key),
        Event::Input(TermEvent::Mouse(mouse)) => app.on_mouse(mouse),
        Event::Input(TermEvent::Resize(w, h)) => app.resize(w, h),
        Event::Input(_) => Vec::new(),
        Event::Msg(msg) => app.on_msg(msg),
        Event::Image(msg) => {
            images.on_msg(msg);
            Vec::new()
        }
        Event::InputGone(e) => {
            return Err(anyhow::anyhow!("cannot read the terminal any more: {e}"));
        }
    };
    for effect in effects {
        remote.run(effect);
    }
    Ok(())
}

/// Asks for the pictures the next frame shows, and the next row's ahead of scrolling.
fn want_pictures(app: &App, images: &mut Images) {
    let grid = app.grid();
    if app.detail {
        let screen = layout::screen(ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1));
        let inner = layout::detail(screen.body).image_inner();
        let size = ratatui::layout::Size::new(inner.width, inner.height);
        if let Some(a) = app.selected_artwork() {
            images.want(&a.id, Variant::Preview, a.preview_url.as_deref(), size);
            images.want(&a.id, Variant::Thumbnail, a.thumbnail_url.as_deref(), size);
        }
        return;
    }
    let first = app.scroll * grid.cols;
    let end = (first + grid.visible() + grid.cols).min(app.listing.items.len());
    for a in app.listing.items.get(first..end).unwrap_or_default() {
        images.want(
            &a.id,
            Variant::Thumbnail,
            a.thumbnail_url.as_deref(),
            grid.image,
        );
    }
}

/// The picture protocol: asked of the terminal (its answer also gives the cell size in pixels,
/// which the graphics protocols need), forced by the flag, or none.
async fn detect(choice: ImageProtocol) -> Option<Picker> {
    let forced = match choice {
        ImageProtocol::None => return None,
        ImageProtocol::Halfblocks => return Some(Picker::halfblocks()),
        ImageProtocol::Auto => None,
        ImageProtocol::Kitty => Some(ProtocolType::Kitty),
        ImageProtocol::Sixel => Some(ProtocolType::Sixel),
        ImageProtocol::Iterm2 => Some(ProtocolType::Iterm2),
    };
    let asked = Instant::now();
    let queried = tokio::task::spawn_blocking(|| {
        Picker::from_query_stdio_with_options(QueryStdioOptions {
            timeout: QUERY_TIMEOUT,
            ..QueryStdioOptions::default()
        })
    })
    .await;
    if asked.elapsed() >= QUERY_TIMEOUT {
        // No answer in time (e.g. tmux passing the query on to no terminal): the query's
        // reader is still waiting on standard input and would swallow the first key. A status
        // request that tmux or the terminal itself answers releases it.
        let mut out = std::io::stdout();
        let _ = out.write_all(b"\x1b[5n").and_then(|()| out.flush());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut picker = match queried {
        Ok(Ok(picker)) => picker,
        Ok(Err(e)) => {
            tracing::debug!(error = %e, "the terminal did not say what it supports");
            Picker::halfblocks()
        }
        Err(e) => {
            tracing::debug!(error = %e, "terminal query failed");
            Picker::halfblocks()
        }
    };
    if let Some(protocol) = forced {
        picker.set_protocol_type(protocol);
    }
    Some(picker)
}

/// SIGTERM or SIGHUP (the terminal closed): leave as on `q`, restoring the terminal.
async fn terminated() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        ) else {
            return std::future::pending().await;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = hup.recv() => {}
        }
    }
    #[cfg(not(unix))]
    std::future::pending::<()>().await;
}

/// The first frame and the first picture, each written once to the timings file.
struct Timings {
    file: Option<PathBuf>,
    started: Instant,
    frame: bool,
    picture: bool,
}

impl Timings {
    fn from_env(started: Instant) -> Self {
        Self {
            file: std::env::var_os(TIMINGS_ENV).map(PathBuf::from),
            started,
            frame: false,
            picture: false,
        }
    }

    fn frame(&mut self, drawn: draw::Drawn) {
        if self.file.is_none() {
            return;
        }
        let ms = self.started.elapsed().as_secs_f64() * 1000.0;
        if !self.frame {
            self.frame = true;
            self.write(&format!("first_frame_ms {ms:.1}\n"));
        }
        if !self.picture && drawn.picture.get() {
            self.picture = true;
            self.write(&format!("first_picture_ms {ms:.1}\n"));
        }
    }

    fn write(&self, line: &str) {
        let Some(path) = &self.file else { return };
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = f.write_all(line.as_bytes());
        }
    }
}
