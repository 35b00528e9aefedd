//! The panes' layout. Wide, the three panes are columns and the prompt
//! pane stays in view (the style sheet makes it sticky). Narrow (below
//! [`NARROW_QUERY`]'s width, written once more in the style sheet and held
//! equal by a test), the panes are tabs named **Document**, **Structure**
//! and **Prompt** (the ARIA tabs pattern: arrow keys, Home and End move
//! between them), one pane shows at a time, and a bar fixed to the bottom
//! holds **Copy prompt** and the prompt's size.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The media query of a narrow screen.
pub const NARROW_QUERY: &str = "(max-width: 699px)";

/// A pane, as a tab names it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Pane {
    /// The document's text and the library.
    Document,
    /// The structure.
    Structure,
    /// The assembled prompt and its tools.
    Prompt,
}

impl Pane {
    /// The panes in the order they show.
    pub const ALL: [Self; 3] = [Self::Document, Self::Structure, Self::Prompt];

    /// The tab's name.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Document => "Document",
            Self::Structure => "Structure",
            Self::Prompt => "Prompt",
        }
    }

    /// The pane's element id.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Self::Document => "pane-document",
            Self::Structure => "pane-structure",
            Self::Prompt => "pane-prompt",
        }
    }

    /// The tab's element id.
    const fn tab_id(self) -> &'static str {
        match self {
            Self::Document => "tab-document",
            Self::Structure => "tab-structure",
            Self::Prompt => "tab-prompt",
        }
    }

    /// The next pane, or the one before (wrapping), for the arrow keys.
    fn step(self, forward: bool) -> Self {
        let len = Self::ALL.len();
        let at = Self::ALL.iter().position(|p| *p == self).unwrap_or(0);
        let next = (if forward { at + 1 } else { at + len - 1 }) % len;
        Self::ALL.get(next).copied().unwrap_or(self)
    }
}

/// Whether the screen is narrow, and which pane shows there. `Copy`.
#[derive(Clone, Copy)]
pub struct Layout {
    /// Whether the screen is narrow (follows the window's width).
    pub narrow: RwSignal<bool>,
    /// The pane shown on a narrow screen.
    pub pane: RwSignal<Pane>,
}

impl Layout {
    /// The layout of the window as it is, following its width.
    #[must_use]
    pub fn new() -> Self {
        let query = web_sys::window().and_then(|w| w.match_media(NARROW_QUERY).ok().flatten());
        let narrow = RwSignal::new(query.as_ref().is_some_and(web_sys::MediaQueryList::matches));
        if let Some(query) = query {
            let listener = Closure::<dyn Fn()>::new({
                let query = query.clone();
                move || narrow.set(query.matches())
            });
            let _ = query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
            // The app lives as long as the page.
            listener.forget();
        }
        Self { narrow, pane: RwSignal::new(Pane::Document) }
    }

    /// Shows `pane` (on a narrow screen; wide, all show).
    pub fn show(self, pane: Pane) {
        if self.pane.get_untracked() != pane {
            self.pane.set(pane);
        }
    }

    /// Whether `pane` is hidden (reactive).
    pub fn hidden(self, pane: Pane) -> bool {
        self.narrow.get() && self.pane.get() != pane
    }

    /// The role a pane takes: a tab panel on a narrow screen.
    pub fn role(self) -> Option<&'static str> {
        self.narrow.get().then_some("tabpanel")
    }
}

impl Default for Layout {
    fn default() -> Self {
        Self::new()
    }
}

/// The tabs of a narrow screen (nothing on a wide one).
#[component]
pub fn PaneTabs(
    /// The layout they switch.
    layout: Layout,
) -> impl IntoView {
    let focus_tab = |pane: Pane| {
        if let Some(tab) = document()
            .get_element_by_id(pane.tab_id())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = tab.focus();
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let now = layout.pane.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => now.step(true),
            "ArrowLeft" => now.step(false),
            "Home" => Pane::Document,
            "End" => Pane::Prompt,
            _ => return,
        };
        ev.prevent_default();
        layout.show(next);
        focus_tab(next);
    };
    let tab = move |pane: Pane| {
        let selected = move || layout.pane.get() == pane;
        view! {
            <button
                type="button"
                role="tab"
                id=pane.tab_id()
                aria-controls=pane.id()
                aria-selected=move || if selected() { "true" } else { "false" }
                tabindex=move || if selected() { "0" } else { "-1" }
                on:click=move |_| layout.show(pane)
            >
                {pane.name()}
            </button>
        }
    };
    move || {
        layout.narrow.get().then(|| {
            view! {
                <div class="pane-tabs" role="tablist" aria-label="Panes" on:keydown=on_key>
                    {Pane::ALL.map(tab).collect_view()}
                </div>
            }
        })
    }
}
