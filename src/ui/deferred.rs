//! Views whose code loads after the first structure: the panels a first
//! paste does not need. Each panel's code is behind a loader, an `async`
//! function marked with leptos's `#[lazy]` (with the `split` feature its
//! code, and code only it reaches, is a file of its own, fetched the first
//! time it is called; without it, it is a plain `async` function). A
//! loader gives the panel's view function; [`deferred`] shows "Loading…"
//! until it has it, then the view. [`preload`] asks for every panel's code
//! once the first structure has shown, so it is usually there before a
//! person reaches for it; the service worker keeps it for offline use.

use std::future::Future;

use leptos::prelude::*;

/// A panel's view, once its code has loaded: `view(arg)`.
pub type ViewFn<A> = fn(A) -> AnyView;

/// The view `code` gives for `arg`, once `code` has loaded; until then a
/// status line saying `loading`. The code is asked for once the page has
/// painted what it shows now (the first structure comes first). The view
/// is made once (it is reactive itself).
pub fn deferred<A, F>(loading: &'static str, code: F, arg: A) -> impl IntoView + use<A, F>
where
    A: Copy + Send + Sync + 'static,
    F: Future<Output = ViewFn<A>> + 'static,
{
    let ready: RwSignal<Option<ViewFn<A>>> = RwSignal::new(None);
    request_animation_frame(move || {
        leptos::task::spawn_local(async move {
            let view = code.await;
            // (The app may be gone by then, in tests.)
            let _ = ready.try_set(Some(view));
        });
    });
    move || match ready.get() {
        Some(view) => view(arg),
        None => view! { <p class="loading" role="status">{loading}</p> }.into_any(),
    }
}

/// Asks for the code the structure's own tools use next (the editor's
/// writing half, the Changes region), once the page has painted: a
/// person's first edit or Changes then finds it there.
pub fn preload() {
    request_animation_frame(|| {
        leptos::task::spawn_local(async {
            let _ = super::editing::edit_code().await;
        });
        leptos::task::spawn_local(async {
            let _ = super::changes::changes_code().await;
        });
    });
}
