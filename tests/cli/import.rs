//! `import`: documents in every format, read into plan drafts that `check` accepts.
//! The fixtures under `tests/fixtures/import/` were made from tables of real public
//! documents with `LibreOffice` (`scripts/make-import-fixtures.sh`); no test needs it.

use std::path::PathBuf;

use crate::harness::{Env, SEED_PLAN};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A temp dir with no plan, holding a copy of the fixture.
fn with_fixture(name: &str) -> Env {
    let env = Env::with_plan("");
    std::fs::remove_file(env.path("plan.toml")).expect("remove plan");
    std::fs::copy(fixture(name), env.path(name)).expect("copy fixture");
    env
}

/// `list --json` items of the plan at `plan` in `env`.
fn items(env: &Env, plan: &str) -> Vec<serde_json::Value> {
    let v = env.run(&["--plan", plan, "--json", "list"]).json();
    v["items"].as_array().expect("items").clone()
}

#[test]
fn the_seed_text_imports_to_the_hand_written_plan_item_by_item() {
    let env = imports_to_the_seed_plan("seed.txt", &[]);
    // The seed's step 7 counts its tasks from step 5, the meeting.
    let plan = std::fs::read_to_string(env.path("plan.toml")).unwrap();
    assert!(
        plan.contains("due = { after = \"5\", days = 10 }"),
        "{plan}"
    );
    assert!(plan.contains("due = \"6月14日前\""), "{plan}");
}

#[test]
fn import_never_overwrites_without_force_and_never_a_ledger() {
    let env = with_fixture("seed.txt");
    env.write("plan.toml", "keep");
    let err = env.run(&["import", "seed.txt"]).fails().to_string();
    assert!(err.contains("已存在") && err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(env.path("plan.toml")).unwrap(),
        "keep"
    );
    env.run(&["import", "seed.txt", "--force"]).ok();
    assert!(
        std::fs::read_to_string(env.path("plan.toml"))
            .unwrap()
            .contains("[[step]]")
    );
    env.write("x.ledger.jsonl", "{\"v\":1}\n");
    let err = env
        .run(&["import", "seed.txt", "-o", "x.ledger.jsonl", "--force"])
        .fails()
        .to_string();
    assert!(err.contains("台账"), "{err}");
    assert!(!env.ledger_path().exists());
    assert_eq!(
        std::fs::read_to_string(env.path("x.ledger.jsonl")).unwrap(),
        "{\"v\":1}\n"
    );
}

#[test]
fn a_draft_that_cannot_be_written_is_told_in_the_documents_language() {
    let env = with_fixture("seed.txt");
    env.write("notes", "a file, not a folder");
    let err = env
        .run(&["import", "seed.txt", "-o", "notes/plan.toml"])
        .fails()
        .to_string();
    assert!(err.starts_with("错误：无法写入 notes/plan.toml："), "{err}");
    assert!(!err.contains("failed"), "{err}");
    // A document that is not there, or a folder, is told in Chinese too.
    let err = env.run(&["import", "方案.docx"]).fails().to_string();
    assert!(err.contains("无法读取“方案.docx”：文件不存在"), "{err}");
    std::fs::create_dir(env.path("材料.docx")).unwrap();
    let err = env.run(&["import", "材料.docx"]).fails().to_string();
    assert!(err.contains("无法读取“材料.docx”："), "{err}");
    assert!(
        !err.contains("os error") && !err.contains("regular"),
        "{err}"
    );
}

#[test]
fn import_to_stdout_prints_the_plan_and_the_summary_on_stderr() {
    let env = with_fixture("seed.txt");
    let run = env.run(&["import", "seed.txt", "-o", "-"]);
    assert!(
        run.ok().starts_with("# 由 `chunjiang import`"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("已写入标准输出"), "{}", run.stderr);
    assert!(!env.path("plan.toml").exists());
}

#[test]
fn old_binary_word_files_get_a_way_out() {
    let env = with_fixture("seed.txt");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 64]);
    std::fs::write(env.path("方案.doc"), &ole).unwrap();
    let err = env.run(&["import", "方案.doc"]).fails().to_string();
    assert!(err.contains("另存为 .docx"), "{err}");
    let run = env.run(&["--lang", "en", "import", "方案.doc"]);
    assert!(run.fails().contains("save it as .docx"), "{}", run.stderr);
    assert!(!env.path("plan.toml").exists());
}

/// The values of `key = …` lines of a plan draft, in order.
fn values(plan: &str, key: &str) -> Vec<String> {
    let prefix = format!("{key} = ");
    plan.lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(str::to_string)
        .collect()
}

/// Imports `file` (with `args`) and compares `list --json` of the draft with the
/// hand-written seed plan, every key of every item: ids, titles, windows, owners, tasks,
/// their dues and the states that follow.
fn imports_to_the_seed_plan(file: &str, args: &[&str]) -> Env {
    let env = with_fixture(file);
    env.write("hand.toml", crate::harness::SEED_PLAN);
    let run = env.run(&[&["import", file], args].concat());
    assert!(
        run.ok().contains("8个步骤，11项任务，5位责任人，0处待核对"),
        "{file}: {}",
        run.stdout
    );
    env.run(&["check"]).ok();
    let got = items(&env, "plan.toml");
    let want = items(&env, "hand.toml");
    assert_eq!(got.len(), want.len(), "{file}");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "{file}: item {}", w["id"]);
    }
    env
}

#[test]
fn the_seed_page_with_two_tables_and_merged_cells_gives_the_seed_plan_in_every_office_format() {
    // The page holds a form and the schedule; steps 5 and 6 share their time and task
    // cells (merged down two rows). Word keeps the tables apart; Calc puts both on one
    // sheet below the title rows and merges cells across columns as it lays them out.
    for file in [
        "seed-two-tables.html",
        "seed-two-tables.docx",
        "seed-two-tables.xlsx",
        "seed-two-tables.xls",
        "seed-two-tables.ods",
    ] {
        imports_to_the_seed_plan(file, &["--year", "2014"]);
    }
}

#[test]
fn the_seed_schedule_as_a_markdown_pipe_table_gives_the_seed_plan() {
    imports_to_the_seed_plan("seed-table.md", &["--year", "2014"]);
}

#[test]
fn a_table_crossing_new_year_gets_the_next_year_and_an_unreadable_cell_is_listed() {
    // A page's or a Word document's table counts its own rows; a sheet (and a sheet saved
    // as text) shows the sheet's row numbers, where the title and `四、行事历` take rows 1
    // and 2.
    for (file, row) in [
        ("cross-year.html", 6),
        ("cross-year.docx", 6),
        ("cross-year.xls", 8),
        ("cross-year.ods", 8),
        ("cross-year.csv", 8),
        ("cross-year.tsv", 8),
    ] {
        let env = with_fixture(file);
        let run = env.run(&["import", file]);
        assert_eq!(run.code, 1, "{file}: {}{}", run.stdout, run.stderr);
        let place = format!("第{row}行第3列（时间）“待定”");
        assert!(run.stdout.contains(&place), "{file}: {}", run.stdout);
        assert!(
            run.stdout
                .contains("7个步骤，0项任务，5位责任人，1处待核对"),
            "{file}: {}",
            run.stdout
        );
        // The draft is written; what `check` says of it is shown, not "nothing changed".
        assert!(
            !run.stdout.contains("未做任何改动"),
            "{file}: {}",
            run.stdout
        );
        let plan = std::fs::read_to_string(env.path("plan.toml")).unwrap();
        // 2009学年 names the year; January comes after December, so it is 2010.
        assert_eq!(values(&plan, "year"), ["2009"], "{file}: {plan}");
        assert_eq!(
            values(&plan, "when"),
            [
                "\"9月\"",
                "\"9月上旬\"",
                "\"9月至10月\"",
                "\"10月\"",
                "\"待定\"",
                "\"12月下旬\"",
                "\"2010年1月中旬\""
            ],
            "{file}: {plan}"
        );
        assert_eq!(
            values(&plan, "owners"),
            [
                "[\"总务处\"]",
                "[\"总务处\", \"各年级组\"]",
                "[\"总务处\", \"食堂\"]",
                "[\"总务处\"]",
                "[\"卫生室\"]",
                "[\"总务处\"]",
                "[\"总务处\", \"教务处\"]"
            ],
            "{file}: {plan}"
        );
        assert_eq!(values(&plan, "id"), ["1", "2", "3", "4", "5", "6", "7"]);
        assert_eq!(
            values(&plan, "title")[1..=2],
            [
                "\"统计征订牛奶人数，交纳牛奶费，分发牛奶\"",
                "\"做好开学初的常规工作\""
            ],
            "{file}: {plan}"
        );
        // The row across the table (merged over every column) is a stage, not a step.
        assert!(plan.contains("阶段：期末及寒假"), "{file}: {plan}");
    }
}

/// A plan whose text Markdown would read as markup (`*`, `_`, `` ` ``, `|`, `\`, `<br>`, `#`,
/// `&amp;`), with `after`, a due counted in working days and one in days from other steps,
/// a task with owners of its own and an id that is not a number.
const MARKUP_PLAN: &str = r#"
title = "期末*工作* | 安排"
year = 2014
lang = "zh"

[[step]]
id = 1
title = "召开_期末_工作会 <br> [一]"
when = "6月23日"
owners = ["张三", "李四"]

[[step]]
id = 2
title = "整理资料 \\ 归档 | 备查 #1 &amp;"
when = "6月24日至7月4日"
owners = ["王五"]
after = ["1"]

  [[step.task]]
  title = "会后5个工作日内上交`总结`"
  due = { after = "1", workdays = 5 }

  [[step.task]]
  title = "汇总表*报*教务处"
  due = "6月30日"
  owners = ["赵六"]

[[step]]
id = "3a"
title = "暑期安排"
when = "7月中旬"
owners = ["张三"]

  [[step.task]]
  title = "会后10天内发放通知"
  due = { after = "2", days = 10 }
"#;

/// Exports `plan` as `format` (headers in `lang`), imports the file, and checks that
/// `list --json` of both plans is the same, every key of every item: ids, kinds, titles,
/// windows, owners, tasks and their dues (relative ones moving with their step), `after`.
fn exports_and_imports_back(plan: &str, format: &str, lang: &str, import: &[&str]) -> Env {
    let mut env = Env::with_plan(plan);
    let file = format!("export.{format}");
    env.run(&["--lang", lang, "export", "--format", format, "-o", &file])
        .ok();
    let mut args = vec!["import", file.as_str(), "-o", "back.toml"];
    args.extend_from_slice(import);
    env.run(&args).ok();
    let back = items(&env, "back.toml");
    let original = items(&env, "plan.toml");
    assert_eq!(back.len(), original.len(), "{format} {lang}");
    for (b, o) in back.iter().zip(&original) {
        assert_eq!(b, o, "{format} {lang}: item {}", o["id"]);
    }
    // A relative due is still counted from its step: done early, the task moves with it.
    if plan == MARKUP_PLAN {
        env.today = "2014-06-30".to_string();
        for p in ["plan.toml", "back.toml"] {
            env.run(&["--plan", p, "done", "2", "--on", "2014-06-27"])
                .ok();
        }
        let back = items(&env, "back.toml");
        assert_eq!(back, items(&env, "plan.toml"), "{format} {lang}");
        assert_eq!(
            (back[5]["id"].as_str(), back[5]["due"].as_str()),
            (Some("3a.1"), Some("2014-07-07")),
            "{format} {lang}"
        );
    }
    env
}

#[test]
fn an_exported_csv_imports_back_to_the_same_plan() {
    for (plan, lang) in [(SEED_PLAN, "zh"), (MARKUP_PLAN, "zh"), (MARKUP_PLAN, "en")] {
        exports_and_imports_back(plan, "csv", lang, &["--year", "2014"]);
    }
}

#[test]
fn the_markdown_reports_appendix_imports_back_to_the_same_plan() {
    // `export --format md` is the weekly report; its last table, the appendix, is the whole
    // plan, and import picks it over the report's tables of some items.
    for (plan, lang) in [(SEED_PLAN, "zh"), (MARKUP_PLAN, "zh"), (MARKUP_PLAN, "en")] {
        let env = exports_and_imports_back(plan, "md", lang, &[]);
        // The title comes back too (unescaped), and the year from the report's date.
        let draft = std::fs::read_to_string(env.path("back.toml")).expect("draft");
        let draft: toml::Value = toml::from_str(&draft).expect("the draft is TOML");
        let title = if plan == MARKUP_PLAN {
            "期末*工作* | 安排"
        } else {
            "党的群众路线教育实践活动第二环节"
        };
        assert_eq!(draft["title"].as_str(), Some(title), "{lang}");
        assert_eq!(draft["year"].as_integer(), Some(2014), "{lang}");
    }
}

#[test]
fn a_document_with_two_schedule_tables_alike_lists_them_and_asks() {
    let env = Env::with_plan("");
    let table = "| 序号 | 工作内容 | 时间 |\n| --- | --- | --- |\n| 1 | 启动 | 6月 |\n";
    std::fs::write(
        env.path("两表.md"),
        format!("# 安排\n\n{table}\n说明\n\n{table}"),
    )
    .expect("write");
    let err = env
        .run(&["import", "两表.md", "-o", "back.toml"])
        .fails()
        .to_string();
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("错误：“两表.md”里有几个表格都像日程表"),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("  第 2 个：") && l.contains("“序号 | 工作内容 | 时间")),
        "{err}"
    );
    assert_eq!(
        lines.last(),
        Some(&"提示：用 --table N 指定要导入哪一个"),
        "{err}"
    );
    assert!(!err.contains("\\n"), "{err}");
    assert!(!env.path("back.toml").exists());
    let run = env.run(&["--lang", "en", "import", "两表.md", "--table", "9"]);
    let err = run.fails();
    assert!(
        err.starts_with("error: `两表.md` has no table 9; its tables:\n  1: "),
        "{err}"
    );
    assert!(
        err.ends_with("\nhint: pick the one to import with --table N\n"),
        "{err}"
    );
}
