//! PW7xx: web frameworks and injection.

mod common;
mod cookie_without_flags;
mod django_extra;
mod django_insecure_settings;
mod django_mark_safe;
mod django_raw_sql;
mod flask_debug_true;
mod flask_insecure_cookie_config;
mod jinja2_autoescape_false;
mod lxml_import;
mod lxml_parse;
mod lxml_unsafe_parser;
mod mako_template;
mod markupsafe_markup;
mod regex_catastrophic_backtracking;
mod regex_pattern;
mod sql_string_formatting;
mod xml_celementtree_parse;
mod xml_elementtree_parse;
mod xml_etree_import;
mod xml_expatbuilder_import;
mod xml_expatbuilder_parse;
mod xml_expatreader_parse;
mod xml_minidom_import;
mod xml_minidom_parse;
mod xml_pulldom_import;
mod xml_pulldom_parse;
mod xml_sax_import;
mod xml_sax_parse;

use crate::engine::Rule;

pub(crate) static RULES: &[&Rule] = &[
    &flask_debug_true::RULE,
    &sql_string_formatting::RULE,
    &django_extra::RULE,
    &django_raw_sql::RULE,
    &jinja2_autoescape_false::RULE,
    &mako_template::RULE,
    &django_mark_safe::RULE,
    &markupsafe_markup::RULE,
    &xml_celementtree_parse::RULE,
    &xml_elementtree_parse::RULE,
    &xml_expatreader_parse::RULE,
    &xml_expatbuilder_parse::RULE,
    &xml_sax_parse::RULE,
    &xml_minidom_parse::RULE,
    &xml_pulldom_parse::RULE,
    &lxml_parse::RULE,
    &xml_etree_import::RULE,
    &xml_sax_import::RULE,
    &xml_expatbuilder_import::RULE,
    &xml_minidom_import::RULE,
    &xml_pulldom_import::RULE,
    &lxml_import::RULE,
    &lxml_unsafe_parser::RULE,
    &django_insecure_settings::RULE,
    &flask_insecure_cookie_config::RULE,
    &cookie_without_flags::RULE,
    &regex_catastrophic_backtracking::RULE,
];
