//! The plan: steps and tasks with owners and dates, validated. Parsing is two-level:
//! `raw` walks the TOML tree keeping every value's place in the file, `build` turns that
//! into a [`Plan`], reporting every problem at once. Nothing here reads the clock: the
//! default year is a parameter. `load` is the one thin function that reads the file.

mod build;
mod keyboard;
pub mod problem;
mod raw;
mod starter;

use std::path::Path;

use anyhow::Result;
use chrono::{FixedOffset, NaiveDate};

use crate::calendar::Calendar;
use crate::error::{Encoding, Error, Kind};
pub use problem::{Problem, Problems};
pub use starter::starter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Step,
    Task,
}

impl ItemKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Step => "step",
            ItemKind::Task => "task",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekStart {
    Monday,
    Sunday,
}

pub use crate::lang::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
}

/// When an item is due: a date, or a count of days after another item is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    Fixed(NaiveDate),
    After {
        /// Index into [`Plan::items`] of the item counted from.
        anchor: usize,
        count: u32,
        workdays: bool,
    },
}

/// The date texts as the plan wrote them, for `show` to explain how each was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateTexts {
    pub when: Option<String>,
    pub start: Option<String>,
    pub due: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    /// Index of the step this item is or belongs to.
    pub step: usize,
    pub title: String,
    pub detail: Option<String>,
    pub owners: Vec<String>,
    pub start: Option<NaiveDate>,
    pub due: Due,
    /// Indices of items that must be done first (a task inherits its step's).
    pub after: Vec<usize>,
    /// Indices of a step's tasks (empty for tasks).
    pub tasks: Vec<usize>,
    pub texts: DateTexts,
    /// 1-based line of the item's table in the plan file.
    pub line: usize,
}

/// Item index by id. Looked up once per ledger event (a million times for a large
/// ledger), with short trusted keys: foldhash (hashbrown's own default, maintained and
/// quality-tested) instead of std's `SipHash`, whose flooding resistance a local plan does
/// not need and which costs more than the lookup itself.
pub(crate) type IdIndex = std::collections::HashMap<String, usize, foldhash::fast::FixedState>;

impl Item {
    /// Whether `owner` is among the item's owners; every item is, for no owner.
    #[must_use]
    pub fn owned_by(&self, owner: Option<&str>) -> bool {
        owner.is_none_or(|o| self.owners.iter().any(|x| x == o))
    }
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub title: String,
    pub org: Option<String>,
    pub year: i32,
    pub timezone: Option<FixedOffset>,
    pub soon_days: i64,
    pub week_start: WeekStart,
    pub ledger: Option<String>,
    pub lang: Option<Lang>,
    pub calendar: Calendar,
    /// The Monday of teaching week 1 (`term_start`), for `第3周`.
    pub term_start: Option<NaiveDate>,
    pub people: Option<Vec<Person>>,
    /// Steps in file order, each followed by its tasks.
    pub items: Vec<Item>,
    /// Item indices ordered so that every relative due's anchor comes before it.
    pub order: Vec<usize>,
    by_id: IdIndex,
}

impl Plan {
    /// The index of the item with this id.
    #[must_use]
    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id.get(id.trim()).copied()
    }

    /// The existing id closest to `id`, for "did you mean" hints.
    #[must_use]
    pub fn nearest_id(&self, id: &str) -> Option<&str> {
        crate::text::nearest(id, self.items.iter().map(|i| i.id.as_str()))
    }

    /// Whether the plan's title or a step's title is Chinese: then, with no `lang`, the
    /// tool speaks Chinese (DESIGN §1).
    #[must_use]
    pub fn text_is_chinese(&self) -> bool {
        crate::lang::has_cjk(&self.title)
            || self
                .items
                .iter()
                .any(|i| i.kind == ItemKind::Step && crate::lang::has_cjk(&i.title))
    }

    /// Every owner named in the plan, roster first, in order of first appearance.
    #[must_use]
    pub fn owners(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        let mut known = std::collections::HashSet::new();
        let roster = self.people.iter().flatten().map(|p| p.name.as_str());
        let named = self
            .items
            .iter()
            .flat_map(|i| i.owners.iter().map(String::as_str));
        for name in roster.chain(named) {
            if known.insert(name) {
                seen.push(name);
            }
        }
        seen
    }
}

/// Parses plan text. `file` names it in problems; `default_year` is used when the plan
/// gives no `year` (the year of "today").
pub fn parse(source: &str, file: &str, default_year: i32) -> std::result::Result<Plan, Problems> {
    parse_with(source, file, &|| default_year)
}

/// [`parse`], asking for the default year only if the plan has none (finding it may
/// mean reading the local time zone).
fn parse_with(
    source: &str,
    file: &str,
    default_year: &dyn Fn() -> i32,
) -> std::result::Result<Plan, Problems> {
    let mut list = Vec::new();
    let raw = raw::parse(source, &mut list);
    let built = build::build(
        &raw,
        source,
        default_year,
        &build::Skip::default(),
        &mut list,
    );
    match built.plan {
        Some(plan) if list.is_empty() => Ok(plan),
        _ => Err(problems(file, source, list)),
    }
}

fn problems(file: &str, source: &str, mut list: Vec<Problem>) -> Problems {
    list.sort_by_key(|p| p.span.start);
    Problems {
        file: file.to_string(),
        source: source.to_string(),
        list,
    }
}

/// A step or task a read-only command leaves out because of a problem in the plan, or
/// shows without what it waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub id: String,
    pub task: bool,
    /// A step with tasks, which are left out with it.
    pub with_tasks: bool,
    /// The problem's line (for [`Why::Problem`]), else the item's.
    pub line: usize,
    pub why: Why,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Left out for a problem of its own (the first; `check` lists them all).
    Problem(crate::error::Kind),
    /// Left out: its due counts from this item, which is left out.
    Needs(String),
    /// Shown, but not as waiting for this item (in its `after`), which is left out.
    Unlinked(String),
}

/// [`parse`] for a command that only reads: one broken step or task (a typo in a date, an
/// unknown `after`) does not stop the answer for the rest. The items with problems are left
/// out (a step with its tasks), then the items whose due counts from one left out; an item
/// whose `after` names one left out stays, without that wait. Each is said in the
/// [`LeftOut`] list. A problem outside every step (the plan's own keys, `[people]`,
/// `[calendar]`, TOML syntax), or more than half the items left out, is the error
/// [`parse`] gives.
pub fn parse_lenient(
    source: &str,
    file: &str,
    default_year: &dyn Fn() -> i32,
) -> std::result::Result<(Plan, Vec<LeftOut>), Problems> {
    let mut raw_problems = Vec::new();
    let raw = raw::parse(source, &mut raw_problems);
    // Where each item is in the file: only needed to leave out an item with a problem.
    let places = std::cell::LazyCell::new(|| build::Places::new(&raw, source));
    let lines = std::cell::LazyCell::new(|| problem::LineStarts::new(source));
    let mut skip = build::Skip::default();
    let mut left: Vec<LeftOut> = Vec::new();
    let mut strict: Option<Vec<Problem>> = None;
    loop {
        let mut list: Vec<Problem> = raw_problems
            .iter()
            .filter(|p| !places.at(p.span.start).is_some_and(|at| skip.has(at)))
            .cloned()
            .collect();
        let built = build::build(&raw, source, default_year, &skip, &mut list);
        let strict = strict.get_or_insert_with(|| list.clone());
        if list.is_empty() {
            return match built.plan {
                Some(plan) if !plan.items.is_empty() || left.is_empty() => {
                    left.extend(built.unlinked.into_iter().map(|(id, line, waits)| LeftOut {
                        id,
                        task: false,
                        with_tasks: false,
                        line,
                        why: Why::Unlinked(waits),
                    }));
                    Ok((plan, left))
                }
                _ => Err(problems(file, source, std::mem::take(strict))),
            };
        }
        let before = left.len();
        for p in list {
            let syntax = matches!(p.kind, Kind::PlanSyntax { .. });
            let Some(at) = places.at(p.span.start).filter(|_| !syntax) else {
                return Err(problems(file, source, std::mem::take(strict)));
            };
            if skip.has(at) {
                continue;
            }
            let (why, line) = match p.kind {
                Kind::UnknownRef { id, .. } if skip.ids.contains(&id) => (Why::Needs(id), at.line),
                kind => (Why::Problem(kind), lines.line(p.span.start)),
            };
            left.push(LeftOut {
                id: at.id.clone(),
                task: at.task.is_some(),
                with_tasks: at.has_tasks,
                line,
                why,
            });
            skip.add(at, &places);
        }
        if left.len() == before {
            return Err(problems(file, source, std::mem::take(strict)));
        }
        // What counts from an item left out cannot be dated: left out too, at once rather
        // than one rebuild per link of a chain.
        loop {
            let kept: std::collections::HashSet<&str> = places
                .iter()
                .filter(|p| !skip.has(p))
                .map(|p| p.id.as_str())
                .collect();
            let needs: Vec<(&build::ItemPlace, String)> = places
                .iter()
                .filter(|p| !skip.has(p))
                .filter_map(|p| {
                    let a = p.anchor.as_ref()?;
                    (skip.ids.contains(a) && !kept.contains(a.as_str())).then(|| (p, a.clone()))
                })
                .collect();
            if needs.is_empty() {
                break;
            }
            for (at, anchor) in needs {
                if !skip.has(at) {
                    left.push(LeftOut {
                        id: at.id.clone(),
                        task: at.task.is_some(),
                        with_tasks: at.has_tasks,
                        line: at.line,
                        why: Why::Needs(anchor),
                    });
                    skip.add(at, &places);
                }
            }
        }
        // A plan mostly broken is not read around: that is the full error.
        if 2 * places.iter().filter(|p| skip.has(p)).count() > places.iter().count() {
            return Err(problems(file, source, std::mem::take(strict)));
        }
    }
}

/// Reads the plan file at `path` for a command that only reads: [`parse_lenient`].
pub fn load_lenient(path: &Path, default_year: &dyn Fn() -> i32) -> Result<(Plan, Vec<LeftOut>)> {
    load_with(path, |source, file| {
        parse_lenient(source, file, default_year)
    })
}

/// Reads and parses the plan file at `path`.
pub fn load(path: &Path, default_year: &dyn Fn() -> i32) -> Result<Plan> {
    load_with(path, |source, file| parse_with(source, file, default_year))
}

/// Reads the plan file at `path` ([`read_regular`], [`decode`]) and parses its text, named
/// as messages name the file.
fn load_with<T>(
    path: &Path,
    parse: impl FnOnce(&str, &str) -> std::result::Result<T, Problems>,
) -> Result<T> {
    let bytes = read_regular(path)?;
    let source = decode(&bytes, path)?;
    Ok(parse(source, &path.display().to_string())?)
}

/// The most a plan file may hold: a school's schedule is a few KiB; this is thousands of
/// steps. Larger is a wrong `--plan` (a log, a device), and reading it would grow without
/// bound.
pub const PLAN_MAX: u64 = 8 << 20;

/// The plan file's bytes. Only a regular file is read — its type is checked before opening,
/// so a named pipe cannot hang the read and `/dev/zero` cannot fill memory — and at most
/// [`PLAN_MAX`] bytes of it.
pub fn read_regular(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read as _;
    let shown = || path.display().to_string();
    let io = |e: &std::io::Error| {
        Error::new(Kind::PlanUnreadable {
            path: shown(),
            io: e.into(),
        })
        .in_file(path.display())
    };
    let regular = |meta: &std::fs::Metadata| -> Result<()> {
        match file_kind(meta) {
            None => Ok(()),
            Some(what) => Err(Error::new(Kind::PlanNotAFile {
                path: shown(),
                what,
            })
            .in_file(path.display())
            .into()),
        }
    };
    let too_large = || {
        Error::new(Kind::PlanTooLarge {
            path: shown(),
            limit_mib: PLAN_MAX >> 20,
        })
        .in_file(path.display())
    };
    let meta = std::fs::metadata(path).map_err(|e| io(&e))?;
    regular(&meta)?;
    if meta.len() > PLAN_MAX {
        return Err(too_large().into());
    }
    let file = std::fs::File::open(path).map_err(|e| io(&e))?;
    // What was opened may not be what was looked at: look again, through the handle.
    regular(&file.metadata().map_err(|e| io(&e))?)?;
    let mut bytes = Vec::new();
    file.take(PLAN_MAX + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io(&e))?;
    if bytes.len() as u64 > PLAN_MAX {
        return Err(too_large().into());
    }
    Ok(bytes)
}

/// What a file that is not a regular file is, as (Chinese, English); `None` for a regular
/// file.
#[must_use]
pub fn file_kind(meta: &std::fs::Metadata) -> Option<(&'static str, &'static str)> {
    use std::os::unix::fs::FileTypeExt as _;
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some(("目录", "a directory"))
    } else if t.is_fifo() {
        Some(("命名管道", "a named pipe"))
    } else if t.is_char_device() || t.is_block_device() {
        Some(("设备", "a device"))
    } else if t.is_socket() {
        Some(("套接字", "a socket"))
    } else {
        Some(("特殊文件", "something else"))
    }
}

/// The plan's text, which must be UTF-8 (a leading byte-order mark is allowed). A file
/// in UTF-16 (told by its byte-order mark, or by the zero bytes of ASCII text) or in GBK
/// gets an error naming that encoding.
pub fn decode<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str> {
    let encoding = if bytes.starts_with(b"\xFF\xFE") {
        Some(Encoding::Utf16Le)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(Encoding::Utf16Be)
    } else {
        None
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let fail = |encoding: Encoding, line: usize| {
        Error::new(Kind::PlanEncoding {
            path: path.display().to_string(),
            encoding,
            line,
        })
        .in_file(path.display())
        .at(line, None)
    };
    if let Some(enc) = encoding.or_else(|| utf16_without_mark(bytes)) {
        return Err(fail(enc, 1).into());
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let enc = if looks_gbk(&bytes[at..]) {
            Encoding::Gbk
        } else {
            Encoding::Unknown
        };
        fail(enc, line).into()
    })
}

/// UTF-16 without a byte-order mark: ASCII text with a zero byte beside every character.
fn utf16_without_mark(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 4 {
        return None;
    }
    let zeros = |odd: usize| {
        head.iter()
            .skip(odd)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = head.len() / 2;
    if zeros(1) == half && zeros(0) == 0 {
        Some(Encoding::Utf16Le)
    } else if zeros(0) == half && zeros(1) == 0 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Whether bytes that are not UTF-8 read as GBK: pairs of a lead byte 0x81–0xFE and a
/// trail byte 0x40–0xFE (not 0x7F), among ASCII.
fn looks_gbk(bytes: &[u8]) -> bool {
    let mut i = 0;
    let mut pairs = 0;
    while i < bytes.len().min(4096) {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if (0x81..=0xFE).contains(&b)
            && bytes
                .get(i + 1)
                .is_some_and(|&t| (0x40..=0xFE).contains(&t) && t != 0x7F)
        {
            pairs += 1;
            i += 2;
        } else {
            return false;
        }
    }
    pairs > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::Index;
    use std::fmt::Write as _;

    const SEED: &str = include_str!("../../plan.toml");

    fn ok(source: &str) -> Plan {
        parse(source, "plan.toml", 2014).unwrap_or_else(|e| panic!("{e}"))
    }

    fn item<'p>(plan: &'p Plan, id: &str) -> &'p Item {
        let i = plan.find(id).unwrap_or_else(|| panic!("no item {id}"));
        &plan.items[i]
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2014, m, d).unwrap()
    }

    #[test]
    fn term_start_reads_teaching_weeks() {
        let plan = ok(r#"title = "t"
term_start = "2014-09-01"
[[step]]
title = "a"
when = "第3周"
[[step]]
title = "b"
due = "第16周前"
"#);
        assert_eq!(plan.term_start, Some(day(9, 1)));
        assert_eq!(item(&plan, "1").start, Some(day(9, 15)));
        assert_eq!(item(&plan, "1").due, Due::Fixed(day(9, 21)));
        assert_eq!(item(&plan, "2").due, Due::Fixed(day(12, 21)));
    }

    #[test]
    fn teaching_weeks_without_term_start_and_a_term_start_not_on_monday_are_problems() {
        let e = parse(
            "title = \"t\"\n[[step]]\ntitle = \"a\"\nwhen = \"第3周\"\n",
            "plan.toml",
            2014,
        )
        .expect_err("no term_start");
        assert!(e.to_string().contains("term_start = \"2025-09-01\""), "{e}");
        let e = parse(
            "title = \"t\"\nterm_start = \"2014-09-03\"\n[[step]]\ntitle = \"a\"\nwhen = \"6月\"\n",
            "plan.toml",
            2014,
        )
        .expect_err("a Wednesday");
        let text = e.to_string();
        assert!(
            text.contains("term_start 2014-09-03 is not a Monday"),
            "{text}"
        );
        assert!(text.contains("\"2014-09-01\""), "{text}");
    }

    #[test]
    fn ids_default_to_position_and_step_dot_n() {
        let plan = ok(r#"title = "t"
[[step]]
title = "a"
when = "6月1日"
  [[step.task]]
  title = "a1"
  [[step.task]]
  title = "a2"
[[step]]
title = "b"
when = "6月2日"
  [[step.task]]
  title = "b1"
"#);
        let ids: Vec<&str> = plan.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["1", "1.1", "1.2", "2", "2.1"]);
        assert_eq!(item(&plan, "2.1").kind, ItemKind::Task);
        assert_eq!(plan.items[item(&plan, "2.1").step].id, "2");
    }

    #[test]
    fn string_ids_are_kept_and_name_their_tasks() {
        let plan = ok(r#"title = "t"
[[step]]
id = "4a"
title = "a"
when = "6月1日"
  [[step.task]]
  title = "a1"
[[step]]
id = 7
title = "b"
when = "6月2日"
after = ["4a"]
"#);
        assert_eq!(item(&plan, "4a").title, "a");
        assert_eq!(item(&plan, "4a.1").title, "a1");
        assert_eq!(item(&plan, "7").after, [plan.find("4a").unwrap()]);
    }

    #[test]
    fn owner_takes_one_name_and_owners_one_string_too() {
        let plan = ok(r#"title = "t"
[[step]]
title = "a"
owner = "唐健"
when = "6月1日"
[[step]]
title = "b"
owners = "韩海英"
when = "6月1日"
"#);
        assert_eq!(item(&plan, "1").owners, ["唐健"]);
        assert_eq!(item(&plan, "2").owners, ["韩海英"]);
    }

    #[test]
    fn one_string_listing_several_owners_is_refused() {
        let src = "title = \"t\"\n[[step]]\ntitle = \"a\"\nowners = \"唐健，韩海英\"\nwhen = \"6月1日\"\n";
        let e = parse(src, "plan.toml", 2014).unwrap_err();
        assert_eq!(e.list.len(), 1, "{e}");
        assert_eq!(e.list[0].kind.code(), "owners_one_string", "{e}");
    }

    #[test]
    fn a_task_inherits_its_steps_owners_and_due() {
        let plan = ok(SEED);
        let step = item(&plan, "4");
        let task = item(&plan, "4.2");
        assert_eq!(task.owners, ["唐健", "韩海英"]);
        assert_eq!(task.owners, step.owners);
        assert_eq!(task.due, Due::Fixed(day(6, 25)));
        assert_eq!(step.start, Some(day(6, 18)));
        assert_eq!(task.start, None);
    }

    #[test]
    fn a_task_with_owners_of_its_own_keeps_them() {
        let plan = ok(r#"title = "t"
[[step]]
title = "a"
owners = ["唐健"]
when = "6月1日"
  [[step.task]]
  title = "a1"
  owner = "刘明"
"#);
        assert_eq!(item(&plan, "1.1").owners, ["刘明"]);
    }

    #[test]
    fn a_relative_due_points_at_its_anchor() {
        let plan = ok(SEED);
        let five = plan.find("5").unwrap();
        assert_eq!(
            item(&plan, "7.1").due,
            Due::After {
                anchor: five,
                count: 10,
                workdays: false
            }
        );
        let seven_one = plan.find("7.1").unwrap();
        let pos = |i: usize| plan.order.iter().position(|&x| x == i).unwrap();
        assert!(pos(five) < pos(seven_one), "{:?}", plan.order);
        let work = ok(r#"title = "t"
[[step]]
id = "5"
title = "a"
when = "6月26日"
[[step]]
title = "b"
due = { after = "5", workdays = 10 }
"#);
        assert_eq!(
            item(&work, "2").due,
            Due::After {
                anchor: 0,
                count: 10,
                workdays: true
            }
        );
    }

    #[test]
    fn a_task_due_in_a_window_starts_with_it() {
        let plan = ok(SEED);
        let task = item(&plan, "8.1");
        assert_eq!(task.start, Some(day(7, 11)));
        assert_eq!(task.due, Due::Fixed(day(7, 20)));
        // A single day has no start of its own: the task starts with its step.
        assert_eq!(item(&plan, "1.1").start, None);
    }

    /// What the mutations splice in: the characters plan files and dates are made of.
    const PIECES: &[char] = &[
        '[', ']', '{', '}', '=', '"', '\'', ',', '.', '\n', ' ', '月', '日', '至', '前',
    ];

    #[derive(Debug, Clone)]
    enum Edit {
        Delete(Index, usize),
        Insert(Index, Vec<char>),
        Replace(Index, usize, Vec<char>),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let chars = || prop::collection::vec(prop::sample::select(PIECES), 1..6);
        prop_oneof![
            (any::<Index>(), 1..40usize).prop_map(|(i, n)| Edit::Delete(i, n)),
            (any::<Index>(), chars()).prop_map(|(i, c)| Edit::Insert(i, c)),
            (any::<Index>(), 1..8usize, chars()).prop_map(|(i, n, c)| Edit::Replace(i, n, c)),
        ]
    }

    fn apply(text: &mut Vec<char>, e: &Edit) {
        let at = |i: &Index, len: usize| i.index(len + 1);
        match e {
            Edit::Delete(i, n) => {
                let from = at(i, text.len());
                let to = (from + n).min(text.len());
                text.drain(from..to);
            }
            Edit::Insert(i, c) => {
                let from = at(i, text.len());
                text.splice(from..from, c.iter().copied());
            }
            Edit::Replace(i, n, c) => {
                let from = at(i, text.len());
                let to = (from + n).min(text.len());
                text.splice(from..to, c.iter().copied());
            }
        }
    }

    /// Parsing, and printing what was found, must not panic, whatever the input.
    fn parse_and_render(source: &str) {
        if let Err(e) = parse(source, "plan.toml", 2014) {
            assert!(!e.list.is_empty());
            let _ = e.render_all(Lang::Zh);
        }
    }

    proptest! {
        #[test]
        fn no_string_makes_parse_panic(source in any::<String>()) {
            parse_and_render(&source);
        }

        #[test]
        fn no_toml_like_string_makes_parse_panic(
            source in "[a-z_ =\"'\\[\\]{}.,#\\n0-9月日至前旬上中下年-]{0,200}"
        ) {
            parse_and_render(&source);
        }
    }

    /// Text with what an attacker would put in a plan: control characters, C1, bidi.
    fn hostile_text() -> impl Strategy<Value = String> {
        "[a-z唐健=+@ \\t\u{1b}\u{7}\u{7f}\u{9b}\u{202e}\u{2066}\\[\\]0-9;]{0,12}"
    }

    proptest! {
        #[test]
        fn hostile_text_and_absurd_years_never_panic_and_dates_stay_in_range(
            title in hostile_text(),
            owner in hostile_text(),
            key in hostile_text(),
            year in any::<i64>(),
            due_year in any::<i32>(),
            days in any::<i64>(),
        ) {
            // TOML's \UXXXXXXXX escapes: any character, controls included.
            let toml = |s: &str| {
                s.chars().fold(String::new(), |mut out, c| {
                    let _ = write!(out, "\\U{:08X}", u32::from(c));
                    out
                })
            };
            let source = format!(
                "title = \"{}\"\nyear = {year}\n\"{}\" = 1\n[[step]]\nid = 1\ntitle = \"{}\"\ndue = \"{due_year}年6月1日\"\nowners = [\"{}\"]\n[[step]]\nid = 2\ntitle = \"b\"\ndue = {{ after = \"1\", days = {days} }}\n",
                toml(&title), toml(&key), toml(&title), toml(&owner)
            );
            match parse(&source, "plan.toml", 2014) {
                Ok(plan) => {
                    for item in &plan.items {
                        if let Due::Fixed(d) = item.due {
                            prop_assert!(crate::dates::in_range(d), "{d}");
                        }
                    }
                    let done = crate::state::History::for_days(&plan, crate::state::Asked::All);
                    for st in crate::state::evaluate(&plan, &done.latest(&plan), NaiveDate::from_ymd_opt(2014, 6, 20).unwrap()) {
                        prop_assert!(crate::dates::in_range(st.due), "{}", st.due);
                    }
                }
                Err(e) => {
                    let shown = crate::text::escape_message(&e.render_all(Lang::En));
                    prop_assert!(!shown.chars().any(|c| crate::text::is_unsafe(c) && c != '\n' && c != '\t'));
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn no_edit_of_the_seed_plan_makes_parse_panic(
            edits in prop::collection::vec(edit(), 1..6)
        ) {
            let mut text: Vec<char> = SEED.chars().collect();
            for e in &edits {
                apply(&mut text, e);
            }
            let source: String = text.into_iter().collect();
            parse_and_render(&source);
        }
    }
}

#[cfg(test)]
mod lenient_tests {
    use super::*;
    use std::fmt::Write as _;

    const SEED: &str = include_str!("../../plan.toml");

    fn lenient(source: &str) -> std::result::Result<(Plan, Vec<LeftOut>), Problems> {
        parse_lenient(source, "plan.toml", &|| 2014)
    }

    fn why(left: &[LeftOut], id: &str) -> Why {
        left.iter()
            .find(|l| l.id == id)
            .unwrap_or_else(|| panic!("{id} not in {left:?}"))
            .why
            .clone()
    }

    #[test]
    fn a_broken_step_is_left_out_with_what_counts_from_it() {
        // Step 5 (line 80) has an impossible day; 7.1 and 7.2 are due days after it; step 7
        // waits for it.
        let source = SEED.replacen("when = \"6月26\"", "when = \"6月36日\"", 1);
        assert!(parse(&source, "plan.toml", 2014).is_err());
        let (plan, left) = lenient(&source).unwrap();
        assert!(matches!(
            why(&left, "5"),
            Why::Problem(Kind::PlanDate { .. })
        ));
        let five = left.iter().find(|l| l.id == "5").unwrap();
        assert_eq!(five.line, 80);
        assert!(five.with_tasks && !five.task);
        assert_eq!(why(&left, "7.1"), Why::Needs("5".into()));
        assert_eq!(why(&left, "7.2"), Why::Needs("5".into()));
        assert_eq!(why(&left, "7"), Why::Unlinked("5".into()));
        assert_eq!(left.len(), 4, "{left:?}");
        for gone in ["5", "5.1", "7.1", "7.2"] {
            assert_eq!(plan.find(gone), None, "{gone}");
        }
        let seven = &plan.items[plan.find("7").unwrap()];
        assert!(seven.after.is_empty());
        // Everything else is as the plan says.
        let whole = parse(SEED, "plan.toml", 2014).unwrap();
        assert_eq!(plan.items.len(), whole.items.len() - 4);
        let six = &plan.items[plan.find("6").unwrap()];
        assert_eq!(six.due, whole.items[whole.find("6").unwrap()].due);
        assert_eq!(plan.order.len(), plan.items.len());
    }

    #[test]
    fn a_broken_task_alone_is_left_out_and_default_ids_stay() {
        let source = "title = \"t\"\nyear = 2014\n\n[[step]]\ntitle = \"a\"\nwhen = \"6月1日\"\n  [[step.task]]\n  title = \"a1\"\n  due = \"6月31日\"\n  [[step.task]]\n  title = \"a2\"\n  due = \"6月3日\"\n\n[[step]]\ntitle = \"b\"\nwhen = \"6月32日\"\n\n[[step]]\ntitle = \"c\"\nwhen = \"6月9日\"\nafter = [\"9\"]\n";
        let source = format!(
            "{source}{}",
            "[[step]]\ntitle = \"d\"\nwhen = \"6月10日\"\n".repeat(3)
        );
        let (plan, left) = lenient(&source).unwrap();
        let ids: Vec<&str> = plan.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["1", "1.2", "4", "5", "6"], "{left:?}");
        assert!(matches!(why(&left, "1.1"), Why::Problem(_)));
        assert!(matches!(why(&left, "2"), Why::Problem(_)));
        // An unknown `after` is the step's own problem, not a wait dropped.
        assert!(matches!(
            why(&left, "3"),
            Why::Problem(Kind::UnknownRef { .. })
        ));
        assert_eq!(left.iter().find(|l| l.id == "1.1").unwrap().line, 9);
    }

    /// `n` steps, each due a day after the one before; step `bad` has an impossible due.
    fn chain(n: usize, bad: usize) -> String {
        let mut plan = String::from("title = \"t\"\nyear = 2014\n");
        for i in 1..=n {
            let due = match i {
                1 => "\"6月1日\"".to_string(),
                i if i == bad => "\"6月31日\"".to_string(),
                i => format!("{{ after = \"{}\", days = 1 }}", i - 1),
            };
            let _ = writeln!(plan, "[[step]]\ntitle = \"s\"\ndue = {due}");
        }
        plan
    }

    #[test]
    fn a_chain_counting_from_a_broken_step_goes_with_it_but_not_most_of_the_plan() {
        let (plan, left) = lenient(&chain(300, 200)).unwrap();
        assert_eq!(plan.items.len(), 199);
        assert_eq!(left.len(), 101);
        assert!(matches!(left[0].why, Why::Problem(_)));
        assert_eq!(why(&left, "300"), Why::Needs("299".into()));
        // More than half the plan left out: the plan is broken, not an item.
        assert!(lenient(&chain(300, 100)).is_err());
    }

    #[test]
    fn a_problem_outside_the_steps_or_nothing_left_is_the_full_error() {
        for source in [
            SEED.replacen("year = 2014", "year = 0", 1),
            SEED.replacen("timezone = \"+08:00\"", "timezone = \"北京\"", 1),
            SEED.replacen("\"刘明\" = {}", "\"刘明\" = {}\n\"刘明\" = 5", 1),
            "title = \"t\"\n[[step]]\ntitle = \"a\"\nwhen = \"6月31日\"\n".to_string(),
            SEED.replacen("when = \"6月26\"", "when = \"6月26", 1),
        ] {
            let strict = parse(&source, "plan.toml", 2014).unwrap_err();
            let lenient = lenient(&source).unwrap_err();
            assert_eq!(lenient.list, strict.list, "{source}");
        }
    }
}
