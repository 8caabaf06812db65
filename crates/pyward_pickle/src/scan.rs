//! Scanning one file: recognise its format by content, open containers,
//! emulate every pickle found, and collect findings with their location.

use std::cell::Cell;
use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use pyward_report::Severity;
use serde::Serialize;

use crate::containers::{keras, npy, tar, zip};
use crate::decompress;
use crate::finding::Finding;
use crate::input::Input;
use crate::operand::{KeepLimits, SNIFF_LEN};
use crate::policy::Policy;
use crate::rules::Rule;
use crate::sniff::{self, Magic};
use crate::vm::{Machine, Outcome, Silent, StreamLimits};

/// Bounds on the work done for one file. Every limit that is hit is
/// reported as a `PWP011` finding.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_opcodes: u64,
    pub max_stack: usize,
    pub max_memo: usize,
    /// Longest text argument of a protocol 0 opcode.
    pub max_line: usize,
    /// Strings and bytes up to this size are kept for name resolution.
    pub max_kept: usize,
    /// Larger bytes that look like a pickle are kept up to this size, to scan
    /// them when handed to a nested loader.
    pub max_payload: usize,
    /// Containers, compressions and nested pickles inside one another.
    pub max_depth: usize,
    /// Bytes produced by one decompression stream.
    pub max_decompressed: u64,
    /// Nested archives and xz/lzma streams are read into memory up to this.
    pub max_in_memory: u64,
    pub max_members: usize,
    /// Pickles stacked one after the other in one stream.
    pub max_streams: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_opcodes: 100_000_000,
            max_stack: 10_000_000,
            max_memo: 10_000_000,
            max_line: 1 << 20,
            max_kept: 64 << 10,
            max_payload: 64 << 20,
            max_depth: 8,
            max_decompressed: 4 << 30,
            max_in_memory: 512 << 20,
            max_members: 100_000,
            max_streams: 10_000,
        }
    }
}

impl Limits {
    pub(crate) fn stream(&self) -> StreamLimits {
        StreamLimits {
            max_opcodes: self.max_opcodes,
            max_stack: self.max_stack,
            max_memo: self.max_memo,
            keep: KeepLimits { max_line: self.max_line, max_kept: self.max_kept, max_payload: self.max_payload },
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub policy: Policy,
    pub limits: Limits,
}

/// The answer for one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Clean,
    Suspicious,
    Dangerous,
    Error,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Clean => "clean",
            Self::Suspicious => "suspicious",
            Self::Dangerous => "dangerous",
            Self::Error => "error",
        }
    }
}

/// Everything learned about one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileScan {
    pub path: PathBuf,
    /// The format recognised from the content (`pickle`, `pytorch-zip`...).
    pub format: String,
    pub findings: Vec<Finding>,
    /// Why the file could not be scanned, if it could not.
    pub error: Option<String>,
    /// Pickle streams emulated, nested ones included.
    pub pickles: usize,
    /// Opcodes emulated in all of them.
    pub opcodes: u64,
    /// False when the content is neither a pickle nor a known container.
    pub recognized: bool,
    /// Oddities (zip name mismatches, trailing data...) that are not findings.
    pub notes: Vec<String>,
}

impl FileScan {
    /// `dangerous` when a finding is high or critical, `suspicious` for any
    /// other finding, `error` when nothing could be scanned.
    pub fn verdict(&self) -> Verdict {
        match self.findings.iter().map(|f| f.severity).max() {
            Some(severity) if severity >= Severity::High => Verdict::Dangerous,
            Some(_) => Verdict::Suspicious,
            None if self.error.is_some() => Verdict::Error,
            None => Verdict::Clean,
        }
    }
}

/// Scans a file on disk. Never panics on any content; a panic inside a
/// reader is reported as an error for this file.
pub fn scan_file(path: &Path, options: &Options) -> FileScan {
    let opened =
        File::open(path).and_then(|file| Ok((file.metadata()?.len(), file))).map_err(|e| format!("cannot read: {e}"));
    match opened {
        Ok((len, file)) => {
            scan_guarded(path, options, |scanner| scanner.seekable(&mut BufReader::new(file), len, &[], 0, true))
        }
        Err(message) => {
            let mut scan = FileScan::empty(path);
            scan.error = Some(message);
            scan
        }
    }
}

/// Scans bytes already in memory (tests, fuzzing, embedded payloads).
pub fn scan_bytes(data: &[u8], options: &Options) -> FileScan {
    scan_guarded(Path::new("<memory>"), options, |scanner| {
        scanner.seekable(&mut Cursor::new(data), data.len() as u64, &[], 0, true)
    })
}

fn scan_guarded(path: &Path, options: &Options, run: impl FnOnce(&mut Scanner<'_>) -> Scanned) -> FileScan {
    let mut scanner = Scanner::new(options, path);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&mut scanner)));
    let mut scan = scanner.scan;
    match result {
        Ok(Ok(format)) => scan.format = format,
        Ok(Err(message)) => {
            scan.recognized = message != UNRECOGNIZED;
            scan.error = Some(message);
        }
        Err(_) => scan.error = Some("internal error: the scanner panicked on this input".to_string()),
    }
    scan
}

impl FileScan {
    fn empty(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            format: "unknown".to_string(),
            findings: Vec::new(),
            error: None,
            pickles: 0,
            opcodes: 0,
            recognized: true,
            notes: Vec::new(),
        }
    }
}

const UNRECOGNIZED: &str = "not a pickle or a known model container";

/// The format name, or why the content could not be scanned.
type Scanned = Result<String, String>;

struct Scanner<'o> {
    options: &'o Options,
    scan: FileScan,
}

impl<'o> Scanner<'o> {
    fn new(options: &'o Options, path: &Path) -> Self {
        Self { options, scan: FileScan::empty(path) }
    }

    fn limits(&self) -> &Limits {
        &self.options.limits
    }

    fn report(&mut self, rule: Rule, severity: Severity, offset: u64, loc: &[String], message: String) {
        let mut finding = Finding::new(rule, severity, message, offset);
        finding.location = loc.to_vec();
        self.scan.findings.push(finding);
    }

    fn too_deep(&mut self, loc: &[String], depth: usize) -> bool {
        if depth <= self.limits().max_depth {
            return false;
        }
        let message = format!("nesting deeper than {} levels was not scanned", self.limits().max_depth);
        self.report(Rule::LimitReached, Severity::Medium, 0, loc, message);
        true
    }

    /// Content that can be read at any offset (a file, a buffered member).
    fn seekable<R: Read + Seek>(
        &mut self,
        reader: &mut R,
        len: u64,
        loc: &[String],
        depth: usize,
        strict: bool,
    ) -> Scanned {
        if self.too_deep(loc, depth) {
            return Ok("nested".to_string());
        }
        let head = read_head(reader, SNIFF_LEN.max(512)).map_err(io_message)?;
        match sniff::magic(&head) {
            Some(Magic::Zip) => self.zip(reader, len, loc, depth),
            Some(Magic::SevenZip) => self.seven_zip(reader, len, loc, depth),
            Some(Magic::Tar) => self.tar(reader, len, loc, depth),
            Some(Magic::Pickle) => {
                let format = self.pickle_region(reader, len, loc, depth)?;
                if zip::has_end_record(reader, len) {
                    self.scan.notes.push("a zip archive follows the pickle (polyglot file)".to_string());
                    let archive = self.zip(reader, len, loc, depth)?;
                    return Ok(format!("{format}+{archive}"));
                }
                Ok(format)
            }
            None if zip::has_end_record(reader, len) => self.zip(reader, len, loc, depth),
            _ => {
                reader.seek(SeekFrom::Start(0)).map_err(io_message)?;
                self.stream(reader, Some(len), loc, depth, strict)
            }
        }
    }

    fn pickle_region<R: Read + Seek>(&mut self, reader: &mut R, len: u64, loc: &[String], depth: usize) -> Scanned {
        reader.seek(SeekFrom::Start(0)).map_err(io_message)?;
        let mut input = Input::new(&mut *reader, Some(len), 0);
        Ok(self.pickles(&mut input, loc, depth))
    }

    /// Content read front to back only (decompressed data, zip members).
    fn stream<R: Read>(
        &mut self,
        mut reader: R,
        len: Option<u64>,
        loc: &[String],
        depth: usize,
        strict: bool,
    ) -> Scanned {
        if self.too_deep(loc, depth) {
            return Ok("nested".to_string());
        }
        let mut head = read_head(&mut reader, 512).map_err(io_message)?;
        let magic = sniff::magic(&head);
        if magic == Some(Magic::Npy) {
            let more = read_head(&mut reader, npy::HEADER_READ - head.len()).map_err(io_message)?;
            head.extend_from_slice(&more);
        }
        let whole = Cursor::new(head.clone()).chain(reader);
        match magic {
            Some(Magic::Pickle) => {
                let mut input = Input::new(whole, len, 0);
                Ok(self.pickles(&mut input, loc, depth))
            }
            Some(Magic::Npy) => self.npy(&head, whole, len, loc, depth),
            Some(compressed @ (Magic::Gzip | Magic::Zlib | Magic::Bzip2 | Magic::Xz | Magic::Lzma)) => {
                self.decompress(compressed, whole, loc, depth)
            }
            Some(Magic::Zip | Magic::SevenZip | Magic::Tar) => {
                let data = self.buffer(whole, loc)?;
                self.seekable(&mut Cursor::new(&data[..]), data.len() as u64, loc, depth, strict)
            }
            None if looks_like_json(&head) => self.json(whole, loc),
            None if strict => Err(UNRECOGNIZED.to_string()),
            None => Ok("data".to_string()),
        }
    }

    fn decompress<R: Read>(&mut self, magic: Magic, reader: R, loc: &[String], depth: usize) -> Scanned {
        let hit = Rc::new(Cell::new(false));
        let name = format!("{magic:?}").to_lowercase();
        let decoder = decompress::decoder(magic, reader, self.limits().max_decompressed, hit.clone())
            .ok_or_else(|| format!("{name} is not a compression"))?
            .map_err(|e| format!("cannot decompress {name}: {e}"))?;
        let inner = self.stream(decoder, None, loc, depth + 1, false);
        self.report_decompression_limit(&hit, loc);
        Ok(format!("{name}:{}", inner.map_err(|e| format!("{name} stream: {e}"))?))
    }

    fn report_decompression_limit(&mut self, hit: &Rc<Cell<bool>>, loc: &[String]) {
        if hit.get() {
            let message =
                format!("decompressed data larger than {} bytes was not scanned", self.limits().max_decompressed);
            self.report(Rule::LimitReached, Severity::Medium, 0, loc, message);
        }
    }

    /// Reads a nested archive into memory, within the limit.
    fn buffer<R: Read>(&mut self, reader: R, loc: &[String]) -> Result<Vec<u8>, String> {
        let limit = self.limits().max_in_memory;
        let mut data = Vec::new();
        reader.take(limit + 1).read_to_end(&mut data).map_err(io_message)?;
        if data.len() as u64 > limit {
            let message = format!("nested archive larger than {limit} bytes was not scanned");
            self.report(Rule::LimitReached, Severity::Medium, 0, loc, message);
            data.clear();
        }
        Ok(data)
    }

    /// Every pickle stacked in the stream, each from its start to `STOP`.
    fn pickles<R: Read>(&mut self, input: &mut Input<R>, loc: &[String], depth: usize) -> String {
        let limits = self.limits().stream();
        let mut streams = 0;
        loop {
            if streams == self.limits().max_streams {
                let message = format!("more than {} stacked pickles; the rest was not scanned", streams);
                self.report(Rule::LimitReached, Severity::Medium, input.offset(), loc, message);
                break;
            }
            let mut machine = Machine::new(&self.options.policy, limits, Silent);
            let scan = machine.run(input);
            streams += 1;
            self.scan.pickles += 1;
            self.scan.opcodes += scan.opcodes;
            self.scan.findings.extend(scan.findings.into_iter().map(|mut f| {
                f.location = loc.to_vec();
                f
            }));
            for payload in scan.nested {
                let mut inner = loc.to_vec();
                inner.push(format!("{}@{}", payload.loader, payload.offset));
                let scanned = self.stream(Cursor::new(payload.bytes), None, &inner, depth + 1, false);
                if let Err(message) = scanned {
                    self.scan.notes.push(format!("nested payload at {}: {message}", payload.offset));
                }
            }
            match scan.outcome {
                Outcome::Complete => {}
                Outcome::Malformed(message) => {
                    let message = format!("pickle stream {} breaks at byte {}: {message}", streams, scan.end);
                    self.report(Rule::Malformed, Severity::Medium, scan.end, loc, message);
                    break;
                }
                Outcome::Limit(message) => {
                    let message = format!("pickle stream {} not scanned past byte {}: {message}", streams, scan.end);
                    self.report(Rule::LimitReached, Severity::Medium, scan.end, loc, message);
                    break;
                }
            }
            match input.peek(SNIFF_LEN) {
                Ok([]) => break,
                Ok(next) if sniff::another_pickle(next) => {}
                Ok(_) => {
                    self.scan
                        .notes
                        .push(format!("data after the last pickle, from byte {}, was not a pickle", input.offset()));
                    break;
                }
                Err(_) => break,
            }
        }
        if streams > 1 { format!("pickle (x{streams})") } else { "pickle".to_string() }
    }

    fn npy<R: Read>(&mut self, head: &[u8], whole: R, len: Option<u64>, loc: &[String], depth: usize) -> Scanned {
        let start = npy::object_pickle_offset(head)?;
        let Some(start) = start else { return Ok("npy".to_string()) };
        let mut input = Input::new(whole, len, 0);
        input.skip(start).map_err(|e| e.to_string())?;
        self.pickles(&mut input, loc, depth);
        Ok("npy (object)".to_string())
    }

    fn json<R: Read>(&mut self, reader: R, loc: &[String]) -> Scanned {
        let data = self.buffer(reader, loc)?;
        let Ok(config) = serde_json::from_slice::<serde_json::Value>(&data) else { return Ok("data".to_string()) };
        for path in keras::lambda_layers(&config) {
            let message = format!("Keras config holds a Lambda layer or serialized function at {path}");
            self.report(Rule::KerasLambda, Severity::Critical, 0, loc, message);
        }
        Ok("json".to_string())
    }

    fn zip<R: Read + Seek>(&mut self, reader: &mut R, len: u64, loc: &[String], depth: usize) -> Scanned {
        let listing = zip::list(reader, len, self.limits().max_members).map_err(io_message)?;
        self.scan.notes.extend(listing.notes.iter().map(|note| with_location(loc, note)));
        let format = zip_kind(&listing.members);
        for member in &listing.members {
            let mut inner = loc.to_vec();
            inner.push(member.name.clone());
            reader.seek(SeekFrom::Start(member.data_offset)).map_err(io_message)?;
            let raw = (&mut *reader).take(member.compressed_size);
            let hit = Rc::new(Cell::new(false));
            let limit = self.limits().max_decompressed;
            let scanned = match member.method {
                0 => self.stream(raw, Some(member.compressed_size), &inner, depth + 1, false),
                8 => self.stream(decompress::deflate(raw, limit, hit.clone()), None, &inner, depth + 1, false),
                12 => self.stream(decompress::bzip2(raw, limit, hit.clone()), None, &inner, depth + 1, false),
                method => {
                    self.scan
                        .notes
                        .push(with_location(&inner, &format!("compression method {method} is not supported")));
                    continue;
                }
            };
            self.report_decompression_limit(&hit, &inner);
            if let Err(message) = scanned {
                self.scan.notes.push(with_location(&inner, &message));
            }
        }
        Ok(format.to_string())
    }

    fn tar<R: Read + Seek>(&mut self, reader: &mut R, len: u64, loc: &[String], depth: usize) -> Scanned {
        let members = tar::list(reader, len, self.limits().max_members).map_err(io_message)?;
        let format = if members.iter().any(|m| m.name == "pickle" || m.name.ends_with("/pickle")) {
            "pytorch-tar"
        } else {
            "tar"
        };
        for member in members {
            let mut inner = loc.to_vec();
            inner.push(member.name.clone());
            reader.seek(SeekFrom::Start(member.data_offset)).map_err(io_message)?;
            let raw = (&mut *reader).take(member.size);
            if let Err(message) = self.stream(raw, Some(member.size), &inner, depth + 1, false) {
                self.scan.notes.push(with_location(&inner, &message));
            }
        }
        Ok(format.to_string())
    }

    fn seven_zip<R: Read + Seek>(&mut self, reader: &mut R, len: u64, loc: &[String], depth: usize) -> Scanned {
        reader.seek(SeekFrom::Start(0)).map_err(io_message)?;
        let mut archive = sevenz_rust::SevenZReader::new(&mut *reader, len, sevenz_rust::Password::empty())
            .map_err(|e| format!("cannot read 7z archive: {e}"))?;
        let limit = self.limits().max_decompressed;
        let mut failures = Vec::new();
        let walked = archive.for_each_entries(|entry, data| {
            if entry.is_directory() {
                return Ok(true);
            }
            let mut inner = loc.to_vec();
            inner.push(entry.name().to_string());
            let hit = Rc::new(Cell::new(false));
            let limited = decompress::Limited::new(&mut *data, limit, hit.clone());
            if let Err(message) = self.stream(limited, Some(entry.size()), &inner, depth + 1, false) {
                failures.push(with_location(&inner, &message));
            }
            self.report_decompression_limit(&hit, &inner);
            // The archive reader needs each entry consumed to reach the next.
            std::io::copy(data, &mut std::io::sink())?;
            Ok(true)
        });
        self.scan.notes.extend(failures);
        walked.map_err(|e| format!("cannot read 7z archive: {e}"))?;
        Ok("7z".to_string())
    }
}

fn zip_kind(members: &[zip::Member]) -> &'static str {
    let has = |suffix: &str| members.iter().any(|m| m.name.ends_with(suffix));
    if has("data.pkl") {
        "pytorch-zip"
    } else if has("config.json") && has("metadata.json") {
        "keras"
    } else if !members.is_empty() && members.iter().all(|m| m.name.ends_with(".npy")) {
        "npz"
    } else {
        "zip"
    }
}

fn looks_like_json(head: &[u8]) -> bool {
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

fn with_location(loc: &[String], note: &str) -> String {
    if loc.is_empty() { note.to_string() } else { format!("{}: {note}", loc.join(" > ")) }
}

fn read_head<R: Read>(reader: &mut R, len: usize) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(len);
    reader.by_ref().take(len as u64).read_to_end(&mut head)?;
    Ok(head)
}

fn io_message(error: std::io::Error) -> String {
    format!("read error: {error}")
}
