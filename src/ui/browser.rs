//! The web-sys glue the views need: the crash panel, the clipboard,
//! reading files, downloads and the address bar. Every call that can fail returns a [`BrowserError`];
//! nothing here panics.

use std::cell::RefCell;

use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What went wrong talking to the browser.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum BrowserError {
    /// No `window` or `document` (not running in a page).
    #[error("this page has no window or document")]
    NoDocument,
    /// The clipboard refused the text and the fallback failed too.
    #[error("the browser refused to copy ({0}); select the prompt and press Ctrl+C")]
    Clipboard(String),
    /// A compression stream failed.
    #[error("the browser could not compress the link ({0})")]
    Stream(String),
    /// A file could not be read.
    #[error("{name} could not be read: {reason}")]
    File {
        /// The file's name.
        name: String,
        /// The browser's reason.
        reason: String,
    },
}

thread_local! {
    /// The last parsed document, shown by the crash panel after a panic.
    static LAST_TEXT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Keeps a copy of the document for the crash panel.
pub fn remember_text(text: &str) {
    LAST_TEXT.with(|t| {
        if let Ok(mut t) = t.try_borrow_mut() {
            t.clear();
            t.push_str(text);
        }
    });
}

/// Logs panics to the console and shows the static crash panel of
/// `index.html`, with the document in it, instead of a dead page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_panel(&info.to_string());
    }));
}

fn show_crash_panel(detail: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(panel) = doc.get_element_by_id("crash") {
        let _ = panel.remove_attribute("hidden");
    }
    if let Some(pre) = doc.get_element_by_id("crash-detail") {
        pre.set_text_content(Some(detail));
    }
    if let Some(area) =
        doc.get_element_by_id("crash-text").and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        LAST_TEXT.with(|t| {
            if let Ok(t) = t.try_borrow() {
                area.set_value(&t);
            }
        });
    }
}

fn describe(err: &JsValue) -> String {
    err.as_string()
        .or_else(|| err.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Copies `text`: the async Clipboard API where it exists (secure
/// contexts), else the legacy copy command on a temporary text box that
/// holds exactly `text`.
pub async fn copy_text(text: &str) -> Result<(), BrowserError> {
    let window = web_sys::window().ok_or(BrowserError::NoDocument)?;
    let navigator = window.navigator();
    let clipboard =
        js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).unwrap_or(JsValue::UNDEFINED);
    let api_error = if clipboard.is_undefined() || clipboard.is_null() {
        "no Clipboard API".to_string()
    } else {
        let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
        match JsFuture::from(clipboard.write_text(text)).await {
            Ok(_) => return Ok(()),
            Err(e) => describe(&e),
        }
    };
    legacy_copy(&window, text).map_err(|e| BrowserError::Clipboard(format!("{api_error}; {e}")))
}

/// The copy command copies the focused text box's selection: a hidden,
/// read-only one (placed off-screen by the `copy-buffer` class, since the
/// CSP forbids inline styles) holds the text for that moment, and focus
/// goes back where it was.
fn legacy_copy(window: &web_sys::Window, text: &str) -> Result<(), String> {
    let doc = window.document().ok_or("no document")?;
    let body = doc.body().ok_or("no document body")?;
    let area: web_sys::HtmlTextAreaElement =
        doc.create_element("textarea").map_err(|e| describe(&e))?.dyn_into().map_err(|_| "no text box")?;
    area.set_class_name("copy-buffer");
    area.set_read_only(true);
    let _ = area.set_attribute("aria-hidden", "true");
    area.set_tab_index(-1);
    area.set_value(text);
    let previous = doc.active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    body.append_child(&area).map_err(|e| describe(&e))?;
    let _ = area.focus();
    area.select();
    let result = doc.dyn_ref::<web_sys::HtmlDocument>().ok_or("not an HTML document").map(|html| match html
        .exec_command("copy")
    {
        Ok(true) => Ok(()),
        Ok(false) => Err("the copy command was refused".to_string()),
        Err(e) => Err(describe(&e)),
    });
    area.remove();
    if let Some(el) = previous {
        let _ = el.focus();
    }
    result?
}

/// The text a selection covers inside `root`, whose children are pieces
/// holding one text node each: exactly their characters, without the line
/// breaks a browser adds between blocks when it copies a selection (and
/// with the final line feed it drops). `None` when the selection is empty
/// or reaches outside `root`.
#[must_use]
pub fn selected_text_in(root: &web_sys::Element) -> Option<String> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.range_count() == 0 || selection.is_collapsed() {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let (start, end) = (range.start_container().ok()?, range.end_container().ok()?);
    if !root.contains(Some(&start)) || !root.contains(Some(&end)) {
        return None;
    }
    let (start_offset, end_offset) = (range.start_offset().ok()?, range.end_offset().ok()?);
    let pieces = root.children();
    let mut out = String::new();
    for i in 0..pieces.length() {
        let Some(piece) = pieces.item(i) else { continue };
        if !range.intersects_node(&piece).unwrap_or(false) {
            continue;
        }
        let text = piece.text_content().unwrap_or_default();
        let from = boundary_in(&piece, &start, start_offset, &text).unwrap_or(0);
        let to = boundary_in(&piece, &end, end_offset, &text).unwrap_or(text.len());
        out.push_str(text.get(from..to.max(from)).unwrap_or_default());
    }
    Some(out)
}

/// A range boundary (`node`, `offset`) as a byte offset into `piece`'s
/// `text`, when the boundary lies inside the piece.
fn boundary_in(piece: &web_sys::Element, node: &web_sys::Node, offset: u32, text: &str) -> Option<usize> {
    if !piece.contains(Some(node)) {
        return None;
    }
    Some(if node.node_type() == web_sys::Node::TEXT_NODE {
        crate::persona::text::utf16_to_byte(text, offset as usize)
    } else if offset == 0 {
        0
    } else {
        text.len()
    })
}

/// Reads a file's bytes.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, BrowserError> {
    let name = file.name();
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| BrowserError::File { name: name.clone(), reason: describe(&e) })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// How long a download's `blob:` URL stays valid after its click.
const REVOKE_DOWNLOAD_AFTER: std::time::Duration = std::time::Duration::from_mins(1);

/// Offers `content` as a download named `file_name`, through a `blob:` URL
/// (no network request).
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), BrowserError> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or(BrowserError::NoDocument)?;
    let fail = |e: &JsValue| BrowserError::File { name: file_name.to_string(), reason: describe(e) };
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| fail(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| fail(&e))?;
    let anchor: web_sys::HtmlAnchorElement =
        doc.create_element("a").map_err(|e| fail(&e))?.dyn_into().map_err(|e| fail(&e))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoked only once the browser has surely read it: some browsers
    // cancel a download whose URL is revoked right after the click.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        REVOKE_DOWNLOAD_AFTER,
    );
    Ok(())
}

/// The page's URL without its fragment.
#[must_use]
pub fn url_without_fragment() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The page's fragment, with its `#`.
#[must_use]
pub fn fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Removes the fragment from the address bar without reloading or adding
/// a history entry.
pub fn clear_fragment() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url_without_fragment()));
    }
}

/// Milliseconds since the epoch.
#[must_use]
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// What a person did in `index.html`'s shell before the app loaded.
pub struct Shell {
    /// The text in its document box.
    pub text: String,
    /// Whether the box had focus, and its selection (UTF-16 offsets).
    pub focus: Option<(u32, u32)>,
}

/// Takes the shell out of the page (the app's own pane replaces it), with
/// what was typed into it; `None` when the page has none (tests).
#[must_use]
pub fn take_shell() -> Option<Shell> {
    let doc = web_sys::window()?.document()?;
    let shell = doc.get_element_by_id("shell")?;
    let area = doc.get_element_by_id("shell-document")?.dyn_into::<web_sys::HtmlTextAreaElement>().ok()?;
    let focused = doc.active_element().is_some_and(|a| a == **area);
    let caret = |r: Result<Option<u32>, wasm_bindgen::JsValue>| r.ok().flatten().unwrap_or(0);
    let focus = focused.then(|| (caret(area.selection_start()), caret(area.selection_end())));
    let text = area.value();
    shell.remove();
    Some(Shell { text, focus })
}
