//! Second level of plan parsing: raw values become a validated [`Plan`]. Dates are read,
//! ids defaulted and checked, owners checked against the roster, `after` references
//! resolved and cycles refused. Every problem is collected; none stops the others.

use std::collections::HashSet;
use std::ops::Range;

use chrono::{Datelike, FixedOffset, NaiveDate};

use super::problem::{LineStarts, Problem};
use super::raw::{RawDue, RawPlan, RawStep, RawTask, Sp};
use super::{DateTexts, Due, Item, ItemKind, Lang, Person, Plan, WeekStart};
use crate::calendar::{Calendar, CalendarKind};
use crate::dates::{self, Context, Window};
use crate::message::{Kind, Subject};

/// A due before references are resolved: an expression's window, or a reference by id.
enum PendingDue {
    Window(Window),
    After {
        after: Sp<String>,
        count: u32,
        workdays: bool,
    },
}

struct Pending {
    item: Item,
    due: Option<PendingDue>,
    after: Vec<Sp<String>>,
    id_span: Range<usize>,
    /// Where its table starts in the file.
    start: usize,
}

/// Steps and tasks a read-only command leaves out of the plan (by their place in the
/// file, so the default ids of the others stay as written), and the ids they had.
#[derive(Debug, Default)]
pub(super) struct Skip {
    steps: HashSet<usize>,
    tasks: HashSet<(usize, usize)>,
    /// An `after` naming one of these (and no item left in) is dropped, and said in
    /// [`Built::unlinked`].
    pub ids: HashSet<String>,
}

impl Skip {
    /// Whether the item at `place` is left out (a task is, with its step).
    pub fn has(&self, place: &ItemPlace) -> bool {
        self.steps.contains(&place.step)
            || place
                .task
                .is_some_and(|t| self.tasks.contains(&(place.step, t)))
    }

    /// Leaves out the item at `place`: a step with its tasks.
    pub fn add(&mut self, place: &ItemPlace, places: &Places) {
        if let Some(t) = place.task {
            self.tasks.insert((place.step, t));
            self.ids.insert(place.id.clone());
        } else {
            self.steps.insert(place.step);
            for p in places.0.iter().filter(|p| p.step == place.step) {
                self.ids.insert(p.id.clone());
            }
        }
    }
}

/// Where a step or task is in the file: from its table's start to the next table header.
#[derive(Debug)]
pub(super) struct ItemPlace {
    start: usize,
    end: usize,
    /// Its step's position among the file's steps.
    pub step: usize,
    /// Its position among its step's tasks, for a task.
    pub task: Option<usize>,
    pub id: String,
    pub line: usize,
    /// A step with tasks (which go with it).
    pub has_tasks: bool,
    /// The id its relative due counts from.
    pub anchor: Option<String>,
}

/// Every step and task of a raw plan with its place, in file order.
pub(super) struct Places(Vec<ItemPlace>);

impl Places {
    pub fn new(raw: &RawPlan, source: &str) -> Places {
        let lines = LineStarts::new(source);
        let mut all = Vec::new();
        let anchor = |due: Option<&Sp<RawDue>>| match due.map(|d| &d.v) {
            Some(RawDue::After { after, .. }) => Some(after.v.clone()),
            _ => None,
        };
        let place = |start: usize, (step, task), id: String, has_tasks, anchor| ItemPlace {
            start,
            end: next_header(source, start),
            step,
            task,
            id,
            line: lines.line(start),
            has_tasks,
            anchor,
        };
        for (position, step) in raw.steps.iter().enumerate() {
            let (id, _) = step_id(step, position);
            for (n, task) in step.tasks.iter().enumerate() {
                let (task_id, _) = task_id(&id, task, n);
                let due = anchor(task.due.as_ref());
                all.push(place(
                    task.span.start,
                    (position, Some(n)),
                    task_id,
                    false,
                    due,
                ));
            }
            let due = anchor(step.due.as_ref());
            let has_tasks = !step.tasks.is_empty();
            all.push(place(step.span.start, (position, None), id, has_tasks, due));
        }
        all.sort_by_key(|p| p.start);
        Places(all)
    }

    pub fn iter(&self) -> impl Iterator<Item = &ItemPlace> {
        self.0.iter()
    }

    /// The step or task whose part of the file holds `offset`; `None` outside them all
    /// (the plan's own keys, `[people]`, `[calendar]`).
    pub fn at(&self, offset: usize) -> Option<&ItemPlace> {
        let i = self
            .0
            .partition_point(|p| p.start <= offset)
            .checked_sub(1)?;
        let p = &self.0[i];
        (offset < p.end).then_some(p)
    }
}

/// The start of the first line after the one holding `from` that opens a table (`[`):
/// where the table holding `from` ends. A value spread over lines that starts one with
/// `[` ends it early, so a problem below it belongs to no item: the safe side.
fn next_header(source: &str, from: usize) -> usize {
    let len = source.len();
    let Some(rest) = source.get(from..) else {
        return len;
    };
    let mut at = rest.find('\n').map_or(len, |i| from + i + 1);
    while let Some(line) = source
        .get(at..)
        .and_then(|r| r.split_inclusive('\n').next())
    {
        if line.trim_start().starts_with('[') {
            return at;
        }
        at += line.len();
    }
    len
}

/// A step's id: its own, else its position (1-based); and the span that names it.
fn step_id(raw: &RawStep, position: usize) -> (String, Range<usize>) {
    match &raw.id {
        Some(id) => (id.v.clone(), id.span.clone()),
        None => ((position + 1).to_string(), raw.span.start..raw.span.start),
    }
}

/// A task's id: its own, else `step.n` (1-based); and the span that names it.
fn task_id(step: &str, task: &RawTask, n: usize) -> (String, Range<usize>) {
    match &task.id {
        Some(t) => (t.v.clone(), t.span.clone()),
        None => (
            format!("{step}.{}", n + 1),
            task.span.start..task.span.start,
        ),
    }
}

/// A built plan, and the `after` links [`Skip`] dropped: (the step's id, its line, the id
/// it waited for).
pub(super) struct Built {
    pub plan: Option<Plan>,
    pub unlinked: Vec<(String, usize, String)>,
}

pub(super) fn build(
    raw: &RawPlan,
    source: &str,
    default_year: &dyn Fn() -> i32,
    skip: &Skip,
    problems: &mut Vec<Problem>,
) -> Built {
    let mut unlinked = Vec::new();
    let plan = build_plan(raw, source, default_year, skip, problems, &mut unlinked);
    Built { plan, unlinked }
}

fn build_plan(
    raw: &RawPlan,
    source: &str,
    default_year: &dyn Fn() -> i32,
    skip: &Skip,
    problems: &mut Vec<Problem>,
    unlinked: &mut Vec<(String, usize, String)>,
) -> Option<Plan> {
    let title = match &raw.title {
        Some(t) if !t.v.trim().is_empty() => t.v.trim().to_string(),
        Some(t) => {
            problems.push(Problem::new(
                t.span.clone(),
                Kind::TitleEmpty {
                    what: Subject::Plan,
                },
            ));
            String::new()
        }
        None => {
            problems.push(Problem::new(
                0..0,
                Kind::TitleMissing {
                    what: Subject::Plan,
                },
            ));
            String::new()
        }
    };
    let year = match &raw.year {
        Some(y) if crate::dates::YEARS.contains(&(y.v.clamp(0, 9999) as i32)) => y.v as i32,
        Some(y) => {
            problems.push(Problem::new(y.span.clone(), Kind::YearRange { year: y.v }));
            default_year()
        }
        None => default_year(),
    };
    let timezone = setting(raw.timezone.as_ref(), parse_offset, problems, |tz| {
        Problem::new(
            tz.span.clone(),
            Kind::TimezoneInvalid { text: tz.v.clone() },
        )
    });
    let soon_days = match &raw.soon_days {
        Some(s) if (0..=3660).contains(&s.v) => s.v,
        Some(s) => {
            problems.push(Problem::new(
                s.span.clone(),
                Kind::SoonDaysRange { days: s.v },
            ));
            7
        }
        None => 7,
    };
    let week_start = match raw
        .week_start
        .as_ref()
        .map(|w| (w.v.trim().to_lowercase(), w))
    {
        None => WeekStart::Monday,
        Some((w, _)) if w == "monday" || w == "mon" => WeekStart::Monday,
        Some((w, _)) if w == "sunday" || w == "sun" => WeekStart::Sunday,
        Some((_, w)) => {
            problems.push(Problem::new(
                w.span.clone(),
                Kind::WeekStartInvalid { text: w.v.clone() },
            ));
            WeekStart::Monday
        }
    };
    let lang = setting(raw.lang.as_ref(), parse_lang, problems, |l| {
        Problem::new(l.span.clone(), Kind::LangInvalid { text: l.v.clone() })
    });
    let calendar = build_calendar(raw, year, lang, problems);
    let ctx = Context {
        year,
        term_start: term_start(raw.term_start.as_ref(), year, problems),
    };
    let people = raw.people.as_ref().map(|people| {
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        people
            .iter()
            .filter_map(|(name, role)| {
                // Trimmed as owners are: a tab or space copied in with a name is no part of it.
                let name = name.v.trim();
                if !seen.insert(name) {
                    return None;
                }
                Some(Person {
                    name: name.to_string(),
                    role: role.as_ref().map(|r| r.v.clone()),
                })
            })
            .collect::<Vec<_>>()
    });

    let mut pending: Vec<Pending> = Vec::new();
    let lines = LineStarts::new(source);
    for (position, step) in raw.steps.iter().enumerate() {
        if !skip.steps.contains(&position) {
            build_step(step, position, &lines, ctx, skip, &mut pending, problems);
        }
    }
    if pending.is_empty() && !raw.steps.is_empty() {
        return None;
    }

    check_owners(raw, people.as_deref(), skip, problems);
    let by_id = index_ids(&pending, problems);
    let starts: Vec<usize> = pending.iter().map(|p| p.start).collect();
    let items = resolve(pending, &by_id, &skip.ids, problems, unlinked);
    let order = order_items(&items, &starts, problems)?;
    Some(Plan {
        title,
        org: raw.org.as_ref().map(|o| o.v.clone()),
        year,
        timezone,
        soon_days,
        week_start,
        ledger: raw.ledger.as_ref().map(|l| l.v.clone()),
        lang,
        calendar,
        term_start: ctx.term_start,
        people,
        items,
        order,
        by_id,
    })
}

/// An optional text setting read by `parse`; a value it refuses is the problem `refused` makes.
fn setting<T>(
    text: Option<&Sp<String>>,
    parse: impl Fn(&str) -> Option<T>,
    problems: &mut Vec<Problem>,
    refused: impl Fn(&Sp<String>) -> Problem,
) -> Option<T> {
    let text = text?;
    let parsed = parse(&text.v);
    if parsed.is_none() {
        problems.push(refused(text));
    }
    parsed
}

fn parse_offset(s: &str) -> Option<FixedOffset> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("utc") || s == "Z" {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        // `+0800`; only split ASCII, so `+月}` (four bytes) is refused, not a panic.
        None if rest.len() == 4 && rest.is_ascii() => rest.split_at(2),
        None => (rest, "0"),
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=14).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn parse_lang(s: &str) -> Option<Lang> {
    let s = s.trim().to_lowercase();
    if s.starts_with("zh") {
        Some(Lang::Zh)
    } else if s.starts_with("en") {
        Some(Lang::En)
    } else {
        None
    }
}

fn build_calendar(
    raw: &RawPlan,
    year: i32,
    lang: Option<Lang>,
    problems: &mut Vec<Problem>,
) -> Calendar {
    let kind = match raw.calendar.as_ref() {
        None if lang == Some(Lang::En) => CalendarKind::None,
        None => CalendarKind::Cn,
        Some(c) => match c.v.trim() {
            "cn" => CalendarKind::Cn,
            "none" => CalendarKind::None,
            _ => {
                problems.push(Problem::new(
                    c.span.clone(),
                    Kind::CalendarUnknown { text: c.v.clone() },
                ));
                CalendarKind::Cn
            }
        },
    };
    let mut days = |list: &[Sp<String>]| -> Vec<NaiveDate> {
        let mut out = Vec::new();
        for d in list {
            match dates::parse_window(&d.v, year) {
                Ok(Window {
                    start: Some(start),
                    due,
                }) => out.extend(start.iter_days().take_while(|x| *x <= due)),
                Ok(_) => problems.push(Problem::new(
                    d.span.clone(),
                    Kind::HolidayDeadline { text: d.v.clone() },
                )),
                Err(e) => problems.push(date_problem(d, &e)),
            }
        }
        out
    };
    let holidays = days(&raw.holidays);
    let workdays = days(&raw.workdays);
    Calendar::new(kind, &holidays, &workdays)
}

fn date_problem(text: &Sp<String>, e: &dates::DateError) -> Problem {
    Problem::new(
        text.span.clone(),
        Kind::PlanDate {
            text: text.v.clone(),
            error: e.clone(),
        },
    )
}

/// `term_start`: the Monday of teaching week 1, for `第3周`.
fn term_start(
    text: Option<&Sp<String>>,
    year: i32,
    problems: &mut Vec<Problem>,
) -> Option<NaiveDate> {
    let text = text?;
    match dates::parse_day(&text.v, year) {
        Ok(d) if d.weekday() == chrono::Weekday::Mon => Some(d),
        Ok(d) => {
            let monday = d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()));
            problems.push(Problem::new(
                text.span.clone(),
                Kind::TermStartNotMonday {
                    date: d.to_string(),
                    monday: monday.to_string(),
                },
            ));
            None
        }
        Err(e) => {
            problems.push(date_problem(text, &e));
            None
        }
    }
}

fn window(text: &Sp<String>, ctx: Context, problems: &mut Vec<Problem>) -> Option<Window> {
    dates::parse_window_in(&text.v, ctx)
        .map_err(|e| problems.push(date_problem(text, &e)))
        .ok()
}

fn pending_due(due: &Sp<RawDue>, ctx: Context, problems: &mut Vec<Problem>) -> Option<PendingDue> {
    match &due.v {
        RawDue::Expr(text) => window(
            &Sp {
                v: text.clone(),
                span: due.span.clone(),
            },
            ctx,
            problems,
        )
        .map(PendingDue::Window),
        RawDue::After {
            after,
            count,
            workdays,
        } => Some(PendingDue::After {
            after: after.clone(),
            count: u32::try_from(count.v).unwrap_or(0),
            workdays: *workdays,
        }),
    }
}

fn due_text(due: Option<&Sp<RawDue>>) -> Option<String> {
    due.map(|d| match &d.v {
        RawDue::Expr(t) => t.clone(),
        RawDue::After {
            after,
            count,
            workdays,
        } => format!(
            "{{ after = \"{}\", {} = {} }}",
            after.v,
            if *workdays { "workdays" } else { "days" },
            count.v
        ),
    })
}

fn required_title(
    title: Option<&Sp<String>>,
    span: &Range<usize>,
    what: &Subject,
    problems: &mut Vec<Problem>,
) -> String {
    match title {
        Some(t) if !t.v.trim().is_empty() => t.v.trim().to_string(),
        Some(t) => {
            problems.push(Problem::new(
                t.span.clone(),
                Kind::TitleEmpty { what: what.clone() },
            ));
            String::new()
        }
        None => {
            problems.push(Problem::new(
                span.start..span.start,
                Kind::TitleMissing { what: what.clone() },
            ));
            String::new()
        }
    }
}

fn build_step(
    raw: &RawStep,
    position: usize,
    lines: &LineStarts,
    ctx: Context,
    skip: &Skip,
    pending: &mut Vec<Pending>,
    problems: &mut Vec<Problem>,
) {
    let index = pending.len();
    let (id, id_span) = step_id(raw, position);
    let what = Subject::Step(id.clone());
    let title = required_title(raw.title.as_ref(), &raw.span, &what, problems);
    let mut start = None;
    let mut due = None;
    if let Some(when) = &raw.when {
        for other in [
            raw.start.as_ref().map(|s| s.span.clone()),
            raw.due.as_ref().map(|d| d.span.clone()),
        ]
        .into_iter()
        .flatten()
        {
            problems.push(Problem::new(
                other,
                Kind::WhenAndDates { what: what.clone() },
            ));
        }
        if let Some(w) = window(when, ctx, problems) {
            start = w.start;
            due = Some(PendingDue::Window(w));
        }
    } else {
        if let Some(s) = &raw.start {
            start = window(s, ctx, problems).map(|w| w.start.unwrap_or(w.due));
        }
        if let Some(d) = &raw.due {
            due = pending_due(d, ctx, problems);
        }
        if !raw.due_written {
            problems.push(Problem::new(
                raw.span.start..raw.span.start,
                Kind::NoDue { what: what.clone() },
            ));
        }
    }
    if let (Some(s), Some(PendingDue::Window(w))) = (start, &due)
        && w.due < s
    {
        let span = raw
            .due
            .as_ref()
            .map_or(raw.span.clone(), |d| d.span.clone());
        problems.push(Problem::new(
            span,
            Kind::DueBeforeStart {
                what: what.clone(),
                due: w.due.to_string(),
                start: s.to_string(),
            },
        ));
    }
    let owners = raw
        .owners
        .as_ref()
        .map(|o| o.v.iter().map(|s| s.v.trim().to_string()).collect())
        .unwrap_or_default();
    let line = lines.line(raw.span.start);
    pending.push(Pending {
        item: Item {
            id: id.clone(),
            kind: ItemKind::Step,
            step: index,
            title,
            detail: raw.detail.as_ref().map(|d| d.v.trim().to_string()),
            owners,
            start,
            due: Due::Fixed(NaiveDate::MIN),
            after: Vec::new(),
            tasks: Vec::new(),
            texts: DateTexts {
                when: raw.when.as_ref().map(|w| w.v.clone()),
                start: raw.start.as_ref().map(|s| s.v.clone()),
                due: due_text(raw.due.as_ref()),
            },
            line,
        },
        due,
        after: raw.after.clone(),
        id_span,
        start: raw.span.start,
    });
    for (n, task) in raw.tasks.iter().enumerate() {
        if skip.tasks.contains(&(position, n)) {
            continue;
        }
        let (task_id, task_span) = task_id(&id, task, n);
        let title = required_title(
            task.title.as_ref(),
            &task.span,
            &Subject::Task(task_id.clone()),
            problems,
        );
        let (task_start, task_due) = match &task.due {
            Some(d) => match pending_due(d, ctx, problems) {
                Some(PendingDue::Window(w)) => (
                    w.start.filter(|s| *s != w.due),
                    Some(PendingDue::Window(Window {
                        start: None,
                        due: w.due,
                    })),
                ),
                other => (None, other),
            },
            // No due of its own: the step's due, resolved the same way.
            None => (None, None),
        };
        let owners = task.owners.as_ref().map_or_else(
            || pending[index].item.owners.clone(),
            |o| o.v.iter().map(|s| s.v.trim().to_string()).collect(),
        );
        let task_index = pending.len();
        pending[index].item.tasks.push(task_index);
        pending.push(Pending {
            item: Item {
                id: task_id,
                kind: ItemKind::Task,
                step: index,
                title,
                detail: task.detail.as_ref().map(|d| d.v.trim().to_string()),
                owners,
                start: task_start,
                due: Due::Fixed(NaiveDate::MIN),
                after: Vec::new(),
                tasks: Vec::new(),
                texts: DateTexts {
                    when: None,
                    start: None,
                    due: due_text(task.due.as_ref()),
                },
                line: lines.line(task.span.start),
            },
            due: task_due,
            after: Vec::new(),
            id_span: task_span,
            start: task.span.start,
        });
    }
}

fn check_owners(
    raw: &RawPlan,
    people: Option<&[Person]>,
    skip: &Skip,
    problems: &mut Vec<Problem>,
) {
    let roster: Option<Vec<&str>> = people.map(|p| p.iter().map(|p| p.name.as_str()).collect());
    let lists = raw
        .steps
        .iter()
        .enumerate()
        .filter(|(position, _)| !skip.steps.contains(position))
        .flat_map(|(position, s)| {
            let tasks = s
                .tasks
                .iter()
                .enumerate()
                .filter(move |(n, _)| !skip.tasks.contains(&(position, *n)))
                .map(|(_, t)| &t.owners);
            std::iter::once(&s.owners).chain(tasks)
        });
    for o in lists.flatten().flat_map(|owners| &owners.v) {
        let name = o.v.trim();
        if name.is_empty() {
            problems.push(Problem::new(o.span.clone(), Kind::OwnerEmpty));
            continue;
        }
        let Some(roster) = &roster else { continue };
        if roster.contains(&name) {
            continue;
        }
        let near = crate::text::nearest(name, roster.iter().copied()).map(str::to_string);
        problems.push(Problem::new(
            o.span.clone(),
            Kind::OwnerNotInRoster {
                name: name.to_string(),
                near,
            },
        ));
    }
}

fn index_ids(pending: &[Pending], problems: &mut Vec<Problem>) -> super::IdIndex {
    let mut by_id = super::IdIndex::with_capacity_and_hasher(
        pending.len(),
        foldhash::fast::FixedState::default(),
    );
    for (i, p) in pending.iter().enumerate() {
        let id = &p.item.id;
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            problems.push(Problem::new(
                p.id_span.clone(),
                Kind::IdInvalid { id: id.clone() },
            ));
        }
        if let Some(&first) = by_id.get(id) {
            let first: &Pending = &pending[first];
            problems.push(Problem::new(
                p.id_span.clone(),
                Kind::IdDuplicate {
                    id: id.clone(),
                    first_line: first.item.line,
                },
            ));
        } else {
            by_id.insert(id.clone(), i);
        }
    }
    by_id
}

fn lookup(id: &Sp<String>, by_id: &super::IdIndex, problems: &mut Vec<Problem>) -> Option<usize> {
    if let Some(&i) = by_id.get(id.v.as_str()) {
        return Some(i);
    }
    let near = crate::text::nearest(&id.v, by_id.keys().map(String::as_str)).map(str::to_string);
    problems.push(Problem::new(
        id.span.clone(),
        Kind::UnknownRef {
            id: id.v.clone(),
            near,
        },
    ));
    None
}

fn resolve(
    pending: Vec<Pending>,
    by_id: &super::IdIndex,
    left_out: &HashSet<String>,
    problems: &mut Vec<Problem>,
    unlinked: &mut Vec<(String, usize, String)>,
) -> Vec<Item> {
    // Steps first, so a task without a due of its own can copy its step's.
    let mut dues: Vec<Option<Due>> = vec![None; pending.len()];
    let mut afters: Vec<Vec<usize>> = vec![Vec::new(); pending.len()];
    for (i, p) in pending.iter().enumerate() {
        afters[i] = p
            .after
            .iter()
            .filter_map(|a| {
                if !by_id.contains_key(a.v.as_str()) && left_out.contains(&a.v) {
                    unlinked.push((p.item.id.clone(), p.item.line, a.v.clone()));
                    return None;
                }
                lookup(a, by_id, problems)
            })
            .collect();
        dues[i] = match &p.due {
            Some(PendingDue::Window(w)) => Some(Due::Fixed(w.due)),
            Some(PendingDue::After {
                after,
                count,
                workdays,
            }) => lookup(after, by_id, problems).map(|anchor| Due::After {
                anchor,
                count: *count,
                workdays: *workdays,
            }),
            None => None,
        };
    }
    pending
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let mut item = p.item;
            let own = dues[i].or(dues[item.step]);
            item.due = own.unwrap_or(Due::Fixed(NaiveDate::MIN));
            item.after.clone_from(&afters[item.step]);
            item
        })
        .collect()
}

/// Orders items so that each relative due's anchor comes first, and refuses cycles among
/// relative dues and `after` lists alike.
/// `starts`: where each item's table starts in the file (a cycle is shown at its step's).
fn order_items(
    items: &[Item],
    starts: &[usize],
    problems: &mut Vec<Problem>,
) -> Option<Vec<usize>> {
    let deps = |i: usize| -> Vec<usize> {
        let mut d = items[i].after.clone();
        if let Due::After { anchor, .. } = items[i].due {
            d.push(anchor);
        }
        d
    };
    // 0 = unvisited, 1 = on the stack, 2 = done
    let mut mark = vec![0u8; items.len()];
    let mut order = Vec::with_capacity(items.len());
    let mut found_cycle = false;
    for root in 0..items.len() {
        if mark[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, Vec<usize>)> = vec![(root, deps(root))];
        mark[root] = 1;
        while let Some(top) = stack.last_mut() {
            let node = top.0;
            if let Some(next) = top.1.pop() {
                match mark[next] {
                    0 => {
                        mark[next] = 1;
                        let d = deps(next);
                        stack.push((next, d));
                    }
                    1 => {
                        let mut cycle: Vec<String> = stack
                            .iter()
                            .skip_while(|(n, _)| *n != next)
                            .map(|(n, _)| items[*n].id.clone())
                            .collect();
                        cycle.push(items[next].id.clone());
                        let at = starts[items[node].step];
                        problems.push(Problem::new(at..at, Kind::Cycle { ids: cycle }));
                        found_cycle = true;
                    }
                    _ => {}
                }
            } else {
                mark[node] = 2;
                order.push(node);
                stack.pop();
            }
        }
    }
    if found_cycle { None } else { Some(order) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_parse_in_the_usual_forms() {
        assert_eq!(parse_offset("+08:00"), FixedOffset::east_opt(8 * 3600));
        assert_eq!(
            parse_offset("+0530"),
            FixedOffset::east_opt(5 * 3600 + 1800)
        );
        assert_eq!(parse_offset("-05:00"), FixedOffset::west_opt(5 * 3600));
        assert_eq!(parse_offset("UTC"), FixedOffset::east_opt(0));
        assert_eq!(parse_offset("Beijing"), None);
        assert_eq!(parse_offset("+25:00"), None);
        assert_eq!(parse_offset("+月}"), None);
        assert_eq!(parse_offset("-時区"), None);
    }
}
