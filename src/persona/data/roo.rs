//! Roo Code custom modes (`.roomodes`, YAML or JSON):
//! `customModes: [{slug, name, roleDefinition, whenToUse, description,
//! customInstructions, groups}]`.
//!
//! Each mode renders as a `##` section named by its `name`. Its role
//! definition, when-to-use and custom instructions are parts framed by XML
//! tags named by their keys (`<roleDefinition>` … `</roleDefinition>`),
//! toggleable Markdown content: a frame is a section that headings inside
//! it cannot close, so a part's own headings (ATX, setext, an ALL CAPS
//! line) stay in it, and its text is written back unchanged. The mode's
//! other keys (`slug`, `description`, `groups`, …) are the section's own
//! metadata, found by where its heading starts.

use super::rendered::{Field, Fields, Rendered, Seg, get, push_heading, text_of};
pub(crate) use crate::persona::dialect::ROO_MODES_KEY as MODES_KEY;
use crate::persona::model::{Dialect, MetaEntry, MetaValue};
use crate::persona::text::Span;

/// A mode's prose fields, in display order; each is a part framed by a tag
/// of its name.
pub(crate) const MODE_PARTS: [&str; 3] = ["roleDefinition", "whenToUse", "customInstructions"];

/// Renders a `customModes` document.
pub(crate) fn render(top: &Fields) -> Rendered {
    // Each mode with its index in the source's list.
    let modes: Vec<(usize, &Fields)> = match get(top, MODES_KEY) {
        Some(MetaValue::List(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, m)| match m {
                MetaValue::Map(fields) => Some((i, fields.as_slice())),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut fields = Vec::new();
    let mut text = String::new();
    let mut section_metadata = Vec::with_capacity(modes.len());
    let mut names = Vec::with_capacity(modes.len());
    for (n, &(i, mode)) in modes.iter().enumerate() {
        let name = mode_name(mode, n);
        section_metadata.push((text.len(), mode_metadata(mode)));
        render_mode(&mut text, &name, mode, i, &mut fields);
        names.push(name);
    }
    let metadata = top
        .iter()
        .filter(|(k, _)| k != MODES_KEY)
        .map(|(k, v)| MetaEntry { key: k.clone(), value: v.clone(), span: Span::default() })
        .collect();
    Rendered {
        dialect: Dialect::RooModes,
        text,
        metadata,
        section_metadata,
        name: (!names.is_empty()).then(|| names.join(", ")),
        description: None,
        fields,
    }
}

/// The mode's name, else its slug, else "Mode N".
fn mode_name(mode: &Fields, i: usize) -> String {
    text_of(mode, "name")
        .or_else(|| text_of(mode, "slug"))
        .map_or_else(|| format!("Mode {}", i + 1), str::to_string)
}

/// A mode's section; each part's text is a field at `customModes[i].key`.
fn render_mode(out: &mut String, name: &str, mode: &Fields, i: usize, fields: &mut Vec<Field>) {
    push_heading(out, 2, name);
    for key in MODE_PARTS {
        if let Some(body) = text_of(mode, key) {
            let region = push_part(out, key, body);
            let path = vec![Seg::Key(MODES_KEY.to_string()), Seg::Index(i), Seg::Key(key.to_string())];
            fields.push(Field { path, region });
        }
    }
}

/// `<key>`, the text, `</key>`, each on its own lines; returns where the
/// text is.
fn push_part(out: &mut String, key: &str, body: &str) -> Span {
    out.push('<');
    out.push_str(key);
    out.push_str(">\n");
    let start = out.len();
    out.push_str(&body.replace("\r\n", "\n"));
    let region = Span::new(start, out.len());
    out.push_str("\n</");
    out.push_str(key);
    out.push_str(">\n\n");
    region
}

/// Every key of a mode but its name and prose parts.
fn mode_metadata(mode: &Fields) -> Vec<MetaEntry> {
    mode.iter()
        .filter(|(k, _)| k != "name" && !MODE_PARTS.contains(&k.as_str()))
        .map(|(k, v)| MetaEntry { key: k.clone(), value: v.clone(), span: Span::default() })
        .collect()
}
