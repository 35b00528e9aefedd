//! The budgets a person can hold a selection to: limits tools enforce or
//! warn about, and a number of tokens the person types.
//!
//! The dialect table holds the limits: those its tools enforce (Windsurf's
//! and Copilot's file limits, an Agent Skill's description) and Claude
//! Code's warning about a large `CLAUDE.md` (the AGENTS.md / CLAUDE.md
//! row's `warn_chars`). Sources: README, "Budgets".

use crate::persona::dialect::spec;
use crate::persona::model::Dialect;
use crate::persona::numbers::grouped;

/// The key of the budget of a number of tokens a person types.
pub const TOKENS_KEY: &str = "tokens";

/// What a budget measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Characters of the prompt.
    Characters,
    /// Characters of the persona's description.
    DescriptionCharacters,
    /// Tokens of the prompt, in the chosen tokenizer.
    Tokens,
}

/// A limit to hold the selection to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// A short stable key (form values).
    pub key: &'static str,
    /// What it is, for the menu ("Windsurf rule").
    pub what: &'static str,
    /// The limit.
    pub limit: usize,
    /// What it measures.
    pub measure: Measure,
}

impl Budget {
    /// The menu label: "Windsurf rule: 6,000 characters".
    #[must_use]
    pub fn label(self) -> String {
        format!("{}: {} {}", self.what, grouped(self.limit), self.measure.unit(self.limit))
    }

    /// The meter's text for `used`: "18,240 of 30,000 characters, 11,760
    /// left" or "…, 240 over".
    #[must_use]
    pub fn describe(self, used: usize) -> String {
        let unit = self.measure.unit(self.limit);
        let of = match self.measure {
            Measure::DescriptionCharacters => "description: ",
            Measure::Characters | Measure::Tokens => "",
        };
        let (n, side) =
            if used > self.limit { (used - self.limit, "over") } else { (self.limit - used, "left") };
        format!("{of}{} of {} {unit}, {} {side}", grouped(used), grouped(self.limit), grouped(n))
    }

    /// A budget of `limit` tokens.
    #[must_use]
    pub fn tokens(limit: usize) -> Self {
        Budget { key: TOKENS_KEY, what: "Tokens", limit, measure: Measure::Tokens }
    }
}

impl Measure {
    fn unit(self, n: usize) -> &'static str {
        match (self, n) {
            (Measure::Tokens, 1) => "token",
            (Measure::Tokens, _) => "tokens",
            (_, 1) => "character",
            _ => "characters",
        }
    }
}

/// The tools' budgets, in menu order (the typed token budget is
/// [`Budget::tokens`]).
#[must_use]
pub fn budgets() -> Vec<Budget> {
    let file = |key, what, d: Dialect| {
        spec(d).limits.file_chars.map(|limit| Budget { key, what, limit, measure: Measure::Characters })
    };
    let skill = spec(Dialect::Skill).limits.description_chars.map(|limit| Budget {
        key: "skill-description",
        what: "Agent Skill description",
        limit,
        measure: Measure::DescriptionCharacters,
    });
    let claude = spec(Dialect::AgentsMd).limits.warn_chars.map(|limit| Budget {
        key: "claude-md",
        what: "Claude Code CLAUDE.md",
        limit,
        measure: Measure::Characters,
    });
    std::iter::once(claude)
        .chain([
            skill,
            file("copilot-agent", "GitHub Copilot custom agent", Dialect::CopilotAgent),
            file("windsurf-rule", "Windsurf rule", Dialect::WindsurfRule),
        ])
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tools_budgets_come_from_the_table() {
        let labels: Vec<String> = budgets().into_iter().map(Budget::label).collect();
        assert_eq!(
            labels,
            [
                "Claude Code CLAUDE.md: 40,000 characters",
                "Agent Skill description: 1,024 characters",
                "GitHub Copilot custom agent: 30,000 characters",
                "Windsurf rule: 6,000 characters",
            ]
        );
    }

    #[test]
    fn the_meter_says_over_or_left() {
        let b = budgets().into_iter().find(|b| b.key == "copilot-agent").unwrap_or(Budget::tokens(0));
        assert_eq!(b.describe(18_240), "18,240 of 30,000 characters, 11,760 left");
        assert_eq!(b.describe(30_240), "30,240 of 30,000 characters, 240 over");
        assert_eq!(Budget::tokens(1).describe(0), "0 of 1 token, 1 left");
    }
}
