//! Where everything goes on a screen of a given size. Pure geometry, shared by drawing, by the
//! state machine (how far a page or a row moves the cursor, which cards are visible) and by
//! the image workers (what size to encode a picture at), so the three never disagree.

use ratatui::layout::{Rect, Size};

/// Narrowest card; the grid has as many columns as fit.
pub const MIN_CARD_WIDTH: u16 = 24;
/// Title, artist and price under each picture.
const CARD_TEXT_ROWS: u16 = 3;
/// Width of the field panel beside the preview in the detail view.
const DETAIL_PANEL_WIDTH: u16 = 36;

/// The fixed bands of every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub tabs: Rect,
    pub filters: Rect,
    pub body: Rect,
    pub status: Rect,
}

pub fn screen(area: Rect) -> Screen {
    let row = |y: u16| Rect::new(area.x, y, area.width, u16::from(area.height > 0));
    let tabs = row(area.y);
    let filters = if area.height > 2 {
        row(area.y + 1)
    } else {
        Rect::new(area.x, area.y, area.width, 0)
    };
    let status = row(area.bottom().saturating_sub(1));
    let top = filters.bottom().max(tabs.bottom());
    let body = Rect::new(
        area.x,
        top,
        area.width,
        status.y.saturating_sub(top).min(area.height),
    );
    Screen {
        tabs,
        filters,
        body,
        status,
    }
}

/// The gallery grid inside the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    pub body: Rect,
    pub cols: usize,
    pub rows: usize,
    pub card: Size,
    /// The picture area inside a card (inside its border), in cells.
    pub image: Size,
}

/// `pictures` false (`--image-protocol none`): cards of words only, more of them.
pub fn grid(body: Rect, pictures: bool) -> Grid {
    let cols = (body.width / MIN_CARD_WIDTH).max(1);
    let card_w = body.width / cols;
    let inner_w = card_w.saturating_sub(2);
    // Cells are about twice as tall as wide: a square picture is half as many rows as columns.
    let square = inner_w / 2;
    let chrome = CARD_TEXT_ROWS + 2;
    // Two rows of cards when the height allows, so the gallery reads as a grid.
    let two_rows = (body.height / 2).saturating_sub(chrome);
    let fits = body.height.saturating_sub(chrome);
    let image_h = if pictures {
        square.min(two_rows.max(4)).min(fits)
    } else {
        0
    };
    let card_h = (image_h + chrome).min(body.height.max(1));
    let rows = usize::from((body.height / card_h.max(1)).max(1));
    Grid {
        body,
        cols: usize::from(cols),
        rows,
        card: Size::new(card_w, card_h),
        image: Size::new(inner_w, image_h),
    }
}

impl Grid {
    /// The card in visible slot `slot` (row-major from the top-left), clipped to the body.
    pub fn card_rect(&self, slot: usize) -> Rect {
        let (row, col) = (slot / self.cols.max(1), slot % self.cols.max(1));
        let x = self.body.x + self.card.width * u16::try_from(col).unwrap_or(0);
        let y = self.body.y + self.card.height * u16::try_from(row).unwrap_or(u16::MAX / 4);
        Rect::new(x, y, self.card.width, self.card.height).intersection(self.body)
    }

    /// How many cards are visible at once.
    pub fn visible(&self) -> usize {
        self.cols * self.rows
    }

    /// The visible slot under a cell, for mouse clicks.
    pub fn slot_at(&self, column: u16, row: u16) -> Option<usize> {
        let inside = column >= self.body.x
            && column < self.body.x + self.card.width * u16::try_from(self.cols).unwrap_or(1)
            && row >= self.body.y
            && row < self.body.bottom();
        if !inside || self.card.width == 0 || self.card.height == 0 {
            return None;
        }
        let col = usize::from((column - self.body.x) / self.card.width);
        let r = usize::from((row - self.body.y) / self.card.height);
        (r < self.rows).then_some(r * self.cols + col)
    }
}

/// The detail view: the preview as large as fits, the fields beside it (or under it on a
/// narrow screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detail {
    pub image: Rect,
    pub fields: Rect,
}

pub fn detail(body: Rect) -> Detail {
    if body.width >= DETAIL_PANEL_WIDTH * 2 {
        let image = Rect::new(body.x, body.y, body.width - DETAIL_PANEL_WIDTH, body.height);
        let fields = Rect::new(image.right(), body.y, DETAIL_PANEL_WIDTH, body.height);
        Detail { image, fields }
    } else {
        let image_h = body.height / 2;
        let image = Rect::new(body.x, body.y, body.width, image_h);
        let fields = Rect::new(body.x, image.bottom(), body.width, body.height - image_h);
        Detail { image, fields }
    }
}

impl Detail {
    /// The picture area inside the preview's border.
    pub fn image_inner(&self) -> Rect {
        inner(self.image)
    }
}

/// A rectangle less a one-cell border.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// A box of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_80_by_24_screen_shows_two_rows_of_three_cards() {
        let s = screen(Rect::new(0, 0, 80, 24));
        assert_eq!(s.body, Rect::new(0, 2, 80, 21));
        assert_eq!(s.status.y, 23);
        let g = grid(s.body, true);
        assert_eq!((g.cols, g.rows), (3, 2));
        assert!(g.image.height >= 4, "{g:?}");
        assert_eq!(g.card_rect(4).y, 2 + g.card.height);
        assert_eq!(g.slot_at(30, 3), Some(1));
        assert_eq!(g.slot_at(79, 23), None);
        let words = grid(s.body, false);
        assert_eq!((words.cols, words.rows, words.image.height), (3, 4, 0));
    }

    #[test]
    fn tiny_screens_still_lay_out_without_overflow() {
        for (w, h) in [(1, 1), (10, 3), (20, 5), (0, 0), (300, 100)] {
            let s = screen(Rect::new(0, 0, w, h));
            let g = grid(s.body, true);
            for slot in 0..g.visible() {
                let r = g.card_rect(slot);
                assert!(
                    r.right() <= w.max(r.x) && r.bottom() <= h.max(r.y),
                    "{w}x{h}"
                );
            }
            let d = detail(s.body);
            assert!(d.fields.bottom() <= s.body.bottom().max(d.fields.y));
        }
    }
}
