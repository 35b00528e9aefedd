//! Share links' compression by the browser itself: raw deflate through
//! `CompressionStream` and `DecompressionStream`, so the app carries no
//! deflate code of its own. Inflating reads the output chunk by chunk and
//! stops past [`MAX_DECODED`] bytes (a deflate bomb), and a stream the
//! browser cannot inflate is a [`ShareError`], never a panic.
//!
//! The format is the one [`crate::library::share`] describes; natively,
//! `miniz_oxide` makes and reads the same bytes.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair, WritableStream};

use super::browser::BrowserError;
use crate::library::share::{self, MAX_DECODED, ShareError, Shared};

// web-sys has these two behind `--cfg=web_sys_unstable_apis`, a flag for
// every build; the two constructors and two getters the app needs are
// declared here instead.
#[wasm_bindgen]
extern "C" {
    /// A `CompressionStream` or `DecompressionStream`: a transform with a
    /// readable and a writable side.
    type Transform;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &Transform) -> ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &Transform) -> WritableStream;
}

/// A new `CompressionStream` or `DecompressionStream` (`class`) for raw
/// deflate, as the pair a stream is piped through.
fn deflate_raw(class: &str) -> Result<ReadableWritablePair, JsValue> {
    let class: js_sys::Function = Reflect::get(&js_sys::global(), &JsValue::from_str(class))?.dyn_into()?;
    let stream: Transform =
        Reflect::construct(&class, &Array::of1(&JsValue::from_str("deflate-raw")))?.unchecked_into();
    Ok(ReadableWritablePair::new(&stream.readable(), &stream.writable()))
}

/// The fragment (without `#`) for `shared`.
///
/// # Errors
/// [`BrowserError::Stream`] when the browser cannot compress.
pub async fn encode(shared: &Shared) -> Result<String, BrowserError> {
    let pair = deflate_raw("CompressionStream").map_err(|e| stream_error(&e))?;
    let bytes =
        read_all(through(&share::to_json(shared), &pair)?, usize::MAX).await.map_err(|e| stream_error(&e))?;
    Ok(share::pack(&bytes.unwrap_or_default()))
}

/// Decodes a URL fragment; `Ok(None)` when it is not a share link.
///
/// # Errors
/// A [`ShareError`] saying why a share link cannot be opened.
pub async fn decode(fragment: &str) -> Result<Option<Shared>, ShareError> {
    let Some(packed) = share::unpack(fragment)? else { return Ok(None) };
    let pair = deflate_raw("DecompressionStream").map_err(|_| ShareError::Unsupported)?;
    let out = through(&packed.deflated, &pair).map_err(|_| ShareError::Corrupt)?;
    // A stream that ends early and one that is not deflate both fail here;
    // the browser does not say which.
    let json =
        read_all(out, MAX_DECODED).await.map_err(|_| ShareError::Corrupt)?.ok_or(ShareError::TooLarge)?;
    share::from_json(&packed, json).map(Some)
}

/// `bytes` piped through `pair`.
fn through(bytes: &[u8], pair: &ReadableWritablePair) -> Result<ReadableStream, BrowserError> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts).map_err(|e| stream_error(&e))?;
    Ok(blob.stream().pipe_through(pair))
}

/// Everything `stream` gives, or `None` past `limit` bytes (the stream is
/// cancelled there).
async fn read_all(stream: ReadableStream, limit: usize) -> Result<Option<Vec<u8>>, JsValue> {
    let reader: ReadableStreamDefaultReader = stream.get_reader().dyn_into()?;
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if Reflect::get(&chunk, &JsValue::from_str("done"))?.is_truthy() {
            return Ok(Some(out));
        }
        let bytes: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))?.dyn_into()?;
        if out.len() + bytes.length() as usize > limit {
            let _ = reader.cancel();
            return Ok(None);
        }
        out.extend(bytes.to_vec());
    }
}

fn stream_error(e: &JsValue) -> BrowserError {
    BrowserError::Stream(e.as_string().unwrap_or_else(|| format!("{e:?}")))
}
