//! The messages between the app and the tokenizer worker, as plain
//! strings (a string crosses to a worker as cheaply as anything, and needs
//! no JavaScript objects on either side).
//!
//! A request is the job's number and the encoding's key, each ended by a
//! line feed, then each text as its length in bytes ended by a line feed
//! and the text itself, with nothing after it: `7\no200k_base\n5\nHello3\nabc`. An answer is the job, the encoding
//! and one count per text, separated by spaces: `7 o200k_base 1 1`.

use std::fmt::Write as _;

use super::Encoding;

/// What a worker posts once it listens.
pub const READY: &str = "ready";
/// What a worker posts when it cannot answer: its wasm did not load (the
/// loader that `scripts/tokenizer-name.mjs` writes reads this line), or a
/// message was not a request for its encoding.
pub const FAILED: &str = "error";

/// A request for `texts` counted in `encoding`, numbered `job`.
#[must_use]
pub fn request<'a>(job: u32, encoding: Encoding, texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = format!("{job}\n{}\n", encoding.key());
    for t in texts {
        let _ = write!(out, "{}\n{t}", t.len());
    }
    out
}

/// A request read back: its job, encoding and texts (`None` when it is
/// not one).
#[must_use]
pub fn read_request(message: &str) -> Option<(u32, Encoding, Vec<&str>)> {
    let (job, rest) = message.split_once('\n')?;
    let (key, mut rest) = rest.split_once('\n')?;
    let mut texts = Vec::new();
    while !rest.is_empty() {
        let (len, tail) = rest.split_once('\n')?;
        let len: usize = len.parse().ok()?;
        texts.push(tail.get(..len)?);
        rest = tail.get(len..)?;
    }
    Some((job.parse().ok()?, Encoding::from_key(key)?, texts))
}

/// The answer to job `job`: `counts`, one per text.
#[must_use]
pub fn answer(job: u32, encoding: Encoding, counts: impl IntoIterator<Item = usize>) -> String {
    let mut out = format!("{job} {}", encoding.key());
    for n in counts {
        let _ = write!(out, " {n}");
    }
    out
}

/// An answer read back (`None` when it is not one).
#[must_use]
pub fn read_answer(message: &str) -> Option<(u32, Encoding, Vec<usize>)> {
    let mut fields = message.split(' ');
    let job = fields.next()?.parse().ok()?;
    let encoding = Encoding::from_key(fields.next()?)?;
    let counts = fields.map(|n| n.parse().ok()).collect::<Option<Vec<usize>>>()?;
    Some((job, encoding, counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_answers_read_back() {
        let texts = ["", "Hello", "line\nfeed", "12\n34", "é 你好 👍🏽"];
        let r = request(7, Encoding::Cl100k, texts);
        assert_eq!(read_request(&r), Some((7, Encoding::Cl100k, texts.to_vec())));
        assert_eq!(read_request("7\no200k_base\n"), Some((7, Encoding::O200k, vec![])));
        let a = answer(7, Encoding::O200k, [0, 1, 12]);
        assert_eq!(a, "7 o200k_base 0 1 12");
        assert_eq!(read_answer(&a), Some((7, Encoding::O200k, vec![0, 1, 12])));
    }

    #[test]
    fn damaged_messages_are_refused() {
        for m in ["", "x\no200k_base\n", "1\nnope\n", "1\no200k_base\n9\nshort", "1\no200k_base\n1\né"] {
            assert_eq!(read_request(m), None, "{m:?}");
        }
        for m in ["", "ready", "1 nope 2", "1 o200k_base x", "1 o200k_base 1  2"] {
            assert_eq!(read_answer(m), None, "{m:?}");
        }
    }
}
