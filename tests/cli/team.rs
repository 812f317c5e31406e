//! Teams sharing a plan through git (DESIGN §2, "Sharing"): real `git` in a temp dir, two
//! clones recording different steps, merged with and without `*.ledger.jsonl merge=union`.
//! Skipped, with a note, where `git` is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::harness::{Run, SEED_PLAN, cmd_in};

const TODAY: &str = "2014-06-20";

fn have_git() -> bool {
    let found = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("note: git not found; skipping the team tests");
    }
    found
}

/// `git` isolated from the user's and the system's configuration.
fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git")
}

#[track_caller]
fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// In English: these tests read what the ledger warnings say.
fn cj(dir: &Path, args: &[&str]) -> Run {
    cmd_in(dir, TODAY, args)
        .env("CHUNJIANG_LANG", "en")
        .output()
        .expect("run chunjiang")
        .into()
}

fn ledger(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("plan.ledger.jsonl")).unwrap_or_default()
}

struct Team {
    _root: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
}

/// An origin repository with the seed plan and a first ledger entry, cloned twice.
fn team(union: bool) -> Team {
    let root = tempfile::tempdir().expect("temp dir");
    let origin = root.path().join("origin");
    std::fs::create_dir(&origin).unwrap();
    git_ok(&origin, &["init", "-q", "-b", "main"]);
    git_ok(&origin, &["config", "user.name", "协调人"]);
    git_ok(&origin, &["config", "user.email", "origin@example.org"]);
    std::fs::write(origin.join("plan.toml"), SEED_PLAN).unwrap();
    if union {
        std::fs::write(
            origin.join(".gitattributes"),
            "*.ledger.jsonl merge=union\n",
        )
        .unwrap();
    }
    cj(&origin, &["note", "8", "台账开始"]).ok();
    git_ok(&origin, &["add", "-A"]);
    git_ok(&origin, &["commit", "-q", "-m", "plan and ledger"]);
    let clone = |name: &str| {
        let dir = root.path().join(name);
        git_ok(
            root.path(),
            &[
                "clone",
                "-q",
                origin.to_str().unwrap(),
                dir.to_str().unwrap(),
            ],
        );
        git_ok(&dir, &["config", "user.name", name]);
        git_ok(
            &dir,
            &["config", "user.email", &format!("{name}@example.org")],
        );
        dir
    };
    let a = clone("a");
    let b = clone("b");
    Team { _root: root, a, b }
}

fn commit(dir: &Path, message: &str) {
    git_ok(dir, &["commit", "-q", "-am", message]);
}

/// A pulls B's main, merging.
fn pull_b_into_a(t: &Team) -> std::process::Output {
    git(
        &t.a,
        &[
            "pull",
            "-q",
            "--no-rebase",
            "--no-edit",
            t.b.to_str().unwrap(),
            "main",
        ],
    )
}

fn events(dir: &Path) -> Vec<Value> {
    let run = cj(dir, &["--json", "log"]);
    assert_eq!(run.stderr, "", "no warnings expected");
    run.json()["events"].as_array().unwrap().clone()
}

#[test]
fn clones_recording_different_steps_merge_without_conflict() {
    if !have_git() {
        return;
    }
    let t = team(true);
    cj(&t.a, &["done", "1", "--on", "2014-06-16"]).ok();
    commit(&t.a, "1 done");
    cj(&t.b, &["done", "2", "--on", "2014-06-15"]).ok();
    commit(&t.b, "2 done");

    let pulled = pull_b_into_a(&t);
    assert!(
        pulled.status.success(),
        "{}",
        String::from_utf8_lossy(&pulled.stderr)
    );
    assert!(!ledger(&t.a).contains("<<<<<<<"));
    let steps: Vec<(String, String)> = events(&t.a)
        .iter()
        .map(|e| (e["event"].to_string(), e["step"].to_string()))
        .collect();
    assert_eq!(steps.len(), 3, "{steps:?}");
    for (event, step) in [
        ("\"done\"", "\"1\""),
        ("\"done\"", "\"2\""),
        ("\"note\"", "\"8\""),
    ] {
        assert!(
            steps.contains(&(event.to_string(), step.to_string())),
            "{steps:?}"
        );
    }
    assert!(cj(&t.a, &["check"]).ok().contains("ok"));
    let status = cj(&t.a, &["--json", "status", "--all"]).json();
    let mut done: Vec<&str> = status["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["state"] == "done")
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    done.sort_unstable();
    assert_eq!(done, ["1", "1.1", "2", "2.1"]);
    // The merged clone records on as usual.
    cj(&t.a, &["done", "3"]).ok();
}

#[test]
fn an_event_carried_by_both_clones_counts_once() {
    if !have_git() {
        return;
    }
    let t = team(true);
    cj(&t.a, &["done", "1", "--on", "2014-06-16"]).ok();
    cj(&t.b, &["done", "2", "--on", "2014-06-15"]).ok();
    let last = |dir: &Path| ledger(dir).lines().last().unwrap().to_string();
    let (one, two) = (last(&t.a), last(&t.b));
    // Each clone also gets the other's line by hand (a copied file, a cherry-pick), so
    // both carry both events, in opposite orders: no merge can line them up.
    let append = |dir: &Path, line: &str| {
        let mut text = ledger(dir);
        text.push_str(line);
        text.push('\n');
        std::fs::write(dir.join("plan.ledger.jsonl"), text).unwrap();
    };
    append(&t.a, &two);
    append(&t.b, &one);
    commit(&t.a, "1 done, and 2 from B");
    commit(&t.b, "2 done, and 1 from A");

    let pulled = pull_b_into_a(&t);
    assert!(
        pulled.status.success(),
        "{}",
        String::from_utf8_lossy(&pulled.stderr)
    );
    let merged = ledger(&t.a);
    // The union keeps a copy from each side (git leaves 4 or 5 lines for these 3 events).
    assert!(merged.lines().count() > 3, "a line twice:\n{merged}");
    let events = events(&t.a);
    assert_eq!(events.len(), 3, "{merged}");
    for line in [&one, &two] {
        let id = serde_json::from_str::<Value>(line).unwrap()["id"].clone();
        assert_eq!(
            events.iter().filter(|e| e["id"] == id).count(),
            1,
            "{merged}"
        );
    }
    assert!(cj(&t.a, &["check"]).ok().contains("ok"));
}

#[test]
fn without_union_the_conflict_is_named_and_reading_goes_on() {
    if !have_git() {
        return;
    }
    let t = team(false);
    cj(&t.a, &["done", "1", "--on", "2014-06-16"]).ok();
    commit(&t.a, "1 done");
    cj(&t.b, &["done", "2", "--on", "2014-06-15"]).ok();
    commit(&t.b, "2 done");

    let pulled = pull_b_into_a(&t);
    assert!(!pulled.status.success(), "expected a conflict");
    let conflicted = ledger(&t.a);
    let marker = conflicted
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .expect("conflict markers")
        + 1;

    let refused = cj(&t.a, &["done", "3"]);
    let err = refused.fails();
    assert!(err.contains(&format!("line {marker}")), "{err}");
    assert!(err.contains("merge=union"), "{err}");
    assert!(err.contains("chunjiang check"), "{err}");
    assert_eq!(ledger(&t.a), conflicted, "nothing written");

    let status = cj(&t.a, &["--json", "status", "--all"]);
    assert!(status.stderr.contains("warning:"), "{}", status.stderr);
    assert!(
        status.stderr.contains("conflict markers"),
        "{}",
        status.stderr
    );
    // Both sides' events are still read.
    let items = status.json()["items"].as_array().unwrap().clone();
    for id in ["1", "2"] {
        let item = items.iter().find(|i| i["id"] == id).unwrap();
        assert_eq!(item["state"], "done", "{id}");
    }
    assert_eq!(cj(&t.a, &["check"]).code, 1);
}
