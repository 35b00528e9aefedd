//! The library's [`Store`] in the browser: localStorage through
//! gloo-storage, or memory when storage is blocked.
//!
//! `gloo_storage::LocalStorage::raw()` throws when storage is unavailable
//! (blocked cookies, some private modes), so availability is probed first
//! with web-sys, and a [`MemoryStore`] stands in when it fails.

use gloo_storage::{LocalStorage, Storage as _};
use wasm_bindgen::{JsCast, JsValue};

use crate::library::{MemoryStore, Store, StoreError};

/// localStorage, or memory when the browser blocks it.
pub enum BrowserStore {
    /// The page's localStorage.
    Local,
    /// Storage is blocked; changes live as long as the tab.
    Memory(MemoryStore),
}

impl BrowserStore {
    /// localStorage when it can be used, else memory with the reason.
    #[must_use]
    pub fn open() -> (Self, Option<StoreError>) {
        let usable = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some();
        if usable {
            (BrowserStore::Local, None)
        } else {
            (BrowserStore::Memory(MemoryStore::default()), Some(StoreError::Blocked))
        }
    }
}

fn classify(err: &JsValue) -> StoreError {
    let name = err.dyn_ref::<web_sys::DomException>().map(web_sys::DomException::name).unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::Full,
        "SecurityError" => StoreError::Blocked,
        _ => StoreError::Other(
            err.dyn_ref::<js_sys::Error>().map_or_else(|| format!("{err:?}"), |e| String::from(e.message())),
        ),
    }
}

impl Store for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match self {
            BrowserStore::Local => LocalStorage::raw().get_item(key).map_err(|e| classify(&e)),
            BrowserStore::Memory(m) => m.get(key),
        }
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        match self {
            BrowserStore::Local => LocalStorage::raw().set_item(key, value).map_err(|e| classify(&e)),
            BrowserStore::Memory(m) => m.set(key, value),
        }
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        match self {
            BrowserStore::Local => LocalStorage::raw().remove_item(key).map_err(|e| classify(&e)),
            BrowserStore::Memory(m) => m.remove(key),
        }
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        match self {
            BrowserStore::Local => {
                let raw = LocalStorage::raw();
                let n = raw.length().map_err(|e| classify(&e))?;
                Ok((0..n).filter_map(|i| raw.key(i).ok().flatten()).collect())
            }
            BrowserStore::Memory(m) => m.keys(),
        }
    }
}
