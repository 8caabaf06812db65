//! A lenient zip reader: members come from the central directory and from a
//! walk of the local headers; CRCs, flag bits (encryption, data descriptor)
//! and name mismatches are ignored, as PyTorch's reader ignores them. Only
//! headers are read here; member data is streamed by the caller.

use std::io::{Read, Seek, SeekFrom};

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
const ZIP64_END: u32 = 0x0606_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const ZIP64_EXTRA: u16 = 0x0001;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The central directory's name (what loaders use), else the local one.
    pub name: String,
    pub method: u16,
    pub compressed_size: u64,
    /// Absolute offset of the member's data.
    pub data_offset: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub members: Vec<Member>,
    /// Oddities worth telling the analyst (never a reason to stop).
    pub notes: Vec<String>,
}

/// Lists the members of a zip archive of `len` bytes.
pub fn list<R: Read + Seek>(reader: &mut R, len: u64, max_members: usize) -> std::io::Result<Listing> {
    let mut listing = Listing::default();
    if let Some(directory) = find_directory(reader, len)? {
        read_central(reader, len, directory, max_members, &mut listing)?;
    } else {
        listing.notes.push("no central directory; members found from local headers".to_string());
    }
    walk_local_headers(reader, len, max_members, &mut listing)?;
    Ok(listing)
}

struct Directory {
    offset: u64,
    entries: u64,
    /// Bytes prepended to the archive (a polyglot), added to every offset.
    shift: u64,
}

fn find_directory<R: Read + Seek>(reader: &mut R, len: u64) -> std::io::Result<Option<Directory>> {
    let tail_len = len.min(22 + 65_535);
    let tail = read_at(reader, len - tail_len, tail_len as usize)?;
    let Some(end) = (0..tail.len().saturating_sub(21)).rev().find(|&i| u32_at(&tail, i) == Some(END)) else {
        return Ok(None);
    };
    let mut entries = u64::from(u16_at(&tail, end + 10).unwrap_or(0));
    let mut offset = u64::from(u32_at(&tail, end + 16).unwrap_or(0));
    let mut size = u64::from(u32_at(&tail, end + 12).unwrap_or(0));
    let end_offset = len - tail_len + end as u64;
    if end_offset >= 20 {
        let locator = read_at(reader, end_offset - 20, 20)?;
        if u32_at(&locator, 0) == Some(ZIP64_LOCATOR) {
            let record_offset = u64_at(&locator, 8).unwrap_or(u64::MAX);
            if record_offset < len {
                let record = read_at(reader, record_offset, 56)?;
                if u32_at(&record, 0) == Some(ZIP64_END) {
                    entries = u64_at(&record, 32).unwrap_or(entries);
                    size = u64_at(&record, 40).unwrap_or(size);
                    offset = u64_at(&record, 48).unwrap_or(offset);
                }
            }
        }
    }
    // An archive prepended with other data (a polyglot) has offsets relative
    // to its own start; like Python's zipfile, measure the shift from where
    // the directory really ends.
    let shift = end_offset.saturating_sub(size).saturating_sub(offset);
    Ok(Some(Directory { offset: offset.saturating_add(shift), entries, shift }))
}

fn read_central<R: Read + Seek>(
    reader: &mut R,
    len: u64,
    directory: Directory,
    max_members: usize,
    listing: &mut Listing,
) -> std::io::Result<()> {
    reader.seek(SeekFrom::Start(directory.offset))?;
    let mut position = directory.offset;
    for _ in 0..directory.entries.min(max_members as u64) {
        let header = read_at(reader, position, 46)?;
        if u32_at(&header, 0) != Some(CENTRAL) {
            listing.notes.push(format!("central directory entry at {position} has a bad signature"));
            break;
        }
        let field = |at| u16_at(&header, at).map_or(0, usize::from);
        let (name_len, extra_len, comment_len) = (field(28), field(30), field(32));
        let rest = read_at(reader, position + 46, name_len + extra_len)?;
        let name = String::from_utf8_lossy(rest.get(..name_len).unwrap_or_default()).into_owned();
        let extra = rest.get(name_len..).unwrap_or_default();
        let mut compressed = u64::from(u32_at(&header, 20).unwrap_or(0));
        let uncompressed = u32_at(&header, 24).unwrap_or(0);
        let mut local = u64::from(u32_at(&header, 42).unwrap_or(0));
        if let Some(values) = zip64_values(extra) {
            let mut values = values.into_iter();
            if uncompressed == u32::MAX {
                values.next();
            }
            if compressed == u64::from(u32::MAX) {
                compressed = values.next().unwrap_or(compressed);
            }
            if local == u64::from(u32::MAX) {
                local = values.next().unwrap_or(local);
            }
        }
        let method = u16_at(&header, 10).unwrap_or(0);
        let local = local.saturating_add(directory.shift);
        if let Some(data_offset) = local_data_offset(reader, len, local, &name, listing)? {
            listing.members.push(Member { name, method, compressed_size: compressed, data_offset });
        }
        position += 46 + (name_len + extra_len + comment_len) as u64;
    }
    if directory.entries > max_members as u64 {
        listing.notes.push(format!("only the first {max_members} of {} members were read", directory.entries));
    }
    Ok(())
}

/// Where a member's data starts, from its local header.
fn local_data_offset<R: Read + Seek>(
    reader: &mut R,
    len: u64,
    offset: u64,
    central_name: &str,
    listing: &mut Listing,
) -> std::io::Result<Option<u64>> {
    if offset.saturating_add(30) > len {
        listing.notes.push(format!("member `{central_name}` points past the end of the file"));
        return Ok(None);
    }
    let header = read_at(reader, offset, 30)?;
    if u32_at(&header, 0) != Some(LOCAL) {
        listing.notes.push(format!("member `{central_name}` has no local header"));
        return Ok(None);
    }
    let name_len = u16_at(&header, 26).map_or(0, usize::from);
    let extra_len = u16_at(&header, 28).map_or(0, u64::from);
    let local_name = read_at(reader, offset + 30, name_len)?;
    if local_name != central_name.as_bytes() {
        listing.notes.push(format!(
            "member `{central_name}` is named `{}` in its local header",
            String::from_utf8_lossy(&local_name)
        ));
    }
    Ok(Some(offset + 30 + name_len as u64 + extra_len))
}

/// Local headers not listed in the central directory (hidden, or a
/// truncated archive), as long as their sizes are in the header.
fn walk_local_headers<R: Read + Seek>(
    reader: &mut R,
    len: u64,
    max_members: usize,
    listing: &mut Listing,
) -> std::io::Result<()> {
    let mut offset = 0u64;
    while listing.members.len() < max_members && offset.saturating_add(30) <= len {
        let header = read_at(reader, offset, 30)?;
        if u32_at(&header, 0) != Some(LOCAL) {
            break;
        }
        let name_len = u16_at(&header, 26).map_or(0, usize::from);
        let extra_len = u16_at(&header, 28).map_or(0, usize::from);
        let mut compressed = u64::from(u32_at(&header, 18).unwrap_or(0));
        let rest = read_at(reader, offset + 30, name_len + extra_len)?;
        if compressed == u64::from(u32::MAX) {
            let extra = rest.get(name_len..).unwrap_or_default();
            compressed = zip64_values(extra).and_then(|v| v.get(1).copied()).unwrap_or(compressed);
        }
        let data_offset = offset + 30 + (name_len + extra_len) as u64;
        if !listing.members.iter().any(|m| m.data_offset == data_offset) {
            let name = String::from_utf8_lossy(rest.get(..name_len).unwrap_or_default()).into_owned();
            if compressed == 0 && u16_at(&header, 6).unwrap_or(0) & 0x08 != 0 {
                break; // size only in a data descriptor: the directory is the only guide
            }
            listing.notes.push(format!("member `{name}` is not in the central directory"));
            let method = u16_at(&header, 8).unwrap_or(0);
            listing.members.push(Member { name, method, compressed_size: compressed, data_offset });
        }
        let size =
            listing.members.iter().find(|m| m.data_offset == data_offset).map_or(compressed, |m| m.compressed_size);
        offset = data_offset.saturating_add(size);
        let descriptor = read_at(reader, offset, 4)?;
        if u32_at(&descriptor, 0) == Some(0x0807_4b50) {
            offset += 16;
        }
    }
    Ok(())
}

fn zip64_values(extra: &[u8]) -> Option<Vec<u64>> {
    let mut at = 0;
    while let (Some(id), Some(size)) = (u16_at(extra, at), u16_at(extra, at + 2)) {
        let size = usize::from(size);
        if id == ZIP64_EXTRA {
            let body = extra.get(at + 4..at + 4 + size)?;
            return Some(body.chunks_exact(8).filter_map(|c| u64_at(c, 0)).collect());
        }
        at += 4 + size;
    }
    None
}

fn read_at<R: Read + Seek>(reader: &mut R, offset: u64, len: usize) -> std::io::Result<Vec<u8>> {
    reader.seek(SeekFrom::Start(offset))?;
    let mut buf = Vec::with_capacity(len.min(1 << 20));
    reader.by_ref().take(len as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

fn u64_at(data: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(data.get(at..at.checked_add(8)?)?.try_into().ok()?))
}

/// Whether a zip end-of-central-directory record sits in the last 64 KiB.
pub fn has_end_record<R: Read + Seek>(reader: &mut R, len: u64) -> bool {
    find_directory(reader, len).ok().flatten().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A stored archive with one member, built by hand.
    fn archive(name: &str, local_name: &str, data: &[u8], flags: u16) -> Vec<u8> {
        let mut out = Vec::new();
        let header = |sig: u32, out: &mut Vec<u8>| out.extend_from_slice(&sig.to_le_bytes());
        header(LOCAL, &mut out);
        out.extend_from_slice(&[20, 0]);
        out.extend_from_slice(&flags.to_le_bytes());
        out.extend_from_slice(&[0; 10]); // method, time, date, crc (wrong on purpose: 0)
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(local_name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(local_name.as_bytes());
        out.extend_from_slice(data);
        let central = out.len() as u32;
        header(CENTRAL, &mut out);
        out.extend_from_slice(&[20, 0, 20, 0]);
        out.extend_from_slice(&flags.to_le_bytes());
        out.extend_from_slice(&[0; 10]);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0; 12]);
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        let size = out.len() as u32 - central;
        header(END, &mut out);
        out.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&central.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    #[test]
    fn ignores_crc_flags_and_name_mismatch() {
        let data = archive("archive/data.pkl", "decoy.txt", b"\x80\x02N.", 0x0001);
        let listing = list(&mut Cursor::new(&data), data.len() as u64, 100).unwrap();
        assert_eq!(listing.members.len(), 1);
        let member = &listing.members[0];
        assert_eq!(member.name, "archive/data.pkl");
        assert_eq!(&data[member.data_offset as usize..][..4], b"\x80\x02N.");
        assert!(listing.notes.iter().any(|n| n.contains("decoy.txt")));
    }

    #[test]
    fn truncated_archive_falls_back_to_local_headers() {
        let data = archive("a.pkl", "a.pkl", b"\x80\x02N.", 0);
        let cut = &data[..34 + 5 + 4];
        let listing = list(&mut Cursor::new(cut), cut.len() as u64, 100).unwrap();
        assert_eq!(listing.members.len(), 1);
        assert_eq!(listing.members[0].name, "a.pkl");
    }
}
