//! Criterion benchmark: parse plus assemble on a 20 KB and a 1 MB persona,
//! beside a bare pulldown-cmark pass over the same text; and the guideline
//! filter (index, then a two-word query) on a persona of 20,000 items; and
//! variables (listing them, filling the prompt) on a 20 KB and a 1 MB
//! persona with a placeholder in every area.
#![allow(missing_docs, clippy::unwrap_used)]

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use persona_playground::persona::assemble::units;
use persona_playground::persona::find::{Index, Query};
use persona_playground::persona::markdown::options;
use persona_playground::persona::variables::{Values, fill_prompt, variables};
use persona_playground::persona::{Selection, Style, assemble, parse};
use pulldown_cmark::Parser;

/// A realistic persona of about `bytes` bytes: frontmatter, sections,
/// labelled and nested lists, paragraphs, code and a table.
fn persona(bytes: usize) -> String {
    persona_until(|s, _| s.len() >= bytes)
}

/// The same persona, grown area by area until `done(text, areas)`.
fn persona_until(done: impl Fn(&str, usize) -> bool) -> String {
    let mut s = String::from(
        "---\nname: bench-agent\ndescription: A long persona for benchmarks.\ntools: Read, Grep, Bash\nmodel: sonnet\n---\n# Bench Agent\n\nYou review code carefully and explain every finding.\n\n",
    );
    let mut n = 0;
    while !done(&s, n) {
        n += 1;
        let _ = write!(
            s,
            "## Area {n}\n\nThis area covers **topic {n}** and how `module_{n}` should behave.\n\nMust follow:\n"
        );
        for i in 0..8 {
            let _ =
                writeln!(s, "- Rule {n}.{i}: keep functions short, name things well, and test edge cases.");
            if i % 3 == 0 {
                let _ = writeln!(s, "  - Nested detail {n}.{i} with a [link](https://example.com/{n}).");
            }
        }
        if n % 4 == 0 {
            let _ = write!(s, "\n```rust\nfn area_{n}() -> u32 {{ {n} }}\n```\n");
        }
        if n % 5 == 0 {
            let _ = write!(s, "\n| Key | Value |\n|---|---|\n| a{n} | b{n} |\n");
        }
        s.push('\n');
    }
    s
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine");
    for (label, size) in [("20KB", 20 * 1024), ("1MB", 1024 * 1024)] {
        let doc = persona(size);
        group.throughput(Throughput::Bytes(doc.len() as u64));
        if size > 100_000 {
            group.sample_size(20);
        }
        group.bench_with_input(BenchmarkId::new("parse+assemble", label), &doc, |b, doc| {
            b.iter(|| {
                let p = parse(black_box(doc));
                black_box(assemble(&p, &Selection::all(), Style::Original))
            });
        });
        group.bench_with_input(BenchmarkId::new("parse", label), &doc, |b, doc| {
            b.iter(|| black_box(parse(black_box(doc))));
        });
        group.bench_with_input(BenchmarkId::new("assemble-clean", label), &doc, |b, doc| {
            let p = parse(doc);
            b.iter(|| black_box(assemble(&p, &Selection::all(), Style::Clean)));
        });
        group.bench_with_input(BenchmarkId::new("bare-pulldown", label), &doc, |b, doc| {
            b.iter(|| Parser::new_ext(black_box(doc), options()).into_offset_iter().count());
        });
    }
    group.finish();
}

/// The filter on 20,000 items (11 per area): the index, built once per
/// parse, and a two-word query, run per keystroke. "nested link" matches
/// the nested items (3 of each area's 11); "zebra nested" matches nothing.
fn bench_find(c: &mut Criterion) {
    let mut group = c.benchmark_group("find");
    let doc = persona_until(|_, areas| areas * 11 >= 20_000);
    let p = parse(&doc);
    eprintln!("find: {} bytes, {} units", doc.len(), units(&p).len());
    group.bench_function("index/20k-items", |b| b.iter(|| black_box(Index::new(black_box(&p)))));
    let index = Index::new(&p);
    for query in ["nested link", "zebra nested"] {
        let q = Query::parse(query);
        group.bench_with_input(BenchmarkId::new("find/20k-items", query), &q, |b, q| {
            b.iter(|| black_box(index.find(black_box(q))));
        });
    }
    group.finish();
}

/// The persona with `{{topic}}` and `[YOUR TEAM]` in every area.
fn template(bytes: usize) -> String {
    persona(bytes).replace("## Area ", "## Area for {{topic}} and [YOUR TEAM], ")
}

fn bench_variables(c: &mut Criterion) {
    let mut group = c.benchmark_group("variables");
    for (label, bytes) in [("20KB", 20 * 1024), ("1MB", 1024 * 1024)] {
        let doc = template(bytes);
        let p = parse(&doc);
        let none = Values::default();
        let vars = variables(&p, &none);
        let prompt = assemble(&p, &Selection::all(), Style::Original);
        let values: Values = Values {
            values: [("topic".to_string(), "Rust".to_string())].into_iter().collect(),
            ..Values::default()
        };
        group.throughput(Throughput::Bytes(doc.len() as u64));
        group.bench_function(BenchmarkId::new("list", label), |b| {
            b.iter(|| black_box(variables(black_box(&p), &none)));
        });
        group.bench_function(BenchmarkId::new("fill", label), |b| {
            b.iter(|| black_box(fill_prompt(&p, black_box(&prompt), &values, &vars, &[])));
        });
    }
    group.finish();
}

fn bench_tokens(c: &mut Criterion) {
    use persona_playground::persona::tokens::{Encoding, costs, estimate::estimate, exact, parts};
    let mut group = c.benchmark_group("tokens");
    group.sample_size(10);
    exact::prepare(Encoding::O200k);
    exact::prepare(Encoding::Cl100k);
    for (label, bytes) in [("20KB", 20 * 1024), ("1MB", 1024 * 1024)] {
        let doc = persona(bytes);
        let p = parse(&doc);
        let prompt = assemble(&p, &Selection::all(), Style::Original);
        group.throughput(Throughput::Bytes(doc.len() as u64));
        for e in [Encoding::O200k, Encoding::Cl100k] {
            group.bench_function(BenchmarkId::new(format!("exact {}", e.key()), label), |b| {
                b.iter(|| black_box(exact::count(black_box(&prompt), e)));
            });
        }
        group.bench_function(BenchmarkId::new("estimate", label), |b| {
            b.iter(|| black_box(estimate(black_box(&prompt), Encoding::O200k)));
        });
        group.bench_function(BenchmarkId::new("parts and costs (estimated)", label), |b| {
            b.iter(|| {
                let cut = parts(black_box(&p));
                let counts: Vec<usize> = cut.texts(&p).map(|t| estimate(t, Encoding::O200k)).collect();
                black_box(costs(&cut, &counts, &Selection::all()))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_find, bench_variables, bench_tokens);
criterion_main!(benches);
