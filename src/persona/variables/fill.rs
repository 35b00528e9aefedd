//! Filling a text's placeholders with a person's values.
//!
//! A value replaces its placeholder literally: the text it puts in is not
//! scanned again, so a value that itself looks like a placeholder stays
//! as typed. A variable without a value keeps its placeholder; in an
//! export to a dialect with placeholder syntaxes of its own, a placeholder
//! in another syntax is rewritten in the target's, so the target's tool
//! still asks for it.

use super::scan::{Occurrence, Rules, scan};
use super::{MAX_VARIABLES, Values, Variable, part, token};
use crate::persona::dialect::Placeholder;

/// A text with its variables filled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filled {
    /// The text.
    pub text: String,
    /// How many distinct variables were left unfilled (at most
    /// [`MAX_VARIABLES`]).
    pub unfilled: usize,
}

/// Fills the placeholders `rules` finds in `text` with `values` (or, where
/// none is set, the `defaults`' and the placeholder's own default). With
/// `values.template` set, nothing is filled. Unfilled placeholders are
/// rewritten into the first syntax of `to` that carries a name, unless
/// their own syntax is one of `to` (empty `to`: kept as written).
#[must_use]
pub fn fill(text: &str, rules: &Rules, values: &Values, defaults: &[Variable], to: &[Placeholder]) -> Filled {
    let found = scan(text, rules);
    if found.is_empty() {
        return Filled { text: text.to_string(), unfilled: 0 };
    }
    let target = to.iter().copied().find(|s| carries_name(*s));
    let mut out = String::with_capacity(text.len());
    let mut unfilled: Vec<&str> = Vec::new();
    let mut at = 0;
    for o in &found {
        out.push_str(text.get(at..o.span.start).unwrap_or_default());
        let name = part(text, &o.name);
        if let Some(v) = value(text, o, name, values, defaults) {
            out.push_str(v);
        } else {
            // Counted up to `MAX_VARIABLES`, as many as the form lists.
            if unfilled.len() < MAX_VARIABLES && !unfilled.contains(&name) {
                unfilled.push(name);
            }
            match target.filter(|_| !to.contains(&o.syntax)) {
                Some(t) => out.push_str(&token(t, &identifier(name))),
                None => out.push_str(part(text, &o.span)),
            }
        }
        at = o.span.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Filled { text: out, unfilled: unfilled.len() }
}

/// The value `o` (named `name`) is filled with, if any.
fn value<'a>(
    text: &'a str,
    o: &Occurrence,
    name: &str,
    values: &'a Values,
    defaults: &'a [Variable],
) -> Option<&'a str> {
    if values.template {
        return None;
    }
    let own_default =
        || o.extra.as_ref().filter(|_| o.syntax == Placeholder::Dollar).map(|e| part(text, e).trim());
    match values.values.get(name) {
        Some(v) => Some(v.as_str()),
        None => {
            defaults.iter().find(|v| v.name == name).and_then(|v| v.default.as_deref()).or_else(own_default)
        }
    }
    .filter(|v| !v.is_empty())
}

/// Whether a placeholder in `syntax` is named (so any variable can be
/// written in it).
fn carries_name(syntax: Placeholder) -> bool {
    matches!(
        syntax,
        Placeholder::Braces | Placeholder::TripleBraces | Placeholder::VsCodeInput | Placeholder::Dollar
    )
}

/// `name` as an identifier every named syntax reads: other characters as
/// `_`, and `arg` before a leading digit (`$1` → `arg1`).
fn identifier(name: &str) -> String {
    let word: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') { word } else { format!("arg{word}") }
}
