//! Numbers as people read them: thousands grouped (`12,345`), plural
//! endings, and file sizes (`578 KB`, `1.3 MB`). The engine's lowest layer:
//! it imports nothing.

/// `n` with thousands separators (`12,345`).
#[must_use]
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The plural ending for `n` things: `""` for one, else `"s"`.
#[must_use]
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `bytes` as people read a file size: whole KB below a megabyte (at least
/// 1 KB), else MB with one decimal (`1.3 MB`); binary units, rounded.
#[must_use]
pub fn byte_size(bytes: usize) -> String {
    if bytes < (1 << 20) - 512 {
        format!("{} KB", ((bytes.saturating_add(512)) >> 10).max(1))
    } else {
        format!("{} MB", megabytes(bytes))
    }
}

/// `bytes` in MiB with one decimal, rounded (`1.5`).
#[must_use]
pub fn megabytes(bytes: usize) -> String {
    let tenths = (bytes.saturating_mul(10).saturating_add(1 << 19)) >> 20;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn sizes_read_like_file_sizes() {
        assert_eq!(byte_size(0), "1 KB");
        assert_eq!(byte_size(1536), "2 KB");
        assert_eq!(byte_size(591_455), "578 KB");
        assert_eq!(byte_size((1 << 20) - 513), "1023 KB");
        assert_eq!(byte_size((1 << 20) - 512), "1.0 MB");
        assert_eq!(byte_size(1_363_149), "1.3 MB");
        assert!(!megabytes(usize::MAX).is_empty());
    }
}
