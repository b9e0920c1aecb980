//! What opens over the gallery: the help, a one-line prompt, the purchase question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::Theme;
use crate::commands::browse::keys::HELP;
use crate::commands::browse::layout::centered;
use crate::commands::browse::state::{Confirm, Prompt, PromptKind};
use crate::output::{ellipsize, format_price};

pub fn help(frame: &mut Frame, theme: Theme, area: Rect) {
    let keys_w = HELP
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = HELP
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<keys_w$}  "), theme.accent()),
                Span::raw(*what),
            ])
        })
        .collect();
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let box_ = centered(area, 78, height);
    frame.render_widget(Clear, box_);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(" keys — any key closes ", theme.title()));
    frame.render_widget(Paragraph::new(lines).block(block), box_);
}

pub fn prompt(frame: &mut Frame, theme: Theme, prompt: &Prompt, categories: &[String], body: Rect) {
    let width = body.width.min(70);
    let hint = (prompt.kind == PromptKind::Category && !categories.is_empty()).then(|| {
        ellipsize(
            &format!(" Tab completes: {}", categories.join(", ")),
            usize::from(width.saturating_sub(2)),
        )
    });
    let height = if hint.is_some() { 4 } else { 3 };
    let box_ = Rect::new(
        body.x + (body.width - width) / 2,
        body.y + body.height.saturating_sub(height) / 2,
        width,
        height.min(body.height),
    );
    frame.render_widget(Clear, box_);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.accent())
        .title(Span::styled(
            format!(" {} — Enter applies, Esc cancels ", prompt.kind.label()),
            theme.title(),
        ));
    let inner_w = usize::from(width.saturating_sub(4));
    // Show the end of a long input, where the typing happens.
    let shown: String = {
        let n = prompt.input.chars().count();
        prompt
            .input
            .chars()
            .skip(n.saturating_sub(inner_w))
            .collect()
    };
    let mut lines = vec![Line::from(vec![
        Span::raw(format!(" {shown}")),
        Span::styled("█", theme.accent()),
    ])];
    if let Some(hint) = hint {
        lines.push(Line::styled(hint, theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines).block(block), box_);
}

pub fn confirm(frame: &mut Frame, theme: Theme, c: &Confirm, body: Rect) {
    let box_ = centered(body, 60, 9);
    frame.render_widget(Clear, box_);
    let width = usize::from(box_.width.saturating_sub(4));
    let balance = match &c.balance {
        None => Span::styled("reading…", theme.dim()),
        Some(Ok(b)) => Span::styled(format_price(Some(b)), theme.price()),
        Some(Err(e)) => Span::styled(ellipsize(e, width.saturating_sub(13)), theme.error()),
    };
    let short = matches!(&c.balance, Some(Ok(b)) if b.amount_minor < c.price.amount_minor);
    let mut lines = vec![
        Line::styled(
            ellipsize(&format!(" Buy “{}”?", c.title), width),
            theme.title(),
        ),
        Line::from(vec![
            Span::raw(" Price:       "),
            Span::styled(format_price(Some(&c.price)), theme.price()),
        ]),
        Line::from(vec![Span::raw(" Your wallet: "), balance]),
    ];
    if let Some(e) = &c.editions {
        lines.push(Line::raw(format!(" Editions:    {e}")));
    }
    if short {
        lines.push(Line::styled(
            " Not enough: `artstation wallet topup AMOUNT --currency C`",
            theme.error(),
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(" y buy   n cancel", theme.accent()));
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.accent())
        .title(Span::styled(" buy ", theme.title()));
    frame.render_widget(Paragraph::new(lines).block(block), box_);
}
