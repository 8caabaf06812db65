//! A small parser for Python regular expressions (`re` syntax), and the
//! backtracking analysis the ReDoS rule runs on its tree. It understands
//! what matters for backtracking: characters and classes, groups,
//! alternation, quantifiers (greedy, lazy, possessive), atomic groups and
//! zero-width assertions. Anything it cannot parse is left alone.

/// A set of characters as sorted, disjoint, inclusive ranges of code points.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct CharSet(Vec<(u32, u32)>);

const MAX_CHAR: u32 = 0x10_FFFF;

impl CharSet {
    fn of(ranges: &[(u32, u32)]) -> Self {
        let mut set = CharSet(ranges.to_vec());
        set.normalise();
        set
    }

    fn single(c: char) -> Self {
        CharSet(vec![(c as u32, c as u32)])
    }

    fn normalise(&mut self) {
        self.0.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(self.0.len());
        for &(start, end) in &self.0 {
            match merged.last_mut() {
                Some(last) if start <= last.1.saturating_add(1) => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        self.0 = merged;
    }

    fn union(&mut self, other: &CharSet) {
        self.0.extend_from_slice(&other.0);
        self.normalise();
    }

    fn complement(&self) -> CharSet {
        let mut ranges = Vec::new();
        let mut next = 0;
        for &(start, end) in &self.0 {
            if start > next {
                ranges.push((next, start - 1));
            }
            next = end + 1;
        }
        if next <= MAX_CHAR {
            ranges.push((next, MAX_CHAR));
        }
        CharSet(ranges)
    }

    pub(super) fn intersects(&self, other: &CharSet) -> bool {
        self.0.iter().any(|&(a, b)| other.0.iter().any(|&(c, d)| a <= d && c <= b))
    }

    fn contains_set(&self, other: &CharSet) -> bool {
        other.0.iter().all(|&(c, d)| self.0.iter().any(|&(a, b)| a <= c && d <= b))
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn digits() -> CharSet {
    CharSet::of(&[('0' as u32, '9' as u32)])
}

/// `\w`: ASCII letters, digits and `_`, and (for str patterns) every
/// non-ASCII character, which over-approximates Unicode word characters.
fn word() -> CharSet {
    CharSet::of(&[
        ('0' as u32, '9' as u32),
        ('A' as u32, 'Z' as u32),
        ('_' as u32, '_' as u32),
        ('a' as u32, 'z' as u32),
        (0x80, MAX_CHAR),
    ])
}

fn space() -> CharSet {
    CharSet::of(&[(9, 13), (32, 32), (0x85, 0x85), (0xA0, 0xA0), (0x2000, 0x200A), (0x3000, 0x3000)])
}

fn any_but_newline() -> CharSet {
    CharSet::single('\n').complement()
}

/// One node of a pattern's tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Node {
    /// Matches one character of the set.
    Chars(CharSet),
    Sequence(Vec<Node>),
    Alternation(Vec<Node>),
    Repeat(Box<Repeat>),
    /// Atomic groups never give back what they matched.
    Atomic(Box<Node>),
    /// Zero-width: anchors, `\b`, lookarounds.
    Assertion,
    /// A back-reference: matches what a group matched.
    Backreference,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Repeat {
    pub node: Node,
    pub min: u32,
    pub max: Option<u32>,
    pub possessive: bool,
    /// Where the quantified part is in the pattern (char offsets).
    pub span: (usize, usize),
}

/// Why the parser gave up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Unparsable;

const MAX_NESTING: u32 = 200;

pub(super) fn parse(pattern: &str, verbose: bool) -> Result<Node, Unparsable> {
    let stripped;
    let pattern = if verbose || pattern.trim_start().starts_with("(?x") {
        stripped = strip_verbose(pattern);
        stripped.as_str()
    } else {
        pattern
    };
    let mut parser = Parser { chars: pattern.chars().collect(), position: 0, depth: 0 };
    let node = parser.alternation()?;
    if parser.position != parser.chars.len() {
        return Err(Unparsable);
    }
    Ok(node)
}

/// A verbose pattern as a plain one: whitespace outside classes and
/// escapes is dropped, and `#` starts a comment to the end of the line.
fn strip_verbose(pattern: &str) -> String {
    let mut plain = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                plain.push(c);
                plain.extend(chars.next());
            }
            '[' if !in_class => {
                in_class = true;
                plain.push(c);
            }
            ']' if in_class => {
                in_class = false;
                plain.push(c);
            }
            '#' if !in_class => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        break;
                    }
                }
            }
            c if c.is_whitespace() && !in_class => {}
            c => plain.push(c),
        }
    }
    plain
}

struct Parser {
    chars: Vec<char>,
    position: usize,
    depth: u32,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.position).copied()
    }

    fn next(&mut self) -> Result<char, Unparsable> {
        let c = self.peek().ok_or(Unparsable)?;
        self.position += 1;
        Ok(c)
    }

    fn eat(&mut self, wanted: char) -> bool {
        let found = self.peek() == Some(wanted);
        if found {
            self.position += 1;
        }
        found
    }

    fn alternation(&mut self) -> Result<Node, Unparsable> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(Unparsable);
        }
        let mut branches = vec![self.sequence()?];
        while self.eat('|') {
            branches.push(self.sequence()?);
        }
        self.depth -= 1;
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Sequence(Vec::new()))
        } else {
            Node::Alternation(branches)
        })
    }

    fn sequence(&mut self) -> Result<Node, Unparsable> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let start = self.position;
            let atom = self.atom()?;
            let item = self.quantified(atom, start)?;
            match item {
                Node::Sequence(inner) => items.extend(inner),
                other => items.push(other),
            }
        }
        Ok(if items.len() == 1 { items.pop().unwrap_or(Node::Sequence(Vec::new())) } else { Node::Sequence(items) })
    }

    fn atom(&mut self) -> Result<Node, Unparsable> {
        match self.next()? {
            '(' => self.group(),
            '[' => self.class().map(Node::Chars),
            '\\' => self.escape(),
            '.' => Ok(Node::Chars(any_but_newline())),
            '^' | '$' => Ok(Node::Assertion),
            '*' | '+' | '?' => Err(Unparsable),
            c => Ok(Node::Chars(CharSet::single(c))),
        }
    }

    fn group(&mut self) -> Result<Node, Unparsable> {
        if !self.eat('?') {
            return self.group_body();
        }
        match self.next()? {
            ':' => self.group_body(),
            '>' => Ok(Node::Atomic(Box::new(self.group_body()?))),
            '=' | '!' => self.group_body().map(|_| Node::Assertion),
            '<' if matches!(self.peek(), Some('=' | '!')) => {
                self.position += 1;
                self.group_body().map(|_| Node::Assertion)
            }
            '#' => {
                while self.next()? != ')' {}
                Ok(Node::Sequence(Vec::new()))
            }
            'P' => self.named_group(),
            '<' => {
                self.skip_past('>')?;
                self.group_body()
            }
            '(' => {
                self.skip_past(')')?;
                self.group_body()
            }
            _ => self.flags_group(),
        }
    }

    fn named_group(&mut self) -> Result<Node, Unparsable> {
        match self.next()? {
            '<' => {
                self.skip_past('>')?;
                self.group_body()
            }
            '=' => {
                self.skip_past(')')?;
                Ok(Node::Backreference)
            }
            _ => Err(Unparsable),
        }
    }

    /// `(?aiLmsux)` sets flags for the pattern; `(?i:...)` scopes them.
    fn flags_group(&mut self) -> Result<Node, Unparsable> {
        self.position -= 1;
        loop {
            match self.next()? {
                ')' => return Ok(Node::Sequence(Vec::new())),
                ':' => return self.group_body(),
                'a' | 'x' | 'i' | 'L' | 'm' | 's' | 'u' | '-' => {}
                _ => return Err(Unparsable),
            }
        }
    }

    fn group_body(&mut self) -> Result<Node, Unparsable> {
        let node = self.alternation()?;
        if !self.eat(')') {
            return Err(Unparsable);
        }
        Ok(node)
    }

    fn skip_past(&mut self, end: char) -> Result<(), Unparsable> {
        while self.next()? != end {}
        Ok(())
    }

    fn escape(&mut self) -> Result<Node, Unparsable> {
        let c = self.next()?;
        Ok(match c {
            'b' | 'B' | 'A' | 'Z' => Node::Assertion,
            '1'..='9' => {
                while self.peek().is_some_and(|d| d.is_ascii_digit()) {
                    self.position += 1;
                }
                Node::Backreference
            }
            _ => Node::Chars(self.escaped_set(c)?),
        })
    }

    /// The characters an escape `\c` stands for (in or out of a class).
    fn escaped_set(&mut self, c: char) -> Result<CharSet, Unparsable> {
        Ok(match c {
            'd' => digits(),
            'D' => digits().complement(),
            'w' => word(),
            'W' => word().complement(),
            's' => space(),
            'S' => space().complement(),
            'n' => CharSet::single('\n'),
            't' => CharSet::single('\t'),
            'r' => CharSet::single('\r'),
            'f' => CharSet::single('\x0c'),
            'v' => CharSet::single('\x0b'),
            'a' => CharSet::single('\x07'),
            '0' => CharSet::single('\0'),
            'x' => self.hex_char(2)?,
            'u' => self.hex_char(4)?,
            'U' => self.hex_char(8)?,
            'N' => {
                self.skip_past('}')?;
                CharSet::of(&[(0, MAX_CHAR)])
            }
            other => CharSet::single(other),
        })
    }

    fn hex_char(&mut self, length: usize) -> Result<CharSet, Unparsable> {
        let end = self.position + length;
        let text: String = self.chars.get(self.position..end).ok_or(Unparsable)?.iter().collect();
        let value = u32::from_str_radix(&text, 16).map_err(|_| Unparsable)?;
        self.position = end;
        char::from_u32(value).map(CharSet::single).ok_or(Unparsable)
    }

    fn class(&mut self) -> Result<CharSet, Unparsable> {
        let negated = self.eat('^');
        let mut set = CharSet::default();
        let mut first = true;
        loop {
            let c = self.next()?;
            if c == ']' && !first {
                break;
            }
            first = false;
            let start = match c {
                '\\' => {
                    let escaped = self.next()?;
                    let members = self.escaped_set(escaped)?;
                    if members.0.len() != 1 || members.0[0].0 != members.0[0].1 {
                        set.union(&members);
                        continue;
                    }
                    members.0[0].0
                }
                other => other as u32,
            };
            let end = self.range_end()?.unwrap_or(start);
            set.union(&CharSet::of(&[(start.min(end), start.max(end))]));
        }
        Ok(if negated { set.complement() } else { set })
    }

    /// After a class member, `-x` makes it a range (unless `-` ends the class).
    fn range_end(&mut self) -> Result<Option<u32>, Unparsable> {
        if self.peek() != Some('-') || self.chars.get(self.position + 1) == Some(&']') {
            return Ok(None);
        }
        self.position += 1;
        let c = self.next()?;
        if c != '\\' {
            return Ok(Some(c as u32));
        }
        let escaped = self.next()?;
        let set = self.escaped_set(escaped)?;
        set.0.first().map(|r| Some(r.0)).ok_or(Unparsable)
    }

    fn quantified(&mut self, atom: Node, start: usize) -> Result<Node, Unparsable> {
        let Some((min, max)) = self.quantifier()? else { return Ok(atom) };
        let possessive = self.eat('+');
        if !possessive {
            self.eat('?');
        }
        let node = Node::Repeat(Box::new(Repeat { node: atom, min, max, possessive, span: (start, self.position) }));
        // A quantifier may itself be quantified only through a group; `a**` is an error.
        if matches!(self.peek(), Some('*' | '+' | '?')) {
            return Err(Unparsable);
        }
        Ok(node)
    }

    fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, Unparsable> {
        let bounds = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => return Ok(self.braces()),
            _ => return Ok(None),
        };
        self.position += 1;
        Ok(Some(bounds))
    }

    /// `{m}`, `{m,}`, `{,n}`, `{m,n}`; anything else is a literal `{`.
    fn braces(&mut self) -> Option<(u32, Option<u32>)> {
        let rest: String = self.chars[self.position..].iter().take_while(|&&c| c != '}').collect();
        let closed = self.chars.get(self.position + rest.len()) == Some(&'}');
        let body = rest.strip_prefix('{')?;
        if !closed || body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == ',') {
            return None;
        }
        let (min, max) = match body.split_once(',') {
            None => {
                let exact = body.parse().ok()?;
                (exact, Some(exact))
            }
            Some((low, high)) => {
                let min = if low.is_empty() { 0 } else { low.parse().ok()? };
                let max = if high.is_empty() { None } else { Some(high.parse().ok()?) };
                (min, max)
            }
        };
        self.position += rest.len() + 1;
        Some((min, max))
    }
}

/// How a repetition can match the same text in exponentially many ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Backtracking {
    /// A repeated part that itself repeats characters the outer repetition
    /// can also take: `(a+)+`, `(\w+\s?)*`.
    NestedQuantifier { span: (usize, usize) },
    /// A repeated alternation whose branches match the same text:
    /// `(a|a)*`, `(\w|\d)+`, `(a|aa)+`.
    OverlappingAlternation { span: (usize, usize) },
}

/// Repetitions bounded above this count are treated as unbounded.
const LARGE_REPEAT: u32 = 16;

/// The first catastrophic-backtracking construct in `node`, if any.
pub(super) fn find_backtracking(node: &Node) -> Option<Backtracking> {
    match node {
        Node::Sequence(items) | Node::Alternation(items) => items.iter().find_map(find_backtracking),
        Node::Atomic(_) | Node::Chars(_) | Node::Assertion | Node::Backreference => None,
        Node::Repeat(repeat) => repeat_backtracking(repeat).or_else(|| find_backtracking(&repeat.node)),
    }
}

fn is_unbounded(repeat: &Repeat) -> bool {
    !repeat.possessive && repeat.max.is_none_or(|max| max > LARGE_REPEAT)
}

fn repeat_backtracking(repeat: &Repeat) -> Option<Backtracking> {
    if !is_unbounded(repeat) {
        return None;
    }
    let branches: Vec<&Node> = match &repeat.node {
        Node::Alternation(branches) => branches.iter().collect(),
        other => vec![other],
    };
    if branches.iter().any(|branch| ambiguous_inner_repeat(branch)) {
        return Some(Backtracking::NestedQuantifier { span: repeat.span });
    }
    overlapping_pair(&branches).then_some(Backtracking::OverlappingAlternation { span: repeat.span })
}

/// Whether `body` contains an unbounded repetition whose characters the
/// rest of `body` cannot keep apart: every other required part can also
/// be matched by it.
fn ambiguous_inner_repeat(body: &Node) -> bool {
    let items: &[Node] = match body {
        Node::Sequence(items) => items,
        other => std::slice::from_ref(other),
    };
    items.iter().enumerate().any(|(index, item)| {
        let Node::Repeat(inner) = item else { return false };
        if !is_unbounded(inner) {
            return false;
        }
        let inner_chars = characters(&inner.node);
        items
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .all(|(_, part)| matches_empty(part) || characters(part).intersects(&inner_chars))
    })
}

/// Every character `node` may consume.
fn characters(node: &Node) -> CharSet {
    let mut set = CharSet::default();
    match node {
        Node::Chars(chars) => set.union(chars),
        Node::Sequence(items) | Node::Alternation(items) => items.iter().for_each(|i| set.union(&characters(i))),
        Node::Repeat(repeat) => set.union(&characters(&repeat.node)),
        Node::Atomic(inner) => set.union(&characters(inner)),
        Node::Backreference => set.union(&CharSet::of(&[(0, MAX_CHAR)])),
        Node::Assertion => {}
    }
    set
}

fn matches_empty(node: &Node) -> bool {
    match node {
        Node::Chars(_) | Node::Backreference => false,
        Node::Assertion => true,
        Node::Sequence(items) => items.iter().all(matches_empty),
        Node::Alternation(items) => items.iter().any(matches_empty),
        Node::Repeat(repeat) => repeat.min == 0 || matches_empty(&repeat.node),
        Node::Atomic(inner) => matches_empty(inner),
    }
}

/// Two branches that match the same text: identical, two single
/// characters from overlapping sets, or a single character class and a
/// run of characters it covers (`a|aa`).
fn overlapping_pair(branches: &[&Node]) -> bool {
    branches.iter().enumerate().any(|(i, first)| {
        branches[i + 1..]
            .iter()
            .any(|second| first == second || single_covers(first, second) || single_covers(second, first))
    })
}

fn single_covers(single: &Node, other: &Node) -> bool {
    let Some(set) = single_character(single) else { return false };
    let run: Vec<&Node> = match other {
        Node::Sequence(items) => items.iter().collect(),
        item => vec![item],
    };
    !run.is_empty()
        && run.iter().all(|item| {
            let chars = match item {
                Node::Chars(chars) => chars.clone(),
                Node::Repeat(repeat) if repeat.min >= 1 => match &repeat.node {
                    Node::Chars(chars) => chars.clone(),
                    _ => return false,
                },
                _ => return false,
            };
            !chars.is_empty() && if run.len() == 1 { set.intersects(&chars) } else { set.contains_set(&chars) }
        })
}

/// The set of a branch that matches exactly one character (or a run of
/// them, `c+`), if it is one.
fn single_character(node: &Node) -> Option<&CharSet> {
    match node {
        Node::Chars(chars) => Some(chars),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Backtracking, find_backtracking, parse};

    fn flagged(pattern: &str) -> bool {
        find_backtracking(&parse(pattern, false).expect("parses")).is_some()
    }

    #[test]
    fn catastrophic_patterns_are_found() {
        for pattern in [
            "(a+)+$",
            "^(a*)*b",
            "(a|a)*c",
            "(a|aa)+$",
            r"^(\w+\s?)*$",
            r"(\d|\w)+x",
            r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@)",
            r"(.*,)*x",
            "(x+x+)+y",
            r"(?:a{1,}){2,}",
        ] {
            assert!(flagged(pattern), "{pattern}");
        }
    }

    #[test]
    fn safe_patterns_are_not() {
        for pattern in [
            r"^\d+$",
            r"(\w+\.)+com",
            "(ab|ac)*",
            "(a|b)*",
            "(?>a+)+",
            "(a++)+",
            r"[a-z]+@[a-z]+\.[a-z]{2,}",
            "(a{1,3}){1,3}",
            r"(\s|\S)*",
            r"^(?P<name>\w+)=(?P=name)$",
        ] {
            assert!(!flagged(pattern), "{pattern}");
        }
    }

    #[test]
    fn verbose_patterns_drop_whitespace_and_comments() {
        let tree = parse("(?x) ( a + ) +  # nested\n $", false).unwrap();
        assert!(find_backtracking(&tree).is_some());
        let tree = parse("[ ]+ a # comment", true).unwrap();
        assert!(find_backtracking(&tree).is_none());
    }

    #[test]
    fn spans_point_at_the_outer_repetition() {
        let found = find_backtracking(&parse("^x(a+)+$", false).unwrap());
        assert_eq!(found, Some(Backtracking::NestedQuantifier { span: (2, 7) }));
    }

    #[test]
    fn odd_syntax_parses_or_is_refused() {
        for pattern in [r"[]a-]", r"a{,3}", r"\x41\u0041", r"(?i)abc", r"(?#note)a", "a{x}", r"[\d-z]"] {
            assert!(parse(pattern, false).is_ok(), "{pattern}");
        }
        for pattern in ["(a", "a**", "[abc"] {
            assert!(parse(pattern, false).is_err(), "{pattern}");
        }
    }
}
