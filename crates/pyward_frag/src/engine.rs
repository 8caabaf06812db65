//! The reassembler: datagrams in flight, their timeouts, and the caps that
//! bound memory.

use std::collections::{BTreeMap, HashMap};

use crate::datagram::Datagram;
use crate::event::EventKind;
use crate::key::DatagramKey;
use crate::limits::Limits;
use crate::outcome::Outcome;
use crate::packet::FragmentPacket;
use crate::policy::Policy;

/// When a datagram expires, made unique by an insertion counter.
type Deadline = (u64, u64);

struct InFlight {
    datagram: Datagram,
    deadline: Deadline,
}

/// Feeds fragments in capture order; finished datagrams come out as [`Outcome`]s.
pub struct Reassembler {
    policies: Vec<&'static Policy>,
    limits: Limits,
    /// Boxed so the table stays small and probing stays in cache.
    in_flight: HashMap<DatagramKey, Box<InFlight>>,
    deadlines: BTreeMap<Deadline, DatagramKey>,
    next_sequence: u64,
    bytes_in_flight: usize,
}

impl Reassembler {
    pub fn new(policies: Vec<&'static Policy>, limits: Limits) -> Self {
        Self {
            policies,
            limits: limits.sanitized(),
            in_flight: HashMap::new(),
            deadlines: BTreeMap::new(),
            next_sequence: 0,
            bytes_in_flight: 0,
        }
    }

    pub fn policies(&self) -> &[&'static Policy] {
        &self.policies
    }

    pub fn datagrams_in_flight(&self) -> usize {
        self.in_flight.len()
    }

    pub fn bytes_in_flight(&self) -> usize {
        self.bytes_in_flight
    }

    /// Adds one fragment; any datagram it finishes, or that expired before it, is pushed to `out`.
    pub fn push(&mut self, packet: &FragmentPacket<'_>, out: &mut Vec<Outcome>) {
        self.expire_before(packet.time_ns, out);
        if packet.key.version() == 6 && packet.is_atomic() {
            out.push(self.atomic(packet));
            return;
        }
        if !self.in_flight.contains_key(&packet.key) {
            self.make_room(packet.frame, out);
        }
        let deadline = self.deadline_for(packet.time_ns);
        let slot = self.in_flight.entry(packet.key).or_insert_with(|| {
            Box::new(InFlight { datagram: Datagram::new(packet.key, packet.frame, packet.time_ns), deadline })
        });
        let held_before = slot.datagram.bytes;
        let finished = slot.datagram.insert(packet, self.limits.max_fragments_per_datagram);
        let held_after = slot.datagram.bytes;
        let previous = std::mem::replace(&mut slot.deadline, deadline);
        self.deadlines.remove(&previous);
        self.deadlines.insert(deadline, packet.key);
        self.bytes_in_flight = self.bytes_in_flight.saturating_add(held_after - held_before);
        if finished {
            self.finish(&packet.key, out);
        }
        while self.bytes_in_flight > self.limits.max_bytes_in_flight {
            let max = self.limits.max_bytes_in_flight;
            if !self.evict_oldest(packet.frame, out, || format!("more than {max} fragment bytes in flight")) {
                break;
            }
        }
    }

    /// Ends the capture: every datagram still in flight is reported incomplete.
    pub fn flush(&mut self, out: &mut Vec<Outcome>) {
        while let Some((_, key)) = self.deadlines.pop_first() {
            self.give_up(&key, out, "the capture ended before it was complete");
        }
    }

    fn deadline_for(&mut self, time_ns: u64) -> Deadline {
        self.next_sequence += 1;
        (time_ns.saturating_add(self.limits.timeout_ns), self.next_sequence)
    }

    fn expire_before(&mut self, now_ns: u64, out: &mut Vec<Outcome>) {
        while let Some(entry) = self.deadlines.first_entry() {
            if entry.key().0 >= now_ns {
                break;
            }
            let key = entry.remove();
            let seconds = self.limits.timeout_ns as f64 / 1e9;
            self.give_up(&key, out, &format!("no fragment for {seconds} s (timeout)"));
        }
    }

    fn make_room(&mut self, frame: u64, out: &mut Vec<Outcome>) {
        let max = self.limits.max_datagrams_in_flight;
        while self.in_flight.len() >= max {
            if !self.evict_oldest(frame, out, || format!("more than {max} datagrams in flight")) {
                break;
            }
        }
    }

    fn evict_oldest(&mut self, frame: u64, out: &mut Vec<Outcome>, why: impl FnOnce() -> String) -> bool {
        let Some((_, key)) = self.deadlines.pop_first() else { return false };
        if let Some(mut slot) = self.take(&key) {
            slot.datagram.events.record(EventKind::InFlightCap, frame, why);
            self.conclude(slot, out, "evicted to stay within the in-flight caps");
        }
        true
    }

    fn give_up(&mut self, key: &DatagramKey, out: &mut Vec<Outcome>, reason: &str) {
        if let Some(slot) = self.take(key) {
            self.conclude(slot, out, reason);
        }
    }

    fn finish(&mut self, key: &DatagramKey, out: &mut Vec<Outcome>) {
        if let Some(slot) = self.take(key) {
            out.push(Outcome::from_datagram(slot.datagram, &self.policies));
        }
    }

    /// Removes a datagram from flight, releasing its deadline and bytes.
    fn take(&mut self, key: &DatagramKey) -> Option<Box<InFlight>> {
        let slot = self.in_flight.remove(key)?;
        self.deadlines.remove(&slot.deadline);
        self.bytes_in_flight = self.bytes_in_flight.saturating_sub(slot.datagram.bytes);
        Some(slot)
    }

    /// Reports a datagram whose reassembly stopped, incomplete unless it was whole or dropped.
    fn conclude(&self, mut slot: Box<InFlight>, out: &mut Vec<Outcome>, reason: &str) {
        let datagram = &mut slot.datagram;
        if datagram.dropped.is_none() && !datagram.is_complete() {
            let frame = datagram.first_frame;
            datagram.events.record(EventKind::Incomplete, frame, || format!("reassembly stopped: {reason}"));
        }
        out.push(Outcome::from_datagram(slot.datagram, &self.policies));
    }

    /// RFC 6946: an atomic fragment is a whole datagram on its own.
    fn atomic(&self, packet: &FragmentPacket<'_>) -> Outcome {
        let mut datagram = Datagram::new(packet.key, packet.frame, packet.time_ns);
        datagram.events.record(EventKind::AtomicFragment, packet.frame, || {
            "IPv6 fragment header with offset 0 and no more fragments".to_string()
        });
        datagram.insert(packet, self.limits.max_fragments_per_datagram);
        Outcome::from_datagram(datagram, &self.policies)
    }
}
