//! Applying one policy to a datagram's fragment set: who owns each byte, and
//! the bytes the system following that policy would deliver.

use std::sync::Arc;

use serde::Serialize;

use crate::datagram::{Datagram, Fragment};
use crate::policy::{OnOverlap, Policy};

/// What a system following a policy does with the datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every byte arrived; the datagram is delivered.
    Complete,
    /// Bytes are missing (a hole, or no last fragment) when reassembly stopped.
    Incomplete,
    /// The datagram is discarded.
    Dropped,
}

/// One policy's verdict on one datagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reassembly {
    pub status: Status,
    /// The delivered payload, when complete.
    pub payload: Option<Arc<[u8]>>,
}

impl Reassembly {
    fn without_payload(status: Status) -> Self {
        Self { status, payload: None }
    }
}

/// The verdict of every policy in `policies` on `datagram`, in that order.
pub fn resolve_all(datagram: &Datagram, policies: &[&Policy]) -> Vec<Reassembly> {
    if datagram.dropped.is_some() {
        return policies.iter().map(|_| Reassembly::without_payload(Status::Dropped)).collect();
    }
    if !datagram.is_complete() {
        let status_of = |policy: &&Policy| {
            if discards(policy, datagram) { Status::Dropped } else { Status::Incomplete }
        };
        return policies.iter().map(|p| Reassembly::without_payload(status_of(p))).collect();
    }
    let end = datagram.end.unwrap_or(0);
    if datagram.overlaps == 0 {
        // Without overlaps every policy delivers the same bytes: build them once.
        let payload: Arc<[u8]> = concatenate(&datagram.fragments, end).into();
        return policies
            .iter()
            .map(|_| Reassembly { status: Status::Complete, payload: Some(payload.clone()) })
            .collect();
    }
    policies
        .iter()
        .map(|policy| {
            if discards(policy, datagram) {
                Reassembly::without_payload(Status::Dropped)
            } else {
                let payload = paint(&datagram.fragments, end, policy);
                Reassembly { status: Status::Complete, payload: Some(payload.into()) }
            }
        })
        .collect()
}

fn discards(policy: &Policy, datagram: &Datagram) -> bool {
    policy.on_overlap == OnOverlap::Discard && datagram.non_duplicate_overlap
}

/// Non-overlapping fragments copied to their places.
fn concatenate(fragments: &[Fragment], end: u32) -> Vec<u8> {
    let mut out = vec![0u8; end as usize];
    for fragment in fragments {
        copy_into(&mut out, fragment);
    }
    out
}

fn copy_into(out: &mut [u8], fragment: &Fragment) {
    let start = fragment.extent.start as usize;
    if let Some(target) = out.get_mut(start..start + fragment.data.len()) {
        target.copy_from_slice(&fragment.data);
    }
}

const NO_OWNER: u16 = u16::MAX;

/// Fragments applied in arrival order; each byte keeps its owner unless the
/// policy says the newer fragment wins against that owner.
fn paint(fragments: &[Fragment], end: u32, policy: &Policy) -> Vec<u8> {
    let mut owners = vec![NO_OWNER; end as usize];
    for (index, fragment) in fragments.iter().enumerate() {
        let index = u16::try_from(index).unwrap_or(NO_OWNER - 1);
        let range = fragment.extent.start as usize..fragment.extent.end as usize;
        let Some(bytes) = owners.get_mut(range) else { continue };
        for owner in bytes {
            let takes = *owner == NO_OWNER
                || fragments
                    .get(usize::from(*owner))
                    .is_some_and(|older| policy.newer_wins.decide(fragment.extent, older.extent));
            if takes {
                *owner = index;
            }
        }
    }
    owners
        .iter()
        .enumerate()
        .map(|(at, &owner)| {
            let fragment = fragments.get(usize::from(owner));
            fragment.and_then(|f| f.data.get(at - f.extent.start as usize)).copied().unwrap_or(0)
        })
        .collect()
}
