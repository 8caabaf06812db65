//! From finished datagrams to pyward findings and the `datagrams` JSON array.

use pyward_report::{Finding, Severity, fingerprint};
use serde_json::{Map, Value, json};

use crate::event::{Event, EventKind};
use crate::hostmap::HostPolicies;
use crate::outcome::Outcome;
use crate::policy::Policy;
use crate::resolve::{Reassembly, Status};
use crate::rules;

/// Adds the host-policy comparison to an outcome: an event when the target's
/// policy and the sensor's default policy see different results. Returns the
/// comparison for the datagram's JSON.
pub fn compare_with_host(outcome: &mut Outcome, hosts: &HostPolicies, sensor: &'static Policy) -> Option<Value> {
    let target = hosts.lookup(outcome.key.dst)?;
    let (target_verdict, sensor_verdict) = (outcome.verdict(&target.name)?, outcome.verdict(&sensor.name)?);
    let from = first_difference(target_verdict, sensor_verdict);
    let (target_sees, sensor_sees) = (describe(target_verdict, from), describe(sensor_verdict, from));
    let differs = target_verdict != sensor_verdict;
    if differs {
        let message = format!(
            "the target {} ({}) sees {target_sees}, a {} sensor sees {sensor_sees}",
            outcome.key.dst, target.name, sensor.name
        );
        outcome.events.push(Event { kind: EventKind::HostMismatch, frame: outcome.first_frame, message });
    }
    Some(json!({
        "target": outcome.key.dst.to_string(),
        "target_policy": target.name,
        "sensor_policy": sensor.name,
        "target_sees": target_sees,
        "sensor_sees": sensor_sees,
        "differs": differs,
    }))
}

/// Where two delivered payloads first differ (0 when either is missing).
fn first_difference(a: &Reassembly, b: &Reassembly) -> usize {
    match (&a.payload, &b.payload) {
        (Some(a), Some(b)) => a.iter().zip(b.iter()).position(|(x, y)| x != y).unwrap_or(0),
        _ => 0,
    }
}

/// A short description of a verdict: status, length, and up to 16 bytes from `from`.
pub fn describe(verdict: &Reassembly, from: usize) -> String {
    match (&verdict.status, &verdict.payload) {
        (Status::Complete, Some(payload)) => {
            let shown = payload.get(from..).unwrap_or_default();
            let more = if shown.len() > 16 { "…" } else { "" };
            let place = if from > 0 { format!(", from offset {from}:") } else { String::new() };
            format!("{} bytes{place} {}{more}", payload.len(), hex(&shown[..shown.len().min(16)]))
        }
        (Status::Complete, None) => "a complete datagram".to_string(),
        (Status::Incomplete, _) => "an incomplete datagram".to_string(),
        (Status::Dropped, _) => "nothing (dropped)".to_string(),
    }
}

/// One finding per event of the outcome.
pub fn findings(outcome: &Outcome, path: &str) -> Vec<Finding> {
    outcome.events.iter().map(|event| finding(outcome, event, path)).collect()
}

/// The finding reporting one event of the outcome.
pub fn finding(outcome: &Outcome, event: &Event, path: &str) -> Finding {
    let rule = rules::for_event(event.kind);
    let key = outcome.key.to_string();
    let line = u32::try_from(event.frame).unwrap_or(u32::MAX);
    let mut details = Map::new();
    details.insert("datagram".to_string(), key_json(outcome));
    details.insert("frame".to_string(), json!(event.frame));
    details.insert("first_frame".to_string(), json!(outcome.first_frame));
    Finding {
        rule: rule.id.clone(),
        name: rule.name.clone(),
        severity: rule.severity,
        confidence: rule.confidence,
        cwe: rule.cwe.clone(),
        category: rules::CATEGORY.to_string(),
        aliases: Vec::new(),
        path: path.to_string(),
        line,
        column: 1,
        end_line: line,
        end_column: 1,
        message: format!("{}: {} [{key}]", rule.summary, event.message),
        fingerprint: fingerprint(&[&rule.id, path, &key, &outcome.first_frame.to_string()]),
        trace: None,
        details,
        snippet: None,
    }
}

fn key_json(outcome: &Outcome) -> Value {
    let key = &outcome.key;
    json!({
        "src": key.src.to_string(),
        "dst": key.dst.to_string(),
        "proto": key.proto,
        "id": key.id,
        "version": key.version(),
        "vlan": key.vlan_ids(),
    })
}

/// The datagram's entry in the top-level `datagrams` array.
pub fn datagram_json(outcome: &Outcome, host: Option<Value>) -> Value {
    let mut object = match key_json(outcome) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    object.insert("first_frame".to_string(), json!(outcome.first_frame));
    object.insert("fragments".to_string(), json!(outcome.fragments));
    object.insert("overlaps".to_string(), json!(outcome.overlaps));
    object.insert("inconsistent".to_string(), json!(outcome.inconsistent));
    object.insert("ambiguous".to_string(), json!(outcome.ambiguous));
    let events: Vec<&Event> = outcome.events.iter().collect();
    object.insert("events".to_string(), json!(events));
    let mut reassembly = Map::new();
    for (policy, verdict) in &outcome.reassemblies {
        let payload = verdict.payload.as_deref();
        reassembly.insert(
            policy.name.clone(),
            json!({
                "status": verdict.status,
                "length": payload.map(<[u8]>::len),
                "payload_hex": payload.map(hex),
            }),
        );
    }
    object.insert("reassembly".to_string(), Value::Object(reassembly));
    if let Some(host) = host {
        object.insert("host".to_string(), host);
    }
    Value::Object(object)
}

/// Whether the outcome deserves a place in a `flagged`-only listing.
pub fn is_flagged(outcome: &Outcome, at_least: Severity) -> bool {
    outcome.events.iter().any(|e| rules::for_event(e.kind).severity >= at_least)
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(DIGITS[usize::from(byte >> 4)] as char);
        text.push(DIGITS[usize::from(byte & 15)] as char);
    }
    text
}
