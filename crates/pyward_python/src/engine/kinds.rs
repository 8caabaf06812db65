//! Node kinds that statement and expression checks subscribe to, so the
//! walk calls a check only on the nodes it cares about.

use ruff_python_ast::{Expr, Stmt};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StmtKind {
    FunctionDef,
    ClassDef,
    Return,
    Delete,
    Assign,
    AugAssign,
    AnnAssign,
    For,
    While,
    If,
    With,
    Match,
    Raise,
    Try,
    Assert,
    Import,
    ImportFrom,
    Global,
    Nonlocal,
    Expr,
    Pass,
    Break,
    Continue,
    Other,
}

impl StmtKind {
    pub const COUNT: usize = StmtKind::Other as usize + 1;

    pub fn of(stmt: &Stmt) -> Self {
        match stmt {
            Stmt::FunctionDef(_) => Self::FunctionDef,
            Stmt::ClassDef(_) => Self::ClassDef,
            Stmt::Return(_) => Self::Return,
            Stmt::Delete(_) => Self::Delete,
            Stmt::Assign(_) => Self::Assign,
            Stmt::AugAssign(_) => Self::AugAssign,
            Stmt::AnnAssign(_) => Self::AnnAssign,
            Stmt::For(_) => Self::For,
            Stmt::While(_) => Self::While,
            Stmt::If(_) => Self::If,
            Stmt::With(_) => Self::With,
            Stmt::Match(_) => Self::Match,
            Stmt::Raise(_) => Self::Raise,
            Stmt::Try(_) => Self::Try,
            Stmt::Assert(_) => Self::Assert,
            Stmt::Import(_) => Self::Import,
            Stmt::ImportFrom(_) => Self::ImportFrom,
            Stmt::Global(_) => Self::Global,
            Stmt::Nonlocal(_) => Self::Nonlocal,
            Stmt::Expr(_) => Self::Expr,
            Stmt::Pass(_) => Self::Pass,
            Stmt::Break(_) => Self::Break,
            Stmt::Continue(_) => Self::Continue,
            Stmt::TypeAlias(_) | Stmt::IpyEscapeCommand(_) => Self::Other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExprKind {
    BoolOp,
    Named,
    BinOp,
    UnaryOp,
    Lambda,
    If,
    Dict,
    Set,
    Comprehension,
    Await,
    Yield,
    YieldFrom,
    Compare,
    Call,
    FString,
    StringLiteral,
    BytesLiteral,
    NumberLiteral,
    Attribute,
    Subscript,
    Name,
    List,
    Tuple,
    Other,
}

impl ExprKind {
    pub const COUNT: usize = ExprKind::Other as usize + 1;

    pub fn of(expr: &Expr) -> Self {
        match expr {
            Expr::BoolOp(_) => Self::BoolOp,
            Expr::Named(_) => Self::Named,
            Expr::BinOp(_) => Self::BinOp,
            Expr::UnaryOp(_) => Self::UnaryOp,
            Expr::Lambda(_) => Self::Lambda,
            Expr::If(_) => Self::If,
            Expr::Dict(_) => Self::Dict,
            Expr::Set(_) => Self::Set,
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => Self::Comprehension,
            Expr::Await(_) => Self::Await,
            Expr::Yield(_) => Self::Yield,
            Expr::YieldFrom(_) => Self::YieldFrom,
            Expr::Compare(_) => Self::Compare,
            Expr::Call(_) => Self::Call,
            Expr::FString(_) => Self::FString,
            Expr::StringLiteral(_) => Self::StringLiteral,
            Expr::BytesLiteral(_) => Self::BytesLiteral,
            Expr::NumberLiteral(_) => Self::NumberLiteral,
            Expr::Attribute(_) => Self::Attribute,
            Expr::Subscript(_) => Self::Subscript,
            Expr::Name(_) => Self::Name,
            Expr::List(_) => Self::List,
            Expr::Tuple(_) => Self::Tuple,
            Expr::TString(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::Starred(_)
            | Expr::Slice(_)
            | Expr::IpyEscapeCommand(_) => Self::Other,
        }
    }
}
