//! The structure's header: the persona's name, dialect, description with
//! its usage examples, metadata and diagnostics (or, for an empty
//! document, what will show here).

use leptos::prelude::*;

use crate::persona::{MetaEntry, Persona, Severity};

/// The name, dialect, description, metadata and diagnostics (or, for an
/// empty document, what will show here).
pub(super) fn header(p: &Persona) -> AnyView {
    if p.text.trim().is_empty() && p.metadata.is_empty() {
        return view! {
            <h2>"Structure"</h2>
            <p class="empty-hint">"The sections and guidelines of your document will show here."</p>
        }
        .into_any();
    }
    view! {
        <h2 class="persona-name">{p.display_name()}</h2>
        <p class="dialect">"Dialect: " <strong>{p.dialect.label()}</strong></p>
        {p.description.clone().map(|d| view! { <p class="description">{d}</p> })}
        {examples(p)}
        {metadata(p)}
        {diagnostics(p)}
    }
    .into_any()
}

fn examples(p: &Persona) -> Option<impl IntoView + use<>> {
    (!p.examples.is_empty()).then(|| {
        let n = p.examples.len();
        let items =
            p.examples.iter().map(|e| view! { <pre class="example">{e.clone()}</pre> }).collect_view();
        view! {
            <details class="examples">
                <summary>{format!("Usage examples ({n})")}</summary>
                {items}
            </details>
        }
    })
}

fn metadata(p: &Persona) -> Option<impl IntoView + use<>> {
    // The description shows once, as the summary above (its usage examples
    // in their own list), not again among the keys.
    let shown_above = |key: &str| p.description.is_some() && key.eq_ignore_ascii_case("description");
    let rows: Vec<_> = p.metadata.iter().filter(|e| !shown_above(&e.key)).collect();
    (!rows.is_empty()).then(|| view! { <dl class="meta" aria-label="Metadata">{meta_rows(rows)}</dl> })
}

/// A `dt`/`dd` pair per entry.
pub(super) fn meta_rows<'e>(entries: impl IntoIterator<Item = &'e MetaEntry>) -> AnyView {
    entries
        .into_iter()
        .map(|e| {
            view! {
                <dt>{e.key.clone()}</dt>
                <dd>{e.value.display()}</dd>
            }
        })
        .collect_view()
        .into_any()
}

fn diagnostics(p: &Persona) -> Option<impl IntoView + use<>> {
    (!p.diagnostics.is_empty()).then(|| {
        let items = p
            .diagnostics
            .iter()
            .map(|d| {
                let text = format!("Line {}, column {}: {}", d.line, d.column, d.message);
                let class = format!("diagnostic {}", d.severity.label());
                let role = (d.severity == Severity::Error).then_some("alert");
                // The alert role sits inside the list item, so the list
                // keeps its list semantics.
                view! {
                    <li class=class>
                        <div role=role>
                            <span class="severity">{d.severity.label()}</span>
                            " "
                            {text}
                        </div>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="diagnostics" aria-label="Diagnostics">{items}</ul> }
    })
}
