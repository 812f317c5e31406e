//! Working-day dues on mainland China's official calendar (DESIGN §1): counts, `calendar`,
//! `[calendar]`, unknown years, items due on a day off, and how `show` and `check` say so.
//! Expected dates are worked out by hand against `data/cn-calendar.csv`.

use serde_json::Value;

use crate::harness::Env;

/// A plan with step 1 due on `when`, its task 1.1 due `count` working days after it, and
/// whatever `head` adds at the top (`calendar = …`, a `[calendar]` table goes last).
fn plan(head: &str, when: &str, count: u32, tail: &str) -> String {
    format!(
        r#"title = "工作日测试"
year = 2014
{head}

[[step]]
id = 1
title = "召开专题民主生活会"
when = "{when}"
owner = "徐燕娟"

  [[step.task]]
  title = "报送整改方案"
  due = {{ after = "1", workdays = {count} }}
{tail}"#
    )
}

fn item<'a>(list: &'a Value, id: &str) -> &'a Value {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id} in {list}"))
}

/// Due and tentative of item `id`, as `list --json` says on `today`.
fn due_on(env: &Env, today: &str, id: &str) -> (String, bool) {
    let run = env.run_on(today, &["--json", "list"]);
    let list = run.json();
    let i = item(&list, id);
    (
        i["due"].as_str().unwrap().to_string(),
        i["tentative"].as_bool().unwrap(),
    )
}

fn done(env: &Env, id: &str, on: &str) {
    env.run_on(on, &["done", id, "--on", on]).ok();
}

#[test]
fn ten_working_days_after_september_26_is_october_15() {
    // 9-28 Sun worked (1), 9-29, 9-30 (3), 国庆节 10-01…10-07 off, 10-08…10-10 (6),
    // 10-11 Sat worked (7), 10-13…10-15 (10).
    let env = Env::with_plan(&plan("", "9月26日", 10, ""));
    done(&env, "1", "2014-09-26");
    let run = env.run_on("2014-10-20", &["--json", "list"]);
    assert_eq!(run.stderr, "", "no warning for a known year");
    let list = run.json();
    let t = item(&list, "1.1");
    assert_eq!(t["due"], "2014-10-15");
    assert_eq!(t["tentative"], false);
    assert_eq!(t["blocked_by"], serde_json::json!([]));
}

#[test]
fn tentative_until_the_anchor_is_done_then_counted_from_the_real_day() {
    let env = Env::with_plan(&plan("", "9月26日", 10, ""));
    // Before: the planned due of step 1 stands in.
    let list = env.run(&["--json", "list"]).json();
    let t = item(&list, "1.1");
    assert_eq!(t["due"], "2014-10-15");
    assert_eq!(t["tentative"], true);
    assert_eq!(t["blocked_by"], serde_json::json!(["1"]));
    // Done late on Tue 9-30: 10-08…10-10 (3), 10-11 Sat worked (4), 10-13…10-17 (9),
    // 10-20 (10).
    done(&env, "1", "2014-09-30");
    assert_eq!(
        due_on(&env, "2014-10-01", "1.1"),
        ("2014-10-20".to_string(), false)
    );
}

#[test]
fn a_count_from_the_friday_before_spring_festival() {
    // CSV 2015: 2-15 Sun worked, 春节 2-18…2-24 off, 2-28 Sat worked. From Fri 2-13:
    // 2-14 Sat off, 2-15 (1), 2-16 (2), 2-17 (3), 2-25 (4), 2-26 (5), 2-27 (6), 2-28 (7).
    let env = Env::with_plan(&plan("", "2015年2月13日", 7, ""));
    done(&env, "1", "2015-02-13");
    assert_eq!(
        due_on(&env, "2015-02-13", "1.1"),
        ("2015-02-28".to_string(), false)
    );
}

#[test]
fn a_count_across_the_year_end() {
    // No rows in 2014-12. From Fri 2014-12-26: 12-29…12-31 (3), 元旦 2015-01-01…01-03 off,
    // 1-04 Sun worked (4), 1-05 (5).
    let env = Env::with_plan(&plan("", "12月26日", 5, ""));
    done(&env, "1", "2014-12-26");
    assert_eq!(
        due_on(&env, "2014-12-26", "1.1"),
        ("2015-01-05".to_string(), false)
    );
}

#[test]
fn a_year_outside_the_data_counts_weekends_only_and_warns_once() {
    // 2030-09-27 is a Friday; with only weekends known 10 working days end on 10-11
    // (10-01…10-07 would be 国庆节, but 2030 is not in the data).
    let env = Env::with_plan(&plan("", "2030年9月27日", 10, ""));
    let warning = "警告：不知道 2030 年的法定节假日，只按周末计算了工作日\n";
    let run = env.run(&["--json", "list"]);
    assert_eq!(item(&run.json(), "1.1")["due"], "2030-10-11");
    assert_eq!(run.stderr, warning);
    for args in [
        &["status", "--all"][..],
        &["list"],
        &["show", "1"],
        &["week", "2030-10-11"],
    ] {
        let run = env.run(args);
        run.ok();
        assert_eq!(run.stderr, warning, "{args:?}");
    }
    let run = env.run(&["check"]);
    assert!(run.ok().ends_with("——没有问题\n"), "{}", run.stdout);
    assert_eq!(run.stderr, warning);
    // A command that does not show the count stays quiet: status shows nothing due soon.
    assert_eq!(env.run(&["status"]).stderr, "");
}

#[test]
fn calendar_none_ignores_official_holidays() {
    // 9-29…10-03 (5), 10-06…10-10 (10): 国庆节 and the Saturday workday 10-11 play no part.
    let env = Env::with_plan(&plan(r#"calendar = "none""#, "9月26日", 10, ""));
    done(&env, "1", "2014-09-26");
    assert_eq!(
        due_on(&env, "2014-09-26", "1.1"),
        ("2014-10-10".to_string(), false)
    );
    // And never warns about unknown years.
    let env = Env::with_plan(&plan(r#"calendar = "none""#, "2030年9月27日", 10, ""));
    assert_eq!(env.run(&["list"]).stderr, "");
}

#[test]
fn a_local_holiday_shifts_a_count_and_a_local_workday_pulls_it_back() {
    let tail = r#"
[calendar]
holidays = ["10月13日"]
"#;
    let env = Env::with_plan(&plan("", "9月26日", 10, tail));
    done(&env, "1", "2014-09-26");
    assert_eq!(
        due_on(&env, "2014-09-26", "1.1"),
        ("2014-10-16".to_string(), false)
    );
    // A local workday inside 国庆节 (10-04, a Saturday) counts: back to 10-15.
    let tail = r#"
[calendar]
official = "cn"
holidays = ["10月13日"]
workdays = ["10月4日"]
"#;
    let env = Env::with_plan(&plan("", "9月26日", 10, tail));
    done(&env, "1", "2014-09-26");
    assert_eq!(
        due_on(&env, "2014-09-26", "1.1"),
        ("2014-10-15".to_string(), false)
    );
}

#[test]
fn a_wrong_calendar_is_a_located_error() {
    let env = Env::with_plan(&plan(r#"calendar = "china""#, "9月26日", 10, ""));
    let err = env.run(&["--lang", "en", "list"]).fails().to_string();
    assert!(
        err.starts_with("error: plan.toml:3:12: calendar `china` is not known"),
        "{err}"
    );
    assert!(err.contains(r#"hint: write "cn""#), "{err}");
    let tail = "\n[calendar]\nofficial = \"jp\"\n";
    let env = Env::with_plan(&plan("", "9月26日", 10, tail));
    let err = env.run(&["check"]).fails().to_string();
    assert!(err.contains("未知的日历“jp”"), "{err}");
}

/// Step 2 due on 端午节 (2014-06-02, a Monday), step 3 on a Saturday, both open on 06-20.
const DAYS_OFF: &str = r#"title = "休息日测试"
year = 2014

[[step]]
id = 2
title = "征求意见"
when = "6月2日"
owner = "唐健"

[[step]]
id = 3
title = "汇总意见"
when = "6月6日至6月21日"
owner = "唐健"
"#;

#[test]
fn items_due_on_a_day_off_are_flagged_in_status_list_and_show() {
    let env = Env::with_plan(DAYS_OFF);
    for args in [&["status"][..], &["list"], &["show", "2"]] {
        let zh = env.run(&[&["--lang", "zh"][..], args].concat());
        assert!(zh.ok().contains("端午节休息日"), "{args:?}:\n{}", zh.stdout);
        let en = env.run(&[&["--lang", "en"][..], args].concat());
        assert!(
            en.ok().contains("Dragon Boat Festival — a day off"),
            "{args:?}:\n{}",
            en.stdout
        );
    }
    let zh = env.run(&["--lang", "zh", "list"]);
    assert!(zh.ok().contains("周六休息日"), "{}", zh.stdout);
    let en = env.run(&["--lang", "en", "show", "3"]);
    assert!(en.ok().contains("Saturday — a day off"), "{}", en.stdout);
    // JSON items keep the keys of DESIGN §5; show --json dates say why.
    let show = env.run(&["--json", "show", "2"]).json();
    assert!(show["item"].get("day_off").is_none());
    assert_eq!(
        show["dates"][0]["day_off"],
        serde_json::json!({"kind": "holiday", "en": "Dragon Boat Festival", "zh": "端午节"})
    );
    // Done items are not flagged.
    done(&env, "2", "2014-06-02");
    let list = env.run(&["--lang", "zh", "list"]);
    assert!(!list.ok().contains("端午节"), "{}", list.stdout);
}

#[test]
fn check_warns_about_an_official_day_off_but_not_a_weekend() {
    let env = Env::with_plan(DAYS_OFF);
    let run = env.run(&["check"]);
    assert!(run.ok().ends_with("——没有问题\n"), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "警告：plan.toml:4：步骤2的截止日期 2014-06-02 是端午节，法定休息日\n"
    );
    let run = env.run(&["--lang", "en", "check"]);
    assert!(run.ok().ends_with("— ok\n"), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "warning: plan.toml:4: step 2 is due 2014-06-02, Dragon Boat Festival (端午节) — an official day off\n"
    );
    let json = env.run(&["--json", "check"]).json();
    assert_eq!(json["warnings"].as_array().unwrap().len(), 1);
    assert_eq!(json["errors"], serde_json::json!([]));
}

#[test]
fn show_explains_how_a_working_day_due_was_counted() {
    let env = Env::with_plan(&plan("", "9月26日", 10, ""));
    done(&env, "1", "2014-09-26");
    let en = env.run_on("2014-10-01", &["--lang", "en", "show", "1"]);
    assert!(
        en.ok().contains(
            "1.1 due: { after = \"1\", workdays = 10 } → 2014-10-15 (10 working days after 1 (done 2014-09-26): skips National Day 10-01…10-07; counts the weekend workdays 09-28, 10-11)"
        ),
        "{}",
        en.stdout
    );
    let zh = env.run_on("2014-10-01", &["--lang", "zh", "show", "1"]);
    assert!(
        zh.ok().contains(
            "1.1 截止：步骤1完成后10个工作日 → 2014-10-15（步骤1于2014-09-26完成：跳过国庆节 10-01…10-07；计入周末调休上班日 09-28、10-11）"
        ),
        "{}",
        zh.stdout
    );
    let json = env.run_on("2014-10-01", &["--json", "show", "1"]).json();
    let due = &json["dates"][1];
    assert_eq!(due["field"], "due");
    assert!(
        due["counted"]
            .as_str()
            .unwrap()
            .contains("skips National Day 10-01…10-07"),
        "{due}"
    );
}
