//! Roo Code custom modes (`.roomodes`, YAML or JSON):
//! `customModes: [{slug, name, roleDefinition, whenToUse, description,
//! customInstructions, groups}]`.
//!
//! Each mode renders as a `##` section named by its `name`, with its role
//! definition, when-to-use and custom instructions as `###` parts of
//! toggleable Markdown content. Its other keys (`slug`, `description`,
//! `groups`, …) are the section's own metadata. Headings inside a part are
//! moved three levels down, so that they nest under it instead of closing
//! the mode.

use super::card::{Rendered, get, push_heading, push_section, text_of};
use super::model::{Dialect, MetaEntry, MetaValue};
use super::text::Span;

/// A mode's prose fields (key, part title), in display order.
pub(crate) const MODE_PARTS: [(&str, &str); 3] = [
    ("roleDefinition", "Role definition"),
    ("whenToUse", "When to use"),
    ("customInstructions", "Custom instructions"),
];

/// How far headings inside a part move down.
pub(crate) const DEMOTE: usize = 3;

/// Renders a `customModes` document.
pub(crate) fn render(top: &[(String, MetaValue)]) -> Rendered {
    let modes: Vec<&[(String, MetaValue)]> = match get(top, "customModes") {
        Some(MetaValue::List(items)) => items
            .iter()
            .filter_map(|m| match m {
                MetaValue::Map(fields) => Some(fields.as_slice()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut text = String::new();
    let mut section_metadata = Vec::with_capacity(modes.len());
    let mut names = Vec::with_capacity(modes.len());
    for (i, mode) in modes.iter().enumerate() {
        let name = mode_name(mode, i);
        render_mode(&mut text, &name, mode);
        section_metadata.push(mode_metadata(mode));
        names.push(name);
    }
    let metadata = top
        .iter()
        .filter(|(k, _)| k != "customModes")
        .map(|(k, v)| MetaEntry { key: k.clone(), value: v.clone(), span: Span::default() })
        .collect();
    Rendered {
        dialect: Dialect::RooModes,
        text,
        metadata,
        section_metadata,
        name: (!names.is_empty()).then(|| names.join(", ")),
        description: None,
    }
}

/// The mode's name, else its slug, else "Mode N".
fn mode_name(mode: &[(String, MetaValue)], i: usize) -> String {
    text_of(mode, "name")
        .or_else(|| text_of(mode, "slug"))
        .map_or_else(|| format!("Mode {}", i + 1), str::to_string)
}

fn render_mode(out: &mut String, name: &str, mode: &[(String, MetaValue)]) {
    push_heading(out, 2, name);
    for (key, title) in MODE_PARTS {
        if let Some(body) = text_of(mode, key) {
            push_section(out, 3, title, &demote_headings(body, DEMOTE));
        }
    }
}

/// Every key of a mode but its name and prose parts.
fn mode_metadata(mode: &[(String, MetaValue)]) -> Vec<MetaEntry> {
    mode.iter()
        .filter(|(k, _)| k != "name" && !MODE_PARTS.iter().any(|(p, _)| p == k))
        .map(|(k, v)| MetaEntry { key: k.clone(), value: v.clone(), span: Span::default() })
        .collect()
}

/// `text` with each ATX heading outside code fences moved `by` levels down
/// (at most to level 6).
#[must_use]
pub(crate) fn demote_headings(text: &str, by: usize) -> String {
    shift_headings(text, |level| (level + by).min(6))
}

/// `text` with each ATX heading outside code fences moved `by` levels up
/// (at least to level 1): the inverse of [`demote_headings`] below level 6.
#[must_use]
pub(crate) fn promote_headings(text: &str, by: usize) -> String {
    shift_headings(text, |level| level.saturating_sub(by).max(1))
}

fn shift_headings(text: &str, to: impl Fn(usize) -> usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut fence: Option<char> = None;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        if indent < 4 && (t.starts_with("```") || t.starts_with("~~~")) {
            let c = if t.starts_with('`') { '`' } else { '~' };
            fence = match fence {
                None => Some(c),
                Some(open) if open == c => None,
                other => other,
            };
        }
        let level = t.bytes().take_while(|&b| b == b'#').count();
        let is_heading = fence.is_none()
            && indent < 4
            && (1..=6).contains(&level)
            && t.get(level..).is_some_and(|r| r.starts_with([' ', '\t', '\n', '\r']) || r.is_empty());
        if is_heading {
            out.push_str(line.get(..indent).unwrap_or(""));
            out.push_str(&"#".repeat(to(level)));
            out.push_str(t.get(level..).unwrap_or(""));
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{demote_headings, promote_headings};

    #[test]
    fn headings_move_down_outside_fences_and_back() {
        let text = "# Rules\n\ntext # not\n```\n# code\n```\n## Deeper\n";
        let down = demote_headings(text, 3);
        assert_eq!(down, "#### Rules\n\ntext # not\n```\n# code\n```\n##### Deeper\n");
        assert_eq!(promote_headings(&down, 3), text);
    }
}
