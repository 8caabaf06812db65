//! A forward-only byte source over any reader, with absolute offsets, so a
//! pickle is scanned in a small window however large the file is.

use std::io::Read;

const CHUNK: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The data ended inside an opcode or its argument.
    Truncated,
    /// A line argument was longer than the limit.
    LineTooLong,
    Io(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Truncated => f.write_str("data ends in the middle of an opcode"),
            Self::LineTooLong => f.write_str("a text argument has no newline within the line limit"),
            Self::Io(message) => write!(f, "read error: {message}"),
        }
    }
}

pub struct Input<R> {
    reader: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Absolute offset of `buf[0]`.
    base: u64,
    /// Bytes still to come after `buf[end]`, when the size is known.
    total: Option<u64>,
    eof: bool,
}

impl<'a> Input<&'a [u8]> {
    pub fn from_slice(data: &'a [u8]) -> Self {
        Self::new(data, Some(data.len() as u64), 0)
    }
}

impl<R: Read> Input<R> {
    /// `total` is the number of bytes the reader will yield, if known;
    /// `base` the absolute offset of its first byte.
    pub fn new(reader: R, total: Option<u64>, base: u64) -> Self {
        Self { reader, buf: Vec::new(), pos: 0, end: 0, base, total: total.map(|t| t + base), eof: false }
    }

    /// Absolute offset of the next byte.
    pub fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Makes at least `need` bytes available from `pos`, if the data has them.
    #[inline]
    fn fill(&mut self, need: usize) -> Result<bool, ReadError> {
        if self.end - self.pos >= need { Ok(true) } else { self.refill(need) }
    }

    #[cold]
    fn refill(&mut self, need: usize) -> Result<bool, ReadError> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.base += self.pos as u64;
            self.end -= self.pos;
            self.pos = 0;
        }
        let wanted = need.max(CHUNK);
        if self.buf.len() < wanted {
            self.buf.resize(wanted, 0);
        }
        while self.end < need && !self.eof {
            match self.reader.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(ReadError::Io(e.to_string())),
            }
        }
        Ok(self.end >= need)
    }

    /// Up to `n` bytes from the current position, without consuming them.
    pub fn peek(&mut self, n: usize) -> Result<&[u8], ReadError> {
        self.fill(n)?;
        let stop = self.end.min(self.pos + n);
        Ok(&self.buf[self.pos..stop])
    }

    #[inline]
    pub fn byte(&mut self) -> Result<u8, ReadError> {
        if !self.fill(1)? {
            return Err(ReadError::Truncated);
        }
        self.pos += 1;
        Ok(self.buf[self.pos - 1])
    }

    #[inline]
    pub fn take(&mut self, n: usize) -> Result<&[u8], ReadError> {
        if !self.fill(n)? {
            return Err(ReadError::Truncated);
        }
        self.pos += n;
        Ok(&self.buf[self.pos - n..self.pos])
    }

    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], ReadError> {
        let slice = self.take(N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(slice);
        Ok(out)
    }

    /// Consumes `n` bytes without keeping them.
    pub fn skip(&mut self, mut n: u64) -> Result<(), ReadError> {
        while n > 0 {
            let step = n.min(CHUNK as u64) as usize;
            if !self.fill(1)? {
                return Err(ReadError::Truncated);
            }
            let available = (self.end - self.pos).min(step);
            self.pos += available;
            n -= available as u64;
        }
        Ok(())
    }

    /// A line without its `\n`; at most `max` bytes long.
    pub fn line(&mut self, max: usize) -> Result<&[u8], ReadError> {
        let mut scanned = 0;
        loop {
            let window = &self.buf[self.pos + scanned..self.end];
            if let Some(i) = window.iter().position(|&b| b == b'\n') {
                let start = self.pos;
                let stop = self.pos + scanned + i;
                if stop - start > max {
                    return Err(ReadError::LineTooLong);
                }
                self.pos = stop + 1;
                return Ok(&self.buf[start..stop]);
            }
            scanned = self.end - self.pos;
            if scanned > max {
                return Err(ReadError::LineTooLong);
            }
            if !self.fill(scanned + 1)? {
                return Err(ReadError::Truncated);
            }
        }
    }

    /// Whether the data is known to end before `n` more bytes.
    pub fn known_shortfall(&self, n: u64) -> bool {
        self.total.is_some_and(|total| total.saturating_sub(self.offset()) < n)
    }

    /// Whether `n` more bytes exist after the current position. With an
    /// unknown size, up to 64 MiB are buffered to find out; beyond that the
    /// answer is yes and a later read reports the truncation.
    pub fn has_at_least(&mut self, n: u64) -> Result<bool, ReadError> {
        match self.total {
            Some(total) => Ok(total.saturating_sub(self.offset()) >= n),
            None => match usize::try_from(n) {
                Ok(n) if n <= 64 * 1024 * 1024 => self.fill(n),
                _ => Ok(true),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_across_chunk_boundaries() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut input = Input::new(&data[..], Some(data.len() as u64), 0);
        input.skip(CHUNK as u64 - 2).unwrap();
        let taken = input.take(5).unwrap().to_vec();
        assert_eq!(taken, data[CHUNK - 2..CHUNK + 3]);
        assert_eq!(input.offset(), CHUNK as u64 + 3);
        assert!(input.has_at_least(200_000 - CHUNK as u64 - 3).unwrap());
        assert!(!input.has_at_least(200_000 - CHUNK as u64 - 2).unwrap());
    }

    #[test]
    fn lines_and_truncation() {
        let mut input = Input::from_slice(b"os\nsystem\nrest");
        assert_eq!(input.line(10).unwrap(), b"os");
        assert_eq!(input.line(10).unwrap(), b"system");
        assert_eq!(input.line(10), Err(ReadError::Truncated));
        let mut long = Input::from_slice(b"abcdefgh\n");
        assert_eq!(long.line(4), Err(ReadError::LineTooLong));
    }
}
