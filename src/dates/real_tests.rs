//! The forms real schedules print (DESIGN §1, second table), each with many cells as they
//! appear in public work plans, school calendars and party-branch schedules, and the
//! refusals that must stay refusals.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

/// (cell, plan year, start, due); `None` start is a deadline.
type Case = (&'static str, i32, Option<(i32, u32, u32)>, (i32, u32, u32));

fn check(cases: &[Case]) {
    check_in(cases, None);
}

fn check_in(cases: &[Case], term_start: Option<NaiveDate>) {
    for &(text, year, start, due) in cases {
        let expected = Window {
            start: start.map(|(y, m, day)| d(y, m, day)),
            due: d(due.0, due.1, due.2),
        };
        let ctx = Context { year, term_start };
        assert_eq!(
            parse_window_in(text, ctx),
            Ok(expected),
            "{text:?} in {year}"
        );
    }
}

/// (cell, plan year, text the English message must contain, text the Chinese one must)
fn refused(cases: &[(&str, i32, &str, &str)]) {
    for &(text, year, en, zh) in cases {
        match parse_window(text, year) {
            Ok(w) => panic!("{text:?} in {year} should be refused, got {w:?}"),
            Err(e) => {
                let all_en = format!("{} {}", e.message, e.hint.clone().unwrap_or_default());
                let all_zh = format!("{} {}", e.zh, e.hint_zh.clone().unwrap_or_default());
                assert!(all_en.contains(en), "{text:?}: {all_en:?} lacks {en:?}");
                assert!(all_zh.contains(zh), "{text:?}: {all_zh:?} lacks {zh:?}");
            }
        }
    }
}

const fn day(text: &'static str, year: i32, m: u32, dd: u32) -> Case {
    (text, year, Some((year, m, dd)), (year, m, dd))
}

const fn until(text: &'static str, year: i32, m: u32, dd: u32) -> Case {
    (text, year, None, (year, m, dd))
}

#[test]
fn weekday_notes() {
    check(&[
        day("1月17日(周五)", 2014, 1, 17),
        day("1月17日（周五）", 2014, 1, 17),
        day("6月16日（星期一）", 2014, 6, 16),
        day("6月16日(星期一)", 2014, 6, 16),
        day("6月16日 星期一", 2014, 6, 16),
        day("6月16日周一", 2014, 6, 16),
        day("6月22日（星期日）", 2014, 6, 22),
        day("6月22日(星期天)", 2014, 6, 22),
        day("6月22日（礼拜天）", 2014, 6, 22),
        day("2014年6月20日（星期五）", 2014, 6, 20),
        day("2025年9月10日（星期三）", 2025, 9, 10),
        day("9月1日（周一）", 2025, 9, 1),
        day("3月8日（周六）", 2025, 3, 8),
        day("2014-06-16（周一）", 2014, 6, 16),
        day("6.16(周一)", 2014, 6, 16),
        day("6/16（周一）", 2014, 6, 16),
        until("6月20日（周五）前", 2014, 6, 20),
        until("6月20日(星期五)之前", 2014, 6, 20),
        until("1月17日（周五）下午5点前", 2014, 1, 17),
        (
            "6月16日（周一）至6月20日（周五）",
            2014,
            Some((2014, 6, 16)),
            (2014, 6, 20),
        ),
        (
            "6月16日(星期一)—20日(星期五)",
            2014,
            Some((2014, 6, 16)),
            (2014, 6, 20),
        ),
        day("7月1日（农历六月初五）", 2014, 7, 1),
    ]);
}

#[test]
fn a_weekday_that_contradicts_its_date_is_an_error_about_the_year() {
    refused(&[
        (
            "1月17日(周五)",
            2015,
            "2015-01-17 is a Sat (周六), not a 周五",
            "2015-01-17 是周六，不是周五",
        ),
        ("1月17日(周五)", 2015, "`year`", "`year`"),
        ("1月17日(周五)", 2015, "2014", "2014年"),
        ("6月16日（星期一）", 2015, "not a 周一", "不是周一"),
        (
            "6月16日(周一)至6月20日(周四)",
            2014,
            "not a 周四",
            "不是周四",
        ),
        (
            "6月（周一）",
            2014,
            "a weekday belongs to a single day",
            "星期",
        ),
        ("7月上旬（周一）", 2014, "not a ten-day period", "一旬"),
    ]);
}

#[test]
fn times_of_day() {
    check(&[
        until("4月22日下午5点前", 2014, 4, 22),
        until("10月7日19:00前", 2014, 10, 7),
        until("10月7日19：00前", 2014, 10, 7),
        until("10月7日 19:00 前", 2014, 10, 7),
        day("5月30日晚", 2014, 5, 30),
        day("5月30日晚上", 2014, 5, 30),
        day("6月16日上午9:00—11:30", 2014, 6, 16),
        day("6月16日上午9:00-11:30", 2014, 6, 16),
        day("6月16日上午9：00－11：30", 2014, 6, 16),
        day("6月16日上午8点至下午5点", 2014, 6, 16),
        day("6月16日（星期一）上午9:00", 2014, 6, 16),
        day("6月16日14:30", 2014, 6, 16),
        day("6月16日 14:30", 2014, 6, 16),
        day("6月16日下午2:30", 2014, 6, 16),
        day("6月16日9时30分", 2014, 6, 16),
        day("6月16日上午", 2014, 6, 16),
        day("6月16日全天", 2014, 6, 16),
        until("6月20日下班前", 2014, 6, 20),
        until("6月20日17:00前", 2014, 6, 20),
        until("6月20日中午12点前", 2014, 6, 20),
        until("6月20日下午5点半前", 2014, 6, 20),
        until("2014年6月20日下午5:00之前", 2014, 6, 20),
        day("2014-06-16 09:00", 2014, 6, 16),
        day("6.16 9:00", 2014, 6, 16),
        day("6.16 19:00", 2014, 6, 16),
        day("6/16 9:00", 2014, 6, 16),
        day("6.1 19:00", 2014, 6, 1),
        (
            "6月16日上午至6月17日下午",
            2014,
            Some((2014, 6, 16)),
            (2014, 6, 17),
        ),
    ]);
}

#[test]
fn inclusive_marks() {
    check(&[
        until("4月3日(含)前", 2014, 4, 3),
        until("4月3日（含）以前", 2014, 4, 3),
        until("4月3日（含）之前", 2014, 4, 3),
        until("4月3日(含当日)前", 2014, 4, 3),
        until("2014年4月3日（含）前", 2014, 4, 3),
        (
            "6月6日（含）至6月14日（含）",
            2014,
            Some((2014, 6, 6)),
            (2014, 6, 14),
        ),
    ]);
}

#[test]
fn slash_dash_and_dot_days() {
    check(&[
        day("2014/6/16", 2014, 6, 16),
        day("2025/9/10", 2025, 9, 10),
        day("2014/06/16", 2014, 6, 16),
        day("6/16", 2014, 6, 16),
        day("9/10", 2025, 9, 10),
        day("2014-6-16", 2014, 6, 16),
        day("2014.6.16", 2014, 6, 16),
        day("2014．6．16", 2014, 6, 16),
        day("２０１４／６／１６", 2014, 6, 16),
        until("6/20前", 2014, 6, 20),
        ("6/16-6/20", 2014, Some((2014, 6, 16)), (2014, 6, 20)),
        ("6/16至6/20", 2014, Some((2014, 6, 16)), (2014, 6, 20)),
        (
            "2014/6/16-2014/6/20",
            2020,
            Some((2014, 6, 16)),
            (2014, 6, 20),
        ),
        (
            "2014.6.16-2014.6.20",
            2020,
            Some((2014, 6, 16)),
            (2014, 6, 20),
        ),
        (
            "2014-6-16至2014-6-20",
            2020,
            Some((2014, 6, 16)),
            (2014, 6, 20),
        ),
    ]);
}

#[test]
fn year_month_cells() {
    check(&[
        ("2005.1", 2020, Some((2005, 1, 1)), (2005, 1, 31)),
        ("2005.12", 2020, Some((2005, 12, 1)), (2005, 12, 31)),
        ("2005.1—4", 2020, Some((2005, 1, 1)), (2005, 4, 30)),
        ("2005.1-4", 2020, Some((2005, 1, 1)), (2005, 4, 30)),
        ("2005.10—12", 2020, Some((2005, 10, 1)), (2005, 12, 31)),
        ("2005.5—2006.6", 2020, Some((2005, 5, 1)), (2006, 6, 30)),
        ("2005.11-2006.2", 2020, Some((2005, 11, 1)), (2006, 2, 28)),
        ("2005.5～2006.6", 2020, Some((2005, 5, 1)), (2006, 6, 30)),
        ("2014/6", 2020, Some((2014, 6, 1)), (2014, 6, 30)),
        ("2005.9—2006.1", 2020, Some((2005, 9, 1)), (2006, 1, 31)),
        ("2005.11—2", 2020, Some((2005, 11, 1)), (2006, 2, 28)),
    ]);
}

#[test]
fn chinese_numerals() {
    check(&[
        day("六月十六日", 2014, 6, 16),
        ("十二月下旬", 2014, Some((2014, 12, 21)), (2014, 12, 31)),
        ("二〇一四年六月", 2020, Some((2014, 6, 1)), (2014, 6, 30)),
        ("二○一四年六月", 2020, Some((2014, 6, 1)), (2014, 6, 30)),
        ("六月中旬", 2014, Some((2014, 6, 11)), (2014, 6, 20)),
        day("十一月三十日", 2014, 11, 30),
        day("二〇一四年十月一日", 2014, 10, 1),
        until("九月二十日前", 2014, 9, 20),
        ("三月", 2014, Some((2014, 3, 1)), (2014, 3, 31)),
        ("六月至七月", 2014, Some((2014, 6, 1)), (2014, 7, 31)),
        ("六月十日至二十日", 2014, Some((2014, 6, 10)), (2014, 6, 20)),
        until("十月底前", 2014, 10, 31),
    ]);
}

#[test]
fn two_dekads() {
    check(&[
        ("6月中下旬", 2014, Some((2014, 6, 11)), (2014, 6, 30)),
        ("7月上中旬", 2014, Some((2014, 7, 1)), (2014, 7, 20)),
        ("7月上、中旬", 2014, Some((2014, 7, 1)), (2014, 7, 20)),
        ("9月中、下旬", 2014, Some((2014, 9, 11)), (2014, 9, 30)),
        ("9月中旬、下旬", 2014, Some((2014, 9, 11)), (2014, 9, 30)),
        ("2月中下旬", 2016, Some((2016, 2, 11)), (2016, 2, 29)),
        ("十一月上中旬", 2014, Some((2014, 11, 1)), (2014, 11, 20)),
        until("7月上中旬前", 2014, 7, 20),
    ]);
    refused(&[
        ("7月上下旬", 2014, "not a date expression", "不是日期写法"),
        ("7月下上旬", 2014, "not a date expression", "不是日期写法"),
    ]);
}

#[test]
fn month_ranges() {
    check(&[
        ("4-5月", 2014, Some((2014, 4, 1)), (2014, 5, 31)),
        ("4—5月", 2014, Some((2014, 4, 1)), (2014, 5, 31)),
        ("2007年4—5月", 2020, Some((2007, 4, 1)), (2007, 5, 31)),
        ("2007年4-5月", 2020, Some((2007, 4, 1)), (2007, 5, 31)),
        ("4至5月", 2014, Some((2014, 4, 1)), (2014, 5, 31)),
        ("4、5月", 2014, Some((2014, 4, 1)), (2014, 5, 31)),
        ("4～5月", 2014, Some((2014, 4, 1)), (2014, 5, 31)),
        ("9-12月", 2014, Some((2014, 9, 1)), (2014, 12, 31)),
        ("3-4月份", 2014, Some((2014, 3, 1)), (2014, 4, 30)),
        ("6月份", 2014, Some((2014, 6, 1)), (2014, 6, 30)),
        ("6月、7月", 2014, Some((2014, 6, 1)), (2014, 7, 31)),
        ("十一至十二月", 2014, Some((2014, 11, 1)), (2014, 12, 31)),
        ("11-1月", 2014, Some((2014, 11, 1)), (2015, 1, 31)),
    ]);
}

#[test]
fn parts_of_a_year() {
    check(&[
        ("2014年上半年", 2020, Some((2014, 1, 1)), (2014, 6, 30)),
        ("上半年", 2014, Some((2014, 1, 1)), (2014, 6, 30)),
        ("下半年", 2014, Some((2014, 7, 1)), (2014, 12, 31)),
        ("第一季度", 2014, Some((2014, 1, 1)), (2014, 3, 31)),
        ("一季度", 2014, Some((2014, 1, 1)), (2014, 3, 31)),
        ("第二季度", 2014, Some((2014, 4, 1)), (2014, 6, 30)),
        ("三季度", 2014, Some((2014, 7, 1)), (2014, 9, 30)),
        ("第四季度", 2014, Some((2014, 10, 1)), (2014, 12, 31)),
        ("2014年第三季度", 2020, Some((2014, 7, 1)), (2014, 9, 30)),
        ("第3季度", 2014, Some((2014, 7, 1)), (2014, 9, 30)),
        until("年底", 2014, 12, 31),
        until("年底前", 2014, 12, 31),
        until("年末", 2014, 12, 31),
        until("2014年底", 2014, 12, 31),
        until("2014年底前", 2014, 12, 31),
        until("年内", 2014, 12, 31),
        until("年底前完成", 2014, 12, 31),
        ("全年", 2014, Some((2014, 1, 1)), (2014, 12, 31)),
        ("2014年全年", 2020, Some((2014, 1, 1)), (2014, 12, 31)),
        until("上半年前", 2014, 6, 30),
        ("9月至年底", 2014, Some((2014, 9, 1)), (2014, 12, 31)),
        ("3月至年底", 2014, Some((2014, 3, 1)), (2014, 12, 31)),
        (
            "下半年至次年上半年",
            2014,
            Some((2014, 7, 1)),
            (2015, 6, 30),
        ),
    ]);
    refused(&[
        ("第五季度", 2014, "no quarter 5", "第5季度"),
        ("2014年", 2014, "not a date expression", "不是日期写法"),
    ]);
}

#[test]
fn next_year() {
    check(&[
        ("次年1月", 2014, Some((2015, 1, 1)), (2015, 1, 31)),
        ("翌年3月上旬", 2014, Some((2015, 3, 1)), (2015, 3, 10)),
        ("明年3月", 2014, Some((2015, 3, 1)), (2015, 3, 31)),
        ("来年春节前", 2014, None, (2015, 2, 18)),
        ("今年6月", 2014, Some((2014, 6, 1)), (2014, 6, 30)),
        ("9月至次年6月", 2014, Some((2014, 9, 1)), (2015, 6, 30)),
        (
            "2014年9月至次年1月",
            2020,
            Some((2014, 9, 1)),
            (2015, 1, 31),
        ),
        ("次年1月至次年3月", 2014, Some((2015, 1, 1)), (2015, 3, 31)),
        ("次年上半年", 2014, Some((2015, 1, 1)), (2015, 6, 30)),
        ("明年全年", 2014, Some((2015, 1, 1)), (2015, 12, 31)),
    ]);
    refused(&[
        ("明年", 2014, "明年3月, 明年上半年", "明年3月"),
        ("次年", 2014, "a year alone", "只有年份"),
    ]);
}

#[test]
fn next_year_days_fall_in_the_next_year() {
    // `until` builds the due in the plan's year; these are the next year's.
    assert_eq!(
        parse_window("次年6月底前", 2014).map(|w| w.due),
        Ok(d(2015, 6, 30))
    );
    assert_eq!(parse_day("次年1月10日", 2014), Ok(d(2015, 1, 10)));
}

#[test]
fn festival_deadlines() {
    check(&[
        until("国庆节前", 2014, 9, 30),
        until("国庆前", 2014, 9, 30),
        until("十一前", 2014, 9, 30),
        day("“七一”前夕", 2014, 6, 30),
        day("七一前夕", 2014, 6, 30),
        until("七一前", 2014, 6, 30),
        until("“七一”前", 2014, 6, 30),
        ("元旦前", 2015, None, (2014, 12, 31)),
        until("五一前", 2014, 4, 30),
        until("“五一”前", 2014, 4, 30),
        until("教师节前", 2014, 9, 9),
        until("春节前", 2015, 2, 18),
        until("春节前", 2014, 1, 30),
        until("清明节前", 2014, 4, 4),
        until("清明前", 2015, 4, 4),
        until("端午节前", 2014, 6, 1),
        until("中秋节前", 2014, 9, 7),
        until("中秋前", 2025, 10, 5),
        until("六一前", 2014, 5, 31),
        until("“六一”儿童节前", 2014, 5, 31),
        until("建党节前", 2014, 6, 30),
        day("国庆节", 2014, 10, 1),
        day("七一", 2014, 7, 1),
        day("教师节", 2014, 9, 10),
        until("国庆节前完成", 2014, 9, 30),
        ("9月1日至国庆节", 2014, Some((2014, 9, 1)), (2014, 10, 1)),
        ("七一至7月底", 2014, Some((2014, 7, 1)), (2014, 7, 31)),
    ]);
    refused(&[
        ("春节前", 2040, "only for 2004–2035", "2004–2035"),
        ("中秋节前", 2003, "not 2003", "2003"),
        ("清明前", 2036, "清明节", "清明节"),
        (
            "春节前后",
            2014,
            "`前后` does not name a date",
            "不是确定的日期",
        ),
    ]);
}

#[test]
fn festivals_in_the_year_written() {
    assert_eq!(
        parse_window("2015年国庆节前", 2014).map(|w| w.due),
        Ok(d(2015, 9, 30))
    );
    assert_eq!(
        parse_window("次年春节前", 2014).map(|w| w.due),
        Ok(d(2015, 2, 18))
    );
    assert_eq!(parse_day("国庆节", 2014), Ok(d(2014, 10, 1)));
}

#[test]
fn teaching_week_windows() {
    let monday = d(2025, 9, 1);
    check_in(
        &[
            ("第1周", 2025, Some((2025, 9, 1)), (2025, 9, 7)),
            ("第3周", 2025, Some((2025, 9, 15)), (2025, 9, 21)),
            ("第3教学周", 2025, Some((2025, 9, 15)), (2025, 9, 21)),
            ("第三周", 2025, Some((2025, 9, 15)), (2025, 9, 21)),
            ("第3-4周", 2025, Some((2025, 9, 15)), (2025, 9, 28)),
            ("第3—4周", 2025, Some((2025, 9, 15)), (2025, 9, 28)),
            ("第3至4周", 2025, Some((2025, 9, 15)), (2025, 9, 28)),
            ("第3周至第5周", 2025, Some((2025, 9, 15)), (2025, 10, 5)),
            ("第十八周", 2025, Some((2025, 12, 29)), (2026, 1, 4)),
            ("第17-18周", 2025, Some((2025, 12, 22)), (2026, 1, 4)),
            ("第16周前", 2025, None, (2025, 12, 21)),
            ("第3周至10月底", 2025, Some((2025, 9, 15)), (2025, 10, 31)),
        ],
        Some(monday),
    );
    refused(&[
        ("第3周", 2025, "`term_start`", "`term_start`"),
        (
            "第3-4周",
            2025,
            "term_start = \"2025-09-01\"",
            "第1周的星期一",
        ),
    ]);
    let ctx = Context {
        year: 2025,
        term_start: Some(monday),
    };
    assert!(parse_window_in("第0周", ctx).is_err());
    assert!(parse_window_in("第5-3周", ctx).is_err());
}

#[test]
fn teaching_weeks_for_the_week_command() {
    let monday = Some(d(2025, 9, 1));
    assert_eq!(
        teaching_weeks("第3周", monday),
        Ok(Some(Window {
            start: Some(d(2025, 9, 15)),
            due: d(2025, 9, 21)
        }))
    );
    assert_eq!(
        teaching_weeks("第 3-4 周", monday),
        Ok(Some(Window {
            start: Some(d(2025, 9, 15)),
            due: d(2025, 9, 28)
        }))
    );
    assert_eq!(teaching_weeks("6月16日", monday), Ok(None));
    assert_eq!(teaching_weeks("2014-W25", monday), Ok(None));
    let e = teaching_weeks("第3周", None).expect_err("no term_start");
    assert!(e.message.contains("term_start"), "{e:?}");
}

#[test]
fn approximate_words() {
    check(&[
        ("大约11月上旬", 2014, Some((2014, 11, 1)), (2014, 11, 10)),
        ("11月上旬左右", 2014, Some((2014, 11, 1)), (2014, 11, 10)),
        ("约6月", 2014, Some((2014, 6, 1)), (2014, 6, 30)),
        ("大概6月中旬", 2014, Some((2014, 6, 11)), (2014, 6, 20)),
        day("6月16日左右", 2014, 6, 16),
        ("6月左右", 2014, Some((2014, 6, 1)), (2014, 6, 30)),
    ]);
}

#[test]
fn open_starts_and_wordy_ranges() {
    check(&[
        until("即日起至9月20日", 2014, 9, 20),
        until("即日起至9月20日止", 2014, 9, 20),
        until("自即日起至9月20日", 2014, 9, 20),
        until("即日起—9月20日", 2014, 9, 20),
        until("即日至9月20日", 2014, 9, 20),
        until("从即日起到9月底", 2014, 9, 30),
        until("截至6月30日", 2014, 6, 30),
        until("截止6月30日", 2014, 6, 30),
        until("截止到6月底", 2014, 6, 30),
        until("至6月30日止", 2014, 6, 30),
        until("6月30日止", 2014, 6, 30),
        (
            "从6月1日起至6月30日止",
            2014,
            Some((2014, 6, 1)),
            (2014, 6, 30),
        ),
        (
            "自6月1日起至6月30日止",
            2014,
            Some((2014, 6, 1)),
            (2014, 6, 30),
        ),
        (
            "6月1日开始至6月30日",
            2014,
            Some((2014, 6, 1)),
            (2014, 6, 30),
        ),
        ("6月1日起至6月30日", 2014, Some((2014, 6, 1)), (2014, 6, 30)),
        ("6月1日至6月30日止", 2014, Some((2014, 6, 1)), (2014, 6, 30)),
        ("6月期间", 2014, Some((2014, 6, 1)), (2014, 6, 30)),
        (
            "6月1日至6月30日期间",
            2014,
            Some((2014, 6, 1)),
            (2014, 6, 30),
        ),
        until("6月20日前完成", 2014, 6, 20),
        until("6月底前完成", 2014, 6, 30),
        until("6月底完成", 2014, 6, 30),
        until("7月中旬完成", 2014, 7, 20),
        (
            "6月1日至6月30日完成",
            2014,
            Some((2014, 6, 1)),
            (2014, 6, 30),
        ),
    ]);
    refused(&[
        (
            "6月1日开始",
            2014,
            "a start alone has no due date",
            "没有截止时间",
        ),
        ("9月起", 2014, "6月1日起至6月30日", "6月1日起至6月30日"),
        ("即日起", 2014, "needs its end", "截止日期"),
        ("即日起至6月1日至6月3日", 2014, "not a range", "截止日期"),
    ]);
}

#[test]
fn more_separators() {
    let june = Some((2014, 6, 6));
    check(&[
        ("6月6日–6月14日", 2014, june, (2014, 6, 14)),
        ("6月6日--6月14日", 2014, june, (2014, 6, 14)),
        ("6月6日——6月14日", 2014, june, (2014, 6, 14)),
        ("6月6日－6月14日", 2014, june, (2014, 6, 14)),
        ("6月6日～6月14日", 2014, june, (2014, 6, 14)),
        ("6月6日~14日", 2014, june, (2014, 6, 14)),
        ("6月6日―14日", 2014, june, (2014, 6, 14)),
        ("6.6–6.14", 2014, june, (2014, 6, 14)),
        ("2014-06-06--2014-06-14", 2014, june, (2014, 6, 14)),
    ]);
}

#[test]
fn vague_forms_stay_refused() {
    refused(&[
        ("春节前后", 2014, "前后", "前后"),
        ("待定", 2014, "does not name a date", "不是确定的日期"),
        ("另行通知", 2014, "does not name a date", "不是确定的日期"),
        ("时间另定", 2014, "另定", "另定"),
        ("6月（暂定）", 2014, "暂定", "暂定"),
        ("长期坚持", 2014, "长期", "长期"),
        ("每月5日前", 2014, "repeats", "重复"),
        ("每周一", 2014, "one step or task per occurrence", "每一次"),
        ("本月20日前", 2014, "depends on the day", "6月20日前"),
        ("本周五", 2014, "本周", "本周"),
        ("下月初", 2014, "下月", "下月"),
        ("6月16日（另附）", 2014, "is a note", "注释"),
    ]);
}

#[test]
fn relative_wordings_get_the_relative_due_form() {
    refused(&[
        (
            "会后10天内",
            2014,
            "due = { after = \"…\", days = 10 }",
            "due = { after = \"…\", days = 10 }",
        ),
        (
            "10个工作日内",
            2014,
            "due = { after = \"…\", workdays = 10 }",
            "workdays = 10",
        ),
        ("专题民主生活会后10天内", 2014, "days = 10", "days = 10"),
        ("十个工作日内", 2014, "workdays = 10", "workdays = 10"),
        ("收到通知后5个工作日", 2014, "workdays = 5", "workdays = 5"),
        ("15日内", 2014, "days = 15", "days = 15"),
    ]);
}

#[test]
fn near_misses_name_the_form_meant() {
    refused(&[
        ("7-1", 2014, "`7` is not a year", "不是年份"),
        ("7-1", 2014, "7月1日, 7.1 or 7/1", "7月1日"),
        ("6-16", 2014, "6月16日", "6/16"),
        ("2005.13", 2014, "there is no month 13", "没有13月"),
        ("2005.13", 2014, "2005.1—4", "2005.1—4"),
    ]);
}

#[test]
fn single_days_among_the_new_forms() {
    let ok: &[(&str, i32, (i32, u32, u32))] = &[
        ("1月17日(周五)", 2014, (2014, 1, 17)),
        ("6月16日上午9:00—11:30", 2014, (2014, 6, 16)),
        ("2014/6/16", 2020, (2014, 6, 16)),
        ("6/16", 2014, (2014, 6, 16)),
        ("六月十六日", 2014, (2014, 6, 16)),
        ("“七一”前夕", 2014, (2014, 6, 30)),
    ];
    for &(text, year, (y, m, dd)) in ok {
        assert_eq!(parse_day(text, year), Ok(d(y, m, dd)), "{text:?}");
    }
    for text in [
        "2005.1—4",
        "4-5月",
        "上半年",
        "年底",
        "国庆节前",
        "6月中下旬",
    ] {
        assert!(parse_day(text, 2014).is_err(), "{text:?}");
    }
}

#[test]
fn existing_forms_read_as_before() {
    // The first table's forms must not be disturbed by the new ones.
    check(&[
        ("7.1", 2014, Some((2014, 7, 1)), (2014, 7, 1)),
        ("6.16-6.20", 2014, Some((2014, 6, 16)), (2014, 6, 20)),
        ("2014-06", 2020, Some((2014, 6, 1)), (2014, 6, 30)),
        ("6月6日至14", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("7月上旬至中旬", 2014, Some((2014, 7, 1)), (2014, 7, 20)),
    ]);
}

/// Forms that name days of one month `m`, with the month written in many of the ways above.
fn in_month_forms(m: u32, dd: u32, which: usize) -> String {
    match which {
        0 => format!("{m}月{dd}日(周一)"),
        1 => format!("{m}月{dd}日下午5点前"),
        2 => format!("{m}月{dd}日19:00前"),
        3 => format!("{m}/{dd}"),
        4 => format!("{m}月中下旬"),
        5 => format!("{m}月上、中旬"),
        6 => format!("大约{m}月上旬"),
        7 => format!("{m}月{dd}日（含）前"),
        8 => format!("{m}月{dd}日上午9:00—11:30"),
        9 => format!("{m}月份"),
        10 => format!("{m}月{dd}日晚"),
        _ => format!("约{m}月{dd}日左右"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Whatever a form of one month reads to stays inside that month (or is refused).
    #[test]
    fn no_date_outside_the_month_written(m in 1u32..=12, dd in 1u32..=31, which in 0usize..12, year in 1900i32..2100) {
        let text = in_month_forms(m, dd, which);
        if let Ok(w) = parse_window(&text, year) {
            let first = d(year, m, 1);
            let last = d(year, m, forms::days_in_month(year, m));
            prop_assert!(w.due >= first && w.due <= last, "{text}: {w:?}");
            if let Some(s) = w.start {
                prop_assert!(s >= first && s <= w.due, "{text}: {w:?}");
            }
        }
    }

    /// Month ranges and year.month cells stay within their first and last month.
    #[test]
    fn month_ranges_stay_in_their_months(a in 1u32..=12, b in 1u32..=12, y in 1990i32..2030, which in 0usize..4) {
        let text = match which {
            0 => format!("{y}年{a}-{b}月"),
            1 => format!("{y}.{a}—{b}"),
            2 => format!("{y}.{a}—{}.{b}", y + 1),
            _ => format!("{a}、{b}月"),
        };
        if let Ok(w) = parse_window(&text, y) {
            let start = w.start.expect("a range has a start");
            prop_assert_eq!(start, d(y, a, 1), "{}", text);
            prop_assert_eq!(w.due.month(), b, "{}", text);
            prop_assert!(w.due.year() == y || w.due.year() == y + 1, "{}", text);
        }
    }
}

const NEW_ALPHABET: &[char] = &[
    '0', '1', '2', '6', '9', '年', '月', '日', '旬', '上', '中', '下', '初', '底', '末', '前',
    '夕', '至', '—', '-', '~', '.', '/', ':', '(', ')', '（', '）', '周', '星', '期', '五', '一',
    '十', '〇', '含', '第', '季', '度', '半', '全', '次', '约', '左', '右', '点', '午', '晚', '即',
    '起', '止', '从', '完', '成', '间', '国', '庆', '节', '七', '春', '教', '学', '、', '份', '农',
    '历', '后', '天', '内', '个', '工', '作', '本', '每', '“', '”', ' ', '\u{1}', '：', '–',
];

fn new_grammar_string() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(NEW_ALPHABET), 0..20)
        .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The new forms' words in any order: never a panic, windows in order, a single day
    /// is a window of one day, and teaching weeks are whole weeks from `term_start`.
    #[test]
    fn new_forms_never_panic_and_windows_are_ordered(
        text in new_grammar_string(),
        year in -10_000i32..10_000,
        term in proptest::option::of(0u64..3000),
    ) {
        let term_start = term.map(|k| d(2000, 1, 3) + chrono::Days::new(7 * k));
        let ctx = Context { year, term_start };
        if let Ok(Window { start: Some(start), due }) = parse_window_in(&text, ctx) {
            prop_assert!(start <= due, "{text:?}: {start} > {due}");
        }
        if let Ok(day) = parse_day(&text, year) {
            prop_assert_eq!(parse_window(&text, year), Ok(Window { start: Some(day), due: day }));
        }
        if let Ok(Some(w)) = teaching_weeks(&text, term_start) {
            let (Some(start), Some(first)) = (w.start, term_start) else {
                return Err(TestCaseError::fail(format!("{text:?}: {w:?}")));
            };
            prop_assert_eq!((start - first).num_days() % 7, 0);
            prop_assert_eq!((w.due - start).num_days() % 7, 6);
        }
    }

    #[test]
    fn new_forms_with_extreme_years_never_panic(text in new_grammar_string(), year in any::<i32>()) {
        let _ = parse_window(&text, year);
        let _ = parse_day(&text, year);
    }
}

/// Cells as printed in the time columns of public work plans and school calendars
/// (实施方案 时间安排, 工作安排表 完成时限, 校历), with the window each means.
#[test]
fn cells_from_real_schedules() {
    check(&[
        ("8月20日-8月31日", 2024, Some((2024, 8, 20)), (2024, 8, 31)),
        ("9月1日-9月15日", 2024, Some((2024, 9, 1)), (2024, 9, 15)),
        (
            "9月16日-12月31日",
            2024,
            Some((2024, 9, 16)),
            (2024, 12, 31),
        ),
        (
            "2013年6月22日至25日",
            2013,
            Some((2013, 6, 22)),
            (2013, 6, 25),
        ),
        (
            "2014年6月中旬—7月上旬",
            2014,
            Some((2014, 6, 11)),
            (2014, 7, 10),
        ),
        ("6月18日—26日", 2014, Some((2014, 6, 18)), (2014, 6, 26)),
        ("6月下旬至7月", 2014, Some((2014, 6, 21)), (2014, 7, 31)),
        ("9月—次年1月", 2013, Some((2013, 9, 1)), (2014, 1, 31)),
        (
            "2013年10月—2014年1月",
            2013,
            Some((2013, 10, 1)),
            (2014, 1, 31),
        ),
        until("10月底前", 2013, 10, 31),
        ("2014年1月—12月", 2014, Some((2014, 1, 1)), (2014, 12, 31)),
        (
            "2019年9月至2020年1月",
            2019,
            Some((2019, 9, 1)),
            (2020, 1, 31),
        ),
        ("2月下旬—3月上旬", 2019, Some((2019, 2, 21)), (2019, 3, 10)),
        day("3月1日（星期五）", 2019, 3, 1),
        day("4月15日(周一)", 2019, 4, 15),
        day("5月30日（周四）下午", 2019, 5, 30),
        (
            "2015年3月—2015年12月",
            2015,
            Some((2015, 3, 1)),
            (2015, 12, 31),
        ),
        until("12月31日前", 2015, 12, 31),
        ("2020.9—2021.1", 2020, Some((2020, 9, 1)), (2021, 1, 31)),
        ("2006.3-2006.12", 2006, Some((2006, 3, 1)), (2006, 12, 31)),
        until("2021年4月底前", 2021, 4, 30),
        ("2021年5月—6月", 2021, Some((2021, 5, 1)), (2021, 6, 30)),
        ("2021年第二季度", 2021, Some((2021, 4, 1)), (2021, 6, 30)),
        until("2021年上半年完成", 2021, 6, 30),
        until("2022年6月底前完成", 2022, 6, 30),
        until("即日起—2022年10月31日", 2022, 10, 31),
        ("2022年9月—12月", 2022, Some((2022, 9, 1)), (2022, 12, 31)),
        ("3月中旬至4月底", 2022, Some((2022, 3, 11)), (2022, 4, 30)),
        ("6月初至6月中旬", 2014, Some((2014, 6, 1)), (2014, 6, 20)),
        until("2014年6月30日前", 2014, 6, 30),
        (
            "2014年6月16日—6月20日",
            2014,
            Some((2014, 6, 16)),
            (2014, 6, 20),
        ),
        day("二〇一四年六月十六日", 2014, 6, 16),
        until("6月底前（含）", 2014, 6, 30),
        until("十月底前完成", 2014, 10, 31),
        (
            "11月上旬—12月中旬",
            2014,
            Some((2014, 11, 1)),
            (2014, 12, 20),
        ),
        ("5月—10月", 2014, Some((2014, 5, 1)), (2014, 10, 31)),
        ("3—6月", 2014, Some((2014, 3, 1)), (2014, 6, 30)),
        ("10月—11月上旬", 2014, Some((2014, 10, 1)), (2014, 11, 10)),
    ]);
    check_in(
        &[("第1-2周", 2025, Some((2025, 9, 1)), (2025, 9, 14))],
        Some(d(2025, 9, 1)),
    );
    refused(&[
        ("自下半年开始", 2013, "a start alone", "没有截止时间"),
        ("用一年左右", 2013, "not a date expression", "不是日期写法"),
        ("7月1日前后", 2014, "前后", "前后"),
        ("每月25日前", 2014, "repeats", "重复"),
        ("长期坚持", 2014, "长期", "长期"),
        ("7月上旬（期末考试后）", 2014, "is a note", "注释"),
        ("开学初", 2014, "not a date expression", "不是日期写法"),
        ("1-2周", 2014, "not a date expression", "不是日期写法"),
        (
            "6月16日、18日",
            2014,
            "not a date expression",
            "不是日期写法",
        ),
        ("国庆期间", 2014, "10月1日至10月7日", "好几天"),
        ("春节期间", 2014, "holiday is several days", "好几天"),
        (
            "2014年国庆节期间",
            2014,
            "holiday is several days",
            "好几天",
        ),
    ]);
}
