//! The seed talk's demonstration (`reassembler.py --demo`): six overlapping
//! fragments from Shankar/Paxson and Novak, reassembled under every policy.

use std::net::IpAddr;

use crate::craft::{self, Flow};

/// (fragment offset in 8-byte units, fill byte, length, more fragments), in arrival order.
pub const SEED_FRAGMENTS: [(u16, u8, usize, bool); 6] = [
    (0, b'1', 24, true),
    (4, b'2', 16, true),
    (6, b'3', 24, true),
    (1, b'4', 32, true),
    (6, b'5', 24, true),
    (9, b'6', 24, false),
];

/// RFC 3692's experimental protocol number: no transport header checks apply.
pub const DEMO_PROTOCOL: u8 = 253;

/// The six fragments as IP packets between `src` and `dst`.
pub fn seed_packets(src: IpAddr, dst: IpAddr) -> Vec<Vec<u8>> {
    let flow = Flow { src, dst, proto: DEMO_PROTOCOL, id: 0x1234 };
    SEED_FRAGMENTS
        .iter()
        .map(|&(offset, fill, len, more)| craft::fragment(&flow, offset, more, &vec![fill; len], &[]))
        .collect()
}

/// The seed's six fragments as a pcap (raw IP link type), in memory.
pub fn seed_capture(src: IpAddr, dst: IpAddr) -> Vec<u8> {
    use crate::pcap_write::{PcapWriter, linktype};
    let mut writer = PcapWriter::new(Vec::new(), linktype::RAW).expect("writing to memory cannot fail");
    for (index, packet) in seed_packets(src, dst).iter().enumerate() {
        let time_ns = 1_414_108_800_000_000_000 + index as u64 * 1_000_000;
        writer.write(time_ns, packet).expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}
