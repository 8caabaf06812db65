//! Cuts a feed into batches of whole records without parsing it all.
//!
//! The splitter walks the top-level object, remembers the format version,
//! and inside the record array (`vulnerabilities` or `CVE_Items`) only
//! tracks strings and nesting to find where each element ends. Each batch
//! owns a few megabytes of complete elements, which are parsed elsewhere (in
//! parallel). Memory is bounded by the batch size plus the largest record.

use std::io::Read;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use crate::feed::FeedFormat;

/// How much a reader may take from one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest single record (array element) accepted.
    pub max_record_bytes: usize,
    /// The most (decompressed) bytes read from one file.
    pub max_file_bytes: u64,
    /// Batches are cut once they hold this many bytes.
    pub batch_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_record_bytes: 64 << 20, max_file_bytes: 64 << 30, batch_bytes: 2 << 20 }
    }
}

/// Complete records, ready to be parsed.
#[derive(Debug)]
pub struct Batch {
    pub format: FeedFormat,
    /// The reader's buffer, handed over whole: `records` index into it.
    pub data: Vec<u8>,
    pub records: Vec<Range<usize>>,
    /// Where `data` starts in the (decompressed) file.
    pub offset: u64,
}

/// Buffers handed back once their batch is parsed, so that later batches
/// reuse them instead of taking fresh (zeroed) pages from the allocator.
#[derive(Debug, Clone, Default)]
pub struct BufferPool(Arc<Mutex<Vec<Vec<u8>>>>);

const POOLED_BUFFERS: usize = 4;

impl BufferPool {
    pub fn give(&self, buffer: Vec<u8>) {
        if let Ok(mut pool) = self.0.lock()
            && pool.len() < POOLED_BUFFERS
        {
            pool.push(buffer);
        }
    }

    fn take(&self, size: usize) -> Vec<u8> {
        let mut buffer = self.0.lock().ok().and_then(|mut pool| pool.pop()).unwrap_or_default();
        buffer.resize(size, 0);
        buffer
    }
}

/// Why a file could not be read to its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    Io(String),
    /// The JSON structure is broken; `offset` is where it was noticed.
    Syntax {
        offset: u64,
        message: String,
    },
    Limit {
        offset: u64,
        message: String,
    },
}

impl std::fmt::Display for SplitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io(message) => write!(f, "{message}"),
            Self::Syntax { offset, message } => write!(f, "{message} at byte {offset}"),
            Self::Limit { offset, message } => write!(f, "{message} at byte {offset}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the opening brace of the top-level object.
    Start,
    /// Expecting a member name (or the closing brace).
    Member {
        first: bool,
    },
    /// Inside the record array.
    Records {
        format: FeedFormat,
        first: bool,
    },
    Done,
}

/// Top-level scalars that say which version of the format a file is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub format: Option<FeedFormat>,
    /// `version` (API 2.0) or `CVE_data_version` (1.1).
    pub version: Option<String>,
}

pub struct Splitter<R> {
    reader: R,
    buf: Vec<u8>,
    /// Next byte to look at.
    pos: usize,
    /// End of the valid bytes in `buf`.
    len: usize,
    /// Bytes before this index may be discarded on refill.
    mark: usize,
    /// File offset of `buf[0]`.
    base: u64,
    eof: bool,
    state: State,
    limits: Limits,
    pending_error: Option<SplitError>,
    pool: BufferPool,
    pub header: Header,
}

const SHORT_STRING: usize = 256;
const READ_CHUNK: usize = 256 << 10;

impl<R: Read> Splitter<R> {
    pub fn new(reader: R, limits: Limits, pool: BufferPool) -> Self {
        // Room for a whole batch and the record that ends it, mostly.
        let size = limits
            .batch_bytes
            .saturating_mul(2)
            .clamp(4096, limits.batch_bytes.saturating_add(limits.max_record_bytes).max(4096));
        Self {
            reader,
            buf: pool.take(size),
            pos: 0,
            len: 0,
            mark: 0,
            base: 0,
            eof: false,
            state: State::Start,
            limits,
            pending_error: None,
            pool,
            header: Header::default(),
        }
    }

    /// How many bytes of the file have been read so far.
    pub fn bytes_read(&self) -> u64 {
        self.base + self.len as u64
    }

    /// The next batch of records; `Ok(None)` at the end of the file. After an
    /// error the records completed before it are returned first.
    pub fn next_batch(&mut self) -> Result<Option<Batch>, SplitError> {
        if let Some(error) = self.pending_error.take() {
            self.state = State::Done;
            return Err(error);
        }
        match self.advance() {
            Ok(batch) => Ok(batch),
            Err((Some(batch), error)) => {
                self.pending_error = Some(error);
                Ok(Some(batch))
            }
            Err((None, error)) => {
                self.state = State::Done;
                Err(error)
            }
        }
    }

    fn advance(&mut self) -> Result<Option<Batch>, (Option<Batch>, SplitError)> {
        loop {
            match self.state {
                State::Done => return Ok(None),
                State::Start => {
                    self.skip_whitespace().map_err(|e| (None, e))?;
                    match self.peek().map_err(|e| (None, e))? {
                        Some(b'{') => {
                            self.pos += 1;
                            self.state = State::Member { first: true };
                        }
                        Some(_) => return Err((None, self.syntax("the file is not a JSON object"))),
                        None => return Err((None, self.syntax("the file is empty"))),
                    }
                }
                State::Member { first } => self.member(first).map_err(|e| (None, e))?,
                State::Records { format, first } => {
                    if let Some(batch) = self.records(format, first)? {
                        return Ok(Some(batch));
                    }
                }
            }
        }
    }

    /// Reads one top-level member, or the closing brace.
    fn member(&mut self, first: bool) -> Result<(), SplitError> {
        self.mark = self.pos;
        self.skip_whitespace()?;
        if self.peek()? == Some(b'}') {
            self.pos += 1;
            self.state = State::Done;
            return Ok(());
        }
        if !first {
            self.expect(b',', "expected `,` or `}` between top-level members")?;
            self.skip_whitespace()?;
        }
        let key = self.short_string("expected a member name")?;
        self.skip_whitespace()?;
        self.expect(b':', "expected `:` after a member name")?;
        self.skip_whitespace()?;
        if let Some(format) = FeedFormat::from_array_key(&key) {
            self.expect(b'[', "the record array is not an array")?;
            self.header.format = Some(format);
            self.state = State::Records { format, first: true };
            return Ok(());
        }
        if (key == b"version" || key == b"CVE_data_version") && self.peek()? == Some(b'"') {
            let value = self.short_string("expected a version string")?;
            self.header.version = Some(String::from_utf8_lossy(&value).into_owned());
        } else {
            self.skip_value()?;
        }
        self.state = State::Member { first: false };
        Ok(())
    }

    /// Collects complete records until the batch is full or the array ends.
    fn records(&mut self, format: FeedFormat, mut first: bool) -> Result<Option<Batch>, (Option<Batch>, SplitError)> {
        self.mark = self.pos;
        let mut starts: Vec<(u64, u64)> = Vec::new();
        let result = loop {
            if let Err(e) = self.skip_whitespace() {
                break Err(e);
            }
            match self.peek() {
                Ok(Some(b']')) => {
                    self.pos += 1;
                    self.state = State::Member { first: false };
                    break Ok(());
                }
                Ok(None) => break Err(self.syntax("the record array is not closed (truncated file?)")),
                Err(e) => break Err(e),
                Ok(Some(_)) => {}
            }
            if !first {
                if let Err(e) = self.expect(b',', "expected `,` or `]` between records") {
                    break Err(e);
                }
                if let Err(e) = self.skip_whitespace() {
                    break Err(e);
                }
            }
            first = false;
            let start = self.offset();
            if let Err(e) = self.skip_value() {
                break Err(e);
            }
            starts.push((start, self.offset()));
            if self.pos - self.mark >= self.limits.batch_bytes {
                self.state = State::Records { format, first: false };
                break Ok(());
            }
        };
        let batch = self.cut(format, starts);
        match result {
            Ok(()) => Ok(batch),
            Err(error) => Err((batch, error)),
        }
    }

    /// Hands the buffer holding the completed records over as a batch; the
    /// bytes after them move to a fresh buffer.
    fn cut(&mut self, format: FeedFormat, records: Vec<(u64, u64)>) -> Option<Batch> {
        if records.is_empty() {
            return None;
        }
        let base = self.base;
        let records = records.iter().map(|&(start, end)| (start - base) as usize..(end - base) as usize).collect();
        let tail = self.len - self.pos;
        let mut fresh = self.pool.take(self.buf.len());
        fresh[..tail].copy_from_slice(&self.buf[self.pos..self.len]);
        let data = std::mem::replace(&mut self.buf, fresh);
        self.base += self.pos as u64;
        (self.pos, self.len, self.mark) = (0, tail, 0);
        Some(Batch { format, data, records, offset: base })
    }

    fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    fn syntax(&self, message: &str) -> SplitError {
        SplitError::Syntax { offset: self.offset(), message: message.to_string() }
    }

    /// The byte at `pos`, reading more when needed; `None` at end of file.
    fn peek(&mut self) -> Result<Option<u8>, SplitError> {
        if self.pos == self.len && !self.refill()? {
            return Ok(None);
        }
        Ok(Some(self.buf[self.pos]))
    }

    fn expect(&mut self, byte: u8, message: &str) -> Result<(), SplitError> {
        if self.peek()? == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax(message))
        }
    }

    fn skip_whitespace(&mut self) -> Result<(), SplitError> {
        while let Some(byte) = self.peek()? {
            if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            self.pos += 1;
        }
        Ok(())
    }

    /// Reads a string that must be short (a member name or version), raw.
    fn short_string(&mut self, message: &str) -> Result<Vec<u8>, SplitError> {
        self.expect(b'"', message)?;
        let mut out = Vec::new();
        loop {
            match self.peek()? {
                None => return Err(self.syntax("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(byte) => {
                    if out.len() >= SHORT_STRING {
                        return Err(self.syntax("a top-level member name or version is too long"));
                    }
                    out.push(byte);
                    self.pos += 1;
                }
            }
        }
    }

    /// Skips one JSON value of any kind, tracking only strings and nesting.
    fn skip_value(&mut self) -> Result<(), SplitError> {
        let start = self.offset();
        let mut depth: u64 = 0;
        loop {
            if self.pos == self.len {
                if !self.refill()? {
                    return Err(self.syntax("unexpected end of file inside a value (truncated file?)"));
                }
                if self.offset() - start > self.limits.max_record_bytes as u64 {
                    return Err(SplitError::Limit {
                        offset: start,
                        message: format!("a record is larger than the limit of {} bytes", self.limits.max_record_bytes),
                    });
                }
            }
            let byte = self.buf[self.pos];
            match byte {
                b'"' => {
                    self.pos += 1;
                    self.skip_string_body()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                }
                b'}' | b']' => {
                    if depth == 0 {
                        // The end of the enclosing object or array ends a scalar.
                        return if self.offset() > start { Ok(()) } else { Err(self.syntax("expected a value")) };
                    }
                    depth -= 1;
                    self.pos += 1;
                }
                b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => {
                    return if self.offset() > start { Ok(()) } else { Err(self.syntax("expected a value")) };
                }
                _ => self.pos += 1,
            }
            if depth == 0 && matches!(byte, b'"' | b'}' | b']') {
                return Ok(());
            }
        }
    }

    /// Skips to just after the closing quote of a string whose opening quote was consumed.
    fn skip_string_body(&mut self) -> Result<(), SplitError> {
        loop {
            match find_quote_or_escape(&self.buf[self.pos..self.len]) {
                Some(found) => {
                    self.pos += found;
                    if self.buf[self.pos] == b'"' {
                        self.pos += 1;
                        return Ok(());
                    }
                    self.pos += 1;
                    if self.peek()?.is_none() {
                        return Err(self.syntax("unterminated string"));
                    }
                    self.pos += 1;
                }
                None => {
                    self.pos = self.len;
                    if !self.refill()? {
                        return Err(self.syntax("unterminated string (truncated file?)"));
                    }
                }
            }
        }
    }

    /// Reads more bytes, keeping everything from `mark` on. Returns false at end of file.
    fn refill(&mut self) -> Result<bool, SplitError> {
        if self.eof {
            return Ok(false);
        }
        if self.mark > 0 {
            self.buf.copy_within(self.mark..self.len, 0);
            self.base += self.mark as u64;
            self.pos -= self.mark;
            self.len -= self.mark;
            self.mark = 0;
        }
        if self.len == self.buf.len() {
            let ceiling = self.limits.batch_bytes.saturating_add(self.limits.max_record_bytes);
            if self.buf.len() >= ceiling {
                return Err(SplitError::Limit {
                    offset: self.offset(),
                    message: format!("a record is larger than the limit of {} bytes", self.limits.max_record_bytes),
                });
            }
            let grown = self.buf.len().saturating_mul(2).min(ceiling);
            self.buf.resize(grown, 0);
        }
        // Reading a little at a time keeps the unread tail that moves to a
        // fresh buffer at each batch cut small.
        let end = self.len.saturating_add(READ_CHUNK).min(self.buf.len());
        let read = loop {
            match self.reader.read(&mut self.buf[self.len..end]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(SplitError::Io(format!("read failed after {} bytes: {e}", self.bytes_read()))),
            }
        };
        if read == 0 {
            self.eof = true;
            return Ok(false);
        }
        self.len += read;
        if self.bytes_read() > self.limits.max_file_bytes {
            return Err(SplitError::Limit {
                offset: self.offset(),
                message: format!("the file is larger than the limit of {} bytes", self.limits.max_file_bytes),
            });
        }
        Ok(true)
    }
}

/// The first `"` or `\\`. Most strings in a feed are short member names, for
/// which a plain loop beats setting up a vectorised search.
fn find_quote_or_escape(bytes: &[u8]) -> Option<usize> {
    const SHORT: usize = 24;
    let head = bytes.len().min(SHORT);
    match bytes[..head].iter().position(|&b| b == b'"' || b == b'\\') {
        Some(found) => Some(found),
        None => memchr::memchr2(b'"', b'\\', &bytes[head..]).map(|found| found + head),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_all(text: &str, batch_bytes: usize) -> (Header, Vec<String>, Option<SplitError>) {
        let limits = Limits { batch_bytes, ..Limits::default() };
        let mut splitter = Splitter::new(text.as_bytes(), limits, BufferPool::default());
        let mut records = Vec::new();
        loop {
            match splitter.next_batch() {
                Ok(Some(batch)) => records
                    .extend(batch.records.iter().map(|r| String::from_utf8(batch.data[r.clone()].to_vec()).unwrap())),
                Ok(None) => return (splitter.header, records, None),
                Err(error) => return (splitter.header, records, Some(error)),
            }
        }
    }

    #[test]
    fn records_are_cut_whole_whatever_the_strings_hold() {
        let text = r#" { "format" : "NVD_CVE", "version":"2.0", "vulnerabilities" : [ {"a":"x]\"}"} ,
            {"b":[1,{"c":"\\"}]}, 7 , "s", [] ], "tail": {"x": [1, 2]} } "#;
        for batch_bytes in [1, 8, 4096] {
            let (header, records, error) = split_all(text, batch_bytes);
            assert_eq!(error, None);
            assert_eq!(header.format, Some(FeedFormat::Api2));
            assert_eq!(header.version.as_deref(), Some("2.0"));
            assert_eq!(records, [r#"{"a":"x]\"}"}"#, r#"{"b":[1,{"c":"\\"}]}"#, "7", r#""s""#, "[]"]);
        }
    }

    #[test]
    fn a_break_keeps_the_records_before_it() {
        let (header, records, error) = split_all(r#"{"CVE_data_version": "4.0", "CVE_Items": [{"a": 1}, {"b": "#, 4096);
        assert_eq!(header.format, Some(FeedFormat::Legacy));
        assert_eq!(header.version.as_deref(), Some("4.0"));
        assert_eq!(records, [r#"{"a": 1}"#]);
        assert!(matches!(error, Some(SplitError::Syntax { .. })), "{error:?}");
    }

    #[test]
    fn missing_commas_and_stray_brackets_are_syntax_errors() {
        for text in [r#"{"vulnerabilities": [{"a": 1} {"b": 2}]}"#, r#"{"vulnerabilities": [}]}"#, r#"{"x" 1}"#, "[]"] {
            let (_, _, error) = split_all(text, 4096);
            assert!(matches!(error, Some(SplitError::Syntax { .. })), "{text}: {error:?}");
        }
    }
}
