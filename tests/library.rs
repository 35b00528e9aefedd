//! Native tests of the library: storage schema, migrations, recovery from
//! damaged data, full storage, and the library operations.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

#[path = "common/links.rs"]
mod links;

use persona_playground::library::presets::{self, Preset};
use persona_playground::library::share;
use persona_playground::library::{
    DAMAGED_PREFIX, Doc, INDEX_KEY, Library, MemoryStore, Saved, Store, StoreError, V1_KEY, Work, delete_doc,
    doc_key, load, save_doc, save_doc_fitting, save_index,
};
use persona_playground::persona::assemble::units;
use persona_playground::persona::variables::Values;
use persona_playground::persona::{Id, Style, parse};

fn doc(id: &str, text: &str) -> Doc {
    let mut d = Doc::new(id.into(), text.into(), Some("agent.md".into()), 1000.0);
    d.work.style = Style::Clean;
    d.work.excluded = vec![Id(0xabc), Id(7)];
    d
}

fn saved(docs: &[Doc], current: &str) -> MemoryStore {
    let mut store = MemoryStore::default();
    let lib = Library { docs: docs.to_vec(), current: Some(current.into()) };
    for d in docs {
        save_doc(&mut store, d).unwrap();
    }
    save_index(&mut store, &lib).unwrap();
    store
}

#[test]
fn an_empty_store_is_an_empty_library() {
    let loaded = load(&mut MemoryStore::default());
    assert_eq!(loaded.library, Library::default());
    assert!(loaded.notes.is_empty());
    assert!(loaded.writable);
}

#[test]
fn documents_selection_and_style_survive_a_reload() {
    let docs = [doc("a", "# Alpha\n\n- one\n"), doc("b", "# Beta\n")];
    let mut store = saved(&docs, "b");
    let loaded = load(&mut store);
    assert_eq!(loaded.library.docs, docs.to_vec());
    assert_eq!(loaded.library.current.as_deref(), Some("b"));
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(docs[0].name, "Alpha");
}

#[test]
fn schema_v1_migrates_into_the_library() {
    let mut store = MemoryStore::default();
    store
        .set(V1_KEY, r##"{"version":1,"text":"# Old Agent\n\n- keep me\n","style":"clean","excluded":["1675fc8ab96687c8"]}"##)
        .unwrap();
    let loaded = load(&mut store);
    let docs = &loaded.library.docs;
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].work.text, "# Old Agent\n\n- keep me\n");
    assert_eq!(docs[0].name, "Old Agent");
    assert_eq!(docs[0].work.style, Style::Clean);
    // "keep me" was switched off under id scheme 1; it still is.
    assert_eq!(docs[0].work.excluded, vec![Id(0xf3e2_7075_c2dd_a231)]);
    assert_eq!(units(&parse(&docs[0].work.text))[1], Id(0xf3e2_7075_c2dd_a231));
    assert_eq!(loaded.library.current.as_deref(), Some(docs[0].id.as_str()));
    assert!(store.get(V1_KEY).unwrap().is_none(), "the v1 key is removed once migrated");
    assert!(store.get(INDEX_KEY).unwrap().is_some());
    // Loading again gives the same library, without migrating twice.
    let again = load(&mut store);
    assert_eq!(again.library, loaded.library);
}

/// The ids earlier builds stored for "# Beta\n\n- one\n- two\n\nA paragraph.\n"
/// (id scheme 1): "one", "two" and the paragraph.
const BETA: &str = "# Beta\n\n- one\n- two\n\nA paragraph.\n";
const BETA_SCHEME_1: [&str; 3] = ["b9bd46d3d9eafe40", "ba032926111366c9", "5935b165389b94d8"];

#[test]
fn schema_v2_ids_are_mapped_and_written_back_as_v5() {
    let mut store = MemoryStore::default();
    let excluded = format!(r#"["{}","{}","00000000000000ff"]"#, BETA_SCHEME_1[0], BETA_SCHEME_1[2]);
    store
        .set(
            &doc_key("b"),
            &format!(r#"{{"version":2,"id":"b","name":"Beta","text":{},"excluded":{excluded}}}"#, json(BETA)),
        )
        .unwrap();
    store.set(INDEX_KEY, r#"{"version":2,"current":"b","docs":[{"id":"b","name":"Beta"}]}"#).unwrap();
    let loaded = load(&mut store);
    let doc = loaded.library.get("b").unwrap();
    let now = units(&parse(BETA));
    // "one" and the paragraph stay off; an id of no node is dropped.
    assert_eq!(doc.work.excluded, vec![now[1], now[3]]);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    let raw = store.get(&doc_key("b")).unwrap().unwrap();
    assert!(raw.starts_with(r#"{"version":6,"#), "{raw}");
    // Loading again maps nothing twice.
    assert_eq!(load(&mut store).library, loaded.library);
}

#[test]
fn format_1_share_links_open_with_todays_ids() {
    let shared = share::Shared {
        text: BETA.into(),
        file_name: None,
        style: Style::Original,
        excluded: BETA_SCHEME_1[..2].iter().map(|s| s.parse().unwrap()).collect(),
        presets: vec![],
        variables: Values::default(),
    };
    let link = share::encode(&shared);
    assert!(link.starts_with("share=2."), "{link}");
    let old_link = link.replacen("share=2.", "share=1.", 1);
    let opened = share::decode(&old_link).unwrap().unwrap();
    let now = units(&parse(BETA));
    assert_eq!(opened.excluded, vec![now[1], now[2]]);
    // A format-2 link's ids are taken as they are.
    assert_eq!(share::decode(&link).unwrap().unwrap().excluded, shared.excluded);
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn a_v1_migration_joins_an_existing_library() {
    let mut store = saved(&[doc("a", "# Alpha\n")], "a");
    store.set(V1_KEY, r#"{"version":1,"text":"legacy"}"#).unwrap();
    let loaded = load(&mut store);
    assert_eq!(loaded.library.docs.len(), 2);
    assert_eq!(loaded.library.current.as_deref(), Some("a"));
}

#[test]
fn a_damaged_index_is_rebuilt_from_the_documents() {
    let mut store = saved(&[doc("a", "# Alpha\n"), doc("b", "# Beta\n")], "a");
    store.set(INDEX_KEY, "{\"version\":2,\"docs\":[{\"id\":").unwrap();
    let loaded = load(&mut store);
    assert_eq!(loaded.library.docs.len(), 2);
    assert!(loaded.notes.iter().any(|n| n.contains("rebuilt from 2 saved documents")), "{:?}", loaded.notes);
    assert!(store.get(&format!("{DAMAGED_PREFIX}index")).unwrap().is_some(), "the damaged value is kept");
    assert!(load(&mut store).notes.is_empty(), "the rebuilt index was written back");
}

#[test]
fn a_damaged_document_keeps_its_text_up_to_the_damage() {
    let mut store = saved(&[doc("a", "# Alpha\n"), doc("b", "# Beta\n\n- one\n- two\n")], "a");
    let raw = store.get(&doc_key("b")).unwrap().unwrap();
    let cut = &raw[..raw.find("two").unwrap() + 2];
    store.set(&doc_key("b"), cut).unwrap();
    let loaded = load(&mut store);
    let b = loaded.library.get("b").unwrap();
    assert_eq!(b.work.text, "# Beta\n\n- one\n- tw");
    assert!(b.work.excluded.is_empty(), "the selection is reset");
    assert_eq!(loaded.library.get("a").unwrap(), &doc("a", "# Alpha\n"), "other documents are untouched");
    assert!(loaded.notes.iter().any(|n| n.contains("recovered up to the damage")), "{:?}", loaded.notes);
    assert_eq!(store.get(&format!("{DAMAGED_PREFIX}b")).unwrap().as_deref(), Some(cut));
}

#[test]
fn an_unreadable_document_is_kept_aside_and_named() {
    let mut store = saved(&[doc("a", "# Alpha\n"), doc("b", "# Beta\n")], "b");
    store.set(&doc_key("b"), "\u{0}garbage").unwrap();
    let loaded = load(&mut store);
    assert_eq!(loaded.library.docs.len(), 1);
    assert_eq!(
        loaded.library.current.as_deref(),
        Some("a"),
        "the open document falls back to one that exists"
    );
    assert!(loaded.notes.iter().any(|n| n.contains(&format!("{DAMAGED_PREFIX}b"))), "{:?}", loaded.notes);
}

#[test]
fn documents_missing_from_the_index_come_back() {
    let mut store = saved(&[doc("a", "# Alpha\n")], "a");
    save_doc(&mut store, &doc("z", "# Zed\n")).unwrap();
    let loaded = load(&mut store);
    assert_eq!(loaded.library.docs.len(), 2);
    assert!(loaded.notes.iter().any(|n| n.contains("missing from the library list")), "{:?}", loaded.notes);
}

#[test]
fn an_index_entry_without_its_document_is_dropped_with_a_note() {
    let mut store = saved(&[doc("a", "# Alpha\n"), doc("b", "# Beta\n")], "a");
    delete_doc(&mut store, "b").unwrap();
    let loaded = load(&mut store);
    assert_eq!(loaded.library.docs.len(), 1);
    assert!(loaded.notes.iter().any(|n| n.contains("“Beta”")), "{:?}", loaded.notes);
}

#[test]
fn a_newer_schema_is_left_untouched() {
    let mut store = MemoryStore::default();
    store.set(INDEX_KEY, r#"{"version":7,"docs":[]}"#).unwrap();
    let before = store.map.clone();
    let loaded = load(&mut store);
    assert!(!loaded.writable);
    assert_eq!(store.map, before);
    assert!(loaded.notes[0].contains("newer version"));
}

#[test]
fn full_storage_is_reported_and_nothing_is_lost_in_memory() {
    let mut store = MemoryStore { quota: Some(600), ..MemoryStore::default() };
    let small = doc("a", "# Alpha\n");
    save_doc(&mut store, &small).unwrap();
    let big = doc("b", &"x".repeat(2000));
    assert_eq!(save_doc(&mut store, &big), Err(StoreError::Full));
    assert!(StoreError::Full.to_string().contains("full"));
    // What was saved before is still there.
    assert!(store.get(&doc_key("a")).unwrap().is_some());
}

/// A document with `steps` typing steps in its history, each adding `size`
/// bytes at a place of its own (so they do not merge).
fn with_history(id: &str, steps: usize, size: usize) -> Doc {
    let mut d = Doc::new(id.into(), "- start\n".into(), None, 1.0);
    for i in 0..steps {
        let before = d.work.clone();
        d.work.text = format!("- {i}{}\n{}", "y".repeat(size), d.work.text);
        d.work.record(&before, false);
    }
    d
}

#[test]
fn history_gives_way_to_the_text_when_storage_is_short() {
    let d = with_history("h", 40, 300);
    assert_eq!(d.work.history.undo.len(), 40);
    let whole = serde_json::to_string(&d).unwrap().len();
    let text_only = {
        let mut t = d.clone();
        t.work.history = persona_playground::library::History::default();
        serde_json::to_string(&t).unwrap().len()
    };
    // Room for the text and about half the history.
    let quota = doc_key("h").len() + usize::midpoint(whole, text_only);
    let mut store = MemoryStore { quota: Some(quota), ..MemoryStore::default() };
    assert_eq!(save_doc(&mut store, &d), Err(StoreError::Full));
    let dropped = save_doc_fitting(&mut store, &d).unwrap();
    assert!((10..35).contains(&dropped), "dropped {dropped} of 40 steps");
    let stored: Doc = serde_json::from_str(&store.get(&doc_key("h")).unwrap().unwrap()).unwrap();
    assert_eq!(stored.work.text, d.work.text, "the text is whole");
    // The newest steps were kept, the oldest left out: undo still works.
    assert_eq!(stored.work.history.undo.len(), 40 - dropped);
    assert_eq!(stored.work.history.undo.last(), d.work.history.undo.last());
    // One step fewer would not have fitted.
    let mut one_more = d.clone();
    one_more.work.history.undo.drain(..dropped - 1);
    let mut again = MemoryStore { quota: Some(quota), ..MemoryStore::default() };
    assert_eq!(save_doc(&mut again, &one_more), Err(StoreError::Full));
    // With room for everything nothing is left out; with no room even for
    // the text, storage is full.
    assert_eq!(save_doc_fitting(&mut MemoryStore::default(), &d), Ok(0));
    let mut tiny = MemoryStore { quota: Some(text_only / 2), ..MemoryStore::default() };
    assert_eq!(save_doc_fitting(&mut tiny, &d), Err(StoreError::Full));
    // Steps to redo give way after those to undo.
    let mut redo = with_history("r", 6, 300);
    for _ in 0..3 {
        redo.work.undo();
    }
    let need = serde_json::to_string(&redo).unwrap().len() - 4 * 320;
    let mut store = MemoryStore { quota: Some(doc_key("r").len() + need), ..MemoryStore::default() };
    let dropped = save_doc_fitting(&mut store, &redo).unwrap();
    let stored: Doc = serde_json::from_str(&store.get(&doc_key("r")).unwrap().unwrap()).unwrap();
    assert!(dropped > 3, "{dropped}");
    assert!(stored.work.history.undo.is_empty());
    assert_eq!(stored.work.history.redo.len(), 6 - dropped);
}

#[test]
fn a_typed_document_keeps_its_state_and_older_records_open() {
    let mut d = doc("t", "# Typed\n");
    d.work.excluded.clear();
    d.work.typed = true;
    let json = serde_json::to_string(&d).unwrap();
    assert!(json.contains(r#""typed":true"#));
    let back: Doc = serde_json::from_str(&json).unwrap();
    assert!(back.work.typed);
    // A record of before (no `typed`) opens as not typed, and a document
    // that is not typed writes no key.
    let old = json.replace(r#","typed":true"#, "");
    let back: Doc = serde_json::from_str(&old).unwrap();
    assert!(!back.work.typed);
    assert!(!serde_json::to_string(&back).unwrap().contains("typed"));
}

#[test]
fn library_operations() {
    let mut lib =
        Library { docs: vec![doc("a", "# Alpha\n"), doc("b", "# Beta\n")], current: Some("a".into()) };
    let id = lib.fresh_id(255.0);
    assert_eq!(id, "ff");
    let copy = lib.duplicate("a", id.clone(), 2.0).unwrap();
    assert_eq!(lib.docs[1].id, copy);
    assert_eq!(lib.docs[1].name, "Alpha (copy)");
    assert_eq!(lib.docs[1].work.text, lib.docs[0].work.text);
    lib.duplicate("a", lib.fresh_id(255.0), 3.0).unwrap();
    assert_eq!(lib.docs[1].name, "Alpha (copy) (2)");
    let (pos, removed) = lib.remove("a").unwrap();
    assert_eq!(pos, 0);
    assert_ne!(lib.current.as_deref(), Some("a"), "the open document moves on");
    lib.restore(pos, removed.clone());
    assert_eq!(lib.docs[0], removed);
    assert!(lib.remove("nope").is_none());
    let mut d = doc("c", "text");
    d.refresh_name("New name");
    assert_eq!(d.name, "New name");
    d.custom_name = true;
    d.refresh_name("Other");
    assert_eq!(d.name, "New name");
}

#[test]
fn imports_read_text_and_name_what_they_refuse() {
    use persona_playground::library::{ImportError, import_text};
    assert_eq!(import_text("a.MD", b"# Hi\n").unwrap(), "# Hi\n");
    assert_eq!(import_text(".cursorrules", b"Be brief.").unwrap(), "Be brief.");
    assert_eq!(import_text("card.json", "{\"name\":\"é\"}".as_bytes()).unwrap(), "{\"name\":\"é\"}");
    let utf16: Vec<u8> =
        [0xff, 0xfe].into_iter().chain("Hi ✓".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert_eq!(import_text("win.txt", &utf16).unwrap(), "Hi ✓");
    assert_eq!(import_text("cut.md", &"ab✓".as_bytes()[..4]).unwrap(), "ab");
    assert_eq!(import_text("photo.png", b"\x89PNG"), Err(ImportError::Binary("photo.png".into())));
    assert_eq!(
        import_text("sneaky.md", b"\x89PNG\r\n\x1a\n\0\0"),
        Err(ImportError::Binary("sneaky.md".into()))
    );
    assert_eq!(import_text("bad.txt", b"ok \xff\xfe\xfd more"), Err(ImportError::Binary("bad.txt".into())));
    let e = ImportError::Binary("sneaky.md".into()).to_string();
    assert!(e.contains("“sneaky.md”") && e.contains("not a text file"), "{e}");
}

#[test]
fn a_new_document_is_named_with_its_file_name_as_a_hint() {
    // A command is invoked by its file name; the library names it so too,
    // as the structure does.
    let text = "---\ndescription: Share the session\nallowed-tools: Bash\n---\nShare it.\n";
    let d = Doc::new("a".into(), text.into(), Some("share.md".into()), 0.0);
    assert_eq!(d.name, "/share");
    let pasted = Doc::new("b".into(), text.into(), None, 0.0);
    assert_eq!(pasted.name, "Share the session");
}

#[test]
fn a_v3_library_opens_unchanged_and_saves_as_v5() {
    let mut store = MemoryStore::default();
    let v3 = format!(
        r#"{{"version":3,"id":"b","name":"Beta","custom_name":false,"text":{},"file_name":"beta.md","style":"clean","excluded":["{}"],"updated":5.0}}"#,
        json(BETA),
        units(&parse(BETA))[1]
    );
    store.set(&doc_key("b"), &v3).unwrap();
    store.set(INDEX_KEY, r#"{"version":3,"current":"b","docs":[{"id":"b","name":"Beta"}]}"#).unwrap();
    let before = store.map.clone();
    let loaded = load(&mut store);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(store.map, before, "opening a v3 library writes nothing");
    let doc = loaded.library.get("b").unwrap();
    assert_eq!(doc.work.text, BETA);
    assert_eq!(doc.work.file_name.as_deref(), Some("beta.md"));
    assert_eq!(doc.work.style, Style::Clean);
    assert_eq!(doc.work.excluded, vec![units(&parse(BETA))[1]]);
    assert_eq!(doc.work.original_text(), BETA, "a v3 document's original is its text");
    assert!(doc.work.history.is_empty());
    let mut lib = loaded.library.clone();
    let mut work = doc.work.clone();
    let before = work.clone();
    work.text.push_str("\n- three\n");
    work.record(&before, false);
    let saved = lib.save_work(&work, "Beta", 9.0);
    save_doc(&mut store, saved.doc.as_ref().unwrap()).unwrap();
    let raw = store.get(&doc_key("b")).unwrap().unwrap();
    assert!(raw.starts_with(r#"{"version":6,"#), "{raw}");
    // The original and the history survive a reload, and undo still works.
    let mut again = load(&mut store).library.get("b").unwrap().work.clone();
    assert_eq!(again, work);
    assert!(again.undo());
    assert_eq!(again.text, BETA);
}

#[test]
fn a_v4_library_opens_unchanged_with_no_presets_and_saves_them_as_current() {
    let mut store = MemoryStore::default();
    let off = units(&parse(BETA))[1];
    let v4 = format!(
        r#"{{"version":4,"id":"b","name":"Beta","custom_name":false,"text":{},"file_name":null,"style":"original","excluded":["{off}"],"history":{{"undo":[{{"off":["{off}"]}}]}},"updated":5.0}}"#,
        json(BETA),
    );
    store.set(&doc_key("b"), &v4).unwrap();
    store.set(INDEX_KEY, r#"{"version":4,"current":"b","docs":[{"id":"b","name":"Beta"}]}"#).unwrap();
    let before = store.map.clone();
    let loaded = load(&mut store);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(store.map, before, "opening a v4 library writes nothing");
    let mut work = loaded.library.get("b").unwrap().work.clone();
    assert!(work.presets.is_empty());
    assert_eq!(work.history.undo.len(), 1, "a v4 history opens");
    // Two presets, saved as one step each; they survive a reload, and
    // undo takes the last one back.
    let mut lib = loaded.library.clone();
    for (name, ids) in [("Short", vec![off]), ("Everything", vec![])] {
        let before = work.clone();
        presets::save(&mut work.presets, name, &ids).unwrap();
        assert!(work.record(&before, false));
    }
    let saved = lib.save_work(&work, "Beta", 9.0);
    save_doc(&mut store, saved.doc.as_ref().unwrap()).unwrap();
    let raw = store.get(&doc_key("b")).unwrap().unwrap();
    assert!(raw.starts_with(r#"{"version":6,"#), "{raw}");
    assert!(raw.contains(r#""presets":[{"name":"Short","off":["#), "{raw}");
    // The index is still v4 on record: the app writes it at this first
    // save, and from then on a v4 build opens the library read-only.
    assert!(loaded.index_stale);
    save_index(&mut store, &lib).unwrap();
    assert!(store.get(INDEX_KEY).unwrap().unwrap().starts_with(r#"{"version":6,"#));
    let again = load(&mut store);
    assert!(!again.index_stale);
    let mut again = again.library.get("b").unwrap().work.clone();
    assert_eq!(again, work);
    assert!(again.undo());
    assert_eq!(again.presets, vec![Preset { name: "Short".into(), off: vec![off] }]);
    assert!(again.redo());
    assert_eq!(again.presets.len(), 2);
}

#[test]
fn a_v5_library_opens_unchanged_with_no_values_and_saves_them_as_v6() {
    let mut store = MemoryStore::default();
    let text = "# Tutor\n\nTeach {{topic}} to [AUDIENCE].\n";
    let v5 = format!(
        r#"{{"version":5,"id":"t","name":"Tutor","custom_name":false,"text":{},"file_name":null,"style":"original","excluded":[],"presets":[{{"name":"All","off":[]}}],"updated":5.0}}"#,
        json(text),
    );
    store.set(&doc_key("t"), &v5).unwrap();
    store.set(INDEX_KEY, r#"{"version":5,"current":"t","docs":[{"id":"t","name":"Tutor"}]}"#).unwrap();
    let before = store.map.clone();
    let loaded = load(&mut store);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(store.map, before, "opening a v5 library writes nothing");
    assert!(loaded.index_stale, "the index is rewritten at the first save");
    let mut work = loaded.library.get("t").unwrap().work.clone();
    assert!(work.variables.is_empty());
    assert_eq!(work.presets.len(), 1, "a v5 document keeps its presets");
    // Values are saved with the document, as they were typed.
    work.variables.values.insert("topic".into(), "fractions \"½\" <b>".into());
    work.variables.not_variables.push("AUDIENCE".into());
    let mut lib = loaded.library.clone();
    let saved = lib.save_work(&work, "Tutor", 9.0);
    save_doc(&mut store, saved.doc.as_ref().unwrap()).unwrap();
    let raw = store.get(&doc_key("t")).unwrap().unwrap();
    assert!(raw.starts_with(r#"{"version":6,"#), "{raw}");
    assert!(raw.contains(r#""variables":{"values":{"topic":"#), "{raw}");
    save_index(&mut store, &lib).unwrap();
    let again = load(&mut store);
    assert!(!again.index_stale);
    assert_eq!(again.library.get("t").unwrap().work, work);
}

#[test]
fn values_are_not_steps_undo_keeps_them() {
    let mut work = Work::new("# T\n\n- {{a}}\n- b\n".into(), None);
    let before = work.clone();
    work.excluded = vec![units(&parse(&work.text))[1]];
    assert!(work.record(&before, false));
    let before = work.clone();
    work.variables.values.insert("a".into(), "x".into());
    assert!(!work.record(&before, false), "a value is not a step");
    assert!(work.undo());
    assert!(work.excluded.is_empty());
    assert_eq!(work.variables.values.get("a").map(String::as_str), Some("x"));
}

#[test]
fn share_links_carry_values_and_older_links_open_without_them() {
    let mut work = Work::new("Teach {{topic}}.".into(), None);
    work.variables.values.insert("topic".into(), "sets".into());
    work.variables.template = true;
    let link = share::encode(&share::Shared::from(&work));
    assert_eq!(Work::from(share::decode(&link).unwrap().unwrap()).variables, work.variables);
    let old = share::Shared { variables: Values::default(), ..share::Shared::from(&work) };
    let json = String::from_utf8(share::to_json(&old)).unwrap();
    assert!(!json.contains("variables"), "{json}");
    assert!(Work::from(share::decode(&share::encode(&old)).unwrap().unwrap()).variables.is_empty());
}

#[test]
fn the_native_link_fixture_opens_natively() {
    assert_eq!(share::decode(links::NATIVE_LINK), Ok(Some(links::native_link_holds())));
    assert_eq!(
        share::encode(&links::native_link_holds()),
        links::NATIVE_LINK,
        "miniz_oxide's output is stable"
    );
}

#[test]
fn share_links_carry_presets_and_older_links_open_without_them() {
    let work = Work {
        excluded: vec![Id(7)],
        presets: vec![Preset { name: "Seven off".into(), off: vec![Id(7)] }],
        ..Work::new(BETA.into(), Some("beta.md".into()))
    };
    let link = share::encode(&share::Shared::from(&work));
    let opened = Work::from(share::decode(&link).unwrap().unwrap());
    assert_eq!(
        (opened.presets.clone(), opened.excluded.clone()),
        (work.presets.clone(), work.excluded.clone())
    );
    // A link made before presets existed: its JSON has no `presets` key.
    let old = share::Shared { presets: vec![], ..share::Shared::from(&work) };
    let old_link = share::encode(&old);
    assert!(old_link.len() < link.len());
    let opened = Work::from(share::decode(&old_link).unwrap().unwrap());
    assert!(opened.presets.is_empty());
    assert_eq!(opened.text, BETA);
    // A crafted link's presets open as the app makes them: named, once.
    let crafted = share::Shared {
        presets: vec![
            Preset { name: " x ".into(), off: vec![Id(1)] },
            Preset { name: "x".into(), off: vec![] },
            Preset { name: String::new(), off: vec![] },
        ],
        ..share::Shared::from(&work)
    };
    let opened = Work::from(share::decode(&share::encode(&crafted)).unwrap().unwrap());
    assert_eq!(opened.presets, vec![Preset { name: "x".into(), off: vec![Id(1)] }]);
}

#[test]
fn saving_creates_on_first_text_and_writes_only_changes() {
    let mut lib = Library::default();
    let empty = Work::default();
    assert_eq!(lib.save_work(&empty, "Untitled", 1.0), Saved::default(), "no document for an empty text");
    let work = Work::new("# Nova\n".into(), None);
    let first = lib.save_work(&work, "Nova", 2.0);
    assert!(first.index, "a new document changes the index");
    assert_eq!(first.doc.as_ref().unwrap().name, "Nova");
    assert_eq!(lib.current, Some(first.doc.unwrap().id));
    assert_eq!(lib.save_work(&work, "Nova", 3.0), Saved::default(), "nothing changed, nothing written");
    let mut off = work.clone();
    off.excluded = vec![Id(1)];
    let saved = lib.save_work(&off, "Nova", 4.0);
    assert!(!saved.index, "same name: the index stays");
    assert!((saved.doc.unwrap().updated - 4.0).abs() < f64::EPSILON);
    let renamed = lib.save_work(&Work::new("# Vega\n".into(), None), "Vega", 5.0);
    assert!(renamed.index, "a new name changes the index");
    lib.docs[0].custom_name = true;
    let kept = lib.save_work(&Work::new("# Altair\n".into(), None), "Altair", 6.0);
    assert_eq!((kept.index, kept.doc.unwrap().name.as_str()), (false, "Vega"));
}

proptest::proptest! {
    /// Undo and redo over a long mixed history of edits, toggles, typing,
    /// style switches, presets saved and deleted, and reverts return exactly to each earlier state.
    #[test]
    fn undo_and_redo_return_to_every_earlier_state(
        ops in proptest::collection::vec((0u8..7, 0usize..40, "[a-c \\n]{0,6}", 0u64..6), 1..60)
    ) {
        let mut w = Work::new("start\n".into(), None);
        let mut states = vec![w.clone()];
        for (kind, at, s, id) in ops {
            let before = w.clone();
            match kind {
                0 | 1 => {
                    let at = at.min(w.text.len());
                    let end = (at + s.len() % 3).min(w.text.len());
                    w.text.replace_range(at..end, &s);
                }
                2 => {
                    if let Some(i) = w.excluded.iter().position(|x| *x == Id(id)) {
                        w.excluded.remove(i);
                    } else {
                        w.excluded.push(Id(id));
                        w.excluded.sort();
                    }
                }
                3 => w.style = if w.style == Style::Clean { Style::Original } else { Style::Clean },
                5 => {
                    let name = if s.trim().is_empty() { "p".to_string() } else { s.clone() };
                    let off = w.excluded.clone();
                    presets::save(&mut w.presets, &name, &off).ok();
                }
                6 => {
                    if let Some(p) = w.presets.first().map(|p| p.name.clone()) {
                        presets::delete(&mut w.presets, &p);
                    }
                }
                _ => {
                    if w.revert() {
                        states.push(w.clone());
                    }
                    continue;
                }
            }
            if w.record(&before, kind == 1) {
                // Grouped typing replaces the state it grew from.
                if w.history.undo.len() < states.len() {
                    states.pop();
                }
                states.push(w.clone());
            }
        }
        proptest::prop_assume!(w.history.undo.len() + 1 == states.len());
        let same = |a: &Work, b: &Work| {
            a.text == b.text && a.excluded == b.excluded && a.style == b.style && a.presets == b.presets
        };
        for expected in states.iter().rev().skip(1) {
            proptest::prop_assert!(w.undo());
            proptest::prop_assert!(same(&w, expected));
        }
        for expected in states.iter().skip(1) {
            proptest::prop_assert!(w.redo());
            proptest::prop_assert!(same(&w, expected));
        }
    }
}
