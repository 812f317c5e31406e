//! What a coordinator expects over a semester (issue 16): follow-ups that stay open,
//! warnings instead of silence, items named by their titles, plans found from a
//! sub-folder, years shown when they matter, views that fit the terminal.

use crate::harness::{Env, item_ids};

/// A meeting (step 1) with a sign-in sheet due that day and a report due ten working
/// days after it; step 2 a week later.
const MEETING: &str = r#"title = "总结会"
year = 2014
timezone = "+08:00"
lang = "zh"

[[step]]
title = "召开总结会"
when = "6月16日"
owner = "张三"
  [[step.task]]
  title = "会议签到表"
  [[step.task]]
  title = "总结报告报上级（会后10个工作日内）"
  due = { after = "1", workdays = 10 }

[[step]]
title = "开展谈心谈话"
when = "6月23日"
owner = "李四"
"#;

#[test]
fn done_on_a_step_keeps_its_follow_up_open_and_says_what_it_closed() {
    let env = Env::with_plan(MEETING);
    let out = env.run(&["done", "1"]).ok().to_string();
    assert!(out.contains("随之完成：1.1 会议签到表"), "{out}");
    assert!(
        out.contains("仍未完成：1.2 总结报告报上级（会后10个工作日内）（截止日从 1 完成起算）"),
        "{out}"
    );
    let status = env.run(&["--json", "list"]).json();
    let state = |id: &str| {
        status["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .map(|i| i["state"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(state("1.1"), "done");
    assert_ne!(state("1.2"), "done");
    let en = env.run(&["--lang", "en", "done", "1.2"]).ok().to_string();
    assert!(en.starts_with("recorded: 1.2"), "{en}");
    let en = Env::with_plan(MEETING);
    let out = en.run(&["--lang", "en", "done", "1"]).ok().to_string();
    assert!(out.contains("done with it: 1.1"), "{out}");
    assert!(out.contains("still open: 1.2"), "{out}");
}

#[test]
fn an_item_is_named_by_a_fragment_of_its_title() {
    let env = Env::with_plan(MEETING);
    let out = env.run(&["done", "谈心"]).ok().to_string();
    assert!(out.starts_with("已记录：2 开展谈心谈话"), "{out}");
    assert!(env.ledger().contains(r#""step":"2""#));
    // show, log and note take fragments too.
    assert!(env.run(&["show", "签到"]).ok().contains("会议签到表"));
    assert!(env.run(&["note", "签到", "已存档"]).ok().contains("1.1"));
    let log = env.run(&["--json", "log", "谈心"]).json();
    let steps: Vec<&str> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["2"]);
}

#[test]
fn a_fragment_in_several_titles_lists_them_and_writes_nothing() {
    let env = Env::with_plan(MEETING);
    let err = env.run(&["done", "总结"]).fails().to_string();
    assert!(err.contains("“总结”出现在 2 个事项的标题中"), "{err}");
    assert!(err.contains("1  召开总结会"), "{err}");
    assert!(err.contains("1.2  总结报告报上级"), "{err}");
    // All ids are checked first: a good one next to an ambiguous one writes nothing.
    env.run(&["done", "2", "总结"]).fails();
    assert_eq!(env.ledger(), "");
    // Digits are an id, never a piece of a title ("10个工作日").
    let err = env.run(&["done", "10"]).fails().to_string();
    assert!(err.contains("没有编号为“10”的步骤或任务"), "{err}");
}

#[test]
fn undo_points_to_reopen() {
    let env = Env::with_plan(MEETING);
    env.run(&["done", "1"]).ok();
    let before = env.ledger();
    let err = env.run(&["undo", "1"]).fails().to_string();
    assert!(err.contains("chunjiang reopen 1"), "{err}");
    assert!(err.contains("没有 `undo` 命令"), "{err}");
    assert_eq!(env.ledger(), before);
}

#[test]
fn the_plan_is_found_in_a_parent_folder_and_its_ledger_written() {
    let env = Env::with_plan(MEETING);
    let sub = env.path("材料/第二批");
    std::fs::create_dir_all(&sub).unwrap();
    let run: crate::harness::Run = crate::harness::cmd_in(&sub, &env.today, &["done", "谈心"])
        .output()
        .unwrap()
        .into();
    assert!(run.ok().contains("已记录：2"), "{run:?}");
    let plan = env.path("plan.toml");
    assert!(
        run.stderr
            .contains(&format!("注意：使用上级目录中的计划 {}", plan.display())),
        "{}",
        run.stderr
    );
    assert!(env.ledger().contains(r#""step":"2""#));
    assert!(!sub.join("plan.ledger.jsonl").exists());
    // In the plan's own folder nothing is said; --plan still wins.
    assert_eq!(env.run(&["status"]).stderr, "");
    let other: crate::harness::Run =
        crate::harness::cmd_in(&sub, &env.today, &["--plan", "nowhere.toml", "status"])
            .output()
            .unwrap()
            .into();
    assert!(other.fails().contains("nowhere.toml"));
}

#[test]
fn a_plan_long_over_shows_years_and_says_once_that_today_can_be_set() {
    let env = Env::seed();
    // Today's year is not the plan's: every date carries its year.
    let later = env.run_on("2015-03-02", &["status", "--owner", "唐健"]);
    let out = later.ok();
    assert!(out.contains("2014-06-14 周六"), "{out}");
    assert!(!out.contains("│ 06-"), "{out}");
    assert_eq!(later.stderr, "", "--today given: nothing to say");
    let week = env.run_on("2015-03-02", &["report", "--by", "week"]);
    assert!(week.ok().contains("2014-06-16"), "{}", week.stdout);
    // Within the plan's year, no year.
    assert!(env.run(&["status"]).ok().contains("06-25 周三"));
    // Without --today, on the real clock, long after the plan's last day.
    let mut c = env.cmd(&["status"]);
    c.env_remove("CHUNJIANG_TODAY");
    let run: crate::harness::Run = c.output().unwrap().into();
    run.ok();
    assert_eq!(
        run.stderr.matches("2014-07-31").count(),
        2,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "注意：今天已过计划的最后日期 2014-07-31；加 `--today 2014-07-31` 可查看计划当时的情况"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn week_lists_by_due_with_completion_dates_and_takes_last_week_in_words() {
    let env = Env::seed();
    env.run(&["done", "2", "--on", "2014-06-16"]).ok();
    env.run(&["done", "1", "--on", "2014-06-18"]).ok();
    // 上周 on 2014-06-27 is the week of 06-16.
    let run = env.run_on("2014-06-27", &["week", "上周"]);
    let out = run.ok();
    assert!(
        out.contains("2014年第25周（2014-06-16 周一至2014-06-22 周日）"),
        "{out}"
    );
    assert!(out.contains("完成日期"), "{out}");
    let done = out.split("本周完成").nth(1).unwrap();
    let pos = |text: &str, id: &str| text.find(&format!("│ {id} ")).unwrap_or(usize::MAX);
    assert!(pos(done, "2") < pos(done, "1"), "in the order done:\n{out}");
    assert!(done.contains("06-18"), "{out}");
    // Due next week: by due, not by id (step 4 is due 06-25, step 3 06-26).
    let next = env.run(&["week", "下周"]);
    let due = next.ok().split("本周完成").next().unwrap();
    assert!(due.contains("2014年第26周"), "{due}");
    assert!(
        pos(due, "4") < pos(due, "3") && pos(due, "3") < usize::MAX,
        "{due}"
    );
    assert_eq!(
        env.run(&["--json", "week", "本周"]).json()["week"],
        "2014-W25"
    );
}

/// The widest line of an output, in terminal cells.
fn widest(out: &str) -> usize {
    out.lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

#[test]
fn tables_fit_the_terminal_giving_way_before_titles() {
    let env = Env::seed();
    let narrow = |today: &str, columns: &str, args: &[&str]| {
        let mut c = env.cmd(args);
        c.env("CHUNJIANG_TODAY", today).env("COLUMNS", columns);
        let run: crate::harness::Run = c.output().unwrap().into();
        run.ok().to_string()
    };
    // A year after the plan: dates carry the year, yet titles keep six characters a line.
    let status = narrow("2015-06-20", "60", &["status", "--all"]);
    assert!(widest(&status) <= 60, "{status}");
    assert!(status.contains("将专题民主生"), "{status}");
    crate::harness::assert_aligned(&status);
    let report = narrow("2015-06-20", "80", &["report"]);
    assert!(widest(&report) <= 80, "{report}");
    assert!(report.contains("2014-06-16"), "{report}");
}

#[test]
fn done_warns_but_records_a_far_day_an_early_step_and_a_stranger() {
    let env = Env::seed();
    let run = env.run(&["done", "8", "--on", "2012-06-16"]);
    assert!(run.ok().contains("已记录：8"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("警告：完成日期 2012-06-16 远在计划的日期（2014-06-01 至 2014-07-31）之外"),
        "{}",
        run.stderr
    );
    // Step 7 (7月上旬至7月中旬, after step 5) recorded done on 06-20.
    let run = env.run(&["done", "7", "--by", "张三"]);
    run.ok();
    assert!(
        run.stderr.contains("警告：7 的时间安排从 2014-07-01 开始"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("警告：7 要等 5 完成"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("记录人“张三”不在计划的 `[people]` 名单中"),
        "{}",
        run.stderr
    );
    assert!(env.ledger().contains(r#""by":"张三""#));
    // Nothing to say about an ordinary done; a step done with what it waits for is fine.
    let quiet = env.run(&["done", "3", "--by", "唐健"]);
    assert_eq!(quiet.stderr, "");
    let together = env.run(&["done", "5", "5.1"]);
    assert!(!together.stderr.contains("要等"), "{}", together.stderr);
}

#[test]
fn the_recorder_defaults_to_chunjiang_by_then_git_then_the_login() {
    let env = Env::with_plan(MEETING);
    let by = |env: &Env| {
        let ledger = env.ledger();
        let last: serde_json::Value = serde_json::from_str(ledger.lines().last().unwrap()).unwrap();
        last["by"].clone()
    };
    let mut c = env.cmd(&["note", "1", "签到表已存档"]);
    c.env("USER", "wang");
    c.output().unwrap();
    assert_eq!(by(&env), "wang");
    let git = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(env.dir.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status();
    if git.is_ok_and(|s| s.success()) {
        std::process::Command::new("git")
            .args(["config", "user.name", "王老师"])
            .current_dir(env.dir.path())
            .status()
            .unwrap();
        let mut c = env.cmd(&["done", "1"]);
        c.env("USER", "wang");
        c.output().unwrap();
        assert_eq!(by(&env), "王老师");
    }
    let mut c = env.cmd(&["done", "2"]);
    c.env("USER", "wang").env("CHUNJIANG_BY", "李四");
    c.output().unwrap();
    assert_eq!(by(&env), "李四");
}

#[test]
fn remind_says_so_when_nothing_is_due() {
    let env = Env::seed();
    let one = env.run(&["remind", "--owner", "刘明"]);
    assert_eq!(one.ok(), "刘明目前没有逾期或7天内到期的事项。\n");
    let early = env.run_on("2014-05-01", &["remind", "--days", "3"]);
    assert_eq!(early.ok(), "目前没有人有逾期或3天内到期的事项。\n");
    let en = env.run(&["--lang", "en", "remind", "--owner", "韩海英"]);
    assert!(en.ok().contains("due Fri Jun 20, today"), "{}", en.stdout);
}

#[test]
fn status_counts_what_is_overdue_and_names_the_first_item_before_the_plan_starts() {
    let env = Env::seed();
    let late = env.run_on("2014-06-27", &["--json", "status"]).json();
    let n = late["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["state"] == "overdue")
        .count();
    assert!(n > 1, "{late}");
    let zh = env.run_on("2014-06-27", &["status"]);
    assert!(zh.ok().contains(&format!("逾期{n}项。")), "{}", zh.stdout);
    let en = env.run_on("2014-06-27", &["--lang", "en", "status"]);
    assert!(
        en.ok().contains(&format!("{n} items overdue.")),
        "{}",
        en.stdout
    );
    // One owner's count is of that owner's items.
    let mine = env
        .run_on("2014-06-27", &["--json", "status", "--owner", "刘明"])
        .json();
    let m = mine["items"].as_array().unwrap().len();
    let out = env.run_on("2014-06-27", &["status", "--owner", "刘明"]);
    if m > 0 {
        assert!(out.ok().contains(&format!("逾期{m}项。")), "{}", out.stdout);
    }

    // A week before step 8 (6月至7月) starts: nothing has started; it is named.
    let before = env.run_on("2014-05-25", &["status"]);
    let text = before.ok();
    assert!(
        text.contains("计划尚未开始。第一项：8 切实做好边学边查边改，06-01 周日开始"),
        "{text}"
    );
    assert!(text.contains("（还有7天）"), "{text}");
    let en = env.run_on("2014-05-25", &["--lang", "en", "status"]);
    assert!(
        en.ok().contains("The plan has not started. First: 8 "),
        "{}",
        en.stdout
    );
    assert!(en.stdout.contains("(in 7 days)"), "{}", en.stdout);
    // Once it has started, no such line.
    let started = env.run_on("2014-06-20", &["status"]);
    assert!(!started.ok().contains("计划尚未开始"), "{}", started.stdout);
}

#[test]
fn gantt_takes_a_month_as_its_first_day_and_fits_forty_columns() {
    let env = Env::seed();
    for (from, to, want_from, want_to) in [
        ("7月", "7月", "2014-07-01", "2014-07-31"),
        ("2014-07", "7月中旬", "2014-07-01", "2014-07-20"),
        ("七月", "7月31日", "2014-07-01", "2014-07-31"),
    ] {
        let g = env
            .run(&["--json", "gantt", "--from", from, "--to", to])
            .json();
        assert_eq!(g["from"], want_from, "{from}");
        assert_eq!(g["to"], want_to, "{to}");
    }
    for lang in ["zh", "en"] {
        for style in ["unicode", "ascii"] {
            let run: crate::harness::Run = env
                .cmd(&["--lang", lang, "--style", style, "gantt"])
                .env("COLUMNS", "40")
                .output()
                .unwrap()
                .into();
            let text = run.ok();
            for line in text.lines() {
                let w = unicode_width::UnicodeWidthStr::width(line);
                assert!(w <= 40, "{w} columns ({lang}, {style}): {line}\n{text}");
            }
        }
    }
    // Short titles: the scale written above them must not push the dates off their columns.
    let short = Env::with_plan(
        "title = \"t\"\nyear = 2014\n[[step]]\nid = 1\ntitle = \"a\"\nwhen = \"6月1日至6月9日\"\n",
    );
    let run: crate::harness::Run = short
        .cmd(&[
            "--lang", "en", "--style", "ascii", "gantt", "--from", "6月", "--to", "7月",
        ])
        .env("COLUMNS", "40")
        .output()
        .unwrap()
        .into();
    let text = run.ok();
    let axis = text.lines().next().unwrap();
    let row = text.lines().nth(1).unwrap();
    assert_eq!(axis.find("Jun 01"), row.find('!'), "\n{text}");
}

#[test]
fn week_takes_a_teaching_week_from_term_start() {
    // 2014-02-17 is a Monday: teaching week 18 is 06-16 … 06-22.
    let plan = MEETING.replace(
        "lang = \"zh\"",
        "lang = \"zh\"\nterm_start = \"2014-02-17\"",
    );
    let env = Env::with_plan(&plan);
    let w = env.run(&["--json", "week", "第18周"]).json();
    assert_eq!(w["from"], "2014-06-16", "{w}");
    assert_eq!(w["to"], "2014-06-22", "{w}");
    assert_eq!(w["due"][0]["id"], "1", "{w}");
    let text = env.run(&["week", "第19周"]);
    assert!(text.ok().contains("2014-06-23"), "{}", text.stdout);
    // Without term_start: an error that says what to add, nothing else.
    let seed = Env::seed();
    let err = seed.run(&["week", "第3周"]);
    let msg = err.fails();
    assert!(msg.contains("term_start"), "{msg}");
    assert!(err.stdout.is_empty(), "{}", err.stdout);
    let en = seed.run(&["--lang", "en", "week", "第3周"]);
    assert!(en.fails().contains("term_start"), "{}", en.stderr);
}

#[test]
fn one_bad_item_leaves_the_rest_readable_and_writers_refusing() {
    // Step 5 (line 80) has an impossible day: 7.1/7.2 count from it, step 7 waits for it.
    let plan = crate::harness::SEED_PLAN.replacen("when = \"6月26\"", "when = \"6月36日\"", 1);
    let env = Env::with_plan(&plan);
    for args in [
        &["status", "--all"][..],
        &["list"],
        &["show", "7"],
        &["week"],
        &["report"],
        &["gantt"],
        &["remind"],
        &["log"],
        &["export", "--format", "csv"],
    ] {
        let run = env.run(args);
        run.ok();
        assert!(
            run.stderr
                .contains("警告：plan.toml:80：步骤5及其任务未计入，其余照常显示：“6月36日”"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("任务7.1未计入：截止日从未计入的5起算"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("步骤7照常显示，但不再等待未计入的5"),
            "{}",
            run.stderr
        );
        assert_eq!(
            run.stderr.matches("chunjiang check").count(),
            1,
            "{}",
            run.stderr
        );
    }
    let list = env.run(&["--json", "list"]).json();
    let ids = item_ids(&list);
    assert!(
        ids.contains(&"6") && ids.contains(&"7") && ids.contains(&"8"),
        "{ids:?}"
    );
    for gone in ["5", "5.1", "7.1", "7.2"] {
        assert!(!ids.contains(&gone), "{gone} in {ids:?}");
    }
    let en = env.run(&["--lang", "en", "status"]);
    en.ok();
    assert!(
        en.stderr
            .contains("plan.toml:80: step 5 and its tasks left out, the rest shown"),
        "{}",
        en.stderr
    );
    // Writers and check refuse with the full error; nothing is written.
    for args in [
        &["done", "1"][..],
        &["reopen", "1"],
        &["note", "1", "谈话记录"],
    ] {
        let run = env.run(args);
        assert!(
            run.fails().contains("plan.toml:80:8"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("未计入"), "{}", run.stderr);
    }
    assert_eq!(env.ledger(), "");
    let check = env.run(&["check"]);
    assert!(check.fails().contains("plan.toml:80:8"), "{}", check.stderr);
    // A problem outside every step still stops every read.
    let env = Env::with_plan(&crate::harness::SEED_PLAN.replacen("year = 2014", "year = 0", 1));
    env.run(&["status"]).fails();
}
