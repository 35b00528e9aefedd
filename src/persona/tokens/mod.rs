//! What a prompt costs in tokens: the tokenizers a person chooses between,
//! an instant estimate, exact counts, the cost of every part of a
//! document, and the budgets tools set.
//!
//! Exact counts ([`exact`]) need the tokenizers' vocabularies, megabytes
//! the app does not load at first: the app counts with [`estimate`] at
//! once, and a worker (`src/bin/tokenizer_o200k.rs` or `…_cl100k.rs`)
//! sends exact counts when it has them. Anthropic publishes no tokenizer for current Claude models,
//! so Claude figures are an estimate derived from the o200k count
//! ([`Tokenizer::Claude`]).

pub mod budget;
pub mod chunks;
pub mod estimate;
pub mod exact;
pub mod parts;
pub mod protocol;

pub use budget::{Budget, Measure, budgets};
pub use parts::{Costs, Largest, Part, costs, largest, parts, section_costs};

/// An encoding the worker counts exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// `o200k_base` (`OpenAI`).
    O200k,
    /// `cl100k_base` (`OpenAI`).
    Cl100k,
}

impl Encoding {
    /// The encoding's name, as the worker's messages carry it.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Encoding::O200k => "o200k_base",
            Encoding::Cl100k => "cl100k_base",
        }
    }

    /// The encoding named `key`.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        [Encoding::O200k, Encoding::Cl100k].into_iter().find(|e| e.key() == key)
    }
}

/// The count the UI shows: a person's choice in the "Tokenizer" select.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tokenizer {
    /// `o200k_base`: GPT-4o, GPT-4.1, GPT-5, the o-series.
    #[default]
    O200k,
    /// `cl100k_base`: GPT-4, GPT-3.5.
    Cl100k,
    /// Claude: the o200k count times [`CLAUDE_PER_O200K`], an estimate.
    Claude,
}

/// Claude tokens per o200k token, in thousandths. Anthropic publishes no
/// tokenizer for current models; counts reported by its API run about a
/// fifth above o200k's for English prose and code, so Claude figures are
/// the o200k count plus 20 %, always shown as an estimate.
pub const CLAUDE_PER_O200K: usize = 1200;

impl Tokenizer {
    /// Every choice, in menu order.
    pub const ALL: [Tokenizer; 3] = [Tokenizer::O200k, Tokenizer::Cl100k, Tokenizer::Claude];

    /// A short stable key (form values, saved preference).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Tokenizer::O200k => "o200k",
            Tokenizer::Cl100k => "cl100k",
            Tokenizer::Claude => "claude",
        }
    }

    /// The choice saved as `key`.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }

    /// The menu label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Tokenizer::O200k => "o200k_base (GPT-4o, GPT-4.1, GPT-5, o-series)",
            Tokenizer::Cl100k => "cl100k_base (GPT-4, GPT-3.5)",
            Tokenizer::Claude => "Claude (estimate from o200k)",
        }
    }

    /// The encoding whose exact count this choice is made from.
    #[must_use]
    pub fn encoding(self) -> Encoding {
        match self {
            Tokenizer::O200k | Tokenizer::Claude => Encoding::O200k,
            Tokenizer::Cl100k => Encoding::Cl100k,
        }
    }

    /// What this choice shows for a text the encoding counts as `count`.
    #[must_use]
    pub fn shown(self, count: usize) -> usize {
        match self {
            Tokenizer::O200k | Tokenizer::Cl100k => count,
            Tokenizer::Claude => count.saturating_mul(CLAUDE_PER_O200K).div_ceil(1000),
        }
    }

    /// Whether its figures are estimates even when the worker has counted.
    #[must_use]
    pub fn always_estimated(self) -> bool {
        self == Tokenizer::Claude
    }
}
