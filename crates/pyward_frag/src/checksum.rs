//! The Internet checksum (RFC 1071).

/// One's-complement sum of 16-bit words, complemented.
pub fn internet(bytes: &[u8]) -> u16 {
    let mut sum: u32 = 0;
    let mut words = bytes.chunks_exact(2);
    for word in &mut words {
        sum += u32::from(u16::from_be_bytes([word[0], word[1]]));
    }
    if let [last] = words.remainder() {
        sum += u32::from(*last) << 8;
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_the_rfc_1071_example_and_verifies_to_zero() {
        let header = [
            0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0, 0, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00,
            0xc7,
        ];
        let sum = super::internet(&header);
        assert_eq!(sum, 0xb861);
        let mut filled = header;
        filled[10..12].copy_from_slice(&sum.to_be_bytes());
        assert_eq!(super::internet(&filled), 0);
    }
}
