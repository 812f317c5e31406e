//! Item states as a fold: completion replayed from ledger changes over the plan, then each
//! item judged on a given day. Pure: `today` and the changes are parameters; no cached
//! state can drift from the ledger.

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
#[derive(Debug, Clone)]
pub struct History {
    changes: Vec<Kept>,
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

/// One item's kept changes, in replay order. Most items keep at most one (always, for
/// [`Asked::Latest`]), held inline: the scan's per-event update then touches one place.
#[derive(Debug, Clone, Default)]
enum Kept {
    #[default]
    None,
    One((Order, Change)),
    Many(Vec<(Order, Change)>),
}

impl Kept {
    fn as_slice(&self) -> &[(Order, Change)] {
        match self {
            Kept::None => &[],
            Kept::One(c) => std::slice::from_ref(c),
            Kept::Many(v) => v,
        }
    }

    /// Replaces `range` (of [`Kept::as_slice`]) with `change`.
    fn splice(&mut self, range: std::ops::Range<usize>, change: (Order, Change)) {
        let len = self.as_slice().len();
        if range.start == 0 && range.end == len {
            *self = Kept::One(change);
            return;
        }
        let mut list = match std::mem::take(self) {
            Kept::None => Vec::new(),
            Kept::One(c) => vec![c],
            Kept::Many(v) => v,
        };
        let at = range.start;
        list.drain(range);
        list.insert(at, change);
        *self = Kept::Many(list);
    }
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
            changes: vec![Kept::None; plan.items.len()],
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
        let days = self.days;
        let Some(kept) = self.changes.get_mut(index) else {
            return;
        };
        let list = kept.as_slice();
        // Ledgers are mostly appended in replay order: then the place is the end.
        let pos = match list.last() {
            Some((newest, _)) if *newest < order => list.len(),
            _ => list.partition_point(|(o, _)| *o < order),
        };
        let key = |c: &Change| days.key(c.on());
        let this = key(&change);
        if list
            .get(pos)
            .is_some_and(|(o, c)| *o == order || key(c) <= this)
        {
            // The same event again, or a later change already wins from its day on.
            return;
        }
        // Earlier changes effective on or after this one's day can no longer decide.
        let cut = list[..pos].partition_point(|(_, c)| key(c) < this);
        kept.splice(cut..pos, (order, change));
    }

    /// Completion as the ledger stood on `as_of` (changes effective later left out).
    #[must_use]
    pub fn as_of(&self, plan: &Plan, as_of: NaiveDate) -> Completion {
        let own: Vec<Own> = self
            .changes
            .iter()
            .map(|cs| {
                let cs = cs.as_slice();
                let n = cs.partition_point(|(_, c)| c.on() <= as_of);
                n.checked_sub(1)
                    .map_or(Own::Nothing, |k| Own::from(cs[k].1))
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
        let n = self.changes.len();
        let mut next = vec![0usize; n]; // per item: its changes in effect so far
        let mut own = vec![Own::Nothing; n];
        let mut dues = vec![NaiveDate::MIN; n];
        let mut bases: Vec<Option<NaiveDate>> = vec![None; n];
        let mut open: Vec<Option<Span>> = vec![None; n];
        let mut spans = Vec::with_capacity(n);
        for (k, &day) in days.iter().enumerate() {
            for (i, cs) in self.changes.iter().enumerate() {
                let cs = cs.as_slice();
                while next[i] < cs.len() && cs[next[i]].1.on() <= day {
                    own[i] = Own::from(cs[next[i]].1);
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
        self.changes
            .get(index)
            .and_then(|cs| cs.as_slice().last())
            .map(|(o, _)| o)
    }

    /// Completion after the whole ledger: the latest change of each item decides.
    #[must_use]
    pub fn latest(&self, plan: &Plan) -> Completion {
        let own: Vec<Own> = self
            .changes
            .iter()
            .map(|cs| {
                cs.as_slice()
                    .last()
                    .map_or(Own::Nothing, |&(_, c)| Own::from(c))
            })
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
            raw in proptest::collection::vec((0usize..3, 0u32..40, proptest::prelude::any::<bool>()), 0..20),
            shift in 0usize..1000,
            today in 0u32..40,
            sunday in proptest::prelude::any::<bool>(),
        ) {
            let plan = seed();
            let ids = ["4", "4.1", "4.2"];
            let day = |n: u32| d(6, 1) + chrono::Days::new(u64::from(n));
            let changes: Vec<(&str, Change)> = raw
                .iter()
                .map(|&(i, n, done)| (ids[i], Change::new(done, day(n))))
                .collect();
            let mut arriving: Vec<_> = changes.iter().enumerate().map(|(n, &(id, c))| (id, order(n), c)).collect();
            let len = arriving.len().max(1);
            arriving.rotate_left(shift % len);
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
