//! The terminal while the gallery runs: raw mode, the alternate screen, mouse reporting and a
//! hidden cursor, all undone exactly once however the gallery ends — a quit, an error (the
//! guard's drop) or a panic (a hook that restores before the message is printed, so the
//! message is readable and the shell usable).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

/// Whether the terminal is in the gallery's modes now.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Kitty images to delete on the way out: 0 none, 1 direct, 2 through tmux.
static KITTY: AtomicU8 = AtomicU8::new(0);

pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

pub struct Guard {
    pub terminal: Term,
}

impl Guard {
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        // From here on a failure must undo what was done.
        let entered = execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            cursor::Hide
        )
        .and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())));
        match entered {
            Ok(terminal) => Ok(Self { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Kitty keeps transmitted images in the terminal; they are deleted on exit.
    pub fn uses_kitty(&self, through_tmux: bool) {
        KITTY.store(if through_tmux { 2 } else { 1 }, Ordering::SeqCst);
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as the shell had it; does nothing the second time.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    // Delete every kitty image (a=d, d=A), wrapped for tmux's passthrough when inside it.
    match KITTY.load(Ordering::SeqCst) {
        1 => {
            let _ = out.write_all(b"\x1b_Ga=d,d=A\x1b\\");
        }
        2 => {
            let _ = out.write_all(b"\x1bPtmux;\x1b\x1b_Ga=d,d=A\x1b\x1b\\\x1b\\");
        }
        _ => {}
    }
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
