//! The cache of ledger scans (`src/ledger/cache.rs`) is never the answer's source: every
//! way a cached entry can stop matching the ledger gives the answer and the warnings
//! that `CHUNJIANG_CACHE=off` gives. `CHUNJIANG_CACHE=on` caches these small ledgers
//! (by default only ledgers of 1 MiB or more are).

use std::fs;
use std::path::PathBuf;

use crate::harness::{Env, Run};

fn line(n: u32, event: &str, step: &str, on: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{n:032x}","at":"2014-06-{:02}T08:00:00+08:00","event":"{event}","step":"{step}","on":"{on}"}}"#,
        10 + n % 10
    ) + "\n"
}

/// A ledger with a problem readers warn about, so warnings are compared too.
fn ledger() -> String {
    let mut text = line(1, "done", "1", "2014-06-16");
    text.push_str("{\"v\":1,oops\n");
    text.push_str(&line(2, "done", "2", "2014-06-15"));
    text.push_str(&line(1, "done", "1", "2014-06-16"));
    text
}

fn cache_files(env: &Env) -> Vec<PathBuf> {
    match fs::read_dir(env.path(".cache/chunjiang")) {
        Ok(dir) => dir.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

/// What `args` print with the cache and without it must be the same; returns it.
#[track_caller]
fn same_as_uncached(env: &Env, args: &[&str]) -> Run {
    let cached: Run = env
        .cmd(args)
        .env("CHUNJIANG_CACHE", "on")
        .output()
        .unwrap()
        .into();
    let plain: Run = env
        .cmd(args)
        .env("CHUNJIANG_CACHE", "off")
        .output()
        .unwrap()
        .into();
    assert_eq!(
        (cached.code, &cached.stdout, &cached.stderr),
        (plain.code, &plain.stdout, &plain.stderr),
        "{args:?}"
    );
    cached
}

fn all_views(env: &Env) {
    for args in [
        &["--json", "list"][..],
        &["status", "--all"],
        &["week"],
        &["--json", "report"],
    ] {
        same_as_uncached(env, args);
    }
}

#[test]
fn a_cached_scan_gives_the_answer_and_warnings_of_a_fresh_one() {
    let env = Env::seed();
    env.write("plan.ledger.jsonl", &ledger());
    all_views(&env);
    assert!(!cache_files(&env).is_empty(), "no cache written");
    // Now from the cache.
    let run = same_as_uncached(&env, &["--json", "list"]);
    assert!(
        run.stderr.contains("line 2: not valid JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_changed_byte_with_the_same_length_and_mtime_is_seen() {
    let env = Env::seed();
    env.write("plan.ledger.jsonl", &ledger());
    all_views(&env);
    let path = env.ledger_path();
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    // Step 2's done becomes step 4's: same length, same mtime.
    let changed = ledger().replace(r#""step":"2""#, r#""step":"4""#);
    assert_eq!(changed.len(), ledger().len());
    fs::write(&path, &changed).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let list = same_as_uncached(&env, &["--json", "list"]).json();
    let state = |id: &str| {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()["state"]
            .clone()
    };
    assert_eq!(state("4"), "done");
    assert_ne!(state("2"), "done");
    all_views(&env);
}

#[test]
fn appended_lines_torn_tails_and_writes_are_followed() {
    let env = Env::seed();
    env.write("plan.ledger.jsonl", &line(1, "done", "1", "2014-06-16"));
    all_views(&env);
    env.run(&["done", "4"]).ok();
    all_views(&env);
    env.run(&["note", "4", "谈话记录"]).ok();
    all_views(&env);
    // A malformed line after the cached part, then a torn last line: warned about with and without the cache, then completed.
    let mut text = fs::read_to_string(env.ledger_path()).unwrap();
    text.push_str("{\"v\":1,oops\n");
    fs::write(env.ledger_path(), &text).unwrap();
    let run = same_as_uncached(&env, &["status"]);
    assert!(run.stderr.contains("not valid JSON"), "{}", run.stderr);
    let torn = line(5, "done", "5", "2014-06-19");
    text.push_str(torn.trim_end());
    fs::write(env.ledger_path(), &text).unwrap();
    let run = same_as_uncached(&env, &["status"]);
    assert!(run.stderr.contains("incomplete"), "{}", run.stderr);
    all_views(&env);
    text.push('\n');
    text.push_str("<<<<<<< HEAD\n");
    fs::write(env.ledger_path(), &text).unwrap();
    let list = same_as_uncached(&env, &["--json", "list"]);
    assert!(list.stderr.contains("conflict"), "{}", list.stderr);
    all_views(&env);
    // A line that repeats an id already cached, exactly and then with other content.
    text.push_str(&line(1, "done", "1", "2014-06-16"));
    fs::write(env.ledger_path(), &text).unwrap();
    all_views(&env);
    text.push_str(&line(1, "reopen", "1", "2014-06-16"));
    fs::write(env.ledger_path(), &text).unwrap();
    let run = same_as_uncached(&env, &["--json", "list"]);
    assert!(run.stderr.contains("different content"), "{}", run.stderr);
}

#[test]
fn a_damaged_or_foreign_cache_file_is_rebuilt() {
    let env = Env::seed();
    env.write("plan.ledger.jsonl", &ledger());
    all_views(&env);
    let files = cache_files(&env);
    assert!(!files.is_empty());
    for (n, damage) in ["truncate", "flip", "empty", "garbage"].iter().enumerate() {
        for f in &files {
            let mut bytes = fs::read(f).unwrap_or_default();
            match *damage {
                "truncate" => bytes.truncate(bytes.len() / 2),
                "flip" => {
                    let mid = bytes.len() / 2;
                    bytes[mid] ^= 0x40;
                }
                "empty" => bytes.clear(),
                _ => bytes = vec![0xff; 100 + n],
            }
            fs::write(f, &bytes).unwrap();
        }
        all_views(&env);
    }
}

#[test]
fn an_unwritable_cache_dir_or_the_cache_off_changes_nothing() {
    let env = Env::seed();
    env.write("plan.ledger.jsonl", &ledger());
    // A file where the directory should be: nothing can be written under it (even by
    // root, who ignores permission bits).
    fs::create_dir_all(env.path(".cache")).unwrap();
    fs::write(env.path(".cache/chunjiang"), "not a directory").unwrap();
    all_views(&env);
    assert_eq!(
        fs::read_to_string(env.path(".cache/chunjiang")).unwrap(),
        "not a directory"
    );
    fs::remove_file(env.path(".cache/chunjiang")).unwrap();
    let off = env
        .cmd(&["status"])
        .env("CHUNJIANG_CACHE", "off")
        .output()
        .unwrap();
    assert!(off.status.success());
    assert!(
        cache_files(&env).is_empty(),
        "CHUNJIANG_CACHE=off wrote a cache"
    );
    env.run(&["status"]).ok();
    assert!(
        cache_files(&env).is_empty(),
        "a small ledger was cached by default"
    );
}
