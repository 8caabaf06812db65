//! Minimum transport header sizes, for the RFC 1858 tiny-fragment and
//! header-overwrite checks.

/// (IP protocol number, name, smallest header a first fragment must hold).
const MIN_HEADERS: &[(u8, &str, u32)] = &[
    (1, "icmp", 8),
    (6, "tcp", 20),
    (17, "udp", 8),
    (33, "dccp", 12),
    (58, "icmpv6", 8),
    (132, "sctp", 12),
    (136, "udplite", 8),
];

/// The smallest header of `proto`, if pyward knows the protocol.
pub fn min_header_len(proto: u8) -> Option<u32> {
    MIN_HEADERS.iter().find(|(number, _, _)| *number == proto).map(|(_, _, len)| *len)
}

/// The protocol's short name, or its number.
pub fn name(proto: u8) -> String {
    MIN_HEADERS
        .iter()
        .find(|(number, _, _)| *number == proto)
        .map_or_else(|| proto.to_string(), |(_, name, _)| (*name).to_string())
}
