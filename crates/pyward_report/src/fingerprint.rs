/// A stable 64-bit FNV-1a fingerprint over the given parts, as 16 hex digits.
///
/// Callers pass what identifies a finding independently of line numbers
/// (rule, path, the trimmed source text, an occurrence counter), so a
/// finding keeps its fingerprint when unrelated lines move.
pub fn fingerprint(parts: &[&str]) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0x1f)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn separates_parts() {
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(fingerprint(&["x"]), fingerprint(&["x"]));
        assert_eq!(fingerprint(&["x"]).len(), 16);
    }
}
