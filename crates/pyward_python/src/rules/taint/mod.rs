//! PWx50–PWx99: dataflow rules. Their ids sit in the hundreds of the harm
//! they report (1xx code, 2xx deserialisation, 3xx commands, 4xx files and
//! sizes, 6xx network, 7xx web injections); the dataflow engine
//! (`crate::dataflow`) reports them, so they have no pattern checks.

use crate::dataflow::Kind;
use crate::engine::Rule;

mod tainted_code;
mod tainted_command;
mod tainted_deserialization;
mod tainted_header;
mod tainted_ldap;
mod tainted_log;
mod tainted_path;
mod tainted_redirect;
mod tainted_regex;
mod tainted_session;
mod tainted_size;
mod tainted_sql;
mod tainted_ssrf;
mod tainted_template;
mod tainted_xml;
mod tainted_xpath;
mod tainted_xss;

pub(crate) static RULES: &[&Rule] = &[
    &tainted_code::RULE,
    &tainted_deserialization::RULE,
    &tainted_xml::RULE,
    &tainted_command::RULE,
    &tainted_path::RULE,
    &tainted_size::RULE,
    &tainted_ssrf::RULE,
    &tainted_sql::RULE,
    &tainted_xss::RULE,
    &tainted_template::RULE,
    &tainted_redirect::RULE,
    &tainted_ldap::RULE,
    &tainted_xpath::RULE,
    &tainted_session::RULE,
    &tainted_log::RULE,
    &tainted_header::RULE,
    &tainted_regex::RULE,
];

/// The rule that reports data reaching a sink of `kind`.
pub fn rule_for(kind: Kind) -> &'static Rule {
    match kind {
        Kind::Code => &tainted_code::RULE,
        Kind::Deserialization => &tainted_deserialization::RULE,
        Kind::Xxe => &tainted_xml::RULE,
        Kind::Command => &tainted_command::RULE,
        Kind::Path => &tainted_path::RULE,
        Kind::Number => &tainted_size::RULE,
        Kind::Ssrf => &tainted_ssrf::RULE,
        Kind::Sql => &tainted_sql::RULE,
        Kind::Xss => &tainted_xss::RULE,
        Kind::Ssti => &tainted_template::RULE,
        Kind::Redirect => &tainted_redirect::RULE,
        Kind::Ldap => &tainted_ldap::RULE,
        Kind::Xpath => &tainted_xpath::RULE,
        Kind::Trust => &tainted_session::RULE,
        Kind::Log => &tainted_log::RULE,
        Kind::Header => &tainted_header::RULE,
        Kind::Regex => &tainted_regex::RULE,
    }
}
