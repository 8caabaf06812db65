//! PW4xx: files, archives and data limits.

use crate::engine::Rule;

mod ctypes_value_truncation;
mod insecure_temp_file;
mod tarfile_unsafe_extract;
mod zipfile_extract;

pub(crate) static RULES: &[&Rule] =
    &[&insecure_temp_file::RULE, &tarfile_unsafe_extract::RULE, &zipfile_extract::RULE, &ctypes_value_truncation::RULE];
