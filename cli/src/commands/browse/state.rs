//! What the gallery knows and shows: the tab, the filters, the loaded cards, the cursor, the
//! open overlay, the status line. Changed only by [`App::on_key`] and friends (`keys.rs`) and
//! by [`App::on_msg`] (answers from the workers), which return the [`Effect`]s to carry out,
//! so every behaviour is testable without a terminal or a server.

use std::collections::HashSet;
use std::path::PathBuf;

use artstation_api::{Artwork, Order, Price};

use super::layout::{self, Grid};
use crate::args::{CatalogueFilters, Sort};

/// Cards fetched per page of a cursor-paged list.
pub const PAGE_SIZE: u32 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Gallery,
    Popular,
    Recommended,
    Favourites,
    Library,
}

pub const TABS: [Tab; 5] = [
    Tab::Gallery,
    Tab::Popular,
    Tab::Recommended,
    Tab::Favourites,
    Tab::Library,
];

impl Tab {
    pub fn title(self) -> &'static str {
        match self {
            Self::Gallery => "Gallery",
            Self::Popular => "Popular",
            Self::Recommended => "Recommended",
            Self::Favourites => "Favourites",
            Self::Library => "Library",
        }
    }

    pub fn needs_sign_in(self) -> bool {
        matches!(self, Self::Recommended | Self::Favourites | Self::Library)
    }

    fn index(self) -> usize {
        TABS.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// The search and filters of the Gallery tab, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub query: Option<String>,
    pub tag: Option<String>,
    pub category: Option<String>,
    pub min_price: Option<String>,
    pub max_price: Option<String>,
    /// The currency of the price bounds (USD when absent, as for `artstation list`).
    pub currency: Option<String>,
    pub sort: Option<Sort>,
}

impl Filters {
    /// The list command's filters, so prices are converted exactly as `artstation list` does.
    pub fn catalogue(&self, cursor: Option<String>) -> CatalogueFilters {
        CatalogueFilters {
            tag: self.tag.clone(),
            category: self.category.clone(),
            min_price: self.min_price.clone(),
            max_price: self.max_price.clone(),
            currency: self.currency.clone(),
            sort: self.sort,
            limit: Some(PAGE_SIZE),
            cursor,
            ..CatalogueFilters::default()
        }
    }

    /// "“sunset” tag:sky price:5–20 sort:new", or "all artworks".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(q) = &self.query {
            parts.push(format!("“{q}”"));
        }
        if let Some(t) = &self.tag {
            parts.push(format!("tag:{t}"));
        }
        if let Some(c) = &self.category {
            parts.push(format!("category:{c}"));
        }
        match (&self.min_price, &self.max_price) {
            (None, None) => {}
            (min, max) => parts.push(format!(
                "price:{}–{} {}",
                min.as_deref().unwrap_or("0"),
                max.as_deref().unwrap_or("∞"),
                self.currency.as_deref().unwrap_or("USD")
            )),
        }
        parts.push(format!("sort:{}", sort_name(self.sort)));
        parts.join(" ")
    }
}

pub fn sort_name(sort: Option<Sort>) -> &'static str {
    sort.map_or("new", Sort::as_query)
}

/// The next order in the `s` cycle.
pub fn next_sort(sort: Option<Sort>) -> Option<Sort> {
    Some(match sort {
        None | Some(Sort::New) => Sort::Popular,
        Some(Sort::Popular) => Sort::PriceAsc,
        Some(Sort::PriceAsc) => Sort::PriceDesc,
        Some(Sort::PriceDesc) => Sort::New,
    })
}

/// The cards of the current tab and how to get more.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub items: Vec<Artwork>,
    pub next_cursor: Option<String>,
    pub loading: bool,
    /// The first page has arrived (an empty list then means "nothing", not "not yet").
    pub loaded: bool,
    /// Bumped whenever the list is replaced, so a late answer for the old one is dropped.
    pub generation: u64,
}

/// A single-line input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    Tag,
    Category,
    /// "MIN-MAX" in major units of USD, either side optional.
    Price,
    /// Where to save the original of the artwork `id`.
    DownloadTo {
        id: String,
    },
}

impl PromptKind {
    pub fn label(&self) -> &'static str {
        match self {
            Self::Search => "Search",
            Self::Tag => "Tag",
            Self::Category => "Category",
            Self::Price => "Price range, e.g. 5-20 or 5-20 EUR",
            Self::DownloadTo { .. } => "Save the original to folder",
        }
    }
}

/// The purchase question: what it costs and what the wallet holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub id: String,
    pub title: String,
    pub price: Price,
    pub editions: Option<String>,
    /// `None` while the wallet is being read.
    pub balance: Option<Result<Price, String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    Prompt(Prompt),
    ConfirmBuy(Confirm),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub id: String,
    pub done: u64,
    pub total: Option<u64>,
}

/// Work for the outside world; the answers come back as [`Msg`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Load {
        tab: Tab,
        filters: Filters,
        cursor: Option<String>,
        generation: u64,
    },
    Favourite {
        id: String,
        on: bool,
    },
    Wallet {
        currency: String,
    },
    Purchase {
        id: String,
        expected: Price,
        key: String,
    },
    Download {
        id: String,
        dir: PathBuf,
    },
    Categories,
}

/// Answers from the workers.
#[derive(Debug, Clone)]
pub enum Msg {
    Page {
        generation: u64,
        result: Result<(Vec<Artwork>, Option<String>), String>,
    },
    SignedInAs(String),
    /// The stored session was refused (expired and not refreshable, revoked): the gallery
    /// goes on anonymously and says why.
    SessionEnded(String),
    Favourites(Vec<String>),
    Owned(Vec<String>),
    Favourite {
        id: String,
        on: bool,
        result: Result<(), String>,
    },
    Wallet(Result<Price, String>),
    Purchased {
        id: String,
        result: Result<Box<Order>, String>,
    },
    Artwork(Box<Artwork>),
    DownloadProgress {
        done: u64,
        total: Option<u64>,
    },
    Downloaded(Result<PathBuf, String>),
    /// The server's category slugs, for completing the category filter.
    Categories(Vec<String>),
}

pub struct App {
    pub tab: Tab,
    pub filters: Filters,
    pub listing: Listing,
    pub selected: usize,
    /// First visible row of cards.
    pub scroll: usize,
    pub size: (u16, u16),
    pub detail: bool,
    pub overlay: Overlay,
    pub status: Option<Status>,
    pub signed_in: bool,
    pub username: Option<String>,
    pub favourites: HashSet<String>,
    pub owned: HashSet<String>,
    pub download: Option<Download>,
    pub categories: Vec<String>,
    /// Whether cards make room for a picture (not with `--image-protocol none`).
    pub pictures: bool,
    pub quit: bool,
}

impl App {
    pub fn new(filters: Filters, signed_in: bool, size: (u16, u16)) -> Self {
        Self {
            tab: Tab::Gallery,
            filters,
            listing: Listing::default(),
            selected: 0,
            scroll: 0,
            size,
            detail: false,
            overlay: Overlay::None,
            status: None,
            signed_in,
            username: None,
            favourites: HashSet::new(),
            owned: HashSet::new(),
            download: None,
            categories: Vec::new(),
            pictures: true,
            quit: false,
        }
    }

    /// The first load; call once at start.
    pub fn start(&mut self) -> Vec<Effect> {
        let mut effects = self.reload();
        effects.push(Effect::Categories);
        effects
    }

    pub fn grid(&self) -> Grid {
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        layout::grid(layout::screen(area).body, self.pictures)
    }

    pub fn selected_artwork(&self) -> Option<&Artwork> {
        self.listing.items.get(self.selected)
    }

    /// The cards on screen now: (index into the listing, visible slot).
    pub fn visible(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let grid = self.grid();
        let first = self.scroll * grid.cols;
        (first..(first + grid.visible()).min(self.listing.items.len())).map(move |i| (i, i - first))
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// Replaces the list with the first page of the current tab and filters.
    pub fn reload(&mut self) -> Vec<Effect> {
        let generation = self.listing.generation + 1;
        self.listing = Listing {
            generation,
            ..Listing::default()
        };
        self.selected = 0;
        self.scroll = 0;
        self.detail = false;
        if self.tab.needs_sign_in() && !self.signed_in {
            self.listing.loaded = true;
            self.error(format!(
                "{} needs an account: run `artstation login`, then browse again",
                self.tab.title()
            ));
            return Vec::new();
        }
        self.listing.loading = true;
        vec![Effect::Load {
            tab: self.tab,
            filters: self.filters.clone(),
            cursor: None,
            generation,
        }]
    }

    /// The next page when the cursor is within a screen of the end of what is loaded.
    pub fn more_if_needed(&mut self) -> Vec<Effect> {
        let grid = self.grid();
        let near_end = self.selected + grid.visible() + grid.cols >= self.listing.items.len();
        match &self.listing.next_cursor {
            Some(cursor) if near_end && !self.listing.loading => {
                self.listing.loading = true;
                vec![Effect::Load {
                    tab: self.tab,
                    filters: self.filters.clone(),
                    cursor: Some(cursor.clone()),
                    generation: self.listing.generation,
                }]
            }
            _ => Vec::new(),
        }
    }

    /// Moves the cursor to `index` (clamped) and scrolls so it shows.
    pub fn select(&mut self, index: usize) -> Vec<Effect> {
        let len = self.listing.items.len();
        self.selected = index.min(len.saturating_sub(1));
        self.keep_visible();
        self.more_if_needed()
    }

    pub fn keep_visible(&mut self) {
        let grid = self.grid();
        let row = self.selected / grid.cols.max(1);
        if row < self.scroll {
            self.scroll = row;
        } else if row >= self.scroll + grid.rows {
            self.scroll = row + 1 - grid.rows;
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) -> Vec<Effect> {
        self.size = (width, height);
        self.keep_visible();
        self.more_if_needed()
    }

    pub fn switch_tab(&mut self, tab: Tab) -> Vec<Effect> {
        if tab == self.tab {
            return Vec::new();
        }
        self.tab = tab;
        self.status = None;
        self.reload()
    }

    pub fn next_tab(&mut self, step: isize) -> Vec<Effect> {
        let n = TABS.len().cast_signed();
        let i = (self.tab.index().cast_signed() + step).rem_euclid(n);
        self.switch_tab(TABS[i.cast_unsigned()])
    }

    /// Applies new filters; they always take the gallery back to its Gallery tab.
    pub fn set_filters(&mut self, filters: Filters) -> Vec<Effect> {
        self.filters = filters;
        self.tab = Tab::Gallery;
        self.status = None;
        self.reload()
    }
}
