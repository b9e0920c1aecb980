//! One artwork: the watermarked preview as large as the screen allows, and every field.

use artstation_api::Artwork;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::{Drawn, Theme, picture};
use crate::commands::browse::images::{Images, Variant};
use crate::commands::browse::layout;
use crate::commands::browse::state::App;
use crate::output::{format_price, or_dash};

pub fn draw(
    frame: &mut Frame,
    app: &App,
    images: &Images,
    theme: Theme,
    body: Rect,
    drawn: &Drawn,
) {
    let Some(artwork) = app.selected_artwork() else {
        return;
    };
    let mut parts = layout::detail(body);
    if !app.pictures {
        parts.fields = body;
    } else if parts.image.height >= 3 {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.dim())
            .title(Span::styled(" preview ", theme.dim()));
        frame.render_widget(block, parts.image);
        let inner = parts.image_inner();
        let size = ratatui::layout::Size::new(inner.width, inner.height);
        let mut lookup = images.get(&artwork.id, Variant::Preview, size);
        // The thumbnail stands in while the preview loads.
        if matches!(lookup, super::Lookup::Loading)
            && let l @ super::Lookup::Ready(_) = images.get(&artwork.id, Variant::Thumbnail, size)
        {
            lookup = l;
        }
        picture(frame, theme, lookup, inner, drawn);
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.accent());
    let inner = block.inner(parts.fields);
    frame.render_widget(block, parts.fields);
    frame.render_widget(
        Paragraph::new(fields(app, theme, artwork)).wrap(Wrap { trim: false }),
        inner,
    );
}

pub fn fields(app: &App, theme: Theme, a: &Artwork) -> Vec<Line<'static>> {
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name:<11}"), theme.dim()),
            Span::raw(value),
        ])
    };
    let mut lines = vec![Line::styled(a.title.clone(), theme.title())];
    let mut marks = Vec::new();
    if app.favourites.contains(&a.id) {
        marks.push(Span::styled("♥ favourite ", theme.favourite()));
    }
    let mine = app.username.as_deref() == Some(a.artist.username.as_str());
    if mine {
        marks.push(Span::styled("✓ yours", theme.favourite()));
    } else if app.owned.contains(&a.id) {
        marks.push(Span::styled("✓ bought", theme.favourite()));
    }
    if !marks.is_empty() {
        lines.push(Line::from(marks));
    }
    lines.push(field("artist", a.artist.username.clone()));
    let pays = a.payable();
    let mut price = format_price(Some(pays));
    if pays != &a.price {
        price.push_str(&format!(" (list {})", format_price(Some(&a.price))));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{:<11}", "price"), theme.dim()),
        Span::styled(price, theme.price()),
    ]));
    lines.push(field("licence", a.licence.clone()));
    let editions = match (a.edition_size, a.editions_remaining) {
        (Some(size), Some(0)) => format!("sold out ({size} of {size} sold)"),
        (Some(size), Some(left)) => format!("{} of {size} sold, {left} left", a.editions_sold),
        (Some(size), None) => format!("{} of {size} sold", a.editions_sold),
        (None, _) => format!("open edition, {} sold", a.editions_sold),
    };
    lines.push(field("editions", editions));
    lines.push(field("category", or_dash(a.category.clone())));
    let tags = if a.tags.is_empty() {
        "-".into()
    } else {
        a.tags.join(", ")
    };
    lines.push(field("tags", tags));
    lines.push(field("favourites", a.favorite_count.to_string()));
    lines.push(field("size", format!("{}×{} px", a.width, a.height)));
    lines.push(field(
        "published",
        or_dash(a.created_at.map(|t| t.format("%Y-%m-%d").to_string())),
    ));
    lines.push(field("status", format!("{:?}", a.status).to_lowercase()));
    // The original's details reach its owner and admins only.
    if let Some(bytes) = a.size_bytes {
        let kind = a.content_type.as_deref().unwrap_or("original");
        lines.push(field("original", format!("{kind}, {bytes} bytes")));
    }
    if let Some(sha) = &a.sha256 {
        lines.push(field("sha256", sha.clone()));
    }
    if let Some(other) = &a.near_duplicate_of {
        lines.push(field("resembles", other.clone()));
    }
    lines.push(field("id", a.id.clone()));
    if !a.description.is_empty() {
        lines.push(Line::raw(""));
        for l in a.description.lines() {
            lines.push(Line::raw(l.to_owned()));
        }
    }
    lines
}
