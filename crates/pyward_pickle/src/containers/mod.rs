//! Readers of the containers that carry pickles. They list members and
//! headers; the scanner streams member data.

pub mod keras;
pub mod npy;
pub mod tar;
pub mod zip;
