//! Words of a module that matter to leaving out idle functions (see
//! [`super::leave_out`]): the words of the sources' names, numbered words
//! behind a cheap first test, and fingerprints of names.

use rustc_hash::{FxHashMap, FxHasher};

/// Words numbered in the order first met, behind a cheap first test.
#[derive(Default)]
pub(super) struct NumberedWords<'a> {
    filter: WordFilter,
    pub(super) numbers: FxHashMap<&'a str, u32>,
}

impl<'a> NumberedWords<'a> {
    pub(super) fn len(&self) -> u32 {
        // Numbers stay below `u32::MAX`, which leave_out keeps for its own mark.
        u32::try_from(self.numbers.len()).unwrap_or(u32::MAX - 1)
    }

    pub(super) fn number(&mut self, word: &'a str) -> u32 {
        if let Some(number) = self.get(word) {
            return number;
        }
        let next = self.len();
        self.filter.insert(word);
        *self.numbers.entry(word).or_insert(next)
    }

    pub(super) fn get(&self, word: &str) -> Option<u32> {
        if !self.filter.may_hold(word) {
            return None;
        }
        self.numbers.get(word).copied()
    }
}

/// A test that most words of a module fail at once: whether a word of the
/// same length and first letter is in a set.
#[derive(Debug, Clone, Default)]
struct WordFilter {
    shapes: [u64; 32],
}

impl WordFilter {
    fn shape(word: &str) -> (usize, u64) {
        (word.len().min(31), 1 << (word.as_bytes().first().copied().unwrap_or(0) & 63))
    }

    fn insert(&mut self, word: &str) {
        let (len, bit) = Self::shape(word);
        self.shapes[len] |= bit;
    }

    fn may_hold(&self, word: &str) -> bool {
        let (len, bit) = Self::shape(word);
        self.shapes[len] & bit != 0
    }
}

/// What a word can be in the names of the sources.
#[derive(Debug, Clone, Default)]
pub struct SourceWord {
    /// It ends a source that needs no import (`input`), or names a method
    /// that reads from one on any object (`recv`, `self.get_argument`).
    pub(super) always: bool,
    /// The modules (numbered) whose sources it ends: `argv` under `sys`.
    pub(super) ends_under: Vec<u32>,
    /// The module (numbered) it names: `sys`.
    pub(super) module: Option<u32>,
}

impl SourceWord {
    pub(super) fn ends_source(&self) -> bool {
        self.always || !self.ends_under.is_empty()
    }
}

/// The words of the sources' names: a function can read a source only if
/// it holds the word the source's name ends in, and its module names the
/// module the source comes from (`sys` for `sys.argv`, in its imports).
#[derive(Debug, Clone, Default)]
pub struct SourceWords {
    filter: WordFilter,
    words: FxHashMap<String, SourceWord>,
    pub(super) modules: usize,
}

impl SourceWords {
    /// From qualified source names (`sys.argv`, `urllib.request.urlopen()`,
    /// `input`), and words that block wherever they are: methods read on
    /// any object, and what marks an entry point (`request`, the request
    /// types and handler base classes, by the last part of their names).
    pub fn new<'s>(sources: impl IntoIterator<Item = &'s str>, anywhere: impl IntoIterator<Item = &'s str>) -> Self {
        let mut built = Self::default();
        let mut modules: FxHashMap<String, u32> = FxHashMap::default();
        for source in sources {
            let last = source.rsplit('.').next().unwrap_or(source).trim_end_matches("()");
            match source.split_once('.') {
                None => built.entry(last).always = true,
                Some((module, _)) => {
                    let next = u32::try_from(modules.len()).unwrap_or(u32::MAX);
                    let number = *modules.entry(module.to_string()).or_insert(next);
                    built.entry(module).module = Some(number);
                    built.entry(last).ends_under.push(number);
                }
            }
        }
        for word in anywhere {
            built.entry(word.rsplit('.').next().unwrap_or(word)).always = true;
        }
        built.modules = modules.len();
        built
    }

    fn entry(&mut self, word: &str) -> &mut SourceWord {
        self.filter.insert(word);
        self.words.entry(word.to_string()).or_default()
    }

    pub(super) fn get(&self, word: &str) -> Option<&SourceWord> {
        if !self.filter.may_hold(word) {
            return None;
        }
        self.words.get(word)
    }
}

/// The fingerprint [`LeaveOut::names_used`] keeps of a name.
pub fn word_fingerprint(word: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = FxHasher::default();
    word.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::{NumberedWords, SourceWords};

    #[test]
    fn a_source_word_knows_the_module_it_needs() {
        let words = SourceWords::new(["sys.argv", "input", "urllib.request.urlopen()"], ["recv"]);
        let role = |word: &str| words.get(word).cloned().unwrap_or_default();
        let sys = role("sys").module.expect("sys is a source module");
        assert_eq!(role("argv").ends_under, [sys]);
        assert!(role("input").always && role("recv").always);
        let urllib = role("urllib").module.expect("urllib is a source module");
        assert_eq!(role("urlopen").ends_under, [urllib]);
        assert!(!role("argv").always && !role("sys").ends_source());
        assert!(words.get("request").is_none(), "only the first and last parts matter");
    }

    #[test]
    fn words_keep_the_number_they_were_first_given() {
        let mut words = NumberedWords::default();
        assert_eq!((words.number("run"), words.number("stop"), words.number("run")), (0, 1, 0));
        assert_eq!((words.get("stop"), words.get("sto"), words.get("halt")), (Some(1), None, None));
    }
}
