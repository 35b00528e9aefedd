//! Editing in the structure: the editor ("Edit guideline"), the actions of
//! the row under focus or pointer (**Edit**, **Add guideline below**,
//! **Move up**, **Move down**), and their keys on a focused checkbox (F2,
//! Alt+Enter, Alt+ArrowUp, Alt+ArrowDown).
//!
//! Every edit is a change of the document text made by
//! [`crate::persona::edit`], applied as one undo step
//! ([`DocState::apply_edit`]), made on a parse of the text as it is
//! ([`DocState::edit_with`]): typing not yet parsed is parsed first. Only the row that has focus or the pointer
//! carries its action buttons, and only the open draft carries an editor:
//! each row subscribes to a trigger of its own, and a change wakes just
//! the rows it concerns, so a 20,000-item document neither carries 80,000
//! buttons nor re-runs 20,000 closures when the pointer moves.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::anchors::unit_checkbox;
use super::doc::DocState;
use super::prefs::has_keyboard;
use super::triggers::Triggers;
use crate::persona::edit::{self, Container, Direction, EditError};
use crate::persona::{Id, Node, Persona};

/// What the editor is open on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Draft {
    /// A unit's own text.
    Edit(Id),
    /// A new guideline right after a unit.
    After(Id),
    /// A new guideline at the end of a list (by the list block's id).
    EndOfList(Id),
    /// A new guideline at the end of a section.
    EndOfSection(Id),
    /// A new section after a section, or at the end of the document.
    Section(Option<Id>),
}

impl Draft {
    /// The unit focus returns to when the editor closes, if any.
    fn unit(self) -> Option<Id> {
        match self {
            Draft::Edit(id) | Draft::After(id) => Some(id),
            Draft::Section(after) => after,
            Draft::EndOfList(_) | Draft::EndOfSection(_) => None,
        }
    }
}

/// The new document text with `text` written in as `draft` says, or why
/// not.
fn apply_draft(draft: Draft, source: &str, p: &Persona, text: &str) -> Result<String, EditError> {
    match draft {
        Draft::Edit(id) => edit::replace(source, p, id, text),
        Draft::After(id) => edit::insert_after(source, p, id, text),
        Draft::EndOfList(id) => edit::append(source, p, Container::List(id), text),
        Draft::EndOfSection(id) => edit::append(source, p, Container::Section(id), text),
        Draft::Section(after) => edit::add_section(source, p, after, text),
    }
}

/// The writing half of the edit engine (what a save or a move writes into
/// the document), loaded after the first structure: [`edit_code`].
#[derive(Clone, Copy)]
pub struct EditCode {
    apply: fn(Draft, &str, &Persona, &str) -> Result<String, EditError>,
    move_unit: fn(&str, &Persona, Id, Direction) -> Result<String, EditError>,
    move_to: fn(&str, Option<&str>, Id, Id) -> Result<String, EditError>,
}

/// The edit engine's writing half. A save or a move waits for it (the
/// editor stays open with its text meanwhile); the structure asks for it
/// once it has shown.
#[cfg_attr(feature = "split", leptos::lazy)]
#[allow(clippy::unused_async, reason = "a loader: with the split it awaits its code")]
pub async fn edit_code() -> EditCode {
    EditCode { apply: apply_draft, move_unit: edit::move_unit, move_to: edit::move_to }
}

/// The structure's editing state: the open draft, and the rows under
/// focus and pointer. `Copy`, so rows capture it freely.
#[derive(Clone, Copy)]
pub struct Editing {
    app: DocState,
    /// The open draft, the rows under focus and pointer, the dragged unit.
    now: StoredValue<Now>,
    /// One trigger per rendered row (and end-of-list button), notified
    /// when its actions or its editor come or go: a change wakes two rows,
    /// not all of them.
    rows: Triggers,
    /// Likewise for editors, by [`key`]: a row's actions coming or going
    /// must not rebuild an open editor (and lose its caret).
    editors: Triggers,
    /// Why the last edit could not be made.
    pub error: RwSignal<Option<String>>,
}

/// What the editing state is now (plain values: views are woken by the
/// rows' triggers, not by these).
#[derive(Clone, Copy, Default)]
struct Now {
    /// The open draft.
    draft: Option<Draft>,
    /// The row with focus.
    focused: Option<Id>,
    /// The row under the pointer.
    hovered: Option<Id>,
    /// The unit being dragged by its handle.
    dragging: Option<Id>,
    /// The open editor still has to take focus (once, when it opens).
    focus_editor: bool,
}

/// The row a draft's editor shows in (the document's end has its own key).
fn key(draft: Draft) -> Id {
    match draft {
        Draft::Edit(id) | Draft::After(id) | Draft::EndOfList(id) | Draft::EndOfSection(id) => id,
        Draft::Section(after) => after.unwrap_or(Id(0)),
    }
}

impl Editing {
    /// Editing state over `app`.
    pub fn new(app: DocState) -> Self {
        Self {
            app,
            now: StoredValue::new(Now::default()),
            rows: Triggers::default(),
            editors: Triggers::default(),
            error: RwSignal::new(None),
        }
    }

    /// Forgets the row triggers before the structure renders again.
    /// The document changed: an open editor closes (its text would no
    /// longer match), and the row triggers are forgotten before the
    /// structure renders again.
    pub fn reset_rows(self) {
        self.now.update_value(|n| n.draft = None);
        self.rows.clear();
        self.editors.clear();
    }

    fn watch(self, id: Id) {
        self.rows.watch(id);
    }

    fn wake(self, id: Option<Id>) {
        if let Some(id) = id {
            self.rows.wake(id);
        }
    }

    /// The row showing its actions: the one under the pointer, else the
    /// one with focus.
    fn active(self) -> Option<Id> {
        self.now.with_value(|n| n.dragging.or(n.hovered).or(n.focused))
    }

    fn set_pointer_or_focus(self, hovered: Option<Id>, focused: Option<Id>) {
        let before = self.active();
        self.now.update_value(|n| n.hovered = hovered);
        self.now.update_value(|n| n.focused = focused);
        let after = self.active();
        if before != after {
            self.wake(before);
            self.wake(after);
        }
    }

    fn set_draft(self, draft: Option<Draft>) {
        let before = self.now.with_value(|n| n.draft);
        self.now.update_value(|n| {
            n.draft = draft;
            n.focus_editor = draft.is_some();
        });
        if before != draft {
            for id in [before.map(key), draft.map(key)].into_iter().flatten() {
                self.editors.wake(id);
            }
        }
    }

    /// Whether `draft` is open (wakes when that may have changed).
    pub fn is_open(self, draft: Draft) -> bool {
        self.editors.watch(key(draft));
        self.now.with_value(|n| n.draft) == Some(draft)
    }

    /// Whether the row of `id` shows its actions.
    fn shows_actions(self, id: Id) -> bool {
        self.watch(id);
        self.active() == Some(id)
    }

    /// The section whose row has focus, if one has (a new section goes
    /// after it).
    pub fn focused_section(self) -> Option<Id> {
        let id = self.now.with_value(|n| n.focused)?;
        self.app.persona.with_untracked(|p| holds_section(&p.nodes, id)).then_some(id)
    }

    /// Opens the editor on `draft`.
    pub fn open(self, draft: Draft) {
        self.error.set(None);
        self.set_draft(Some(draft));
    }

    /// Closes the editor without a change; focus goes back to its unit.
    pub fn cancel(self, draft: Draft) {
        self.set_draft(None);
        self.error.set(None);
        match draft.unit() {
            Some(id) => focus_unit_soon(id),
            None => focus_soon(format!("[data-opens=\"{}\"]", key(draft))),
        }
    }

    /// Writes `text` in as the draft says, as one undo step, and puts
    /// focus on the unit it made. A new guideline left empty is no change.
    pub fn save(self, draft: Draft, text: String) {
        let is_new = !matches!(draft, Draft::Edit(_));
        if is_new && text.trim().is_empty() {
            self.cancel(draft);
            return;
        }
        leptos::task::spawn_local(async move {
            let code = edit_code().await;
            // (The app may be gone by then, in tests.)
            if self.error.try_get_untracked().is_some() {
                self.write(draft, &text, code);
            }
        });
    }

    /// Writes `text` in as the draft says, with the engine's `code`.
    fn write(self, draft: Draft, text: &str, code: EditCode) {
        match self.app.edit_with(|source, before| (code.apply)(draft, source, before, text)) {
            Ok(next) => {
                let was_off = matches!(draft, Draft::Edit(id) if !self.app.selection.with_untracked(|s| s.is_selected(id)));
                self.set_draft(None);
                let made = self.app.apply_edit(next, was_off);
                self.error.set(None);
                match made.first().copied().or(draft.unit()) {
                    Some(id) => focus_unit_soon(id),
                    None => focus_soon(format!("[data-opens=\"{}\"]", key(draft))),
                }
            }
            Err(e) => self.error.set(Some(e.to_string())),
        }
    }

    /// Moves unit `id` one place up or down, as one undo step.
    pub fn move_unit(self, id: Id, dir: Direction) {
        leptos::task::spawn_local(async move {
            let code = edit_code().await;
            if self.error.try_get_untracked().is_some() {
                self.moved(id, self.app.edit_with(|source, p| (code.move_unit)(source, p, id, dir)));
            }
        });
    }

    /// Applies what a move of unit `id` made.
    fn moved(self, id: Id, result: Result<String, EditError>) {
        match result {
            Ok(next) => {
                self.app.apply_edit(next, false);
                focus_unit_soon(id);
            }
            Err(EditError::NoSibling) => {}
            Err(e) => self.error.set(Some(e.to_string())),
        }
    }

    /// Keys on a focused checkbox of the tree: F2 edits, Alt+Enter adds a
    /// guideline below, Alt+ArrowUp and Alt+ArrowDown move.
    pub fn on_keydown(self, ev: &leptos::ev::KeyboardEvent) {
        let Some(id) = checkbox_unit(ev) else { return };
        let action = match (ev.key().as_str(), ev.alt_key()) {
            ("F2", false) => Some(Action::Open(Draft::Edit(id))),
            ("Enter", true) => Some(Action::Open(Draft::After(id))),
            ("ArrowUp", true) => Some(Action::Move(Direction::Up)),
            ("ArrowDown", true) => Some(Action::Move(Direction::Down)),
            _ => None,
        };
        let Some(action) = action else { return };
        ev.prevent_default();
        match action {
            Action::Open(draft) => self.open(draft),
            Action::Move(dir) => self.move_unit(id, dir),
        }
    }

    /// Focus entered a row: it shows its actions.
    pub fn on_focusin(self, ev: &leptos::ev::FocusEvent) {
        if let Some(id) = row_unit(ev.target()) {
            self.set_pointer_or_focus(self.now.with_value(|n| n.hovered), Some(id));
        }
    }

    /// The pointer entered a row: it shows its actions.
    pub fn on_pointerover(self, ev: &leptos::ev::PointerEvent) {
        let id = row_unit(ev.target());
        if id.is_some() && self.now.with_value(|n| n.dragging.is_none()) {
            self.set_pointer_or_focus(id, self.now.with_value(|n| n.focused));
        }
    }

    /// The pointer left the tree: the focused row shows its actions.
    pub fn on_pointerleave(self) {
        self.set_pointer_or_focus(None, self.now.with_value(|n| n.focused));
    }
}

fn holds_section(nodes: &[Node], id: Id) -> bool {
    nodes.iter().any(|n| match n {
        Node::Section(s) => s.id == id || holds_section(&s.children, id),
        Node::Block(_) => false,
    })
}

impl Editing {
    /// The pointer pressed a row's handle: that row keeps its actions (and
    /// its handle) while the pointer moves on, so that a drag can start.
    pub fn on_pointerdown(self, ev: &leptos::ev::PointerEvent) {
        if let Some(id) = handle_row(ev.target()) {
            self.now.update_value(|n| n.dragging = Some(id));
        }
    }

    /// A row's handle is dragged: remember which unit.
    pub fn on_dragstart(self, ev: &leptos::ev::DragEvent) {
        let id = handle_row(ev.target());
        self.now.update_value(|n| n.dragging = id);
        if let (Some(id), Some(data)) = (id, ev.data_transfer()) {
            let _ = data.set_data("text/plain", &id.to_string());
            data.set_effect_allowed("move");
        }
    }

    /// A dragged unit over a row: it may be dropped there.
    pub fn on_dragover(self, ev: &leptos::ev::DragEvent) {
        if self.now.with_value(|n| n.dragging).is_some() && row_unit(ev.target()).is_some() {
            ev.prevent_default();
        }
    }

    /// A dragged unit dropped on a row: it moves there among its siblings,
    /// as one undo step (a row that is not a sibling takes nothing).
    pub fn on_drop(self, ev: &leptos::ev::DragEvent) {
        let (Some(id), Some(target)) = (self.now.with_value(|n| n.dragging), row_unit(ev.target())) else {
            return;
        };
        ev.prevent_default();
        self.now.update_value(|n| n.dragging = None);
        let file = self.app.file_name.get_untracked();
        leptos::task::spawn_local(async move {
            let code = edit_code().await;
            if self.error.try_get_untracked().is_some() {
                let result =
                    self.app.edit_with(|source, _| (code.move_to)(source, file.as_deref(), id, target));
                self.moved(id, result);
            }
        });
    }

    /// The drag ended (dropped or not), or the handle was only clicked.
    pub fn on_dragend(self) {
        self.now.update_value(|n| n.dragging = None);
    }
}

enum Action {
    Open(Draft),
    Move(Direction),
}

/// The unit of the row holding `target` (its `data-unit` attribute).
fn row_unit(target: Option<web_sys::EventTarget>) -> Option<Id> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    el.closest("[data-unit]").ok()??.get_attribute("data-unit")?.parse().ok()
}

/// The unit whose drag handle `target` is.
fn handle_row(target: Option<web_sys::EventTarget>) -> Option<Id> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    if el.matches(".drag-handle").unwrap_or(false) { row_unit(Some(el.into())) } else { None }
}

/// The unit of the checkbox a key was pressed on.
fn checkbox_unit(ev: &leptos::ev::KeyboardEvent) -> Option<Id> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    if input.type_() != "checkbox" {
        return None;
    }
    row_unit(Some(input.into()))
}

/// Focuses the checkbox of unit `id` once the structure has rendered it:
/// in the next frame, whose layout focusing needs anyway.
pub fn focus_unit_soon(id: Id) {
    focus_soon(unit_checkbox(id));
}

/// Focuses the first element matching `selector` in the next frame.
pub fn focus_soon(selector: String) {
    request_animation_frame(move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Some(el) = doc
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// The `data-opens` attribute of a button that opens `draft`, where focus
/// goes back when its editor closes.
pub fn opens(draft: Draft) -> String {
    key(draft).to_string()
}

/// What a row shows besides its checkbox: its action buttons while it
/// has focus or the pointer, and its editor while one is open on it.
/// The buttons stay out of the Tab order, so that tabbing through a long
/// document still goes checkbox to checkbox; from the keyboard their keys
/// do the same on the checkbox. `movable` says whether the unit can move
/// at all (a title cannot).
pub fn row_extras(ed: Editing, id: Id, movable: bool) -> impl IntoView {
    let actions = move || {
        ed.shows_actions(id).then(|| {
            let (up, down) = ed.app.persona.with_untracked(|p| {
                (edit::can_move(p, id, Direction::Up), edit::can_move(p, id, Direction::Down))
            });
            view! {
                <span class="row-actions">
                    {movable.then(|| view! {
                        <span class="drag-handle" draggable="true" aria-hidden="true" title="Drag to move among its siblings">"⠿"</span>
                    })}
                    <button type="button" tabindex="-1" aria-keyshortcuts="F2" on:click=move |_| ed.open(Draft::Edit(id))>"Edit"</button>
                    <button type="button" tabindex="-1" aria-keyshortcuts="Alt+Enter" on:click=move |_| ed.open(Draft::After(id))>"Add guideline below"</button>
                    {movable.then(|| view! {
                        <button type="button" tabindex="-1" aria-keyshortcuts="Alt+ArrowUp" prop:disabled=!up on:click=move |_| ed.move_unit(id, Direction::Up)>"Move up"</button>
                        <button type="button" tabindex="-1" aria-keyshortcuts="Alt+ArrowDown" prop:disabled=!down on:click=move |_| ed.move_unit(id, Direction::Down)>"Move down"</button>
                    })}
                </span>
            }
        })
    };
    (actions, draft_editor(ed, [Draft::Edit(id), Draft::After(id)]))
}

/// The editor of whichever of `drafts` is open, where it was opened.
pub fn draft_editor<const N: usize>(ed: Editing, drafts: [Draft; N]) -> impl IntoView {
    move || open_editor(ed, drafts)
}

fn open_editor<const N: usize>(ed: Editing, drafts: [Draft; N]) -> Option<AnyView> {
    drafts.into_iter().find(|&d| ed.is_open(d)).map(|draft| editor(ed, draft))
}

/// The editor: a text box named "Edit guideline". Enter saves, Shift+Enter
/// is a new line, Escape cancels.
fn editor(ed: Editing, draft: Draft) -> AnyView {
    let initial = match draft {
        Draft::Edit(id) => ed.app.persona.with_untracked(|p| edit::own_markdown(p, id)).unwrap_or_default(),
        _ => String::new(),
    };
    // Where the style sheet cannot size the box to its text (no
    // `field-sizing`), the rows do.
    let lines = initial.lines().count().clamp(3, 20);
    // A phone keyboard (a touch screen without a fine pointer) has no
    // Shift+Enter: there Enter is a new line and the Save button saves.
    let touch = !has_keyboard();
    let area = NodeRef::<leptos::html::Textarea>::new();
    area.on_load(move |el| {
        // Focus once, when the editor opens: not when it is rebuilt.
        if !ed.now.with_value(|n| n.focus_editor) {
            return;
        }
        ed.now.update_value(|n| n.focus_editor = false);
        let _ = el.focus();
        let end = u32::try_from(el.value().encode_utf16().count()).unwrap_or(0);
        let _ = el.set_selection_range(end, end);
    });
    let hint = match draft {
        Draft::Section(_) => "The new section's heading. ",
        Draft::Edit(_) => "",
        _ => "A new guideline. ",
    };
    let save = move || {
        if let Some(el) = area.get_untracked() {
            ed.save(draft, el.value());
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        match ev.key().as_str() {
            // 229: a key that confirms an IME composition (Safari reports
            // it with `isComposing` false).
            _ if ev.is_composing() || ev.key_code() == 229 => return,
            "Enter" if !ev.shift_key() && !touch => {
                ev.prevent_default();
                save();
            }
            "Escape" => {
                ev.prevent_default();
                ed.cancel(draft);
            }
            _ => return,
        }
        ev.stop_propagation();
    };
    view! {
        <div class="editor">
            <label class="editor-label">
                "Edit guideline"
                <textarea node_ref=area rows=lines.to_string() aria-describedby="editor-keys" on:keydown=on_keydown>
                    {initial}
                </textarea>
            </label>
            <p id="editor-keys" class="hint">
                {hint}
                {if touch { "Enter starts a new line; Save saves." } else { "Enter saves, Shift+Enter starts a new line, Escape cancels." }}
            </p>
            {move || ed.error.get().map(|m| view! { <p role="alert" class="message error">{m}</p> })}
            <button type="button" class="primary" on:click=move |_| save()>"Save"</button>
            <button type="button" on:click=move |_| ed.cancel(draft)>"Cancel"</button>
        </div>
    }
    .into_any()
}
