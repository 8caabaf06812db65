//! The host-policy table: which reassembly policy each destination network
//! uses, like an IDS's target-based configuration.
//!
//! Format: one `CIDR POLICY` pair per line; `#` starts a comment. The longest
//! matching prefix wins.

use std::net::IpAddr;

use crate::policy::{self, Policy};

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    network: IpAddr,
    prefix: u8,
    policy: &'static Policy,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostPolicies {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct HostPolicyError {
    pub line: u32,
    pub message: String,
}

impl HostPolicies {
    pub fn parse(text: &str) -> Result<Self, HostPolicyError> {
        let mut entries = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
            let content = raw.split('#').next().unwrap_or_default().trim();
            if content.is_empty() {
                continue;
            }
            let fail = |message: String| HostPolicyError { line, message };
            let mut words = content.split_whitespace();
            let (Some(cidr), Some(name), None) = (words.next(), words.next(), words.next()) else {
                return Err(fail(format!("expected `CIDR POLICY`, found `{content}`")));
            };
            let (network, prefix) = parse_cidr(cidr).ok_or_else(|| fail(format!("`{cidr}` is not a CIDR block")))?;
            let policy = policy::by_name(name)
                .ok_or_else(|| fail(format!("unknown policy `{name}` (known: {})", policy::names().join(", "))))?;
            entries.push(Entry { network, prefix, policy });
        }
        Ok(Self { entries })
    }

    /// The policy of the longest prefix containing `address`.
    pub fn lookup(&self, address: IpAddr) -> Option<&'static Policy> {
        self.entries
            .iter()
            .filter(|e| contains(e.network, e.prefix, address))
            .max_by_key(|e| e.prefix)
            .map(|e| e.policy)
    }

    /// Every policy the table names.
    pub fn policies(&self) -> impl Iterator<Item = &'static Policy> + '_ {
        self.entries.iter().map(|e| e.policy)
    }
}

fn parse_cidr(text: &str) -> Option<(IpAddr, u8)> {
    let (address, prefix) = match text.split_once('/') {
        Some((address, prefix)) => (address.parse::<IpAddr>().ok()?, Some(prefix.parse::<u8>().ok()?)),
        None => (text.parse::<IpAddr>().ok()?, None),
    };
    let width = if address.is_ipv4() { 32 } else { 128 };
    let prefix = prefix.unwrap_or(width);
    (prefix <= width).then_some((address, prefix))
}

fn contains(network: IpAddr, prefix: u8, address: IpAddr) -> bool {
    match (network, address) {
        (IpAddr::V4(net), IpAddr::V4(addr)) => {
            masked(u128::from(u32::from(net)) << 96, u128::from(u32::from(addr)) << 96, prefix)
        }
        (IpAddr::V6(net), IpAddr::V6(addr)) => masked(u128::from(net), u128::from(addr), prefix),
        _ => false,
    }
}

fn masked(network: u128, address: u128, prefix: u8) -> bool {
    let mask = if prefix == 0 { 0 } else { u128::MAX << (128 - u32::from(prefix)) };
    network & mask == address & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_wins_and_families_do_not_mix() {
        let table =
            HostPolicies::parse("# lab\n10.0.0.0/8 linux\n10.1.0.0/16 windows  # printers\n2001:db8::/32 bsd\n")
                .unwrap();
        let name = |a: &str| table.lookup(a.parse().unwrap()).map(|p| p.name.as_str());
        assert_eq!(name("10.1.2.3"), Some("windows"));
        assert_eq!(name("10.2.0.1"), Some("linux"));
        assert_eq!(name("2001:db8::5"), Some("bsd"));
        assert_eq!(name("192.0.2.1"), None);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(HostPolicies::parse("10.0.0.0/8 linux\n10.0.0.0/33 bsd").unwrap_err().line, 2);
        assert!(HostPolicies::parse("10.0.0.0/8 beos").unwrap_err().message.contains("unknown policy"));
        assert!(HostPolicies::parse("10.0.0.0/8").is_err());
    }
}
