//! The plans `chunjiang init` writes: an example schedule shaped like the seed, or a blank
//! one with every field of the format explained. Pure text; the year is a parameter.

/// The starter plan for `year`: an example schedule, or with `blank` a minimal plan whose
/// comments explain every field.
#[must_use]
pub fn starter(year: i32, blank: bool) -> String {
    let template = if blank { BLANK } else { EXAMPLE };
    template.replace("{year}", &year.to_string())
}

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
when = "3月上旬"
owners = ["张三"]

  [[step.task]]
  title = "实施方案报上级审核"
  due = "3月10日前"

[[step]]
id = 2
title = "组织专题学习"
detail = "组织集中学习和专题研讨，留存学习记录。"
when = "3月11日至3月31日"
owners = ["李四", "王五"]
after = ["1"]

  [[step.task]]
  title = "制订学习安排表"
  due = "3月15日"

  [[step.task]]
  title = "留存学习记录备查"

[[step]]
id = 3
title = "召开总结会"
when = "4月中旬"
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

    #[test]
    fn both_starters_are_valid_plans_in_any_year() {
        for year in [2014, 2024, 2099] {
            for blank in [false, true] {
                let text = starter(year, blank);
                let plan =
                    crate::plan::parse(&text, "plan.toml", 1999).unwrap_or_else(|p| panic!("{p}"));
                assert_eq!(plan.year, year);
                assert!(!plan.items.is_empty());
            }
        }
    }

    #[test]
    fn the_example_has_steps_tasks_and_a_relative_due() {
        let plan = crate::plan::parse(&starter(2025, false), "plan.toml", 2025).unwrap();
        assert!(plan.items.len() >= 6);
        assert!(
            plan.items
                .iter()
                .any(|i| matches!(i.due, crate::plan::Due::After { .. }))
        );
    }

    #[test]
    fn the_blank_plan_mentions_every_field() {
        let text = starter(2025, true);
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
