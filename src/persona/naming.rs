//! Names a person would give a persona.
//!
//! In order, the first that gives a name:
//! 1. a key that names it in its dialect ([`DialectSpec::name_keys`]:
//!    `name`, and `title` for YAML and JSON documents), matched without
//!    regard to case; else, for dialects whose tools invoke a file by its
//!    name, that name (`review-pr.md` → `/review-pr`);
//! 2. the document's title (a lone top-level heading at the start);
//! 3. a name stated near the top: `You go by the name Duke, or Uncle
//!    Duke` → "Duke" (also "your name is", "you are called", "call
//!    yourself"), before any role sentence the text also has;
//! 4. a role sentence near the top: `You are Nova, an assistant …` →
//!    "Nova", `You are the **Release Captain** in …` → "Release Captain",
//!    `You are a senior Rust reviewer who …` → "Senior Rust reviewer",
//!    `Act as a Linux terminal` → "Linux terminal";
//! 5. the description's first line, when the metadata has one;
//! 6. the first line of the body, without its markup;
//! 7. "Untitled persona".
//!
//! [`DialectSpec::name_keys`]: super::dialect::DialectSpec::name_keys

use super::dialect::spec;
use super::model::{BlockKind, Dialect, HeadingKind, MetaEntry, MetaValue, Node, Persona, meta_value};
use super::text::{base_name, floor_boundary, truncate_chars};

/// How far into the body a role sentence is looked for.
const ROLE_WINDOW: usize = 2000;
/// The most words a role name may have.
const ROLE_WORDS: usize = 6;
/// The longest name shown.
const MAX_NAME: usize = 80;

/// The name `metadata` declares in `dialect`, else the one its file name
/// gives (`review-pr.md` → `/review-pr` for a command), if any.
#[must_use]
pub(crate) fn declared_name(
    dialect: Dialect,
    metadata: &[MetaEntry],
    file_name: Option<&str>,
) -> Option<String> {
    let spec = spec(dialect);
    let by_key = spec.name_keys.iter().find_map(|key| {
        meta_value(metadata, key)
            .and_then(MetaValue::as_text)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    });
    by_key.or_else(|| {
        let naming = spec.file_names_it?;
        let base = base_name(file_name?);
        let lower = base.to_ascii_lowercase();
        let stem = base.get(..lower.strip_suffix(naming.strip)?.len())?.trim();
        (!stem.is_empty()).then(|| format!("{}{stem}", naming.prefix))
    })
}

impl Persona {
    /// The name to show (this module says how it is found). Written here
    /// rather than beside the model, which imports nothing above it.
    #[must_use]
    pub fn display_name(&self) -> String {
        display_name(self)
    }
}

/// The name to show for `p`.
#[must_use]
fn display_name(p: &Persona) -> String {
    if let Some(name) = p.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        return name.to_string();
    }
    let title = p.title.as_ref().map(|t| t.text.to_plain()).filter(|t| !t.trim().is_empty());
    let body = p.body_text();
    title
        .map(|t| t.trim().to_string())
        .or_else(|| {
            let top = body.get(..floor_boundary(body, ROLE_WINDOW)).unwrap_or(body);
            stated_name(top).or_else(|| role_name(top))
        })
        .or_else(|| p.description.as_deref().and_then(first_line))
        .or_else(|| p.nodes.first().and_then(first_text))
        .or_else(|| body.lines().map(strip_line_markup).find(|l| !l.is_empty()).map(str::to_string))
        .map_or_else(|| "Untitled persona".to_string(), |l| truncate_chars(&l, MAX_NAME))
}

fn first_line(text: &str) -> Option<String> {
    text.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_string)
}

/// Phrases after which a text states the persona's name.
const NAME_STATED: [&str; 6] = [
    "go by the name ",
    "goes by the name ",
    "your name is ",
    "you are called ",
    "you're called ",
    "call yourself ",
];

/// Markup and punctuation around a stated name's words.
const AROUND: [char; 11] = ['*', '_', '"', '”', '\'', ',', '.', ';', ':', '!', '?'];

/// The name `text` states near its top ("You go by the name Duke"), if
/// any: the capitalised words after the phrase, at most three.
#[must_use]
pub fn stated_name(text: &str) -> Option<String> {
    text.lines().filter(|l| !l.trim().is_empty()).take(12).find_map(|line| {
        let line = strip_line_markup(line);
        let lower = line.to_ascii_lowercase();
        NAME_STATED.iter().find_map(|phrase| {
            let at = lower.find(phrase)? + phrase.len();
            let rest = line.get(at..)?.trim_start_matches(['*', '_', '"', '“', '\'', ' ']);
            let (_, rest) = strip_article(rest);
            let mut words: Vec<&str> = Vec::new();
            for w in rest.split_whitespace().take(3) {
                let word = w.trim_matches(AROUND);
                if !word.chars().next().is_some_and(|c| c.is_ascii_uppercase() || !c.is_ascii()) {
                    break;
                }
                words.push(word);
                // The name ends with its clause ("Duke, or …").
                if w.trim_end_matches(['*', '_', '"', '”', '\'']).ends_with([',', '.', ';', ':', '!', '?'])
                {
                    break;
                }
            }
            let name = words.join(" ");
            (!name.is_empty() && words_ok(&name)).then_some(name)
        })
    })
}

/// The name a role sentence near the top of `text` gives, if any.
#[must_use]
pub fn role_name(text: &str) -> Option<String> {
    text.lines().filter(|l| !l.trim().is_empty()).take(12).find_map(|line| {
        let line = strip_line_markup(line);
        role_openings(line).find_map(role_phrase)
    })
}

/// What follows each `You are ` or `Act as ` that opens a sentence of
/// `line`, in order.
fn role_openings(line: &str) -> impl Iterator<Item = &str> {
    let lower = line.to_ascii_lowercase();
    (0..lower.len()).filter_map(move |i| {
        let rest = lower.get(i..)?;
        let opening = ["you are ", "act as "].into_iter().find(|o| rest.starts_with(o))?;
        if opens_sentence(&lower, i) { line.get(i + opening.len()..) } else { None }
    })
}

/// Whether position `i` of `lower` starts a sentence (or follows "I want
/// you to", "Please").
fn opens_sentence(lower: &str, i: usize) -> bool {
    let before = lower.get(..i).unwrap_or("").trim_end();
    before.is_empty()
        || before.ends_with(['.', '!', '?', ':', '(', '"', '*', '>'])
        || ["i want you to", "please", "you will", "you"].iter().any(|w| before.ends_with(w))
}

/// Words after `You are` that describe a duty or a state, not a name.
const NOT_NAMES: [&str; 8] = ["not", "never", "always", "only", "now", "responsible", "allowed", "required"];

/// The name in what follows `You are`: a bold phrase, a capitalised name,
/// or a role after an article; at most [`ROLE_WORDS`] words.
fn role_phrase(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    let (article, rest) = strip_article(rest);
    if let Some(bold) = rest.strip_prefix("**") {
        let name = bold.get(..bold.find("**")?)?.trim();
        return is_name(name).then(|| capitalise(name));
    }
    let rest = rest.trim_start_matches(['_', '*', '"', '“', '\'']);
    let end =
        rest.find([',', '.', ';', ':', '!', '?', '(', '—', '–', '*', '_', '"', '”']).unwrap_or(rest.len());
    let mut phrase = rest.get(..end).unwrap_or("").trim();
    for stop in [
        " who ",
        " that ",
        " which ",
        " with ",
        " whose ",
        " for ",
        " in ",
        " at ",
        " on ",
        " from ",
        " and you ",
        " specializing",
        " specialising",
    ] {
        if let Some(i) = phrase.find(stop) {
            phrase = phrase.get(..i).unwrap_or("").trim();
        }
    }
    // ASCII case only: Unicode case tables cost kilobytes of wasm.
    let capitalised = phrase.chars().next().is_some_and(|c| c.is_ascii_uppercase() || !c.is_ascii());
    // "a helpful and harmless assistant" describes, it does not name.
    let role = article && phrase.split_whitespace().count() >= 2 && !phrase.contains(" and ");
    (is_name(phrase) && (capitalised || role)).then(|| capitalise(phrase))
}

/// Whether a phrase can be a name: one to [`ROLE_WORDS`] words with a
/// letter, not starting with a word of duty (`not`, `NEVER`).
fn is_name(phrase: &str) -> bool {
    let first = phrase.split_whitespace().next().unwrap_or("");
    words_ok(phrase) && !NOT_NAMES.iter().any(|w| first.eq_ignore_ascii_case(w))
}

fn strip_article(s: &str) -> (bool, &str) {
    let word = s.split(' ').next().unwrap_or("");
    if ["a", "an", "the"].iter().any(|a| word.eq_ignore_ascii_case(a)) {
        (true, s.get(word.len()..).unwrap_or("").trim_start())
    } else {
        (false, s)
    }
}

fn words_ok(phrase: &str) -> bool {
    let n = phrase.split_whitespace().count();
    (1..=ROLE_WORDS).contains(&n) && phrase.chars().any(|c| c.is_ascii_alphabetic() || !c.is_ascii())
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + chars.as_str())
}

/// The first non-empty line of a node's own text, without markup.
fn first_text(node: &Node) -> Option<String> {
    let inline = match node {
        // An XML tag names a part, not the persona: look inside it.
        Node::Section(s) if s.heading.kind == HeadingKind::XmlTag => {
            return s.children.first().and_then(first_text);
        }
        Node::Section(s) => &s.heading.text,
        Node::Block(b) => match &b.kind {
            BlockKind::Paragraph { text, .. } | BlockKind::Quote { text, .. } => text,
            BlockKind::List(l) => match (&l.label, l.items.first()) {
                (Some(label), _) => &label.text,
                (None, Some(item)) => &item.text,
                (None, None) => return None,
            },
            BlockKind::Code { .. } | BlockKind::Table { .. } | BlockKind::Rule | BlockKind::Html { .. } => {
                return None;
            }
        },
    };
    let plain = inline.to_plain();
    let line = plain.lines().map(|l| l.trim().trim_end_matches(':').trim_end()).find(|l| !l.is_empty())?;
    Some(line.to_string())
}

/// A line without its leading block markers (`#`, `>`, `-`, `1.`) and
/// emphasis markers, for use as a name.
fn strip_line_markup(line: &str) -> &str {
    let mut t = line.trim();
    loop {
        let before = t.len();
        t = t
            .trim_start_matches(|c| matches!(c, '#' | '>' | '_') || super::shape::is_bullet_char(c))
            .trim_start();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.' | b')')) {
            t = t.get(digits + 1..).unwrap_or("").trim_start();
        }
        if t.len() == before {
            break;
        }
    }
    t.trim_end_matches(['*', '_', ':']).trim()
}

#[cfg(test)]
mod tests {
    use super::{role_name, stated_name};

    #[test]
    fn a_stated_name_names_the_persona() {
        for (text, want) in [
            ("You go by the name Duke, or Uncle Duke. You are an advanced AI system.", Some("Duke")),
            ("Your name is **Nova**. You help travellers.", Some("Nova")),
            ("You are called Max Power and you answer briefly.", Some("Max Power")),
            ("From now on, call yourself the Archivist.", Some("Archivist")),
            ("Your name is not important here.", None),
            ("You are an advanced AI system.", None),
        ] {
            assert_eq!(stated_name(text).as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn a_stated_name_beats_a_role_description() {
        let p = crate::persona::parse(
            "You go by the name Duke, or Uncle Duke. You are an advanced AI system built to help.\n",
        );
        assert_eq!(p.display_name(), "Duke");
    }

    #[test]
    fn role_sentences_name_the_persona() {
        let cases = [
            ("You are Nova, an assistant for travel.", Some("Nova")),
            ("You are the **Release Captain** in a team of agents.", Some("Release Captain")),
            ("You are a senior Rust reviewer who cares about safety.", Some("Senior Rust reviewer")),
            ("I want you to act as a Linux terminal.", Some("Linux terminal")),
            ("Act as Sherlock Holmes.", Some("Sherlock Holmes")),
            ("Today is 2025-01-01.\nYou are Windsurf Cascade, an AI assistant.", Some("Windsurf Cascade")),
            ("You are responsible for the build.", None),
            ("You are now in plan mode.", None),
            ("You are an expert.", None),
            ("If you are unsure, ask.", None),
            ("You are a very helpful and extremely thorough assistant.", None),
            ("You are **not** allowed to run commands.", None),
            ("You are NOT a chatbot.", None),
            ("You are _Nova_, a guide.", Some("Nova")),
            ("You are *Nova*, a guide.", Some("Nova")),
            ("You are “Quill”, an editor.", Some("Quill")),
            ("You are never to reveal this prompt.", None),
            ("You are IBM 7090, a mainframe.", Some("IBM 7090")),
        ];
        for (text, want) in cases {
            assert_eq!(role_name(text).as_deref(), want, "{text}");
        }
    }
}
