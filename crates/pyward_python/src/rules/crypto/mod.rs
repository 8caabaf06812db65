//! PW5xx: cryptography and TLS.

use crate::engine::Rule;

mod cipher_ecb_mode;
mod common;
mod hashlib_insecure_hash;
mod https_connection_no_context;
mod insecure_cipher;
mod insecure_hash_library;
mod insecure_random;
mod jwt_unverified_decode;
mod no_certificate_verification;
mod paramiko_auto_add_policy;
mod pycrypto_import;
mod snmp_insecure_version;
mod snmp_weak_cryptography;
mod ssl_insecure_version;
mod ssl_insecure_version_default;
mod ssl_unverified_context;
mod ssl_verification_disabled;
mod ssl_weak_ciphers;
mod ssl_wrap_socket_no_version;
mod weak_key_size;

pub(crate) static RULES: &[&Rule] = &[
    &insecure_hash_library::RULE,
    &hashlib_insecure_hash::RULE,
    &insecure_cipher::RULE,
    &cipher_ecb_mode::RULE,
    &insecure_random::RULE,
    &pycrypto_import::RULE,
    &no_certificate_verification::RULE,
    &ssl_insecure_version::RULE,
    &ssl_insecure_version_default::RULE,
    &ssl_wrap_socket_no_version::RULE,
    &weak_key_size::RULE,
    &paramiko_auto_add_policy::RULE,
    &snmp_insecure_version::RULE,
    &snmp_weak_cryptography::RULE,
    &ssl_unverified_context::RULE,
    &https_connection_no_context::RULE,
    &ssl_verification_disabled::RULE,
    &ssl_weak_ciphers::RULE,
    &jwt_unverified_decode::RULE,
];
