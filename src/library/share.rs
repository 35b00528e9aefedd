//! Share links: a document, its selection and its style in a URL fragment.
//!
//! Format: `#share=2.<data>`, where `<data>` is base64url (no padding) of
//! the raw-deflated JSON `{"text", "file", "style", "off", "presets",
//! "variables"}` (`off` lists the switched-off ids; `presets`, left out
//! when there are none, the document's named selections as
//! `[{"name", "off"}]`: a link opens on its selection, so on the preset it
//! was made from; `variables`, left out when nothing is set, the values of
//! its variables as the library stores them). Links without `presets` or
//! `variables` (made before they existed) open as before; older builds
//! ignore the keys. The fragment never reaches a server. The `2.` is
//! the format version, outside the compressed data so that a future format
//! can be told apart before decoding. Format 1 is the same, with ids made
//! by id scheme 1 ([`crate::persona::ids`]): opening such a link maps them
//! to today's ids.
//!
//! Deflating and inflating are the platform's: the browser's
//! `CompressionStream` and `DecompressionStream('deflate-raw')` in the app
//! (`ui::deflate`), `miniz_oxide` natively (tests, fuzzing). This module
//! does the rest ([`to_json`], [`pack`], [`unpack`], [`from_json`]), and
//! [`encode`] and [`decode`] put it together with `miniz_oxide`.
//!
//! Decoding never panics and never trusts its input: unknown versions,
//! characters outside base64url, cut-off data, a corrupt deflate stream,
//! output above [`MAX_DECODED`] (a deflate bomb) and bad JSON each give a
//! [`ShareError`] whose message says what happened in plain words.

use serde::{Deserialize, Serialize};

use super::{Preset, Work};
use crate::persona::migration::Migration;
use crate::persona::variables::Values;
use crate::persona::{Id, Style};

/// The fragment key of a share link.
pub const PREFIX: &str = "share=";
/// The format version written into links.
pub const VERSION: &str = "2";
/// The format whose ids are id scheme 1; still opened.
const VERSION_SCHEME_1: &str = "1";
/// Links longer than this (in characters) may be cut by chat tools: Discord
/// and several others cut messages at 2,000 characters.
pub const LONG_LINK: usize = 2_000;
/// Decoded payloads above this size are refused.
pub const MAX_DECODED: usize = 16 * 1024 * 1024;

/// What a share link carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    /// The document text.
    pub text: String,
    /// The file name the document came from (a dialect hint).
    #[serde(default, rename = "file", skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// The output style.
    #[serde(default)]
    pub style: Style,
    /// The switched-off ids.
    #[serde(default, rename = "off")]
    pub excluded: Vec<Id>,
    /// The document's presets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presets: Vec<Preset>,
    /// The values of its variables.
    #[serde(default, skip_serializing_if = "Values::is_empty")]
    pub variables: Values,
}

impl From<&Work> for Shared {
    /// A link carries the document as it is now, with its presets: not its
    /// original or its history, which stay in the library of the person who made it.
    fn from(work: &Work) -> Self {
        Self {
            text: work.text.clone(),
            file_name: work.file_name.clone(),
            style: work.style,
            excluded: work.excluded.clone(),
            presets: work.presets.clone(),
            variables: work.variables.clone(),
        }
    }
}

impl From<Shared> for Work {
    /// A shared document opens as it was shared, as its own original.
    fn from(shared: Shared) -> Self {
        Self {
            style: shared.style,
            excluded: shared.excluded,
            presets: super::presets::normalised(shared.presets),
            variables: shared.variables.normalised(),
            ..Work::new(shared.text, shared.file_name)
        }
    }
}

/// Why a share link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// The version before the `.` is not one this app knows.
    #[error("This share link was made by a newer version of Persona Playground (format {0}).")]
    UnknownVersion(String),
    /// A character outside base64url.
    #[error("This share link is damaged: it has a character that does not belong at position {0}.")]
    BadCharacter(usize),
    /// The data stops early.
    #[error("This share link is incomplete: it was probably cut off when it was copied.")]
    Truncated,
    /// The compressed data does not decompress.
    #[error("This share link is damaged: its data does not decompress.")]
    Corrupt,
    /// The browser cannot inflate raw deflate (`DecompressionStream`).
    #[error(
        "This browser cannot open share links (it has no DecompressionStream); the link is left in the address bar to open in another browser."
    )]
    Unsupported,
    /// The data decompresses to too much.
    #[error("This share link holds more than 16 MB of text, which is refused.")]
    TooLarge,
    /// The data decompresses but is not a shared document.
    #[error("This share link is damaged: its content cannot be read ({0}).")]
    BadContent(String),
}

/// A share link's format and compressed data, before inflating.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packed {
    /// Whether its ids are id scheme 1 (format 1).
    scheme_1: bool,
    /// The raw-deflated JSON.
    pub deflated: Vec<u8>,
}

/// The JSON a link carries for `shared`, to be raw-deflated.
#[must_use]
pub fn to_json(shared: &Shared) -> Vec<u8> {
    serde_json::to_vec(shared).unwrap_or_default()
}

/// The fragment (without `#`) for raw-deflated JSON.
#[must_use]
pub fn pack(deflated: &[u8]) -> String {
    format!("{PREFIX}{VERSION}.{}", base64url_encode(deflated))
}

/// Reads a URL fragment (with or without its `#`) up to its compressed
/// data. `Ok(None)` means the fragment is not a share link at all.
///
/// # Errors
/// A [`ShareError`] for an unknown format, a bad character or a cut-off
/// link.
pub fn unpack(fragment: &str) -> Result<Option<Packed>, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(rest) = fragment.strip_prefix(PREFIX) else { return Ok(None) };
    let (version, data) = rest.split_once('.').ok_or(ShareError::Truncated)?;
    if version != VERSION && version != VERSION_SCHEME_1 {
        return Err(ShareError::UnknownVersion(version.chars().take(12).collect()));
    }
    let offset = fragment.len() - data.len();
    let deflated = base64url_decode(data).map_err(|e| match e {
        ShareError::BadCharacter(i) => ShareError::BadCharacter(i + offset + 1),
        other => other,
    })?;
    Ok(Some(Packed { scheme_1: version == VERSION_SCHEME_1, deflated }))
}

/// The shared document in a link's inflated JSON (its ids mapped to
/// today's for a format-1 link).
///
/// # Errors
/// [`ShareError::BadContent`] when the JSON is not a shared document.
pub fn from_json(packed: &Packed, json: Vec<u8>) -> Result<Shared, ShareError> {
    // As text, like everything else the app reads: one JSON reader in the build.
    let json = String::from_utf8(json).map_err(|e| ShareError::BadContent(e.to_string()))?;
    let mut shared =
        serde_json::from_str::<Shared>(&json).map_err(|e| ShareError::BadContent(e.to_string()))?;
    if packed.scheme_1 {
        shared.excluded =
            Migration::scheme_1_ids(&shared.text, shared.file_name.as_deref(), &shared.excluded);
    }
    Ok(shared)
}

/// The fragment (without `#`) for `shared`, deflated by `miniz_oxide`. The
/// browser build deflates with the browser's own `CompressionStream`
/// (`ui::deflate`), and the same format comes out.
#[cfg(not(target_arch = "wasm32"))]
#[must_use]
pub fn encode(shared: &Shared) -> String {
    pack(&miniz_oxide::deflate::compress_to_vec(&to_json(shared), 9))
}

/// Decodes a URL fragment (with or without its `#`), inflating with
/// `miniz_oxide` under the [`MAX_DECODED`] limit. `Ok(None)` means the
/// fragment is not a share link at all.
///
/// # Errors
/// A [`ShareError`] saying why a share link cannot be opened.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(fragment: &str) -> Result<Option<Shared>, ShareError> {
    let Some(packed) = unpack(fragment)? else { return Ok(None) };
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed.deflated, MAX_DECODED).map_err(|e| {
            use miniz_oxide::inflate::TINFLStatus;
            match e.status {
                TINFLStatus::HasMoreOutput => ShareError::TooLarge,
                TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => ShareError::Truncated,
                _ => ShareError::Corrupt,
            }
        })?;
    from_json(&packed, json).map(Some)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn sextet(i: u32) -> char {
    ALPHABET.get((i & 63) as usize).map_or('A', |&b| char::from(b))
}

/// Base64url without padding (RFC 4648 §5).
#[must_use]
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(sextet(n >> 18));
        out.push(sextet(n >> 12));
        if chunk.len() > 1 {
            out.push(sextet(n >> 6));
        }
        if chunk.len() > 2 {
            out.push(sextet(n));
        }
    }
    out
}

fn value_of(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'-' | b'+' => Some(62),
        b'_' | b'/' => Some(63),
        _ => None,
    }
}

/// Decodes base64url; also accepts `+`, `/`, trailing `=` padding and
/// whitespace that chat tools insert when they wrap a long link.
///
/// # Errors
/// [`ShareError::BadCharacter`] with the 0-based position of a bad
/// character, or [`ShareError::Truncated`] for a length no encoder makes.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 3);
    let mut acc = 0u32;
    let mut bits = 0u32;
    let mut count = 0usize;
    for (i, c) in text.bytes().enumerate() {
        if c.is_ascii_whitespace() || c == b'=' {
            continue;
        }
        let v = value_of(c).ok_or(ShareError::BadCharacter(i))?;
        acc = (acc << 6) | v;
        bits += 6;
        count += 1;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    if count % 4 == 1 {
        return Err(ShareError::Truncated);
    }
    Ok(out)
}
