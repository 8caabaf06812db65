//! What identifies one datagram's fragments.

use std::fmt;
use std::net::IpAddr;

/// Fragments belong to one datagram when all of these are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DatagramKey {
    pub src: IpAddr,
    pub dst: IpAddr,
    /// IPv4 protocol, or the next header carried in the IPv6 fragment header.
    pub proto: u8,
    /// IPv4 identification (16 bits) or IPv6 fragment identification (32 bits).
    pub id: u32,
    /// Outer and inner 802.1Q tags; 0 where there is no tag.
    pub vlan: [u16; 2],
}

impl DatagramKey {
    pub fn version(&self) -> u8 {
        if self.src.is_ipv4() { 4 } else { 6 }
    }

    /// The VLAN ids present, outermost first.
    pub fn vlan_ids(&self) -> Vec<u16> {
        self.vlan.iter().copied().filter(|&tag| tag != 0).collect()
    }
}

impl fmt::Display for DatagramKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {} proto {} id {:#x}", self.src, self.dst, self.proto, self.id)?;
        let vlans = self.vlan_ids();
        if !vlans.is_empty() {
            let ids: Vec<String> = vlans.iter().map(u16::to_string).collect();
            write!(f, " vlan {}", ids.join("."))?;
        }
        Ok(())
    }
}
