//! Item states as a fold: completion replayed from ledger changes over the plan, then each
//! item judged on a given day. Pure: `today` and the changes are parameters; no cached
//! state can drift from the ledger.

use std::cmp::Ordering;
use std::num::NonZeroUsize;

use chrono::{Datelike as _, NaiveDate};

use crate::ledger::{EventKind, Order};
use crate::plan::{Due, ItemKind, Plan, WeekStart};

/// The two events that change completion: what `done` and `reopen` record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    Done,
    Reopen,
}

impl Toggle {
    /// The mark an event kind makes, if it makes one.
    #[must_use]
    pub fn of(kind: &EventKind) -> Option<Toggle> {
        match kind {
            EventKind::Done => Some(Toggle::Done),
            EventKind::Reopen => Some(Toggle::Reopen),
            _ => None,
        }
    }

    #[must_use]
    pub fn kind(self) -> EventKind {
        match self {
            Toggle::Done => EventKind::Done,
            Toggle::Reopen => EventKind::Reopen,
        }
    }

    /// The change it makes, effective on `on`.
    #[must_use]
    pub fn on(self, on: NaiveDate) -> Change {
        match self {
            Toggle::Done => Change::Done(on),
            Toggle::Reopen => Change::Reopen(on),
        }
    }
}

/// What one ledger event does to an item's completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Done(NaiveDate),
    Reopen(NaiveDate),
}

impl Change {
    /// A `done` (`true`) or `reopen` effective on `on`.
    #[must_use]
    pub fn new(done: bool, on: NaiveDate) -> Change {
        if done {
            Change::Done(on)
        } else {
            Change::Reopen(on)
        }
    }

    fn on(self) -> NaiveDate {
        match self {
            Change::Done(d) | Change::Reopen(d) => d,
        }
    }
}

/// The latest change of each item's own, as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Own {
    Nothing,
    Done(NaiveDate),
    Reopened,
}

impl From<Change> for Own {
    fn from(c: Change) -> Own {
        match c {
            Change::Done(d) => Own::Done(d),
            Change::Reopen(_) => Own::Reopened,
        }
    }
}

/// Each item's changes, kept to judge completion as of many days (one per week of a
/// report) without replaying the whole ledger for each.
///
/// Only the changes that can still decide are kept: a change is dropped once a later one
/// (in replay order) is effective no later than it, because from its day on that later
/// one wins. What is left per item has strictly increasing `on` dates, so it stays short
/// however long the ledger grows, and changes can arrive in any order (a ledger is read
/// in file order, not replay order). An exact duplicate of a kept change is a no-op.
///
/// A history may also be built for a known set of days only ([`Asked`]): then changes are
/// compared by the first of those days they are effective on, so one that a later change
/// overtakes before the next such day is dropped too, and an item keeps at most one change
/// per such day (a million-event ledger is 50 changes an item, most of which no report
/// day can see).
///
/// Laid out for the scan, which updates a random item per event: each item's latest kept
/// change sits in its own slot, its earlier ones in one arena shared by all items, each
/// linked to the one before it. A ledger is mostly appended in replay order, and then a
/// new change replaces the latest (same key), follows it (a later key: the latest moves
/// to the end of the arena, a store in sequence) or cuts back (an earlier key: links
/// followed, nothing moved). A change that arrives out of order moves the few after it.
/// Places left unused are reclaimed once they are half the arena.
#[derive(Debug, Clone)]
pub struct History {
    /// Per item, its latest kept change.
    latest: Vec<Option<Kept>>,
    /// Per item, the place in `arena` of its newest earlier kept change.
    newest: Vec<Option<usize>>,
    arena: Vec<Earlier>,
    /// Places in `arena` whose change was cut off or moved.
    unused: usize,
    days: Asked,
}

/// An item's due and completion over a run of the days given to [`History::spans`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub item: usize,
    /// Indices into those days.
    pub days: std::ops::Range<usize>,
    pub due: NaiveDate,
    pub done_on: Option<NaiveDate>,
}

/// One kept change, with its [`Asked::key`] computed once (it fits in the padding).
#[derive(Debug, Clone)]
struct Kept {
    order: Order,
    change: Change,
    key: i32,
}

/// A kept change that is not its item's latest: whose it is, and where the one before it
/// is (stored as place + 1, so that `Option` packs into one word: 80 bytes in all).
#[derive(Debug, Clone)]
struct Earlier {
    kept: Kept,
    item: usize,
    before: Option<NonZeroUsize>,
}

impl Earlier {
    fn before(&self) -> Option<usize> {
        self.before.map(|n| n.get() - 1)
    }
}

/// A [`History`]'s arena is compacted once at least this many of its places, and more than
/// half of them, are unused.
const SPARE: usize = 1024;

/// A place in the arena as an [`Earlier`] links to it.
fn link(place: Option<usize>) -> Option<NonZeroUsize> {
    place.and_then(|n| NonZeroUsize::new(n + 1))
}

/// Which days a [`History`] will be asked about besides the end of the ledger
/// ([`History::latest`], always allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// Any day.
    All,
    /// None: only the latest change of each item is kept.
    Latest,
    /// Two days (the first no later than the second): `week` judges one week.
    Two(NaiveDate, NaiveDate),
    /// `today`, and the last day of every week before it (weeks starting on `start`):
    /// the days `week` and `report` judge.
    WeekEnds { start: WeekStart, today: NaiveDate },
}

impl Asked {
    /// The first day asked about on which a change on `on` is in effect, as a number that
    /// orders as the days do; days after every asked day share one key.
    fn key(self, on: NaiveDate) -> i32 {
        match self {
            Asked::All => on.num_days_from_ce(),
            Asked::Latest => 0,
            Asked::Two(a, b) => {
                if on <= a {
                    a.num_days_from_ce()
                } else if on <= b {
                    b.num_days_from_ce()
                } else {
                    i32::MAX
                }
            }
            Asked::WeekEnds { start, today } => {
                if on > today {
                    return i32::MAX;
                }
                crate::weeks::last_day_number(on.num_days_from_ce(), start)
                    .min(today.num_days_from_ce())
            }
        }
    }

    /// Whether `as_of(day)` may be asked.
    #[cfg(test)]
    fn asked(self, day: NaiveDate) -> bool {
        match self {
            Asked::All => true,
            Asked::Latest => false,
            Asked::Two(a, b) => day == a || day == b,
            Asked::WeekEnds { start, today } => {
                day == today || (day < today && crate::weeks::is_last_day(day, start))
            }
        }
    }
}

impl History {
    /// For any day.
    #[must_use]
    pub fn empty(plan: &Plan) -> History {
        History::for_days(plan, Asked::All)
    }

    #[must_use]
    pub fn for_days(plan: &Plan, days: Asked) -> History {
        History {
            latest: vec![None; plan.items.len()],
            newest: vec![None; plan.items.len()],
            arena: Vec::new(),
            unused: 0,
            days,
        }
    }

    /// Builds from changes given by step id; ids the plan does not have are skipped. The
    /// commands build theirs while scanning the ledger; this one is for tests.
    #[cfg(test)]
    pub(crate) fn new<'a>(
        plan: &Plan,
        changes: impl IntoIterator<Item = (&'a str, Order, Change)>,
    ) -> History {
        let mut history = History::empty(plan);
        for (id, order, change) in changes {
            if let Some(i) = plan.find(id) {
                history.record(i, order, change);
            }
        }
        history
    }

    /// Adds one change of item `index`, in any order.
    pub fn record(&mut self, index: usize, order: Order, change: Change) {
        let key = self.days.key(change.on());
        let kept = Kept { order, change, key };
        let Some(slot) = self.latest.get_mut(index) else {
            return;
        };
        let Some(latest) = slot else {
            *slot = Some(kept);
            return;
        };
        match latest.order.cmp(&kept.order) {
            Ordering::Equal => {} // The same event again.
            Ordering::Greater => self.insert_late(index, kept),
            Ordering::Less => match latest.key.cmp(&key) {
                Ordering::Equal => *latest = kept,
                Ordering::Less => {
                    let earlier = std::mem::replace(latest, kept);
                    self.push_earlier(index, earlier);
                }
                Ordering::Greater => {
                    *latest = kept;
                    self.cut(index, key);
                }
            },
        }
    }

    /// Leaves out item `index`'s earlier changes keyed `key` or later: a change after them
    /// in replay order is in effect from their day on.
    fn cut(&mut self, index: usize, key: i32) {
        while let Some(n) = self.newest[index] {
            if self.arena[n].kept.key < key {
                break;
            }
            self.newest[index] = self.arena[n].before();
            self.unused += 1;
        }
    }

    /// A change that comes before item `index`'s latest in replay order (a ledger merged
    /// from another clone): linked in after the earlier changes that come before it, with
    /// those after it moved behind it.
    fn insert_late(&mut self, index: usize, kept: Kept) {
        let Some(latest) = &self.latest[index] else {
            return;
        };
        let (mut split, mut after, mut next_key) = (self.newest[index], 0, latest.key);
        while let Some(n) = split {
            let e = &self.arena[n].kept;
            if e.order < kept.order {
                break;
            }
            (split, after, next_key) = (self.arena[n].before(), after + 1, e.key);
        }
        if next_key <= kept.key {
            // The change after it (or the same event again) is in effect from its day on:
            // it can never decide.
            return;
        }
        let moved: Vec<Kept> = self
            .newest_first(index)
            .skip(1)
            .take(after)
            .cloned()
            .collect();
        self.newest[index] = split;
        self.unused += after;
        self.cut(index, kept.key);
        self.push_earlier(index, kept);
        for earlier in moved.into_iter().rev() {
            self.push_earlier(index, earlier);
        }
    }

    fn push_earlier(&mut self, index: usize, kept: Kept) {
        if self.unused > self.arena.len() / 2 && self.unused >= SPARE {
            self.compact();
        }
        let before = self.newest[index].replace(self.arena.len());
        self.arena.push(Earlier {
            kept,
            item: index,
            before: link(before),
        });
    }

    /// Drops the arena's unused places: at most half of it is ever unused, however the
    /// ledger's changes arrive.
    fn compact(&mut self) {
        let used = self.used_places();
        let mut moved = vec![0; used.len()];
        for (place, e) in std::mem::take(&mut self.arena).into_iter().enumerate() {
            if used[place] {
                moved[place] = self.arena.len();
                let before = link(e.before().map(|b| moved[b]));
                self.arena.push(Earlier { before, ..e });
            }
        }
        for n in self.newest.iter_mut().flatten() {
            *n = moved[*n];
        }
        self.unused = 0;
    }

    /// Whether each place of the arena holds a kept change. An item's kept changes lie in
    /// increasing places, so walking the arena from its end, the next one of an item is
    /// the one its newer one links to: one pass in place order instead of along each
    /// item's links (a cache miss per change).
    fn used_places(&self) -> Vec<bool> {
        let mut wanted = self.newest.clone();
        let mut used = vec![false; self.arena.len()];
        for (place, e) in self.arena.iter().enumerate().rev() {
            if wanted[e.item] == Some(place) {
                used[place] = true;
                wanted[e.item] = e.before();
            }
        }
        used
    }

    /// Item `index`'s kept changes, the latest first.
    fn newest_first(&self, index: usize) -> impl Iterator<Item = &Kept> {
        let first = self.newest.get(index).copied().flatten();
        let earlier = std::iter::successors(first.map(|n| &self.arena[n]), |e| {
            e.before().map(|n| &self.arena[n])
        });
        let latest = self.latest.get(index).and_then(Option::as_ref);
        latest.into_iter().chain(earlier.map(|e| &e.kept))
    }

    /// Every item's kept changes oldest first, one list after another: item `i`'s are
    /// `changes[starts[i]..starts[i + 1]]`.
    fn oldest_first(&self) -> (Vec<usize>, Vec<Change>) {
        let used = self.used_places();
        let mut count: Vec<usize> = self
            .latest
            .iter()
            .map(|l| usize::from(l.is_some()))
            .collect();
        let earlier = || {
            self.arena
                .iter()
                .zip(&used)
                .filter(|(_, u)| **u)
                .map(|(e, _)| e)
        };
        for e in earlier() {
            count[e.item] += 1;
        }
        let mut starts = Vec::with_capacity(count.len() + 1);
        let mut total = 0;
        for c in &count {
            starts.push(total);
            total += c;
        }
        starts.push(total);
        let mut changes = vec![Change::Reopen(NaiveDate::MIN); total];
        let mut next = starts.clone();
        for e in earlier() {
            changes[next[e.item]] = e.kept.change;
            next[e.item] += 1;
        }
        for (i, latest) in self.latest.iter().enumerate() {
            if let Some(k) = latest {
                changes[next[i]] = k.change;
            }
        }
        (starts, changes)
    }

    /// Completion as the ledger stood on `as_of` (changes effective later left out).
    #[must_use]
    pub fn as_of(&self, plan: &Plan, as_of: NaiveDate) -> Completion {
        let own: Vec<Own> = (0..self.latest.len())
            .map(|i| {
                self.newest_first(i)
                    .find(|k| k.change.on() <= as_of)
                    .map_or(Own::Nothing, |k| Own::from(k.change))
            })
            .collect();
        Completion::from_own(plan, &own)
    }

    /// Each item's due and completion on each of `days` (ascending, and asked of this
    /// history), as spans of consecutive days over which neither changes: what counting
    /// over many days (a report's weeks) needs, at a cost per change instead of per day.
    /// Judged as [`evaluate`] judges each day.
    #[must_use]
    pub fn spans(&self, plan: &Plan, days: &[NaiveDate]) -> Vec<Span> {
        let n = self.latest.len();
        let (starts, changes) = self.oldest_first();
        let mut next = starts.clone(); // per item: its first change not yet in effect
        let mut own = vec![Own::Nothing; n];
        let mut dues = vec![NaiveDate::MIN; n];
        let mut bases: Vec<Option<NaiveDate>> = vec![None; n];
        let mut open: Vec<Option<Span>> = vec![None; n];
        let mut spans = Vec::with_capacity(n);
        for (k, &day) in days.iter().enumerate() {
            for i in 0..n {
                while next[i] < starts[i + 1] && changes[next[i]].on() <= day {
                    own[i] = Own::from(changes[next[i]]);
                    next[i] += 1;
                }
            }
            let done = Completion::from_own(plan, &own);
            for &i in &plan.order {
                dues[i] = match plan.items[i].due {
                    Due::Fixed(d) => d,
                    Due::After {
                        anchor,
                        count,
                        workdays,
                    } => {
                        // Counted again only when the day it counts from moves.
                        let base = done.done_on(anchor).unwrap_or(dues[anchor]);
                        if bases[i] != Some(base) {
                            bases[i] = Some(base);
                            dues[i] = relative_due(plan, base, count, workdays);
                        }
                        dues[i]
                    }
                };
                let (due, done_on) = (dues[i], done.done_on(i));
                match &mut open[i] {
                    Some(span) if span.due == due && span.done_on == done_on => {
                        span.days.end = k + 1;
                    }
                    slot => {
                        spans.extend(slot.take());
                        *slot = Some(Span {
                            item: i,
                            days: k..k + 1,
                            due,
                            done_on,
                        });
                    }
                }
            }
        }
        spans.extend(open.into_iter().flatten());
        spans
    }

    /// The replay order of the change to item `index` that decides it after the whole
    /// ledger: a new change must sort after it to take effect.
    #[must_use]
    pub fn latest_order(&self, index: usize) -> Option<&Order> {
        self.latest
            .get(index)
            .and_then(Option::as_ref)
            .map(|k| &k.order)
    }

    /// Completion after the whole ledger: the latest change of each item decides.
    #[must_use]
    pub fn latest(&self, plan: &Plan) -> Completion {
        let own: Vec<Own> = self
            .latest
            .iter()
            .map(|k| k.as_ref().map_or(Own::Nothing, |k| Own::from(k.change)))
            .collect();
        Completion::from_own(plan, &own)
    }
}

/// Who is done, and since when, after replaying the ledger.
#[derive(Debug, Clone)]
pub struct Completion {
    done_on: Vec<Option<NaiveDate>>,
}

impl Completion {
    /// Replays changes in ledger order ((`at`, `id`), as the ledger reader sorts them).
    /// With `as_of`, changes effective after that day are left out: the ledger as it
    /// stood then. Changes for ids the plan does not have are skipped (`check` reports them).
    /// The plain reference replay: commands use [`History`], which tests check against it.
    #[cfg(test)]
    pub(crate) fn replay<'a>(
        plan: &Plan,
        changes: impl IntoIterator<Item = (&'a str, Change)>,
        as_of: Option<NaiveDate>,
    ) -> Completion {
        let mut own = vec![Own::Nothing; plan.items.len()];
        for (id, change) in changes {
            if as_of.is_some_and(|d| change.on() > d) {
                continue;
            }
            if let Some(i) = plan.find(id) {
                own[i] = Own::from(change);
            }
        }
        Completion::from_own(plan, &own)
    }

    fn from_own(plan: &Plan, own: &[Own]) -> Completion {
        let mut done_on = vec![None; plan.items.len()];
        // Anchors of relative dues first, so a follow-up sees whether its anchor is done.
        for &i in &plan.order {
            let item = &plan.items[i];
            done_on[i] = match own[i] {
                Own::Done(d) => Some(d),
                // A task with no event of its own follows its step, unless it is the
                // step's follow-up: its due counts from the step itself, or from an item
                // not done yet ("report 10 working days after the meeting").
                Own::Nothing if item.kind == ItemKind::Task => match (own[item.step], item.due) {
                    (Own::Done(_), Due::After { anchor, .. })
                        if anchor == item.step || done_on[anchor].is_none() =>
                    {
                        None
                    }
                    (Own::Done(d), _) => Some(d),
                    _ => None,
                },
                Own::Nothing | Own::Reopened => None,
            };
        }
        Completion { done_on }
    }

    /// Whether a task without an event of its own stays open when its step is done:
    /// its due counts from the step, or from an item not done in `self`.
    #[must_use]
    pub fn is_follow_up(&self, plan: &Plan, task: usize) -> bool {
        let item = &plan.items[task];
        item.kind == ItemKind::Task
            && matches!(item.due, Due::After { anchor, .. }
                if anchor == item.step || self.done_on(anchor).is_none())
    }

    #[must_use]
    pub fn done_on(&self, index: usize) -> Option<NaiveDate> {
        self.done_on.get(index).copied().flatten()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    Overdue,
    DueToday,
    DueSoon,
    Active,
    Upcoming,
    Done,
}

impl State {
    pub const ALL: [State; 6] = [
        State::Overdue,
        State::DueToday,
        State::DueSoon,
        State::Active,
        State::Upcoming,
        State::Done,
    ];

    /// The name used in JSON and on the command line; never translated.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            State::Overdue => "overdue",
            State::DueToday => "due_today",
            State::DueSoon => "due_soon",
            State::Active => "active",
            State::Upcoming => "upcoming",
            State::Done => "done",
        }
    }
}

/// One item judged on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub index: usize,
    pub due: NaiveDate,
    /// The due hangs on an item that is not done yet: its planned date stands in.
    pub tentative: bool,
    pub state: State,
    pub done_on: Option<NaiveDate>,
    /// Unfinished items this one waits for (`after`, and the anchor of a relative due).
    pub blocked_by: Vec<usize>,
    pub today: NaiveDate,
    /// Years outside the official calendar's data that this due's working-day count ran
    /// through, or that the tentative due it counts from did: only weekends were used for
    /// them. Sorted; empty for fixed dates and for calendar `none`.
    pub unknown_years: Vec<i32>,
}

impl Status {
    #[must_use]
    pub fn days_overdue(&self) -> Option<i64> {
        (self.state == State::Overdue).then(|| (self.today - self.due).num_days())
    }

    #[must_use]
    pub fn days_left(&self) -> Option<i64> {
        (self.done_on.is_none() && self.due >= self.today)
            .then(|| (self.due - self.today).num_days())
    }

    #[must_use]
    pub fn late_days(&self) -> Option<i64> {
        self.done_on.map(|d| (d - self.due).num_days().max(0))
    }
}

/// An item's state on `today` (DESIGN §3), given its due and completion.
fn state_of(
    plan: &Plan,
    index: usize,
    due: NaiveDate,
    done_on: Option<NaiveDate>,
    today: NaiveDate,
) -> State {
    let item = &plan.items[index];
    let start = item.start.or(plan.items[item.step].start);
    match done_on {
        Some(_) => State::Done,
        None if due < today => State::Overdue,
        None if due == today => State::DueToday,
        None if (due - today).num_days() <= plan.soon_days => State::DueSoon,
        None if start.is_some_and(|s| s <= today) => State::Active,
        None => State::Upcoming,
    }
}

/// `count` days (or working days) after `base`, stopping at the last day of
/// [`crate::dates::YEARS`]: a chain of relative dues cannot run dates, or the work and
/// output of a view, beyond the years a plan may name.
fn relative_due(plan: &Plan, base: NaiveDate, count: u32, workdays: bool) -> NaiveDate {
    let due = if workdays {
        plan.calendar.add_workdays(base, count)
    } else {
        base.checked_add_days(chrono::Days::new(u64::from(count)))
            .unwrap_or(NaiveDate::MAX)
    };
    due.min(crate::dates::last_day())
}

/// Every item's status on `today`, indexed like `plan.items`.
#[must_use]
pub fn evaluate(plan: &Plan, done: &Completion, today: NaiveDate) -> Vec<Status> {
    let mut dues: Vec<(NaiveDate, bool, Vec<i32>)> =
        vec![(NaiveDate::MIN, false, Vec::new()); plan.items.len()];
    for &i in &plan.order {
        dues[i] = match plan.items[i].due {
            Due::Fixed(d) => (d, false, Vec::new()),
            Due::After {
                anchor,
                count,
                workdays,
            } => {
                // Until the anchor is done its planned due stands in, and so the
                // derived date is tentative (whatever the anchor's own due hangs on).
                let (base, tentative) = match done.done_on(anchor) {
                    Some(d) => (d, false),
                    None => (dues[anchor].0, true),
                };
                // A guess the anchor's due rests on is this due's guess too.
                let mut unknown = if tentative {
                    dues[anchor].2.clone()
                } else {
                    Vec::new()
                };
                let due = relative_due(plan, base, count, workdays);
                // The count runs over `(base, due]`.
                if workdays && let Some(first) = base.succ_opt() {
                    unknown.extend(plan.calendar.unknown_years(first, due));
                }
                unknown.sort_unstable();
                unknown.dedup();
                (due, tentative, unknown)
            }
        };
    }
    plan.items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (due, tentative, ref unknown) = dues[i];
            let done_on = done.done_on(i);
            let state = state_of(plan, i, due, done_on, today);
            let mut blocked_by: Vec<usize> = item
                .after
                .iter()
                .copied()
                .filter(|&a| done.done_on(a).is_none())
                .collect();
            if let Due::After { anchor, .. } = item.due
                && done.done_on(anchor).is_none()
                && !blocked_by.contains(&anchor)
            {
                blocked_by.push(anchor);
            }
            if done_on.is_some() {
                blocked_by.clear();
            }
            Status {
                index: i,
                due,
                tentative,
                state,
                done_on,
                blocked_by,
                today,
                unknown_years: unknown.clone(),
            }
        })
        .collect()
}

/// The years whose official days off were unknown to any of these dues' working-day
/// counts (see [`Status::unknown_years`]), sorted, each once: what a command that shows
/// these items must warn about.
#[must_use]
pub fn unknown_years<'a>(statuses: impl IntoIterator<Item = &'a Status>) -> Vec<i32> {
    let mut years: Vec<i32> = statuses
        .into_iter()
        .flat_map(|s| s.unknown_years.iter().copied())
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2014, m, day).unwrap()
    }

    fn seed() -> Plan {
        crate::plan::parse(include_str!("../plan.toml"), "plan.toml", 2000).unwrap()
    }

    /// The replay order of the `n`th event of a test ledger.
    fn order(n: usize) -> Order {
        let at = chrono::DateTime::parse_from_rfc3339("2014-06-16T09:30:00+08:00").unwrap();
        Order::new(&(at + chrono::Duration::seconds(n as i64)), "a")
    }

    proptest::proptest! {
        /// Pruning keeps exactly what a full replay as of any day needs, whatever the
        /// order the changes arrive in.
        #[test]
        fn history_as_of_any_day_equals_a_replay(
            raw in proptest::collection::vec((0usize..3, 0u32..6, proptest::prelude::any::<bool>()), 0..14),
            shift in 0usize..1000,
        ) {
            let plan = seed();
            let ids = ["4", "4.1", "4.2"];
            let changes: Vec<(&str, Change)> = raw
                .iter()
                .map(|&(i, day, done)| {
                    let on = d(6, 15 + day);
                    (ids[i], Change::new(done, on))
                })
                .collect();
            let mut arriving: Vec<_> = changes.iter().enumerate().map(|(n, &(id, c))| (id, order(n), c)).collect();
            let len = arriving.len().max(1);
            arriving.rotate_left(shift % len);
            arriving.extend(arriving.clone().into_iter().take(shift % 3));
            let history = History::new(&plan, arriving);
            for day in 14..=22 {
                let want = Completion::replay(&plan, changes.iter().copied(), Some(d(6, day)));
                proptest::prop_assert_eq!(want.done_on, history.as_of(&plan, d(6, day)).done_on);
            }
            let want = Completion::replay(&plan, changes.iter().copied(), None);
            proptest::prop_assert_eq!(want.done_on, history.latest(&plan).done_on);
        }
    }

    proptest::proptest! {
        /// A history kept for week ends (or for the latest only) answers those days as a
        /// full replay does.
        #[test]
        fn history_for_some_days_equals_a_replay_on_them(
            raw in proptest::collection::vec((0usize..3, 0u32..40, proptest::prelude::any::<bool>()), 0..40),
            shift in 0usize..1000,
            today in 0u32..40,
            sunday in proptest::prelude::any::<bool>(),
            late in proptest::collection::vec(0u8..8, 40),
        ) {
            let plan = seed();
            let ids = ["4", "4.1", "4.2"];
            let day = |n: u32| d(6, 1) + chrono::Days::new(u64::from(n));
            let changes: Vec<(&str, Change)> = raw
                .iter()
                .map(|&(i, n, done)| (ids[i], Change::new(done, day(n))))
                .collect();
            // Mostly in replay order, as ledgers are; some changes arrive up to seven places
            // late (the rotation makes a long run of them), and some twice.
            let mut arriving: Vec<_> = changes.iter().enumerate().map(|(n, &(id, c))| (id, order(n), c)).collect();
            let len = arriving.len().max(1);
            arriving.rotate_left(shift % 4 * len / 4);
            let mut keyed: Vec<_> = arriving.into_iter().enumerate()
                .map(|(n, a)| (n + usize::from(late[n]).saturating_sub(3) * 2, a))
                .collect();
            keyed.sort_by_key(|(k, _)| *k);
            let mut arriving: Vec<_> = keyed.into_iter().map(|(_, a)| a).collect();
            arriving.extend(arriving.clone().into_iter().step_by(3 + shift % 5));
            let start = if sunday { WeekStart::Sunday } else { WeekStart::Monday };
            let today = day(today);
            let other = day(shift as u32 % 40).min(today);
            for days in [Asked::Latest, Asked::WeekEnds { start, today }, Asked::Two(other, today)] {
                let mut history = History::for_days(&plan, days);
                for (id, order, change) in arriving.clone() {
                    history.record(plan.find(id).unwrap(), order, change);
                }
                for n in 0..45 {
                    if days.asked(day(n)) {
                        let want = Completion::replay(&plan, changes.iter().copied(), Some(day(n)));
                        proptest::prop_assert_eq!(want.done_on, history.as_of(&plan, day(n)).done_on);
                    }
                }
                let want = Completion::replay(&plan, changes.iter().copied(), None);
                proptest::prop_assert_eq!(want.done_on, history.latest(&plan).done_on);
                let asked: Vec<NaiveDate> = (0..45).map(day).filter(|&d| days.asked(d)).collect();
                // Spans give each asked day's due and completion as `evaluate` does.
                let spans = history.spans(&plan, &asked);
                for (k, &d) in asked.iter().enumerate() {
                    let all = evaluate(&plan, &history.as_of(&plan, d), d);
                    let mut got: Vec<_> = spans
                        .iter()
                        .filter(|s| s.days.contains(&k))
                        .map(|s| (s.item, s.due, s.done_on))
                        .collect();
                    got.sort_unstable();
                    let want: Vec<_> = all.iter().map(|s| (s.index, s.due, s.done_on)).collect();
                    proptest::prop_assert_eq!(got, want);
                }
            }
        }
    }

    /// A ledger whose changes keep cutting back the one before (and a long run arriving
    /// backwards) leaves unused places in the arena: they are reclaimed, and every day is
    /// still answered as a full replay answers it, also for an item with many changes
    /// kept through each compaction.
    #[test]
    fn unused_places_are_reclaimed_and_answers_stay_right() {
        let plan = seed();
        let mut changes = Vec::new();
        for n in 0..10_000u32 {
            let on = if n % 2 == 0 {
                d(6, 28)
            } else {
                d(6, 1 + n % 20)
            };
            changes.push(("4", Change::new(n % 3 != 0, on)));
            if n % 10 == 0 {
                let on = d(1, 1) + chrono::Days::new(u64::from(n / 10));
                changes.push(("4.1", Change::new(n % 20 == 0, on)));
            }
        }
        let mut arriving: Vec<_> = changes
            .iter()
            .enumerate()
            .map(|(n, &(id, c))| (id, order(n), c))
            .collect();
        arriving[9000..].reverse();
        let mut history = History::empty(&plan);
        for (id, order, change) in arriving {
            history.record(plan.find(id).unwrap(), order, change);
        }
        // Without compaction it would hold a place for every other change of item 4.
        let used = history.used_places().iter().filter(|u| **u).count();
        assert!(used >= 900, "{used}");
        assert!(
            history.arena.len() <= 2 * used + SPARE,
            "{}",
            history.arena.len()
        );
        for day in (0..1000).step_by(3).map(|n| d(1, 1) + chrono::Days::new(n)) {
            let want = Completion::replay(&plan, changes.iter().copied(), Some(day));
            assert_eq!(want.done_on, history.as_of(&plan, day).done_on, "{day}");
        }
    }

    fn status_of<'a>(plan: &Plan, all: &'a [Status], id: &str) -> &'a Status {
        &all[plan.find(id).unwrap()]
    }

    /// DESIGN §6: today 2014-06-20, step 1 done 06-16, step 2 done 06-15.
    #[test]
    fn seed_scenario_states_on_june_20() {
        let plan = seed();
        let done = Completion::replay(
            &plan,
            [("1", Change::Done(d(6, 16))), ("2", Change::Done(d(6, 15)))],
            None,
        );
        let all = evaluate(&plan, &done, d(6, 20));
        let s = |id| status_of(&plan, &all, id);
        assert_eq!(s("2").state, State::Done);
        assert_eq!(s("2").late_days(), Some(1));
        assert_eq!(s("1").late_days(), Some(0));
        assert_eq!(s("1.1").done_on, Some(d(6, 16)), "a task follows its step");
        for id in ["5.1", "6.1"] {
            assert_eq!(s(id).state, State::DueToday, "{id}");
            assert_eq!(s(id).days_left(), Some(0));
        }
        for id in ["3", "4", "5", "6"] {
            assert_eq!(s(id).state, State::DueSoon, "{id}");
        }
        assert_eq!(s("3").days_left(), Some(6));
        assert_eq!(s("8").state, State::Active);
        assert_eq!(s("7").state, State::Upcoming);
        assert_eq!((s("7.1").due, s("7.1").tentative), (d(7, 6), true));
        assert_eq!((s("7.2").due, s("7.2").tentative), (d(7, 11), true));
        assert_eq!(s("7").blocked_by, vec![plan.find("5").unwrap()]);
        assert!(all.iter().all(|x| x.state != State::Overdue));
    }

    #[test]
    fn a_week_later_everything_due_by_june_26_is_overdue() {
        let plan = seed();
        let done = Completion::replay(
            &plan,
            [("1", Change::Done(d(6, 16))), ("2", Change::Done(d(6, 15)))],
            None,
        );
        let all = evaluate(&plan, &done, d(6, 27));
        let overdue: Vec<&str> = all
            .iter()
            .filter(|s| s.state == State::Overdue)
            .map(|s| plan.items[s.index].id.as_str())
            .collect();
        assert_eq!(
            overdue,
            ["3", "3.1", "4", "4.1", "4.2", "4.3", "5", "5.1", "6", "6.1"]
        );
        assert_eq!(status_of(&plan, &all, "5.1").days_overdue(), Some(7));
    }

    #[test]
    fn relative_due_counts_from_the_real_done_date() {
        let plan = seed();
        let done = Completion::replay(&plan, [("5", Change::Done(d(6, 28)))], None);
        let all = evaluate(&plan, &done, d(6, 28));
        let s = status_of(&plan, &all, "7.1");
        assert_eq!((s.due, s.tentative), (d(7, 8), false));
        assert!(status_of(&plan, &all, "7").blocked_by.is_empty());
    }

    #[test]
    fn reopen_of_a_step_reopens_tasks_without_events_of_their_own() {
        let plan = seed();
        let changes = [
            ("4", Change::Done(d(6, 20))),
            ("4.2", Change::Done(d(6, 19))),
            ("4", Change::Reopen(d(6, 21))),
        ];
        let done = Completion::replay(&plan, changes, None);
        assert_eq!(done.done_on(plan.find("4.1").unwrap()), None);
        assert_eq!(done.done_on(plan.find("4.2").unwrap()), Some(d(6, 19)));
        // As the ledger stood on 06-20, step 4 and its tasks were done.
        let then = Completion::replay(&plan, changes, Some(d(6, 20)));
        assert_eq!(then.done_on(plan.find("4.1").unwrap()), Some(d(6, 20)));
        let ordered = changes
            .iter()
            .enumerate()
            .map(|(n, &(id, c))| (id, order(n), c));
        let history = History::new(&plan, ordered.clone());
        let backwards = History::new(&plan, ordered.rev());
        for day in [d(6, 18), d(6, 19), d(6, 20), d(6, 21), d(6, 30)] {
            let a = Completion::replay(&plan, changes, Some(day));
            assert_eq!(a.done_on, history.as_of(&plan, day).done_on, "{day}");
            assert_eq!(a.done_on, backwards.as_of(&plan, day).done_on, "{day}");
        }
        let all = Completion::replay(&plan, changes, None);
        assert_eq!(all.done_on, history.latest(&plan).done_on);
        assert_eq!(all.done_on, backwards.latest(&plan).done_on);
    }

    /// A meeting (step 1) whose report is due 10 working days after it, a task due on
    /// the meeting day, and a task due 3 days after step 2.
    fn follow_up_plan() -> Plan {
        crate::plan::parse(
            r#"title = "t"
[[step]]
title = "召开总结会"
when = "6月16日"
  [[step.task]]
  title = "会议签到表"
  [[step.task]]
  title = "总结报告报上级（会后10个工作日内）"
  due = { after = "1", workdays = 10 }
  [[step.task]]
  title = "通报（第2步后3天）"
  due = { after = "2", days = 3 }
[[step]]
title = "整改"
when = "6月20日"
"#,
            "plan.toml",
            2014,
        )
        .unwrap()
    }

    #[test]
    fn a_steps_follow_up_stays_open_when_the_step_is_done() {
        let plan = follow_up_plan();
        let i = |id| plan.find(id).unwrap();
        let done = Completion::replay(&plan, [("1", Change::Done(d(6, 16)))], None);
        assert_eq!(
            done.done_on(i("1.1")),
            Some(d(6, 16)),
            "an ordinary task follows"
        );
        assert_eq!(
            done.done_on(i("1.2")),
            None,
            "due counts from the step itself"
        );
        assert_eq!(
            done.done_on(i("1.3")),
            None,
            "due counts from step 2, not done"
        );
        assert!(done.is_follow_up(&plan, i("1.2")));
        assert!(done.is_follow_up(&plan, i("1.3")));
        assert!(!done.is_follow_up(&plan, i("1.1")));
        let all = evaluate(&plan, &done, d(6, 20));
        let report = status_of(&plan, &all, "1.2");
        assert_eq!((report.state, report.due), (State::Active, d(6, 30)));
        assert!(!report.tentative);
        // Once step 2 is done, the task counting from it follows step 1 again; its own
        // event still decides.
        let both = Completion::replay(
            &plan,
            [("1", Change::Done(d(6, 16))), ("2", Change::Done(d(6, 18)))],
            None,
        );
        assert_eq!(both.done_on(i("1.3")), Some(d(6, 16)));
        assert_eq!(both.done_on(i("1.2")), None);
        let own = Completion::replay(
            &plan,
            [
                ("1", Change::Done(d(6, 16))),
                ("1.2", Change::Done(d(6, 25))),
            ],
            None,
        );
        assert_eq!(own.done_on(i("1.2")), Some(d(6, 25)));
    }

    #[test]
    fn the_seeds_step_7_done_early_leaves_its_tasks_counting_from_step_5_open() {
        let plan = seed();
        let done = Completion::replay(&plan, [("7", Change::Done(d(6, 20)))], None);
        for id in ["7.1", "7.2"] {
            assert_eq!(done.done_on(plan.find(id).unwrap()), None, "{id}");
        }
    }

    fn workday_plan(extra: &str) -> Plan {
        let text = format!(
            r#"title = "t"
year = 2026
{extra}
[[step]]
id = 1
title = "a"
when = "12月18日"
owner = "x"
  [[step.task]]
  title = "b"
  due = {{ after = "1", workdays = 10 }}
  [[step.task]]
  title = "c"
  due = {{ after = "1.1", days = 3 }}
[[step]]
id = 2
title = "d"
when = "6月1日"
owner = "x"
  [[step.task]]
  title = "e"
  due = {{ after = "2", workdays = 5 }}
"#
        );
        crate::plan::parse(&text, "plan.toml", 2000).unwrap()
    }

    #[test]
    fn workday_counts_into_an_unknown_year_say_so_and_chains_inherit_it() {
        let plan = workday_plan("");
        let none = Completion::replay(&plan, [], None);
        let all = evaluate(&plan, &none, d(6, 20));
        let s = |id| status_of(&plan, &all, id);
        // 2026-12-18 is a Friday; 10 weekdays later, 2027 counted as weekends only.
        let dec = |day| NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        let jan = |day| NaiveDate::from_ymd_opt(2027, 1, day).unwrap();
        assert_eq!(s("1.1").due, jan(1));
        assert_eq!(s("1.1").unknown_years, vec![2027]);
        assert_eq!(
            s("1.2").unknown_years,
            vec![2027],
            "counts from a guessed date"
        );
        assert!(s("1").unknown_years.is_empty());
        assert!(s("2.1").unknown_years.is_empty(), "2026 is known");
        assert_eq!(unknown_years(&all), vec![2027]);
        assert!(unknown_years([s("2.1"), s("1")]).is_empty());
        // Once 1.1 is really done its date is no guess for 1.2.
        let done = Completion::replay(&plan, [("1.1", Change::Done(dec(21)))], None);
        let all = evaluate(&plan, &done, d(6, 20));
        assert!(status_of(&plan, &all, "1.2").unknown_years.is_empty());
        // Calendar none never guesses.
        let plan = workday_plan(r#"calendar = "none""#);
        let all = evaluate(&plan, &Completion::replay(&plan, [], None), d(6, 20));
        assert!(unknown_years(&all).is_empty());
    }

    #[test]
    fn state_boundaries_follow_soon_days() {
        let plan = seed();
        let none = Completion::replay(&plan, [], None);
        // Step 3 is due 06-26 and starts 06-18; soon_days is 7.
        let on = |day| evaluate(&plan, &none, day)[plan.find("3").unwrap()].state;
        assert_eq!(on(d(6, 27)), State::Overdue);
        assert_eq!(on(d(6, 26)), State::DueToday);
        assert_eq!(on(d(6, 19)), State::DueSoon);
        assert_eq!(on(d(6, 18)), State::Active);
        assert_eq!(on(d(6, 17)), State::Upcoming);
    }
}
