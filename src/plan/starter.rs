//! The plans `chunjiang init` writes: an example schedule shaped like the seed, or a blank
//! one with every field of the format explained. Pure text; the day is a parameter.

use chrono::{Datelike as _, Days, NaiveDate};

/// The starter plan for the week holding `today` (the next one, at a weekend): an example
/// schedule that starts that week, so nothing is overdue on day one; or with `blank` a minimal plan whose comments
/// explain every field.
#[must_use]
pub fn starter(today: NaiveDate, blank: bool, lang: crate::lang::Lang) -> String {
    let into_week = today.weekday().num_days_from_monday();
    let monday = if into_week >= 5 {
        today + Days::new(u64::from(7 - into_week))
    } else {
        today - Days::new(u64::from(into_week))
    };
    let day = |n: u64| monday + Days::new(n);
    // Every date with its year: the weeks may cross into the next one.
    let zh = |d: NaiveDate| format!("{}年{}月{}日", d.year(), d.month(), d.day());
    let window = |a: NaiveDate, b: NaiveDate| format!("{}至{}", zh(a), zh(b));
    let template = if blank { BLANK } else { EXAMPLE };
    // A Chinese user's blank plan says so outright, whatever its titles become.
    let template = if blank && lang == crate::lang::Lang::Zh {
        template.replace(LANG_COMMENTED, LANG_ZH)
    } else {
        template.to_string()
    };
    template
        .replace("{year}", &monday.year().to_string())
        .replace("{week1}", &window(day(0), day(4)))
        .replace("{week1_end}", &format!("{}前", zh(day(4))))
        .replace("{weeks23}", &window(day(7), day(18)))
        .replace("{week2_wed}", &zh(day(9)))
        .replace("{week4_thu}", &zh(day(24)))
}

/// The blank plan's `lang` line, left to the default…
const LANG_COMMENTED: &str = "# The language of labels: \"zh\" or \"en\" (default: from the LANG variable).\n# lang = \"zh\"\n";
/// … and as written for a Chinese user.
const LANG_ZH: &str = "# The language of labels and messages: \"zh\" or \"en\".\nlang = \"zh\"\n";

const EXAMPLE: &str = r#"# A starter plan written by `chunjiang init`: replace it with your own schedule,
# then run `chunjiang check`. `chunjiang init --blank` writes one with every field explained.

title = "{year}年重点工作推进安排"
org = "（单位名称）"
year = {year}
timezone = "+08:00"
lang = "zh"

[people]
"张三" = { role = "负责人" }
"李四" = {}
"王五" = {}

[[step]]
id = 1
title = "制订实施方案"
detail = "结合上级文件精神，制订本单位实施方案，明确目标、步骤和责任分工。"
when = "{week1}"
owners = ["张三"]

  [[step.task]]
  title = "实施方案报上级审核"
  due = "{week1_end}"

[[step]]
id = 2
title = "组织专题学习"
detail = "组织集中学习和专题研讨，留存学习记录。"
when = "{weeks23}"
owners = ["李四", "王五"]
after = ["1"]

  [[step.task]]
  title = "制订学习安排表"
  due = "{week2_wed}"

  [[step.task]]
  title = "留存学习记录备查"

[[step]]
id = 3
title = "召开总结会"
when = "{week4_thu}"
owners = ["张三"]
after = ["2"]

  [[step.task]]
  title = "总结报告报上级（会后10个工作日内）"
  due = { after = "3", workdays = 10 }
"#;

const BLANK: &str = r#"# A plan for chunjiang, written by `chunjiang init --blank`. Lines starting with #
# are comments; remove the # to use a field. Run `chunjiang check` after each edit.

# The plan's name, shown on every report (required).
title = "新计划"
# The organisation, shown under the title in reports.
# org = "单位名称"
# The year of dates written without one, such as 6月16日 (default: this year).
year = {year}
# A fixed UTC offset for "today" and the times in the ledger (default: this computer's).
# timezone = "+08:00"
# How many days ahead an item counts as "due soon" (default 7).
# soon_days = 7
# The first day of a week for `week` and `report`: "monday" (default) or "sunday".
# week_start = "monday"
# Where completion is recorded, relative to this file (default: <this file's name>.ledger.jsonl).
# ledger = "plan.ledger.jsonl"
# The language of labels: "zh" or "en" (default: from the LANG variable).
# lang = "zh"
# Official days off for working-day counts: "cn" (mainland China, default) or "none".
# calendar = "cn"
# ... or, to add local days off and weekend days worked, a table instead:
# [calendar]
# official = "cn"
# holidays = ["{year}-06-03"]
# workdays = ["{year}-06-07"]

# The roster. When present, every owner below must be listed here.
# [people]
# "张三" = { role = "负责人" }
# "李四" = {}

# One [[step]] per row of the schedule (工作步骤).
[[step]]
# A number or a string such as "4a"; unique (default: the step's position, 1, 2, …).
id = 1
# 工作步骤 (required).
title = "第一步"
# 主要内容.
# detail = "……"
# 时间安排: one date expression, a day or a window: 6月16日, 2014-06-16, 7月上旬,
# 6月底, 6月6日至6月14日, 6月20日前, 7.1前夕.
when = "6月16日"
# ... or, instead of `when`, a start and a due (never both with `when`):
# start = "6月1日"
# due = "6月20日"
# 责任人: a list, or owner = "张三" for one.
owners = ["张三"]
# Ids of steps that must be done first.
# after = []

  # 具体任务: deliverables, each tracked on its own (optional; as many as needed).
  # [[step.task]]
  # title = "完成实施方案"     # required
  # due = "6月16日"            # default: the step's due
  # due = { after = "1", days = 10 }      # or: ten days after step 1 is done
  # due = { after = "1", workdays = 10 }  # or: ten working days after
  # id = "1.1"                 # default "<step id>.<n>", in file order
  # owners = ["张三"]           # default: the step's owners
"#;

#[cfg(test)]
mod tests {
    use super::starter;
    use chrono::NaiveDate;

    use crate::lang::Lang;

    #[test]
    fn a_chinese_users_blank_plan_says_lang_zh() {
        let zh = starter(day(2025, 3, 3), true, Lang::Zh);
        let plan = crate::plan::parse(&zh, "plan.toml", 2025).unwrap();
        assert_eq!(plan.lang, Some(Lang::Zh));
        assert!(zh.lines().any(|l| l == "lang = \"zh\""), "{zh}");
        let en = starter(day(2025, 3, 3), true, Lang::En);
        let plan = crate::plan::parse(&en, "plan.toml", 2025).unwrap();
        assert_eq!(plan.lang, None);
        assert!(en.contains("# lang = \"zh\""), "{en}");
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn both_starters_are_valid_plans_in_any_year() {
        for year in [2014, 2024, 2099] {
            for (blank, lang) in [(false, Lang::Zh), (true, Lang::Zh), (true, Lang::En)] {
                let text = starter(day(year, 6, 18), blank, lang);
                let plan =
                    crate::plan::parse(&text, "plan.toml", 1999).unwrap_or_else(|p| panic!("{p}"));
                assert_eq!(plan.year, year);
                assert!(!plan.items.is_empty());
            }
        }
    }

    /// Written on any day, even in the last week of a year, the example starts that week
    /// and nothing in it is overdue.
    #[test]
    fn the_example_starts_this_week_and_nothing_is_overdue() {
        for today in [
            day(2025, 11, 30),
            day(2025, 12, 29),
            day(2026, 12, 31),
            day(2024, 2, 29),
        ] {
            let plan = crate::plan::parse(&starter(today, false, Lang::En), "plan.toml", 1999)
                .unwrap_or_else(|p| panic!("{today}: {p}"));
            let done = crate::state::History::empty(&plan).latest(&plan);
            let statuses = crate::state::evaluate(&plan, &done, today);
            assert!(
                statuses
                    .iter()
                    .all(|s| s.due >= today && s.due - today < chrono::Duration::days(50)),
                "{today}: {statuses:?}"
            );
            let first = plan.items.iter().filter_map(|i| i.start).min().unwrap();
            assert!((first - today).num_days().abs() < 7, "{today}: {first}");
        }
    }

    #[test]
    fn the_example_has_steps_tasks_and_a_relative_due() {
        let plan = crate::plan::parse(
            &starter(day(2025, 3, 3), false, Lang::En),
            "plan.toml",
            2025,
        )
        .unwrap();
        assert!(plan.items.len() >= 6);
        assert!(
            plan.items
                .iter()
                .any(|i| matches!(i.due, crate::plan::Due::After { .. }))
        );
    }

    #[test]
    fn the_blank_plan_mentions_every_field() {
        let text = starter(day(2025, 3, 3), true, Lang::En);
        for key in [
            "title",
            "org",
            "year",
            "timezone",
            "soon_days",
            "week_start",
            "ledger",
            "lang",
            "calendar",
            "holidays",
            "workdays",
            "[people]",
            "id",
            "detail",
            "when",
            "start",
            "due",
            "owners",
            "owner =",
            "after",
            "[[step.task]]",
            "workdays =",
        ] {
            assert!(text.contains(key), "{key}");
        }
    }
}
