//! Pictures for the gallery: fetched on async tasks, decoded and encoded for the terminal on
//! blocking threads (at most a few at a time), kept in a cache bounded by bytes. The loop only
//! asks ([`Images::want`]) and looks ([`Images::get`]); it never waits for a picture, and a
//! card without one shows a placeholder.

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::Arc;

use image::DynamicImage;
use ratatui::layout::Size;
use ratatui_image::Resize;
use ratatui_image::picker::Picker;
use ratatui_image::protocol::Protocol;
use reqwest::Url;
use tokio::sync::Semaphore;
use tokio::sync::mpsc::UnboundedSender;

use super::event::Event;

/// Decoded pictures and their encodings kept at most, in bytes.
pub const CACHE_BYTES: usize = 96 * 1024 * 1024;
/// Downloads at once: enough to fill a screen quickly, few enough not to crowd the server.
const FETCHES: usize = 6;
/// A picture bigger than this (decoded) is refused: thumbnails are 400 px, previews 1600 px.
const MAX_DECODE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    Thumbnail,
    Preview,
}

pub type Key = (String, Variant);

pub enum ImageMsg {
    Decoded {
        key: Key,
        result: Result<Arc<DynamicImage>, String>,
    },
    Encoded {
        key: Key,
        size: Size,
        result: Result<Protocol, String>,
    },
}

/// What a card can show now.
pub enum Lookup<'a> {
    /// Pictures are off (`--image-protocol none`, or before the terminal answered).
    Off,
    Loading,
    Failed,
    Ready(&'a Protocol),
}

enum State {
    Loading,
    Failed(String),
    Ready(Arc<DynamicImage>),
}

struct Entry {
    state: State,
    /// Encodings per cell size; `None` while one is being made.
    encoded: HashMap<(u16, u16), Option<Protocol>>,
    bytes: usize,
    last_used: u64,
}

pub struct Images {
    picker: Option<Picker>,
    entries: HashMap<Key, Entry>,
    used: usize,
    budget: usize,
    clock: u64,
    fetches: Arc<Semaphore>,
    decodes: Arc<Semaphore>,
    client: reqwest::Client,
    base: Url,
    tx: UnboundedSender<Event>,
}

impl Images {
    pub fn new(client: reqwest::Client, base: Url, tx: UnboundedSender<Event>) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            picker: None,
            entries: HashMap::new(),
            used: 0,
            budget: CACHE_BYTES,
            clock: 0,
            fetches: Arc::new(Semaphore::new(FETCHES)),
            decodes: Arc::new(Semaphore::new(cores)),
            client,
            base,
            tx,
        }
    }

    /// Turns pictures on once the terminal's protocol and font size are known.
    pub fn set_picker(&mut self, picker: Option<Picker>) {
        self.picker = picker;
        // Encodings for another protocol are useless now.
        for entry in self.entries.values_mut() {
            entry.encoded.clear();
        }
    }

    /// Starts a frame: what is wanted from now on is what the frame shows.
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// Asks for the picture of `id` at `size` cells; starts what is missing.
    pub fn want(&mut self, id: &str, variant: Variant, url: Option<&str>, size: Size) {
        let Some(picker) = &self.picker else { return };
        if size.width == 0 || size.height == 0 {
            return;
        }
        let key = (id.to_owned(), variant);
        let clock = self.clock;
        let entry = match self.entries.get_mut(&key) {
            Some(entry) => entry,
            None => {
                let Some(url) = url.and_then(|u| self.base.join(u).ok()) else {
                    return;
                };
                self.entries.insert(
                    key.clone(),
                    Entry {
                        state: State::Loading,
                        encoded: HashMap::new(),
                        bytes: 0,
                        last_used: clock,
                    },
                );
                self.fetch(key, url);
                return;
            }
        };
        entry.last_used = clock;
        let State::Ready(image) = &entry.state else {
            return;
        };
        let cells = (size.width, size.height);
        if entry.encoded.contains_key(&cells) {
            return;
        }
        entry.encoded.insert(cells, None);
        let (image, picker, tx) = (image.clone(), picker.clone(), self.tx.clone());
        let decodes = self.decodes.clone();
        tokio::spawn(async move {
            let Ok(_permit) = decodes.acquire_owned().await else {
                return;
            };
            let result = tokio::task::spawn_blocking(move || encode(&picker, &image, size))
                .await
                .unwrap_or_else(|e| Err(e.to_string()));
            let _ = tx.send(Event::Image(ImageMsg::Encoded { key, size, result }));
        });
    }

    fn fetch(&self, key: Key, url: Url) {
        let (client, tx) = (self.client.clone(), self.tx.clone());
        let (fetches, decodes) = (self.fetches.clone(), self.decodes.clone());
        tokio::spawn(async move {
            let result = async {
                let bytes = {
                    let _permit = fetches.acquire_owned().await.map_err(|e| e.to_string())?;
                    let response = client.get(url).send().await.map_err(|e| e.to_string())?;
                    let response = crate::api::check(response)
                        .await
                        .map_err(|e| e.to_string())?;
                    response.bytes().await.map_err(|e| e.to_string())?
                };
                let _permit = decodes.acquire_owned().await.map_err(|e| e.to_string())?;
                tokio::task::spawn_blocking(move || decode(&bytes))
                    .await
                    .map_err(|e| e.to_string())?
            }
            .await;
            let _ = tx.send(Event::Image(ImageMsg::Decoded { key, result }));
        });
    }

    pub fn on_msg(&mut self, msg: ImageMsg) {
        match msg {
            ImageMsg::Decoded { key, result } => {
                let Some(entry) = self.entries.get_mut(&key) else {
                    return;
                };
                match result {
                    Ok(image) => {
                        let bytes = image.as_bytes().len();
                        entry.bytes += bytes;
                        self.used += bytes;
                        entry.state = State::Ready(image);
                    }
                    Err(e) => entry.state = State::Failed(e),
                }
            }
            ImageMsg::Encoded { key, size, result } => {
                let font = self.picker.as_ref().map(Picker::font_size);
                let Some(entry) = self.entries.get_mut(&key) else {
                    return;
                };
                let cells = (size.width, size.height);
                match result {
                    Ok(protocol) => {
                        let bytes = encoded_bytes(&protocol, font);
                        entry.bytes += bytes;
                        self.used += bytes;
                        entry.encoded.insert(cells, Some(protocol));
                    }
                    Err(e) => {
                        entry.encoded.remove(&cells);
                        entry.state = State::Failed(e);
                    }
                }
            }
        }
        self.evict();
    }

    /// Drops the least recently wanted pictures until the cache fits its budget; what the
    /// current frame wants is never dropped.
    fn evict(&mut self) {
        while self.used > self.budget {
            let oldest = self
                .entries
                .iter()
                .filter(|(_, e)| e.last_used < self.clock && matches!(e.state, State::Ready(_)))
                .min_by_key(|(_, e)| e.last_used)
                .map(|(k, _)| k.clone());
            let Some(key) = oldest else { return };
            if let Some(entry) = self.entries.remove(&key) {
                self.used = self.used.saturating_sub(entry.bytes);
            }
        }
    }

    pub fn get(&self, id: &str, variant: Variant, size: Size) -> Lookup<'_> {
        if self.picker.is_none() {
            return Lookup::Off;
        }
        let Some(entry) = self.entries.get(&(id.to_owned(), variant)) else {
            return Lookup::Loading;
        };
        match &entry.state {
            State::Loading => Lookup::Loading,
            State::Failed(e) => {
                tracing::trace!(id, error = %e, "no picture");
                Lookup::Failed
            }
            State::Ready(_) => match entry.encoded.get(&(size.width, size.height)) {
                Some(Some(protocol)) => Lookup::Ready(protocol),
                _ => Lookup::Loading,
            },
        }
    }

    /// A picture made here rather than fetched, for tests of the drawing.
    #[cfg(test)]
    pub fn insert_ready(&mut self, id: &str, variant: Variant, image: DynamicImage, size: Size) {
        let picker = Picker::halfblocks();
        let protocol = encode(&picker, &image, size).ok();
        let mut encoded = HashMap::new();
        encoded.insert((size.width, size.height), protocol);
        self.picker = Some(picker);
        self.entries.insert(
            (id.to_owned(), variant),
            Entry {
                state: State::Ready(Arc::new(image)),
                encoded,
                bytes: 0,
                last_used: self.clock,
            },
        );
    }
}

fn decode(bytes: &[u8]) -> Result<Arc<DynamicImage>, String> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    reader.decode().map(Arc::new).map_err(|e| e.to_string())
}

/// Fits the picture into `size` cells and encodes it for the terminal's protocol.
fn encode(picker: &Picker, image: &DynamicImage, size: Size) -> Result<Protocol, String> {
    picker
        .new_protocol(image.clone(), size, Resize::Fit(None))
        .map_err(|e| e.to_string())
}

/// About what an encoding holds: pixels for the graphics protocols, a few bytes per cell for
/// half-blocks.
fn encoded_bytes(protocol: &Protocol, font: Option<ratatui_image::FontSize>) -> usize {
    let cells = protocol.size();
    let cells = usize::from(cells.width) * usize::from(cells.height);
    match (protocol, font) {
        (Protocol::Halfblocks(_), _) | (_, None) => cells * 16,
        (_, Some(font)) => cells * usize::from(font.width) * usize::from(font.height) * 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(images: &mut Images, id: &str, side: u32) {
        let image = DynamicImage::ImageRgb8(image::RgbImage::new(side, side));
        images.on_msg(ImageMsg::Decoded {
            key: (id.to_owned(), Variant::Thumbnail),
            result: Ok(Arc::new(image)),
        });
    }

    /// The cache holds what the screen wants and drops the least recently wanted pictures
    /// once their bytes pass the budget.
    #[tokio::test]
    async fn the_cache_is_bounded_by_bytes_and_keeps_what_is_shown() -> anyhow::Result<()> {
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        // Nothing listens there: the fetches `want` starts fail, and their answers are ignored.
        let api = crate::api::Api::new("http://127.0.0.1:1")?;
        let mut images = Images::new(api.client().clone(), api.base().clone(), tx);
        images.set_picker(Some(Picker::halfblocks()));
        images.budget = 2_500_000;
        let size = Size::new(20, 10);
        for id in ["a0", "a1", "a2"] {
            images.tick();
            images.want(
                id,
                Variant::Thumbnail,
                Some("/v1/artworks/x/thumbnail"),
                size,
            );
            decoded(&mut images, id, 600); // 1.08 MB each
        }
        assert!(images.used <= images.budget, "{}", images.used);
        let held = |images: &Images, id: &str| {
            images
                .entries
                .get(&(id.to_owned(), Variant::Thumbnail))
                .is_some_and(|e| matches!(e.state, State::Ready(_)))
        };
        assert!(!held(&images, "a0"), "the oldest went first");
        assert!(held(&images, "a1") && held(&images, "a2"));

        // What the current frame wants stays even past the budget.
        images.tick();
        images.want("a1", Variant::Thumbnail, None, size);
        images.want("a2", Variant::Thumbnail, None, size);
        images.want("a3", Variant::Thumbnail, Some("/x"), size);
        decoded(&mut images, "a3", 600);
        assert!(held(&images, "a1") && held(&images, "a2") && held(&images, "a3"));
        Ok(())
    }

    #[test]
    fn undecodable_bytes_are_an_error_not_a_panic() {
        assert!(decode(b"not a picture").is_err());
    }
}
