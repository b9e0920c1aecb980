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

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::args::{Cli, Command};

    #[test]
    fn browse_flags_parse() {
        let cli = Cli::try_parse_from([
            "artstation",
            "browse",
            "red sun",
            "--tag",
            "sky",
            "--category",
            "landscape",
            "--sort",
            "price-asc",
            "--image-protocol",
            "kitty",
        ]);
        let Ok(Cli {
            command: Command::Browse(args),
            ..
        }) = cli
        else {
            panic!("browse did not parse: {cli:?}");
        };
        assert_eq!(args.query.as_deref(), Some("red sun"));
        assert_eq!(
            (args.tag.as_deref(), args.category.as_deref()),
            (Some("sky"), Some("landscape"))
        );
        assert_eq!(args.sort, Some(Sort::PriceAsc));
        assert_eq!(args.image_protocol, ImageProtocol::Kitty);

        let Ok(Cli {
            command: Command::Browse(args),
            ..
        }) = Cli::try_parse_from(["artstation", "browse"])
        else {
            panic!("a bare browse did not parse");
        };
        assert_eq!(
            (args.query, args.image_protocol),
            (None, ImageProtocol::Auto)
        );
        assert!(
            Cli::try_parse_from(["artstation", "browse", "--image-protocol", "ascii"]).is_err()
        );
    }
}
