//! Loading the plan end to end: every problem of `tests/fixtures/bad` reported at its
//! place, several at once, the caret under the right character; the seed and every
//! example plan in the repository pass `check`; `list`, `show` and the ways of naming
//! the plan and today.

use std::path::{Path, PathBuf};

use serde_json::Value;
use unicode_width::UnicodeWidthStr as _;

use crate::harness::Env;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `# expect: LINE:COL TEXT` on a fixture's first line.
fn expectation(name: &str, text: &str) -> (String, String) {
    let first = text.lines().next().unwrap_or_default();
    let rest = first
        .strip_prefix("# expect: ")
        .unwrap_or_else(|| panic!("{name}: first line must be `# expect: LINE:COL TEXT`"));
    let (at, want) = rest
        .split_once(' ')
        .unwrap_or_else(|| panic!("{name}: `# expect: LINE:COL TEXT` needs both"));
    (at.to_string(), want.to_string())
}

/// The `error:` block of stderr that starts at `at`, up to the next `error:` or the count.
fn block<'a>(stderr: &'a str, head: &str) -> Option<&'a str> {
    let from = stderr.find(head)?;
    let rest = &stderr[from..];
    let end = rest[head.len()..]
        .find("\nerror: ")
        .map_or(rest.len(), |i| head.len() + i);
    Some(&rest[..end])
}

#[test]
fn every_bad_fixture_is_refused_at_its_place() {
    let dir = repo().join("tests/fixtures/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/bad")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| Path::new(n).extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "only {} fixtures", names.len());
    let mut failed = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(dir.join(name)).expect("fixture is UTF-8");
        let (at, want) = expectation(name, &text);
        // Each in its own directory, so a ledger written by mistake would show.
        let env = Env::with_plan("");
        std::fs::remove_file(env.path("plan.toml")).expect("no default plan");
        env.write(name, &text);
        let run = env.run(&["--lang", "en", "--plan", name, "check"]);
        let head = format!("error: {name}:{at}: ");
        let mut wrong = Vec::new();
        if run.code != 1 {
            wrong.push(format!("exit {}", run.code));
        }
        match block(&run.stderr, &head) {
            None => wrong.push(format!("no problem at {name}:{at}")),
            Some(b) if !b.contains(&want) => wrong.push(format!("no `{want}` at {at}")),
            Some(_) => {}
        }
        let files: Vec<_> = std::fs::read_dir(env.dir.path())
            .expect("temp dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        if files.len() != 1 {
            wrong.push(format!("files left beside it: {files:?}"));
        }
        if !wrong.is_empty() {
            failed.push(format!(
                "{name}: {}\n--- stderr:\n{}",
                wrong.join("; "),
                run.stderr
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} fixtures failed:\n\n{}",
        failed.len(),
        names.len(),
        failed.join("\n")
    );
}

#[test]
fn several_problems_are_all_reported_in_one_run() {
    let env = Env::with_plan(
        r#"title = "t"
owenrs = 1

[people]
"唐健" = {}

[[step]]
id = 1
title = "a"
when = "6月31日"
owners = ["唐建"]
after = [2]

[[step]]
id = 1
title = "b"
when = "6月17日"
  [[step.task]]
  titel = "x"
"#,
    );
    let err = env.run(&["check"]).fails().to_string();
    let places = [
        "plan.toml:2:1: unknown key `owenrs`",
        "plan.toml:10:8: `6月31日`: June has only 30 days",
        "plan.toml:11:11: owner `唐建` is not in [people]",
        "plan.toml:12:10: no step or task `2`",
        "plan.toml:15:6: id `1` is used twice (first on line 7)",
        "plan.toml:18:3: task 1.1 has no `title`",
        "plan.toml:19:3: unknown key `titel`",
    ];
    for p in places {
        assert!(err.contains(&format!("error: {p}")), "no `{p}` in:\n{err}");
    }
    assert_eq!(err.matches("\nerror: ").count() + 1, places.len(), "{err}");
    assert!(
        err.ends_with("7 problems in plan.toml; nothing was changed\n"),
        "{err}"
    );
    assert!(!env.ledger_path().exists());
}

#[test]
fn caret_sits_under_the_name_after_chinese_text() {
    let line = r#"owners = ["徐燕娟", "唐建"]"#;
    let env = Env::with_plan(&format!(
        "title = \"t\"\n[people]\n\"徐燕娟\" = {{}}\n\"唐健\" = {{}}\n[[step]]\n{line}\ntitle = \"a\"\nwhen = \"6月16日\"\n"
    ));
    let err = env.run(&["check"]).fails().to_string();
    let offending = "\"唐建\"";
    let before = &line[..line.find(offending).unwrap()];
    assert!(
        err.contains(&format!("plan.toml:6:{}: ", before.chars().count() + 1)),
        "{err}"
    );
    let caret = format!(
        "\n  | {}{}\n",
        " ".repeat(before.width()),
        "^".repeat(offending.width())
    );
    assert!(err.contains(&format!("\n6 | {line}{caret}")), "{err}");
}

#[test]
fn a_plan_saved_as_gbk_is_refused_with_a_way_to_convert_it() {
    let env = Env::with_plan("");
    // `title = "标题"` with 标题 in GBK.
    let mut bytes = b"year = 2014\ntitle = \"".to_vec();
    bytes.extend([0xB1, 0xEA, 0xCC, 0xE2]);
    bytes.extend(b"\"\n");
    std::fs::write(env.path("plan.toml"), bytes).unwrap();
    let zh = env.run(&["check"]).fails().to_string();
    assert!(
        zh.contains("错误：计划文件 plan.toml 不是 UTF-8 编码，看来是 GBK（第2行）"),
        "{zh}"
    );
    assert!(zh.contains("记事本中“另存为”→“编码”选 UTF-8"), "{zh}");
    let err = env.run(&["--lang", "en", "check"]).fails().to_string();
    assert!(
        err.contains("plan `plan.toml` is not UTF-8; it looks like GBK (line 2)"),
        "{err}"
    );
    assert!(err.contains("hint: save it as UTF-8"), "{err}");
    assert!(err.contains("Notepad"), "{err}");
    assert!(err.contains("iconv -f GBK -t UTF-8"), "{err}");
}

#[test]
fn seed_plan_passes_check() {
    let env = Env::seed();
    let out = env.run(&["check"]).ok().to_string();
    assert!(out.contains("plan.toml：8个步骤，11项任务"), "{out}");
    assert!(out.ends_with("——没有问题\n"), "{out}");
    let out = env.run(&["--lang", "en", "check"]).ok().to_string();
    assert!(out.contains("plan.toml: 8 steps, 11 tasks"), "{out}");
    assert!(out.ends_with("— ok\n"), "{out}");
}

/// `plan.toml`, `examples/*.toml` and `docs/**/*.toml`: whatever of them exists.
fn example_plans() -> Vec<PathBuf> {
    fn walk(dir: &Path, deep: bool, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let path = e.expect("entry").path();
            if path.is_dir() {
                if deep {
                    walk(&path, deep, out);
                }
            } else if path.extension().is_some_and(|x| x == "toml") {
                out.push(path);
            }
        }
    }
    let mut plans = vec![repo().join("plan.toml")];
    walk(&repo().join("examples"), false, &mut plans);
    walk(&repo().join("docs"), true, &mut plans);
    plans.sort();
    plans
}

#[test]
fn every_example_plan_in_the_repository_passes_check() {
    let plans = example_plans();
    assert!(plans.iter().any(|p| p.ends_with("plan.toml")));
    let mut failed = Vec::new();
    for path in &plans {
        let text = std::fs::read_to_string(path).expect("example plan");
        let env = Env::with_plan(&text);
        let run = env.run(&["check"]);
        if run.code != 0 {
            failed.push(format!("{}:\n{}", path.display(), run.stderr));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

fn ids(list: &Value) -> Vec<&str> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_str().expect("id"))
        .collect()
}

#[test]
fn list_filters_by_owner() {
    let env = Env::seed();
    let list = env.run(&["--json", "list", "--owner", "唐健"]).json();
    assert_eq!(
        ids(&list),
        ["2", "2.1", "4", "4.1", "4.2", "4.3", "6", "6.1", "8", "8.1"]
    );
    let table = env.run(&["list", "--owner", "唐健"]).ok().to_string();
    assert!(table.contains("开展“回头看”"), "{table}");
    assert!(!table.contains("细化“第二环节”实施办法"), "{table}");
}

#[test]
fn list_filters_by_state_in_either_spelling() {
    let env = Env::seed();
    for state in ["due_soon", "due-soon"] {
        let list = env.run(&["--json", "list", "--state", state]).json();
        assert_eq!(
            ids(&list),
            ["3", "3.1", "4", "4.1", "4.2", "4.3", "5", "6"],
            "--state {state}"
        );
        assert!(
            list["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i["state"] == "due_soon")
        );
    }
    let today = env.run(&["--json", "list", "--state", "due_today"]).json();
    assert_eq!(ids(&today), ["5.1", "6.1"]);
}

#[test]
fn unknown_owner_is_an_error_naming_the_nearest() {
    let env = Env::seed();
    let run = env.run(&["list", "--owner", "唐建"]);
    let err = run.fails();
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        err.contains("错误：plan.toml 中没有名为“唐建”的责任人"),
        "{err}"
    );
    assert!(err.contains("提示：是不是“唐健”？"), "{err}");
    let err = env.run(&["--lang", "en", "list", "--owner", "唐建"]);
    let err = err.fails();
    assert!(
        err.contains("error: no one named `唐建` in `plan.toml`"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean `唐健`?"), "{err}");
}

#[test]
fn show_explains_how_the_window_was_read() {
    let env = Env::seed();
    let out = env.run(&["show", "7"]).ok().to_string();
    assert!(
        out.contains("7 时间：7月上旬至7月中旬 → 2014-07-01 … 2014-07-20"),
        "{out}"
    );
    let json = env.run(&["show", "7", "--json"]).json();
    let when = &json["dates"][0];
    assert_eq!(when["id"], "7");
    assert_eq!(when["field"], "when");
    assert_eq!(when["text"], "7月上旬至7月中旬");
    assert_eq!(
        (&when["start"], &when["due"]),
        (&Value::from("2014-07-01"), &Value::from("2014-07-20"))
    );
    assert_eq!(json["dates"][1]["due"], "2014-07-06");
    assert_eq!(json["dates"][1]["tentative"], true);
    assert_eq!(json["item"]["start"], "2014-07-01");
}

#[test]
fn today_takes_any_single_day_expression() {
    let env = Env::seed();
    let flag = env.run(&["--json", "--today", "6月20日", "list"]).json();
    assert_eq!(flag["today"], "2014-06-20");
    let eve = env.run_on("7.1前夕", &["--json", "list"]).json();
    assert_eq!(eve["today"], "2014-06-30");
    let run = env.run(&["--lang", "en", "--today", "6月31日", "list"]);
    let err = run.fails();
    assert!(err.contains("error: --today `6月31日`: "), "{err}");
    assert!(err.contains("hint: give one day"), "{err}");
    let err = env.run(&["--today", "7月上旬", "list"]).fails().to_string();
    assert!(err.contains("错误：--today 的日期“7月上旬”"), "{err}");
    assert!(err.contains("提示：请给出某一天"), "{err}");
}

#[test]
fn a_plan_without_year_takes_the_year_of_today() {
    let env = Env::with_plan("title = \"t\"\n[[step]]\ntitle = \"a\"\nwhen = \"6月16日\"\n");
    let list = env.run(&["--json", "list"]).json();
    assert_eq!(list["items"][0]["due"], "2014-06-16");
    assert_eq!(list["items"][0]["state"], "overdue");
}

const OTHER: &str =
    "title = \"另一个\"\nyear = 2014\n[[step]]\nid = \"x1\"\ntitle = \"a\"\nwhen = \"6月16日\"\n";

#[test]
fn plan_flag_and_variable_pick_the_file() {
    let env = Env::seed();
    std::fs::create_dir(env.path("sub")).unwrap();
    env.write("sub/other.toml", OTHER);
    let flag = env
        .run(&["--json", "--plan", "sub/other.toml", "list"])
        .json();
    assert_eq!(ids(&flag), ["x1"]);
    let var: crate::harness::Run = env
        .cmd(&["--json", "list"])
        .env("CHUNJIANG_PLAN", "sub/other.toml")
        .output()
        .unwrap()
        .into();
    assert_eq!(ids(&var.json()), ["x1"]);
    let default = env.run(&["--json", "list"]).json();
    assert_eq!(ids(&default).len(), 19);
}

#[test]
fn a_missing_plan_is_an_error_with_a_hint() {
    let env = Env::seed();
    let run = env.run(&["--plan", "nope.toml", "list"]);
    let err = run.fails();
    assert!(
        err.starts_with("error: failed to read plan `nope.toml`: "),
        "{err}"
    );
    let hint = err.lines().nth(1).unwrap_or_default();
    assert!(
        hint.starts_with("hint: give the plan with --plan FILE or CHUNJIANG_PLAN"),
        "{err}"
    );
    assert!(hint.ends_with("`chunjiang init`"), "{err}");
    assert!(!env.path("nope.ledger.jsonl").exists());
}

/// The whole plans shown in the READMEs and in docs/plan-format.md (TOML code blocks that
/// start with `title =`) load.
#[test]
fn the_plans_in_the_readme_pass_check() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["README.md", "README.en.md", "docs/plan-format.md"] {
        let Ok(text) = std::fs::read_to_string(root.join(name)) else {
            assert_eq!(name, "README.en.md", "{name} is missing");
            continue;
        };
        let blocks: Vec<&str> = text
            .split("```toml\n")
            .skip(1)
            .filter_map(|b| b.split("```").next())
            .filter(|b| b.starts_with("title ="))
            .collect();
        assert!(!blocks.is_empty(), "{name} shows a plan");
        for block in blocks {
            let env = Env::with_plan(block);
            let run = env.run(&["check"]);
            assert_eq!(
                run.code, 0,
                "{name}: plan does not load:\n{block}\n{}",
                run.stderr
            );
        }
    }
}

/// Each mistake a Chinese keyboard (or Word) makes in TOML syntax is ONE error at its
/// line and column, naming the character and the ASCII one to type, in either language.
#[test]
fn chinese_keyboard_mistakes_are_one_precise_error_each() {
    let head = "title = \"春江\"\nyear = 2014\n[[step]]\ntitle = \"启动\"\nwhen = \"6月1日\"\n";
    let cases: [(&str, &str, &str, &str); 7] = [
        (
            "owners = [\"刘芳\"，\"赵强\"]",
            "plan.toml:6:15：这里是中文输入法的逗号“，”，TOML 要用英文的 `,`",
            "plan.toml:6:15: a full-width comma `，`",
            "`,`",
        ),
        (
            "detail = “开会”",
            "plan.toml:6:10：字符串用了中文引号 “…”",
            "plan.toml:6:10: a string in typographic quotes “…”",
            "`\"`",
        ),
        (
            "detail = ‘开会’",
            "plan.toml:6:10：字符串用了中文引号 ‘…’",
            "plan.toml:6:10: a string in typographic quotes ‘…’",
            "`\"`",
        ),
        (
            "detail ＝ \"开会\"",
            "plan.toml:6:8：这里是中文输入法的等号“＝”",
            "plan.toml:6:8: a full-width equals sign `＝`",
            "`=`",
        ),
        (
            "detail：\"开会\"",
            "plan.toml:6:7：这里是中文输入法的冒号“：”",
            "plan.toml:6:7: a full-width colon `：`",
            "`=`",
        ),
        (
            "owners = [\"刘芳\"］",
            "plan.toml:6:15：这里是中文输入法的方括号“］”",
            "plan.toml:6:15: a full-width bracket `］`",
            "`]`",
        ),
        (
            "[[step.task]]\ntitle = \"通知\"\ndue = \"6月1日\"\nid = \"１\"\nowner\u{3000}= \"刘芳\"",
            "plan.toml:10:6：这里是中文输入法的全角空格",
            "plan.toml:10:6: a full-width space",
            "` `",
        ),
    ];
    for (line, zh, en, ascii) in cases {
        let env = Env::with_plan(&format!("{head}{line}\n"));
        let err = env.run(&["check"]).fails().to_string();
        assert_eq!(err.matches("错误：").count(), 1, "one error:\n{err}");
        assert!(err.contains(&format!("错误：{zh}")), "{err}");
        assert!(err.contains(ascii), "{err}");
        assert!(
            !err.contains("赵强\"]` "),
            "no person named `，\"赵强\"`: {err}"
        );
        assert!(!err.contains("owner `"), "{err}");
        let err = env.run(&["--lang", "en", "check"]).fails().to_string();
        assert_eq!(err.matches("error: ").count(), 1, "one error:\n{err}");
        assert!(err.contains(&format!("error: {en}")), "{err}");
        assert!(err.contains(ascii), "{err}");
    }
    // Full-width digits in a number: one error for the run.
    let env = Env::with_plan(&head.replace("year = 2014", "year = ２０１４"));
    let err = env.run(&["check"]).fails().to_string();
    assert_eq!(err.matches("错误：").count(), 1, "{err}");
    assert!(
        err.contains("plan.toml:2:8：这里是中文输入法的全角数字“２”，TOML 要用英文的 `2`"),
        "{err}"
    );
}

#[test]
fn a_duplicate_key_says_so_and_a_bare_word_asks_for_quotes() {
    let env = Env::with_plan(
        "title = \"春江\"\ntitle = \"又一个\"\n[[step]]\ntitle = \"启动\"\nwhen = \"6月1日\"\n",
    );
    let err = env.run(&["check"]).fails().to_string();
    assert!(err.contains("plan.toml:2:1：键 `title` 重复出现"), "{err}");
    assert!(!err.contains("双引号"), "{err}");
    let err = env.run(&["--lang", "en", "check"]).fails().to_string();
    assert!(
        err.contains("plan.toml:2:1: duplicate key `title`"),
        "{err}"
    );
    assert!(!err.contains("double quotes"), "{err}");
    let env = Env::with_plan("title = 春江\n[[step]]\ntitle = \"启动\"\nwhen = \"6月1日\"\n");
    let err = env.run(&["check"]).fails().to_string();
    assert!(err.contains("plan.toml:1:9：值没有加双引号"), "{err}");
}

#[test]
fn a_utf16_plan_is_told_from_gbk() {
    let env = Env::with_plan("");
    let text = "title = \"春江\"\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(env.path("plan.toml"), &le).unwrap();
    let err = env.run(&["check"]).fails().to_string();
    assert!(err.contains("看来是 UTF-16 LE"), "{err}");
    assert!(err.contains("记事本"), "{err}");
    assert!(err.contains("WPS"), "{err}");
    assert!(err.contains("iconv -f UTF-16LE -t UTF-8"), "{err}");
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    std::fs::write(env.path("plan.toml"), &be).unwrap();
    let err = env.run(&["--lang", "en", "check"]).fails().to_string();
    assert!(err.contains("it looks like UTF-16 BE"), "{err}");
    assert!(!err.contains("GBK"), "{err}");
}

#[test]
fn json_errors_are_one_object_with_a_code() {
    let env = Env::seed();
    let run = env.run(&["--json", "done", "99"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_str(run.stderr.trim()).expect("one JSON object");
    assert_eq!(v["error"]["code"], "unknown_id");
    assert!(v["error"]["message"].as_str().unwrap().contains("“99”"));
    assert!(v["error"]["hint"].is_string());
    env.write("bad.toml", "title = \"春江\"\nowenrs = 1\n");
    let run = env.run(&["--json", "--plan", "bad.toml", "list"]);
    let v: serde_json::Value = serde_json::from_str(run.stderr.trim()).expect("one JSON object");
    let e = &v["error"];
    assert_eq!(e["code"], "unknown_key");
    assert_eq!(
        (e["file"].as_str(), e["line"].as_u64(), e["column"].as_u64()),
        (Some("bad.toml"), Some(2), Some(1))
    );
}
