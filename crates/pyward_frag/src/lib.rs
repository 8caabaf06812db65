//! IP fragment reassembly under every OS policy: capture reading, datagram
//! keys, policies, reassembly, ambiguity events, and a pcap writer.
//!
//! The library never prints; `pyward frag` turns its results into a report.

pub mod analyse;
pub mod capture;
mod checksum;
pub mod craft;
mod datagram;
pub mod decode;
pub mod demo;
pub mod engine;
pub mod event;
pub mod hostmap;
pub mod key;
pub mod limits;
pub mod outcome;
pub mod packet;
pub mod pcap_write;
pub mod policy;
pub mod rebuild;
pub mod report;
pub mod resolve;
pub mod rules;
mod transport;

pub use analyse::{Statistics, analyse};
pub use capture::CaptureError;
pub use engine::Reassembler;
pub use event::{Event, EventKind};
pub use hostmap::HostPolicies;
pub use key::DatagramKey;
pub use limits::Limits;
pub use outcome::Outcome;
pub use policy::Policy;
pub use resolve::{Reassembly, Status};
