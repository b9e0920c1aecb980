//! The catalogue's features, one file each, all methods of the shared [`crate::state::State`]:
//! `browse` (search, one artwork, popular, categories), `edit` (owner edits, deletes, bulk
//! repricing), `favorites` (favourites and the recommendations made from them), `sale` (the
//! store-wide sale) and `admin` (categories, moderation, the flagged list). No feature calls
//! another; what they share lives in `state`, `input`, `present` and `cursor`.

mod admin;
mod browse;
mod edit;
mod favorites;
mod sale;
