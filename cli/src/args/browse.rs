//! Flags of `artstation browse`, the terminal gallery.

use clap::{Args, ValueEnum};

use super::Sort;

/// How pictures reach the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ImageProtocol {
    /// Ask the terminal what it supports; Unicode half-blocks when it supports nothing better
    #[default]
    Auto,
    /// The kitty graphics protocol (kitty, WezTerm, Ghostty, Konsole)
    Kitty,
    /// Sixel graphics (foot, mlterm, xterm -ti vt340, recent Windows Terminal)
    Sixel,
    /// iTerm2's inline images (iTerm2, WezTerm, mintty)
    Iterm2,
    /// Coloured Unicode half-blocks: works in any colour terminal
    Halfblocks,
    /// No pictures, text only
    None,
}

#[derive(Debug, Clone, Args)]
pub struct BrowseArgs {
    /// Words to look for in titles, descriptions and tags (`/` changes it in the gallery)
    pub query: Option<String>,
    /// Only artworks with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Only artworks in this category (a slug)
    #[arg(long, value_name = "SLUG")]
    pub category: Option<String>,
    /// Order of the gallery
    #[arg(long, value_enum)]
    pub sort: Option<Sort>,
    /// How to draw pictures in the terminal
    #[arg(long, value_enum, default_value_t = ImageProtocol::Auto)]
    pub image_protocol: ImageProtocol,
}
