//! Token counts: exact counts against reference counts from an independent
//! implementation (`tests/reference/tokens.json`, written by npm
//! gpt-tokenizer), pieces that add up to the whole, part costs that add up
//! to their section's, the estimate's error on the corpus, and hostile
//! input.

use persona_playground::persona::tokens::chunks::pieces;
use persona_playground::persona::tokens::estimate::estimate;
use persona_playground::persona::tokens::exact::{count, count_in_pieces};
use persona_playground::persona::tokens::{Encoding, costs, largest, parts, section_costs};
use persona_playground::persona::{Selection, parse, text::slice};
use serde_json::Value;

const ENCODINGS: [Encoding; 2] = [Encoding::O200k, Encoding::Cl100k];

fn reference() -> Vec<(String, String, [usize; 2])> {
    let raw = include_str!("../reference/tokens.json");
    let v: Value = serde_json::from_str(raw).unwrap();
    v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let repeat = usize::try_from(c["repeat"].as_u64().unwrap_or(1)).unwrap();
            let text = c["text"].as_str().unwrap().repeat(repeat);
            let n = |k: &str| usize::try_from(c[k].as_u64().unwrap()).unwrap();
            (c["name"].as_str().unwrap().to_string(), text, [n("o200k_base"), n("cl100k_base")])
        })
        .collect()
}

#[test]
fn exact_counts_match_the_reference() {
    let cases = reference();
    assert!(cases.len() >= 20);
    let mut wrong = Vec::new();
    for (name, text, expected) in &cases {
        for (e, want) in ENCODINGS.iter().zip(expected) {
            let got = count(text, *e);
            if got != *want {
                wrong.push(format!("{name} ({}): {got}, reference {want}", e.key()));
            }
        }
    }
    eprintln!("tokens: {} reference cases, 2 encodings", cases.len());
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Whether the chunker cut `text` into `pieces` only where it found a line
/// feed with a safe character after it.
fn cut_safely(pieces: &[&str]) -> bool {
    pieces.windows(2).all(|w| {
        let next = w[1].as_bytes()[0];
        w[0].ends_with('\n') && next.is_ascii_graphic() && next != b'/'
    })
}

/// Cutting at the places the chunker chooses changes nothing where it
/// finds a line feed to cut after: small pieces count as the whole.
#[test]
fn pieces_add_up_to_the_whole() {
    let mut safe = 0;
    for (name, text, expected) in reference() {
        let cut: Vec<&str> = pieces(&text, 300).collect();
        if !cut_safely(&cut) {
            continue;
        }
        safe += usize::from(cut.len() > 1);
        for (e, want) in ENCODINGS.iter().zip(expected) {
            assert_eq!(count_in_pieces(&text, *e, 300), want, "{name} in pieces of 300 bytes");
        }
    }
    // And every fixture and corpus document the chunker cuts safely.
    for (name, text) in fixture_sources() {
        let cut: Vec<&str> = pieces(&text, 300).collect();
        if cut.len() < 2 || !cut_safely(&cut) {
            continue;
        }
        safe += 1;
        for e in ENCODINGS {
            let whole = count_in_pieces(&text, e, usize::MAX);
            assert_eq!(count_in_pieces(&text, e, 300), whole, "{name} in pieces of 300 bytes");
        }
    }
    eprintln!("tokens: {safe} texts cut in pieces of 300 bytes count as their whole");
    assert!(safe >= 20, "only {safe} texts were cut safely");
}

/// Where the chunker finds no such line feed (a long run of spaces or
/// line feeds, one long word) it cuts anyway, and the count may then
/// differ from the whole by up to two tokens at each cut.
#[test]
fn forced_cuts_cost_at_most_two_tokens_each() {
    for (name, text, expected) in reference() {
        let cuts = pieces(&text, 300).count().saturating_sub(1);
        for (e, want) in ENCODINGS.iter().zip(expected) {
            let got = count_in_pieces(&text, *e, 300);
            assert!(got.abs_diff(want) <= 2 * cuts, "{name}: {got} vs {want} with {cuts} cuts");
        }
    }
}

#[test]
fn hostile_runs_count_without_failing() {
    let spaces = " ".repeat(1_000_000) + "x";
    let mixed = "\t\u{a0}".repeat(500_000);
    for e in ENCODINGS {
        assert!(count(&spaces, e) > 1000);
        assert!(count(&mixed, e) > 1000);
    }
}

fn fixture_sources() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<(String, String)> = crate::files::files_under(&dir, |_| true)
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
        .collect();
    if let Some(corpus) = crate::corpus::corpus_or_skip("token fixtures and corpus") {
        for p in crate::corpus::corpus_files(&corpus) {
            if let Ok(s) = std::fs::read_to_string(&p) {
                out.push((p.display().to_string(), s));
            }
        }
    }
    out
}

/// A section's cost is its heading's plus its units' (and its lists'
/// labels): counted apart, each boundary between parts may merge or split
/// one token of line feeds, so the section's text counted whole is within
/// one token per part of the sum.
#[test]
fn part_costs_add_up_to_their_sections() {
    let mut checked = 0;
    let mut sections = 0;
    for (name, source) in fixture_sources() {
        let p = parse(&source);
        let cut = parts(&p);
        let counts: Vec<usize> = cut.texts(&p).map(|t| count(t, Encoding::O200k)).collect();
        let all = costs(&cut, &counts, &Selection::all());
        assert_eq!(all.total, counts.iter().sum::<usize>(), "{name}");
        assert_eq!(all.on, all.total, "{name}: everything is on");
        let whole = count(p.body_text(), Encoding::O200k);
        assert!(
            all.total.abs_diff(whole) <= cut.parts.len() + 1,
            "{name}: parts {} vs body {whole}",
            all.total
        );
        for s in p.nodes.iter().filter_map(|n| match n {
            persona_playground::persona::Node::Section(s) => Some(s),
            persona_playground::persona::Node::Block(_) => None,
        }) {
            let Some(cost) = all.section(s.id) else { continue };
            let inside =
                cut.parts.iter().filter(|x| x.span.start >= s.span.start && x.span.end <= s.span.end).count();
            let text = count(slice(&p.text, s.span), Encoding::O200k);
            assert!(
                cost.total.abs_diff(text) <= inside + 1,
                "{name}: section {} costs {} vs {text}",
                s.id,
                cost.total
            );
            sections += 1;
        }
        checked += 1;
    }
    eprintln!("tokens: part costs of {checked} documents ({sections} top-level sections) add up");
    assert!(checked >= 20);
}

#[test]
fn switching_off_lowers_the_cost_on_and_largest_follows() {
    let p = parse(
        "# Reviewer\n\n## Style\n\n- Be concise.\n- Use plain words, never jargon, and explain each term you must use.\n\n## Scope\n\nOnly review the diff.\n",
    );
    let cut = parts(&p);
    let counts: Vec<usize> = cut.texts(&p).map(|t| count(t, Encoding::O200k)).collect();
    let all = costs(&cut, &counts, &Selection::all());
    let top = largest(&cut, &all, &all, &Selection::all(), 10);
    assert!(top.windows(2).all(|w| w[0].cost >= w[1].cost), "{top:?}");
    // The costliest unit: the long item, inside the Style section.
    let item = top.iter().find(|l| !l.section).unwrap();
    assert_eq!(item.path.len(), 1);
    let mut sel = Selection::all();
    sel.set(item.id, false);
    let less = costs(&cut, &counts, &sel);
    let style = item.path[0];
    assert_eq!(less.section(style).unwrap().total, all.section(style).unwrap().total);
    assert_eq!(less.section(style).unwrap().on, all.section(style).unwrap().on - all.unit(item.id).unwrap());
    assert!(largest(&cut, &all, &less, &sel, 10).iter().all(|l| l.id != item.id));
    assert_eq!(section_costs(&cut, &counts, &sel).section(style), less.section(style));
    assert_eq!(section_costs(&cut, &counts, &sel).unit(item.id), None);
    // Everything off: nothing on, not even headings or the title.
    let none = costs(&cut, &counts, &Selection::none(&p));
    assert_eq!(none.on, 0);
}

/// What is "on" is what the prompt keeps: an item switched off keeps its
/// line for a nested item that is on, and the title goes when nothing
/// else is on.
#[test]
fn the_cost_on_is_what_the_prompt_keeps() {
    use persona_playground::persona::assemble::{Style, assemble, units};
    let p = parse("# Title\n\n## Rules\n\n- Parent line.\n  - Nested one.\n  - Nested two.\n- Other.\n");
    let cut = parts(&p);
    let counts: Vec<usize> = cut.texts(&p).map(|t| count(t, Encoding::O200k)).collect();
    let id = |text: &str| {
        let all = units(&p);
        let names = persona_playground::persona::tokens::parts::labels(&p, &all, 80);
        all[names.iter().position(|n| n == text).unwrap()]
    };
    let (title, nested, two, other) = (id("Title"), id("Nested one."), id("Nested two."), id("Other."));
    let mut sel = Selection::none(&p);
    sel.set(nested, true);
    sel.set(title, true);
    let on = costs(&cut, &counts, &sel).on;
    let prompt = assemble(&p, &sel, Style::Original);
    assert!(prompt.contains("Parent line.") && !prompt.contains("Other."), "{prompt:?}");
    // Everything but the two items the prompt leaves out: the title, the
    // heading, the parent's line (kept for its nested item) and the
    // nested item.
    let kept: usize = cut
        .parts
        .iter()
        .zip(&counts)
        .filter(|(x, _)| x.owner != two && x.owner != other)
        .map(|(_, n)| n)
        .sum();
    assert_eq!(on, kept);
    // Only the title on: the prompt is empty, and so is the cost.
    let mut only_title = Selection::none(&p);
    only_title.set(title, true);
    assert_eq!(assemble(&p, &only_title, Style::Original), "");
    assert_eq!(costs(&cut, &counts, &only_title).on, 0);
}

/// The estimate, by kind of character, against the exact o200k and
/// cl100k counts of every fixture and corpus document: its median error
/// and the old rule's (four characters a token, at least 4/3 a word).
#[test]
fn the_estimate_is_close_on_real_documents() {
    let mut errors: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    let mut old = Vec::new();
    for (_, source) in fixture_sources() {
        for (i, e) in ENCODINGS.iter().enumerate() {
            let exact = count(&source, *e);
            if exact < 20 {
                continue;
            }
            errors[i].push(estimate(&source, *e).abs_diff(exact) as f64 / exact as f64);
            if i == 0 {
                let rule = source
                    .chars()
                    .count()
                    .div_ceil(4)
                    .max((source.split_whitespace().count() * 4).div_ceil(3));
                old.push(rule.abs_diff(exact) as f64 / exact as f64);
            }
        }
    }
    // The value at fraction `tenths / 10` of the sorted errors.
    let quantile = |v: &mut Vec<f64>, tenths: usize| {
        v.sort_by(f64::total_cmp);
        v[(v.len() - 1) * tenths / 10]
    };
    let (o_med, o_90) = (quantile(&mut errors[0], 5), quantile(&mut errors[0], 9));
    let (c_med, c_90) = (quantile(&mut errors[1], 5), quantile(&mut errors[1], 9));
    let (old_med, old_90) = (quantile(&mut old, 5), quantile(&mut old, 9));
    eprintln!(
        "tokens: estimate error over {} documents, median / 90th percentile: o200k {:.1} % / {:.1} %, cl100k {:.1} % / {:.1} %; the old rule {:.1} % / {:.1} %",
        old.len(),
        o_med * 100.0,
        o_90 * 100.0,
        c_med * 100.0,
        c_90 * 100.0,
        old_med * 100.0,
        old_90 * 100.0
    );
    assert!(o_med < 0.06 && c_med < 0.06, "median error {o_med} / {c_med}");
    assert!(o_med < old_med && c_med < old_med, "the estimate is no better than the old rule");
    assert!(o_90 < 0.15 && c_90 < 0.15, "90th percentile {o_90} / {c_90}");
}

proptest::proptest! {
    /// Any texts cross to the worker and back whole, and any counts come
    /// back as they were sent.
    #[test]
    fn worker_messages_read_back(job: u32, texts: Vec<String>, counts: Vec<usize>) {
        use persona_playground::persona::tokens::protocol::{answer, read_answer, read_request, request};
        let sent = request(job, Encoding::Cl100k, texts.iter().map(String::as_str));
        let got = read_request(&sent).unwrap();
        proptest::prop_assert_eq!((got.0, got.1), (job, Encoding::Cl100k));
        proptest::prop_assert_eq!(got.2, texts.iter().map(String::as_str).collect::<Vec<_>>());
        let back = read_answer(&answer(job, Encoding::O200k, counts.iter().copied())).unwrap();
        proptest::prop_assert_eq!(back, (job, Encoding::O200k, counts));
    }

    /// Pieces concatenate to the text, and none is longer than asked
    /// (but for one character that is).
    #[test]
    fn pieces_tile_the_text(text in "(?s).{0,400}", max in 1usize..64) {
        let got: Vec<&str> = pieces(&text, max).collect();
        proptest::prop_assert_eq!(got.concat(), text.as_str());
        for p in got {
            proptest::prop_assert!(p.len() <= max.max(4) || p.chars().count() == 1);
        }
    }
}
