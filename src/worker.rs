//! The tokenizer worker's side (wasm only): answers the app's requests for
//! exact token counts, off the page's thread.
//!
//! Requests and answers are strings ([`crate::persona::tokens::protocol`]).
//! The vocabulary of an encoding is built at its first request. Nothing is
//! kept between requests but the vocabularies, and nothing is sent
//! anywhere but back to the page. A message that is not a request is
//! answered `error`.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::persona::tokens::exact::count;
use crate::persona::tokens::protocol::{answer, read_request};

/// Starts answering the page's messages, and says so ("ready").
pub fn start() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else { return };
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let _ = reply.post_message(&JsValue::from_str(&respond(&ev.data().as_string().unwrap_or_default())));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so does its handler.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The answer to one request.
fn respond(request: &str) -> String {
    match read_request(request) {
        Some((job, encoding, texts)) => answer(job, encoding, texts.into_iter().map(|t| count(t, encoding))),
        None => "error".to_string(),
    }
}
