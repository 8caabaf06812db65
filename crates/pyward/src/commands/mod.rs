pub mod check;
pub mod frag;
pub mod host;
pub mod nvd;
pub mod pickle;
pub mod rules;
