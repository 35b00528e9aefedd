//! The prompt pane: the "Assembled prompt" (exactly what Copy copies), the
//! "Output style" radio group, live counts, "Copy prompt" with its status
//! message, "Copy share link", and "Export as" with the warnings of the
//! chosen format shown before "Download".
//!
//! The prompt is a read-only text box (`role="textbox"`) made of pieces of
//! whole lines (a very long line is cut into several), each
//! `content-visibility: auto`: the browser lays out only
//! the pieces in view, so a megabyte of prompt costs no more layout than a
//! screenful (a `<textarea>` lays out all of its text on every change). Its
//! text is still the whole prompt. A change updates the pieces in place,
//! by position, rewriting only the texts that differ; the cuts depend on
//! the lines, not on where the text starts, so an edit or a toggle changes
//! the piece around it and, most of the time, no other.
//! Copying a selection in it copies exactly the selected characters.

use leptos::prelude::*;

use super::actions::copy_prompt;
use super::browser::{copy_text, download};
use super::changes::{ChangesButton, ChangesRegion};
use super::costs::CostPanel;
use super::deferred::{ViewFn, deferred};
use super::doc::DocState;
use super::layout::Pane;
use super::library::LibraryState;
use super::prefs::{KeyHint, Tool};
use super::presets::PresetsPanel;
use super::sections::Jump;
use super::tokens::Tokens;
use super::variables::VariablesPanel;
use super::view::ViewState;
use crate::persona::export::{Target, export, export_filled};
use crate::persona::numbers::grouped;
use crate::persona::stats::{Size, size};
use crate::persona::text::line_chunks;
use crate::persona::{Dialect, Style};

/// The prompt text box's element id.
pub const PROMPT_ID: &str = "prompt";

/// Bytes per piece of the prompt view (whole lines, see [`line_chunks`]).
pub const PIECE_BYTES: usize = 2048;

/// The most bytes a piece holds: longer lines are cut into several pieces,
/// so that a megabyte on one line still lays out only what is in view.
pub const PIECE_MAX: usize = 8192;

/// Ctrl/Cmd+A in the prompt selects the prompt, not the whole page.
fn select_prompt_on_ctrl_a(ev: &leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    if (ev.ctrl_key() || ev.meta_key()) && !ev.shift_key() && ev.key().eq_ignore_ascii_case("a") {
        let target = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let selection = web_sys::window().and_then(|w| w.get_selection().ok().flatten());
        if let (Some(node), Some(selection)) = (target, selection) {
            ev.prevent_default();
            let _ = selection.select_all_children(&node);
        }
    }
}

/// Copying a selection in the prompt copies exactly its characters: the
/// browser's own copy would add a line break wherever a long line is cut
/// into pieces, and drop the final line feed.
fn copy_exact_selection(ev: &leptos::ev::ClipboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(root) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let (Some(text), Some(data)) = (super::browser::selected_text_in(&root), ev.clipboard_data()) else {
        return;
    };
    if data.set_data("text/plain", &text).is_ok() {
        ev.prevent_default();
    }
}

/// "12,345 characters · 2,000 words · ≈3,100 tokens", with the tokens as
/// the chosen tokenizer counts them (see [`Tokens::shown`]).
fn describe(c: Size, tokens: &str) -> String {
    format!("{} characters · {} words · {tokens} tokens", grouped(c.chars), grouped(c.words))
}

/// Which of the share-and-export code's two tools to show.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// "Copy share link".
    Share,
    /// "Export as", its preview and "Download".
    Export,
}

/// The share or the export tool.
#[component]
fn ShareExport(doc: DocState, library: LibraryState, part: Part) -> impl IntoView {
    let loading = if part == Part::Share { "Loading share…" } else { "Loading export…" };
    deferred(loading, share_export_code(), (doc, library, part))
}

/// The code of [`ShareExport`] (with the export formats'), loaded after the
/// first structure.
#[cfg_attr(feature = "split", leptos::lazy)]
#[allow(clippy::unused_async, reason = "a loader: with the split it awaits its code")]
pub async fn share_export_code() -> ViewFn<(DocState, LibraryState, Part)> {
    share_export as ViewFn<(DocState, LibraryState, Part)>
}

/// The share and export controls themselves.
fn share_export((doc, library, part): (DocState, LibraryState, Part)) -> AnyView {
    if part == Part::Share {
        return view! {
            <div class="share">
                <button type="button" on:click=move |_| library.copy_share_link()>"Copy share link"</button>
                <p role="status" class="status">{move || library.share_status.get()}</p>
            </div>
        }
        .into_any();
    }
    ({
        let target = RwSignal::new(Target::Markdown);
        let export_status = RwSignal::new(String::new());
        // Warnings depend on the document and the format, not the selection,
        // except for a target whose tool reads files up to a length: there
        // they are those of the file as it would download (selection, style
        // and values), so that a file over the length gets its warning.
        let warnings = Memo::new(move |_| {
            let t = target.get();
            let source = doc.source.get_untracked();
            let file = doc.file_name.get_untracked();
            if t.file_limit().is_some() {
                let e = doc.persona.with(|p| {
                    doc.selection.with(|sel| {
                        doc.variables
                            .with(|v| export_filled(&source, file.as_deref(), p, sel, doc.style.get(), t, v))
                    })
                });
                return e.warnings;
            }
            doc.persona.with(|p| {
                export(&source, file.as_deref(), p, &crate::persona::Selection::all(), Style::Original, t)
                    .warnings
            })
        });
        // The file as it would download: the selection, style and values.
        let exported = move || {
            let t = target.get_untracked();
            let file = doc.file_name.get_untracked();
            doc.persona.with_untracked(|p| {
                doc.selection.with_untracked(|sel| {
                    doc.variables.with_untracked(|v| {
                        let style = doc.style.get_untracked();
                        export_filled(&doc.source.get_untracked(), file.as_deref(), p, sel, style, t, v)
                    })
                })
            })
        };
        let on_download = move |_| {
            let e = exported();
            export_status.set(match download(&e.file_name, e.mime, &e.content) {
                // Where the tool reads it: most tools' files share `.md`.
                Ok(()) if e.path != e.file_name => {
                    format!("Downloaded {}. The tool reads it from {}.", e.file_name, e.path)
                }
                Ok(()) => format!("Downloaded {}", e.file_name),
                Err(err) => format!("Not downloaded: {err}"),
            });
        };
        let on_copy = move |_| {
            let text = exported().content;
            leptos::task::spawn_local(async move {
                export_status.set(match copy_text(&text).await {
                    Ok(()) => "Export copied".to_string(),
                    Err(e) => format!("Not copied: {e}"),
                });
            });
        };
        // The preview follows the document while it is open.
        let previewing = RwSignal::new(false);
        let preview = move || {
            previewing.get().then(|| {
                target.track();
                doc.prompt.track();
                let e = exported();
                view! {
                    <p class="note">
                        {if e.path == e.file_name {
                            e.file_name.clone()
                        } else {
                            format!("{}, which the tool reads from {}", e.file_name, e.path)
                        }}
                    </p>
                    <pre class="export-preview" tabindex="0" aria-label="Export preview">{e.content}</pre>
                }
            })
        };
        view! {
            <div class="export">
                <label for="export-format">"Export as"</label>
                <select id="export-format" on:change=move |ev| {
                    if let Some(t) = Target::from_key(&event_target_value(&ev)) {
                        target.set(t);
                        export_status.set(String::new());
                    }
                }>
                    {Target::all().map(|t| view! {
                        <option value=t.key() prop:selected=move || target.get() == t>{t.label()}</option>
                    }).collect_view()}
                </select>
                <button type="button" on:click=on_download>"Download"</button>
                <button type="button" on:click=on_copy>"Copy export"</button>
                <details
                    class="preview"
                    on:toggle=move |ev| {
                        use wasm_bindgen::JsCast;
                        let d = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok());
                        previewing.set(d.is_some_and(|d| d.open()));
                    }
                >
                    <summary>"Preview"</summary>
                    {preview}
                </details>
                {move || {
                    let w = warnings.get();
                    (!w.is_empty()).then(|| view! {
                        <ul class="warnings" aria-label="Export warnings">
                            {w.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                        </ul>
                    })
                }}
                <p role="status" class="status">{move || export_status.get()}</p>
            </div>
        }
    })
    .into_any()
}

/// The prompt pane.
#[component]
pub fn PromptPane(
    /// The document.
    doc: DocState,
    /// How it is shown (the copy status; links into the structure).
    view: ViewState,
    /// The library (share links).
    library: LibraryState,
    /// The counts.
    tokens: Tokens,
) -> impl IntoView {
    let changes_shown = RwSignal::new(false);
    let has_document = move || doc.persona.with(|p| !p.text.trim().is_empty() || !p.metadata.is_empty());
    let selected = Memo::new(move |_| tokens.prompt().with(|p| size(&p.text)));
    let whole = Memo::new(move |_| tokens.persona().with(|p| size(p.body_text())));
    let selected_tokens = move || {
        let (n, exact) = tokens.prompt_count();
        tokens.shown(n, exact)
    };
    let whole_tokens = move || {
        let (total, exact) = tokens.counted.with(|c| (c.0.whole, c.0.exact));
        tokens.shown(total, exact)
    };
    let radio = move |style: Style, label: &'static str| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name="output-style"
                    prop:checked=move || doc.style.get() == style
                    on:change=move |_| doc.set_style(style)
                />
                {label}
            </label>
        }
    };
    let web_hint = move || {
        doc.persona.with(|p| p.dialect == Dialect::WebCopy && doc.style.get() == Style::Original).then(|| {
            view! {
                <p class="hint">"This looks like text copied from a web page. Clean Markdown repairs its headings and lists."</p>
            }
        })
    };
    let layout = view.layout;
    view! {
        <section
            class="pane prompt"
            id=Pane::Prompt.id()
            role=move || layout.role()
            hidden=move || layout.hidden(Pane::Prompt)
            aria-labelledby="prompt-label"
        >
            <div class="pane-head">
                <h2 id="prompt-label" class="pane-title">"Assembled prompt"</h2>
                // Nothing to compare before there is a document.
                <Show when=has_document>
                    <ChangesButton shown=changes_shown />
                </Show>
                // On a narrow screen the bar at the bottom holds it.
                <Show when=move || !layout.narrow.get()>
                    <CopyButton doc status=view.status />
                </Show>
            </div>
            <ChangesRegion shown=changes_shown doc />
            <Show when=has_document>
                <VariablesPanel doc />
                <fieldset class="style">
                    <legend>"Output style"</legend>
                    {radio(Style::Original, "Original")}
                    {radio(Style::Clean, "Clean Markdown")}
                </fieldset>
            </Show>
            {web_hint}
            <div
                id=PROMPT_ID
                class="prompt-text"
                role="textbox"
                aria-readonly="true"
                aria-multiline="true"
                aria-labelledby="prompt-label"
                tabindex="0"
                on:keydown=move |ev| select_prompt_on_ctrl_a(&ev)
                on:copy=move |ev| copy_exact_selection(&ev)
            >
                {move || {
                    doc.prompt.with(|p| {
                        line_chunks(&p.text, PIECE_BYTES, PIECE_MAX)
                            .map(|piece| view! { <div class="piece">{piece.to_string()}</div> })
                            .collect_view()
                    })
                }}
            </div>
            <Show when=move || !layout.narrow.get()>
                <p role="status" class="status">{move || view.status.get()}</p>
            </Show>
            // The tools that need a document, their code loaded once there
            // is one (after its first structure has painted).
            <Show when=has_document>
                <dl class="counts">
                    <dt>"Prompt"</dt>
                    <dd>{move || describe(selected.get(), &selected_tokens())}</dd>
                    <dt>"Whole document"</dt>
                    <dd>{move || describe(whole.get(), &whole_tokens())}</dd>
                </dl>
                <Tool name="costs" title="What it costs" title_id="costs-title">
                    <CostPanel doc tokens jump=Jump::new(view) />
                </Tool>
                <Tool name="presets" title="Presets" title_id="presets-title">
                    <PresetsPanel doc />
                </Tool>
                <Tool name="share" title="Share" title_id="share-title">
                    <ShareExport doc library part=Part::Share />
                </Tool>
                <Tool name="export" title="Export" title_id="export-title">
                    <ShareExport doc library part=Part::Export />
                </Tool>
                <KeyHint name="copy" about="copying">"Ctrl+Shift+C copies the prompt from anywhere."</KeyHint>
            </Show>
        </section>
    }
}

/// Whether there is a prompt to copy (reactive).
fn has_prompt(doc: DocState) -> bool {
    doc.prompt.with(|p| !p.text.is_empty())
}

/// **Copy prompt**: the main action once there is a prompt; until then
/// disabled, with the reason.
#[component]
fn CopyButton(doc: DocState, status: RwSignal<String>) -> impl IntoView {
    view! {
        <button
            type="button"
            class:primary=move || has_prompt(doc)
            prop:disabled=move || !has_prompt(doc)
            aria-describedby=move || (!has_prompt(doc)).then_some(NO_PROMPT_ID)
            on:click=move |_| copy_prompt(doc, status)
            aria-keyshortcuts="Control+Shift+C"
        >
            "Copy prompt"
        </button>
        <span id=NO_PROMPT_ID class="why" hidden=move || has_prompt(doc)>
            "Nothing to copy yet"
        </span>
    }
}

/// The id of the reason **Copy prompt** is disabled.
const NO_PROMPT_ID: &str = "no-prompt";

/// The bar fixed to the bottom of a narrow screen: **Copy prompt** and the
/// prompt's size.
#[component]
pub fn CopyBar(
    /// The document.
    doc: DocState,
    /// The layout (the bar shows on a narrow screen) and the copy status.
    view: ViewState,
    /// The prompt's count.
    tokens: Tokens,
) -> impl IntoView {
    let size = move || {
        let (n, exact) = tokens.prompt_count();
        format!("Prompt: {} tokens", tokens.shown(n, exact))
    };
    move || {
        view.layout.narrow.get().then(|| {
            view! {
                <div class="copy-bar" role="group" aria-label="Prompt">
                    <span class="size">{size}</span>
                    <span role="status" class="status">{move || view.status.get()}</span>
                    <CopyButton doc status=view.status />
                </div>
            }
        })
    }
}
