//! Streaming pcap and pcapng reading: frames are handed out one at a time
//! from a bounded buffer, never the whole file.

use std::io::Read;

use pcap_parser::pcapng::Block;
use pcap_parser::traits::PcapNGPacketBlock;
use pcap_parser::{PcapBlockOwned, PcapError, create_reader};

use crate::decode::FrameInfo;

const INITIAL_BUFFER: usize = 128 << 10;
/// A record bigger than this is not a packet; reading stops there.
const MAX_RECORD: usize = 64 << 20;
const NANOS: u128 = 1_000_000_000;

#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    #[error("the file is empty")]
    Empty,
    #[error("not a pcap or pcapng file (unknown header)")]
    NotACapture,
    #[error("cannot read the file: {0}")]
    Read(String),
}

/// One captured frame.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub info: FrameInfo,
    pub data: &'a [u8],
    /// The capture kept fewer bytes than the packet had (snap length).
    pub cut_by_snaplen: bool,
}

/// How reading went, beyond the frames themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadSummary {
    pub frames: u64,
    /// Packet blocks naming an interface the file never described.
    pub unknown_interface: u64,
    /// Why reading stopped before the end of the file, if it did.
    pub stopped: Option<String>,
}

#[derive(Clone, Copy)]
struct Interface {
    linktype: u32,
    /// Timestamp units per second.
    resolution: u64,
    offset_seconds: i64,
}

/// Reads every frame of a pcap or pcapng stream, calling `on_frame` for each.
pub fn read_frames<R: Read + Send>(
    input: R,
    mut on_frame: impl FnMut(&Frame<'_>),
) -> Result<ReadSummary, CaptureError> {
    let mut reader = match create_reader(INITIAL_BUFFER, input) {
        Ok(reader) => reader,
        Err(PcapError::Eof) => return Err(CaptureError::Empty),
        Err(PcapError::ReadError) => return Err(CaptureError::Read("read error".to_string())),
        Err(_) => return Err(CaptureError::NotACapture),
    };
    let mut summary = ReadSummary::default();
    let mut interfaces: Vec<Interface> = Vec::new();
    let mut buffer_size = INITIAL_BUFFER;
    loop {
        match reader.next() {
            Ok((consumed, block)) => {
                handle_block(block, &mut interfaces, &mut summary, &mut on_frame);
                reader.consume(consumed);
            }
            Err(PcapError::Eof) => break,
            Err(PcapError::Incomplete(_)) => {
                if let Err(error) = reader.refill() {
                    summary.stopped = Some(format!("read error after frame {}: {error:?}", summary.frames));
                    break;
                }
            }
            Err(PcapError::BufferTooSmall) => {
                buffer_size = buffer_size.saturating_mul(2);
                if buffer_size > MAX_RECORD || !reader.grow(buffer_size) {
                    summary.stopped = Some(format!("record after frame {} is larger than 64 MiB", summary.frames));
                    break;
                }
                if let Err(error) = reader.refill() {
                    summary.stopped = Some(format!("read error after frame {}: {error:?}", summary.frames));
                    break;
                }
            }
            Err(PcapError::UnexpectedEof) => {
                summary.stopped = Some(format!("the file ends inside the record after frame {}", summary.frames));
                break;
            }
            Err(error) => {
                let what = match error {
                    PcapError::NomError(_, kind) | PcapError::OwnedNomError(_, kind) => format!("{kind:?}"),
                    other => format!("{other:?}"),
                };
                summary.stopped = Some(format!("malformed record after frame {}: {what}", summary.frames));
                break;
            }
        }
    }
    Ok(summary)
}

fn handle_block(
    block: PcapBlockOwned<'_>,
    interfaces: &mut Vec<Interface>,
    summary: &mut ReadSummary,
    on_frame: &mut impl FnMut(&Frame<'_>),
) {
    let mut emit = |linktype: u32, time_ns: u64, data: &[u8], cut_by_snaplen: bool| {
        summary.frames += 1;
        let info = FrameInfo { linktype, number: summary.frames, time_ns };
        on_frame(&Frame { info, data, cut_by_snaplen });
    };
    match block {
        PcapBlockOwned::LegacyHeader(header) => {
            let resolution = if header.is_nanosecond_precision() { 1_000_000_000 } else { 1_000_000 };
            interfaces.clear();
            interfaces.push(Interface { linktype: header.network.0 as u32, resolution, offset_seconds: 0 });
        }
        PcapBlockOwned::Legacy(record) => {
            let Some(interface) = interfaces.first().copied() else { return };
            let time = timestamp(u64::from(record.ts_sec), u64::from(record.ts_usec), interface, true);
            emit(interface.linktype, time, record.data, record.caplen < record.origlen);
        }
        PcapBlockOwned::NG(Block::SectionHeader(_)) => interfaces.clear(),
        PcapBlockOwned::NG(Block::InterfaceDescription(description)) => interfaces.push(Interface {
            linktype: description.linktype.0 as u32,
            resolution: description.ts_resolution().filter(|&r| r > 0).unwrap_or(1_000_000),
            offset_seconds: description.ts_offset(),
        }),
        PcapBlockOwned::NG(Block::EnhancedPacket(packet)) => {
            let Some(interface) = usize::try_from(packet.if_id).ok().and_then(|i| interfaces.get(i)).copied() else {
                summary.unknown_interface += 1;
                return;
            };
            let units = (u64::from(packet.ts_high) << 32) | u64::from(packet.ts_low);
            let time = timestamp(units, 0, interface, false);
            emit(interface.linktype, time, packet.packet_data(), packet.caplen < packet.origlen);
        }
        PcapBlockOwned::NG(Block::SimplePacket(packet)) => {
            let Some(interface) = interfaces.first().copied() else {
                summary.unknown_interface += 1;
                return;
            };
            let data = packet.packet_data();
            let cut = (packet.origlen as usize) > data.len();
            emit(interface.linktype, 0, data, cut);
        }
        PcapBlockOwned::NG(_) => {}
    }
}

/// Nanoseconds since the epoch. Legacy records give seconds and a fraction;
/// pcapng gives a count of `resolution` units.
fn timestamp(first: u64, fraction: u64, interface: Interface, legacy: bool) -> u64 {
    let resolution = u128::from(interface.resolution.max(1));
    let nanos = if legacy {
        u128::from(first) * NANOS + u128::from(fraction) * NANOS / resolution
    } else {
        u128::from(first) / resolution * NANOS + u128::from(first) % resolution * NANOS / resolution
    };
    let shifted = i128::try_from(nanos).unwrap_or(i128::MAX) + i128::from(interface.offset_seconds) * NANOS as i128;
    u64::try_from(shifted.max(0)).unwrap_or(u64::MAX)
}
