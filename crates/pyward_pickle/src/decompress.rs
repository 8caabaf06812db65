//! Decompressing streams (joblib's zlib/gzip/bz2/xz/lzma, zip members)
//! under a limit on the bytes produced.

use std::cell::Cell;
use std::io::{BufReader, Read, Write};
use std::rc::Rc;

use crate::sniff::Magic;

/// A reader that stops after `remaining` bytes and records that it did.
pub struct Limited<R> {
    inner: R,
    remaining: u64,
    hit: Rc<Cell<bool>>,
}

impl<R: Read> Limited<R> {
    pub fn new(inner: R, limit: u64, hit: Rc<Cell<bool>>) -> Self {
        Self { inner, remaining: limit, hit }
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.remaining == 0 {
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? > 0 {
                self.hit.set(true);
            }
            return Ok(0);
        }
        let want = buf.len().min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.remaining -= n as u64;
        Ok(n)
    }
}

/// A streaming decoder for `magic`, or `None` if it is not a compression.
/// xz and lzma-alone are decoded into memory (up to `limit`) because their
/// decoder writes rather than reads.
pub fn decoder<'r, R: Read + 'r>(
    magic: Magic,
    reader: R,
    limit: u64,
    hit: Rc<Cell<bool>>,
) -> Option<std::io::Result<Box<dyn Read + 'r>>> {
    let boxed: Box<dyn Read + 'r> = match magic {
        Magic::Gzip => Box::new(Limited::new(flate2::read::MultiGzDecoder::new(reader), limit, hit)),
        Magic::Zlib => Box::new(Limited::new(flate2::read::ZlibDecoder::new(reader), limit, hit)),
        Magic::Bzip2 => Box::new(Limited::new(bzip2::read::MultiBzDecoder::new(reader), limit, hit)),
        Magic::Xz | Magic::Lzma => return Some(decode_in_memory(magic, reader, limit, hit)),
        _ => return None,
    };
    Some(Ok(boxed))
}

/// A raw deflate stream (zip method 8).
pub fn deflate<'r, R: Read + 'r>(reader: R, limit: u64, hit: Rc<Cell<bool>>) -> Box<dyn Read + 'r> {
    Box::new(Limited::new(flate2::read::DeflateDecoder::new(reader), limit, hit))
}

/// A bzip2 stream (zip method 12).
pub fn bzip2<'r, R: Read + 'r>(reader: R, limit: u64, hit: Rc<Cell<bool>>) -> Box<dyn Read + 'r> {
    Box::new(Limited::new(bzip2::read::BzDecoder::new(reader), limit, hit))
}

struct CappedWriter {
    data: Vec<u8>,
    limit: u64,
    hit: Rc<Cell<bool>>,
}

impl Write for CappedWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let room = usize::try_from(self.limit.saturating_sub(self.data.len() as u64)).unwrap_or(usize::MAX);
        if buf.len() > room {
            self.data.extend_from_slice(&buf[..room]);
            self.hit.set(true);
            return Err(std::io::Error::other("decompressed size limit reached"));
        }
        self.data.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn decode_in_memory<'r, R: Read + 'r>(
    magic: Magic,
    reader: R,
    limit: u64,
    hit: Rc<Cell<bool>>,
) -> std::io::Result<Box<dyn Read + 'r>> {
    let mut input = BufReader::new(reader);
    let mut output = CappedWriter { data: Vec::new(), limit, hit: hit.clone() };
    let result = match magic {
        Magic::Xz => lzma_rs::xz_decompress(&mut input, &mut output),
        _ => lzma_rs::lzma_decompress(&mut input, &mut output),
    };
    // What was decoded before an error or the limit is still scanned.
    if let Err(error) = result
        && !hit.get()
        && output.data.is_empty()
    {
        return Err(std::io::Error::other(error.to_string()));
    }
    Ok(Box::new(std::io::Cursor::new(output.data)))
}
