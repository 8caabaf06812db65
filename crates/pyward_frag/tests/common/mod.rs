//! Builds captures in memory and runs them through the whole pipeline.
#![allow(dead_code)]

use std::net::IpAddr;

use pyward_frag::craft::{self, Extension, Flow, Link};
use pyward_frag::pcap_write::PcapWriter;
use pyward_frag::{Limits, Outcome, Statistics, policy};

pub const V4_SRC: &str = "192.0.2.1";
pub const V4_DST: &str = "198.51.100.7";
pub const V6_SRC: &str = "2001:db8::1";
pub const V6_DST: &str = "2001:db8::7";

pub fn flow(v6: bool, proto: u8, id: u32) -> Flow {
    let (src, dst) = if v6 { (V6_SRC, V6_DST) } else { (V4_SRC, V4_DST) };
    Flow { src: src.parse::<IpAddr>().unwrap(), dst: dst.parse::<IpAddr>().unwrap(), proto, id }
}

/// One fragment to put in a capture: byte offset (a multiple of 8), data, more-fragments.
#[derive(Clone)]
pub struct Piece {
    pub offset: u32,
    pub data: Vec<u8>,
    pub more: bool,
}

pub fn piece(offset: u32, fill: u8, len: usize, more: bool) -> Piece {
    Piece { offset, data: vec![fill; len], more }
}

pub fn packets(flow: &Flow, pieces: &[Piece], extensions: &[Extension]) -> Vec<Vec<u8>> {
    pieces.iter().map(|p| craft::fragment(flow, (p.offset / 8) as u16, p.more, &p.data, extensions)).collect()
}

/// A pcap of `packets` framed by `link`, one second apart.
pub fn capture(link: &Link, packets: &[Vec<u8>]) -> Vec<u8> {
    let mut writer = PcapWriter::new(Vec::new(), link.linktype()).unwrap();
    for (index, packet) in packets.iter().enumerate() {
        writer.write(1_700_000_000_000_000_000 + index as u64 * 1_000_000_000, &link.frame(packet)).unwrap();
    }
    writer.into_inner().unwrap()
}

pub fn run(capture: &[u8]) -> (Vec<Outcome>, Statistics) {
    run_with(capture, Limits::default())
}

pub fn run_with(capture: &[u8], limits: Limits) -> (Vec<Outcome>, Statistics) {
    let mut outcomes = Vec::new();
    let statistics =
        pyward_frag::analyse(capture, policy::all().iter().collect(), limits, |o| outcomes.push(o)).unwrap();
    (outcomes, statistics)
}

/// The payload a policy delivered, as text.
pub fn delivered(outcome: &Outcome, policy: &str) -> Option<String> {
    let verdict = outcome.verdict(policy)?;
    verdict.payload.as_ref().map(|bytes| String::from_utf8_lossy(bytes).into_owned())
}

/// One letter per 8-byte unit; panics if a unit mixes letters.
pub fn units(text: &str) -> String {
    text.as_bytes()
        .chunks(8)
        .map(|unit| {
            assert!(unit.iter().all(|&b| b == unit[0]), "mixed unit in {text}");
            unit[0] as char
        })
        .collect()
}

/// A pcapng (little-endian) with one interface of `linktype`, microsecond timestamps.
pub fn pcapng(linktype: u16, frames: &[Vec<u8>]) -> Vec<u8> {
    fn block(out: &mut Vec<u8>, kind: u32, body: &[u8]) {
        let padded = body.len().div_ceil(4) * 4;
        let total = (12 + padded) as u32;
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&total.to_le_bytes());
        out.extend_from_slice(body);
        out.resize(out.len() + padded - body.len(), 0);
        out.extend_from_slice(&total.to_le_bytes());
    }
    let mut out = Vec::new();
    let mut section = Vec::new();
    section.extend_from_slice(&0x1a2b_3c4du32.to_le_bytes());
    section.extend_from_slice(&1u16.to_le_bytes());
    section.extend_from_slice(&0u16.to_le_bytes());
    section.extend_from_slice(&(-1i64).to_le_bytes());
    block(&mut out, 0x0a0d_0d0a, &section);
    let mut interface = Vec::new();
    interface.extend_from_slice(&linktype.to_le_bytes());
    interface.extend_from_slice(&0u16.to_le_bytes());
    interface.extend_from_slice(&0u32.to_le_bytes());
    block(&mut out, 1, &interface);
    for (index, frame) in frames.iter().enumerate() {
        let micros = 1_700_000_000_000_000u64 + index as u64 * 1_000_000;
        let mut packet = Vec::new();
        packet.extend_from_slice(&0u32.to_le_bytes());
        packet.extend_from_slice(&((micros >> 32) as u32).to_le_bytes());
        packet.extend_from_slice(&(micros as u32).to_le_bytes());
        packet.extend_from_slice(&(frame.len() as u32).to_le_bytes());
        packet.extend_from_slice(&(frame.len() as u32).to_le_bytes());
        packet.extend_from_slice(frame);
        packet.resize(20 + frame.len().div_ceil(4) * 4, 0);
        block(&mut out, 6, &packet);
    }
    out
}

/// A pcap whose records carry explicit timestamps (seconds).
pub fn capture_at(link: &Link, packets: &[(u64, Vec<u8>)]) -> Vec<u8> {
    let mut writer = PcapWriter::new(Vec::new(), link.linktype()).unwrap();
    for (seconds, packet) in packets {
        writer.write(seconds * 1_000_000_000, &link.frame(packet)).unwrap();
    }
    writer.into_inner().unwrap()
}
