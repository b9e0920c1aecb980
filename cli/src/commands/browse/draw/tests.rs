//! Every view drawn on ratatui's `TestBackend` and read back as text.

use image::{DynamicImage, Rgb, RgbImage};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Theme, draw, progress};
use crate::commands::browse::images::{Images, Variant};
use crate::commands::browse::keys::HELP;
use crate::commands::browse::state::{App, Msg};
use crate::commands::browse::state_tests::app_with;

const PLAIN: Theme = Theme { color: false };

fn images() -> Images {
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let api = crate::api::Api::new("http://127.0.0.1:1").unwrap_or_else(|e| panic!("{e}"));
    Images::new(api.client().clone(), api.base().clone(), tx)
}

fn render(app: &App, images: &Images, theme: Theme) -> (String, bool) {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
    let mut picture = false;
    terminal
        .draw(|f| picture = draw(f, app, images, theme).picture.get())
        .unwrap_or_else(|e| panic!("{e}"));
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    (text, picture)
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn picture() -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(400, 400, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    }))
}

#[test]
fn the_grid_shows_cards_with_title_artist_price_and_marks() {
    let mut app = app_with(8, true, true);
    app.favourites.insert("a1".into());
    app.owned.insert("a2".into());
    let mut images = images();
    let grid = app.grid();
    images.insert_ready("a0", Variant::Thumbnail, picture(), grid.image);
    let (text, drawn) = render(&app, &images, PLAIN);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 24);
    assert!(lines[0].starts_with(" 1 Gallery  2 Popular  3 Recommended  4 Favourites  5 Library"));
    assert!(
        lines[1].contains("sort:new") && lines[1].contains("8 shown loading…"),
        "{text}"
    );
    for want in [
        "Work 0",
        "Work 1 ♥",
        "Work 2 ✓",
        "by alice",
        "12.50 EUR",
        "Work 5",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    assert!(!text.contains("Work 6"), "only two rows fit:\n{text}");
    assert!(
        text.contains("loading…"),
        "placeholders for missing pictures"
    );
    assert!(drawn, "the ready thumbnail was drawn");
    // Half-blocks draw the picture in the first card, fitted to its picture area.
    let card: String = lines[3..8]
        .iter()
        .map(|l| l.chars().take(26).collect::<String>())
        .collect();
    assert!(card.matches(['▀', '▄']).count() > 20, "{text}");
    assert!(lines[23].contains("Enter open"), "{text}");
    assert!(text.contains('┏'), "the selected card has a thick border");
}

#[test]
fn the_grid_relays_on_resize() {
    let mut app = app_with(12, false, false);
    app.resize(130, 40);
    let (text, _) = render(&app, &images(), PLAIN);
    assert_eq!(app.grid().cols, 5);
    assert!(
        text.lines()
            .next()
            .is_some_and(|l| l.ends_with("anonymous")),
        "{text}"
    );
    assert!(text.contains("Work 4") && text.contains("Work 9"), "{text}");
}

#[test]
fn the_detail_shows_the_preview_and_every_field() {
    let mut app = app_with(3, false, true);
    app.username = Some("bob".into());
    // As its owner sees it: the original's details too.
    app.listing.items[0].size_bytes = Some(1234);
    app.listing.items[0].content_type = Some("image/png".into());
    press(&mut app, KeyCode::Enter);
    app.favourites.insert("a0".into());
    let mut images = images();
    let screen = crate::commands::browse::layout::screen(ratatui::layout::Rect::new(0, 0, 80, 24));
    let inner = crate::commands::browse::layout::detail(screen.body).image_inner();
    let size = ratatui::layout::Size::new(inner.width, inner.height);
    images.insert_ready("a0", Variant::Preview, picture(), size);
    let (text, drawn) = render(&app, &images, PLAIN);
    for want in [
        "Work 0",
        "♥ favourite",
        "artist     alice",
        "price      12.50 EUR",
        "licence",
        "3 of 10 sold, 7 left",
        "favourites",
        "preview",
        "n/N next/previous",
        "image/png, 1234 bytes",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    assert!(drawn);
}

#[test]
fn without_pictures_the_detail_is_all_fields() {
    let mut app = app_with(3, false, false);
    app.pictures = false;
    press(&mut app, KeyCode::Enter);
    let (text, _) = render(&app, &images(), PLAIN);
    assert!(
        !text.contains("preview") && text.contains("3 of 10 sold, 7 left"),
        "{text}"
    );
}

#[test]
fn the_search_prompt_shows_what_is_typed() {
    let mut app = app_with(3, false, false);
    press(&mut app, KeyCode::Char('/'));
    for c in "sunset".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let (text, _) = render(&app, &images(), PLAIN);
    assert!(
        text.contains("Search — Enter applies, Esc cancels"),
        "{text}"
    );
    assert!(text.contains(" sunset█"), "{text}");

    app.on_msg(Msg::Categories(vec!["landscape".into(), "portrait".into()]));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('c'));
    let (text, _) = render(&app, &images(), PLAIN);
    assert!(
        text.contains("Tab completes: landscape, portrait"),
        "{text}"
    );
}

#[test]
fn the_help_lists_every_key() {
    let mut app = app_with(3, false, false);
    press(&mut app, KeyCode::Char('?'));
    let (text, _) = render(&app, &images(), PLAIN);
    for (keys, what) in HELP {
        assert!(
            text.contains(keys) && text.contains(what),
            "{keys}:\n{text}"
        );
    }
}

#[test]
fn errors_show_in_the_status_line_and_the_gallery_stays() {
    let mut app = app_with(3, false, false);
    let generation = app.listing.generation;
    app.on_msg(Msg::Page {
        generation,
        result: Err("cannot reach http://127.0.0.1:1/: connection refused".into()),
    });
    let (text, _) = render(&app, &images(), PLAIN);
    let last = text.lines().last().unwrap_or_default();
    assert!(last.starts_with(" error: cannot reach"), "{text}");
    assert!(text.contains("Work 2"), "the cards stay:\n{text}");
    let (colored, _) = render(&app, &images(), Theme { color: true });
    assert_eq!(text, colored, "NO_COLOR changes styles only");
}

#[test]
fn the_purchase_question_shows_price_and_wallet() {
    let mut app = app_with(3, false, true);
    press(&mut app, KeyCode::Char('b'));
    let (text, _) = render(&app, &images(), PLAIN);
    assert!(
        text.contains("Buy “Work 0”?") && text.contains("reading…"),
        "{text}"
    );
    app.on_msg(Msg::Wallet(Ok(artstation_api::Price {
        amount_minor: 1000,
        currency: "EUR".into(),
    })));
    let (text, _) = render(&app, &images(), PLAIN);
    for want in [
        "12.50 EUR",
        "10.00 EUR",
        "7 of 10 editions left",
        "Not enough",
        "y buy",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
}

#[test]
fn tiny_terminals_draw_without_panicking() {
    for (w, h) in [(80, 24), (40, 10), (20, 5), (10, 3), (1, 1)] {
        let mut app = app_with(5, false, false);
        app.resize(w, h);
        render(&app, &images(), PLAIN);
        press(&mut app, KeyCode::Enter);
        render(&app, &images(), PLAIN);
        press(&mut app, KeyCode::Char('?'));
        render(&app, &images(), PLAIN);
    }
    let mut app = app_with(5, false, false);
    app.resize(20, 5);
    let (text, _) = render(&app, &images(), PLAIN);
    assert!(text.contains("Work 0"), "{text}");
}

#[test]
fn the_progress_bar_fills_with_the_bytes() {
    let bar = progress(1_300_000, Some(2_600_000), 80);
    assert!(
        bar.contains("50% 1.3 of 2.6 MB") && bar.contains("=====>"),
        "{bar}"
    );
    assert!(progress(5, None, 80).contains("Downloading… 0.0 MB"));
}
