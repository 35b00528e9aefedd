//! Importing files: any file whose content is text, whatever its name,
//! with its encoding read (UTF-8 with or without BOM, UTF-16 with a BOM);
//! binary content and files over [`MAX_IMPORT`] are refused by name.

/// Files above this size are refused by the importer.
pub const MAX_IMPORT: usize = 8 * 1024 * 1024;

/// Why a file was not imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Binary content (NUL bytes, or bytes that are not UTF-8 or UTF-16).
    #[error("“{0}” was not imported: it is not a text file.")]
    Binary(String),
    /// Above [`MAX_IMPORT`].
    #[error("“{0}” was not imported: it is larger than 8 MB.")]
    TooLarge(String),
}

/// The text of an imported file, or why it cannot be imported. Any file
/// whose content is text is read, whatever its name (`.clinerules`,
/// `.roomodes`, `.prompt`, `GEMINI.md`, …); the name only helps detect
/// the dialect. UTF-8 (with or without BOM) and UTF-16 with a BOM are
/// read; a character cut off at the very end is dropped; NUL bytes or
/// invalid UTF-8 mean binary.
///
/// # Errors
/// An [`ImportError`] naming the file.
pub fn import_text(name: &str, bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.len() > MAX_IMPORT {
        return Err(ImportError::TooLarge(name.to_string()));
    }
    let utf16 = |rest: &[u8], le: bool| -> Option<String> {
        let units = rest.chunks_exact(2).map(|c| {
            let pair = [c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0)];
            if le { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
        });
        char::decode_utf16(units).collect::<Result<String, _>>().ok()
    };
    let text = match bytes {
        [0xff, 0xfe, rest @ ..] => utf16(rest, true),
        [0xfe, 0xff, rest @ ..] => utf16(rest, false),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => Some(s.to_string()),
            // A multi-byte character cut off at the end only.
            Err(e) if e.error_len().is_none() => {
                bytes.get(..e.valid_up_to()).and_then(|b| std::str::from_utf8(b).ok()).map(str::to_string)
            }
            Err(_) => None,
        },
    };
    match text {
        Some(t) if !t.contains('\0') => Ok(t),
        _ => Err(ImportError::Binary(name.to_string())),
    }
}
