//! Dates as real schedules print them, end to end: a school-year table copied with one
//! `year` is warned about by `check`, and the new forms reach `list`/`show`.

use crate::harness::Env;

/// A school year's schedule (September to June) with one `year`, as it is often copied.
const SCHOOL_YEAR: &str = r#"title = "2011—2012学年德育工作安排"
year = 2011

[[step]]
title = "开学典礼"
when = "9月1日（周四）"
owner = "校长室"

[[step]]
title = "国庆主题教育"
due = "国庆节前"
owner = "德育处"

[[step]]
title = "期中家长会"
when = "11月中下旬"
owner = "德育处"

[[step]]
title = "元旦文艺汇演"
when = "12月下旬"
owner = "团委"

[[step]]
title = "寒假安全教育"
when = "1月上旬"
owner = "德育处"

[[step]]
title = "学雷锋活动月"
when = "3月"
owner = "团委"

[[step]]
title = "清明祭扫"
due = "清明节前"
owner = "团委"

[[step]]
title = "毕业典礼"
when = "6月下旬"
owner = "校长室"
"#;

#[test]
fn a_school_year_table_with_one_year_is_warned_about_where_it_crosses_new_year() {
    let env = Env::with_plan(SCHOOL_YEAR);
    let run = env.run_on("2011-09-01", &["check"]);
    assert!(run.ok().ends_with("——没有问题\n"), "{}", run.stdout);
    // 清明节前 is April 4, inside the 清明 holiday: that warning is the days-off one.
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.contains("法定休息日"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert_eq!(
        lines[0],
        "警告：plan.toml:24：步骤5（“1月上旬”，2011-01-01..2011-01-10）比上一步（步骤4，2011-12-21 开始）早两个多月——表格跨年了吗？请写成“次年1月上旬”或“2012年1月上旬”，或核对 `year`"
    );
    let en = env.run_on("2011-09-01", &["--lang", "en", "check"]);
    assert!(
        en.ok().is_empty() || en.stdout.ends_with("— ok\n"),
        "{}",
        en.stdout
    );
    assert!(
        en.stderr.contains(
            "plan.toml:24: step 5 (`1月上旬`, 2011-01-01..2011-01-10) falls more than two months before the previous step, 4 (starts 2011-12-21); a table crossing New Year? write `次年1月上旬` or `2012年1月上旬`, or check `year`"
        ),
        "{}",
        en.stderr
    );
    let json = env.run_on("2011-09-01", &["--json", "check"]).json();
    assert_eq!(json["warnings"].as_array().map(Vec::len), Some(2));
}

#[test]
fn written_with_next_year_the_table_is_quiet() {
    let fixed = SCHOOL_YEAR
        .replace("\"1月上旬\"", "\"次年1月上旬\"")
        .replace("\"3月\"", "\"次年3月\"")
        .replace("\"清明节前\"", "\"次年清明节前\"")
        .replace("\"6月下旬\"", "\"次年6月下旬\"");
    let env = Env::with_plan(&fixed);
    let run = env.run_on("2011-09-01", &["check"]);
    assert!(run.ok().ends_with("——没有问题\n"), "{}", run.stdout);
    assert!(!run.stderr.contains("跨年"), "{}", run.stderr);
    // 清明 2012 is April 4: due the day before.
    let show = env.run_on("2011-09-01", &["--json", "show", "7"]).json();
    assert_eq!(show["item"]["due"], "2012-04-03", "{show}");
}

#[test]
fn a_step_before_the_step_it_waits_for_is_warned_about() {
    let env = Env::with_plan(
        r#"title = "t"
year = 2014
[[step]]
title = "方案"
when = "11月"
owner = "甲"
[[step]]
title = "总结"
when = "2月"
owner = "甲"
after = [1]
"#,
    );
    let run = env.run_on("2014-11-01", &["--lang", "en", "check"]);
    assert!(run.ok().ends_with("— ok\n"), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "step 2 (`2月`, 2014-02-01..2014-02-28) falls before step 1, which it waits for (`after`; starts 2014-11-01)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn the_seed_plan_has_no_year_order_warning() {
    let env = Env::seed();
    let run = env.run(&["check"]);
    assert!(!run.stderr.contains("跨年"), "{}", run.stderr);
}

/// What `check` says (in English) about a one-step plan whose `key` is `text`.
fn refused(year: i32, key: &str, text: &str) -> String {
    let env = Env::with_plan(&format!(
        "title = \"t\"\nyear = {year}\n[[step]]\ntitle = \"a\"\n{key} = \"{text}\"\nowner = \"甲\"\n"
    ));
    env.run(&["--lang", "en", "check"]).fails().to_string()
}

#[test]
fn a_contradicting_weekday_is_refused_with_the_year_to_check() {
    let err = refused(2015, "when", "1月17日(周五)");
    assert!(
        err.contains("`1月17日(周五)`: 2015-01-17 is a Sat (周六), not a 周五"),
        "{err}"
    );
    assert!(
        err.contains("is the plan's `year` (or the year written) 2015?"),
        "{err}"
    );
}

#[test]
fn a_relative_wording_gets_the_relative_due_as_its_hint() {
    let err = refused(2014, "due", "会后10天内");
    assert!(err.contains("due = { after = \"…\", days = 10 }"), "{err}");
}
