//! Every view drawn on ratatui's `TestBackend` and compared whole, cell by cell, with the
//! screen kept in `snapshots/<name>.txt` (each row ends in `|` so trailing blanks survive
//! editors). A change of layout shows as a diff; after checking it, write the new screens with
//! `ARTSTATION_UPDATE_SNAPSHOTS=1 cargo nextest run -p artstation-cli browse::draw`.

use image::{DynamicImage, Rgb, RgbImage};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

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

/// Compares `text` (one screen from [`render`]) with the stored snapshot `name`.
fn snapshot(name: &str, text: &str) {
    let framed: String = text.lines().map(|l| format!("{l}|\n")).collect();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/commands/browse/draw/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("ARTSTATION_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &framed).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let stored = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; this screen was drawn:\n{framed}", path.display()));
    if stored != framed {
        let diff: String = stored
            .lines()
            .zip(framed.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("row {i}:\n  stored {a}\n  drawn  {b}\n"))
            .collect();
        panic!(
            "{name} differs from {} ({} rows stored, {} drawn):\n{diff}the whole screen \
             drawn:\n{framed}",
            path.display(),
            stored.lines().count(),
            framed.lines().count()
        );
    }
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
    snapshot("grid", &text);
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
    snapshot("grid_130x40", &text);
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
    snapshot("detail", &text);
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
    snapshot("detail_without_pictures", &text);
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
    snapshot("search", &text);
    assert!(
        text.contains("Search — Enter applies, Esc cancels"),
        "{text}"
    );
    assert!(text.contains(" sunset█"), "{text}");

    app.on_msg(Msg::Categories(vec!["landscape".into(), "portrait".into()]));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('c'));
    let (text, _) = render(&app, &images(), PLAIN);
    snapshot("category_prompt", &text);
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
    snapshot("help", &text);
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
    snapshot("error_line", &text);
    let last = text.lines().last().unwrap_or_default();
    assert!(last.starts_with(" error: cannot reach"), "{text}");
    assert!(text.contains("Work 2"), "the cards stay:\n{text}");
    let (colored, _) = render(&app, &images(), Theme { color: true });
    assert_eq!(text, colored, "NO_COLOR changes styles only");
}

#[test]
fn no_color_set_and_not_empty_turns_colours_off() {
    use std::ffi::OsStr;
    assert!(Theme::from_no_color(None).color);
    assert!(Theme::from_no_color(Some(OsStr::new(""))).color);
    assert!(!Theme::from_no_color(Some(OsStr::new("1"))).color);
    assert!(!Theme::from_no_color(Some(OsStr::new("0"))).color);
}

/// Colours (foreground or background other than the terminal's own) in a drawn screen.
fn colours(app: &App, theme: Theme) -> usize {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|f| {
            draw(f, app, &images(), theme);
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .iter()
        .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
        .count()
}

#[test]
fn without_colour_only_bold_and_reverse_mark_things() {
    let mut app = app_with(3, false, false);
    let generation = app.listing.generation;
    app.on_msg(Msg::Page {
        generation,
        result: Err("cannot reach the server".into()),
    });
    assert!(colours(&app, Theme { color: true }) > 0);
    assert_eq!(colours(&app, PLAIN), 0);
    press(&mut app, KeyCode::Enter);
    assert!(colours(&app, Theme { color: true }) > 0);
    assert_eq!(colours(&app, PLAIN), 0);
}

#[test]
fn the_purchase_question_shows_price_and_wallet() {
    let mut app = app_with(3, false, true);
    press(&mut app, KeyCode::Char('b'));
    let (text, _) = render(&app, &images(), PLAIN);
    snapshot("buy_asking_wallet", &text);
    assert!(
        text.contains("Buy “Work 0”?") && text.contains("reading…"),
        "{text}"
    );
    app.on_msg(Msg::Wallet(Ok(artstation_api::Price {
        amount_minor: 1000,
        currency: "EUR".into(),
    })));
    let (text, _) = render(&app, &images(), PLAIN);
    snapshot("buy", &text);
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

/// Grid, detail and help at 80×24 and at sizes nobody should use but someone will: each
/// drawn whole, without panicking and without writing outside the screen.
#[test]
fn small_terminals_draw_every_view() {
    for (w, h) in [(80, 24), (40, 10), (20, 5), (10, 3), (1, 1)] {
        let mut app = app_with(5, false, false);
        app.resize(w, h);
        let mut screens = String::new();
        for (view, key) in [
            ("grid", None),
            ("detail", Some(KeyCode::Enter)),
            ("help", Some(KeyCode::Char('?'))),
        ] {
            if let Some(key) = key {
                press(&mut app, key);
            }
            let (text, _) = render(&app, &images(), PLAIN);
            assert_eq!(text.lines().count(), usize::from(h), "{view} at {w}×{h}");
            screens.push_str(&format!("{view} {w}x{h}\n{text}"));
        }
        snapshot(&format!("small_{w}x{h}"), &screens);
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
