//! A finished datagram: what each policy made of it, and what it revealed.

use std::sync::Arc;

use crate::datagram::Datagram;
use crate::event::{Event, EventKind, EventList};
use crate::key::DatagramKey;
use crate::packet::HeaderTemplate;
use crate::policy::Policy;
use crate::resolve::{self, Reassembly, Status};

#[derive(Debug, Clone)]
pub struct Outcome {
    pub key: DatagramKey,
    pub fragments: u32,
    pub overlaps: u32,
    pub inconsistent: u32,
    /// At least two policies delivered different bytes.
    pub ambiguous: bool,
    /// One verdict per policy, in the reassembler's policy order.
    pub reassemblies: Vec<(&'static Policy, Reassembly)>,
    pub events: Vec<Event>,
    pub header: Option<HeaderTemplate>,
    pub first_frame: u64,
    /// Capture time of the latest fragment, nanoseconds since the epoch.
    pub time_ns: u64,
}

impl Outcome {
    /// Applies every policy to a datagram whose reassembly has stopped.
    pub fn from_datagram(datagram: Datagram, policies: &[&'static Policy]) -> Self {
        let verdicts = resolve::resolve_all(&datagram, policies);
        let reassemblies: Vec<_> = policies.iter().copied().zip(verdicts).collect();
        let mut events = datagram.events;
        let ambiguous = record_ambiguity(&mut events, &reassemblies, datagram.first_frame);
        Self {
            key: datagram.key,
            fragments: datagram.fragments_seen,
            overlaps: datagram.overlaps,
            inconsistent: datagram.inconsistent,
            ambiguous,
            reassemblies,
            events: events.into_vec(),
            header: datagram.header,
            first_frame: datagram.first_frame,
            time_ns: datagram.last_time_ns,
        }
    }

    /// The verdict of the policy called `name`, if it was applied.
    pub fn verdict(&self, name: &str) -> Option<&Reassembly> {
        self.reassemblies.iter().find(|(p, _)| p.name == name).map(|(_, r)| r)
    }

    pub fn has(&self, kind: EventKind) -> bool {
        self.events.iter().any(|e| e.kind == kind)
    }
}

/// Groups complete policies by delivered payload; records an event when
/// there is more than one group.
fn record_ambiguity(events: &mut EventList, reassemblies: &[(&Policy, Reassembly)], frame: u64) -> bool {
    let groups = payload_groups(reassemblies);
    if groups.len() < 2 {
        return false;
    }
    events.record(crate::event::EventKind::Ambiguous, frame, || {
        let described: Vec<String> = groups.iter().map(|names| names.join(", ")).collect();
        format!("policies deliver {} different payloads: {}", groups.len(), described.join(" | "))
    });
    true
}

/// Names of complete policies, grouped by identical payload.
pub fn payload_groups<'p>(reassemblies: &[(&'p Policy, Reassembly)]) -> Vec<Vec<&'p str>> {
    let mut groups: Vec<(&Arc<[u8]>, Vec<&str>)> = Vec::new();
    for (policy, verdict) in reassemblies {
        let (Status::Complete, Some(payload)) = (verdict.status, &verdict.payload) else { continue };
        match groups.iter_mut().find(|(bytes, _)| Arc::ptr_eq(bytes, payload) || **bytes == *payload) {
            Some((_, names)) => names.push(policy.name.as_str()),
            None => groups.push((payload, vec![policy.name.as_str()])),
        }
    }
    groups.into_iter().map(|(_, names)| names).collect()
}
