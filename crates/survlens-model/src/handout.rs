//! Independent trainings of one run (the `auto` recipe's members, the interaction search's
//! cross-fitted networks), numbered `0..len`, dealt between the worker that runs the run and
//! other workers: which comes next, which are elsewhere, which came back from a worker that
//! stopped. The run keeps the results by number, so who trained what never shows in them.

/// The dealing of a run's numbered trainings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Handout {
    /// The first number not dealt yet.
    next: usize,
    /// Numbers other workers train.
    elsewhere: Vec<usize>,
    /// Numbers taken back from other workers, dealt again before the next.
    back: Vec<usize>,
}

impl Handout {
    /// The next training to run, of `len` (the run may plan more later): one taken back
    /// first, else the first not dealt. `None` when each is dealt.
    pub fn next(&mut self, len: usize) -> Option<usize> {
        self.back.pop().or_else(|| {
            (self.next < len).then(|| {
                self.next += 1;
                self.next - 1
            })
        })
    }

    /// [`Handout::next`], dealt to another worker.
    pub fn send(&mut self, len: usize) -> Option<usize> {
        let index = self.next(len)?;
        self.elsewhere.push(index);
        Some(index)
    }

    /// Whether training `index` is with another worker.
    pub fn is_elsewhere(&self, index: usize) -> bool {
        self.elsewhere.contains(&index)
    }

    /// Takes in training `index` from another worker; `false` (and nothing changes) when no
    /// worker had it.
    pub fn receive(&mut self, index: usize) -> bool {
        let at = self.elsewhere.iter().position(|&i| i == index);
        at.map(|at| self.elsewhere.swap_remove(at)).is_some()
    }

    /// Takes training `index` back from another worker that stopped or failed it: it is
    /// dealt again before the next. Nothing when no worker has it.
    pub fn take_back(&mut self, index: usize) {
        if self.receive(index) {
            self.back.push(index);
        }
    }

    /// Takes back every training other workers have (the run finishes alone).
    pub fn take_back_all(&mut self) {
        self.back.append(&mut self.elsewhere);
    }

    /// Trainings other workers have.
    pub fn elsewhere(&self) -> usize {
        self.elsewhere.len()
    }

    /// Whether each of `len` trainings is dealt and none is taken back (those left, if any,
    /// are elsewhere or running here).
    pub fn all_dealt(&self, len: usize) -> bool {
        self.back.is_empty() && self.next >= len
    }
}

#[cfg(test)]
mod tests {
    use super::Handout;

    #[test]
    fn trainings_are_dealt_in_order_and_taken_back_first() {
        let mut h = Handout::default();
        assert_eq!(h.next(3), Some(0));
        assert_eq!(h.send(3), Some(1));
        assert_eq!(h.send(3), Some(2));
        assert!(h.all_dealt(3) && h.elsewhere() == 2);
        assert_eq!(h.next(3), None);
        // A plan that grows deals its new trainings.
        assert_eq!(h.next(4), Some(3));
        h.take_back(1);
        assert!(!h.is_elsewhere(1) && !h.all_dealt(4));
        assert_eq!(h.next(4), Some(1), "the one taken back comes first");
        assert!(h.receive(2));
        assert!(!h.receive(2), "a second answer is not awaited");
        assert!(!h.receive(0), "nor one never sent");
        assert_eq!(h.elsewhere(), 0);
        // Taking back one no worker has changes nothing.
        h.take_back(3);
        assert_eq!(h.next(4), None);
    }
}
