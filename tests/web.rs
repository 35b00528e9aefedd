//! Component tests in a real browser (wasm-bindgen-test, headless Chromium):
//! the app mounted into a page, driven through its DOM the way a person
//! would, with elements found by role and accessible name.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::format_collect,
    missing_docs
)]

#[path = "common/links.rs"]
mod links;

use leptos::prelude::*;
use persona_playground::library::share::{ShareError, Shared};
use persona_playground::ui::App;
use persona_playground::ui::deflate;
use persona_playground::ui::doc::DEBOUNCE_MS;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Mounts a fresh app into its own container, with empty storage.
fn mount() -> (Element, UnmountHandle<impl Mountable>) {
    storage().clear().unwrap();
    mount_with_storage()
}

/// Mounts a fresh app over whatever storage holds.
fn mount_with_storage() -> (Element, UnmountHandle<impl Mountable>) {
    let container = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = mount_to(container.clone().unchecked_into(), App);
    (container, handle)
}

async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, i32::try_from(ms).unwrap())
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `ready()` holds, checking between tasks, for at most two
/// seconds; then fails naming `what`.
async fn until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..400 {
        if ready() {
            return;
        }
        sleep(5).await;
    }
    assert!(ready(), "waited two seconds for {what}");
}

/// Lets pending microtasks run (Leptos effects) without yielding to a task,
/// so the browser has no rendering update in between.
async fn microtasks() {
    for _ in 0..10 {
        let resolved = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
        wasm_bindgen_futures::JsFuture::from(resolved).await.unwrap();
    }
}

/// The accessible name of a form control: its `<label>`'s text.
fn name_of(el: &Element) -> String {
    let input: &HtmlInputElement = el.unchecked_ref();
    input
        .labels()
        .and_then(|l| l.get(0))
        .and_then(|l| l.text_content())
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.get(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

fn checkbox(root: &Element, name: &str) -> HtmlInputElement {
    all(root, "input[type=checkbox]")
        .into_iter()
        .find(|e| name_of(e) == name)
        .unwrap_or_else(|| panic!("no checkbox named {name:?}"))
        .unchecked_into()
}

fn button(root: &Element, name: &str) -> HtmlElement {
    all(root, "button")
        .into_iter()
        .find(|e| e.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button named {name:?}"))
        .unchecked_into()
}

fn textbox(root: &Element, id: &str) -> HtmlTextAreaElement {
    root.query_selector(&format!("#{id}")).unwrap().unwrap().unchecked_into()
}

fn structure(root: &Element) -> Element {
    root.query_selector("section[aria-label=Structure]").unwrap().unwrap()
}

/// Types `text` into the document box as an input event would deliver it,
/// and waits for its re-parse: for the prompt to change (at most a second
/// beyond the debounce, when the text does not change it).
async fn type_document(root: &Element, text: &str) {
    let before = prompt(root);
    let area = textbox(root, "document");
    area.set_value(text);
    area.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    sleep(DEBOUNCE_MS).await;
    for _ in 0..200 {
        if prompt(root) != before {
            return;
        }
        sleep(5).await;
    }
}

fn prompt(root: &Element) -> String {
    root.query_selector("#prompt").unwrap().unwrap().text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn empty_state_offers_an_example() {
    let (root, _h) = mount();
    assert!(root.text_content().unwrap().contains("Paste a persona"));
    button(&root, "Try an example").click();
    until("the example's structure", || prompt(&root).starts_with("# Rust Reviewer")).await;
    let s = structure(&root);
    assert_eq!(s.query_selector("h2").unwrap().unwrap().text_content().unwrap(), "rust-reviewer");
    assert!(prompt(&root).starts_with("# Rust Reviewer"));
    root.remove();
}

#[wasm_bindgen_test]
async fn typing_parses_after_the_debounce() {
    let (root, _h) = mount();
    type_document(&root, "# Helper\n\n## Rules\n\n- be brief\n- be kind\n").await;
    let s = structure(&root);
    assert_eq!(s.query_selector("h2").unwrap().unwrap().text_content().unwrap(), "Helper");
    let headings: Vec<String> =
        all(&s, "legend .heading-text").iter().map(|l| l.text_content().unwrap()).collect();
    assert_eq!(headings, ["Rules"]);
    // The legend also holds the section's disclosure button, named by the
    // heading, and its count (shown while collapsed).
    let fold = s.query_selector("legend button.fold").unwrap().unwrap();
    assert_eq!(fold.get_attribute("aria-label").as_deref(), Some("Rules"));
    assert_eq!(fold.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(s.query_selector("legend .count").unwrap().unwrap().text_content().unwrap(), "2 of 2 on");
    assert_eq!(all(&s, "ul > li").len(), 2);
    assert_eq!(prompt(&root), "# Helper\n\n## Rules\n\n- be brief\n- be kind\n");
    root.remove();
}

#[wasm_bindgen_test]
async fn an_item_checkbox_is_named_by_its_own_text_and_toggles_it() {
    let (root, _h) = mount();
    type_document(&root, "- parent **bold**\n  - child\n- other\n").await;
    let s = structure(&root);
    let parent = checkbox(&s, "parent bold");
    let child = checkbox(&s, "child");
    assert!(parent.checked() && child.checked());
    // A click checks the box itself at once: what the app did shows in
    // the prompt and in the other boxes.
    parent.click();
    until("the parent off", || prompt(&root) == "- other\n").await;
    assert!(!parent.checked() && !child.checked(), "a parent takes its nested items with it");
    assert_eq!(prompt(&root), "- other\n");
    child.click();
    until("the child on", || prompt(&root).contains("child")).await;
    assert!(parent.indeterminate(), "a parent with a selected child shows mixed");
    assert_eq!(prompt(&root), "- parent **bold**\n  - child\n- other\n");
    // Bold is built as an element, never from an HTML string.
    assert!(s.query_selector("li strong").unwrap().is_some());
    root.remove();
}

#[wasm_bindgen_test]
async fn a_section_checkbox_is_tri_state() {
    let (root, _h) = mount();
    type_document(&root, "## Keep\n\n- a\n- b\n\n## Other\n\nText.\n").await;
    let s = structure(&root);
    let section = checkbox(&s, "Keep");
    checkbox(&s, "a").click();
    until("the section mixed", || section.indeterminate()).await;
    assert!(section.indeterminate() && !section.checked());
    section.click();
    until("the section's items on", || checkbox(&s, "a").checked()).await;
    assert!(section.checked() && !section.indeterminate());
    assert!(checkbox(&s, "a").checked());
    section.click();
    until("the section off", || !prompt(&root).contains("- b")).await;
    assert_eq!(prompt(&root), "## Other\n\nText.\n");
    root.remove();
}

#[wasm_bindgen_test]
async fn metadata_and_diagnostics_show() {
    let (root, _h) = mount();
    type_document(&root, "---\ndescription: rule\nglobs: '*.rs'\nalwaysApply: \"true\"\n---\n- Use Rust.\n")
        .await;
    let s = structure(&root);
    let terms: Vec<String> = all(&s, "dl dt").iter().map(|e| e.text_content().unwrap()).collect();
    // The description is the summary above, not a row again.
    assert_eq!(terms, ["globs", "alwaysApply"]);
    assert_eq!(all(&s, "p.description").len(), 1);
    let alerts = all(&s, "[role=alert]");
    assert_eq!(alerts.len(), 1);
    assert!(alerts[0].text_content().unwrap().contains("Line 4"));
    root.remove();
}

#[wasm_bindgen_test]
async fn pasted_html_and_links_stay_text() {
    let (root, _h) = mount();
    type_document(
        &root,
        "## <img src=x onerror=alert(1)>\n\n- [click](javascript:alert(1)) and <b>bold</b>\n\n<script>alert(1)</script>\n",
    )
    .await;
    let s = structure(&root);
    assert!(s.query_selector("img, script, a, b").unwrap().is_none(), "no live element from the paste");
    assert!(s.text_content().unwrap().contains("(javascript:alert(1))"));
    root.remove();
}

#[wasm_bindgen_test]
async fn output_style_switches_the_prompt() {
    let (root, _h) = mount();
    type_document(&root, "Title\n=====\n\n* one\n").await;
    assert_eq!(prompt(&root), "Title\n=====\n\n* one\n");
    let radios = all(&root, "input[type=radio]");
    let clean: HtmlInputElement =
        radios.into_iter().find(|r| name_of(r) == "Clean Markdown").unwrap().unchecked_into();
    clean.click();
    until("the clean prompt", || prompt(&root).starts_with("# Title")).await;
    assert_eq!(prompt(&root).trim_end(), "# Title\n\n- one");
    root.remove();
}

#[wasm_bindgen_test]
async fn long_documents_render_a_budget_and_offer_show_all() {
    let (root, _h) = mount();
    let doc: String = (0..2500).map(|i| format!("- rule number {i}\n")).collect();
    type_document(&root, &doc).await;
    let s = structure(&root);
    // The first part renders at once, the rest of the budget a frame at a time.
    let budget = persona_playground::ui::view::RENDER_BUDGET;
    until("the render budget", || all(&s, "li").len() >= budget).await;
    assert_eq!(all(&s, "li").len(), budget);
    assert!(s.text_content().unwrap().contains("Showing the first 500 of 2,500 parts"));
    button(&s, "Show 500 more").click();
    until("500 more", || all(&structure(&root), "li").len() > 500).await;
    assert_eq!(all(&structure(&root), "li").len(), 1000);
    button(&structure(&root), "Show all 2,500").click();
    until("all of them", || all(&structure(&root), "li").len() > 1000).await;
    assert_eq!(all(&structure(&root), "li").len(), 2500);
    assert_eq!(prompt(&root), doc);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_v1_saved_document_opens_from_the_library() {
    storage().clear().unwrap();
    storage()
        .set_item(
            "persona-playground",
            r##"{"version":1,"text":"# Saved Agent\n\n- keep this\n- and this\n","excluded":[]}"##,
        )
        .unwrap();
    let (root, _handle) = mount_with_storage();
    until("the saved document", || !textbox(&root, "document").value().is_empty()).await;
    assert_eq!(textbox(&root, "document").value(), "# Saved Agent\n\n- keep this\n- and this\n");
    let library = root.query_selector("section.library").unwrap().unwrap();
    let names: Vec<String> =
        all(&library, "button.doc-open").iter().map(|b| b.text_content().unwrap_or_default()).collect();
    assert_eq!(names, vec!["Saved Agent".to_string()]);
    assert!(storage().get_item("persona-playground").unwrap().is_none(), "migrated");
    assert!(storage().get_item("persona-playground/index").unwrap().is_some());
    checkbox(&root, "keep this").click();
    until("the item off", || !prompt(&root).contains("keep this")).await;
}

#[wasm_bindgen_test]
async fn export_warnings_show_before_download() {
    let (root, _handle) = mount();
    type_document(&root, "---\nname: reviewer\ndescription: Reviews.\ntools: Read\n---\nBe kind.\n").await;
    // The export panel's code loads after the first structure.
    until("the export panel", || root.query_selector("#export-format").unwrap().is_some()).await;
    let select: web_sys::HtmlSelectElement =
        root.query_selector("#export-format").unwrap().unwrap().unchecked_into();
    select.set_value("cursor");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    until("the export warnings", || root.query_selector("ul.warnings").unwrap().is_some()).await;
    let warnings = root.query_selector("ul.warnings").unwrap().expect("warnings list");
    let text = warnings.text_content().unwrap_or_default();
    assert!(text.contains("`name`") && text.contains("`tools`"), "{text}");
}

#[wasm_bindgen_test]
async fn rename_focuses_the_name_box_before_the_next_key() {
    let (root, _h) = mount();
    button(&root, "Try an example").click();
    until("the example saved", || root.query_selector("button.doc-open").unwrap().is_some()).await;
    button(&root, "Rename").click();
    // No task runs in between: a key pressed next must reach the name box.
    microtasks().await;
    let active = document().active_element().unwrap();
    assert_eq!(active.tag_name(), "INPUT");
    assert_eq!(name_of(&active), "New name");
    let input: HtmlInputElement = active.unchecked_into();
    assert_eq!(input.value(), "rust-reviewer");
    assert_eq!(input.selection_start().unwrap(), Some(0));
    assert_eq!(input.selection_end().unwrap(), Some(13));
    root.remove();
}

/// A cancelable, bubbling `copy` or `paste` event carrying `data`.
fn clipboard_event(kind: &str, data: &web_sys::DataTransfer) -> web_sys::ClipboardEvent {
    let init = web_sys::ClipboardEventInit::new();
    init.set_clipboard_data(Some(data));
    init.set_bubbles(true);
    init.set_cancelable(true);
    web_sys::ClipboardEvent::new_with_event_init_dict(kind, &init).unwrap()
}

/// Pastes `text` into the document box as a paste's input event would.
fn paste_document(root: &Element, text: &str) {
    let area = textbox(root, "document");
    let _ = area.focus();
    area.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_input_type("insertFromPaste");
    init.set_bubbles(true);
    let ev = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn a_large_paste_hides_the_text_box_until_asked() {
    use persona_playground::ui::view::TEXT_BOX_LIMIT;
    let (root, _h) = mount();
    let line = "- keep every answer short, exact and sourced\n";
    let doc = format!("# Big\n\n{}", line.repeat(TEXT_BOX_LIMIT / line.len() + 1));
    // The app has loaded (and opened its empty document) before a person pastes.
    microtasks().await;
    paste_document(&root, &doc);
    // The focus the hidden box had is on the notice's button before any
    // other task (a key pressed next reaches it).
    microtasks().await;
    let active = document().active_element().unwrap();
    assert_eq!(active.text_content().unwrap(), "Show the text");
    until("the prompt", || prompt(&root) == doc).await;
    let area = textbox(&root, "document");
    assert!(area.hidden(), "the text box hides a document over the limit");
    let notice = root.query_selector("[role=status].large-notice").unwrap().unwrap();
    let told = notice.text_content().unwrap();
    let expected = format!(
        "This document is large ({}, {} lines)",
        persona_playground::persona::numbers::byte_size(doc.len()),
        persona_playground::persona::numbers::grouped(doc.lines().count())
    );
    assert!(told.starts_with(&expected), "{told}");
    // The document is still parsed and used.
    assert_eq!(prompt(&root), doc);
    assert_eq!(structure(&root).query_selector("h2").unwrap().unwrap().text_content().unwrap(), "Big");
    assert_eq!(area.value().len(), doc.len(), "the hidden box still holds the document");
    button(&root, "Show the text").click();
    until("the text box shown", || !area.hidden()).await;
    assert!(area.value() == doc, "the box shows the document ({} bytes)", area.value().len());
    // Typing keeps it shown; a small paste never hides it.
    type_document(&root, &format!("{doc}- one more\n")).await;
    assert!(!textbox(&root, "document").hidden());
    paste_document(&root, "# Small\n");
    until("the small paste", || prompt(&root) == "# Small\n").await;
    assert!(!textbox(&root, "document").hidden());
    assert!(notice.has_attribute("hidden"));
    root.remove();
}

#[wasm_bindgen_test]
async fn copying_a_selection_in_the_prompt_copies_exactly_its_characters() {
    let (root, _h) = mount();
    // One long line the prompt view cuts into several pieces, then a short one.
    let long: String = (0..3000).map(|i| format!("w{i} ")).collect();
    let doc = format!("{long}\n\nlast line\n");
    type_document(&root, &doc).await;
    let prompt_el = root.query_selector("#prompt").unwrap().unwrap();
    let pieces = all(&prompt_el, ".piece");
    assert!(pieces.len() >= 3, "{} pieces", pieces.len());
    assert_eq!(prompt(&root), doc);
    let copy = || {
        let data = web_sys::DataTransfer::new().unwrap();
        let ev = clipboard_event("copy", &data);
        prompt_el.dispatch_event(&ev).unwrap();
        (ev.default_prevented(), data.get_data("text/plain").unwrap())
    };
    let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    // Everything: the whole prompt, final line feed included, no added breaks.
    selection.select_all_children(&prompt_el).unwrap();
    assert_eq!(copy(), (true, doc.clone()));
    // From inside the first piece to inside the last, across the cuts.
    let text_of = |e: &Element| e.first_child().unwrap();
    let range = document().create_range().unwrap();
    range.set_start(&text_of(&pieces[0]), 3).unwrap();
    let last = pieces.last().unwrap();
    range.set_end(&text_of(last), 4).unwrap();
    selection.remove_all_ranges().unwrap();
    selection.add_range(&range).unwrap();
    let before_last: usize = pieces[..pieces.len() - 1].iter().map(|p| p.text_content().unwrap().len()).sum();
    assert_eq!(copy(), (true, doc[3..before_last + 4].to_string()));
    // A selection outside the prompt is left to the browser.
    selection.select_all_children(&structure(&root)).unwrap();
    assert!(!copy().0);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_paste_that_makes_the_document_large_is_spliced_in_by_the_app() {
    use persona_playground::ui::view::TEXT_BOX_LIMIT;
    let (root, _h) = mount();
    microtasks().await;
    type_document(&root, "# Héllo wörld\n\nkeep this\n").await;
    let area = textbox(&root, "document");
    let _ = area.focus();
    // Select "wörld" (UTF-16 offsets, as the DOM counts them).
    area.set_selection_range(8, 13).unwrap();
    let big = "- rule\n".repeat(TEXT_BOX_LIMIT / 7 + 1);
    let data = web_sys::DataTransfer::new().unwrap();
    // Line breaks become line feeds, as the browser's own paste makes them.
    data.set_data("text/plain", &big.replace('\n', "\r\n")).unwrap();
    let ev = clipboard_event("paste", &data);
    area.dispatch_event(&ev).unwrap();
    assert!(ev.default_prevented(), "the app applies a paste that makes the document large");
    let expected = format!("# Héllo {big}\n\nkeep this\n");
    microtasks().await;
    assert!(area.hidden() && area.value() == expected, "spliced at the selection, in the hidden box");
    until("the spliced prompt", || prompt(&root) == expected).await;
    // A paste into a large document the box shows is an edit, left to the
    // browser; a paste over all of it is a new document, applied and hidden.
    button(&root, "Show the text").click();
    until("the text box shown", || !area.hidden()).await;
    area.set_selection_range(2, 2).unwrap();
    let ev = clipboard_event("paste", &data);
    area.dispatch_event(&ev).unwrap();
    assert!(!ev.default_prevented(), "a paste into a large document the box shows stays native");
    area.select();
    let ev = clipboard_event("paste", &data);
    area.dispatch_event(&ev).unwrap();
    microtasks().await;
    assert!(ev.default_prevented() && area.hidden() && area.value() == big, "a paste over everything");
    // What counts is the size after the paste: one that replaces more than
    // it adds stays native even when both together pass the limit.
    let near = format!("# Near\n\n{}", "x".repeat(TEXT_BOX_LIMIT - 20));
    type_document(&root, &near).await;
    assert!(!area.hidden());
    area.set_selection_range(10, 110).unwrap();
    let small = web_sys::DataTransfer::new().unwrap();
    small.set_data("text/plain", &"y".repeat(50)).unwrap();
    let ev = clipboard_event("paste", &small);
    area.dispatch_event(&ev).unwrap();
    assert!(!ev.default_prevented() && !area.hidden(), "a paste that keeps the document under the limit");
    root.remove();
}

#[wasm_bindgen_test]
async fn usage_examples_and_the_description_show_once() {
    let (root, _h) = mount();
    let doc = "---\nname: helper\ndescription: Use for reviews.\\n\\n<example>user: check this</example>\\n<example>user: and that</example>\ntools: Read\n---\nBe kind.\n";
    type_document(&root, doc).await;
    let s = structure(&root);
    let dds: Vec<String> = all(&s, "dl dd").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(dds, ["helper", "Read"]);
    let summary: Vec<String> = all(&s, "p.description").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(summary, ["Use for reviews."]);
    let examples: Vec<String> =
        all(&s, "details.examples pre").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(examples, ["user: check this", "user: and that"]);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_browser_opens_a_natively_deflated_link_and_round_trips_its_own() {
    assert_eq!(deflate::decode(links::NATIVE_LINK).await, Ok(Some(links::native_link_holds())));
    assert_eq!(
        deflate::decode(&format!("#{}", links::NATIVE_LINK)).await,
        Ok(Some(links::native_link_holds()))
    );
    let own = deflate::encode(&links::native_link_holds()).await.unwrap();
    assert!(own.starts_with("share=2."), "{own}");
    assert_eq!(deflate::decode(&own).await, Ok(Some(links::native_link_holds())));
    assert_eq!(deflate::decode("#other=1").await, Ok(None));
}

#[wasm_bindgen_test]
async fn the_browser_refuses_bombs_and_damaged_links() {
    // 17 MB of text deflates to a few KB; inflating stops at the limit.
    let bomb = Shared {
        text: " ".repeat(17 * 1024 * 1024),
        file_name: None,
        style: persona_playground::persona::Style::Original,
        excluded: vec![],
        presets: vec![],
        variables: persona_playground::persona::variables::Values::default(),
    };
    let link = deflate::encode(&bomb).await.unwrap();
    assert!(link.len() < 100_000, "{}", link.len());
    assert_eq!(deflate::decode(&link).await, Err(ShareError::TooLarge));
    // Not deflate, and a link cut in the middle: refused, never a panic.
    assert_eq!(deflate::decode("share=2.AAAAAAAA").await, Err(ShareError::Corrupt));
    let cut = &links::NATIVE_LINK[..links::NATIVE_LINK.len() / 2];
    assert!(deflate::decode(cut).await.is_err());
    assert!(matches!(deflate::decode("share=2.$$").await, Err(ShareError::BadCharacter(_))));
}
