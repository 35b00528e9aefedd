//! Writing an edit of a JSON or YAML document's rendering back into its
//! source: the one field whose text changed, at its own place.
//!
//! The document is rendered again to learn where each source string lies
//! in the rendering ([`Field`]); the edited rendering is compared with the
//! old one, and the change must lie within one field's text (with the line
//! breaks after it). That field's new text replaces the string literal in
//! the source: a JSON string found by a small scanner ([`json_string`]),
//! or a YAML scalar ([`super::yaml`]). Everything else stays byte for byte,
//! and the written source is read back to check that exactly that field
//! changed.

use super::super::data::{self, Field, Rendered, Seg};
use super::super::diagnostic::Sink;
use super::super::frontmatter::yaml_document;
use super::super::model::{MetaValue, Persona};
use super::super::text::Span;
use super::EditError;

const UNREAD: &str = "This JSON or YAML document could not be read again to write the edit back.";
const OUTSIDE: &str = "Only the text of a field can be edited here; the sections are the document's fields, and their names and order are fixed.";
const UNWRITTEN: &str =
    "This field's value could not be written back into the document (an unusual JSON or YAML layout).";

/// The source with the one field that `new` (an edited rendering of `p`)
/// changes written back.
pub(super) fn write_back(source: &str, p: &Persona, new: &str) -> Result<String, EditError> {
    let old: &str = &p.text;
    if new == old {
        return Ok(source.to_string());
    }
    let rendered = rerender(source, p).ok_or(EditError::NotEditable(UNREAD))?;
    let (field, value) = changed_field(old, new, &rendered.fields).ok_or(EditError::NotEditable(OUTSIDE))?;
    let json = source.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '[']);
    let value = with_old_ends(source, json, field, old, &value);
    let written = if json {
        json_string(source, &field.path).and_then(|at| {
            let mut out = source.to_string();
            out.replace_range(at.start..at.end, &serde_json::to_string(&value).ok()?);
            Some(out)
        })
    } else {
        super::yaml::write(source, &field.path, &value)
    };
    written.filter(|w| verify(source, w, &field.path, &value, json)).ok_or(EditError::NotEditable(UNWRITTEN))
}

/// The rendering `p` was parsed from, with its fields: the file name is not
/// known here, so each kind of name that changes the reading is tried.
fn rerender(source: &str, p: &Persona) -> Option<Rendered> {
    [None, Some("data.json"), Some("data.yaml"), Some(".roomodes")].into_iter().find_map(|hint| {
        let mut sink = Sink::new(source);
        data::render(source, hint, &mut sink).filter(|r| *r.text == *p.text && r.dialect == p.dialect)
    })
}

/// The field whose text holds the whole difference between `old` and
/// `new`, and its new text.
fn changed_field<'f>(old: &str, new: &str, fields: &'f [Field]) -> Option<(&'f Field, String)> {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a.iter().rev().zip(b.iter().rev()).take(room).take_while(|(x, y)| x == y).count();
    let changed = Span::new(prefix, a.len() - suffix);
    fields.iter().find_map(|f| {
        // The line breaks after a field's text go with it.
        let tail = old.get(f.region.end..).map_or(0, |t| t.len() - t.trim_start_matches('\n').len());
        let end = f.region.end + tail;
        if f.region.start > changed.start || changed.end > end {
            return None;
        }
        let new_end = (end + b.len()).checked_sub(a.len())?;
        let text = new.get(f.region.start..new_end)?;
        Some((f, text.trim_matches('\n').to_string()))
    })
}

/// `value` with the whitespace around the field's old text that the
/// rendering left out (a block scalar's final line break, say), so that
/// writing back the text as it was gives the source as it was.
fn with_old_ends(source: &str, json: bool, field: &Field, old: &str, value: &str) -> String {
    let shown = old.get(field.region.start..field.region.end).unwrap_or("");
    let Some(mut v) = read(source, json) else { return value.to_string() };
    let Some(MetaValue::Text(was)) = at_path(&mut v, &field.path) else { return value.to_string() };
    match was.find(shown).filter(|_| !shown.is_empty()) {
        Some(at) => {
            format!("{}{value}{}", was.get(..at).unwrap_or(""), was.get(at + shown.len()..).unwrap_or(""))
        }
        None => value.to_string(),
    }
}

/// The value of a JSON or YAML source.
fn read(s: &str, json: bool) -> Option<MetaValue> {
    if json {
        serde_json::from_str::<serde_json::Value>(s.trim_start_matches('\u{feff}'))
            .ok()
            .map(|v| data::from_json(&v))
    } else {
        yaml_document(s).ok()
    }
}

/// Whether `written` reads as `source` with the string at `path` set to
/// `value` and nothing else changed.
fn verify(source: &str, written: &str, path: &[Seg], value: &str, json: bool) -> bool {
    let (Some(mut before), Some(after)) = (read(source, json), read(written, json)) else { return false };
    match at_path(&mut before, path) {
        Some(slot @ MetaValue::Text(_)) => *slot = MetaValue::Text(value.to_string()),
        _ => return false,
    }
    before == after
}

/// The value at `path` (the last of equal keys, as the readers keep).
fn at_path<'v>(v: &'v mut MetaValue, path: &[Seg]) -> Option<&'v mut MetaValue> {
    let Some((first, rest)) = path.split_first() else { return Some(v) };
    let next = match (v, first) {
        (MetaValue::Map(entries), Seg::Key(k)) => {
            entries.iter_mut().rev().find(|(key, _)| key == k).map(|(_, v)| v)
        }
        (MetaValue::List(items), Seg::Index(i)) => items.get_mut(*i),
        _ => None,
    }?;
    at_path(next, rest)
}

/// Where the JSON string at `path` is in `source`, quotes included (for a
/// repeated key, the last, which is the one readers keep).
pub(super) fn json_string(source: &str, path: &[Seg]) -> Option<Span> {
    let mut s = Scanner { b: source.as_bytes(), i: 0, found: None };
    if source.starts_with('\u{feff}') {
        s.i = 3;
    }
    s.value(Some(path), 0)?;
    s.found
}

/// A JSON scanner that only finds where values are.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    found: Option<Span>,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.b.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Skips one value; `path` is where the target lies below it (`None`
    /// when it is not inside). `None` on a syntax error.
    fn value(&mut self, path: Option<&[Seg]>, depth: usize) -> Option<()> {
        if depth > 128 {
            return None;
        }
        self.ws();
        match self.peek()? {
            b'{' => self.object(path, depth),
            b'[' => self.array(path, depth),
            b'"' => {
                let span = self.string()?;
                if path.is_some_and(<[Seg]>::is_empty) {
                    self.found = Some(span);
                }
                Some(())
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace())
                {
                    self.i += 1;
                }
                Some(())
            }
        }
    }

    fn string(&mut self) -> Option<Span> {
        let start = self.i;
        self.i += 1;
        loop {
            match self.peek()? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Some(Span::new(start, self.i));
                }
                _ => self.i += 1,
            }
        }
    }

    fn object(&mut self, path: Option<&[Seg]>, depth: usize) -> Option<()> {
        self.i += 1;
        loop {
            self.ws();
            match self.peek()? {
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                b',' => self.i += 1,
                b'"' => {
                    let key = self.string()?;
                    let key: String = serde_json::from_slice(self.b.get(key.start..key.end)?).ok()?;
                    self.ws();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.i += 1;
                    let below = match path.and_then(<[Seg]>::split_first) {
                        Some((Seg::Key(k), rest)) if *k == key => Some(rest),
                        _ => None,
                    };
                    self.value(below, depth + 1)?;
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self, path: Option<&[Seg]>, depth: usize) -> Option<()> {
        self.i += 1;
        let mut index = 0;
        loop {
            self.ws();
            match self.peek()? {
                b']' => {
                    self.i += 1;
                    return Some(());
                }
                b',' => {
                    self.i += 1;
                    index += 1;
                }
                _ => {
                    let below = match path.and_then(<[Seg]>::split_first) {
                        Some((Seg::Index(i), rest)) if *i == index => Some(rest),
                        _ => None,
                    };
                    self.value(below, depth + 1)?;
                }
            }
        }
    }
}
