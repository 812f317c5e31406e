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
        assert!(out.ok().contains("已写入 plan.toml"), "{}", out.stdout);
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
        run.ok().contains("plan.toml 已存在，保留不动"),
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
    assert!(
        zh.stdout.contains("已有 `*.ledger.jsonl merge=union`"),
        "{}",
        zh.stdout
    );
    let en = env.run(&["--lang", "en", "init"]);
    assert!(
        en.ok().contains("plan.toml already exists; kept as it is"),
        "{}",
        en.stdout
    );
    assert!(en.stdout.contains("already has"), "{}", en.stdout);
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
    assert!(
        out.ok()
            .contains(".gitattributes：已有 `*.ledger.jsonl merge=union`"),
        "{}",
        out.stdout
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitattributes")).unwrap(),
        attrs
    );
}

/// What the shell gets at a Tab after `WORDS`, asked as the registration asks it
/// (`CHUNJIANG_COMPLETE=fish chunjiang -- chunjiang WORDS…`; fish's answer is a candidate a
/// line, its help after a tab): the candidates, and their lines.
/// Flags are left out of the values: an empty word is offered them too.
fn complete(dir: &std::path::Path, words: &[&str]) -> (Vec<String>, String) {
    let mut args = vec!["--", "chunjiang"];
    args.extend(words);
    let out: crate::harness::Run = cmd_in(dir, "2014-06-20", &args)
        .env("CHUNJIANG_COMPLETE", "fish")
        .output()
        .expect("run")
        .into();
    let text = out.ok().to_string();
    let values = text
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .filter(|v| !v.starts_with('-') || words.last().is_some_and(|w| w.starts_with('-')))
        .collect();
    (values, text)
}

#[test]
fn completions_cover_commands_and_flags() {
    let dir = empty_dir();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run_in(dir.path(), &["completions", shell]);
        assert!(
            out.ok().contains("CHUNJIANG_COMPLETE"),
            "{shell}: {}",
            out.stdout
        );
    }
    assert_eq!(run_in(dir.path(), &["completions", "tcsh"]).code, 2);
    let (commands, _) = complete(dir.path(), &["st"]);
    assert!(commands.contains(&"status".to_string()), "{commands:?}");
    let (flags, _) = complete(dir.path(), &["status", "--o"]);
    assert_eq!(flags, ["--owner"]);
}

#[test]
fn completion_offers_the_plans_ids_and_owners() {
    let dir = empty_dir();
    std::fs::write(dir.path().join("plan.toml"), crate::harness::SEED_PLAN).unwrap();
    let sub = dir.path().join("材料");
    std::fs::create_dir(&sub).unwrap();
    // From a sub-folder, as every command finds the plan.
    let (ids, text) = complete(&sub, &["done", "5"]);
    assert_eq!(ids, ["5", "5.1"], "{text}");
    assert!(text.contains("5\t召开专题民主生活会"), "{text}");
    // An empty word is offered every id.
    let all: Vec<String> = Env::seed().run(&["--json", "list"]).json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    for words in [
        &["show", ""][..],
        &["log", ""],
        &["reopen", "1", ""],
        &["note", ""],
    ] {
        let (ids, text) = complete(&sub, words);
        assert_eq!(ids, all, "{words:?}: {text}");
    }
    let roster = ["徐燕娟", "唐健", "韩海英", "杨建祥", "刘明"];
    for words in [
        &["status", "--owner", ""][..],
        &["remind", "--owner", ""],
        &["done", "3", "--by", ""],
        &["export", "--format", "csv", "--owner", ""],
    ] {
        let (owners, _) = complete(&sub, words);
        assert_eq!(owners, roster, "{words:?}");
    }
    let (owners, _) = complete(&sub, &["list", "--owner", "唐"]);
    assert_eq!(owners, ["唐健"]);
    // `--plan` on the line wins; no plan at all means no candidates, not an error.
    let other = empty_dir();
    std::fs::write(
        other.path().join("p.toml"),
        "title = \"t\"\n[[step]]\nid = \"a\"\ntitle = \"x\"\ndue = \"6月1日\"\nowner = \"王五\"\n",
    )
    .unwrap();
    let plan = other.path().join("p.toml");
    let (ids, _) = complete(&sub, &["--plan", plan.to_str().unwrap(), "show", ""]);
    assert_eq!(ids, ["a"]);
    let (owners, _) = complete(
        &sub,
        &["--plan", plan.to_str().unwrap(), "status", "--owner", ""],
    );
    assert_eq!(owners, ["王五"]);
    let (none, _) = complete(other.path(), &["show", ""]);
    assert!(none.is_empty(), "{none:?}");
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
    // A Tab after `done 5`, as bash makes it: the script asks `chunjiang` on the PATH.
    let dir = empty_dir();
    std::fs::write(dir.path().join("plan.toml"), crate::harness::SEED_PLAN).unwrap();
    let bin = crate::harness::bin();
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script = "source <(chunjiang completions bash) && COMP_WORDS=(chunjiang done 5) && \
                  COMP_CWORD=2 && _clap_complete_chunjiang chunjiang 5 done && \
                  printf '%s\\n' \"${COMPREPLY[@]}\"";
    let out = std::process::Command::new("bash")
        .args(["-c", script])
        .current_dir(dir.path())
        .env("PATH", path)
        .env_remove("CHUNJIANG_PLAN")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "5\n5.1\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
