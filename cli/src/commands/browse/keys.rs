//! Keys and mouse → state changes and effects. Every key the gallery knows is in [`HELP`],
//! which the `?` overlay shows, so the two cannot drift apart unnoticed (a test checks it).

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::state::{App, Confirm, Effect, Overlay, Prompt, PromptKind, TABS, next_sort};

/// (keys, what they do), in the order the help shows them.
pub const HELP: &[(&str, &str)] = &[
    ("←↓↑→ / hjkl", "move between cards"),
    ("PgUp PgDn", "a screen up or down"),
    ("Home End / g G", "first or last card"),
    ("Enter", "open the artwork"),
    ("Esc / Backspace", "back to the gallery"),
    ("n N", "next or previous artwork (detail view)"),
    (
        "Tab Shift-Tab / 1-5",
        "Gallery Popular Recommended Favourites Library",
    ),
    ("/", "search"),
    ("t", "filter by tag"),
    ("c", "filter by category"),
    ("p", "filter by price range"),
    ("s", "change the order"),
    ("x", "clear search and filters"),
    ("f", "favourite / unfavourite"),
    ("b", "buy (asks first, shows price and wallet)"),
    ("d", "download the original (yours or bought)"),
    ("r", "reload"),
    ("mouse", "wheel scrolls, click selects then opens"),
    ("?", "this help"),
    ("q / Ctrl-C", "quit"),
];

impl App {
    pub fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return Vec::new();
        }
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::None => self.on_browse_key(key),
            // Any key closes the help.
            Overlay::Help => Vec::new(),
            Overlay::Prompt(prompt) => self.on_prompt_key(prompt, key),
            Overlay::ConfirmBuy(confirm) => self.on_confirm_key(confirm, key),
        }
    }

    fn on_browse_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let grid = self.grid();
        let cols = grid.cols;
        let page = grid.visible().max(1);
        let sel = self.selected;
        if self.detail {
            return match key.code {
                KeyCode::Esc | KeyCode::Backspace | KeyCode::Char('h') | KeyCode::Left => {
                    self.detail = false;
                    self.keep_visible();
                    Vec::new()
                }
                KeyCode::Char('q') => {
                    self.quit = true;
                    Vec::new()
                }
                // Next and previous artwork without leaving the detail view.
                KeyCode::Char('n') | KeyCode::Char('l') | KeyCode::Right => self.select(sel + 1),
                KeyCode::Char('N') => self.select(sel.saturating_sub(1)),
                _ => self.on_action_key(key),
            };
        }
        match key.code {
            KeyCode::Char('q') => {
                self.quit = true;
                Vec::new()
            }
            KeyCode::Left | KeyCode::Char('h') => self.select(sel.saturating_sub(1)),
            KeyCode::Right | KeyCode::Char('l') => self.select(sel + 1),
            KeyCode::Up | KeyCode::Char('k') => self.select(sel.saturating_sub(cols)),
            KeyCode::Down | KeyCode::Char('j') => {
                if sel + cols < self.listing.items.len() {
                    self.select(sel + cols)
                } else {
                    self.more_if_needed()
                }
            }
            KeyCode::PageUp => self.select(sel.saturating_sub(page)),
            KeyCode::PageDown => self.select(sel + page),
            KeyCode::Home | KeyCode::Char('g') => self.select(0),
            KeyCode::End | KeyCode::Char('G') => self.select(usize::MAX),
            KeyCode::Enter => {
                if self.selected_artwork().is_some() {
                    self.detail = true;
                }
                Vec::new()
            }
            KeyCode::Tab => self.next_tab(1),
            KeyCode::BackTab => self.next_tab(-1),
            KeyCode::Char(d @ '1'..='5') => {
                let i = usize::from(d as u8 - b'1');
                self.switch_tab(TABS[i])
            }
            KeyCode::Char('/') => self.open_prompt(PromptKind::Search),
            KeyCode::Char('t') => self.open_prompt(PromptKind::Tag),
            KeyCode::Char('c') => self.open_prompt(PromptKind::Category),
            KeyCode::Char('p') => self.open_prompt(PromptKind::Price),
            KeyCode::Char('s') => {
                let mut filters = self.filters.clone();
                filters.sort = next_sort(filters.sort);
                self.set_filters(filters)
            }
            KeyCode::Char('x') => self.set_filters(super::state::Filters::default()),
            KeyCode::Char('r') => self.reload(),
            KeyCode::Esc => {
                self.status = None;
                Vec::new()
            }
            _ => self.on_action_key(key),
        }
    }

    /// Keys that act on the selected artwork, in the grid and in the detail view alike.
    fn on_action_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match key.code {
            KeyCode::Char('?') => {
                self.overlay = Overlay::Help;
                Vec::new()
            }
            KeyCode::Char('f') => self.toggle_favourite(),
            KeyCode::Char('b') => self.ask_to_buy(),
            KeyCode::Char('d') => self.ask_download(),
            _ => Vec::new(),
        }
    }

    fn open_prompt(&mut self, kind: PromptKind) -> Vec<Effect> {
        let input = match &kind {
            PromptKind::Search => self.filters.query.clone(),
            PromptKind::Tag => self.filters.tag.clone(),
            PromptKind::Category => self.filters.category.clone(),
            PromptKind::Price => match (&self.filters.min_price, &self.filters.max_price) {
                (None, None) => None,
                (min, max) => Some(format!(
                    "{}-{} {}",
                    min.as_deref().unwrap_or(""),
                    max.as_deref().unwrap_or(""),
                    self.filters.currency.as_deref().unwrap_or_default()
                )),
            },
            PromptKind::DownloadTo { .. } => Some(".".into()),
        };
        self.overlay = Overlay::Prompt(Prompt {
            kind,
            input: input.unwrap_or_default(),
        });
        Vec::new()
    }

    fn on_prompt_key(&mut self, mut prompt: Prompt, key: KeyEvent) -> Vec<Effect> {
        match key.code {
            KeyCode::Esc => Vec::new(),
            KeyCode::Enter => self.submit(prompt),
            KeyCode::Backspace => {
                prompt.input.pop();
                self.overlay = Overlay::Prompt(prompt);
                Vec::new()
            }
            KeyCode::Tab if prompt.kind == PromptKind::Category => {
                // Completes to the first category starting with what is typed.
                let typed = prompt.input.to_lowercase();
                if let Some(slug) = self.categories.iter().find(|c| c.starts_with(&typed)) {
                    prompt.input = slug.clone();
                }
                self.overlay = Overlay::Prompt(prompt);
                Vec::new()
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                prompt.input.clear();
                self.overlay = Overlay::Prompt(prompt);
                Vec::new()
            }
            KeyCode::Char(c) if !c.is_control() => {
                prompt.input.push(c);
                self.overlay = Overlay::Prompt(prompt);
                Vec::new()
            }
            _ => {
                self.overlay = Overlay::Prompt(prompt);
                Vec::new()
            }
        }
    }

    fn submit(&mut self, prompt: Prompt) -> Vec<Effect> {
        let value = prompt.input.trim().to_owned();
        let value = (!value.is_empty()).then_some(value);
        let mut filters = self.filters.clone();
        match prompt.kind {
            PromptKind::Search => filters.query = value,
            PromptKind::Tag => filters.tag = value,
            PromptKind::Category => filters.category = value,
            PromptKind::Price => match parse_range(value.as_deref()) {
                Ok(range) => {
                    // Bounds are compared in one currency: the one typed, else the selected
                    // work's, so "5-20" means what the cards show.
                    let shown = self
                        .selected_artwork()
                        .map(|a| a.payable().currency.clone());
                    filters.currency = match (&range.min, &range.max) {
                        (None, None) => None,
                        _ => range.currency.or(shown),
                    };
                    (filters.min_price, filters.max_price) = (range.min, range.max);
                }
                Err(e) => {
                    self.error(e);
                    self.overlay = Overlay::Prompt(prompt);
                    return Vec::new();
                }
            },
            PromptKind::DownloadTo { id } => {
                let dir = std::path::PathBuf::from(value.unwrap_or_else(|| ".".into()));
                self.download = Some(super::state::Download {
                    id: id.clone(),
                    done: 0,
                    total: None,
                });
                self.info(format!("Downloading the original of {id}…"));
                return vec![Effect::Download { id, dir }];
            }
        }
        self.set_filters(filters)
    }

    fn toggle_favourite(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_artwork().map(|a| a.id.clone()) else {
            return Vec::new();
        };
        if !self.signed_in {
            self.error("favourites need an account: run `artstation login`");
            return Vec::new();
        }
        let on = !self.favourites.contains(&id);
        self.mark_favourite(&id, on);
        vec![Effect::Favourite { id, on }]
    }

    fn ask_to_buy(&mut self) -> Vec<Effect> {
        let Some(a) = self.selected_artwork() else {
            return Vec::new();
        };
        if !self.signed_in {
            self.error("buying needs an account: run `artstation login`");
            return Vec::new();
        }
        let price = a.payable().clone();
        let editions = match (a.edition_size, a.editions_remaining) {
            (Some(size), Some(left)) => Some(format!("{left} of {size} editions left")),
            (Some(size), None) => Some(format!("edition of {size}")),
            _ => None,
        };
        if a.editions_remaining == Some(0) {
            self.error(format!("{} is sold out", a.title));
            return Vec::new();
        }
        let currency = price.currency.clone();
        self.overlay = Overlay::ConfirmBuy(Confirm {
            id: a.id.clone(),
            title: a.title.clone(),
            price,
            editions,
            balance: None,
        });
        vec![Effect::Wallet { currency }]
    }

    fn on_confirm_key(&mut self, confirm: Confirm, key: KeyEvent) -> Vec<Effect> {
        match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => {
                self.info(format!("Buying {}…", confirm.title));
                vec![Effect::Purchase {
                    id: confirm.id,
                    // What the buyer agreed to is what they pay: a price change is refused.
                    expected: confirm.price,
                    key: uuid::Uuid::now_v7().to_string(),
                }]
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc | KeyCode::Char('q') => {
                self.info("Nothing was bought");
                Vec::new()
            }
            _ => {
                self.overlay = Overlay::ConfirmBuy(confirm);
                Vec::new()
            }
        }
    }

    fn ask_download(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_artwork().map(|a| a.id.clone()) else {
            return Vec::new();
        };
        if !self.signed_in {
            self.error("downloading needs an account: run `artstation login`");
            return Vec::new();
        }
        if self.download.is_some() {
            self.error("a download is already running");
            return Vec::new();
        }
        self.open_prompt(PromptKind::DownloadTo { id })
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        if self.overlay != Overlay::None {
            return Vec::new();
        }
        let cols = self.grid().cols;
        match mouse.kind {
            MouseEventKind::ScrollDown if self.detail => self.select(self.selected + 1),
            MouseEventKind::ScrollUp if self.detail => self.select(self.selected.saturating_sub(1)),
            MouseEventKind::ScrollDown => self.select(self.selected + cols),
            MouseEventKind::ScrollUp => self.select(self.selected.saturating_sub(cols)),
            MouseEventKind::Down(MouseButton::Left) if !self.detail => {
                let Some(slot) = self.grid().slot_at(mouse.column, mouse.row) else {
                    return Vec::new();
                };
                let index = self.scroll * cols + slot;
                if index >= self.listing.items.len() {
                    return Vec::new();
                }
                // A click on the selected card opens it; elsewhere it selects.
                if index == self.selected {
                    self.detail = true;
                    return Vec::new();
                }
                self.select(index)
            }
            MouseEventKind::Down(MouseButton::Right) if self.detail => {
                self.detail = false;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}

/// A price range as typed: "5-20", "5-", "-20", "5" (at least 5), each optionally followed
/// by a currency code ("5-20 EUR"), or nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Range {
    pub min: Option<String>,
    pub max: Option<String>,
    pub currency: Option<String>,
}

pub fn parse_range(input: Option<&str>) -> Result<Range, String> {
    let Some(input) = input else {
        return Ok(Range::default());
    };
    let (amounts, currency) = match input.trim().rsplit_once(' ') {
        Some((amounts, code))
            if code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            (amounts, Some(code.to_ascii_uppercase()))
        }
        _ => (input, None),
    };
    let (min, max) = amounts.split_once('-').unwrap_or((amounts, ""));
    let side = |s: &str| -> Result<Option<String>, String> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        let plain = s.chars().all(|c| c.is_ascii_digit() || c == '.');
        if !plain || s.parse::<f64>().is_err() {
            return Err(format!(
                "{s:?} is not an amount; type a range like 5-20 or 5-20 EUR"
            ));
        }
        Ok(Some(s.to_owned()))
    };
    Ok(Range {
        min: side(min)?,
        max: side(max)?,
        currency,
    })
}
