//! One side of an expression: the forms a day, a month, a part of a month or of a year, a
//! festival or a teaching week are written in, and the days each resolves to.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::festivals::{self, Festival};
use super::lex::{Tok, approximately, lex};
use super::{Context, DateError, err};

/// Years that may be written explicitly (`2014年`, `2014-06`).
const WRITTEN_YEARS: std::ops::RangeInclusive<u32> = 1000..=9999;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One side of an expression, as written: the year and month if present, and what the
/// rest names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Part {
    pub year: Option<i32>,
    /// `次年`, `翌年`, `明年` (1), `今年` (0): a year relative to the one the side is read in.
    pub next_year: Option<i32>,
    pub month: Option<u32>,
    pub kind: Kind,
    /// `前夕`: the day before.
    pub eve: bool,
    /// A weekday written after the day (`(周五)`), to check against it.
    pub weekday: Option<Weekday>,
    /// A number alone (`14` in `6月6日至14`, `4` in `4-5月`): a day or a month by context.
    pub bare: bool,
    /// Written as a year.month table cell (`2005.1`): a bare right side is a month.
    pub ym_cell: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A day of the month, not yet checked against the month's length.
    Day(u32),
    /// The whole month.
    Month,
    /// From the first to the last of these dekads: 上旬 (1), 中旬 (2), 下旬 (3);
    /// `中下旬` is (2, 3).
    Dekads(u8, u8),
    /// 月初: the first ten days.
    MonthStart,
    /// 月底, 月末: the last day.
    MonthEnd,
    /// 上半年 (1), 下半年 (2).
    HalfYear(u8),
    /// 第一季度 … 第四季度.
    Quarter(u32),
    /// 全年.
    WholeYear,
    /// 年底, 年末, 年内: December 31, as a deadline.
    YearEnd,
    Festival(Festival),
    /// Teaching week n (`第3周`), counted from the plan's `term_start`.
    Week(u32),
}

impl Kind {
    pub(super) fn is_single_day(self) -> bool {
        matches!(self, Kind::Day(_) | Kind::MonthEnd | Kind::Festival(_))
    }

    /// Whether the kind is read without a month.
    fn needs_month(self) -> bool {
        matches!(
            self,
            Kind::Day(_) | Kind::Month | Kind::Dekads(..) | Kind::MonthStart | Kind::MonthEnd
        )
    }

    pub(super) fn describe(self) -> (&'static str, &'static str) {
        match self {
            Kind::Day(_) => ("a day", "一天"),
            Kind::Month => ("a month", "一个月"),
            Kind::Dekads(a, b) if a == b => ("a ten-day period (旬)", "一旬"),
            Kind::Dekads(..) => ("two ten-day periods (旬)", "两旬"),
            Kind::MonthStart => ("the start of a month (1st to 10th)", "月初（1日至10日）"),
            Kind::MonthEnd => ("the end of a month", "月底"),
            Kind::HalfYear(_) => ("half a year", "半年"),
            Kind::Quarter(_) => ("a quarter", "一个季度"),
            Kind::WholeYear => ("a whole year", "全年"),
            Kind::YearEnd => ("the end of a year", "年底"),
            Kind::Festival(_) => ("a festival", "节日"),
            Kind::Week(_) => ("a teaching week", "教学周"),
        }
    }
}

/// `(周五)`, `（星期一）`, `周五`, `礼拜天` at the end of `s`: the rest and the weekday.
fn strip_weekday(s: &str) -> (&str, Option<Weekday>) {
    let inner = s.strip_suffix(')');
    let t = inner.unwrap_or(s);
    let Some(last) = t.chars().next_back() else {
        return (s, None);
    };
    let day = match last {
        '一' => Weekday::Mon,
        '二' => Weekday::Tue,
        '三' => Weekday::Wed,
        '四' => Weekday::Thu,
        '五' => Weekday::Fri,
        '六' => Weekday::Sat,
        '日' | '天' => Weekday::Sun,
        _ => return (s, None),
    };
    let t = &t[..t.len() - last.len_utf8()];
    let Some(t) = ["星期", "礼拜", "周"]
        .iter()
        .find_map(|w| t.strip_suffix(w))
    else {
        return (s, None);
    };
    match inner {
        Some(_) => t.strip_suffix('(').map_or((s, None), |t| (t, Some(day))),
        None => (t, Some(day)),
    }
}

/// `(农历五月初五)` at the end: a note for readers, not part of the date.
fn strip_lunar_note(s: &str) -> &str {
    if let Some(open) = s.rfind("(农历")
        && s.ends_with(')')
    {
        return &s[..open];
    }
    s
}

/// `次年`, `翌年`, `明年`, `来年`, `第二年` (+1) and `今年`, `本年`, `当年` (+0) before the rest.
fn strip_relative_year(s: &str) -> (&str, Option<i32>) {
    for (word, n) in [
        ("次年", 1),
        ("翌年", 1),
        ("明年", 1),
        ("来年", 1),
        ("第二年", 1),
        ("今年", 0),
        ("本年", 0),
        ("当年", 0),
    ] {
        if let Some(rest) = s.strip_prefix(word) {
            return (rest, Some(n));
        }
    }
    (s, None)
}

/// `第3周`, `第3教学周` → 3.
fn teaching_week(s: &str) -> Option<u32> {
    let r = s.strip_prefix('第')?;
    let n = r.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &r[n..];
    if n == 0 || !(rest == "周" || rest == "教学周") {
        return None;
    }
    r[..n].parse().ok()
}

/// Parses one side of a range, or a whole expression that is neither range nor deadline.
pub(super) fn parse_side(text: &str) -> Result<Part, DateError> {
    let (core, eve) = match text.strip_suffix("前夕") {
        Some(core) => (core, true),
        None => (text, false),
    };
    if core.is_empty() {
        return Err(err(text, "前夕 needs a day before it", "前夕前面要有日期"));
    }
    let core = approximately(strip_lunar_note(core));
    let (core, weekday) = strip_weekday(core);
    if let Some(open) = core.find('(') {
        let note = &core[open..];
        return Err(err(
            text,
            format_args!("`{note}` is a note, not part of a date"),
            format_args!("“{note}”是注释，不是日期的一部分"),
        )
        .hint(
            "take the note out of the date (put it in `detail`)",
            "把注释从日期中去掉（可写进 `detail`）",
        ));
    }
    let (core, next_year) = strip_relative_year(core);
    if core.is_empty() {
        return Err(err(
            text,
            "a year alone is not a window here",
            "只有年份，不是具体时间",
        )
        .hint(
            format_args!("add the month or part of the year: {text}3月, {text}上半年, {text}全年"),
            format_args!("加上月份或时段：{text}3月、{text}上半年、{text}全年"),
        ));
    }
    let mut part = Part {
        year: None,
        next_year,
        month: None,
        kind: Kind::Month,
        eve,
        weekday,
        bare: false,
        ym_cell: false,
    };
    let (year, rest) = written_year(core);
    if let Some(f) = festivals::named(rest) {
        part.kind = Kind::Festival(f);
        part.year = checked_year(year, text)?;
        return finish(part, text);
    }
    if let Some(n) = teaching_week(core) {
        part.kind = Kind::Week(n);
        return finish(part, text);
    }
    let toks = lex(core)?;
    let (year, month, kind) = match *toks.as_slice() {
        // ISO: 2014-06-16, 2014-6-16; 2014.6.16; 2014/6/16
        [
            Tok::Num(y),
            Tok::Sym(s @ ('-' | '.' | '/')),
            Tok::Num(m),
            Tok::Sym(s2),
            Tok::Num(d),
        ] if s == s2 => (Some(y), Some(m), Kind::Day(d)),
        [Tok::Num(y), Tok::Sym('-'), Tok::Num(m)] if !WRITTEN_YEARS.contains(&y) => {
            return Err(err(
                text,
                format_args!(
                    "`{y}` is not a year: a date with a hyphen starts with the year (2014-{m:02})"
                ),
                format_args!("“{y}”不是年份：带连字符的日期先写年（2014-{m:02}）"),
            )
            .hint(
                format_args!("for month {y}, day {m} write {y}月{m}日, {y}.{m} or {y}/{m}"),
                format_args!("若指{y}月{m}日，写 {y}月{m}日、{y}.{m} 或 {y}/{m}"),
            ));
        }
        [Tok::Num(y), Tok::Sym('-'), Tok::Num(m)] => (Some(y), Some(m), Kind::Month),
        // A year.month table cell: 2005.1; 2014/6
        [Tok::Num(y), Tok::Sym('.' | '/'), Tok::Num(m)] if WRITTEN_YEARS.contains(&y) => {
            part.ym_cell = true;
            (Some(y), Some(m), Kind::Month)
        }
        // M.D: 7.1; M/D: 6/16
        [Tok::Num(m), Tok::Sym('.' | '/'), Tok::Num(d)] => (None, Some(m), Kind::Day(d)),
        _ => {
            let Some(found) = parse_chinese(&toks) else {
                return Err(err(text, "not a date expression", "不是日期写法"));
            };
            part.bare = matches!(toks.last(), Some(Tok::Num(_)))
                && found.1.is_none()
                && matches!(found.2, Kind::Day(_));
            found
        }
    };
    part.year = checked_year(year, text)?;
    part.month = month;
    part.kind = kind;
    finish(part, text)
}

/// `2014年` (digits, then 年) at the start: the year and the rest.
fn written_year(s: &str) -> (Option<u32>, &str) {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    match s[n..].strip_prefix('年') {
        Some(rest) if n > 0 => (s[..n].parse().ok(), rest),
        _ => (None, s),
    }
}

fn checked_year(year: Option<u32>, text: &str) -> Result<Option<i32>, DateError> {
    match year {
        None => Ok(None),
        Some(y) if WRITTEN_YEARS.contains(&y) => Ok(i32::try_from(y).ok()),
        Some(y) => Err(err(
            text,
            format_args!(
                "year {y} is out of range ({}–{})",
                WRITTEN_YEARS.start(),
                WRITTEN_YEARS.end()
            ),
            format_args!(
                "年份 {y} 超出范围（{}–{}）",
                WRITTEN_YEARS.start(),
                WRITTEN_YEARS.end()
            ),
        )),
    }
}

fn finish(part: Part, text: &str) -> Result<Part, DateError> {
    if part.eve && !part.kind.is_single_day() {
        let (en, zh) = part.kind.describe();
        return Err(err(
            text,
            format_args!("前夕 needs a single day, not {en}"),
            format_args!("前夕 要跟在某一天后面，不能跟{zh}"),
        ));
    }
    if part.weekday.is_some() && !part.kind.is_single_day() {
        let (en, zh) = part.kind.describe();
        return Err(err(
            text,
            format_args!("a weekday belongs to a single day, not {en}"),
            format_args!("星期只能注在某一天后面，不能注在{zh}后面"),
        ));
    }
    Ok(part)
}

/// `[2014年][6月](16[日|号] | 上旬 | 中旬 | 下旬 | 上中旬 | 中下旬 | 初 | 底 | 末 | nothing)`,
/// or a part of a year: `[2014年](上半年 | 下半年 | [第]N季度 | 底 | 末 | 内 | 全年)`.
/// Without a month only the tail is allowed (`14日`, `中旬`): the right side of a range.
fn parse_chinese(toks: &[Tok]) -> Option<(Option<u32>, Option<u32>, Kind)> {
    let mut rest = toks;
    let mut year = None;
    if let [Tok::Num(y), Tok::Sym('年'), tail @ ..] = rest {
        year = Some(*y);
        rest = tail;
        // 2014年底, 2014年末, 2014年内
        if let [Tok::Sym('底' | '末' | '内')] = rest {
            return Some((year, None, Kind::YearEnd));
        }
    }
    if let Some(kind) = year_part(rest) {
        return Some((year, None, kind));
    }
    let mut month = None;
    match rest {
        [Tok::Num(m), Tok::Sym('月'), tail @ ..] => {
            month = Some(*m);
            rest = tail;
        }
        // `月底` without a number: the month of the left side of a range.
        [Tok::Sym('月'), tail @ ..] if !tail.is_empty() => rest = tail,
        _ => {}
    }
    let dekad = |c| match c {
        '上' => Some(1),
        '中' => Some(2),
        '下' => Some(3),
        _ => None,
    };
    let kind = match *rest {
        [] if month.is_some() => Kind::Month,
        [Tok::Num(d)] | [Tok::Num(d), Tok::Sym('日' | '号')] => Kind::Day(d),
        [Tok::Sym(a), Tok::Sym('旬')] => {
            let a = dekad(a)?;
            Kind::Dekads(a, a)
        }
        [Tok::Sym(a), Tok::Sym(b), Tok::Sym('旬')] => {
            let (a, b) = (dekad(a)?, dekad(b)?);
            if b != a + 1 {
                return None;
            }
            Kind::Dekads(a, b)
        }
        [Tok::Sym('初')] => Kind::MonthStart,
        [Tok::Sym('底' | '末')] => Kind::MonthEnd,
        _ => return None,
    };
    Some((year, month, kind))
}

/// 上半年, 下半年, 全年, 年底/年末/年内, `[第]N季度`.
fn year_part(rest: &[Tok]) -> Option<Kind> {
    Some(match *rest {
        [Tok::Sym('上'), Tok::Sym('半'), Tok::Sym('年')] => Kind::HalfYear(1),
        [Tok::Sym('下'), Tok::Sym('半'), Tok::Sym('年')] => Kind::HalfYear(2),
        [Tok::Sym('全'), Tok::Sym('年')] => Kind::WholeYear,
        [Tok::Sym('年'), Tok::Sym('底' | '末' | '内')] => Kind::YearEnd,
        [Tok::Sym('第'), Tok::Num(q), Tok::Sym('季'), ref tail @ ..]
        | [Tok::Num(q), Tok::Sym('季'), ref tail @ ..]
            if matches!(tail, [] | [Tok::Sym('度')]) =>
        {
            Kind::Quarter(q)
        }
        _ => return None,
    })
}

pub(super) fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn ymd(year: i32, month: u32, day: u32, text: &str) -> Result<NaiveDate, DateError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        err(
            text,
            format_args!("year {year} is out of range"),
            format_args!("年份 {year} 超出范围"),
        )
    })
}

/// The year a side is read in: written, relative (`次年`) to `base`, or `base`.
pub(super) fn year_of(part: &Part, base: i32, text: &str) -> Result<i32, DateError> {
    match (part.year, part.next_year) {
        (Some(y), _) => Ok(y),
        (None, Some(n)) => base
            .checked_add(n)
            .ok_or_else(|| err(text, "the year is out of range", "年份超出范围")),
        (None, None) => Ok(base),
    }
}

/// Resolves a side to its first and last day, in `year`, and `month` when the kind needs
/// one (written or inherited).
pub(super) fn resolve(
    part: &Part,
    year: i32,
    month: Option<u32>,
    text: &str,
    ctx: Context,
) -> Result<(NaiveDate, NaiveDate), DateError> {
    let (start, due) = if part.kind.needs_month() {
        let month = month.ok_or_else(|| err(text, "the month is missing", "缺少月份"))?;
        resolve_in_month(part, year, month, text)?
    } else {
        resolve_in_year(part, year, text, ctx)?
    };
    if part.eve {
        let eve = start
            .pred_opt()
            .ok_or_else(|| err(text, "the day before is out of range", "前一天超出范围"))?;
        return Ok((eve, eve));
    }
    if let Some(wd) = part.weekday
        && start.weekday() != wd
    {
        return Err(err(
            text,
            format_args!(
                "{start} is a {:?} ({}), not a {}",
                start.weekday(),
                zh_weekday(start.weekday()),
                zh_weekday(wd)
            ),
            format_args!(
                "{start} 是{}，不是{}",
                zh_weekday(start.weekday()),
                zh_weekday(wd)
            ),
        )
        .hint(
            format_args!("check the year: is the plan's `year` (or the year written) {year}? In {} that day is a {}", 
                other_year_with(start, wd).map_or_else(|| "no year nearby".to_owned(), |y| y.to_string()),
                zh_weekday(wd)),
            format_args!("请核对年份：计划的 `year`（或写明的年份）是 {year} 吗？{}",
                other_year_with(start, wd).map_or_else(String::new, |y| format!("{y}年的这一天是{}", zh_weekday(wd)))),
        ));
    }
    Ok((start, due))
}

/// The nearest year (within five either way) in which the same month and day fall on `wd`.
fn other_year_with(day: NaiveDate, wd: Weekday) -> Option<i32> {
    (1..=5)
        .flat_map(|k| [day.year() + k, day.year() - k])
        .find(|&y| {
            NaiveDate::from_ymd_opt(y, day.month(), day.day()).is_some_and(|d| d.weekday() == wd)
        })
}

pub(super) fn zh_weekday(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

fn resolve_in_month(
    part: &Part,
    year: i32,
    month: u32,
    text: &str,
) -> Result<(NaiveDate, NaiveDate), DateError> {
    if !(1..=12).contains(&month) {
        return Err(if part.ym_cell || month >= 1000 {
            err(
                text,
                format_args!("there is no month {month}"),
                format_args!("没有{month}月"),
            )
            .hint(
                "a year.month cell is written 2005.1, or 2005.1—4 for months 1 to 4",
                "年.月 写作 2005.1；1至4月写作 2005.1—4",
            )
        } else {
            err(
                text,
                format_args!("there is no month {month}"),
                format_args!("没有{month}月"),
            )
        });
    }
    let last = days_in_month(year, month);
    let (first, final_day) = match part.kind {
        Kind::Day(0) => return Err(err(text, "there is no day 0", "没有0日")),
        Kind::Day(d) if d > last => {
            // `month` is 1..=12, checked above.
            let name = MONTH_NAMES[month as usize - 1];
            return Err(if month == 2 {
                err(
                    text,
                    format_args!("{name} {year} has only {last} days"),
                    format_args!("{year}年2月只有{last}天"),
                )
            } else {
                err(
                    text,
                    format_args!("{name} has only {last} days"),
                    format_args!("{month}月只有{last}天"),
                )
            });
        }
        Kind::Day(d) => (d, d),
        Kind::Dekads(a, b) => (
            1 + 10 * u32::from(a - 1),
            if b >= 3 { last } else { 10 * u32::from(b) },
        ),
        Kind::MonthStart => (1, 10),
        Kind::MonthEnd => (last, last),
        _ => (1, last),
    };
    Ok((
        ymd(year, month, first, text)?,
        ymd(year, month, final_day, text)?,
    ))
}

fn resolve_in_year(
    part: &Part,
    year: i32,
    text: &str,
    ctx: Context,
) -> Result<(NaiveDate, NaiveDate), DateError> {
    let months = |a: u32, b: u32| -> Result<(NaiveDate, NaiveDate), DateError> {
        Ok((
            ymd(year, a, 1, text)?,
            ymd(year, b, days_in_month(year, b), text)?,
        ))
    };
    match part.kind {
        Kind::HalfYear(1) => months(1, 6),
        Kind::HalfYear(_) => months(7, 12),
        Kind::Quarter(q @ 1..=4) => months(3 * q - 2, 3 * q),
        Kind::Quarter(q) => Err(err(
            text,
            format_args!("there is no quarter {q}"),
            format_args!("没有第{q}季度"),
        )),
        Kind::WholeYear => months(1, 12),
        Kind::YearEnd => {
            let d = ymd(year, 12, 31, text)?;
            Ok((d, d))
        }
        Kind::Festival(f) => {
            if let Some(d) = festivals::day(f, year) {
                return Ok((d, d));
            }
            let (first, last) = festivals::covered().unwrap_or((0, 0));
            Err(err(
                text,
                format_args!(
                    "the built-in calendar knows {} only for {first}–{last}, not {year}",
                    f.0
                ),
                format_args!("内置日历只有{first}–{last}年的{}，没有{year}年的", f.0),
            )
            .hint(
                "write the date itself, such as 2月10日前",
                "直接写日期，如 2月10日前",
            ))
        }
        Kind::Week(n) => week(n, ctx.term_start, text),
        _ => Err(err(text, "the month is missing", "缺少月份")),
    }
}

/// Monday .. Sunday of teaching week `n`, counted from `term_start` (week 1's Monday).
pub(super) fn week(
    n: u32,
    term_start: Option<NaiveDate>,
    text: &str,
) -> Result<(NaiveDate, NaiveDate), DateError> {
    let Some(first) = term_start else {
        return Err(err(
            text,
            "teaching weeks need the plan's `term_start`",
            "教学周要先在计划里写 `term_start`",
        )
        .hint(
            "add `term_start = \"2025-09-01\"` (the Monday of week 1) at the top of the plan",
            "在计划开头加上 `term_start = \"2025-09-01\"`（第1周的星期一）",
        ));
    };
    if n == 0 {
        return Err(err(text, "there is no week 0", "没有第0周"));
    }
    let monday = first
        .checked_add_days(Days::new(7 * (u64::from(n) - 1)))
        .ok_or_else(|| err(text, "the week is out of range", "周次超出范围"))?;
    let sunday = monday
        .checked_add_days(Days::new(6))
        .ok_or_else(|| err(text, "the week is out of range", "周次超出范围"))?;
    Ok((monday, sunday))
}
