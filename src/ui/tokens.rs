//! Token counts in the app: the "Tokenizer" choice (remembered), the
//! tokenizer worker that counts exactly off the page's thread, and the
//! counts the panes show, estimated until the worker has answered.
//!
//! The worker of the chosen encoding (`src/bin/tokenizer_o200k.rs` or
//! `tokenizer_cl100k.rs`, its file name in index.html's
//! `<meta name="tokenizer-o200k_base">` or `…cl100k_base`) starts with the
//! first document, or a few seconds after the app when none comes, so its
//! megabytes never delay the app; choosing the other encoding replaces it
//! with the other's. Each change to the document, the selection or the
//! choice asks it to count, after a short pause, one job at a time: the
//! latest waits while one runs. The texts go to the worker and the counts
//! come back, as strings ([`crate::persona::tokens::protocol`]); nothing
//! leaves the page.
//!
//! The counts follow the document a frame behind: they read its parse,
//! selection and prompt as they were when the frame that shows a change
//! had painted, so counting never delays what a paste, a toggle or an edit
//! shows.

use std::sync::Arc;
use std::time::Duration;

use std::iter::once;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};

use super::doc::DocState;
use super::filter::ByPtr;
use super::prefs::local_storage;
use crate::library::TOKENIZER_KEY;
use crate::persona::numbers::grouped;
use crate::persona::tokens::estimate::estimate;
use crate::persona::tokens::parts::Parts;
use crate::persona::tokens::protocol::{FAILED, READY, read_answer, request};
use crate::persona::tokens::{Costs, Encoding, Tokenizer, costs, parts as cut, section_costs};
use crate::persona::variables::Filled;
use crate::persona::{Id, Selection};

/// The pause after a change before the worker is asked to count.
const COUNT_AFTER_MS: u64 = 150;

/// When no document comes, the worker starts this long after the app.
const IDLE_START_MS: u64 = 4000;

/// The worker starts this long after the first document, so that loading
/// it (its thread compiles megabytes) does not compete with showing the
/// document.
const FIRST_COUNT_AFTER_MS: u64 = 1000;

/// What a job counted: its texts are the prompt, then the parts.
struct Job {
    id: u32,
    encoding: Encoding,
    parts: Arc<Parts>,
    prompt: Arc<str>,
    /// Whether the parts were sent: not when the last answer counted
    /// these parts already (a toggle changes only the prompt).
    with_parts: bool,
}

/// The worker's counts for one job.
struct Exact {
    encoding: Encoding,
    parts: Arc<Parts>,
    prompt: Arc<str>,
    prompt_count: usize,
    /// The document's body, counted whole.
    whole_count: usize,
    part_counts: Vec<usize>,
}

/// The parts' counts the panes show, in the chosen encoding: exact where
/// the worker has counted the current document, else estimated.
pub struct PartCounts {
    /// The document's parts.
    pub parts: Arc<Parts>,
    /// One count per part.
    pub counts: Vec<usize>,
    /// Whether `counts` (and `whole`) are exact.
    pub exact: bool,
    /// The document's body counted whole (the parts counted apart add up
    /// to about this, within a token at each boundary).
    pub whole: usize,
    /// The costs with everything on: every unit's own cost (which does not
    /// depend on the selection) and the document's.
    pub all: Costs,
}

/// Where the worker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Load {
    /// Not started yet.
    Waiting,
    /// Started; no answer yet.
    Loading,
    /// It has answered.
    Ready,
    /// The chosen encoding's worker failed: its counts stay estimates.
    Failed,
}

/// The app's token counts (a handle: every field is a signal).
#[derive(Clone, Copy)]
pub struct Tokens {
    /// The person's choice.
    pub tokenizer: RwSignal<Tokenizer>,
    /// Where the worker is.
    pub load: RwSignal<Load>,
    /// The parts' counts, exact or estimated, in the chosen encoding.
    pub counted: Memo<ByPtr<PartCounts>>,
    /// The sections' costs for the selection, on and in all.
    pub sections: Memo<ByPtr<Costs>>,
    exact: RwSignal<Option<ByPtr<Exact>>>,
    parts: Memo<ByPtr<Parts>>,
    /// The running worker and the encoding it counts.
    worker: StoredValue<Option<(Encoding, Worker)>, LocalStorage>,
    /// The encodings whose worker failed, which are not started again
    /// (the other one may still load).
    failed: StoredValue<Vec<Encoding>>,
    running: StoredValue<Option<Job>, LocalStorage>,
    /// A change came while a job ran.
    again: StoredValue<bool>,
    jobs: StoredValue<u32>,
    pause: StoredValue<Option<TimeoutHandle>>,
    /// The document's parse, a frame behind.
    persona: RwSignal<Arc<crate::persona::Persona>>,
    /// Its selection, a frame behind.
    selection: RwSignal<Selection>,
    /// Its prompt, a frame behind.
    filled: RwSignal<Filled>,
}

impl Tokens {
    /// The counts of `doc`; the worker starts later.
    #[must_use]
    pub fn new(doc: DocState) -> Self {
        let tokenizer = RwSignal::new(saved_tokenizer());
        let exact: RwSignal<Option<ByPtr<Exact>>> = RwSignal::new(None);
        let persona = RwSignal::new(doc.persona.get_untracked());
        let selection = RwSignal::new(doc.selection.get_untracked());
        let filled = RwSignal::new(doc.prompt.get_untracked());
        follow_after_paint(doc, persona, selection, filled);
        let parts = Memo::new(move |_| ByPtr(Arc::new(persona.with(|p| cut(p)))));
        let counted = Memo::new(move |old: Option<&ByPtr<PartCounts>>| {
            let parts = parts.get().0;
            let encoding = tokenizer.get().encoding();
            exact.with(|e| persona.with(|p| count_parts(&parts, e.as_ref().map(|e| &*e.0), p, encoding, old)))
        });
        let sections = Memo::new(move |_| {
            counted.with(|c| selection.with(|s| ByPtr(Arc::new(section_costs(&c.0.parts, &c.0.counts, s)))))
        });
        let tokens = Self {
            tokenizer,
            load: RwSignal::new(Load::Waiting),
            counted,
            sections,
            exact,
            parts,
            worker: StoredValue::new_local(None),
            failed: StoredValue::new(Vec::new()),
            running: StoredValue::new_local(None),
            again: StoredValue::new(false),
            jobs: StoredValue::new(0),
            pause: StoredValue::new(None),
            persona,
            selection,
            filled,
        };
        Effect::new(move |_| {
            tokens.parts.track();
            tokens.filled.track();
            tokens.tokenizer.track();
            tokens.schedule();
        });
        set_timeout(move || tokens.start(), Duration::from_millis(IDLE_START_MS));
        tokens
    }

    /// The selection as the counts see it (a frame behind).
    #[must_use]
    pub fn selection(self) -> RwSignal<Selection> {
        self.selection
    }

    /// The prompt as the counts see it (a frame behind).
    #[must_use]
    pub fn prompt(self) -> RwSignal<Filled> {
        self.filled
    }

    /// The document's parse as the counts see it (a frame behind).
    #[must_use]
    pub fn persona(self) -> RwSignal<Arc<crate::persona::Persona>> {
        self.persona
    }

    /// Chooses the tokenizer, and remembers the choice.
    pub fn choose(self, t: Tokenizer) {
        self.tokenizer.set(t);
        if let Some(store) = local_storage() {
            let _ = store.set_item(TOKENIZER_KEY, t.key());
        }
    }

    /// What the chosen tokenizer shows for `n` tokens of its encoding.
    #[must_use]
    pub fn shown(self, n: usize, exact: bool) -> String {
        let t = self.tokenizer.get();
        let approx = if exact && !t.always_estimated() { "" } else { "≈" };
        format!("{approx}{}", grouped(t.shown(n)))
    }

    /// The prompt's count in the chosen encoding, and whether it is exact
    /// (reactive).
    #[must_use]
    pub fn prompt_count(self) -> (usize, bool) {
        let encoding = self.tokenizer.get().encoding();
        self.exact.with(|e| {
            let e = e.as_ref().map(|e| &*e.0).filter(|e| e.encoding == encoding);
            self.filled.with(|f| match e.filter(|e| *e.prompt == *f.text) {
                Some(e) => (e.prompt_count, true),
                None => (estimate(&f.text, encoding), false),
            })
        })
    }

    /// Whether the app that made these counts still runs (a timer or the
    /// worker may call back after it is gone, in tests).
    fn alive(self) -> bool {
        self.load.try_get_untracked().is_some()
    }

    /// Asks for a count after a pause: the worker starts with the first
    /// document.
    fn schedule(self) {
        if !self.alive() {
            return;
        }
        if let Some(h) = self.pause.try_update_value(Option::take).flatten() {
            h.clear();
        }
        let empty = self.persona.with_untracked(|p| p.text.trim().is_empty());
        let started = self.worker.with_value(Option::is_some);
        if empty && !started {
            return;
        }
        let pause = if started { COUNT_AFTER_MS } else { FIRST_COUNT_AFTER_MS };
        let handle = set_timeout_with_handle(move || self.send(), Duration::from_millis(pause)).ok();
        self.pause.set_value(handle);
    }

    /// Starts the chosen encoding's worker, if none runs and it has not
    /// failed.
    fn start(self) {
        if !self.alive() || self.worker.with_value(Option::is_some) {
            return;
        }
        let encoding = self.tokenizer.get_untracked().encoding();
        if self.failed.with_value(|f| f.contains(&encoding)) {
            if self.load.get_untracked() != Load::Failed {
                self.load.set(Load::Failed);
            }
            return;
        }
        match spawn(self, encoding) {
            Some(w) => {
                self.worker.set_value(Some((encoding, w)));
                self.load.set(Load::Loading);
                self.send();
            }
            None => self.fail_encoding(encoding),
        }
    }

    /// Stops the worker of another encoding than the chosen one; the next
    /// job starts the chosen one's (also after the other one failed).
    fn switch_if_needed(self) {
        let wanted = self.tokenizer.get_untracked().encoding();
        if self.worker.with_value(Option::is_none) {
            // After a failure, the chosen encoding's own worker is still to
            // start, unless it failed too (`start` says so).
            if self.load.get_untracked() == Load::Failed && !self.failed.with_value(|f| f.contains(&wanted)) {
                self.load.set(Load::Waiting);
            }
            return;
        }
        if self.worker.with_value(|w| w.as_ref().is_none_or(|(e, _)| *e == wanted)) {
            return;
        }
        if let Some((_, w)) = self.worker.try_update_value(Option::take).flatten() {
            w.terminate();
        }
        self.running.set_value(None);
        self.again.set_value(false);
        // The other encoding may load where this one failed (a cached copy).
        self.load.set(Load::Waiting);
    }

    /// Sends the current texts to the worker, or marks them to be sent
    /// when the running job ends.
    fn send(self) {
        if !self.alive() {
            return;
        }
        self.switch_if_needed();
        if self.worker.with_value(Option::is_none) {
            self.start();
            return;
        }
        if self.running.with_value(Option::is_some) {
            self.again.set_value(true);
            return;
        }
        let id = self.jobs.try_update_value(|n| {
            *n = n.wrapping_add(1);
            *n
        });
        let encoding = self.tokenizer.get_untracked().encoding();
        let parts = self.parts.get_untracked().0;
        let known = self.exact.with_untracked(|e| {
            e.as_ref().is_some_and(|e| e.0.encoding == encoding && Arc::ptr_eq(&e.0.parts, &parts))
        });
        let job = Job {
            id: id.unwrap_or(0),
            encoding,
            parts,
            prompt: self.filled.with_untracked(|f| Arc::from(f.text.as_str())),
            with_parts: !known,
        };
        // The prompt; with the parts, the whole body first.
        let message = self.persona.with_untracked(|p| {
            let body = once(p.body_text()).chain(job.parts.texts(p));
            let texts = body.take(if job.with_parts { usize::MAX } else { 0 });
            request(job.id, job.encoding, once(&*job.prompt).chain(texts))
        });
        let posted =
            self.worker.with_value(|w| w.as_ref().map(|(_, w)| w.post_message(&JsValue::from_str(&message))));
        if matches!(posted, Some(Ok(()))) {
            self.running.set_value(Some(job));
        }
    }

    /// Takes the worker's message: "ready", "error", or the answer to the
    /// running job.
    fn answer(self, message: &str) {
        if !self.alive() {
            return;
        }
        match message {
            // The worker has started. A job posted before it listened was
            // never seen: send it again.
            READY => {
                if self.running.try_update_value(Option::take).flatten().is_some() {
                    self.send();
                }
                return;
            }
            // Its wasm did not load, or it could not read a request.
            FAILED => return self.fail(),
            _ => {}
        }
        let Some((job, encoding, counts)) = read_answer(message) else { return self.fail() };
        // An answer to an earlier job (sent again after "ready"): the
        // running one's answer is still to come.
        if self.running.with_value(|r| r.as_ref().is_none_or(|r| r.id != job || r.encoding != encoding)) {
            return;
        }
        let Some(running) = self.running.try_update_value(Option::take).flatten() else { return };
        let expected = 1 + if running.with_parts { 1 + running.parts.parts.len() } else { 0 };
        if counts.len() != expected {
            return self.fail();
        }
        let mut counts = counts.into_iter();
        let prompt_count = counts.next().unwrap_or(0);
        let (whole_count, part_counts) = if running.with_parts {
            (counts.next().unwrap_or(0), counts.collect())
        } else {
            self.exact.with_untracked(|e| {
                e.as_ref().map(|e| (e.0.whole_count, e.0.part_counts.clone())).unwrap_or_default()
            })
        };
        self.exact.set(Some(ByPtr(Arc::new(Exact {
            encoding,
            parts: running.parts,
            prompt: running.prompt,
            prompt_count,
            whole_count,
            part_counts,
        }))));
        self.load.set(Load::Ready);
        if self.again.try_update_value(std::mem::take).unwrap_or(false) {
            self.send();
        }
    }

    /// The running worker failed: its encoding's counts stay estimates.
    fn fail(self) {
        if !self.alive() {
            return;
        }
        let running = self.worker.try_update_value(Option::take).flatten();
        let encoding =
            running.as_ref().map_or_else(|| self.tokenizer.get_untracked().encoding(), |(e, _)| *e);
        if let Some((_, w)) = running {
            w.terminate();
        }
        self.fail_encoding(encoding);
    }

    /// `encoding`'s worker cannot run: it is not started again, and the
    /// other encoding's still may be.
    fn fail_encoding(self, encoding: Encoding) {
        self.failed.update_value(|f| {
            if !f.contains(&encoding) {
                f.push(encoding);
            }
        });
        self.running.set_value(None);
        self.again.set_value(false);
        self.load.set(Load::Failed);
    }

    /// A unit's own cost as the chosen tokenizer shows it (reactive).
    #[must_use]
    pub fn unit_cost(self, id: Id) -> Option<String> {
        let (cost, exact) = self.counted.with(|c| (c.0.all.unit(id), c.0.exact));
        cost.map(|n| self.shown(n, exact))
    }

    /// A section's cost: "120 of 312" (on, of all) (reactive).
    #[must_use]
    pub fn section_cost(self, id: Id) -> Option<String> {
        let exact = self.counted.with(|c| c.0.exact);
        self.sections.with(|s| s.0.section(id)).map(|c| {
            if c.on == c.total {
                self.shown(c.total, exact)
            } else {
                format!("{} of {}", self.shown(c.on, exact), self.shown(c.total, exact))
            }
        })
    }
}

/// Keeps `persona`, `selection` and `filled` the document's, a frame
/// behind: set once the frame that shows a change has painted (a task
/// queued in a frame's callbacks runs after its paint), each only when it
/// changed.
fn follow_after_paint(
    doc: DocState,
    persona: RwSignal<Arc<crate::persona::Persona>>,
    selection: RwSignal<Selection>,
    filled: RwSignal<Filled>,
) {
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        doc.persona.track();
        doc.selection.track();
        doc.prompt.track();
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            set_timeout(
                move || {
                    // (The app may be gone by then, in tests.)
                    if pending.try_set_value(false).is_some() {
                        return;
                    }
                    let now = doc.persona.get_untracked();
                    if persona.with_untracked(|p| !Arc::ptr_eq(p, &now)) {
                        persona.set(now);
                    }
                    let now = doc.selection.get_untracked();
                    if selection.with_untracked(|s| *s != now) {
                        selection.set(now);
                    }
                    let now = doc.prompt.get_untracked();
                    if filled.with_untracked(|f| *f != now) {
                        filled.set(now);
                    }
                },
                Duration::ZERO,
            );
        });
    });
}

/// The saved choice, or the default.
fn saved_tokenizer() -> Tokenizer {
    local_storage()
        .and_then(|s| s.get_item(TOKENIZER_KEY).ok().flatten())
        .and_then(|k| Tokenizer::from_key(&k))
        .unwrap_or_default()
}

/// The parts' counts: the worker's where it counted these parts in this
/// encoding, else the estimate (`old` again when they are the same).
fn count_parts(
    parts: &Arc<Parts>,
    exact: Option<&Exact>,
    p: &crate::persona::Persona,
    encoding: Encoding,
    old: Option<&ByPtr<PartCounts>>,
) -> ByPtr<PartCounts> {
    let exact = exact.filter(|e| e.encoding == encoding && Arc::ptr_eq(&e.parts, parts));
    let (counts, whole) = match exact {
        Some(e) => (e.part_counts.clone(), e.whole_count),
        None => (parts.texts(p).map(|t| estimate(t, encoding)).collect(), estimate(p.body_text(), encoding)),
    };
    // The same counts again (an answer after a toggle): no change.
    let same = |o: &&ByPtr<PartCounts>| {
        Arc::ptr_eq(&o.0.parts, parts)
            && o.0.exact == exact.is_some()
            && o.0.whole == whole
            && o.0.counts == counts
    };
    if let Some(old) = old.filter(same) {
        return old.clone();
    }
    let all = costs(parts, &counts, &Selection::all());
    ByPtr(Arc::new(PartCounts { parts: Arc::clone(parts), counts, exact: exact.is_some(), whole, all }))
}

/// The script of `encoding`'s worker, named by index.html.
fn worker_url(encoding: Encoding) -> Option<String> {
    let selector = format!("meta[name=\"tokenizer-{}\"]", encoding.key());
    let meta = web_sys::window()?.document()?.query_selector(&selector).ok()??;
    // (A build that did not write it leaves its placeholder.)
    meta.get_attribute("content").filter(|c| !c.is_empty() && !c.starts_with("TOKENIZER_"))
}

/// Starts `encoding`'s worker and listens to it.
fn spawn(tokens: Tokens, encoding: Encoding) -> Option<Worker> {
    let worker = Worker::new(&worker_url(encoding)?).ok()?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        tokens.answer(&ev.data().as_string().unwrap_or_default());
    });
    let on_error = Closure::<dyn Fn(JsValue)>::new(move |_: JsValue| tokens.fail());
    // (A failure inside the worker's loader posts `FAILED` instead.)
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The handlers live as long as the page (a replaced worker's are a few
    // bytes).
    on_message.forget();
    on_error.forget();
    Some(worker)
}
