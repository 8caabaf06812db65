//! From a captured frame to a fragment: link layer, VLAN tags, IPv4 or IPv6.
//! Every read is checked; a short or inconsistent packet is `Malformed`.

mod bytes;
mod ipv4;
mod ipv6;
mod link;

use crate::packet::FragmentPacket;

/// What one frame turned out to be.
#[derive(Debug, Clone, Copy)]
pub enum Decoded<'a> {
    Fragment(FragmentPacket<'a>),
    /// An IP packet that is not a fragment.
    Unfragmented,
    /// Not IP (ARP, LLDP...) or a link type pyward does not read.
    NotIp,
    Malformed(&'static str),
}

/// Where a frame came from, for the decoder.
#[derive(Debug, Clone, Copy)]
pub struct FrameInfo {
    pub linktype: u32,
    pub number: u64,
    pub time_ns: u64,
}

/// Decodes one frame.
pub fn decode<'a>(info: FrameInfo, data: &'a [u8]) -> Decoded<'a> {
    let layer3 = match link::strip(info.linktype, data) {
        Ok(Some(layer3)) => layer3,
        Ok(None) => return Decoded::NotIp,
        Err(reason) => return Decoded::Malformed(reason),
    };
    let parsed = match layer3.version {
        4 => ipv4::parse(layer3.bytes),
        _ => ipv6::parse(layer3.bytes),
    };
    match parsed {
        Ok(Some(found)) => Decoded::Fragment(FragmentPacket {
            key: crate::key::DatagramKey {
                src: found.src,
                dst: found.dst,
                proto: found.proto,
                id: found.id,
                vlan: layer3.vlan,
            },
            offset: found.offset,
            more: found.more,
            payload: found.payload,
            header: found.header,
            next_header_at: found.next_header_at,
            frame: info.number,
            time_ns: info.time_ns,
        }),
        Ok(None) => Decoded::Unfragmented,
        Err(reason) => Decoded::Malformed(reason),
    }
}

/// What the IP parsers return for a fragment.
struct IpFragment<'a> {
    src: std::net::IpAddr,
    dst: std::net::IpAddr,
    proto: u8,
    id: u32,
    offset: u32,
    more: bool,
    payload: &'a [u8],
    header: &'a [u8],
    next_header_at: Option<usize>,
}

type Parsed<'a> = Result<Option<IpFragment<'a>>, &'static str>;
