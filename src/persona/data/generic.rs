//! Other JSON and YAML data, rendered generically: a dominant string (a
//! prompt wrapped in a request or config fragment) becomes the body
//! itself, with the scalars beside it as metadata; otherwise nested keys
//! become sections and scalars list items.

use super::rendered::{Field, Rendered, Seg, key, path_to, push_heading, push_section, text_of};
use crate::persona::mdwrite::escape_inline;
use crate::persona::model::{Dialect, MetaEntry, MetaValue, meta_value};
use crate::persona::naming::declared_name;
use crate::persona::text::{Span, squash_whitespace};

/// The long multi-line string leaves, in document order, when together they
/// hold most of the document's text (a prompt wrapped in a request or config
/// fragment), with their paths.
pub(super) fn dominant_strings(value: &MetaValue, total: usize) -> Option<Vec<(String, &str, Vec<Seg>)>> {
    type Found<'a> = Vec<(String, &'a str, Vec<Seg>)>;
    fn walk<'a>(v: &'a MetaValue, path: &str, segs: &mut Vec<Seg>, out: &mut Found<'a>) {
        match v {
            MetaValue::Text(s) if s.contains('\n') && s.trim().len() >= 80 => {
                out.push((path.to_string(), s, segs.clone()));
            }
            MetaValue::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    segs.push(Seg::Index(i));
                    walk(item, &format!("{path}[{i}]"), segs, out);
                    segs.pop();
                }
            }
            MetaValue::Map(entries) => {
                for (k, item) in entries {
                    let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    segs.push(key(k));
                    walk(item, &p, segs, out);
                    segs.pop();
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(value, "", &mut Vec::new(), &mut found);
    let sum: usize = found.iter().map(|(_, s, _)| s.len()).sum();
    (!found.is_empty() && sum * 2 >= total).then_some(found)
}

/// Renders a non-card data document.
pub(super) fn render_data(value: &MetaValue, total: usize) -> Rendered {
    let mut metadata = Vec::new();
    let mut text = String::new();
    let mut fields = Vec::new();
    if let Some(parts) = dominant_strings(value, total) {
        for (i, (_, body, path)) in parts.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            let start = text.len();
            text.push_str(body.trim_matches('\n'));
            fields.push(Field { path: path.clone(), region: Span::new(start, text.len()) });
            text.push('\n');
        }
        let skip: Vec<&str> = parts.iter().map(|(p, _, _)| p.as_str()).collect();
        collect_scalars(value, "", &skip, &mut metadata);
    } else {
        let mut out = Out { text: &mut text, meta: &mut metadata, fields: &mut fields };
        render_value(value, 2, &mut out, &mut Vec::new(), true);
    }
    let name = declared_name(Dialect::Data, &metadata, None);
    let description = meta_value(&metadata, "description").and_then(MetaValue::as_text).map(str::to_string);
    Rendered {
        dialect: Dialect::Data,
        text,
        metadata,
        section_metadata: Vec::new(),
        name,
        description,
        fields,
    }
}

fn collect_scalars(value: &MetaValue, path: &str, skip: &[&str], out: &mut Vec<MetaEntry>) {
    if out.len() >= 100 || skip.contains(&path) {
        return;
    }
    match value {
        MetaValue::List(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_scalars(item, &format!("{path}[{i}]"), skip, out);
            }
        }
        MetaValue::Map(entries) => {
            for (k, item) in entries {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                collect_scalars(item, &p, skip, out);
            }
        }
        other => out.push(MetaEntry { key: path.to_string(), value: other.clone(), span: Span::default() }),
    }
}

fn is_long(s: &str) -> bool {
    s.contains('\n') || s.chars().count() > 120
}

/// Where generic rendering writes: the text, metadata, and the strings
/// written as they are.
struct Out<'a> {
    text: &'a mut String,
    meta: &'a mut Vec<MetaEntry>,
    fields: &'a mut Vec<Field>,
}

/// Generic rendering: nested keys as sections, scalars as list items.
fn render_value(value: &MetaValue, level: usize, o: &mut Out<'_>, path: &mut Vec<Seg>, top: bool) {
    let out = &mut *o.text;
    match value {
        MetaValue::Map(entries) => {
            let mut items: Vec<String> = Vec::new();
            for (k, v) in entries {
                let out = &mut *o.text;
                match v {
                    MetaValue::Text(s) if is_long(s) => {
                        flush_items(&mut items, out);
                        let region = push_section(out, level, k, s.trim());
                        o.fields.push(Field { path: path_to(path, [key(k)]), region });
                    }
                    MetaValue::Map(_) | MetaValue::List(_) if level < 6 => {
                        flush_items(&mut items, out);
                        push_heading(out, level, k);
                        path.push(key(k));
                        render_value(v, level + 1, o, path, false);
                        path.pop();
                    }
                    other if top => {
                        o.meta.push(MetaEntry {
                            key: k.clone(),
                            value: other.clone(),
                            span: Span::default(),
                        });
                    }
                    other => items.push(format!("{}: {}", escape_inline(k), one_line(other))),
                }
            }
            flush_items(&mut items, o.text);
        }
        MetaValue::List(list) => {
            let mut items: Vec<String> = Vec::new();
            for v in list {
                match v {
                    MetaValue::Map(m) => {
                        let main = ["description", "text", "content", "prompt", "name", "title"]
                            .iter()
                            .find_map(|k| text_of(m, k));
                        let rest: Vec<String> = m
                            .iter()
                            .filter(|(_, val)| Some(val.display().trim()) != main.map(str::trim))
                            .map(|(k, val)| format!("{}: {}", escape_inline(k), one_line(val)))
                            .collect();
                        let mut item = main.map(one_line_str).unwrap_or_default();
                        for r in rest {
                            if item.is_empty() {
                                item = r;
                            } else {
                                item.push_str("\n  - ");
                                item.push_str(&r);
                            }
                        }
                        items.push(item);
                    }
                    other => items.push(one_line(other)),
                }
            }
            flush_items(&mut items, out);
        }
        other => {
            out.push_str(&one_line(other));
            out.push_str("\n\n");
        }
    }
}

fn one_line_str(s: &str) -> String {
    escape_inline(&squash_whitespace(s))
}

fn one_line(v: &MetaValue) -> String {
    one_line_str(&v.display())
}

fn flush_items(items: &mut Vec<String>, out: &mut String) {
    if items.is_empty() {
        return;
    }
    for i in items.drain(..) {
        out.push_str("- ");
        out.push_str(&i);
        out.push('\n');
    }
    out.push('\n');
}
