//! Offline and updates: registers the service worker (`sw.js`, which the
//! build fills with the list of the app's files) once the app runs, and
//! announces a new version: "A new version is ready" with **Reload**. A
//! new version never takes over by itself; Reload asks the waiting worker
//! to take over, and the page reloads when it has.
//!
//! Without service workers (an `http://` page that is not localhost, an old
//! browser) the app works as before, online only.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The worker's file, beside index.html (so any sub-path works).
const WORKER: &str = "./sw.js";

/// The browser's service-worker container, when it has one.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Whether a worker controls the page (so a worker that installs now is a
/// new version, not the first).
fn controlled() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

/// The notice of a new version; registers the worker.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let ready = RwSignal::new(false);
    if let Some(c) = container() {
        leptos::task::spawn_local(async move {
            if let Ok(reg) = JsFuture::from(c.register(WORKER)).await
                && let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>()
            {
                watch(&reg, ready);
            }
        });
    }
    view! {
        <div class="update" role="status">
            {move || ready.get().then(|| view! {
                "A new version is ready. "
                <button type="button" on:click=move |_| take_over()>"Reload"</button>
            })}
        </div>
    }
}

/// Sets `ready` when a new version has installed and waits: one that
/// waits already, one installing already (the browser checks for updates
/// as the page loads, often before the app runs), or one found later.
fn watch(reg: &ServiceWorkerRegistration, ready: RwSignal<bool>) {
    if reg.waiting().is_some() && controlled() {
        ready.set(true);
    }
    follow_installing(reg, ready);
    let registration = reg.clone();
    let found = Closure::<dyn Fn()>::new(move || follow_installing(&registration, ready));
    reg.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();
}

/// Sets `ready` when the worker installing now (if any) has installed.
fn follow_installing(reg: &ServiceWorkerRegistration, ready: RwSignal<bool>) {
    let Some(worker) = reg.installing() else { return };
    let installing = worker.clone();
    let changed = Closure::<dyn Fn()>::new(move || {
        if installing.state() == ServiceWorkerState::Installed && controlled() {
            ready.set(true);
        }
    });
    worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
    // The worker holds its handler for as long as it lives.
    changed.forget();
}

/// Reload: the waiting version takes over, then the page reloads with it.
fn take_over() {
    let reload = || {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    let Some(c) = container() else { return reload() };
    let on_change = Closure::<dyn Fn()>::new(reload);
    c.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    leptos::task::spawn_local(async move {
        let waiting = JsFuture::from(c.get_registration())
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
            .and_then(|r| r.waiting());
        match waiting {
            Some(w) => {
                if w.post_message(&"skip-waiting".into()).is_err() {
                    reload();
                }
            }
            None => reload(),
        }
    });
}
