//! IPv6 (RFC 8200): the extension header chain up to a fragment header.

use std::net::{IpAddr, Ipv6Addr};

use super::bytes::{array_at, u8_at, u16_at, u32_at};
use super::{IpFragment, Parsed};

const HOP_BY_HOP: u8 = 0;
const ROUTING: u8 = 43;
const FRAGMENT: u8 = 44;
const AUTHENTICATION: u8 = 51;
const DESTINATION_OPTIONS: u8 = 60;
const MOBILITY: u8 = 135;
const HOST_IDENTITY: u8 = 139;
const SHIM6: u8 = 140;
/// Longer chains are treated as malformed rather than walked.
const MAX_EXTENSIONS: usize = 16;

pub fn parse(data: &[u8]) -> Parsed<'_> {
    let fixed = data.get(..40).ok_or("IPv6 header cut short")?;
    if fixed[0] >> 4 != 6 {
        return Err("IP version is neither 4 nor 6");
    }
    let payload_len = usize::from(u16_at(fixed, 4).ok_or("IPv6 header cut short")?);
    if payload_len == 0 {
        return Err("IPv6 jumbogram or zero payload length");
    }
    let packet = data.get(..40 + payload_len).ok_or("IPv6 packet cut short (payload length beyond the frame)")?;
    let mut next = fixed[6];
    let mut next_at = 6usize;
    let mut at = 40usize;
    for _ in 0..MAX_EXTENSIONS {
        match next {
            FRAGMENT => return fragment(packet, at, next_at),
            HOP_BY_HOP | ROUTING | DESTINATION_OPTIONS | MOBILITY | HOST_IDENTITY | SHIM6 | AUTHENTICATION => {
                let len_field = usize::from(u8_at(packet, at + 1).ok_or("IPv6 extension header cut short")?);
                let len = if next == AUTHENTICATION { (len_field + 2) * 4 } else { (len_field + 1) * 8 };
                next = u8_at(packet, at).ok_or("IPv6 extension header cut short")?;
                next_at = at;
                at += len;
                if at > packet.len() {
                    return Err("IPv6 extension header runs past the packet");
                }
            }
            _ => return Ok(None),
        }
    }
    Err("IPv6 extension header chain too long")
}

fn fragment(packet: &[u8], at: usize, next_at: usize) -> Parsed<'_> {
    let cut = "IPv6 fragment header cut short";
    let offset_flags = u16_at(packet, at + 2).ok_or(cut)?;
    Ok(Some(IpFragment {
        src: IpAddr::V6(Ipv6Addr::from(array_at::<16>(packet, 8).ok_or(cut)?)),
        dst: IpAddr::V6(Ipv6Addr::from(array_at::<16>(packet, 24).ok_or(cut)?)),
        proto: u8_at(packet, at).ok_or(cut)?,
        id: u32_at(packet, at + 4).ok_or(cut)?,
        offset: u32::from(offset_flags >> 3) * 8,
        more: offset_flags & 1 != 0,
        payload: packet.get(at + 8..).ok_or(cut)?,
        header: packet.get(..at).ok_or(cut)?,
        next_header_at: Some(next_at),
    }))
}
