//! The tokenizer workers' side (wasm only): answers the app's requests for
//! exact token counts, off the page's thread.
//!
//! Each worker binary counts one encoding (so a first visit downloads only
//! the vocabulary it uses). Requests and answers are strings
//! ([`crate::persona::tokens::protocol`]). The vocabulary is built at the
//! first request. Nothing is kept between requests but the vocabulary, and
//! nothing is sent anywhere but back to the page. A message that is not a
//! request for this worker's encoding is answered [`FAILED`].

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::persona::tokens::Encoding;
use crate::persona::tokens::exact::{MAX_PIECE, Vocabulary, count_with};
use crate::persona::tokens::protocol::{FAILED, READY, answer, read_request};

/// Starts answering the page's requests in `encoding`, counted with
/// `vocabulary`, and says so ([`READY`]).
pub fn start(encoding: Encoding, vocabulary: Vocabulary) {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else { return };
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let message = ev.data().as_string().unwrap_or_default();
        let _ = reply.post_message(&JsValue::from_str(&respond(&message, encoding, vocabulary)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so does its handler.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

/// The answer to one request.
fn respond(request: &str, own: Encoding, vocabulary: Vocabulary) -> String {
    match read_request(request) {
        Some((job, encoding, texts)) if encoding == own => {
            let bpe = vocabulary();
            answer(job, encoding, texts.into_iter().map(|t| count_with(bpe, t, MAX_PIECE)))
        }
        _ => FAILED.to_string(),
    }
}
