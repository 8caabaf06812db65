//! The published reassembly results, through the whole pipeline (pcap bytes
//! in, per-policy payloads out): the seed's demo and Novak's 17 fragments.

mod common;

use common::*;
use pyward_frag::craft::{Extension, Link};
use pyward_frag::demo::{DEMO_PROTOCOL, SEED_FRAGMENTS};
use pyward_frag::{EventKind, Status};

const DEMO_EXPECTED: [(&str, &str); 5] = [
    ("first", "111111111111111111111111444444442222222222222222333333333333333333333333666666666666666666666666"),
    ("last", "111111114444444444444444444444444444444422222222555555555555555555555555666666666666666666666666"),
    ("linux", "111111111111111111111111444444444444444422222222555555555555555555555555666666666666666666666666"),
    ("bsd", "111111111111111111111111444444444444444422222222333333333333333333333333666666666666666666666666"),
    ("bsd-right", "111111114444444444444444444444442222222222222222555555555555555555555555666666666666666666666666"),
];

fn demo_pieces() -> Vec<Piece> {
    SEED_FRAGMENTS.iter().map(|&(units, fill, len, more)| piece(u32::from(units) * 8, fill, len, more)).collect()
}

fn check_demo(v6: bool, link: Link, extensions: &[Extension]) {
    let flow = flow(v6, DEMO_PROTOCOL, 0x4242);
    let (outcomes, statistics) = run(&capture(&link, &packets(&flow, &demo_pieces(), extensions)));
    assert_eq!(statistics.fragments, 6);
    assert_eq!(outcomes.len(), 1);
    let outcome = &outcomes[0];
    for (policy, expected) in DEMO_EXPECTED {
        assert_eq!(delivered(outcome, policy).as_deref(), Some(expected), "{policy} over v6={v6}");
    }
    assert!(outcome.ambiguous);
    assert_eq!(outcome.verdict("rfc5722").unwrap().status, Status::Dropped);
    assert_eq!(outcome.fragments, 6);
    assert_eq!(outcome.overlaps, 2);
    assert_eq!(outcome.inconsistent, 2);
    assert!(outcome.has(EventKind::Ambiguous) && outcome.has(EventKind::InconsistentOverlap));
}

#[test]
fn seed_demo_over_ipv4_matches_the_seed_strings() {
    check_demo(false, Link::Ethernet { vlans: vec![] }, &[]);
}

#[test]
fn seed_demo_over_ipv6_with_extension_headers_before_the_fragment_header() {
    check_demo(true, Link::Ethernet { vlans: vec![] }, &[Extension::HopByHop, Extension::DestinationOptions]);
}

#[test]
fn seed_demo_through_vlan_qinq_sll_sll2_raw_and_null_framing() {
    for link in [Link::Ethernet { vlans: vec![100] }, Link::Ethernet { vlans: vec![10, 20] }, Link::LinuxSll] {
        check_demo(false, link, &[]);
    }
    for link in [Link::LinuxSll2, Link::Raw, Link::Null] {
        check_demo(true, link, &[]);
    }
}

/// Sturges and Novak's 17 fragments: letter, byte offset, length; the last has no more-fragments.
const NOVAK: [(u8, u32, usize); 17] = [
    (b'A', 0, 24),
    (b'B', 32, 16),
    (b'C', 48, 24),
    (b'D', 80, 8),
    (b'E', 104, 16),
    (b'F', 120, 24),
    (b'G', 144, 16),
    (b'H', 160, 16),
    (b'I', 176, 8),
    (b'J', 8, 32),
    (b'K', 48, 24),
    (b'L', 72, 24),
    (b'M', 96, 24),
    (b'N', 128, 8),
    (b'O', 152, 8),
    (b'P', 160, 8),
    (b'Q', 176, 16),
];

const NOVAK_EXPECTED: [(&str, &str); 6] = [
    ("bsd", "AAAJJBCCCLLLMMMFFFGGHHIQ"),
    ("linux", "AAAJJBKKKLLLMMMFFFGGPHQQ"),
    ("windows", "AAAJBBCCCLLLMEEFFFGGHHIQ"),
    ("solaris", "AAAJBBCCCLLLMMMFFFGGHHIQ"),
    ("first", "AAAJBBCCCLDLMEEFFFGGHHIQ"),
    ("last", "AJJJJBKKKLLLMMMFNFGOPHQQ"),
];

fn check_novak(v6: bool) {
    let pieces: Vec<Piece> =
        NOVAK.iter().enumerate().map(|(i, &(letter, offset, len))| piece(offset, letter, len, i < 16)).collect();
    let flow = flow(v6, DEMO_PROTOCOL, 77);
    let (outcomes, _) = run(&capture(&Link::Raw, &packets(&flow, &pieces, &[])));
    assert_eq!(outcomes.len(), 1);
    for (policy, expected) in NOVAK_EXPECTED {
        let payload = delivered(&outcomes[0], policy).unwrap_or_else(|| panic!("{policy} delivered nothing"));
        assert_eq!(units(&payload), expected, "{policy}");
    }
    assert_eq!(outcomes[0].fragments, 17);
    assert_eq!(outcomes[0].overlaps, 8);
}

#[test]
fn novak_seventeen_fragments_over_ipv4() {
    check_novak(false);
}

#[test]
fn novak_seventeen_fragments_over_ipv6() {
    check_novak(true);
}
