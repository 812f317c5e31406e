//! `status`, `week` and `report` as people read them and as scripts read them.

use serde_json::Value;

use crate::harness::{Env, assert_aligned};

/// Step 1 done 06-16, step 2 done 06-15 (DESIGN §6).
fn scenario() -> Env {
    let env = Env::seed();
    env.run(&["done", "1", "--on", "2014-06-16"]).ok();
    env.run(&["done", "2", "--on", "2014-06-15"]).ok();
    env
}

fn ids(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("an array of items")
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn week_json_for_weeks_24_to_29_of_the_seed_scenario() {
    let env = scenario();
    let week = |date: &str| env.run_on("2014-07-20", &["--json", "week", date]).json();
    // (week, from, to, due ids, done ids, overdue ids) judged at each week's end.
    let w24 = week("2014-06-09");
    assert_eq!(
        (
            w24["week"].as_str(),
            w24["from"].as_str(),
            w24["to"].as_str()
        ),
        (Some("2014-W24"), Some("2014-06-09"), Some("2014-06-15"))
    );
    assert_eq!(ids(&w24["due"]), ["2", "2.1"]);
    assert_eq!(ids(&w24["done"]), ["2", "2.1"]);
    assert!(ids(&w24["overdue"]).is_empty());
    assert_eq!(
        w24["totals"],
        serde_json::json!({"due": 2, "done": 2, "done_late": 2, "overdue": 0})
    );

    let w25 = week("2014-06-18");
    assert_eq!(w25["week"], "2014-W25");
    assert_eq!(ids(&w25["due"]), ["1", "1.1", "5.1", "6.1"]);
    assert_eq!(ids(&w25["done"]), ["1", "1.1"]);
    assert_eq!(
        ids(&w25["overdue"]),
        ["5.1", "6.1"],
        "due 06-20, not done by 06-22"
    );
    assert_eq!(w25["totals"]["done_late"], 0);

    let w26 = week("2014-06-23");
    assert_eq!(
        ids(&w26["due"]),
        ["3", "3.1", "4", "4.1", "4.2", "4.3", "5", "6"]
    );
    assert_eq!(w26["totals"]["overdue"], 10);

    for (date, label, due) in [
        ("2014-07-01", "2014-W27", vec!["7.1"]),
        ("2014-07-07", "2014-W28", vec!["7.2"]),
        ("2014-07-14", "2014-W29", vec!["7", "8.1"]),
    ] {
        let w = week(date);
        assert_eq!(w["week"], label);
        assert_eq!(ids(&w["due"]), due, "{label}");
    }
}

#[test]
fn a_past_week_does_not_change_when_something_is_done_later() {
    let env = scenario();
    let before = env
        .run_on("2014-06-30", &["--json", "week", "--last"])
        .json();
    assert_eq!(before["week"], "2014-W26");
    env.run_on("2014-06-30", &["done", "3", "4", "5.1"]).ok();
    let after = env
        .run_on("2014-06-30", &["--json", "week", "--last"])
        .json();
    let strip = |mut v: Value| {
        v.as_object_mut().unwrap().remove("today");
        v
    };
    assert_eq!(strip(before), strip(after));
    // ...while this week's summary does show them.
    let now = env.run_on("2014-06-30", &["--json", "week"]).json();
    assert_eq!(
        ids(&now["done"]),
        ["3", "3.1", "4", "4.1", "4.2", "4.3", "5.1"]
    );
    assert_eq!(now["totals"]["done_late"], 7);
}

#[test]
fn next_and_last_move_by_a_week() {
    let env = Env::seed();
    let w = |args: &[&str]| env.run(&[&["--json", "week"], args].concat()).json()["week"].clone();
    assert_eq!(w(&[]), "2014-W25");
    assert_eq!(w(&["--next"]), "2014-W26");
    assert_eq!(w(&["--last"]), "2014-W24");
    assert_eq!(w(&["7月1日"]), "2014-W27");
}

#[test]
fn weeks_start_on_sunday_when_the_plan_says_so() {
    let plan = crate::harness::SEED_PLAN
        .replace("lang = \"zh\"", "lang = \"zh\"\nweek_start = \"sunday\"");
    let env = Env::with_plan(&plan);
    let w = env.run(&["--json", "week"]).json();
    assert_eq!(
        (w["from"].as_str(), w["to"].as_str()),
        (Some("2014-06-15"), Some("2014-06-21"))
    );
}

#[test]
fn report_json_has_a_row_per_week_and_per_owner() {
    let env = scenario();
    let r = env.run_on("2014-06-27", &["--json", "report"]).json();
    let weeks = r["weeks"].as_array().unwrap();
    assert_eq!(
        weeks.first().unwrap()["week"],
        "2014-W22",
        "step 8 starts 06-01"
    );
    assert_eq!(
        weeks.last().unwrap()["week"],
        "2014-W31",
        "step 8 is due 07-31"
    );
    let w26 = weeks.iter().find(|w| w["week"] == "2014-W26").unwrap();
    assert_eq!(
        w26,
        &serde_json::json!({"week": "2014-W26", "from": "2014-06-23", "to": "2014-06-29",
        "due": 8, "done": 0, "done_late": 0, "overdue": 10})
    );
    // A week that starts after today: its overdue count is not known yet (DESIGN §5).
    let w27 = weeks.iter().find(|w| w["week"] == "2014-W27").unwrap();
    assert_eq!(
        w27,
        &serde_json::json!({"week": "2014-W27", "from": "2014-06-30", "to": "2014-07-06",
        "due": 1, "done": 0, "done_late": 0, "overdue": null})
    );
    // The week holding today is known, up to today.
    let today = env.run_on("2014-06-30", &["--json", "report"]).json();
    let w27 = today["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["week"] == "2014-W27")
        .unwrap();
    assert_eq!(w27["overdue"], 10);
    let owners = r["owners"].as_array().unwrap();
    let tang = owners.iter().find(|o| o["owner"] == "唐健").unwrap();
    assert_eq!(
        tang,
        &serde_json::json!({"owner": "唐健", "items": 10, "done": 2, "overdue": 6, "due_soon": 0})
    );
    let only_owners = env.run(&["--json", "report", "--by", "owner"]).json();
    assert!(only_owners.get("weeks").is_none());
    assert_eq!(only_owners["owners"][0]["owner"], "徐燕娟", "roster order");
}

#[test]
fn status_says_so_when_nothing_is_late() {
    let env = scenario();
    let out = env.run(&["status"]);
    assert!(out.ok().contains("没有逾期事项。"), "{}", out.stdout);
    let en = env.run(&["--lang", "en", "status"]);
    assert!(en.ok().contains("Nothing is overdue."), "{}", en.stdout);
    let late = env.run_on("2014-06-27", &["status"]);
    assert!(!late.ok().contains("没有逾期事项"), "{}", late.stdout);
}

#[test]
fn status_of_one_owner_shows_what_waits() {
    let env = scenario();
    let s = env
        .run_on(
            "2014-06-27",
            &["--json", "status", "--owner", "徐燕娟", "--all"],
        )
        .json();
    let items = s["items"].as_array().unwrap();
    assert!(items.iter().all(|i| {
        i["owners"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o == "徐燕娟")
    }));
    let seven = items.iter().find(|i| i["id"] == "7").unwrap();
    assert_eq!(seven["blocked_by"], serde_json::json!(["5"]));
    let text = env.run_on("2014-06-27", &["status", "--owner", "徐燕娟", "--all"]);
    assert!(text.ok().contains("待步骤5完成"), "{}", text.stdout);
    assert!(!text.stdout.contains("等待"), "{}", text.stdout);
}

#[test]
fn chinese_views_read_like_chinese() {
    // Full-width punctuation after labels and around remarks, Chinese names for the date
    // fields (no TOML key like `when:`), what an item waits for as a sentence.
    let env = Env::seed();
    let four = env.run(&["show", "4"]).ok().to_string();
    for want in [
        "\n责任人：唐健、韩海英\n",
        "\n状态：即将到期（还有5天）\n",
        "\n内容：\n",
        "\n日期安排：\n",
        "\n  4 时间：6月18日至6月25日 → 2014-06-18 … 2014-06-25\n",
        "\n  4.1 截止：2014-06-25（同步骤4）\n",
    ] {
        assert!(four.contains(want), "{want:?} missing in\n{four}");
    }
    let seven = env.run(&["show", "7"]).ok().to_string();
    for want in [
        "（还有30天，周日休息日，待步骤5完成）",
        "  7.1 截止：步骤5完成后10天 → 2014-07-06（步骤5尚未完成，暂按其截止日2014-06-26起算，暂定）",
    ] {
        assert!(seven.contains(want), "{want:?} missing in\n{seven}");
    }
    let week = env.run(&["week"]).ok().to_string();
    assert!(week.contains("\n本周到期（4）\n"), "{week}");
    assert!(
        week.contains("\n合计：到期4，完成0（逾期完成0），逾期未完成4\n"),
        "{week}"
    );
    // Outside the tables, no half-width colon, comma or bracket and no key names.
    for text in [&four, &seven, &week] {
        for line in text
            .lines()
            .filter(|l| !l.starts_with(['│', '╭', '╞', '╰']))
        {
            let line = line.split(" · ").last().unwrap_or(line);
            if line.contains("-W") {
                continue; // the week's heading (its ISO label) is issue 16's
            }
            for bad in [": ", ", ", " (", "when", "due", "after", "{"] {
                assert!(!line.contains(bad), "{bad:?} in {line:?}");
            }
        }
    }
    // English keeps its own words.
    let en = env.run(&["--lang", "en", "show", "7"]).ok().to_string();
    assert!(
        en.contains("State: upcoming (30 days left; Sunday — a day off; waiting for 5)"),
        "{en}"
    );
    assert!(
        en.contains("  7.1 due: { after = \"5\", days = 10 } → 2014-07-06 (10 days after 5"),
        "{en}"
    );
    let en = env.run(&["--lang", "en", "show", "4"]).ok().to_string();
    assert!(
        en.contains("  4.1 due: - → 2014-06-25 (the due of step 4)"),
        "{en}"
    );
}

#[test]
fn labels_follow_lang_flag_plan_and_environment() {
    let no_lang = crate::harness::SEED_PLAN.replace("lang = \"zh\"\n", "");
    let env = Env::with_plan(&no_lang);
    let chinese_titles = env.run(&["status"]);
    assert!(
        chinese_titles.ok().contains("责任人"),
        "a Chinese plan with no `lang` speaks Chinese under LANG=C.UTF-8:\n{}",
        chinese_titles.stdout
    );
    let english = env
        .cmd(&["status"])
        .env("CHUNJIANG_LANG", "en")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&english.stdout).contains("Owners"));
    let env = Env::with_plan(
        "title = \"Open day\"\nyear = 2014\n[[step]]\ntitle = \"Invite parents\"\nowner = \"唐健\"\nwhen = \"6月20日\"\n",
    );
    let english = env.run(&["status"]);
    assert!(
        english.ok().contains("Owners"),
        "English titles and LANG=C.UTF-8 give English:\n{}",
        english.stdout
    );
    let chinese = env
        .cmd(&["status"])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&chinese.stdout).contains("责任人"));
    let flag = env.run(&["--lang", "zh", "status"]);
    assert!(flag.ok().contains("责任人"));
    // JSON is never translated.
    let json = env
        .cmd(&["--json", "status"])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&json.stdout).contains("\"due_today\""));
}

#[test]
fn overdue_rows_are_coloured_only_when_asked_or_on_a_terminal() {
    let env = scenario();
    let always = env.run_on("2014-06-27", &["--color", "always", "status"]);
    assert!(
        always.ok().contains("\u{1b}["),
        "colour with --color always"
    );
    let piped = env.run_on("2014-06-27", &["status"]);
    assert!(!piped.ok().contains('\u{1b}'), "no colour when piped");
    let never = env.run_on("2014-06-27", &["--color", "never", "status"]);
    assert!(!never.ok().contains('\u{1b}'));
}

#[test]
fn tables_fit_the_terminal_width_and_stay_aligned() {
    let env = scenario();
    // `status` has six columns and fits 72; `list` has seven (with the start) and fits 80.
    let cases: [(&[&str], &str); 6] = [
        (&["status", "--all"], "72"),
        (&["list"], "80"),
        (&["week"], "80"),
        (&["report"], "80"),
        (&["list"], "100"),
        (&["status", "--all"], "120"),
    ];
    for (args, width) in cases {
        let out = env.cmd(args).env("COLUMNS", width).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_aligned(&text);
        let w: usize = width.parse().unwrap();
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= w,
                "wider than {w}: {line}"
            );
            for bad in ["│ 。", "│ ，", "│ 、", "│ ”", "│ ）"] {
                assert!(
                    !line.contains(bad),
                    "a line starts with forbidden punctuation: {line}"
                );
            }
        }
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // A plan big enough that its list outgrows the pipe's buffer.
    use std::fmt::Write as _;
    let mut plan = String::from("title = \"大计划\"\nyear = 2014\n");
    for i in 1..=3000 {
        let _ = write!(
            plan,
            "[[step]]\ntitle = \"第{i}步：撰写对照检查材料并报送审核\"\nwhen = \"6月{}日\"\nowner = \"唐健\"\n",
            i % 28 + 1
        );
    }
    let env = Env::with_plan(&plan);
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' list | head -n 1",
            crate::harness::bin().display()
        ))
        .current_dir(env.dir.path())
        .env("CHUNJIANG_TODAY", "2014-06-20")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// The tables as a person sees them, at a fixed width, in both languages and styles.
#[test]
fn snapshots_of_the_tables() {
    let env = scenario();
    let shot = |args: &[&str]| {
        let out = env
            .cmd(args)
            .env("CHUNJIANG_TODAY", "2014-06-27")
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert_aligned(&text);
        text
    };
    insta::assert_snapshot!("status_zh_unicode", shot(&["status"]));
    insta::assert_snapshot!(
        "status_en_ascii",
        shot(&["--lang", "en", "--style", "ascii", "status"])
    );
    insta::assert_snapshot!("week_zh_unicode", shot(&["week", "2014-06-18"]));
    insta::assert_snapshot!(
        "week_en_ascii",
        shot(&["--lang", "en", "--style", "ascii", "week", "2014-06-18"])
    );
    insta::assert_snapshot!("report_zh_unicode", shot(&["report"]));
    insta::assert_snapshot!(
        "report_en_ascii",
        shot(&["--lang", "en", "--style", "ascii", "report"])
    );
}

#[test]
fn ascii_style_leaves_no_ambiguous_width_punctuation() {
    let env = scenario();
    let out = env.run_on("2014-06-27", &["--style", "ascii", "list"]);
    for c in ['“', '”', '‘', '’', '…', '·', '│', '─', '╭'] {
        assert!(
            !out.ok().contains(c),
            "{c} in ascii output:\n{}",
            out.stdout
        );
    }
}

#[test]
fn remind_gives_one_block_per_owner_with_something_due() {
    let env = scenario();
    let text = env.run_on("2014-06-27", &["remind"]);
    let blocks: Vec<&str> = text.ok().split("\n\n").collect();
    assert_eq!(blocks.len(), 4, "刘明 has nothing due:\n{}", text.stdout);
    assert!(blocks[2].starts_with("韩海英，您好！"), "{}", blocks[2]);
    assert!(blocks[2].contains("6月20日（周五）截止，已逾期7天"));
    let json = env
        .run_on(
            "2014-06-27",
            &["--json", "remind", "--owner", "杨建祥", "--days", "3"],
        )
        .json();
    let list = json["reminders"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["owner"], "杨建祥");
    assert_eq!(ids(&list[0]["items"]), ["6.1", "6"]);
    assert!(list[0]["message"].as_str().unwrap().contains("已逾期"));
    let unknown = env.run(&["remind", "--owner", "唐建"]);
    assert!(
        unknown.fails().contains("是不是“唐健”？"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn gantt_draws_the_owners_steps_in_the_window_asked_for() {
    let env = scenario();
    let out = env
        .cmd(&[
            "gantt",
            "--owner",
            "韩海英",
            "--from",
            "6月16日",
            "--to",
            "6月30日",
        ])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) || l.starts_with("  "))
        .collect();
    let labels: Vec<&str> = rows
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(labels, ["4", "4.1", "4.2", "4.3", "5", "5.1"], "{text}");
    // 15 days fit one per column; step 4 (06-18 … 06-25) is eight open cells.
    assert!(text.starts_with("每格1天"), "{text}");
    assert_eq!(rows[0].matches('░').count(), 8, "{text}");
    let widths: Vec<usize> = rows
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(*l))
        .collect();
    assert!(
        widths.windows(2).all(|w| w[0] == w[1]),
        "rows line up: {widths:?}\n{text}"
    );
    let ascii = env.run(&["--style", "ascii", "gantt"]);
    assert!(ascii.ok().is_ascii() || !ascii.stdout.contains(['█', '░', '▓', '◆', '│']));
    let bad = env.run(&["gantt", "--from", "7月1日", "--to", "6月1日"]);
    assert!(bad.fails().contains("早于 --from"), "{}", bad.stderr);
}

/// What people read when they ask for help or get something wrong.
#[test]
fn snapshots_of_help_and_errors() {
    let env = Env::seed();
    let help = env.run(&["--help"]);
    insta::assert_snapshot!("help", help.ok());
    let unknown = env.run(&["done", "3", "5.3"]);
    insta::assert_snapshot!("error_unknown_id", unknown.fails());
    env.write("bad.toml", "title = \"计划\"\nyear = 2014\n[[step]]\ntitle = \"开展“回头看”\"\nwhen = \"6月6日至6月31日\"\nowenrs = [\"唐健\"]\n");
    let bad = env.run(&["--plan", "bad.toml", "check"]);
    insta::assert_snapshot!("error_plan_problems", bad.fails());
}

#[test]
fn gantt_and_check_answer_scripts_in_json_too() {
    let env = scenario();
    let g = env.run(&["--json", "gantt", "--owner", "刘明"]).json();
    assert_eq!(
        (g["from"].as_str(), g["to"].as_str()),
        (Some("2014-06-01"), Some("2014-07-31"))
    );
    assert_eq!(ids(&g["rows"]), ["8", "8.1"]);
    env.write(
        "bad.toml",
        "title = \"x\"\n[[step]]\ntitle = \"a\"\nwhen = \"6月31日\"\nowenrs = 1\n",
    );
    let bad = env.run(&["--plan", "bad.toml", "--json", "check"]);
    assert_eq!(bad.code, 1);
    let v: Value =
        serde_json::from_str(&bad.stdout).expect("check --json prints JSON even for a broken plan");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    assert_eq!(
        (errors[0]["line"].as_u64(), errors[0]["column"].as_u64()),
        (Some(4), Some(8))
    );
    assert!(errors[1]["message"].as_str().unwrap().contains("owenrs"));
}

#[test]
fn empty_environment_variables_count_as_unset() {
    let env = Env::seed();
    let out = env
        .cmd(&["--json", "status"])
        .env("CHUNJIANG_PLAN", "")
        .env("CHUNJIANG_LEDGER", "")
        .env("CHUNJIANG_TODAY", "2014-06-20")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let by_empty = env
        .cmd(&["done", "3"])
        .env("CHUNJIANG_BY", " ")
        .output()
        .unwrap();
    assert_eq!(by_empty.status.code(), Some(0));
    assert!(
        !env.ledger().contains("\"by\""),
        "no empty `by` in the record: {}",
        env.ledger()
    );
    let by_env = env
        .cmd(&["note", "3", "谈话记录已存档"])
        .env("CHUNJIANG_BY", "唐健")
        .output()
        .unwrap();
    assert_eq!(by_env.status.code(), Some(0));
    assert!(env.ledger().contains("\"by\":\"唐健\""), "{}", env.ledger());
    // A flag wins over the environment.
    let flag = env
        .cmd(&["--plan", "plan.toml", "check"])
        .env("CHUNJIANG_PLAN", "missing.toml")
        .output()
        .unwrap();
    assert_eq!(
        flag.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&flag.stderr)
    );
}
