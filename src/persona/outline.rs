//! A compact text outline of a persona, for snapshots and round-trip checks.
//!
//! It lists the title, sections by depth, and blocks with their plain text
//! (whitespace squashed), so two parses compare equal when they found the
//! same structure and words, whatever the Markdown spelling.

use std::fmt::Write;

use super::model::{BlockKind, HeadingKind, Persona};
use super::order::{self, Unit};
use super::text::{squash_whitespace, truncate_chars};

/// How much text each line keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Whole texts (for equality checks).
    Full,
    /// Texts cut to 60 characters (for readable snapshots).
    Short,
}

/// The outline of `persona`.
#[must_use]
pub fn outline(persona: &Persona, detail: Detail) -> String {
    let mut out = String::new();
    order::walk(persona, &mut |unit, depth| line(&mut out, unit, depth, detail));
    out
}

fn text(s: &str, detail: Detail) -> String {
    let s = squash_whitespace(s);
    match detail {
        Detail::Full => s,
        Detail::Short => truncate_chars(&s, 60),
    }
}

/// The line of one unit, indented by its depth.
fn line(out: &mut String, unit: Unit<'_>, depth: usize, detail: Detail) {
    let pad = "  ".repeat(depth);
    match unit {
        Unit::Title(t) => {
            let _ = writeln!(out, "title: {}", text(&t.text.to_plain(), detail));
        }
        Unit::Section(s) => {
            let kind = if s.heading.kind == HeadingKind::XmlTag { "xml" } else { "section" };
            let _ = writeln!(out, "{pad}{kind}: {}", text(&s.heading.text.to_plain(), detail));
        }
        Unit::Block(b) => block(out, &pad, &b.kind, detail),
        Unit::Item(i) => {
            let task = match i.task {
                Some(true) => "[x] ",
                Some(false) => "[ ] ",
                None => "",
            };
            let _ = writeln!(out, "{pad}- {task}{}", text(&i.text.to_plain(), detail));
        }
    }
}

/// The line of a block (a list's items have their own).
fn block(out: &mut String, pad: &str, kind: &BlockKind, detail: Detail) {
    match kind {
        BlockKind::Paragraph { text: t, .. } | BlockKind::Quote { text: t, .. } => {
            let _ = writeln!(out, "{pad}{}: {}", kind.name(), text(&t.to_plain(), detail));
        }
        BlockKind::Code { lang, code } => {
            let _ = writeln!(out, "{pad}code {lang}: {}", text(code, detail));
        }
        BlockKind::Table { header, rows, .. } => {
            let cells: Vec<String> = header
                .iter()
                .chain(rows.iter().flatten())
                .map(|c| squash_whitespace(&c.to_plain()))
                .collect();
            let _ = writeln!(out, "{pad}table: {}", text(&cells.join(" | "), detail));
        }
        BlockKind::Rule => {
            let _ = writeln!(out, "{pad}rule");
        }
        BlockKind::Html { raw } => {
            let _ = writeln!(out, "{pad}html: {}", text(raw, detail));
        }
        BlockKind::List(list) => match &list.label {
            Some(l) => {
                let _ = writeln!(out, "{pad}list: {}", text(&l.text.to_plain(), detail));
            }
            None => {
                let _ = writeln!(out, "{pad}list");
            }
        },
    }
}
