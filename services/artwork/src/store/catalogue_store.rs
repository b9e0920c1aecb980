//! The catalogue half of the artwork store: search and browse, edits, pricing, favourites,
//! categories, the store-wide sale, trending and recommendations.

use artstation_domain::{
    ArtworkStatus, CategorySlug, Currency, Description, EditionSize, Licence, Money, SalePercent,
    Tag, Title,
};
use chrono::{DateTime, Utc};

use super::{ArtworkRecord, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    New,
    Popular,
    PriceAsc,
    PriceDesc,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "" | "new" => Some(Self::New),
            "popular" => Some(Self::Popular),
            "price_asc" => Some(Self::PriceAsc),
            "price_desc" => Some(Self::PriceDesc),
            _ => None,
        }
    }
}

/// Where the previous page ended, in the sort's own key (keyset pagination, never OFFSET).
#[derive(Debug, Clone, PartialEq)]
pub enum After {
    Id(String),
    Price(i64, String),
    Score(f64, String),
}

/// Filters on the public catalogue; price bounds are on the list price (the service turns
/// bounds on the effective price into these).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub text: Option<String>,
    pub tag: Option<Tag>,
    pub category: Option<CategorySlug>,
    pub artist_username: Option<String>,
    pub licence: Option<Licence>,
    pub currency: Option<Currency>,
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
}

/// Fields an owner may change. `None` leaves a field alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArtworkPatch {
    pub title: Option<Title>,
    pub description: Option<Description>,
    pub tags: Option<Vec<Tag>>,
    /// `Some(None)` clears the category.
    pub category: Option<Option<CategorySlug>>,
    pub price: Option<Money>,
    pub licence: Option<Licence>,
    /// `Some(EditionSize::OPEN)` makes the edition open.
    pub edition_size: Option<EditionSize>,
    /// Draft or published only; hiding is moderation's.
    pub status: Option<ArtworkStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Ids(Vec<String>),
    All,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PriceChange {
    Set {
        amount_minor: i64,
        currency: String,
    },
    /// Basis points: -1050 is -10.5 %. Results round half away from zero to whole minor units.
    PercentBp(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sale {
    pub percent: SalePercent,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl Sale {
    pub fn active_at(&self, now: DateTime<Utc>) -> bool {
        self.starts_at <= now && now < self.ends_at
    }

    /// The price during the sale, rounded half up to whole minor units.
    pub fn apply(&self, amount_minor: i64) -> i64 {
        self.percent.apply(amount_minor)
    }

    /// The smallest list price whose sale price is at least `effective` (monotone search), so
    /// bounds on what buyers pay become index-friendly bounds on the stored price.
    pub fn list_price_at_least(&self, effective: i64) -> i64 {
        let (mut lo, mut hi) = (0_i64, i64::MAX / 20_000);
        if self.apply(hi) < effective {
            return hi;
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.apply(mid) >= effective {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub slug: String,
    pub name: String,
}

/// Weights of the events popularity counts.
pub const VIEW_WEIGHT: f64 = 1.0;
pub const FAVORITE_WEIGHT: f64 = 5.0;
/// A sale says more about a work than a favourite does.
pub const SALE_WEIGHT: f64 = 20.0;
/// Popularity decays by e every this many seconds (one day).
const DECAY_SECS: f64 = 86_400.0;

/// The log-space popularity after an event of `weight` at `at`: scores of events far in the
/// past become negligible next to recent ones, and comparing two scores compares decayed
/// activity at any common instant, so old rows never need rewriting.
pub fn bump_popularity(score: f64, weight: f64, at: DateTime<Utc>) -> f64 {
    let event = event_score(weight, at);
    let (hi, lo) = if score > event {
        (score, event)
    } else {
        (event, score)
    };
    hi + (lo - hi).exp().ln_1p()
}

/// The popularity after taking back an event of `weight` at `at` (an unfavourite takes back
/// its favourite), so toggling never climbs. What would remain below a billionth of the event
/// is rounding noise, not activity: the score then falls back to the column's default.
pub fn unbump_popularity(score: f64, weight: f64, at: DateTime<Utc>) -> f64 {
    let share = (event_score(weight, at) - score).exp();
    if !share.is_finite() || share > 1.0 - 1e-9 {
        return 0.0;
    }
    (score + (-share).ln_1p()).max(0.0)
}

/// One event's term of the log-space sum.
fn event_score(weight: f64, at: DateTime<Utc>) -> f64 {
    let epoch = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    weight.ln() + (at - epoch).num_milliseconds() as f64 / 1000.0 / DECAY_SECS
}

/// Views of one artwork counted since the last flush, the latest at `at`.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewTally {
    pub artwork_id: String,
    pub views: u32,
    pub at: DateTime<Utc>,
}

#[async_trait::async_trait]
pub trait CatalogueStore: Send + Sync + 'static {
    /// Public works matching `filter`, in `sort` order, strictly after `after`.
    async fn search(
        &self,
        filter: &Filter,
        sort: Sort,
        after: Option<&After>,
        limit: u32,
    ) -> Result<Vec<ArtworkRecord>, StoreError>;
    /// Applies a patch; `None` if there is no such (undeleted) artwork.
    async fn update(
        &self,
        id: &str,
        patch: &ArtworkPatch,
    ) -> Result<Option<ArtworkRecord>, StoreError>;
    /// Removes from the catalogue; false if already gone.
    async fn soft_delete(&self, id: &str, at: DateTime<Utc>) -> Result<bool, StoreError>;
    /// Hides (`Some`) or restores (`None`); false if there is no such artwork.
    async fn set_hidden(&self, id: &str, at: Option<DateTime<Utc>>) -> Result<bool, StoreError>;
    /// Reprices `artist_id`'s works, all or nothing. Ids of other artists' works are refused
    /// with `NotOwner`, prices out of range with `Invalid`.
    async fn reprice(
        &self,
        artist_id: &str,
        selection: &Selection,
        change: &PriceChange,
    ) -> Result<Vec<ArtworkRecord>, StoreError>;
    /// Turns a favourite on or off; returns whether anything changed.
    async fn set_favorite(
        &self,
        user_id: &str,
        artwork_id: &str,
        favorite: bool,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    /// The user's favourites, newest first, with when each was added.
    async fn favorites(
        &self,
        user_id: &str,
        limit: u32,
        after: Option<(DateTime<Utc>, String)>,
    ) -> Result<Vec<(ArtworkRecord, DateTime<Utc>)>, StoreError>;
    async fn record_view(&self, id: &str, at: DateTime<Utc>) -> Result<(), StoreError>;
    /// Adds batched views (counts and popularity) in one transaction.
    async fn record_views(&self, tallies: &[ViewTally]) -> Result<(), StoreError>;
    /// The trending score the popular sort orders by (for its cursors).
    async fn popularity(&self, id: &str) -> Result<Option<f64>, StoreError>;
    /// Works favourited by those who favourited what `user_id` favourited, excluding the
    /// user's own works, favourites and purchases (unless refunded), best first.
    async fn recommendations(
        &self,
        user_id: &str,
        limit: u32,
    ) -> Result<Vec<ArtworkRecord>, StoreError>;
    async fn categories(&self) -> Result<Vec<Category>, StoreError>;
    async fn category_exists(&self, slug: &str) -> Result<bool, StoreError>;
    /// Adds a category or renames an existing one.
    async fn put_category(&self, category: &Category) -> Result<(), StoreError>;
    async fn sale(&self) -> Result<Option<Sale>, StoreError>;
    async fn set_sale(&self, sale: Option<&Sale>) -> Result<(), StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sale(bp: u32) -> Sale {
        let now = Utc::now();
        Sale {
            percent: SalePercent::from_basis_points(bp).unwrap_or_else(|e| panic!("{e}")),
            starts_at: now,
            ends_at: now,
        }
    }

    #[test]
    fn sale_prices_round_half_up() {
        assert_eq!(sale(2000).apply(1000), 800);
        assert_eq!(sale(3333).apply(1), 1, "0.6667 rounds up");
        assert_eq!(sale(5000).apply(1), 1, "0.5 rounds up");
        assert_eq!(sale(5001).apply(1), 0);
    }

    #[test]
    fn effective_bounds_map_to_list_bounds_exactly() {
        for bp in [1, 1500, 3333, 9999] {
            let s = sale(bp);
            for eff in [0, 1, 99, 1000, 12_345] {
                let p = s.list_price_at_least(eff);
                assert!(s.apply(p) >= eff, "bp {bp} eff {eff}");
                assert!(
                    p == 0 || s.apply(p - 1) < eff,
                    "bp {bp} eff {eff} not minimal"
                );
            }
        }
    }

    #[test]
    fn popularity_prefers_recent_activity() {
        let t = DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        let old_busy = (0..10).fold(0.0, |s, _| bump_popularity(s, FAVORITE_WEIGHT, t));
        let fresh = bump_popularity(0.0, FAVORITE_WEIGHT, t + chrono::Duration::days(4));
        assert!(
            fresh > old_busy,
            "one favourite today beats ten four days ago"
        );
        let more = bump_popularity(fresh, VIEW_WEIGHT, t + chrono::Duration::days(4));
        assert!(more > fresh);
    }
}
