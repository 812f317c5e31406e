//! Date expressions as Chinese schedules write them (`6月16日`, `7月上旬至7月中旬`, `7.1前夕`,
//! `1月17日(周五)`, `2005.1—4`, `国庆节前`, `第3周`). Pure: never reads the clock; the
//! default year (and the plan's `term_start`) are parameters.
//!
//! Every expression resolves to a [`Window`]: its first day (`start`, absent for a deadline
//! such as `6月20日前`) and its last day (`due`). A single day is a window of one day.
//!
//! Parsing happens in four steps, one module each:
//! 1. [`lex`]: fold the text (white space, full-width digits and punctuation, quotes) and
//!    take off what does not change the window (a time of day, `(含)`, `大约`); Chinese
//!    numerals before a unit become digits;
//! 2. [`words`]: refuse what is vague (`待定`, `春节前后`), relative (`会后10天内`) or
//!    depends on the day it is read (`本月`), with a hint; read the wordy shapes
//!    (`即日起至…`, `从…起至…止`, `…前完成`, `…期间`);
//! 3. [`range`]: split off the shape of the whole expression: a range (`…至…`) or a
//!    deadline (`…前`);
//! 4. [`forms`]: parse each side into a part (year and month if written, plus what the rest
//!    names) and resolve it against the default year, or against the left side of a range.
//!    Festivals come from [`festivals`], compiled from `data/cn-festivals.csv`.

mod festivals;
mod forms;
mod lex;
mod range;
#[cfg(test)]
mod real_tests;
mod words;

use std::fmt;

use chrono::{Datelike, NaiveDate};

use forms::{Kind, parse_side, resolve, year_of};

/// The days an expression covers: `start ..= due`. A deadline has no `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: Option<NaiveDate>,
    pub due: NaiveDate,
}

/// What an expression is read against: the plan's year for dates written without one, and
/// the Monday of teaching week 1 for `第3周`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    pub year: i32,
    pub term_start: Option<NaiveDate>,
}

impl Context {
    /// A context with only a year (no `term_start`).
    #[must_use]
    pub fn year(year: i32) -> Context {
        Context {
            year,
            term_start: None,
        }
    }
}

/// Why an expression was refused. The message quotes the offending text; `message` is
/// English, `zh` the same in Chinese; the hint (when there is one) says what to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub zh: String,
    pub hint: Option<String>,
    pub hint_zh: Option<String>,
}

impl DateError {
    #[must_use]
    fn hint(mut self, en: impl fmt::Display, zh: impl fmt::Display) -> Self {
        self.hint = Some(en.to_string());
        self.hint_zh = Some(zh.to_string());
        self
    }

    fn plain(en: &str, zh: &str) -> DateError {
        DateError {
            message: en.to_owned(),
            zh: zh.to_owned(),
            hint: None,
            hint_zh: None,
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

/// One line listing the accepted forms, used as a `hint:` by callers.
pub const ACCEPTED: &str = "a day (2014-06-16, 6月16日, 7.1, 6/16), a month (6月, 2014-06, 2005.1), 上旬/中旬/下旬, 月初/月底, 前夕, a deadline (6月20日前, 国庆节前), a range (6月6日至14日, 4-5月), 上半年/第一季度/年底, 第3周";
/// [`ACCEPTED`] in Chinese.
pub const ACCEPTED_ZH: &str = "某一天（2014-06-16、6月16日、7.1、6/16）、某月（6月、2014-06、2005.1）、上旬/中旬/下旬、月初/月底、前夕、截止（6月20日前、国庆节前）、起止（6月6日至14日、4-5月）、上半年/第一季度/年底、第3周";

fn err(text: &str, en: impl fmt::Display, zh: impl fmt::Display) -> DateError {
    DateError {
        message: format!("`{text}`: {en}"),
        zh: format!("“{text}”：{zh}"),
        hint: None,
        hint_zh: None,
    }
}

/// Parses any accepted expression (see [`ACCEPTED`]) into the window it denotes.
/// Dates without a year fall in `year`.
pub fn parse_window(text: &str, year: i32) -> Result<Window, DateError> {
    parse_window_in(text, Context::year(year))
}

/// [`parse_window`] with the plan's `term_start` too, for teaching weeks.
pub fn parse_window_in(text: &str, ctx: Context) -> Result<Window, DateError> {
    analyse(text, ctx).map(|(w, _)| w)
}

/// Only expressions that denote exactly one day (ISO day, Chinese day, M.D, eve,
/// 6月底/6月末, a festival); anything else is an error saying a single day is needed.
pub fn parse_day(text: &str, year: i32) -> Result<NaiveDate, DateError> {
    read_day(text, year).map(|d| d.day)
}

/// A single day as read by [`read_day`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub day: NaiveDate,
    /// The text wrote its own year (`2014-06-20`, `2014年6月20日`): it is the same day
    /// whatever year it was read in.
    pub named_year: bool,
}

/// [`parse_day`], also saying whether the text named its year, so a caller that learns the
/// year only later (`--today` before the plan is read) reads the text once.
pub fn read_day(text: &str, year: i32) -> Result<Day, DateError> {
    let (window, shape) = analyse(text, Context::year(year)).map_err(|mut e| {
        if e.message == "empty date expression" {
            e.message.push_str("; a single day is needed");
            e.zh.push_str("；需要某一天");
        }
        e
    })?;
    let shown = lex::shown(&lex::normalise(text));
    let (en, zh) = match shape {
        Shape::Single { kind, named_year } if kind.is_single_day() => {
            return Ok(Day {
                day: window.due,
                named_year,
            });
        }
        Shape::Single { kind, .. } => kind.describe(),
        Shape::Range => ("a range", "起止时间"),
        Shape::Deadline => ("a deadline", "截止时间"),
    };
    Err(err(
        &shown,
        format_args!("a single day is needed, not {en}"),
        format_args!("需要某一天，而不是{zh}"),
    ))
}

/// `第3周`, `第3教学周`, `第3-4周`, `第3周至第5周`: Monday of the first week .. Sunday of the
/// last, counted from `term_start` (the Monday of week 1). `Ok(None)` when the text is not a
/// teaching week, so a caller (`week 第3周`) can try other forms; an error when it is one but
/// cannot be read (no `term_start`, week 0).
pub fn teaching_weeks(
    text: &str,
    term_start: Option<NaiveDate>,
) -> Result<Option<Window>, DateError> {
    let clean = lex::clean(&lex::normalise(text));
    let weeks = match range::week_range(&clean) {
        Some(w) => w,
        None => match parse_side(&clean) {
            Ok(forms::Part {
                kind: Kind::Week(n),
                ..
            }) => (n, n),
            _ => return Ok(None),
        },
    };
    let ctx = Context {
        year: 2000,
        term_start,
    };
    let w = range::weeks_window(weeks, &clean, ctx)?;
    in_years(w, text).map(Some)
}

/// `2014-06-16` → "6月16日" (used by displays)
#[must_use]
pub fn zh_day(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

/// The shape of a whole expression, for [`parse_day`].
enum Shape {
    Range,
    Deadline,
    /// One side; `named_year` when it wrote its year (`2014年…`, `2014-…`).
    Single {
        kind: Kind,
        named_year: bool,
    },
}

/// [`analyse_any`], and the window must fall in [`YEARS`].
fn analyse(text: &str, ctx: Context) -> Result<(Window, Shape), DateError> {
    let (w, shape) = analyse_any(text, ctx)?;
    Ok((in_years(w, text)?, shape))
}

/// The years a date may fall in, wherever it comes from (a plan, a ledger, `--today`, a
/// relative due): a schedule outside them is a slip or an attack, and no view's work may
/// grow with the distance between two dates.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Whether `d` falls in [`YEARS`].
#[must_use]
pub fn in_range(d: NaiveDate) -> bool {
    YEARS.contains(&d.year())
}

/// The last day of [`YEARS`]: where a chain of relative dues stops.
#[must_use]
pub fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(*YEARS.end(), 12, 31).unwrap_or(NaiveDate::MAX)
}

/// `w`, or an error naming the year that falls outside [`YEARS`].
fn in_years(w: Window, text: &str) -> Result<Window, DateError> {
    match w.start.into_iter().chain([w.due]).find(|d| !in_range(*d)) {
        None => Ok(w),
        Some(d) => Err(err(
            &lex::shown(&lex::normalise(text)),
            format_args!(
                "year {} is out of range ({}–{})",
                d.year(),
                YEARS.start(),
                YEARS.end()
            ),
            format_args!(
                "年份 {} 超出范围（{}–{}）",
                d.year(),
                YEARS.start(),
                YEARS.end()
            ),
        )),
    }
}

fn analyse_any(text: &str, ctx: Context) -> Result<(Window, Shape), DateError> {
    let norm = lex::normalise(text);
    if norm.is_empty() {
        return Err(DateError::plain("empty date expression", "日期为空"));
    }
    let clean = lex::clean(&norm);
    words::refuse(&lex::shown(&norm), &clean)?;
    let (core, worded) = words::open(&clean)?;
    if let Some(weeks) = range::week_range(core) {
        let w = range::weeks_window(weeks, core, ctx)?;
        return Ok((w, Shape::Range));
    }
    if let Some((left, right)) = range::split_range(core) {
        if worded == words::Worded::Deadline {
            return Err(err(
                core,
                "a window from today ends in one day or month, not a range",
                "“即日起”后面只能是一个截止日期",
            ));
        }
        let w = range::parse_range(core, left, right, ctx)?;
        return Ok((w, Shape::Range));
    }
    let inner = range::strip_deadline(core);
    if inner.is_some() || worded != words::Worded::No {
        let inner = inner.unwrap_or(core);
        if inner.is_empty() {
            return Err(err(
                core,
                "the deadline has no date before 前",
                "“前”之前缺少日期",
            ));
        }
        if range::strip_deadline(inner).is_some() {
            return Err(err(
                core,
                "a deadline cannot contain another deadline",
                "截止时间里不能再套一个截止时间",
            ));
        }
        let part = parse_side(inner)?;
        let year = year_of(&part, ctx.year, inner)?;
        let (start, mut due) = resolve(&part, year, part.month, inner, ctx)?;
        // `国庆节前`: the day before the festival, which is a day off.
        if matches!(part.kind, Kind::Festival(_)) && !part.eve && inner != core {
            due = start
                .pred_opt()
                .ok_or_else(|| err(inner, "the day before is out of range", "前一天超出范围"))?;
        }
        return Ok((Window { start: None, due }, Shape::Deadline));
    }
    let part = parse_side(core)?;
    let year = year_of(&part, ctx.year, core)?;
    let (start, due) = resolve(&part, year, part.month, core, ctx)?;
    let start = (part.kind != Kind::YearEnd).then_some(start);
    Ok((
        Window { start, due },
        Shape::Single {
            kind: part.kind,
            named_year: part.year.is_some(),
        },
    ))
}

#[cfg(test)]
mod hyphen_tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn read_day_says_whether_the_year_was_written() {
        for (text, named) in [
            ("2014-06-20", true),
            ("2014年6月20日", true),
            ("6月20日", false),
            ("6.20", false),
            ("6/20", false),
            ("明年6月20日", false),
        ] {
            let d = read_day(text, 2020).unwrap();
            assert_eq!(d.named_year, named, "{text}");
            assert_eq!(d.day, parse_day(text, 2020).unwrap(), "{text}");
        }
        assert_eq!(read_day("6月20日", 2020).unwrap().day, day(2020, 6, 20));
    }

    #[test]
    fn a_hyphen_is_a_range_separator_only_in_chinese_forms() {
        let w = |t| parse_window(t, 2014).unwrap();
        assert_eq!(
            w("6月6日-6月14日"),
            Window {
                start: Some(day(2014, 6, 6)),
                due: day(2014, 6, 14)
            }
        );
        assert_eq!(
            w("6.16-6.20"),
            Window {
                start: Some(day(2014, 6, 16)),
                due: day(2014, 6, 20)
            }
        );
        assert_eq!(
            w("6月6日－14日"),
            Window {
                start: Some(day(2014, 6, 6)),
                due: day(2014, 6, 14)
            }
        );
        assert_eq!(
            w("2014-06-16"),
            Window {
                start: Some(day(2014, 6, 16)),
                due: day(2014, 6, 16)
            }
        );
        assert!(parse_window("6月14日-6月6日", 2014).is_err());
        assert!(parse_window("6.16-", 2014).is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// (input, default year, start, due); `None` start is a deadline.
    type Case = (&'static str, i32, Option<(i32, u32, u32)>, (i32, u32, u32));

    const WINDOWS: &[Case] = &[
        // ISO day
        ("2014-06-16", 2014, Some((2014, 6, 16)), (2014, 6, 16)),
        ("2014-06-16", 2020, Some((2014, 6, 16)), (2014, 6, 16)),
        (
            "２０１４－０６－１６",
            2014,
            Some((2014, 6, 16)),
            (2014, 6, 16),
        ),
        // Chinese day
        ("6月16日", 2014, Some((2014, 6, 16)), (2014, 6, 16)),
        ("6月16", 2014, Some((2014, 6, 16)), (2014, 6, 16)),
        ("6月16号", 2014, Some((2014, 6, 16)), (2014, 6, 16)),
        ("2014年6月16日", 2020, Some((2014, 6, 16)), (2014, 6, 16)),
        ("6月26", 2014, Some((2014, 6, 26)), (2014, 6, 26)),
        ("７．１", 2014, Some((2014, 7, 1)), (2014, 7, 1)),
        ("7.1", 2014, Some((2014, 7, 1)), (2014, 7, 1)),
        ("2014.7.1", 2015, Some((2014, 7, 1)), (2014, 7, 1)),
        ("６月１６日", 2014, Some((2014, 6, 16)), (2014, 6, 16)),
        ("6月30日", 2014, Some((2014, 6, 30)), (2014, 6, 30)),
        ("7月31日", 2014, Some((2014, 7, 31)), (2014, 7, 31)),
        ("2月28日", 2015, Some((2015, 2, 28)), (2015, 2, 28)),
        ("2月29日", 2016, Some((2016, 2, 29)), (2016, 2, 29)),
        ("2000-02-29", 2014, Some((2000, 2, 29)), (2000, 2, 29)),
        // month
        ("6月", 2014, Some((2014, 6, 1)), (2014, 6, 30)),
        ("7月", 2014, Some((2014, 7, 1)), (2014, 7, 31)),
        ("2014年6月", 2020, Some((2014, 6, 1)), (2014, 6, 30)),
        ("2014-06", 2020, Some((2014, 6, 1)), (2014, 6, 30)),
        ("2月", 2015, Some((2015, 2, 1)), (2015, 2, 28)),
        ("2月", 2016, Some((2016, 2, 1)), (2016, 2, 29)),
        ("2月", 1900, Some((1900, 2, 1)), (1900, 2, 28)),
        ("12月", 2014, Some((2014, 12, 1)), (2014, 12, 31)),
        // dekads
        ("7月上旬", 2014, Some((2014, 7, 1)), (2014, 7, 10)),
        ("7月中旬", 2014, Some((2014, 7, 11)), (2014, 7, 20)),
        ("6月下旬", 2014, Some((2014, 6, 21)), (2014, 6, 30)),
        ("7月下旬", 2014, Some((2014, 7, 21)), (2014, 7, 31)),
        ("2016年2月下旬", 2014, Some((2016, 2, 21)), (2016, 2, 29)),
        ("2015年2月下旬", 2014, Some((2015, 2, 21)), (2015, 2, 28)),
        ("7月 上旬", 2014, Some((2014, 7, 1)), (2014, 7, 10)),
        // month start / end
        ("6月初", 2014, Some((2014, 6, 1)), (2014, 6, 10)),
        ("6月底", 2014, Some((2014, 6, 30)), (2014, 6, 30)),
        ("6月末", 2014, Some((2014, 6, 30)), (2014, 6, 30)),
        ("2月底", 2016, Some((2016, 2, 29)), (2016, 2, 29)),
        // eve
        ("7.1前夕", 2014, Some((2014, 6, 30)), (2014, 6, 30)),
        ("7月1日前夕", 2014, Some((2014, 6, 30)), (2014, 6, 30)),
        ("1.1前夕", 2015, Some((2014, 12, 31)), (2014, 12, 31)),
        ("3月1日前夕", 2016, Some((2016, 2, 29)), (2016, 2, 29)),
        // deadline
        ("6月20日前", 2014, None, (2014, 6, 20)),
        ("6月14日前", 2014, None, (2014, 6, 14)),
        ("6月14日之前", 2014, None, (2014, 6, 14)),
        ("6月14日以前", 2014, None, (2014, 6, 14)),
        ("7月中旬前", 2014, None, (2014, 7, 20)),
        ("6月前", 2014, None, (2014, 6, 30)),
        ("2014-06-16前", 2020, None, (2014, 6, 16)),
        ("7.1前夕前", 2014, None, (2014, 6, 30)),
        // range
        ("6月6日至6月14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日至14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日至14", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("7月上旬至7月中旬", 2014, Some((2014, 7, 1)), (2014, 7, 20)),
        ("7月上旬至中旬", 2014, Some((2014, 7, 1)), (2014, 7, 20)),
        ("6月至7月", 2014, Some((2014, 6, 1)), (2014, 7, 31)),
        (
            "2014-06-06..2014-06-14",
            2020,
            Some((2014, 6, 6)),
            (2014, 6, 14),
        ),
        ("7.1..7.5", 2014, Some((2014, 7, 1)), (2014, 7, 5)),
        ("7.1~7.5", 2014, Some((2014, 7, 1)), (2014, 7, 5)),
        ("7.1～7.5", 2014, Some((2014, 7, 1)), (2014, 7, 5)),
        ("6月6日到6月14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日—6月14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日——6月14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日~14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日至6月6日", 2014, Some((2014, 6, 6)), (2014, 6, 6)),
        (
            "12月20日至1月10日",
            2014,
            Some((2014, 12, 20)),
            (2015, 1, 10),
        ),
        (
            "2014年12月20日至1月10日",
            2020,
            Some((2014, 12, 20)),
            (2015, 1, 10),
        ),
        ("12月下旬至2月", 2015, Some((2015, 12, 21)), (2016, 2, 29)),
        (
            "2014年6月至2015年3月",
            2020,
            Some((2014, 6, 1)),
            (2015, 3, 31),
        ),
        ("6月下旬至7月初", 2014, Some((2014, 6, 21)), (2014, 7, 10)),
        ("6月20日至月底", 2014, Some((2014, 6, 20)), (2014, 6, 30)),
        ("7.1前夕至7.5", 2014, Some((2014, 6, 30)), (2014, 7, 5)),
        // white space anywhere, as tables copied from documents have it
        (
            "6月6日至\n\n6月14日",
            2014,
            Some((2014, 6, 6)),
            (2014, 6, 14),
        ),
        (
            "6月18日至\n\n6月26日",
            2014,
            Some((2014, 6, 18)),
            (2014, 6, 26),
        ),
        (
            "6月18日至\n\n6月25日",
            2014,
            Some((2014, 6, 18)),
            (2014, 6, 25),
        ),
        (
            " 6 月\t16　日\r\n",
            2014,
            Some((2014, 6, 16)),
            (2014, 6, 16),
        ),
        (
            "2014 - 06 - 06 . . 2014 - 06 - 14",
            2014,
            Some((2014, 6, 6)),
            (2014, 6, 14),
        ),
    ];

    #[test]
    fn windows() {
        for &(text, year, start, due) in WINDOWS {
            let expected = Window {
                start: start.map(|(y, m, day)| d(y, m, day)),
                due: d(due.0, due.1, due.2),
            };
            assert_eq!(parse_window(text, year), Ok(expected), "{text:?} in {year}");
        }
    }

    /// (input, default year, text the message must contain)
    const ERRORS: &[(&str, i32, &str)] = &[
        ("", 2014, "empty"),
        (" \n\t　", 2014, "empty"),
        ("abc", 2014, "`abc`: not a date expression"),
        ("6月31日", 2014, "`6月31日`: June has only 30 days"),
        ("2月30日", 2016, "`2月30日`: February 2016 has only 29 days"),
        ("2月29日", 2015, "`2月29日`: February 2015 has only 28 days"),
        ("2014-02-29", 2014, "`2014-02-29`"),
        ("1900-02-29", 2014, "`1900-02-29`"),
        ("13月", 2014, "`13月`: there is no month 13"),
        ("0月", 2014, "`0月`: there is no month 0"),
        ("6月0日", 2014, "`6月0日`: there is no day 0"),
        ("2014-13", 2014, "`2014-13`"),
        ("6月32", 2014, "`6月32`"),
        ("99999999999999999999月", 2014, "too large"),
        (
            "6月99999999999999999999日",
            2014,
            "`6月99999999999999999999日`",
        ),
        ("4294967295月", 2014, "`4294967295月`"),
        (
            "99999年6月",
            2014,
            "`99999年6月`: year 99999 is out of range",
        ),
        ("14年6月", 2014, "`14年6月`"),
        ("6月", 300_000, "year 300000 is out of range"),
        ("2014年", 2014, "`2014年`: not a date expression"),
        ("14日", 2014, "`14日`: the month is missing"),
        ("中旬", 2014, "`中旬`"),
        ("7月上", 2014, "`7月上`"),
        (
            "6月14日至6月6日",
            2014,
            "`6月14日至6月6日`: the range ends before it starts",
        ),
        (
            "6月14日至6日",
            2014,
            "`6月14日至6日`: the range ends before it starts",
        ),
        ("2015-06-06..2014-06-14", 2014, "ends before it starts"),
        ("7.1至7.1前夕", 2014, "ends before it starts"),
        ("6月6日至", 2014, "`6月6日至`: the range is missing its end"),
        (
            "至6月6日",
            2014,
            "`至6月6日`: the range is missing its start",
        ),
        ("6月1日至6月2日至6月3日", 2014, "`6月1日至6月2日至6月3日`"),
        (
            "6月6日至6月14日前",
            2014,
            "`6月6日至6月14日前`: a side of a range cannot be a deadline",
        ),
        ("6月前至7月", 2014, "cannot be a deadline"),
        ("6月6日至6月31日", 2014, "`6月31日`: June has only 30 days"),
        ("6月6日至31日", 2014, "`31日`: June has only 30 days"),
        ("6月至2015年", 2014, "`2015年`"),
        ("前", 2014, "`前`"),
        ("6月20日前前", 2014, "`6月20日前前`"),
        ("前夕", 2014, "`前夕`"),
        (
            "6月前夕",
            2014,
            "`6月前夕`: 前夕 needs a single day, not a month",
        ),
        ("7月上旬前夕", 2014, "`7月上旬前夕`"),
        ("7..1", 2014, "`7`"),
        ("7...1", 2014, "`.1`"),
        ("6-16", 2014, "`6-16`"),
        ("1.1前夕", -262_143, "out of range"),
        ("12月20日至1月10日", i32::MAX, "out of range"),
    ];

    #[test]
    fn errors() {
        for &(text, year, needle) in ERRORS {
            match parse_window(text, year) {
                Ok(w) => panic!("{text:?} in {year} should fail, got {w:?}"),
                Err(e) => assert!(
                    e.to_string().contains(needle),
                    "{text:?}: {:?} does not contain {needle:?}",
                    e.message
                ),
            }
        }
    }

    #[test]
    fn days() {
        let ok: &[(&str, i32, (i32, u32, u32))] = &[
            ("2014-06-16", 2020, (2014, 6, 16)),
            ("6月16日", 2014, (2014, 6, 16)),
            ("6月16", 2014, (2014, 6, 16)),
            ("2014年6月16日", 2020, (2014, 6, 16)),
            ("7.1", 2014, (2014, 7, 1)),
            ("2014.7.1", 2020, (2014, 7, 1)),
            ("7.1前夕", 2014, (2014, 6, 30)),
            ("1月1日前夕", 2015, (2014, 12, 31)),
            ("6月底", 2014, (2014, 6, 30)),
            ("6月末", 2014, (2014, 6, 30)),
            ("2月底", 2016, (2016, 2, 29)),
            (" 6月\n16日 ", 2014, (2014, 6, 16)),
        ];
        for &(text, year, (y, m, day)) in ok {
            assert_eq!(parse_day(text, year), Ok(d(y, m, day)), "{text:?}");
        }
        let refused: &[(&str, &str)] = &[
            ("6月", "`6月`: a single day is needed, not a month"),
            ("2014-06", "not a month"),
            ("7月上旬", "a single day is needed"),
            ("6月初", "a single day is needed"),
            (
                "6月20日前",
                "`6月20日前`: a single day is needed, not a deadline",
            ),
            ("6月6日至6月14日", "a single day is needed, not a range"),
            ("6月6日至6月6日", "not a range"),
            ("6月31日", "June has only 30 days"),
            ("", "a single day is needed"),
            ("abc", "`abc`"),
        ];
        for &(text, needle) in refused {
            let e = parse_day(text, 2014).expect_err(text);
            assert!(e.message.contains(needle), "{text:?}: {:?}", e.message);
        }
    }

    #[test]
    fn zh_day_formats_without_year_or_padding() {
        assert_eq!(zh_day(d(2014, 6, 16)), "6月16日");
        assert_eq!(zh_day(d(2014, 7, 1)), "7月1日");
    }

    #[test]
    fn error_displays_its_message() {
        let e = parse_window("abc", 2014).expect_err("abc is not a date");
        assert_eq!(e.to_string(), e.message);
    }

    const ALPHABET: &[char] = &[
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '年', '月', '日', '旬', '上', '中', '下',
        '初', '底', '末', '前', '夕', '之', '以', '至', '到', '—', '~', '.', '-', ' ', '号', '\n',
        '０', '９', '．', '～', '－',
    ];

    fn grammar_string() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(ALPHABET), 0..24)
            .prop_map(|cs| cs.into_iter().collect())
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![grammar_string(), any::<String>(), "\\PC{0,12}"]
    }

    fn valid_date() -> impl Strategy<Value = NaiveDate> {
        (1900i32..2100, 1u32..=12, 1u32..=31).prop_filter_map("valid date", |(y, m, day)| {
            NaiveDate::from_ymd_opt(y, m, day)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn never_panics_and_windows_are_ordered(text in any_text(), year in -10_000i32..10_000) {
            if let Ok(Window { start: Some(start), due }) = parse_window(&text, year) {
                prop_assert!(start <= due, "{text:?}: {start} > {due}");
            }
            if let Ok(day) = parse_day(&text, year) {
                let w = parse_window(&text, year);
                prop_assert_eq!(w, Ok(Window { start: Some(day), due: day }));
            }
        }

        #[test]
        fn extreme_years_never_panic(text in grammar_string(), year in any::<i32>()) {
            let _ = parse_window(&text, year);
            let _ = parse_day(&text, year);
        }

        #[test]
        fn accepted_dates_fall_in_the_years(
            text in prop_oneof![grammar_string(), "[0-9]{1,6}[-年.][0-9]{1,2}[-月.][0-9]{1,2}日?"],
            year in any::<i32>(),
        ) {
            if let Ok(w) = parse_window(&text, year) {
                prop_assert!(in_range(w.due) && w.start.is_none_or(in_range), "{text:?} in {year}: {w:?}");
            }
            if let Ok(d) = parse_day(&text, year) {
                prop_assert!(in_range(d), "{text:?} in {year}: {d}");
            }
        }

        #[test]
        fn days_round_trip(day in valid_date(), year in -10_000i32..10_000) {
            prop_assert_eq!(parse_day(&day.format("%Y-%m-%d").to_string(), year), Ok(day));
            let zh = format!("{}年{}月{}日", day.year(), day.month(), day.day());
            prop_assert_eq!(parse_day(&zh, year), Ok(day));
            prop_assert_eq!(parse_day(&zh_day(day), day.year()), Ok(day));
            prop_assert_eq!(
                parse_window(&format!("{}.{}", day.month(), day.day()), day.year()),
                Ok(Window { start: Some(day), due: day })
            );
        }
    }
}
