//! `import`: documents in every format, read into plan drafts that `check` accepts.
//! The fixtures under `tests/fixtures/import/` were made from tables of real public
//! documents with `LibreOffice` (`scripts/make-import-fixtures.sh`); no test needs it.

use std::path::PathBuf;

use crate::harness::Env;

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
    let env = with_fixture("seed.txt");
    env.write("hand.toml", crate::harness::SEED_PLAN);
    let run = env.run(&["import", "seed.txt"]);
    let out = run.ok();
    assert!(
        out.contains("8个步骤，11项任务，5位责任人，0处待核对"),
        "{out}"
    );
    env.run(&["check"]).ok();
    let got = items(&env, "plan.toml");
    let want = items(&env, "hand.toml");
    assert_eq!(got.len(), want.len(), "items");
    for (g, w) in got.iter().zip(&want) {
        // Every key: ids, titles, windows, owners, dues, and the states that follow.
        assert_eq!(g, w, "item {}", w["id"]);
    }
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

/// The steps of an imported plan as (id, title, start, due, owners), from `list --json`.
fn steps(env: &Env, plan: &str) -> Vec<(String, String, String, String, String)> {
    items(env, plan)
        .iter()
        .filter(|i| i["kind"] == "step")
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or("").to_string();
            (s("id"), s("title"), s("start"), s("due"), i["owners"].to_string())
        })
        .collect()
}

#[test]
fn the_seed_page_docx_and_xlsx_with_merged_cells_and_two_tables_give_the_seed_plan() {
    for file in ["seed-two-tables.html", "seed-two-tables.docx", "seed-two-tables.xlsx"] {
        let env = with_fixture(file);
        env.write("hand.toml", crate::harness::SEED_PLAN);
        let run = env.run(&["import", file, "--year", "2014"]);
        assert!(run.ok().contains("8个步骤，11项任务，5位责任人，0处待核对"), "{file}: {}", run.stdout);
        // Step 6's time and task cells are merged with step 5's: each row gets them.
        let got = items(&env, "plan.toml");
        let want = items(&env, "hand.toml");
        assert_eq!(got.len(), want.len(), "{file}");
        for (g, w) in got.iter().zip(&want) {
            for key in ["id", "start", "due", "owners", "tentative", "blocked_by"] {
                assert_eq!(g[key], w[key], "{file}: item {} {key}", w["id"]);
            }
        }
    }
}

#[test]
fn a_table_crossing_new_year_gets_the_next_year_and_an_unreadable_cell_is_listed() {
    for file in ["cross-year.html", "cross-year.docx", "cross-year.xls", "cross-year.ods"] {
        let env = with_fixture(file);
        let run = env.run(&["import", file]);
        assert_eq!(run.code, 1, "{file}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("第6行第3列（时间）“待定”"), "{file}: {}", run.stdout);
        let plan = std::fs::read_to_string(env.path("plan.toml")).unwrap();
        assert!(plan.contains("year = 2009"), "{file}: {plan}");
        assert!(plan.contains("when = \"2010年1月中旬\""), "{file}: {plan}");
        assert!(plan.contains("when = \"待定\""), "{file}: {plan}");
        assert!(plan.contains("owners = [\"总务处\", \"教务处\"]"), "{file}: {plan}");
    }
}

#[test]
fn an_exported_csv_imports_back_to_the_same_plan() {
    let env = Env::seed();
    env.run(&["export", "--format", "csv", "-o", "seed.csv"]).ok();
    let run = env.run(&["import", "seed.csv", "-o", "back.toml", "--year", "2014"]);
    run.ok();
    let back = steps(&env, "back.toml");
    let seed = steps(&env, "plan.toml");
    assert_eq!(back, seed);
    let ids = |p: &str| -> Vec<(String, String)> {
        items(&env, p)
            .iter()
            .map(|i| (i["id"].to_string(), i["due"].to_string()))
            .collect()
    };
    assert_eq!(ids("back.toml"), ids("plan.toml"));
}
