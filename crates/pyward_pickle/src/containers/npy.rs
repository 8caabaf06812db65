//! NumPy `.npy` headers: an array with an object dtype is stored as a pickle
//! after the header; any other array is raw data, never read.

/// The offset where the pickle starts, if the array holds Python objects.
/// `Err` when the header is not a valid `.npy` header.
pub fn object_pickle_offset(head: &[u8]) -> Result<Option<u64>, String> {
    let version = *head.get(6).ok_or("truncated .npy header")?;
    let (header_len, start) = match version {
        1 => (
            usize::from(u16::from_le_bytes([head.get(8).copied().unwrap_or(0), head.get(9).copied().unwrap_or(0)])),
            10,
        ),
        2 | 3 => {
            let bytes: [u8; 4] =
                head.get(8..12).ok_or("truncated .npy header")?.try_into().map_err(|_| "bad header")?;
            (u32::from_le_bytes(bytes) as usize, 12)
        }
        other => return Err(format!("unknown .npy version {other}")),
    };
    let header = head.get(start..start + header_len).ok_or("the .npy header is longer than the data read")?;
    let text = String::from_utf8_lossy(header);
    let descr = text.split("'descr':").nth(1).ok_or("the .npy header has no 'descr'")?;
    let descr = descr.split("'fortran_order'").next().unwrap_or(descr);
    Ok(holds_objects(descr).then_some((start + header_len) as u64))
}

/// Whether a dtype description names the object type code `O`.
fn holds_objects(descr: &str) -> bool {
    let bytes = descr.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'O'
            && i > 0
            && matches!(bytes[i - 1], b'\'' | b'"' | b'|' | b'<' | b'>' | b'=')
            && bytes.get(i + 1).is_some_and(|n| matches!(n, b'\'' | b'"') || n.is_ascii_digit())
    })
}

/// How many bytes of a file are needed to read any `.npy` header.
pub const HEADER_READ: usize = 65_536 + 12;

#[cfg(test)]
mod tests {
    use super::*;

    fn npy(descr: &str) -> Vec<u8> {
        let header = format!("{{'descr': {descr}, 'fortran_order': False, 'shape': (2,), }}\n");
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        out.extend_from_slice(&(header.len() as u16).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        out
    }

    #[test]
    fn object_arrays_only() {
        let object = npy("'|O'");
        assert_eq!(object_pickle_offset(&object), Ok(Some(object.len() as u64)));
        assert_eq!(object_pickle_offset(&npy("'<f8'")), Ok(None));
        assert!(object_pickle_offset(&npy("[('a', '|O'), ('b', '<f8')]")).unwrap().is_some());
        assert!(object_pickle_offset(b"\x93NUMPY\x09\x00").is_err());
    }
}
