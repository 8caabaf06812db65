//! Turning a reassembled payload back into a whole IP packet, with the header
//! of the datagram's first fragment fixed up: lengths, fragment fields,
//! checksum.

use crate::checksum;
use crate::key::DatagramKey;
use crate::packet::HeaderTemplate;

const IPV4_KEEP_FLAGS: u16 = 0xc000; // reserved and don't-fragment bits

/// The unfragmented packet, or `None` when it cannot exist (over 65,535 bytes).
pub fn packet(key: &DatagramKey, header: &HeaderTemplate, payload: &[u8]) -> Option<Vec<u8>> {
    if key.version() == 4 { ipv4(&header.bytes, payload) } else { ipv6(key.proto, header, payload) }
}

fn ipv4(header: &[u8], payload: &[u8]) -> Option<Vec<u8>> {
    let total = u16::try_from(header.len().checked_add(payload.len())?).ok()?;
    let mut packet = Vec::with_capacity(usize::from(total));
    packet.extend_from_slice(header);
    let fields = packet.get_mut(2..12)?;
    fields[0..2].copy_from_slice(&total.to_be_bytes());
    let flags = u16::from_be_bytes([fields[4], fields[5]]) & IPV4_KEEP_FLAGS;
    fields[4..6].copy_from_slice(&flags.to_be_bytes());
    fields[8..10].copy_from_slice(&[0, 0]);
    let sum = checksum::internet(&packet);
    packet.get_mut(10..12)?.copy_from_slice(&sum.to_be_bytes());
    packet.extend_from_slice(payload);
    Some(packet)
}

fn ipv6(proto: u8, header: &HeaderTemplate, payload: &[u8]) -> Option<Vec<u8>> {
    let extensions = header.bytes.len().checked_sub(40)?;
    let payload_len = u16::try_from(extensions.checked_add(payload.len())?).ok()?;
    let mut packet = Vec::with_capacity(header.bytes.len() + payload.len());
    packet.extend_from_slice(&header.bytes);
    packet.get_mut(4..6)?.copy_from_slice(&payload_len.to_be_bytes());
    *packet.get_mut(header.next_header_at?)? = proto;
    packet.extend_from_slice(payload);
    Some(packet)
}
