//! Any bytes as a sequence of crafted fragments (5 bytes each: offset, length,
//! flags, fill): exercises every overlap, end and cap path of the reassembler.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyward_frag::craft::{self, Flow};
use pyward_frag::pcap_write::{PcapWriter, linktype};
use pyward_frag::{Limits, policy};

const PROTOCOLS: [u8; 4] = [6, 17, 58, 253];

fuzz_target!(|data: &[u8]| {
    let mut writer = PcapWriter::new(Vec::new(), linktype::RAW).expect("memory");
    for (index, record) in data.chunks_exact(5).enumerate() {
        let offset = u16::from_be_bytes([record[0], record[1]]);
        let flags = record[3];
        let (src, dst) = if flags & 2 != 0 { ("2001:db8::1", "2001:db8::2") } else { ("192.0.2.1", "192.0.2.2") };
        let flow = Flow {
            src: src.parse().expect("literal"),
            dst: dst.parse().expect("literal"),
            proto: PROTOCOLS[usize::from(flags >> 4 & 3)],
            id: u32::from(flags >> 2 & 3),
        };
        let payload = vec![record[4]; usize::from(record[2]) * 3];
        let packet = craft::fragment(&flow, offset, flags & 1 != 0, &payload, &[]);
        writer.write(index as u64 * 1_000_000_000 * u64::from(flags >> 6), &packet).expect("memory");
    }
    let capture = writer.into_inner().expect("memory");
    let limits = Limits { max_fragments_per_datagram: 32, max_datagrams_in_flight: 4, ..Limits::default() };
    let _ = pyward_frag::analyse(capture.as_slice(), policy::all().iter().collect(), limits, |_| {});
});
