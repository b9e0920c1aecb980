//! Drawing: a pure function of the state and the picture cache onto a frame. Nothing here
//! changes state or waits for anything.

mod detail;
mod grid;
mod overlay;
#[cfg(test)]
mod tests;

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::images::{Images, Lookup};
use super::layout;
use super::state::{App, Overlay, TABS, Tab};
use crate::output::ellipsize;

/// Styles, colourless when NO_COLOR asks (https://no-color.org): emphasis then comes from
/// bold, reverse and underline only.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Self {
        Self::from_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// NO_COLOR's value: set and not empty turns colours off (an empty one does not, as the
    /// convention says).
    pub fn from_no_color(value: Option<&std::ffi::OsStr>) -> Self {
        Self {
            color: value.is_none_or(std::ffi::OsStr::is_empty),
        }
    }

    fn paint(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        self.paint(Color::DarkGray)
    }

    pub fn accent(self) -> Style {
        self.paint(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn price(self) -> Style {
        self.paint(Color::Green)
    }

    pub fn favourite(self) -> Style {
        self.paint(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        if self.color {
            Style::new().fg(Color::White).bg(Color::Red)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn tab(self, current: bool) -> Style {
        if current {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new()
        }
    }
}

/// What drawing tells the caller: whether any picture was on screen (for the timings).
#[derive(Default)]
pub struct Drawn {
    pub picture: Cell<bool>,
}

/// Draws one frame on the real terminal.
pub fn draw_to(
    terminal: &mut super::terminal::Term,
    app: &App,
    images: &Images,
    theme: Theme,
) -> std::io::Result<Drawn> {
    let mut drawn = Drawn::default();
    terminal.draw(|frame| drawn = draw(frame, app, images, theme))?;
    Ok(drawn)
}

pub fn draw(frame: &mut Frame, app: &App, images: &Images, theme: Theme) -> Drawn {
    let drawn = Drawn::default();
    let area = frame.area();
    let screen = layout::screen(area);
    tabs(frame, app, theme, screen.tabs);
    filters(frame, app, theme, screen.filters);
    if app.detail {
        detail::draw(frame, app, images, theme, screen.body, &drawn);
    } else {
        grid::draw(frame, app, images, theme, screen.body, &drawn);
    }
    status(frame, app, theme, screen.status);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help => overlay::help(frame, theme, area),
        Overlay::Prompt(prompt) => {
            overlay::prompt(frame, theme, prompt, &app.categories, screen.body);
        }
        Overlay::ConfirmBuy(confirm) => overlay::confirm(frame, theme, confirm, screen.body),
    }
    drawn
}

fn tabs(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let mut spans = Vec::new();
    for (i, tab) in TABS.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, tab.title());
        spans.push(Span::styled(label, theme.tab(*tab == app.tab)));
    }
    let who = match (&app.username, app.signed_in) {
        (Some(name), _) => name.clone(),
        (None, true) => "signed in".into(),
        (None, false) => "anonymous".into(),
    };
    let used: usize = spans.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(used + 1);
    if room > 3 {
        let who = ellipsize(&who, room);
        let pad = room.saturating_sub(who.chars().count());
        spans.push(Span::raw(" ".repeat(pad + 1)));
        spans.push(Span::styled(who, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn filters(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    if area.height == 0 {
        return;
    }
    let what = match app.tab {
        Tab::Gallery => app.filters.summary(),
        Tab::Popular => "most favourited lately".into(),
        Tab::Recommended => "picked from your favourites".into(),
        Tab::Favourites => "your favourites".into(),
        Tab::Library => "what you bought".into(),
    };
    let count = app.listing.items.len();
    let more = if app.listing.loading {
        " loading…"
    } else if app.listing.next_cursor.is_some() {
        " more…"
    } else {
        ""
    };
    let right = format!("{count} shown{more}  ? help");
    let width = usize::from(area.width);
    let left = ellipsize(&what, width.saturating_sub(right.chars().count() + 2));
    let pad = width.saturating_sub(left.chars().count() + right.chars().count() + 1);
    let line = Line::from(vec![
        Span::styled(format!(" {left}"), theme.accent()),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn status(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let width = usize::from(area.width);
    let line = if let Some(d) = &app.download {
        Line::from(progress(d.done, d.total, width))
    } else if let Some(s) = &app.status {
        if s.error {
            Line::styled(
                ellipsize(&format!(" error: {}", s.text), width),
                theme.error(),
            )
        } else {
            Line::from(ellipsize(&format!(" {}", s.text), width))
        }
    } else {
        let hint = if app.detail {
            " f favourite  b buy  d download  n/N next/previous  Esc back  ? help  q quit"
        } else {
            " Enter open  f favourite  b buy  d download  / search  ? help  q quit"
        };
        Line::styled(ellipsize(hint, width), theme.dim())
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// " Downloading [=====>     ] 45% 1.2 of 2.6 MB".
pub fn progress(done: u64, total: Option<u64>, width: usize) -> String {
    let mb = |b: u64| format!("{:.1}", b as f64 / 1_000_000.0);
    let Some(total) = total.filter(|t| *t > 0) else {
        return format!(" Downloading… {} MB", mb(done));
    };
    let pct = (done.min(total) * 100 / total) as usize;
    let tail = format!(" {pct}% {} of {} MB", mb(done), mb(total));
    let bar_w = width
        .saturating_sub(" Downloading []".len() + tail.len())
        .min(40);
    let filled = bar_w * pct / 100;
    let head = if filled < bar_w { ">" } else { "" };
    let rest = bar_w.saturating_sub(filled + head.len());
    format!(
        " Downloading [{}{head}{}]{tail}",
        "=".repeat(filled),
        " ".repeat(rest)
    )
}

/// A picture centred in `area`, or a placeholder saying why there is none (yet).
fn picture(frame: &mut Frame, theme: Theme, lookup: Lookup<'_>, area: Rect, drawn: &Drawn) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let placeholder = match lookup {
        Lookup::Ready(protocol) => {
            let size = protocol.size();
            let target = layout::centered(area, size.width, size.height);
            frame.render_widget(ratatui_image::Image::new(protocol), target);
            drawn.picture.set(true);
            return;
        }
        Lookup::Loading => "loading…",
        Lookup::Failed => "no picture",
        Lookup::Off => "",
    };
    let y = area.y + area.height / 2;
    let row = Rect::new(area.x, y, area.width, 1);
    frame.render_widget(
        Paragraph::new(Line::styled(placeholder, theme.dim()))
            .alignment(ratatui::layout::Alignment::Center),
        row,
    );
}
