//! The "What it costs" panel of the prompt pane: the **Tokenizer** choice
//! with what its counts are (exact, or estimated and why), the **Budget**
//! a person holds the selection to, with a meter ("18,240 of 30,000
//! characters, 11,760 left"), and the **Largest parts** of the selection,
//! each a link to it in the structure.

use leptos::prelude::*;

use super::deferred::{ViewFn, deferred};

use super::anchors::unit_href;
use super::doc::DocState;
use super::sections::Jump;
use super::tokens::{Load, Tokens};
use crate::persona::tokens::budget::TOKENS_KEY;
use crate::persona::tokens::parts::labels;
use crate::persona::tokens::{Budget, CLAUDE_PER_O200K, Largest, Measure, Tokenizer, budgets, largest};

/// How many parts "Largest parts" lists.
const LARGEST: usize = 10;

/// The longest label a part gets in the list, in characters.
const LABEL_CHARS: usize = 60;

/// The token budget a person starts from when choosing "A number of tokens".
const FIRST_TOKEN_BUDGET: usize = 8_000;

/// What the counts are, for the note under the Tokenizer choice.
fn what_counts(t: Tokenizer, load: Load) -> String {
    match (t, load) {
        (_, Load::Failed) => "The tokenizer could not load: counts are estimates (≈).".to_string(),
        (_, Load::Waiting | Load::Loading) => {
            "Counts are estimates (≈) until the tokenizer has loaded.".to_string()
        }
        (Tokenizer::Claude, Load::Ready) => format!(
            "Claude counts are estimates (≈): the o200k_base count plus {} %. Anthropic publishes no tokenizer for current models.",
            (CLAUDE_PER_O200K - 1000) / 10
        ),
        (_, Load::Ready) => "Counts are exact; ≈ marks a count still being updated.".to_string(),
    }
}

/// The panel.
#[component]
pub fn CostPanel(
    /// The document.
    doc: DocState,
    /// Its counts.
    tokens: Tokens,
    /// How a part's link shows it in the structure.
    jump: Jump,
) -> impl IntoView {
    deferred("Loading what it costs…", costs_code(), (doc, tokens, jump))
}

/// The code of [`CostPanel`], loaded after the first structure.
#[cfg_attr(feature = "split", leptos::lazy)]
#[allow(clippy::unused_async, reason = "a loader: with the split it awaits its code")]
pub async fn costs_code() -> ViewFn<(DocState, Tokens, Jump)> {
    cost_panel as ViewFn<(DocState, Tokens, Jump)>
}

/// The panel itself.
fn cost_panel((doc, tokens, jump): (DocState, Tokens, Jump)) -> AnyView {
    ({
    let chosen = RwSignal::new(String::new());
    let typed = RwSignal::new(FIRST_TOKEN_BUDGET);
    let budget = move || {
        let key = chosen.get();
        if key == TOKENS_KEY {
            return Some(Budget::tokens(typed.get()));
        }
        budgets().into_iter().find(|b| b.key == key)
    };
    let used = move |b: Budget| match b.measure {
        Measure::Characters => doc.prompt.with(|f| f.text.chars().count()),
        Measure::DescriptionCharacters => {
            doc.persona.with(|p| p.description.as_deref().map_or(0, |d| d.chars().count()))
        }
        Measure::Tokens => tokens.tokenizer.get().shown(tokens.prompt_count().0),
    };
    let meter = move || {
        budget().map(|b| {
            let n = used(b);
            let over = n > b.limit;
            view! {
                <p class="meter" class:over=over>
                    <meter
                        id="budget-meter"
                        aria-label="Budget used"
                        aria-describedby="budget-text"
                        min="0"
                        max=b.limit.to_string()
                        value=n.to_string()
                    ></meter>
                    " "
                    <span id="budget-text">{b.describe(n)}</span>
                </p>
            }
        })
    };
    view! {
        // Titled by its disclosure's summary (prefs::Tool).
        <section class="costs" aria-labelledby="costs-title">
            <div class="field">
                <label for="tokenizer">"Tokenizer"</label>
                <select
                    id="tokenizer"
                    on:change=move |ev| {
                        if let Some(t) = Tokenizer::from_key(&event_target_value(&ev)) {
                            tokens.choose(t);
                        }
                    }
                >
                    {Tokenizer::ALL
                        .map(|t| {
                            view! {
                                <option value=t.key() prop:selected=move || tokens.tokenizer.get() == t>
                                    {t.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <p class="note">{move || what_counts(tokens.tokenizer.get(), tokens.load.get())}</p>
            <div class="field">
                <label for="budget">"Budget"</label>
                <select id="budget" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">"None"</option>
                    {budgets().into_iter().map(|b| view! { <option value=b.key>{b.label()}</option> }).collect_view()}
                    <option value=TOKENS_KEY>"A number of tokens"</option>
                </select>
                <span class="token-budget" hidden=move || chosen.get() != TOKENS_KEY>
                    <label for="budget-tokens">"Token budget"</label>
                    <input
                        id="budget-tokens"
                        type="number"
                        min="1"
                        inputmode="numeric"
                        value=FIRST_TOKEN_BUDGET.to_string()
                        on:input=move |ev| {
                            if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() {
                                typed.set(n.max(1));
                            }
                        }
                    />
                </span>
            </div>
            {meter}
            <LargestParts tokens jump />
        </section>
    }
    })
    .into_any()
}

/// The ten costliest sections and units of the selection.
#[component]
fn LargestParts(tokens: Tokens, jump: Jump) -> impl IntoView {
    // The list and its labels change less often than the counts: the
    // items re-render only when they do.
    let list = Memo::new(move |old: Option<&Vec<(Largest, String)>>| {
        let list = tokens.counted.with(|c| {
            tokens.sections.with(|costs| {
                tokens.selection().with(|sel| largest(&c.0.parts, &c.0.all, &costs.0, sel, LARGEST))
            })
        });
        // The same parts as before keep their labels (a walk of the model).
        if let Some(old) = old.filter(|o| o.iter().map(|(l, _)| l.id).eq(list.iter().map(|l| l.id))) {
            return list.into_iter().zip(old.iter().map(|(_, name)| name.clone())).collect();
        }
        let ids: Vec<_> = list.iter().map(|l| l.id).collect();
        let names = tokens.persona().with(|p| labels(p, &ids, LABEL_CHARS));
        list.into_iter().zip(names).collect()
    });
    let items = move || {
        let exact = tokens.counted.with(|c| c.0.exact);
        list.get()
            .into_iter()
            .map(|(part, name)| {
                let (id, path) = (part.id, part.path);
                view! {
                    <li>
                        <a
                            href=unit_href(id)
                            on:click=move |ev| {
                                ev.prevent_default();
                                jump.to(id, &path);
                            }
                        >
                            {name}
                        </a>
                        " "
                        <span class="cost">{tokens.shown(part.cost, exact)}<span class="sr-only">" tokens"</span></span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <h4 id="largest-title">"Largest parts"</h4>
        <ol class="largest" aria-labelledby="largest-title">{items}</ol>
    }
}
