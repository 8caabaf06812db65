//! A module's view of the other modules' summaries, remembered: every call
//! of a callee asks for it again, and what the project knows does not change
//! while one module is analysed.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::summary::{Callee, FunctionSummary, SummaryLookup};

pub struct ProjectView<'a> {
    project: &'a dyn SummaryLookup,
    callees: RefCell<FxHashMap<Box<str>, Callee<'a>>>,
    bases: RefCell<FxHashMap<Box<str>, Option<&'a [String]>>>,
}

impl<'a> ProjectView<'a> {
    pub fn new(project: &'a dyn SummaryLookup) -> Self {
        Self { project, callees: RefCell::default(), bases: RefCell::default() }
    }

    pub fn find(&self, qualified: &str) -> Callee<'a> {
        if let Some(&known) = self.callees.borrow().get(qualified) {
            return known;
        }
        let found = self.project.find(qualified);
        self.callees.borrow_mut().insert(qualified.into(), found);
        found
    }

    pub fn summary(&self, qualified: &str) -> Option<&'a FunctionSummary> {
        match self.find(qualified) {
            Callee::Project(summary) => summary,
            Callee::Outside => None,
        }
    }

    pub fn bases(&self, class: &str) -> Option<&'a [String]> {
        if let Some(&known) = self.bases.borrow().get(class) {
            return known;
        }
        let found = self.project.bases(class);
        self.bases.borrow_mut().insert(class.into(), found);
        found
    }
}
