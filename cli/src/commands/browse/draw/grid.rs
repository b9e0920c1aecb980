//! The gallery: a grid of cards, each a thumbnail over its title, artist and price.

use artstation_api::Artwork;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::{Drawn, Theme, picture};
use crate::commands::browse::images::{Images, Variant};
use crate::commands::browse::layout::{self, Grid};
use crate::commands::browse::state::App;
use crate::output::{ellipsize, format_price};

pub fn draw(
    frame: &mut Frame,
    app: &App,
    images: &Images,
    theme: Theme,
    body: Rect,
    drawn: &Drawn,
) {
    if body.height == 0 {
        return;
    }
    let grid = layout::grid(body, app.pictures);
    if app.listing.items.is_empty() {
        let text = if !app.listing.loaded || app.listing.loading {
            "Loading…"
        } else {
            "Nothing here. Press / to search, x to clear the filters, Tab for another list."
        };
        let row = Rect::new(body.x, body.y + body.height / 2, body.width, 1);
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.dim())).alignment(Alignment::Center),
            row,
        );
        return;
    }
    for (index, slot) in app.visible() {
        let artwork = &app.listing.items[index];
        card(
            frame,
            app,
            images,
            theme,
            &grid,
            artwork,
            grid.card_rect(slot),
            index == app.selected,
            drawn,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn card(
    frame: &mut Frame,
    app: &App,
    images: &Images,
    theme: Theme,
    grid: &Grid,
    artwork: &Artwork,
    area: Rect,
    selected: bool,
    drawn: &Drawn,
) {
    if area.width < 3 || area.height == 0 {
        return;
    }
    if area.height < 5 {
        // No room for borders or a picture: the words alone, the selected card reversed.
        let mut lines = card_lines(app, theme, artwork, usize::from(area.width));
        if selected && let Some(first) = lines.first_mut() {
            first.style = first.style.add_modifier(ratatui::style::Modifier::REVERSED);
        }
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let block = if selected {
        Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(theme.accent())
    } else {
        Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.dim())
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let image_h = grid.image.height.min(inner.height);
    let image_area = Rect::new(inner.x, inner.y, inner.width, image_h);
    let lookup = images.get(&artwork.id, Variant::Thumbnail, grid.image);
    picture(frame, theme, lookup, image_area, drawn);
    let text = Rect::new(
        inner.x,
        inner.y + image_h,
        inner.width,
        inner.height - image_h,
    );
    let lines = card_lines(app, theme, artwork, usize::from(inner.width));
    frame.render_widget(Paragraph::new(lines), text);
}

/// Title (with the favourite and owned marks), artist, effective price.
pub fn card_lines(app: &App, theme: Theme, a: &Artwork, width: usize) -> Vec<Line<'static>> {
    let mut marks = String::new();
    if app.favourites.contains(&a.id) {
        marks.push('♥');
    }
    if app.owned.contains(&a.id) {
        marks.push('✓');
    }
    let title_w = width.saturating_sub(marks.chars().count() + usize::from(!marks.is_empty()));
    let mut title = vec![Span::styled(ellipsize(&a.title, title_w), theme.title())];
    if !marks.is_empty() {
        title.push(Span::raw(" "));
        title.push(Span::styled(marks, theme.favourite()));
    }
    let pays = a.payable();
    let mut price = vec![Span::styled(format_price(Some(pays)), theme.price())];
    if pays != &a.price {
        price.push(Span::styled(
            format!(" was {}", format_price(Some(&a.price))),
            theme.dim(),
        ));
    }
    if a.editions_remaining == Some(0) {
        price.push(Span::styled(" sold out", theme.favourite()));
    }
    vec![
        Line::from(title),
        Line::styled(
            ellipsize(&format!("by {}", a.artist.username), width),
            theme.dim(),
        ),
        Line::from(price),
    ]
}
