//! `init`, `completions` and `man`: the commands that need no plan.

use crate::harness::{Env, cmd_in};

fn empty_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn run_in(dir: &std::path::Path, args: &[&str]) -> crate::harness::Run {
    cmd_in(dir, "2014-06-20", args)
        .output()
        .expect("run")
        .into()
}

#[test]
fn init_writes_a_plan_for_this_year_that_passes_check() {
    for blank in [false, true] {
        let dir = empty_dir();
        let args: &[&str] = if blank {
            &["init", "--blank"]
        } else {
            &["init"]
        };
        let out = run_in(dir.path(), args);
        assert!(out.ok().contains("wrote plan.toml"), "{}", out.stdout);
        let plan = std::fs::read_to_string(dir.path().join("plan.toml")).unwrap();
        assert!(plan.contains("year = 2014"), "{plan}");
        let check = run_in(dir.path(), &["check"]);
        assert!(check.ok().contains("没有问题"), "{}", check.stderr);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitattributes")).unwrap(),
            "*.ledger.jsonl merge=union\n"
        );
        let list = run_in(dir.path(), &["--json", "list"]).json();
        assert!(!list["items"].as_array().unwrap().is_empty());
    }
}

#[test]
fn init_takes_the_year_from_the_clock_when_no_today_is_given() {
    let dir = empty_dir();
    let mut c = cmd_in(dir.path(), "x", &["init"]);
    c.env_remove("CHUNJIANG_TODAY");
    let out: crate::harness::Run = c.output().unwrap().into();
    out.ok();
    let plan = std::fs::read_to_string(dir.path().join("plan.toml")).unwrap();
    let year = chrono::Local::now().format("%Y").to_string();
    assert!(plan.contains(&format!("year = {year}")), "{plan}");
}

#[test]
fn init_keeps_an_existing_plan_and_adds_the_union_line() {
    let env = Env::seed();
    env.write(".gitattributes", "*.png binary");
    let run = env.run(&["init"]);
    assert!(
        run.ok().contains("plan.toml already exists; kept as it is"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(env.path("plan.toml")).unwrap(),
        crate::harness::SEED_PLAN
    );
    assert_eq!(
        std::fs::read_to_string(env.path(".gitattributes")).unwrap(),
        "*.png binary\n*.ledger.jsonl merge=union\n"
    );
    let zh = env.run(&["--lang", "zh", "init"]);
    assert!(
        zh.ok().contains("plan.toml 已存在，保留不动"),
        "{}",
        zh.stdout
    );
    assert!(zh.stdout.contains("already has"), "{}", zh.stdout);
}

#[test]
fn init_in_november_dates_the_example_from_this_week() {
    let dir = empty_dir();
    let run: crate::harness::Run = cmd_in(dir.path(), "2025-11-19", &["init"])
        .output()
        .unwrap()
        .into();
    run.ok();
    let plan = std::fs::read_to_string(dir.path().join("plan.toml")).unwrap();
    assert!(plan.contains("2025年11月17日至2025年11月21日"), "{plan}");
    let list: crate::harness::Run = cmd_in(dir.path(), "2025-11-19", &["--json", "list"])
        .output()
        .unwrap()
        .into();
    let items = list.json();
    let items = items["items"].as_array().unwrap();
    assert!(items.iter().all(|i| i["state"] != "overdue"), "{items:?}");
}

#[test]
fn init_appends_the_union_line_once() {
    let dir = empty_dir();
    std::fs::write(dir.path().join(".gitattributes"), "*.png binary").unwrap();
    run_in(dir.path(), &["init"]).ok();
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitattributes")).unwrap(),
        "*.png binary\n*.ledger.jsonl merge=union\n"
    );
    let dir = empty_dir();
    let attrs = "*.ledger.jsonl merge=union\n*.png binary\n";
    std::fs::write(dir.path().join(".gitattributes"), attrs).unwrap();
    let out = run_in(dir.path(), &["init", "--blank"]);
    assert!(out.ok().contains("already has"), "{}", out.stdout);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitattributes")).unwrap(),
        attrs
    );
}

#[test]
fn completions_cover_commands_and_flags() {
    let dir = empty_dir();
    let bash = run_in(dir.path(), &["completions", "bash"]);
    let script = bash.ok();
    assert!(
        script.contains("status") && script.contains("--owner"),
        "{script}"
    );
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = run_in(dir.path(), &["completions", shell]);
        assert!(out.ok().contains("export"), "{shell}");
    }
    assert_eq!(run_in(dir.path(), &["completions", "tcsh"]).code, 2);
}

#[test]
fn the_bash_completion_script_sources_cleanly() {
    let Ok(status) = std::process::Command::new("bash").arg("--version").output() else {
        eprintln!("note: bash not found; skipping");
        return;
    };
    assert!(status.status.success());
    let script = format!(
        "source <('{}' completions bash) && complete -p chunjiang",
        crate::harness::bin().display()
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("chunjiang"));
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let dir = empty_dir();
    let out = run_in(dir.path(), &["man"]);
    let page = out.ok();
    assert!(page.contains(".TH CHUNJIANG 1"), "{page}");
    for command in [
        "status",
        "done",
        "reopen",
        "note",
        "list",
        "show",
        "log",
        "week",
        "report",
        "check",
        "export",
        "init",
        "completions",
    ] {
        assert!(page.contains(command), "{command}");
    }
}

#[test]
fn init_writes_nothing_when_gitattributes_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".gitattributes")).unwrap();
    let out: crate::harness::Run = crate::harness::cmd_in(dir.path(), "2014-06-20", &["init"])
        .output()
        .unwrap()
        .into();
    assert!(out.fails().contains(".gitattributes"), "{}", out.stderr);
    assert!(
        !dir.path().join("plan.toml").exists(),
        "no plan left behind"
    );
}
