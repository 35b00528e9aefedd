//! The tokenizer worker's side (wasm only): answers the app's requests for
//! exact token counts, off the page's thread.
//!
//! A request is `{ job, encoding, texts }` (a number, an encoding's key,
//! an array of strings); the answer is `{ job, encoding, counts }` with a
//! `Uint32Array` of one count per text, or `{ job, error }`. The
//! vocabulary of an encoding is built at its first request. Nothing is
//! kept between requests but the vocabularies; nothing is sent anywhere
//! but back to the page.

use js_sys::{Array, Object, Reflect, Uint32Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::persona::tokens::Encoding;
use crate::persona::tokens::exact::count;

/// Starts answering the page's messages.
pub fn start() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else { return };
    let answer = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let _ = answer.post_message(&respond(&ev.data()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so does its handler.
    on_message.forget();
    // Tells the page the worker has started.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The answer to one request.
fn respond(request: &JsValue) -> JsValue {
    let field = |name: &str| Reflect::get(request, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    let job = field("job");
    let out = Object::new();
    let _ = Reflect::set(&out, &"job".into(), &job);
    let key = field("encoding").as_string().unwrap_or_default();
    let Some(encoding) = Encoding::from_key(&key) else {
        let _ = Reflect::set(&out, &"error".into(), &format!("unknown encoding {key:?}").into());
        return out.into();
    };
    let texts: Array = field("texts").dyn_into().unwrap_or_default();
    let counts: Vec<u32> = texts
        .iter()
        .map(|t| u32::try_from(count(&t.as_string().unwrap_or_default(), encoding)).unwrap_or(u32::MAX))
        .collect();
    let _ = Reflect::set(&out, &"encoding".into(), &key.into());
    let _ = Reflect::set(&out, &"counts".into(), &Uint32Array::from(counts.as_slice()).into());
    out.into()
}
