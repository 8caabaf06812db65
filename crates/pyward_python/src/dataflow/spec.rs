//! Sources, sinks, sanitizers and guards are data: one TOML file per
//! framework or library under `specs/`, merged into one table at start-up,
//! plus what a project's `[tool.pyward.dataflow]` adds.

use std::sync::{Arc, LazyLock};

use rustc_hash::{FxHashMap, FxHashSet};
use toml_edit::{ImDocument, Item, Value};

use super::taint::Kind;
use super::words::SourceWords;

const BUILTIN_SPECS: &[(&str, &str)] = &[
    ("python.toml", include_str!("specs/python.toml")),
    ("flask.toml", include_str!("specs/flask.toml")),
    ("django.toml", include_str!("specs/django.toml")),
    ("fastapi.toml", include_str!("specs/fastapi.toml")),
    ("web.toml", include_str!("specs/web.toml")),
    ("clients.toml", include_str!("specs/clients.toml")),
    ("sqlalchemy.toml", include_str!("specs/sqlalchemy.toml")),
];

/// Where a sink looks for the dangerous value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgRef {
    Position(usize),
    Keyword(String),
    /// The object a method is called on (`Path(p).open()`).
    Receiver,
}

#[derive(Debug, Clone)]
pub struct Sink {
    pub kind: Kind,
    pub args: Vec<ArgRef>,
    /// A process's program: the whole command with `shell=True`, else the first element.
    pub program: bool,
    /// `(keyword, text)`: not a sink when that keyword's source text contains `text`,
    /// unless its value was built by one of `unless_built_with`.
    pub unless_keyword: Option<(String, String)>,
    /// Constructions that make the `unless_keyword` value unsafe after all
    /// (a parser built with `resolve_entities=True`).
    pub unsafe_builds: Vec<Construction>,
    /// Only data converted to a number counts (method-name sinks like `read(n)`).
    pub numbers_only: bool,
}

/// A call with one keyword set to one value: `lxml.etree.XMLParser(resolve_entities=True)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Construction {
    pub callee: String,
    pub keyword: String,
    /// The keyword's value as written (`True`, `False`, `"x"`).
    pub value: String,
}

impl Construction {
    fn parse(text: &str) -> Result<Self, String> {
        let invalid = || format!("`{text}` is not of the form `module.Callee(keyword=value)`");
        let (callee, rest) = text.split_once('(').ok_or_else(invalid)?;
        let (keyword, value) = rest.strip_suffix(')').and_then(|r| r.split_once('=')).ok_or_else(invalid)?;
        if callee.is_empty() || keyword.trim().is_empty() || value.trim().is_empty() {
            return Err(invalid());
        }
        Ok(Self { callee: callee.trim().into(), keyword: keyword.trim().into(), value: value.trim().into() })
    }
}

/// Where an argument is: by keyword, else by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgSlot {
    pub keyword: Option<String>,
    pub position: Option<usize>,
}

/// What a call that calls a function it is given passes to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackArguments {
    /// A tuple of arguments in this slot (`Thread(target=f, args=(x,))`).
    Tuple(ArgSlot),
    /// The positional arguments after the function (`executor.submit(f, x)`).
    Rest,
}

/// A call that calls the function in `function` with `arguments`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    pub function: ArgSlot,
    pub arguments: CallbackArguments,
}

#[derive(Debug, Clone, Copy)]
pub struct Guard {
    pub clears: u32,
    /// The argument that is checked (`None`: the object of a method call).
    pub argument: Option<usize>,
}

/// The sinks data from a local source cannot harm: the user running a
/// script may open any file, fetch any URL and log what they like.
pub const LOCAL_CLEARS: u32 = Kind::Path.bit_const()
    | Kind::Ssrf.bit_const()
    | Kind::Log.bit_const()
    | Kind::Xss.bit_const()
    | Kind::Header.bit_const()
    | Kind::Trust.bit_const()
    | Kind::Number.bit_const()
    | Kind::Redirect.bit_const()
    | Kind::Regex.bit_const();

/// Parameter names that make an unannotated parameter the request (Django views).
pub const REQUEST_NAMES: [&str; 2] = ["request", "req"];

/// All the tables the analysis consults.
#[derive(Debug, Default)]
pub struct Specs {
    /// Qualified names whose values come from outside (a prefix covers what is reached from it).
    pub sources: FxHashSet<String>,
    /// Sources a local user controls (script arguments, stdin, environment).
    pub local_sources: FxHashSet<String>,
    pub request_attributes: FxHashSet<String>,
    pub request_types: FxHashSet<String>,
    pub self_sources: FxHashSet<String>,
    /// Methods that read the network on an object whose type is unknown
    /// (a socket handed in as a parameter or kept in an attribute).
    pub source_methods: FxHashSet<String>,
    pub route_decorators: FxHashSet<String>,
    pub html_routes: FxHashSet<String>,
    pub handler_bases: FxHashSet<String>,
    pub handler_attributes: FxHashSet<String>,
    pub terminators: FxHashSet<String>,
    /// Attribute names an attribute source can end in (a cheap filter
    /// before resolving names).
    pub source_attributes: FxHashSet<String>,
    /// The first dotted part of every source (`sys` for `sys.argv`): most
    /// callees share none and need no further lookup.
    source_roots: FxHashSet<String>,
    /// Every callee a sink, sanitizer or callback table names: one lookup
    /// tells a call of anything else apart.
    named_callees: FxHashSet<String>,
    /// The words of the sources' names, for leaving out functions that hold none.
    pub source_words: SourceWords,
    pub sink_callees: FxHashMap<String, Vec<Sink>>,
    /// Every sink's `unless_built_with`, for marking names assigned such a construction.
    pub unsafe_builds: Vec<Construction>,
    pub sink_methods: FxHashMap<String, Vec<Sink>>,
    /// `target[key] = value` where `target` resolves to one of these.
    pub subscript_sinks: FxHashMap<String, Kind>,
    /// Sanitizer → the kinds its result is safe for.
    pub sanitizer_callees: FxHashMap<String, u32>,
    pub sanitizer_methods: FxHashMap<String, u32>,
    pub guard_callees: FxHashMap<String, Guard>,
    /// Calls that call a function they are given (`threading.Thread`, `executor.submit`).
    pub callbacks: FxHashMap<String, Callback>,
    pub guard_methods: FxHashMap<String, Guard>,
}

/// The built-in tables.
pub static BUILTIN: LazyLock<Arc<Specs>> = LazyLock::new(|| {
    let mut specs = Specs::default();
    for (name, text) in BUILTIN_SPECS {
        if let Err(error) = specs.add_toml(text) {
            panic!("built-in dataflow spec {name} is invalid: {error}");
        }
    }
    Arc::new(specs)
});

impl Specs {
    /// The built-in tables plus a project's own (TOML text in the same format).
    pub fn with_extra(extra: &str) -> Result<Self, String> {
        let mut specs = Specs::default();
        for (_, text) in BUILTIN_SPECS {
            specs.add_toml(text)?;
        }
        specs.add_toml(extra)?;
        Ok(specs)
    }

    /// The built-in tables plus a project's `[tool.pyward.dataflow]` table.
    pub fn with_table(extra: &dyn toml_edit::TableLike) -> Result<Self, String> {
        let mut specs = Specs::default();
        for (_, text) in BUILTIN_SPECS {
            specs.add_toml(text)?;
        }
        specs.add_table(extra)?;
        Ok(specs)
    }

    /// Adds the tables of one spec file.
    pub fn add_toml(&mut self, text: &str) -> Result<(), String> {
        let document = ImDocument::parse(text.to_string()).map_err(|e| e.message().trim().to_string())?;
        self.add_table(document.as_table())
    }

    fn index_source_attributes(&mut self) {
        let mut attributes: FxHashSet<String> =
            self.sources.iter().filter_map(|s| s.rsplit('.').next()).map(str::to_string).collect();
        attributes.extend(self.request_attributes.iter().cloned());
        attributes.extend(self.handler_attributes.iter().cloned());
        self.source_attributes = attributes;
        self.source_roots = self.sources.iter().map(|s| root_of(s).to_string()).collect();
        let entries = self.request_types.iter().chain(&self.handler_bases).map(String::as_str);
        let anywhere = self
            .source_methods
            .iter()
            .chain(&self.self_sources)
            .map(String::as_str)
            .chain(entries)
            .chain(REQUEST_NAMES);
        self.source_words = SourceWords::new(self.sources.iter().map(String::as_str), anywhere);
        self.named_callees = (self.sink_callees.keys().chain(self.sanitizer_callees.keys()))
            .chain(self.callbacks.keys())
            .cloned()
            .collect();
    }

    /// Whether a sink, sanitizer or callback table names the callee `qualified`.
    pub fn names_callee(&self, qualified: &str) -> bool {
        self.named_callees.contains(qualified)
    }

    pub fn add_table(&mut self, table: &dyn toml_edit::TableLike) -> Result<(), String> {
        for (key, item) in table.iter() {
            match key {
                "sources" => self.sources.extend(strings(item, key)?),
                "local_sources" => {
                    let names = strings(item, key)?;
                    self.sources.extend(names.iter().cloned());
                    self.local_sources.extend(names);
                }
                "request_attributes" => self.request_attributes.extend(strings(item, key)?),
                "request_types" => self.request_types.extend(strings(item, key)?),
                "self_sources" => self.self_sources.extend(strings(item, key)?),
                "source_methods" => self.source_methods.extend(strings(item, key)?),
                "route_decorators" => self.route_decorators.extend(strings(item, key)?),
                "html_routes" => self.html_routes.extend(strings(item, key)?),
                "handler_bases" => self.handler_bases.extend(strings(item, key)?),
                "handler_attributes" => self.handler_attributes.extend(strings(item, key)?),
                "terminators" => self.terminators.extend(strings(item, key)?),
                "sinks" => each_table(item, key, |t| self.add_sink(t))?,
                "sanitizers" => each_table(item, key, |t| self.add_sanitizer(t))?,
                "guards" => each_table(item, key, |t| self.add_guard(t))?,
                "callbacks" => each_table(item, key, |t| self.add_callback(t))?,
                other => return Err(format!("unknown dataflow key `{other}`")),
            }
        }
        self.index_source_attributes();
        Ok(())
    }

    fn add_sink(&mut self, table: &dyn toml_edit::TableLike) -> Result<(), String> {
        let kind = kind_of(table)?;
        if let Some(item) = table.get("subscript_targets") {
            for target in strings(item, "subscript_targets")? {
                self.subscript_sinks.insert(target, kind);
            }
        }
        let sink = Sink {
            kind,
            args: match table.get("args") {
                Some(item) => arg_refs(item)?,
                None => Vec::new(),
            },
            program: table.get("program").and_then(Item::as_bool).unwrap_or(false),
            unless_keyword: match table.get("unless_keyword") {
                Some(item) => match strings(item, "unless_keyword")?.as_slice() {
                    [keyword, text] => Some((keyword.clone(), text.clone())),
                    _ => return Err("unless_keyword is [keyword, text]".into()),
                },
                None => None,
            },
            numbers_only: table.get("numbers_only").and_then(Item::as_bool).unwrap_or(false),
            unsafe_builds: optional_strings(table, "unless_built_with")?
                .iter()
                .map(|text| Construction::parse(text))
                .collect::<Result<_, _>>()?,
        };
        self.unsafe_builds.extend(sink.unsafe_builds.iter().cloned());
        for callee in optional_strings(table, "callees")? {
            self.sink_callees.entry(callee).or_default().push(sink.clone());
        }
        for method in optional_strings(table, "methods")? {
            self.sink_methods.entry(method).or_default().push(sink.clone());
        }
        Ok(())
    }

    fn add_sanitizer(&mut self, table: &dyn toml_edit::TableLike) -> Result<(), String> {
        let clears = clears_of(table)?;
        for callee in optional_strings(table, "callees")? {
            *self.sanitizer_callees.entry(callee).or_default() |= clears;
        }
        for method in optional_strings(table, "methods")? {
            *self.sanitizer_methods.entry(method).or_default() |= clears;
        }
        Ok(())
    }

    fn add_callback(&mut self, table: &dyn toml_edit::TableLike) -> Result<(), String> {
        let function = arg_slot(table, "function")?.ok_or("a callback needs `function`")?;
        let arguments = match table.get("arguments").and_then(Item::as_str) {
            Some("*") => CallbackArguments::Rest,
            _ => CallbackArguments::Tuple(arg_slot(table, "arguments")?.ok_or("a callback needs `arguments`")?),
        };
        let callback = Callback { function, arguments };
        for callee in optional_strings(table, "callees")? {
            self.callbacks.insert(callee, callback.clone());
        }
        Ok(())
    }

    fn add_guard(&mut self, table: &dyn toml_edit::TableLike) -> Result<(), String> {
        let clears = clears_of(table)?;
        let argument = table.get("argument").and_then(Item::as_integer).and_then(|i| usize::try_from(i).ok());
        for callee in optional_strings(table, "callees")? {
            self.guard_callees.insert(callee, Guard { clears, argument: Some(argument.unwrap_or(0)) });
        }
        for method in optional_strings(table, "methods")? {
            self.guard_methods.insert(method, Guard { clears, argument: None });
        }
        Ok(())
    }

    /// Whether `qualified` or a dotted prefix of it is a source; the prefix that matched.
    pub fn source_prefix<'q>(&self, qualified: &'q str) -> Option<&'q str> {
        if !self.source_roots.contains(root_of(qualified)) {
            return None;
        }
        if self.sources.contains(qualified) {
            return Some(qualified);
        }
        qualified.match_indices('.').map(|(at, _)| &qualified[..at]).find(|prefix| self.sources.contains(*prefix))
    }
}

/// `key = "name"`, `key = 1` or `key = ["name", 1]`: a keyword, a position, or both.
fn arg_slot(table: &dyn toml_edit::TableLike, key: &str) -> Result<Option<ArgSlot>, String> {
    let Some(item) = table.get(key) else { return Ok(None) };
    let mut slot = ArgSlot { keyword: None, position: None };
    let mut take = |value: &toml_edit::Value| -> Result<(), String> {
        match (value.as_str(), value.as_integer()) {
            (Some(name), _) => slot.keyword = Some(name.to_string()),
            (_, Some(i)) => slot.position = Some(usize::try_from(i).map_err(|_| format!("`{key}` is negative"))?),
            _ => return Err(format!("`{key}` holds a keyword name or a position")),
        }
        Ok(())
    };
    match item.as_value() {
        Some(toml_edit::Value::Array(array)) => array.iter().try_for_each(&mut take)?,
        Some(value) => take(value)?,
        None => return Err(format!("`{key}` holds a keyword name or a position")),
    }
    Ok(Some(slot))
}

fn root_of(qualified: &str) -> &str {
    qualified.split('.').next().unwrap_or(qualified)
}

fn strings(item: &Item, key: &str) -> Result<Vec<String>, String> {
    let array = item.as_array().ok_or_else(|| format!("`{key}` must be a list of strings"))?;
    array.iter().map(|v| v.as_str().map(str::to_string).ok_or_else(|| format!("`{key}` holds a non-string"))).collect()
}

fn optional_strings(table: &dyn toml_edit::TableLike, key: &str) -> Result<Vec<String>, String> {
    table.get(key).map_or(Ok(Vec::new()), |item| strings(item, key))
}

fn each_table(
    item: &Item,
    key: &str,
    mut add: impl FnMut(&dyn toml_edit::TableLike) -> Result<(), String>,
) -> Result<(), String> {
    if let Some(tables) = item.as_array_of_tables() {
        return tables.iter().try_for_each(|t| add(t));
    }
    if let Some(array) = item.as_array() {
        return array.iter().try_for_each(|v| match v {
            Value::InlineTable(t) => add(t),
            _ => Err(format!("`{key}` holds a non-table")),
        });
    }
    Err(format!("`{key}` must be a list of tables"))
}

fn kind_of(table: &dyn toml_edit::TableLike) -> Result<Kind, String> {
    let name = table.get("kind").and_then(Item::as_str).ok_or("a sink needs a `kind`")?;
    Kind::from_name(name).ok_or_else(|| format!("unknown sink kind `{name}`"))
}

fn clears_of(table: &dyn toml_edit::TableLike) -> Result<u32, String> {
    let names = optional_strings(table, "clears")?;
    if names.is_empty() {
        return Err("a sanitizer or guard needs `clears`".into());
    }
    let mut bits = 0;
    for name in names {
        bits |= match name.as_str() {
            "all" => Kind::ALL,
            "all-but-number" => Kind::ALL & !Kind::Number.bit(),
            other => Kind::from_name(other).ok_or_else(|| format!("unknown kind `{other}`"))?.bit(),
        };
    }
    Ok(bits)
}

fn arg_refs(item: &Item) -> Result<Vec<ArgRef>, String> {
    let array = item.as_array().ok_or("`args` must be a list")?;
    array
        .iter()
        .map(|value| match value {
            Value::Integer(i) => usize::try_from(*i.value()).map(ArgRef::Position).map_err(|_| "bad position".into()),
            Value::String(s) if s.value() == "self" => Ok(ArgRef::Receiver),
            Value::String(s) => Ok(ArgRef::Keyword(s.value().clone())),
            _ => Err("`args` holds positions and keyword names".into()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::BUILTIN;

    #[test]
    fn builtin_specs_load() {
        assert!(BUILTIN.source_prefix("flask.request.args.get").is_some());
        assert!(BUILTIN.sink_callees.contains_key("os.system"));
        assert!(BUILTIN.source_prefix("flask.requests").is_none());
    }
}
