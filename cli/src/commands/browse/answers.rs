//! Answers from the workers (pages, favourites, purchases, downloads) applied to the state.

use std::collections::HashSet;

use super::state::{App, Effect, Msg, Overlay, Tab};
use crate::output::format_price;

impl App {
    pub fn on_msg(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Page { generation, result } => {
                if generation != self.listing.generation {
                    return Vec::new();
                }
                self.listing.loading = false;
                self.listing.loaded = true;
                match result {
                    Ok((items, next)) => {
                        let known: HashSet<String> =
                            self.listing.items.iter().map(|a| a.id.clone()).collect();
                        self.listing
                            .items
                            .extend(items.into_iter().filter(|a| !known.contains(&a.id)));
                        self.listing.next_cursor = next;
                        return self.more_if_needed();
                    }
                    Err(e) => self.error(e),
                }
            }
            Msg::SignedInAs(name) => self.username = Some(name),
            Msg::SessionEnded(why) => {
                self.signed_in = false;
                self.username = None;
                self.error(format!("signed out, browsing anonymously: {why}"));
            }
            Msg::Favourites(ids) => self.favourites.extend(ids),
            Msg::Owned(ids) => self.owned.extend(ids),
            Msg::Favourite { id, on, result } => self.favourited(id, on, result),
            Msg::Wallet(balance) => {
                if let Overlay::ConfirmBuy(c) = &mut self.overlay {
                    c.balance = Some(balance);
                }
            }
            Msg::Purchased { id, result } => match result {
                Ok(order) => {
                    self.owned.insert(id);
                    let serial = match (order.serial, order.edition_size) {
                        (Some(n), Some(m)) => format!(", serial {n} of {m}"),
                        (Some(n), None) => format!(", serial {n}"),
                        _ => String::new(),
                    };
                    self.info(format!(
                        "Bought {} for {}{serial}; press d to download the original",
                        order.title.as_deref().unwrap_or("it"),
                        format_price(Some(&order.price))
                    ));
                }
                Err(e) => self.error(e),
            },
            Msg::Artwork(artwork) => {
                if let Some(slot) = self.listing.items.iter_mut().find(|a| a.id == artwork.id) {
                    *slot = *artwork;
                }
            }
            Msg::DownloadProgress { done, total } => {
                if let Some(d) = &mut self.download {
                    d.done = done;
                    d.total = total;
                }
            }
            Msg::Categories(slugs) => self.categories = slugs,
            Msg::Downloaded(result) => {
                self.download = None;
                match result {
                    Ok(path) => self.info(format!("Saved {}", path.display())),
                    Err(e) => self.error(e),
                }
            }
        }
        Vec::new()
    }

    fn favourited(&mut self, id: String, on: bool, result: Result<(), String>) {
        if let Err(e) = result {
            // Undo the optimistic mark and count.
            self.mark_favourite(&id, !on);
            self.error(e);
            return;
        }
        let title = self
            .listing
            .items
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.clone(), |a| a.title.clone());
        if on {
            self.info(format!("♥ Added {title} to your favourites"));
        } else {
            self.info(format!("Removed {title} from your favourites"));
            if self.tab == Tab::Favourites && !self.detail {
                self.listing.items.retain(|a| a.id != id);
                self.selected = self
                    .selected
                    .min(self.listing.items.len().saturating_sub(1));
            }
        }
    }

    /// Sets the mark and adjusts the shown count, before the server confirms.
    pub fn mark_favourite(&mut self, id: &str, on: bool) {
        let changed = if on {
            self.favourites.insert(id.to_owned())
        } else {
            self.favourites.remove(id)
        };
        if !changed {
            return;
        }
        if let Some(a) = self.listing.items.iter_mut().find(|a| a.id == id) {
            a.favorite_count = if on {
                a.favorite_count + 1
            } else {
                a.favorite_count.saturating_sub(1)
            };
        }
    }
}
