//! Stable ids: how they are made.
//!
//! An id is a hash of a node's kind and whitespace-normalised identifying
//! text (runs of bytes up to `' '` squashed to one space, both ends
//! trimmed), mixed with how many earlier nodes of the same kind had the same
//! text. Nodes get their ids in document order ([`super::order`]). Only
//! nodes of one kind count each other, so the kinds may be given apart:
//! blocks and items as each block is finished ([`IdGen::assign`], from the
//! producer), the title and sections by [`super::tree`] while it tiles
//! spans. [`super::migration::by_walk`] gives them by the walk instead, to
//! check those.
//!
//! Ids are a stored format: library documents and share links keep the ids
//! a person switched off. Two schemes exist:
//! - [`Fnv`], scheme 1: FNV-1a, one byte per step. Written by library
//!   schema 1 and 2 and by share links of format 1.
//! - [`Words`], scheme 2 (current): eight bytes per step, since FNV's
//!   byte-serial multiply chain was slow (BENCHMARKS.md, 2026-11-24).
//!
//! [`super::migration`] maps scheme-1 ids of a parsed document to the
//! current ones. The `fixture_ids` snapshots pin the current ids and the
//! `fixture_legacy_ids` snapshots pin scheme 1 as earlier builds stored it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::marker::PhantomData;

use super::model::{Block, BlockKind, Heading, HeadingKind, Id, Item, Persona, Section};

/// How the identifying texts of a node become a 64-bit hash.
pub(crate) trait Scheme {
    /// Hashes `kind` and the normalised `parts`; `scratch` is spare room.
    fn hash(kind: u8, parts: &[&str], scratch: &mut Vec<u8>) -> u64;
}

/// Scheme 1: FNV-1a over the kind, then per part a separator and the
/// normalised text, byte by byte.
pub(crate) struct Fnv;

/// FNV-1a's prime.
const PRIME: u64 = 0x0000_0100_0000_01b3;

impl Scheme for Fnv {
    fn hash(kind: u8, parts: &[&str], _: &mut Vec<u8>) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        h = (h ^ u64::from(kind)).wrapping_mul(PRIME);
        for part in parts {
            h = (h ^ 1).wrapping_mul(PRIME);
            let bytes = part.as_bytes();
            let mut i = bytes.iter().take_while(|&&b| b <= b' ').count();
            while i < bytes.len() {
                while let Some(&b) = bytes.get(i).filter(|&&b| b > b' ') {
                    h = (h ^ u64::from(b)).wrapping_mul(PRIME);
                    i += 1;
                }
                while bytes.get(i).is_some_and(|&b| b <= b' ') {
                    i += 1;
                }
                if i < bytes.len() {
                    h = (h ^ u64::from(b' ')).wrapping_mul(PRIME);
                }
            }
        }
        h
    }
}

/// Scheme 2: the normalised text of each part, read as little-endian
/// 64-bit words, each mixed in with a rotate, a xor and a multiply; a part's
/// last word carries its length. Most texts need no normalising (no control
/// characters, no double spaces), which one branch-free pass tells; the
/// rest are normalised into `scratch` first. Only 64-bit integer arithmetic,
/// so wasm32 and native builds agree.
pub(crate) struct Words;

/// An odd 64-bit constant (2^64 / φ).
const K: u64 = 0x9e37_79b9_7f4a_7c15;

impl Words {
    fn mix(h: u64, w: u64) -> u64 {
        (h.rotate_left(23) ^ w).wrapping_mul(K)
    }

    fn bytes(mut h: u64, t: &[u8]) -> u64 {
        let mut words = t.chunks_exact(8);
        for w in &mut words {
            // A fixed-size array, so the load is one instruction, not a copy.
            let Ok(a) = <[u8; 8]>::try_from(w) else { continue };
            h = Self::mix(h, u64::from_le_bytes(a));
        }
        // The rest, little-endian and zero-padded like the whole words.
        let rest = words.remainder().iter().rev().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
        Self::mix(h, rest ^ ((t.len() as u64) << 56))
    }
}

impl Scheme for Words {
    fn hash(kind: u8, parts: &[&str], scratch: &mut Vec<u8>) -> u64 {
        let mut h = Self::mix(0, u64::from(kind));
        for part in parts {
            h = Self::mix(h, 0xff);
            let bytes = part.as_bytes();
            let start = bytes.iter().position(|&b| b > b' ').unwrap_or(bytes.len());
            let end = bytes.iter().rposition(|&b| b > b' ').map_or(start, |e| e + 1);
            let t = bytes.get(start..end).unwrap_or_default();
            // Trimmed, so normalising changes something only at a control
            // character or two spaces in a row.
            let dirty = t.iter().zip(t.get(1..).unwrap_or_default()).fold(0u8, |acc, (&a, &b)| {
                acc | u8::from(a < b' ') | (u8::from(a == b' ') & u8::from(b == b' '))
            });
            if dirty == 0 {
                h = Self::bytes(h, t);
            } else {
                scratch.clear();
                let mut gap = false;
                for &b in t {
                    if b <= b' ' {
                        gap = true;
                        continue;
                    }
                    if gap {
                        scratch.push(b' ');
                        gap = false;
                    }
                    scratch.push(b);
                }
                h = Self::bytes(h, scratch);
            }
        }
        // Spread the high bits down: the occurrence map indexes by low bits.
        let h = (h ^ (h >> 29)).wrapping_mul(K);
        h ^ (h >> 32)
    }
}

/// Hands out ids in document order under scheme `S`.
pub(crate) struct IdGen<S: Scheme = Words> {
    seen: HashMap<u64, u32, BuildHasherDefault<PassThrough>>,
    scratch: Vec<u8>,
    scheme: PhantomData<S>,
}

impl<S: Scheme> Default for IdGen<S> {
    fn default() -> Self {
        Self::with_capacity(0)
    }
}

/// The keys are hashes already; hashing them again would be waste.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)) ^ (self.0 >> 56);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl<S: Scheme> IdGen<S> {
    /// A generator expecting about `n` nodes.
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self {
            seen: HashMap::with_capacity_and_hasher(n.min(1 << 16), BuildHasherDefault::default()),
            scratch: Vec::new(),
            scheme: PhantomData,
        }
    }

    pub(crate) fn next(&mut self, kind: u8, text: &str) -> Id {
        self.next_parts(kind, &[text])
    }

    /// The id of a node whose identity is several texts (a list's label and
    /// first item, a code block's language and code), hashed without
    /// building the joined string.
    pub(crate) fn next_parts(&mut self, kind: u8, parts: &[&str]) -> Id {
        let h = S::hash(kind, parts, &mut self.scratch);
        let n = self.seen.entry(h).or_insert(0);
        let occurrence = u64::from(*n);
        *n += 1;
        // Mix the occurrence in with a final avalanche (splitmix64).
        let mut z = h ^ occurrence.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Id(z ^ (z >> 31))
    }

    /// The id of the document title, which takes the first slot.
    pub(crate) fn title(&mut self, title: &Heading) -> Id {
        self.next(b't', &title.md)
    }

    /// The id of a section from its heading.
    pub(crate) fn section(&mut self, s: &Section) -> Id {
        let kind = if s.heading.kind == HeadingKind::XmlTag { b'x' } else { b's' };
        self.next(kind, &s.heading.md)
    }

    /// The id of a block from its kind and identifying text.
    pub(crate) fn block(&mut self, kind: &BlockKind) -> Id {
        match kind {
            BlockKind::Paragraph { md, .. } => self.next(b'p', md),
            BlockKind::List(list) => {
                let label = list.label.as_ref().map_or("", |l| l.md.as_str());
                let first = list.items.first().map_or("", |i| i.md.as_str());
                self.next_parts(b'l', &[label, first])
            }
            BlockKind::Code { code, lang } => self.next_parts(b'c', &[lang, code]),
            BlockKind::Table { md, .. } => self.next(b'b', md),
            BlockKind::Quote { md, .. } => self.next(b'q', md),
            BlockKind::Rule => self.next(b'r', ""),
            BlockKind::Html { raw } => self.next(b'h', raw),
        }
    }

    /// The id of a list item.
    pub(crate) fn item(&mut self, item: &Item) -> Id {
        self.next(b'i', &item.md)
    }

    /// Gives a finished block its id and, for a list, each item its own,
    /// parents before their nested items. Blocks must come in document
    /// order.
    pub(crate) fn assign(&mut self, block: &mut Block) {
        block.id = self.block(&block.kind);
        if let BlockKind::List(list) = &mut block.kind {
            for item in &mut list.items {
                self.assign_item(item);
            }
        }
    }

    fn assign_item(&mut self, item: &mut Item) {
        item.id = self.item(item);
        for child in &mut item.children {
            self.assign_item(child);
        }
    }
}

/// The id of a document title (a title has no id field: it takes the
/// first slot of a fresh generator).
pub(crate) fn title_id(title: &Heading) -> Id {
    IdGen::<Words>::default().title(title)
}

impl Persona {
    /// The id of the title line, when there is a title.
    #[must_use]
    pub fn title_id(&self) -> Option<Id> {
        self.title.as_ref().map(title_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_schemes_normalise_whitespace_the_same_way() {
        let mut s = Vec::new();
        for (a, b) in [("a b", "  a \t\n b\r\n"), ("x", "x\u{0}"), ("one two", "one\u{1}two")] {
            assert_eq!(Fnv::hash(b'p', &[a], &mut s), Fnv::hash(b'p', &[b], &mut s), "{b:?}");
            assert_eq!(Words::hash(b'p', &[a], &mut s), Words::hash(b'p', &[b], &mut s), "{b:?}");
        }
        // Kind, parts and every byte count.
        let h = |k, p: &[&str]| Words::hash(k, p, &mut Vec::new());
        assert_ne!(h(b'p', &["ab"]), h(b'q', &["ab"]));
        assert_ne!(h(b'c', &["a", "b"]), h(b'c', &["ab", ""]));
        assert_ne!(h(b'p', &["12345678"]), h(b'p', &["12345679"]));
        assert_ne!(h(b'p', &["abcdefgh"]), h(b'p', &["abcdefghi"]));
        assert_ne!(h(b'p', &["a"]), h(b'p', &[""]));
    }
}
