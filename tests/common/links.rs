//! A share link made by the native encoder (`miniz_oxide`), which the
//! browser's `DecompressionStream` must open too (`tests/web.rs`), and
//! what it holds. `tests/library.rs` checks it against the native decoder.

use persona_playground::library::Preset;
use persona_playground::library::share::Shared;
use persona_playground::persona::variables::Values;
use persona_playground::persona::{Id, Style};

/// The link's fragment.
pub const NATIVE_LINK: &str = "share=2.fY6xCsJADIZf5YhrLaUIQlffQBEH6xBrWgvXqzS5ohz37uYoDi7NlP9LvpAAQm-BCjbmMGLzrF3ttubMZEKw6DqPHcWYJ3iZeiEjxMKaIYO2t6Rmk7x8eChh-SzIEqaNsW2hukLxX3u4ZfCaiElYxwEcDsk60UzOJGfFjOrOOPV4t6R20GD90v3-1VNHz2LKotxBjPEL";

/// What [`NATIVE_LINK`] carries.
pub fn native_link_holds() -> Shared {
    Shared {
        text: "# Coach\n\n- Use {{language}}.\n- Write tests.\n".into(),
        file_name: Some("coach.md".into()),
        style: Style::Clean,
        excluded: vec![Id(7)],
        presets: vec![Preset { name: "Seven off".into(), off: vec![Id(7)] }],
        variables: Values {
            values: [("language".to_string(), "Rust 2024".to_string())].into_iter().collect(),
            ..Values::default()
        },
    }
}
