//! Variables: the placeholders a template leaves for a person to fill
//! (`{{char}}`, `$ARGUMENTS`, `${input:file}`, `[YOUR COMPANY]`, …), the
//! values a person gives them, and the prompt with those values filled in.
//!
//! - [`scan`] finds placeholders in a text: which syntaxes count where
//!   (the dialect's own syntaxes everywhere; generic ones outside code) is
//!   decided there, from the dialect table's rows.
//! - [`variables`] lists a document's distinct variables in order of first
//!   use, with their syntax, count, lines and default.
//! - [`Values`] is what a person set: values, names marked "Not a
//!   variable", and whether the template is shown instead. It is saved
//!   with the document and carried by share links.
//! - [`fill()`] substitutes the values into a text (the assembled prompt,
//!   an export), literally: a value is never read as a placeholder, HTML
//!   or anything else.

mod fill;
mod named;
mod scan;

use std::ops::{Not, Range};

use serde::{Deserialize, Serialize};

pub use fill::{Filled, fill};
pub use named::Named;
pub use scan::{Occurrence, Rules, closed_tags, scan};

use super::dialect::{Placeholder, spec};
use super::model::Persona;
use super::text::{Span, floor_boundary, slice};

/// Distinct variables listed: a form of more would not help anyone, and
/// hostile input stays cheap.
pub const MAX_VARIABLES: usize = 200;
/// Places listed per variable ("where it occurs").
pub const MAX_PLACES: usize = 20;
/// Characters of context an excerpt shows on each side of a placeholder.
const EXCERPT_CONTEXT: usize = 30;

/// What a person set for a document's variables.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Values {
    /// Values by variable name. An empty value leaves the placeholder as
    /// written (it overrides a default).
    #[serde(default, skip_serializing_if = "Named::is_empty")]
    pub values: Named,
    /// Names marked "Not a variable".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_variables: Vec<String>,
    /// Whether the prompt shows the template ("Fill variables" off).
    #[serde(default, skip_serializing_if = "Not::not")]
    pub template: bool,
}

impl Values {
    /// Whether nothing is set.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The values as read from storage or a link: names marked "Not a
    /// variable" once each, at most [`MAX_VARIABLES`] of them.
    #[must_use]
    pub fn normalised(mut self) -> Self {
        let mut seen: Vec<&str> = Vec::new();
        let mut keep = Vec::new();
        for n in &self.not_variables {
            if seen.len() == MAX_VARIABLES {
                break;
            }
            if !seen.contains(&n.as_str()) {
                seen.push(n);
                keep.push(n.clone());
            }
        }
        self.not_variables = keep;
        self
    }

    /// Only the values of `names` (the document's variables now), for a
    /// share link: a value typed for a variable the text no longer has is
    /// not sent along.
    #[must_use]
    pub fn for_names<'n>(&self, names: impl IntoIterator<Item = &'n str>) -> Self {
        let mut out = Self { values: Named::default(), ..self.clone() };
        for n in names {
            if let Some(v) = self.values.get(n) {
                out.values.insert(n.to_string(), v.clone());
            }
        }
        out
    }
}

/// One distinct variable of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variable {
    /// Its name, as written between the delimiters.
    pub name: String,
    /// The syntax of its first occurrence.
    pub syntax: Placeholder,
    /// How many times it occurs.
    pub count: usize,
    /// The first [`MAX_PLACES`] places it occurs: the line (1-based, in
    /// the persona's text) and an excerpt of it around the placeholder.
    pub places: Vec<(usize, String)>,
    /// Its default: a `${name:default}`'s, or the persona's name for the
    /// dialect's name variable (a card's `{{char}}`).
    pub default: Option<String>,
    /// A hint for the value (`${input:name:hint}`).
    pub hint: Option<String>,
}

impl Variable {
    /// The placeholder as it is canonically written: `{{char}}`, `$1`.
    #[must_use]
    pub fn token(&self) -> String {
        token(self.syntax, &self.name)
    }
}

/// `name` written in `syntax`.
#[must_use]
pub fn token(syntax: Placeholder, name: &str) -> String {
    match syntax {
        Placeholder::Braces => format!("{{{{{name}}}}}"),
        Placeholder::TripleBraces => format!("{{{{{{ {name} }}}}}}"),
        Placeholder::Arguments => format!("${name}"),
        Placeholder::VsCodeInput => format!("${{input:{name}}}"),
        Placeholder::Dollar => format!("${{{name}}}"),
        Placeholder::UpperBraces => format!("{{{name}}}"),
        Placeholder::UpperBrackets => format!("[{name}]"),
        Placeholder::UpperAngles => format!("<{name}>"),
    }
}

/// What people call a syntax.
#[must_use]
pub fn syntax_name(syntax: Placeholder) -> &'static str {
    match syntax {
        Placeholder::Braces | Placeholder::TripleBraces => "Mustache",
        Placeholder::Arguments => "command argument",
        Placeholder::VsCodeInput => "Copilot input",
        Placeholder::Dollar => "${} template",
        Placeholder::UpperBraces | Placeholder::UpperBrackets | Placeholder::UpperAngles => "placeholder",
    }
}

/// The rules for scanning `persona`'s own text (frontmatter included),
/// skipping `not_variables`.
#[must_use]
pub fn rules<'a>(persona: &'a Persona, not_variables: &'a [String]) -> Rules<'a> {
    let row = spec(persona.dialect);
    Rules {
        own: row.placeholders,
        markers: row.markers,
        ignored: not_variables,
        frontmatter: persona.frontmatter.map_or(0..0, |f| f.start..f.end),
        closed: closed_tags(&persona.text),
    }
}

/// Fills `prompt`, assembled from `persona`, with `values` (defaults from
/// `vars`, the persona's [`variables`]); unfilled placeholders are written
/// in the first named syntax of `to` (see [`fill()`]).
#[must_use]
pub fn fill_prompt(
    persona: &Persona,
    prompt: &str,
    values: &Values,
    vars: &[Variable],
    to: &[Placeholder],
) -> Filled {
    // An assembled prompt has no frontmatter.
    let rules = Rules { frontmatter: 0..0, ..rules(persona, &values.not_variables) };
    fill(prompt, &rules, values, vars, to)
}

/// The variables the prompt leaves unfilled (no value and no default, or
/// a value left empty), each as its placeholder is written canonically and
/// with its place in `vars`; none while the prompt shows the template.
#[must_use]
pub fn unfilled(vars: &[Variable], values: &Values) -> Vec<(String, usize)> {
    if values.template {
        return Vec::new();
    }
    vars.iter()
        .enumerate()
        .filter(|(_, v)| values.values.get(&v.name).map_or(v.default.is_none(), String::is_empty))
        .map(|(i, v)| (v.token(), i))
        .collect()
}

/// The distinct variables of `persona` (its text, frontmatter values
/// included), in order of first use; the first [`MAX_VARIABLES`].
#[must_use]
pub fn variables(persona: &Persona, values: &Values) -> Vec<Variable> {
    let text = &*persona.text;
    let found = scan(text, &rules(persona, &values.not_variables));
    let name_variable = spec(persona.dialect).name_variable;
    let mut out: Vec<Variable> = Vec::new();
    // Names sorted, with their place in `out`.
    let mut index: Vec<(&str, usize)> = Vec::new();
    let mut lines = LineCounter::default();
    for o in &found {
        let name = part(text, &o.name);
        let i = match index.binary_search_by(|(n, _)| (*n).cmp(name)) {
            Ok(k) => index.get(k).map_or(0, |e| e.1),
            Err(_) if out.len() >= MAX_VARIABLES => continue,
            Err(k) => {
                index.insert(k, (name, out.len()));
                out.push(Variable {
                    name: name.to_string(),
                    syntax: o.syntax,
                    count: 0,
                    places: Vec::new(),
                    default: (name_variable == Some(name)).then(|| persona.display_name()),
                    hint: None,
                });
                out.len() - 1
            }
        };
        let line = lines.line_of(text, o.span.start);
        let Some(v) = out.get_mut(i) else { continue };
        v.count += 1;
        if v.places.len() < MAX_PLACES && v.places.last().is_none_or(|p| p.0 != line) {
            v.places.push((line, excerpt(text, &o.span)));
        }
        let extra = o.extra.as_ref().map(|e| part(text, e).trim().to_string()).filter(|e| !e.is_empty());
        match o.syntax {
            Placeholder::VsCodeInput if v.hint.is_none() => v.hint = extra,
            Placeholder::Dollar if v.default.is_none() => v.default = extra,
            _ => {}
        }
    }
    out
}

/// The line around `span`, at most [`EXCERPT_CONTEXT`] characters each
/// side, with `…` where it is cut.
fn excerpt(text: &str, span: &Range<usize>) -> String {
    // A window of bytes, so a long line costs no more than a short one.
    let window = EXCERPT_CONTEXT * 4;
    let lo = floor_boundary(text, span.start.saturating_sub(window));
    let start = text.get(lo..span.start).and_then(|t| t.rfind('\n')).map_or(lo, |i| lo + i + 1);
    let end = floor_boundary(text, span.end.saturating_add(window).min(text.len()));
    let end = text.get(span.end..end).and_then(|t| t.find('\n')).map_or(end, |i| span.end + i);
    let before = text.get(start..span.start).unwrap_or_default();
    let after = text.get(span.end..end).unwrap_or_default();
    let cut_before = before.chars().count().saturating_sub(EXCERPT_CONTEXT);
    let head: String = before.chars().skip(cut_before).collect();
    let tail: String = after.chars().take(EXCERPT_CONTEXT).collect();
    let ellipsis = |cut: bool| if cut { "…" } else { "" };
    format!(
        "{}{}{}{}{}",
        ellipsis(cut_before > 0),
        head.trim_start(),
        part(text, span),
        tail.trim_end(),
        ellipsis(tail.len() < after.len()),
    )
}

fn part<'t>(text: &'t str, r: &Range<usize>) -> &'t str {
    slice(text, Span::new(r.start, r.end))
}

/// Line numbers of increasing offsets, counted once.
#[derive(Default)]
struct LineCounter {
    at: usize,
    line: usize,
}

impl LineCounter {
    fn line_of(&mut self, text: &str, offset: usize) -> usize {
        if offset >= self.at {
            self.line += text.get(self.at..offset).map_or(0, |t| t.matches('\n').count());
            self.at = offset;
        }
        self.line + 1
    }
}

#[cfg(test)]
mod tests {
    use super::{Values, unfilled, variables};
    use crate::persona::parse;

    #[test]
    fn unfilled_lists_what_the_prompt_leaves_as_placeholders() {
        let card = r#"{"spec":"chara_card_v2","data":{"name":"Duke","description":"{{char}} greets {{user}} in {{place}}."}}"#;
        let p = parse(card);
        let mut values = Values::default();
        let vars = variables(&p, &values);
        let names: Vec<&str> = vars.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["char", "user", "place"]);
        // `char` has the card's name as its default.
        assert_eq!(unfilled(&vars, &values), [("{{user}}".to_string(), 1), ("{{place}}".to_string(), 2)]);
        values.values.insert("user".into(), "Ana".into());
        values.values.insert("char".into(), String::new());
        assert_eq!(unfilled(&vars, &values), [("{{char}}".to_string(), 0), ("{{place}}".to_string(), 2)]);
        values.template = true;
        assert!(unfilled(&vars, &values).is_empty());
    }
}
