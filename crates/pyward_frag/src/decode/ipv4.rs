//! IPv4 (RFC 791): header checks and the fragment fields.

use std::net::{IpAddr, Ipv4Addr};

use super::bytes::{array_at, u8_at, u16_at};
use super::{IpFragment, Parsed};

const MORE_FRAGMENTS: u16 = 0x2000;
const OFFSET_MASK: u16 = 0x1fff;

pub fn parse(data: &[u8]) -> Parsed<'_> {
    let first = u8_at(data, 0).ok_or("empty IPv4 packet")?;
    let header_len = usize::from(first & 0x0f) * 4;
    if header_len < 20 {
        return Err("IPv4 header length below 20 bytes");
    }
    let header = data.get(..header_len).ok_or("IPv4 header cut short")?;
    let total = usize::from(u16_at(header, 2).ok_or("IPv4 header cut short")?);
    if total < header_len {
        return Err("IPv4 total length smaller than its header");
    }
    // Bytes past the total length are link padding.
    let packet = data.get(..total).ok_or("IPv4 packet cut short (total length beyond the frame)")?;
    let flags_offset = u16_at(header, 6).ok_or("IPv4 header cut short")?;
    let more = flags_offset & MORE_FRAGMENTS != 0;
    let offset = u32::from(flags_offset & OFFSET_MASK) * 8;
    if !more && offset == 0 {
        return Ok(None);
    }
    let src = array_at::<4>(header, 12).ok_or("IPv4 header cut short")?;
    let dst = array_at::<4>(header, 16).ok_or("IPv4 header cut short")?;
    Ok(Some(IpFragment {
        src: IpAddr::V4(Ipv4Addr::from(src)),
        dst: IpAddr::V4(Ipv4Addr::from(dst)),
        proto: u8_at(header, 9).ok_or("IPv4 header cut short")?,
        id: u32::from(u16_at(header, 4).ok_or("IPv4 header cut short")?),
        offset,
        more,
        payload: packet.get(header_len..).unwrap_or_default(),
        header,
        next_header_at: None,
    }))
}
