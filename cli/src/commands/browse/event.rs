//! Everything the gallery's loop waits for arrives on one channel: terminal input (read on a
//! thread of its own, since crossterm's reads block), answers from the API workers, and
//! pictures from the image workers.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{self as term, Event as TermEvent};
use tokio::sync::mpsc::UnboundedSender;

use super::images::ImageMsg;
use super::state::Msg;

pub enum Event {
    Input(TermEvent),
    Msg(Msg),
    Image(ImageMsg),
    /// The terminal cannot be read any more (closed, or an I/O error).
    InputGone(String),
}

/// Reads terminal events until dropped.
pub struct InputThread {
    stop: Arc<AtomicBool>,
}

impl InputThread {
    pub fn spawn(tx: UnboundedSender<Event>) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::spawn(move || {
            // Polling with a timeout, rather than one blocking read, lets the thread notice it
            // should stop, so it never swallows a key typed after the gallery has closed.
            while !flag.load(Ordering::Relaxed) {
                match term::poll(Duration::from_millis(50)) {
                    Ok(false) => continue,
                    Ok(true) => {}
                    Err(e) => {
                        let _ = tx.send(Event::InputGone(e.to_string()));
                        return;
                    }
                }
                match term::read() {
                    Ok(event) => {
                        if tx.send(Event::Input(event)).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(Event::InputGone(e.to_string()));
                        return;
                    }
                }
            }
        });
        Self { stop }
    }
}

impl Drop for InputThread {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
