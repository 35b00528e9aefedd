//! A share link made by the native encoder (`miniz_oxide`), which the
//! browser's `DecompressionStream` must open too (`tests/web.rs`), and
//! what it holds. `tests/library.rs` checks it against the native decoder.

use persona_playground::library::Preset;
use persona_playground::library::share::Shared;
use persona_playground::persona::{Id, Style};

/// The link's fragment.
pub const NATIVE_LINK: &str = "share=2.fcvBCoJAEMbxVxm-riYiQeC1NyiiQ3pY7FsSdA1nikJ893bp1MW5zX_mN8P4NlTYyGF07b0OddjKWSnHp5qURbnLU7lMnVGMahp3ZPBdz8jahPLhFova55d6uvQxeo_qiuJ_9mgyPCYqTeN5RnBDUie-GCSZFbk0yxc";

/// What [`NATIVE_LINK`] carries.
pub fn native_link_holds() -> Shared {
    Shared {
        text: "# Coach\n\n- Use Rust 2024.\n- Write tests.\n".into(),
        file_name: Some("coach.md".into()),
        style: Style::Clean,
        excluded: vec![Id(7)],
        presets: vec![Preset { name: "Seven off".into(), off: vec![Id(7)] }],
    }
}
