//! The state machine without a terminal or a server: keys and answers in, state and effects
//! out.

use artstation_api::{Artwork, Order, Price};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use serde_json::json;

use super::keys::{Range, parse_range};
use super::state::{App, Effect, Filters, Msg, Overlay, PromptKind, Tab};
use crate::args::Sort;
use crate::output::artwork_fixture;

pub fn artwork(n: usize) -> Artwork {
    artwork_fixture(json!({
        "id": format!("a{n}"),
        "title": format!("Work {n}"),
        "artist": {"id": "u1", "username": "alice"},
        "price": {"amount_minor": 1250, "currency": "EUR"},
        "edition_size": 10, "editions_sold": 3, "editions_remaining": 7,
        "thumbnail_url": format!("/v1/artworks/a{n}/thumbnail"),
        "preview_url": format!("/v1/artworks/a{n}/preview"),
    }))
}

/// An 80×24 gallery with `n` cards loaded and, when `more`, a cursor for the next page.
pub fn app_with(n: usize, more: bool, signed_in: bool) -> App {
    let mut app = App::new(Filters::default(), signed_in, (80, 24));
    let effects = app.start();
    assert!(matches!(
        effects.as_slice(),
        [Effect::Load { cursor: None, .. }, Effect::Categories]
    ));
    let generation = app.listing.generation;
    app.on_msg(Msg::Page {
        generation,
        result: Ok(((0..n).map(artwork).collect(), more.then(|| "c1".to_owned()))),
    });
    app
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.on_key(key(code))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn arrows_move_by_card_and_by_row_and_scroll() {
    let mut app = app_with(20, false, false);
    assert_eq!(app.grid().cols, 3);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.selected, 1);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.selected, 4);
    press(&mut app, KeyCode::Down);
    assert_eq!(
        (app.selected, app.scroll),
        (7, 1),
        "row 2 scrolls into view"
    );
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.selected, 19);
    press(&mut app, KeyCode::Home);
    assert_eq!((app.selected, app.scroll), (0, 0));
    press(&mut app, KeyCode::Left);
    assert_eq!(app.selected, 0, "the cursor stops at the first card");
}

#[test]
fn the_next_page_is_asked_once_near_the_end_with_the_cursor() {
    let mut app = app_with(30, true, false);
    assert!(
        press(&mut app, KeyCode::Right).is_empty(),
        "far from the end"
    );
    let effects = press(&mut app, KeyCode::End);
    let [
        Effect::Load {
            cursor: Some(cursor),
            generation,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(cursor, "c1");
    assert!(press(&mut app, KeyCode::Left).is_empty(), "already loading");
    let generation = *generation;
    app.on_msg(Msg::Page {
        generation,
        result: Ok(((25..40).map(artwork).collect(), None)),
    });
    assert_eq!(
        app.listing.items.len(),
        40,
        "overlapping ids are not shown twice"
    );
    assert!(
        press(&mut app, KeyCode::End).is_empty(),
        "no cursor: no more pages"
    );
}

#[test]
fn late_answers_for_a_replaced_list_are_dropped() {
    let mut app = app_with(5, false, false);
    let old = app.listing.generation;
    press(&mut app, KeyCode::Char('s'));
    app.on_msg(Msg::Page {
        generation: old,
        result: Ok(((0..3).map(artwork).collect(), None)),
    });
    assert!(app.listing.items.is_empty() && app.listing.loading);
}

#[test]
fn search_edits_the_query_and_reloads_the_gallery() {
    let mut app = app_with(5, false, false);
    press(&mut app, KeyCode::Char('/'));
    assert!(matches!(&app.overlay, Overlay::Prompt(p) if p.kind == PromptKind::Search));
    type_text(&mut app, "red sux");
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "n");
    // Keys typed in the prompt are text, not commands.
    assert!(!app.quit);
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.filters.query.as_deref(), Some("red sun"));
    let [Effect::Load { filters, tab, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (filters.query.as_deref(), *tab),
        (Some("red sun"), Tab::Gallery)
    );
    assert!(app.listing.items.is_empty(), "the old results are gone");

    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzz");
    assert!(press(&mut app, KeyCode::Esc).is_empty(), "Esc cancels");
    assert_eq!(app.filters.query.as_deref(), Some("red sun"));
}

#[test]
fn filters_tag_category_price_and_sort_apply_without_leaving() {
    let mut app = app_with(5, false, false);
    press(&mut app, KeyCode::Char('t'));
    type_text(&mut app, "sky");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    type_text(&mut app, "landscape");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('p'));
    type_text(&mut app, "5-20 eur");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('s'));
    let effects = press(&mut app, KeyCode::Char('s'));
    let want = Filters {
        query: None,
        tag: Some("sky".into()),
        category: Some("landscape".into()),
        min_price: Some("5".into()),
        max_price: Some("20".into()),
        currency: Some("EUR".into()),
        sort: Some(Sort::PriceAsc),
    };
    assert_eq!(app.filters, want);
    assert!(matches!(effects.as_slice(), [Effect::Load { filters, .. }] if *filters == want));
    assert_eq!(
        app.filters.summary(),
        "tag:sky category:landscape price:5–20 EUR sort:price_asc"
    );

    press(&mut app, KeyCode::Char('p'));
    type_text(&mut app, "x");
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(
        matches!(app.overlay, Overlay::Prompt(_)),
        "a bad range stays open"
    );
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.filters, Filters::default());
}

#[test]
fn price_ranges_parse_either_side_and_a_currency() {
    let range = |min: Option<&str>, max: Option<&str>, currency: Option<&str>| Range {
        min: min.map(str::to_owned),
        max: max.map(str::to_owned),
        currency: currency.map(str::to_owned),
    };
    assert_eq!(
        parse_range(Some("5-20")),
        Ok(range(Some("5"), Some("20"), None))
    );
    assert_eq!(
        parse_range(Some("-20 eur")),
        Ok(range(None, Some("20"), Some("EUR")))
    );
    assert_eq!(parse_range(Some("7.5")), Ok(range(Some("7.5"), None, None)));
    assert_eq!(parse_range(None), Ok(Range::default()));
    assert!(parse_range(Some("cheap")).is_err());
    assert!(parse_range(Some("5-x USD")).is_err());
}

#[test]
fn tab_completes_a_category() {
    let mut app = app_with(3, false, false);
    app.on_msg(Msg::Categories(vec!["landscape".into(), "portrait".into()]));
    press(&mut app, KeyCode::Char('c'));
    type_text(&mut app, "Po");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filters.category.as_deref(), Some("portrait"));
}

#[test]
fn a_price_range_without_a_currency_takes_the_cards_one() {
    let mut app = app_with(3, false, false);
    press(&mut app, KeyCode::Char('p'));
    type_text(&mut app, "-20");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        (
            app.filters.max_price.as_deref(),
            app.filters.currency.as_deref()
        ),
        (Some("20"), Some("EUR"))
    );
    let query = crate::commands::list::catalogue_query(&app.filters.catalogue(None), None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        query.contains(&("max_price", "2000".to_owned())),
        "{query:?}"
    );
    assert!(query.contains(&("currency", "EUR".to_owned())), "{query:?}");
}

#[test]
fn tabs_switch_and_ask_for_an_account_where_needed() {
    let mut app = app_with(5, false, false);
    let effects = press(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Popular);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Load {
            tab: Tab::Popular,
            ..
        }]
    ));
    assert!(press(&mut app, KeyCode::Char('4')).is_empty());
    assert_eq!(app.tab, Tab::Favourites);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("login"))
    );
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.tab, Tab::Recommended);
    let mut app = app_with(5, false, true);
    let effects = press(&mut app, KeyCode::Char('5'));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Load {
            tab: Tab::Library,
            ..
        }]
    ));
}

#[test]
fn enter_opens_the_detail_and_esc_goes_back() {
    let mut app = app_with(5, false, false);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    assert!(app.detail);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.selected_artwork().map(|a| a.id.as_str()), Some("a2"));
    press(&mut app, KeyCode::Esc);
    assert!(!app.detail && !app.quit);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay, Overlay::Help);
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit, "q closes the help first");
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn favourites_toggle_at_once_and_roll_back_on_error() {
    let mut app = app_with(3, false, true);
    let effects = press(&mut app, KeyCode::Char('f'));
    assert_eq!(
        effects,
        [Effect::Favourite {
            id: "a0".into(),
            on: true
        }]
    );
    assert!(app.favourites.contains("a0"));
    assert_eq!(app.listing.items[0].favorite_count, 1);
    app.on_msg(Msg::Favourite {
        id: "a0".into(),
        on: true,
        result: Ok(()),
    });
    let effects = press(&mut app, KeyCode::Char('f'));
    assert_eq!(
        effects,
        [Effect::Favourite {
            id: "a0".into(),
            on: false
        }]
    );
    app.on_msg(Msg::Favourite {
        id: "a0".into(),
        on: false,
        result: Err("server down (unavailable)".into()),
    });
    assert!(app.favourites.contains("a0"), "the failed change is undone");
    assert!(app.status.as_ref().is_some_and(|s| s.error));

    let mut anonymous = app_with(3, false, false);
    assert!(press(&mut anonymous, KeyCode::Char('f')).is_empty());
    assert!(anonymous.status.as_ref().is_some_and(|s| s.error));
}

#[test]
fn buying_asks_first_with_price_and_balance() {
    let mut app = app_with(3, false, true);
    let effects = press(&mut app, KeyCode::Char('b'));
    assert_eq!(
        effects,
        [Effect::Wallet {
            currency: "EUR".into()
        }]
    );
    let eur = |minor| Price {
        amount_minor: minor,
        currency: "EUR".into(),
    };
    app.on_msg(Msg::Wallet(Ok(eur(5000))));
    let Overlay::ConfirmBuy(c) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(
        (c.price.clone(), c.balance.clone()),
        (eur(1250), Some(Ok(eur(5000))))
    );
    assert!(
        press(&mut app, KeyCode::Char('x')).is_empty(),
        "other keys wait"
    );
    let effects = press(&mut app, KeyCode::Char('y'));
    let [Effect::Purchase { id, expected, key }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!((id.as_str(), expected), ("a0", &eur(1250)));
    assert!(!key.is_empty());
    let order: Order = serde_json::from_value(json!({
        "artist_id": "u1", "artwork_id": "a0", "buyer_id": "u2", "created_at": null,
        "edition_size": 10, "failure": null, "id": "o1", "licence": "personal",
        "paid_at": null, "price": {"amount_minor": 1250, "currency": "EUR"},
        "refunded_at": null, "serial": 4, "status": "paid", "title": "Work 0",
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    app.on_msg(Msg::Purchased {
        id: "a0".into(),
        result: Ok(Box::new(order)),
    });
    assert!(app.owned.contains("a0"));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("serial 4 of 10"))
    );

    press(&mut app, KeyCode::Char('b'));
    assert!(
        press(&mut app, KeyCode::Char('n')).is_empty(),
        "n buys nothing"
    );
    assert_eq!(app.overlay, Overlay::None);
    app.on_msg(Msg::Purchased {
        id: "a1".into(),
        result: Err("a1 is sold out: every edition has been bought (sold_out)".into()),
    });
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("sold out"))
    );
}

#[test]
fn download_asks_for_a_folder_and_shows_progress() {
    let mut app = app_with(3, false, true);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "/tmp");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        [Effect::Download {
            id: "a0".into(),
            dir: "/tmp".into()
        }]
    );
    app.on_msg(Msg::DownloadProgress {
        done: 50,
        total: Some(100),
    });
    assert_eq!(app.download.as_ref().map(|d| d.done), Some(50));
    assert!(
        press(&mut app, KeyCode::Char('d')).is_empty(),
        "one at a time"
    );
    app.on_msg(Msg::Downloaded(Ok("/tmp/a0.png".into())));
    assert!(app.download.is_none());
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("/tmp/a0.png"))
    );
}

#[test]
fn the_mouse_scrolls_selects_and_opens() {
    let mut app = app_with(20, false, false);
    let mouse = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    app.on_mouse(mouse(MouseEventKind::ScrollDown, 0, 0));
    assert_eq!(app.selected, 3);
    app.on_mouse(mouse(MouseEventKind::Down(MouseButton::Left), 60, 4));
    assert_eq!((app.selected, app.detail), (2, false));
    app.on_mouse(mouse(MouseEventKind::Down(MouseButton::Left), 60, 4));
    assert!(app.detail, "a click on the selected card opens it");
}

#[test]
fn resizing_keeps_the_cursor_on_screen() {
    let mut app = app_with(30, false, false);
    press(&mut app, KeyCode::End);
    app.resize(200, 60);
    let grid = app.grid();
    let row = app.selected / grid.cols;
    assert!(
        row >= app.scroll && row < app.scroll + grid.rows,
        "{grid:?}"
    );
    app.resize(30, 8);
    let grid = app.grid();
    assert_eq!(grid.cols, 1);
    assert!(app.selected / grid.cols >= app.scroll);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let mut app = app_with(1, false, false);
    press(&mut app, KeyCode::Char('/'));
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(app.quit);
}

#[test]
fn a_refused_session_goes_on_anonymously_and_says_so() {
    let mut app = app_with(3, false, true);
    app.on_msg(Msg::SignedInAs("bob".into()));
    app.on_msg(Msg::SessionEnded("the session has ended".into()));
    assert!(!app.signed_in && app.username.is_none());
    let status = app.status.as_ref().map(|s| (s.error, s.text.as_str()));
    assert_eq!(
        status,
        Some((
            true,
            "signed out, browsing anonymously: the session has ended"
        ))
    );
    assert!(press(&mut app, KeyCode::Char('f')).is_empty());
    assert_eq!(app.listing.items.len(), 3, "the cards stay");
}
