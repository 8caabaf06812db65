//! Link layers: Ethernet (with 802.1Q/802.1ad tags), Linux cooked v1 and v2,
//! raw IP, BSD null/loopback.

use super::bytes::u16_at;
use crate::pcap_write::linktype;

const ETHERTYPE_IPV4: u16 = 0x0800;
const ETHERTYPE_IPV6: u16 = 0x86dd;
const VLAN_TPIDS: [u16; 3] = [0x8100, 0x88a8, 0x9100];
/// More tags than this is not a real frame.
const MAX_TAGS: usize = 8;
/// OpenBSD and other systems' values for raw IP in old pcap files.
const RAW_ALIASES: [u32; 2] = [12, 14];

pub struct Layer3<'a> {
    pub version: u8,
    pub bytes: &'a [u8],
    pub vlan: [u16; 2],
}

/// The IP packet inside a frame, `None` when the frame carries something else.
pub fn strip(link: u32, data: &[u8]) -> Result<Option<Layer3<'_>>, &'static str> {
    match link {
        linktype::ETHERNET => ethertype_payload(data, 12),
        linktype::LINUX_SLL => ethertype_payload(data, 14),
        linktype::LINUX_SLL2 => sll2(data),
        linktype::NULL | linktype::LOOP => by_version(data.get(4..).ok_or("frame shorter than its loopback header")?),
        linktype::RAW | linktype::IPV4 | linktype::IPV6 => by_version(data),
        other if RAW_ALIASES.contains(&other) => by_version(data),
        _ => Ok(None),
    }
}

fn sll2(data: &[u8]) -> Result<Option<Layer3<'_>>, &'static str> {
    let ethertype = u16_at(data, 0).ok_or("frame shorter than its SLL2 header")?;
    let rest = data.get(20..).ok_or("frame shorter than its SLL2 header")?;
    after_tags(ethertype, rest)
}

/// Reads the ethertype at `at`, then any VLAN tags.
fn ethertype_payload(data: &[u8], at: usize) -> Result<Option<Layer3<'_>>, &'static str> {
    let ethertype = u16_at(data, at).ok_or("frame shorter than its link header")?;
    after_tags(ethertype, data.get(at + 2..).unwrap_or_default())
}

fn after_tags(mut ethertype: u16, mut rest: &[u8]) -> Result<Option<Layer3<'_>>, &'static str> {
    let mut vlan = [0u16; 2];
    let mut tags = 0;
    while VLAN_TPIDS.contains(&ethertype) {
        let tci = u16_at(rest, 0).ok_or("VLAN tag cut short")?;
        if let Some(slot) = vlan.get_mut(tags) {
            *slot = tci & 0x0fff;
        }
        tags += 1;
        if tags > MAX_TAGS {
            return Err("more than 8 VLAN tags");
        }
        ethertype = u16_at(rest, 2).ok_or("VLAN tag cut short")?;
        rest = rest.get(4..).unwrap_or_default();
    }
    let version = match ethertype {
        ETHERTYPE_IPV4 => 4,
        ETHERTYPE_IPV6 => 6,
        _ => return Ok(None),
    };
    Ok(Some(Layer3 { version, bytes: rest, vlan }))
}

fn by_version(data: &[u8]) -> Result<Option<Layer3<'_>>, &'static str> {
    let first = *data.first().ok_or("empty IP packet")?;
    match first >> 4 {
        4 | 6 => Ok(Some(Layer3 { version: first >> 4, bytes: data, vlan: [0; 2] })),
        _ => Ok(None),
    }
}
