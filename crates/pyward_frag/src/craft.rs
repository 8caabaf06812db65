//! Building IP fragments and link-layer frames: for the demo, the tests, the
//! benchmark generator, and rebuilt datagrams.

use std::net::IpAddr;

use crate::checksum;
use crate::pcap_write::linktype;

/// Addresses, protocol and identification shared by a datagram's fragments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flow {
    pub src: IpAddr,
    pub dst: IpAddr,
    pub proto: u8,
    pub id: u32,
}

/// An IPv6 extension header placed before the fragment header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extension {
    HopByHop,
    DestinationOptions,
}

impl Extension {
    fn number(self) -> u8 {
        match self {
            Self::HopByHop => 0,
            Self::DestinationOptions => 60,
        }
    }
}

const FRAGMENT_HEADER: u8 = 44;

/// One fragment: `offset_units` is the fragment offset field (8-byte units).
/// Addresses of different families, or an IPv4 id above 16 bits, are the
/// caller's mistake: the IPv6 form and the low 16 bits are used.
pub fn fragment(flow: &Flow, offset_units: u16, more: bool, payload: &[u8], extensions: &[Extension]) -> Vec<u8> {
    match (flow.src, flow.dst) {
        (IpAddr::V4(src), IpAddr::V4(dst)) => {
            let flags = if more { 0x2000 } else { 0 } | (offset_units & 0x1fff);
            ipv4(src.octets(), dst.octets(), flow.proto, flow.id as u16, flags, payload)
        }
        _ => {
            let mut body = Vec::with_capacity(payload.len() + 8);
            body.extend_from_slice(&[flow.proto, 0]);
            body.extend_from_slice(&(((offset_units & 0x1fff) << 3) | u16::from(more)).to_be_bytes());
            body.extend_from_slice(&flow.id.to_be_bytes());
            body.extend_from_slice(payload);
            ipv6(v6_octets(flow.src), v6_octets(flow.dst), extensions, FRAGMENT_HEADER, &body)
        }
    }
}

fn v6_octets(address: IpAddr) -> [u8; 16] {
    match address {
        IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
        IpAddr::V6(v6) => v6.octets(),
    }
}

/// An IPv4 packet with a correct header checksum; `flags_offset` is the raw
/// flags and fragment offset field.
pub fn ipv4(src: [u8; 4], dst: [u8; 4], proto: u8, id: u16, flags_offset: u16, payload: &[u8]) -> Vec<u8> {
    let total = (20 + payload.len()).min(usize::from(u16::MAX)) as u16;
    let mut packet = Vec::with_capacity(20 + payload.len());
    packet.extend_from_slice(&[0x45, 0]);
    packet.extend_from_slice(&total.to_be_bytes());
    packet.extend_from_slice(&id.to_be_bytes());
    packet.extend_from_slice(&flags_offset.to_be_bytes());
    packet.extend_from_slice(&[64, proto, 0, 0]);
    packet.extend_from_slice(&src);
    packet.extend_from_slice(&dst);
    let sum = checksum::internet(&packet);
    packet[10..12].copy_from_slice(&sum.to_be_bytes());
    packet.extend_from_slice(payload);
    packet
}

/// An IPv6 packet: `extensions` (8 bytes each, padded options) and then
/// `body`, whose type is `next`.
pub fn ipv6(src: [u8; 16], dst: [u8; 16], extensions: &[Extension], next: u8, body: &[u8]) -> Vec<u8> {
    let mut chain = Vec::new();
    for (index, _) in extensions.iter().enumerate() {
        let following = extensions.get(index + 1).map_or(next, |e| e.number());
        chain.extend_from_slice(&[following, 0, 1, 4, 0, 0, 0, 0]);
    }
    let first = extensions.first().map_or(next, |e| e.number());
    let payload_len = (chain.len() + body.len()).min(usize::from(u16::MAX)) as u16;
    let mut packet = Vec::with_capacity(40 + chain.len() + body.len());
    packet.extend_from_slice(&[0x60, 0, 0, 0]);
    packet.extend_from_slice(&payload_len.to_be_bytes());
    packet.extend_from_slice(&[first, 64]);
    packet.extend_from_slice(&src);
    packet.extend_from_slice(&dst);
    packet.extend_from_slice(&chain);
    packet.extend_from_slice(body);
    packet
}

/// How an IP packet is framed in a capture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Ethernet II, with 802.1Q tags (outermost first; more than one is QinQ).
    Ethernet {
        vlans: Vec<u16>,
    },
    LinuxSll,
    LinuxSll2,
    Raw,
    /// BSD loopback: address family in host (little-endian) order.
    Null,
}

impl Link {
    pub fn linktype(&self) -> u32 {
        match self {
            Self::Ethernet { .. } => linktype::ETHERNET,
            Self::LinuxSll => linktype::LINUX_SLL,
            Self::LinuxSll2 => linktype::LINUX_SLL2,
            Self::Raw => linktype::RAW,
            Self::Null => linktype::NULL,
        }
    }

    /// The frame carrying `ip`.
    pub fn frame(&self, ip: &[u8]) -> Vec<u8> {
        let is_v6 = ip.first().is_some_and(|b| b >> 4 == 6);
        let ethertype: u16 = if is_v6 { 0x86dd } else { 0x0800 };
        let mut frame = Vec::with_capacity(ip.len() + 24);
        match self {
            Self::Ethernet { vlans } => {
                frame.extend_from_slice(&[0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2]);
                for (index, vlan) in vlans.iter().enumerate() {
                    let tpid: u16 = if index == 0 && vlans.len() > 1 { 0x88a8 } else { 0x8100 };
                    frame.extend_from_slice(&tpid.to_be_bytes());
                    frame.extend_from_slice(&(vlan & 0x0fff).to_be_bytes());
                }
                frame.extend_from_slice(&ethertype.to_be_bytes());
            }
            Self::LinuxSll => {
                frame.extend_from_slice(&[0, 0, 0, 1, 0, 6, 0x02, 0, 0, 0, 0, 1, 0, 0]);
                frame.extend_from_slice(&ethertype.to_be_bytes());
            }
            Self::LinuxSll2 => {
                frame.extend_from_slice(&ethertype.to_be_bytes());
                frame.extend_from_slice(&[0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 0x02, 0, 0, 0, 0, 1, 0, 0]);
            }
            Self::Raw => {}
            Self::Null => frame.extend_from_slice(&(if is_v6 { 30u32 } else { 2 }).to_le_bytes()),
        }
        frame.extend_from_slice(ip);
        frame
    }
}
