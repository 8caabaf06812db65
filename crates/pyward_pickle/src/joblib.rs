//! joblib's array wrappers: the pickle stream is interrupted after each
//! `NumpyArrayWrapper` by the array's raw bytes, which the scanner skips
//! (never reads into memory) to keep parsing the stream.

use crate::value::Value;

pub const ARRAY_WRAPPER: &str = "joblib.numpy_pickle.NumpyArrayWrapper";

/// `NPY_ITEM_REFCOUNT`: the dtype holds Python objects.
const DTYPE_HAS_OBJECTS: i64 = 0x01;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayLayout {
    /// `bytes` of raw data, preceded by a padding-length byte and that much
    /// padding when `aligned`.
    Raw { bytes: u64, aligned: bool },
    /// An object array: a complete pickle stream follows.
    Pickled,
}

/// The layout of the data following a wrapper with this `BUILD` state.
pub fn array_layout(state: &Value) -> Option<ArrayLayout> {
    let dtype = state.dict_get("dtype")?;
    let (itemsize, has_objects) = dtype_facts(&dtype)?;
    if has_objects {
        return Some(ArrayLayout::Pickled);
    }
    let count = element_count(&state.dict_get("shape")?)?;
    let aligned = state.dict_get("numpy_array_alignment_bytes").is_some_and(|v| !matches!(v, Value::None));
    Some(ArrayLayout::Raw { bytes: count.checked_mul(itemsize)?, aligned })
}

fn element_count(shape: &Value) -> Option<u64> {
    let Value::Tuple(dims) = shape else { return None };
    dims.iter().try_fold(1u64, |count, dim| match dim {
        Value::Int(n) => count.checked_mul(u64::try_from(*n).ok()?),
        _ => None,
    })
}

/// Item size and whether it holds objects, from `numpy.dtype(code, ...)`
/// and its `BUILD` state `(version, order, subarray, names, fields,
/// elsize, alignment, flags)`.
fn dtype_facts(dtype: &Value) -> Option<(u64, bool)> {
    let Value::Object(call) = dtype else { return None };
    let Value::Tuple(args) = &call.args else { return None };
    let Some(Value::Str(code)) = args.first() else { return None };
    let state = call.state.borrow();
    let fields: &[Value] = match state.as_ref() {
        Some(Value::Tuple(items)) => items,
        _ => &[],
    };
    let int_at = |i: usize| match fields.get(i) {
        Some(Value::Int(n)) => Some(*n),
        _ => None,
    };
    let has_objects = code.starts_with('O') || int_at(7).is_some_and(|flags| flags & DTYPE_HAS_OBJECTS != 0);
    let elsize = int_at(5).filter(|&n| n > 0).and_then(|n| u64::try_from(n).ok());
    let from_code = code.trim_start_matches(|c: char| !c.is_ascii_digit()).parse::<u64>().ok();
    Some((elsize.or(from_code)?, has_objects))
}
