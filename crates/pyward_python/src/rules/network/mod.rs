//! PW6xx: network clients, servers and protocols.

use crate::engine::Rule;

mod bind_all_interfaces;
mod common;
mod ftplib_call;
mod ftplib_import;
mod httpoxy_cgi_handler;
mod logging_config_listen;
mod multiprocessing_no_authkey;
mod network_client_no_timeout;
mod pyghmi_import;
mod request_without_timeout;
mod socket_leak_on_error;
mod socketserver_no_reuse_address;
mod telnetlib_call;
mod telnetlib_import;
mod unbounded_network_read;
mod unbounded_recv_loop;
mod url_open_unchecked_scheme;
mod urlopen_no_timeout;
mod xmlrpc_import;

pub(crate) static RULES: &[&Rule] = &[
    &urlopen_no_timeout::RULE,
    &multiprocessing_no_authkey::RULE,
    &bind_all_interfaces::RULE,
    &request_without_timeout::RULE,
    &url_open_unchecked_scheme::RULE,
    &telnetlib_call::RULE,
    &ftplib_call::RULE,
    &telnetlib_import::RULE,
    &pyghmi_import::RULE,
    &ftplib_import::RULE,
    &xmlrpc_import::RULE,
    &httpoxy_cgi_handler::RULE,
    &logging_config_listen::RULE,
    &socketserver_no_reuse_address::RULE,
    &socket_leak_on_error::RULE,
    &network_client_no_timeout::RULE,
    &unbounded_network_read::RULE,
    &unbounded_recv_loop::RULE,
];
