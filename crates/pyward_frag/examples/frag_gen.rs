//! Writes a benchmark capture:
//! `cargo run --release -p pyward_frag --example frag_gen -- OUT.pcap [FRAGMENTS] [mixed|flood]`.
//!
//! `flood`: only the first fragment of every datagram, so none completes and
//! reassembly memory is held until the in-flight caps evict it.
//!
//! `mixed` (default):
//! Ethernet frames carrying IPv4 (80%) and IPv6 (20%) datagrams cut into 2 to
//! 8 fragments of 64 to 256 bytes, several datagrams interleaved, some
//! fragments out of order, about 1% duplicated and 1% of datagrams with
//! overlapping rewrites. Deterministic (fixed seed).

use std::fs::File;
use std::io::BufWriter;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use pyward_frag::craft::{self, Flow, Link};
use pyward_frag::pcap_write::PcapWriter;

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const INTERLEAVE: usize = 8;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "frag-bench.pcap".to_string());
    let wanted: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let flood = args.next().is_some_and(|mode| mode == "flood");
    let link = Link::Ethernet { vlans: vec![] };
    let mut writer = PcapWriter::new(BufWriter::with_capacity(1 << 20, File::create(&path)?), link.linktype())?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut written = 0u64;
    let mut datagram = 0u32;
    let mut pending: Vec<Vec<u8>> = Vec::new();
    let mut time_ns = 1_700_000_000_000_000_000u64;
    while written < wanted {
        pending.clear();
        for _ in 0..INTERLEAVE {
            datagram = datagram.wrapping_add(1);
            let mut fragments = datagram_fragments(&mut rng, datagram);
            if flood {
                fragments.truncate(1);
            }
            pending.extend(fragments);
        }
        // Mix the interleaved datagrams' fragments a little.
        for index in (1..pending.len()).rev() {
            if rng.below(4) == 0 {
                let other = rng.below(index as u64 + 1) as usize;
                pending.swap(index, other);
            }
        }
        for packet in &pending {
            if written >= wanted {
                break;
            }
            writer.write(time_ns, &link.frame(packet))?;
            time_ns += 1_000;
            written += 1;
        }
    }
    writer.into_inner()?;
    eprintln!("wrote {written} fragments ({datagram} datagrams) to {path}");
    Ok(())
}

fn datagram_fragments(rng: &mut Rng, number: u32) -> Vec<Vec<u8>> {
    let v6 = rng.below(5) == 0;
    let host = number % 250 + 1;
    let (src, dst) = if v6 {
        (
            IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 1, host as u16)),
            IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 2, 1)),
        )
    } else {
        (
            IpAddr::V4(Ipv4Addr::new(10, 0, (number >> 8) as u8 % 200, host as u8)),
            IpAddr::V4(Ipv4Addr::new(192, 168, 1, 1)),
        )
    };
    let flow = Flow { src, dst, proto: 17, id: if v6 { number } else { number & 0xffff } };
    let count = 2 + rng.below(7) as usize;
    let mut fragments = Vec::with_capacity(count + 2);
    let mut offset = 0usize;
    for index in 0..count {
        let last = index + 1 == count;
        let len = 8 * (8 + rng.below(25) as usize) - if last { rng.below(8) as usize } else { 0 };
        let fill = b'a' + (index % 26) as u8;
        fragments.push(craft::fragment(&flow, (offset / 8) as u16, !last, &vec![fill; len], &[]));
        offset += len;
    }
    if rng.below(100) == 0 {
        // Bytes 8..24 rewritten by an overlapping fragment: policies disagree.
        fragments.insert(1, craft::fragment(&flow, 1, true, &[b'X'; 16], &[]));
    }
    if rng.below(100) == 0 {
        let copy = fragments[0].clone();
        fragments.insert(1, copy);
    }
    if rng.below(10) == 0 {
        fragments.reverse();
    }
    fragments
}
