//! Helpers the language rules share.

use ruff_python_ast::{self as ast, Expr, Stmt};

/// Whether `path` names a test module or a file under a tests folder
/// (`test_*.py`, `*_test.py`, `conftest.py`, `tests/`, `test/`).
pub(crate) fn is_test_path(path: &str) -> bool {
    let normalised = path.replace('\\', "/");
    let mut components = normalised.split('/').rev();
    let file = components.next().unwrap_or("");
    let stem = file.strip_suffix(".py").or_else(|| file.strip_suffix(".pyi")).unwrap_or(file);
    let test_file = stem.starts_with("test_") || stem.ends_with("_test") || stem == "conftest";
    test_file || components.any(|folder| matches!(folder, "tests" | "test"))
}

/// Whether an `except` clause catches everything: bare, `Exception`,
/// `BaseException`, or a tuple holding one of them.
pub(crate) fn catches_everything(handler: &ast::ExceptHandlerExceptHandler) -> bool {
    match handler.type_.as_deref() {
        None => true,
        Some(kind) => is_broad_exception(kind),
    }
}

fn is_broad_exception(expr: &Expr) -> bool {
    match expr {
        Expr::Name(name) => matches!(name.id.as_str(), "Exception" | "BaseException"),
        Expr::Attribute(attribute) => {
            matches!(attribute.attr.as_str(), "Exception" | "BaseException")
                && matches!(&*attribute.value, Expr::Name(module) if module.id.as_str() == "builtins")
        }
        Expr::Tuple(tuple) => tuple.elts.iter().any(is_broad_exception),
        _ => false,
    }
}

/// The handlers of a `try` statement whose whole body is the one statement
/// `wanted` accepts, and that catch everything.
pub(crate) fn broad_handlers_doing(
    stmt: &Stmt,
    wanted: fn(&Stmt) -> bool,
) -> impl Iterator<Item = &ast::ExceptHandlerExceptHandler> {
    let handlers = match stmt {
        Stmt::Try(try_stmt) => try_stmt.handlers.as_slice(),
        _ => &[],
    };
    handlers.iter().filter_map(move |handler| {
        let ast::ExceptHandler::ExceptHandler(handler) = handler;
        let [only] = handler.body.as_slice() else { return None };
        (wanted(only) && catches_everything(handler)).then_some(handler)
    })
}
