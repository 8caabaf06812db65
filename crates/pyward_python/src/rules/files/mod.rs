//! PW4xx: files, archives and data limits.

use crate::engine::Rule;

mod c_bound_overflow;
mod codecs_open;
mod common;
mod ctypes_integer_wraparound;
mod ctypes_value_truncation;
mod environment_key_invalid;
mod insecure_temp_file;
mod open_mode_invalid;
mod permissive_chmod;
mod std_stream_closefd;
mod tarfile_unsafe_extract;
mod zipfile_extract;

pub(crate) static RULES: &[&Rule] = &[
    &insecure_temp_file::RULE,
    &tarfile_unsafe_extract::RULE,
    &zipfile_extract::RULE,
    &ctypes_value_truncation::RULE,
    &permissive_chmod::RULE,
    &codecs_open::RULE,
    &open_mode_invalid::RULE,
    &std_stream_closefd::RULE,
    &c_bound_overflow::RULE,
    &ctypes_integer_wraparound::RULE,
    &environment_key_invalid::RULE,
];
