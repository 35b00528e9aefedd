//! The library panel: the saved documents (open, rename, duplicate,
//! delete with undo), **New document**, and the library's messages
//! (storage, share links, imports, repairs).

use leptos::prelude::*;

use super::LibraryState;

/// The rename form of one library row. Its text box is focused, with the
/// old name selected, as soon as it is mounted: the `autofocus` attribute
/// only takes effect at the browser's next rendering update, and keys
/// pressed before that went to the page (a save landing meanwhile made it
/// likely).
#[component]
fn RenameForm(
    draft: RwSignal<String>,
    editing: RwSignal<Option<String>>,
    commit: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    input.on_load(move |el| {
        // The value first: writing a different value later would move the
        // caret to the end and drop the selection.
        el.set_value(&draft.get_untracked());
        let _ = el.focus();
        el.select();
    });
    view! {
        <form class="rename" on:submit=move |ev| {
            ev.prevent_default();
            commit();
        }>
            <label>
                "New name"
                <input
                    type="text"
                    node_ref=input
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Escape" {
                            ev.prevent_default();
                            editing.set(None);
                        }
                    }
                />
            </label>
            <button type="submit">"Save name"</button>
            <button type="button" on:click=move |_| editing.set(None)>"Cancel"</button>
        </form>
    }
}

/// The library panel.
#[component]
pub fn LibraryPanel(
    /// The library.
    state: LibraryState,
) -> impl IntoView {
    let editing = RwSignal::new(None::<String>);
    let draft = RwSignal::new(String::new());
    let commit = move || {
        if let Some(id) = editing.get_untracked() {
            state.rename(&id, &draft.get_untracked());
        }
        editing.set(None);
    };
    let row = move |(id, name): (String, String)| {
        let current = {
            let id = id.clone();
            move || state.lib.with(|l| l.current.as_deref() == Some(id.as_str())) && !state.shared.get()
        };
        let is_editing = {
            let id = id.clone();
            move || editing.get().as_deref() == Some(id.as_str())
        };
        let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id);
        let name1 = name.clone();
        let current_row = current.clone();
        view! {
            <li class="doc" class:current=current_row>
                <Show
                    when=is_editing
                    fallback=move || {
                        let (ida, idb, idc, idd) = (id1.clone(), id2.clone(), id3.clone(), id4.clone());
                        let n = name1.clone();
                        let n2 = name1.clone();
                        let cur = current.clone();
                        view! {
                            <button
                                type="button"
                                class="doc-open"
                                title=n.clone()
                                aria-current=move || cur().then_some("true")
                                on:click=move |_| state.open(&ida)
                            >
                                {n.clone()}
                            </button>
                            <span class="doc-actions">
                                <button type="button" aria-label=format!("Rename {n2}") on:click=move |_| {
                                    draft.set(n2.clone());
                                    editing.set(Some(idb.clone()));
                                }>"Rename"</button>
                                <button type="button" aria-label=format!("Duplicate {}", name1) on:click=move |_| state.duplicate(&idc)>"Duplicate"</button>
                                <button type="button" aria-label=format!("Delete {}", name1) on:click=move |_| state.delete(&idd)>"Delete"</button>
                            </span>
                        }
                    }
                >
                    <RenameForm draft=draft editing=editing commit=commit />
                </Show>
            </li>
        }
    };
    // Rows need only ids and names; a save (new text or selection) leaves
    // this list equal, so it neither re-renders nor copies document texts.
    let docs = Memo::new(move |_| {
        state.lib.with(|l| l.docs.iter().map(|d| (d.id.clone(), d.name.clone())).collect::<Vec<_>>())
    });
    view! {
        <section
            class="library"
            aria-labelledby="library-heading"
            aria-busy=move || if state.saving.get() { "true" } else { "false" }
        >
            <div class="pane-head">
                <h2 id="library-heading">"Library"</h2>
                <button type="button" on:click=move |_| state.new_document()>"New document"</button>
            </div>
            {move || state.storage_error.get().map(|m| view! { <p role="alert" class="message error">{m}</p> })}
            {move || state.storage_warning.get().map(|m| view! { <p role="status" class="message warning">{m}</p> })}
            {move || state.share_error.get().map(|m| view! { <p role="alert" class="message error">{m}</p> })}
            {move || {
                let errors = state.import_errors.get();
                (!errors.is_empty()).then(|| view! {
                    <div role="alert" class="message error" aria-label="Import problems">
                        <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {move || {
                let notes = state.notes.get();
                (!notes.is_empty()).then(|| view! {
                    <div role="status" class="message notes" aria-label="Library repairs">
                        <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            <Show when=move || state.shared.get()>
                <div class="message shared" role="region" aria-label="Shared document">
                    <p>"You opened a shared document. It is not in your library yet."</p>
                    <button type="button" class="primary" on:click=move |_| state.add_shared()>"Add to library"</button>
                    <button type="button" on:click=move |_| state.dismiss_shared()>"Dismiss"</button>
                </div>
            </Show>
            <p role="status" class="message notice">{move || state.notice.get()}</p>
            <p role="status" class="message undo">
                {move || state.undo.get().map(|(_, d)| view! {
                    {format!("Deleted “{}”. ", d.name)}
                    <button type="button" on:click=move |_| state.undo_delete()>"Undo"</button>
                })}
            </p>
            <Show
                when=move || state.lib.with(|l| !l.docs.is_empty())
                // One notice at a time: a shared document's offer says it.
                fallback=move || (!state.shared.get()).then(|| view! {
                    <p class="msg info">"Nothing saved yet. What you paste or open is saved here, in this browser only."</p>
                })
            >
                <ul class="docs" aria-label="Saved documents">
                    <For each=move || docs.get() key=Clone::clone children=row />
                </ul>
            </Show>
        </section>
    }
}
