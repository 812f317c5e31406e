//! The ledger's promises of DESIGN §2, end to end: real processes, real files. Concurrent
//! writers, writers killed mid-write, a full disk, torn and malformed lines, merged
//! duplicates, odd paths, and the exact shape of the lines written.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::process::{Command, Stdio};
use std::sync::Barrier;
use std::thread;
use std::time::Duration;

use chrono::DateTime;
use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use crate::harness::{Env, Run};

// ---------------------------------------------------------------------------------------
// Helpers

/// The ledger's bytes; empty when there is no file.
fn bytes(env: &Env) -> Vec<u8> {
    fs::read(env.ledger_path()).unwrap_or_default()
}

/// Every line of the ledger parsed as JSON; panics on a line that is not.
fn lines(env: &Env) -> Vec<Value> {
    let text = env.ledger();
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "ledger does not end with a newline:\n{text}"
    );
    text.lines()
        .enumerate()
        .map(|(n, l)| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("ledger line {} is not JSON ({e}): {l}", n + 1))
        })
        .collect()
}

/// A hand-made event line with id `n` (as the tool would write it, but with a fixed id).
fn event_line(n: u32, event: &str, step: &str, on: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{n:032x}","at":"2014-06-{:02}T09:00:00+08:00","event":"{event}","step":"{step}","on":"{on}"}}"#,
        10 + n
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

fn state(env: &Env, id: &str) -> (String, Value) {
    let list = env.run(&["--json", "list"]).json();
    let it = item(&list, id);
    (
        it["state"].as_str().expect("state").to_string(),
        it["done_on"].clone(),
    )
}

#[track_caller]
fn assert_contains(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected {needle:?} in:\n{haystack}"
    );
}

/// The keys of one JSON object, in the order they appear in the text.
struct Keys(Vec<String>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Keys, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some((k, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
                    keys.push(k);
                }
                Ok(Keys(keys))
            }
        }
        d.deserialize_map(V)
    }
}

/// A tiny xorshift, so the crash test's delays vary but every run uses the same ones.
fn xorshift(seed: u64) -> u64 {
    let mut x = (seed + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    x
}

/// `n` notes on step 1, as a year of use might leave.
fn long_ledger(n: u32) -> String {
    (1..=n)
        .map(|i| {
            format!(
                r#"{{"v":1,"id":"{i:032x}","at":"2014-06-15T08:00:00+08:00","event":"note","step":"1","note":"谈话记录 {i}"}}"#
            ) + "\n"
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// 1–3: several processes at once, and processes killed mid-write

#[test]
fn eight_writers_at_once_lose_nothing() {
    const WRITES: usize = 200;
    let env = Env::seed();
    // Even steps start done, so their toggles begin with reopen and end done; odd steps
    // begin with done and end reopened. Both final states are then checked.
    for step in [2, 4, 6, 8] {
        env.run(&["done", &step.to_string()]).ok();
    }
    let seeded = lines(&env).len();
    assert_eq!(seeded, 4);

    thread::scope(|s| {
        for step in 1..=8usize {
            let env = &env;
            s.spawn(move || {
                let id = step.to_string();
                for k in 0..WRITES {
                    let verb = if (k + step) % 2 == 1 {
                        "done"
                    } else {
                        "reopen"
                    };
                    let run = env.run(&[verb, &id]);
                    assert!(
                        run.ok().starts_with("已记录："),
                        "{verb} {id} (write {k}) did not record:\n{run:?}"
                    );
                }
            });
        }
    });

    let events = lines(&env);
    assert_eq!(events.len(), seeded + 8 * WRITES);
    let ids: HashSet<&str> = events.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), events.len(), "event ids repeat");

    // Under the lock each writer stamps `at` after the latest event, so file order, time
    // order and replay order are one order.
    let times: Vec<_> = events
        .iter()
        .map(|e| DateTime::parse_from_rfc3339(e["at"].as_str().unwrap()).unwrap())
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] < w[1]),
        "`at` is not strictly increasing in file order"
    );

    // Each step's own events alternate, as its one writer toggled them.
    let mut per_step: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in &events {
        per_step
            .entry(e["step"].as_str().unwrap())
            .or_default()
            .push(e["event"].as_str().unwrap());
    }
    for step in 1..=8 {
        let seq = &per_step[step.to_string().as_str()];
        let expected_len = if step % 2 == 0 { WRITES + 1 } else { WRITES };
        assert_eq!(seq.len(), expected_len, "step {step}");
        for (k, event) in seq.iter().enumerate() {
            let want = if k % 2 == 0 { "done" } else { "reopen" };
            assert_eq!(*event, want, "step {step}, its event {k}: {seq:?}");
        }
    }

    let list = env.run(&["--json", "list"]).json();
    for step in 1..=8 {
        let st = &item(&list, &step.to_string())["state"];
        assert_eq!(st == "done", step % 2 == 0, "step {step} is {st}");
    }
    env.run(&["check"]).ok();
}

#[test]
fn done_at_once_records_once() {
    for round in 0..4 {
        let env = Env::seed();
        // Half the rounds race to create the ledger; half append to a long one, whose
        // reading under the lock takes long enough that an unlocked writer would race.
        if round % 2 == 1 {
            env.write("plan.ledger.jsonl", &long_ledger(5000));
        }
        let before = lines(&env).len();
        let barrier = Barrier::new(8);
        let runs: Vec<Run> = thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        let mut cmd = env.cmd(&["done", "3"]);
                        barrier.wait();
                        Run::from(cmd.output().expect("run chunjiang"))
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut recorded = 0;
        for run in &runs {
            let out = run.ok();
            if out.starts_with("已记录：3 ") {
                recorded += 1;
            } else {
                assert_contains(out, "已于 2014-06-20 完成");
            }
        }
        assert_eq!(recorded, 1, "round {round}: {runs:#?}");
        let events = lines(&env);
        assert_eq!(events.len(), before + 1, "round {round}");
        assert_eq!(events[before]["step"], "3");
        assert_eq!(events[before]["event"], "done");
    }
}

#[test]
fn writers_killed_mid_write_leave_a_readable_ledger() {
    let env = Env::seed();
    let mut recorded: Vec<String> = Vec::new();
    let mut killed = 0;
    for i in 0..60u64 {
        let text = format!("crash-{i}");
        let mut child = env
            // --by: no git subprocess asked for the recorder, so writers reach the write.
            .cmd(&["note", "3", &text, "--by", "唐健"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn chunjiang");
        thread::sleep(Duration::from_millis(xorshift(i) % 21));
        // It may have finished already; killing a finished child is harmless.
        let _ = child.kill();
        let out = child.wait_with_output().expect("wait");
        if out.status.code().is_none() {
            killed += 1;
        }
        if String::from_utf8_lossy(&out.stdout).contains("已记录") {
            recorded.push(text);
        }
    }
    eprintln!(
        "crash test: {killed} of 60 writers killed, {} said recorded",
        recorded.len()
    );
    assert!(
        !recorded.is_empty(),
        "no writer lived long enough to record"
    );

    // Every line but possibly a torn last one is an event; `check` accepts the file.
    let check = env.run(&["check"]);
    check.ok();
    let torn_warnings = check.stderr.matches("incomplete").count();
    assert!(torn_warnings <= 1, "{}", check.stderr);
    assert!(!check.stderr.contains("error"), "{}", check.stderr);

    // What was said to be recorded is there, exactly once; nothing is there twice.
    let log = env.run(&["--json", "log", "3"]).json();
    let mut notes: HashMap<String, usize> = HashMap::new();
    for e in log["events"].as_array().unwrap() {
        *notes
            .entry(e["note"].as_str().unwrap_or_default().to_string())
            .or_default() += 1;
    }
    for text in &recorded {
        assert_eq!(notes.get(text), Some(&1), "{text} said recorded: {notes:?}");
    }
    assert!(notes.values().all(|&n| n == 1), "{notes:?}");

    // No lock or half-done state is left behind.
    env.run(&["done", "3"]).ok();
    assert_eq!(state(&env, "3").0, "done");
    env.run(&["check"]).ok();
}

// ---------------------------------------------------------------------------------------
// 4–5: a full disk, and the torn line it can leave

fn have_prlimit() -> bool {
    let found = Command::new("prlimit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("note: `prlimit` not found; skipping the disk-full test");
    }
    found
}

/// Runs the binary with the file size limited to `limit` bytes (SIGXFSZ ignored, so the
/// write fails with EFBIG as on a full disk instead of killing the process).
fn run_limited(env: &Env, limit: usize, args: &[&str]) -> Run {
    let script = format!("trap '' XFSZ; exec prlimit --fsize={limit} -- \"$0\" \"$@\"");
    env.shell(&script, args).output().expect("run bash").into()
}

#[test]
fn a_full_disk_leaves_the_ledger_as_it_was() {
    if !have_prlimit() {
        return;
    }
    let env = Env::seed();
    env.run(&["done", "1"]).ok();
    let before = bytes(&env);

    // Room for part of the new line only: the write starts, then fails.
    let run = run_limited(&env, before.len() + 10, &["done", "3"]);
    let err = run.fails();
    assert_contains(err, "无法写入台账");
    assert_contains(err, "文件超出了系统允许的大小");
    assert!(!run.stdout.contains("已记录"), "{run:?}");
    assert_eq!(bytes(&env), before, "the partial write was not cut back");

    let out = env.run(&["done", "3"]);
    assert_contains(out.ok(), "已记录：3 ");
    let after = bytes(&env);
    assert!(after.starts_with(&before));
    assert_eq!(lines(&env).len(), 2);
    env.run(&["check"]).ok();
}

#[test]
fn a_full_disk_leaves_no_new_ledger_behind() {
    if !have_prlimit() {
        return;
    }
    let env = Env::seed();
    let run = run_limited(&env, 10, &["done", "3"]);
    assert_contains(run.fails(), "文件超出了系统允许的大小");
    assert!(!env.ledger_path().exists(), "a ledger was left behind");
    env.run(&["done", "3"]).ok();
    assert_eq!(lines(&env).len(), 1);
}

#[test]
fn a_torn_last_line_is_saved_aside_by_the_next_writer() {
    let env = Env::seed();
    env.run(&["done", "1", "--on", "6.16"]).ok();
    env.run(&["done", "2", "--on", "6.15"]).ok();
    let good = bytes(&env);
    let torn =
        br#"{"v":1,"id":"0123456789abcdef0123456789abcdef","at":"2014-06-20T10:00:00+08:00","eve"#;
    let mut with_torn = good.clone();
    with_torn.extend_from_slice(torn);
    fs::write(env.ledger_path(), &with_torn).unwrap();

    // Readers answer, and warn.
    let status = env.run(&["--json", "status", "--all"]);
    assert_eq!(item(&status.json(), "1")["state"], "done");
    assert_contains(&status.stderr, "第3行：");
    assert_contains(&status.stderr, "不完整");
    assert_eq!(bytes(&env), with_torn, "a reader changed the ledger");

    // The next writer saves the torn bytes, cuts them off and appends.
    let done = env.run(&["done", "3"]);
    assert_contains(done.ok(), "已记录：3 ");
    assert_contains(&done.stderr, ".torn-");
    let saved: Vec<_> = fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("plan.ledger.jsonl.torn-"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let stamp = &saved[0]["plan.ledger.jsonl.torn-".len()..];
    assert!(
        stamp.len() == 15 && stamp.as_bytes()[8] == b'T',
        "not a timestamp: {stamp}"
    );
    assert_contains(&done.stderr, &saved[0]);
    assert_eq!(fs::read(env.path(&saved[0])).unwrap(), torn);

    let after = bytes(&env);
    assert!(after.starts_with(&good), "earlier events changed");
    let events = lines(&env);
    assert_eq!(events.len(), 3);
    assert_eq!(events[2]["step"], "3");
    let check = env.run(&["check"]);
    check.ok();
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
    for id in ["1", "2", "3"] {
        assert_eq!(state(&env, id).0, "done", "step {id}");
    }
}

// ---------------------------------------------------------------------------------------
// 6–7: lines a person or git put there

/// A ledger whose lines `bad` (1-based) are not events; `good` events are.
struct Damaged {
    name: &'static str,
    text: String,
    bad: Vec<usize>,
    good: usize,
}

fn damaged_ledgers() -> Vec<Damaged> {
    let one = event_line(1, "done", "1", "2014-06-16");
    let two = event_line(2, "done", "2", "2014-06-15");
    let four = event_line(4, "done", "4", "2014-06-19");
    let wrong_type = format!(
        r#"{{"v":1,"id":"{:032x}","at":"2014-06-13T09:00:00+08:00","event":"done","step":"3","on":5}}"#,
        3
    );
    vec![
        Damaged {
            name: "malformed middle line",
            text: format!("{one}\n{{\"v\":1,\"id\":\"abc\",\n{two}\n"),
            bad: vec![2],
            good: 2,
        },
        Damaged {
            name: "git conflict markers",
            text: format!("{one}\n<<<<<<< HEAD\n{two}\n=======\n{four}\n>>>>>>> other\n"),
            bad: vec![2, 4, 6],
            good: 3,
        },
        Damaged {
            name: "wrong type",
            text: format!("{one}\n{wrong_type}\n{two}\n"),
            bad: vec![2],
            good: 2,
        },
    ]
}

#[test]
fn damaged_lines_are_skipped_by_readers_and_block_writers() {
    for case in damaged_ledgers() {
        let name = case.name;
        let env = Env::seed().english();
        env.write("plan.ledger.jsonl", &case.text);
        let before = bytes(&env);

        // Readers warn with each line number and still answer.
        let status = env.run(&["--json", "status", "--all"]);
        let json = status.json();
        assert_eq!(item(&json, "1")["state"], "done", "{name}");
        assert_ne!(item(&json, "3")["state"], "done", "{name}");
        let log = env.run(&["log"]);
        log.ok();
        let log_json = env.run(&["--json", "log"]).json();
        assert_eq!(
            log_json["events"].as_array().unwrap().len(),
            case.good,
            "{name}"
        );
        for n in &case.bad {
            for run in [&status, &log] {
                assert_contains(&run.stderr, &format!("line {n}:"));
                assert_contains(&run.stderr, "warning");
            }
        }

        // Writers refuse, naming the first bad line, and write nothing.
        for args in [&["done", "3"][..], &["note", "3", "x"], &["reopen", "1"]] {
            let run = env.run(args);
            let err = run.fails();
            assert_contains(err, &format!("line {}:", case.bad[0]));
            assert_contains(err, "fix the line");
            assert_contains(err, "chunjiang check");
            assert!(!run.stdout.contains("已记录"), "{name}: {run:?}");
            assert_eq!(bytes(&env), before, "{name}: {args:?} changed the ledger");
        }

        // `check` fails, naming every bad line.
        let check = env.run(&["check"]);
        let err = check.fails();
        for n in &case.bad {
            assert_contains(err, &format!("line {n}:"));
        }
        assert_eq!(bytes(&env), before, "{name}");
    }
}

#[test]
fn duplicate_lines_from_a_union_merge_count_once() {
    let env = Env::seed().english();
    let one = event_line(1, "done", "1", "2014-06-16");
    let two = event_line(2, "done", "2", "2014-06-15");
    // The same event again, and again with other spacing: still the same content.
    let spaced = one.replace("\",\"", "\", \"").replace("\":", "\": ");
    env.write(
        "plan.ledger.jsonl",
        &format!("{one}\n{two}\n{one}\n{spaced}\n"),
    );
    let log = env.run(&["--json", "log"]).json();
    let events = log["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "{log}");
    assert_eq!(
        events.iter().filter(|e| e["step"] == "1").count(),
        1,
        "{log}"
    );
    let check = env.run(&["check"]);
    check.ok();
    assert_contains(&check.stdout, "2 events");
    // Duplicates do not block writers.
    env.run(&["done", "3"]).ok();
    assert_eq!(lines(&env).len(), 5);
}

#[test]
fn one_id_with_two_contents_is_an_error() {
    let env = Env::seed().english();
    let one = event_line(1, "done", "1", "2014-06-16");
    let two = event_line(2, "done", "2", "2014-06-15");
    let other = one.replace("2014-06-16\"}", "2014-06-17\"}");
    assert_ne!(one, other);
    env.write("plan.ledger.jsonl", &format!("{one}\n{two}\n{other}\n"));
    let before = bytes(&env);

    let check = env.run(&["check"]);
    let err = check.fails();
    assert_contains(err, "line 3:");
    assert_contains(err, "line 1");
    assert_contains(err, &format!("{:032x}", 1));

    let run = env.run(&["done", "3"]);
    let err = run.fails();
    assert_contains(err, "line 3:");
    assert_contains(err, "chunjiang check");
    assert_eq!(bytes(&env), before);

    // Readers keep the first and say so.
    let status = env.run(&["--json", "status", "--all"]);
    assert_eq!(item(&status.json(), "1")["done_on"], "2014-06-16");
    assert_contains(&status.stderr, "line 3:");
}

// ---------------------------------------------------------------------------------------
// 8: where the ledger is

#[test]
fn a_ledger_path_that_is_a_directory_is_refused() {
    let env = Env::seed();
    fs::create_dir(env.path("somedir")).unwrap();
    for args in [
        &["--ledger", "somedir", "status"][..],
        &["--ledger", "somedir", "done", "3"],
        &["--ledger", "somedir", "log"],
    ] {
        let run = env.run(args);
        let err = run.fails();
        assert_contains(err, "台账 somedir 不是普通文件（它是目录）");
        assert!(run.stdout.is_empty(), "{args:?}: {run:?}");
    }
    assert_eq!(fs::read_dir(env.path("somedir")).unwrap().count(), 0);
}

#[test]
fn a_new_ledger_has_the_users_normal_permissions() {
    let env = Env::seed();
    let run: Run = env
        .shell("umask 022; exec \"$0\" \"$@\"", &["done", "3"])
        .output()
        .expect("run bash")
        .into();
    run.ok();
    let mode = fs::metadata(env.ledger_path())
        .unwrap()
        .permissions()
        .mode();
    assert_ne!(mode & 0o044, 0, "ledger mode {mode:o}");
    assert_eq!(mode & 0o777, 0o644, "ledger mode {mode:o}");
}

// ---------------------------------------------------------------------------------------
// 9: what done, reopen and note write, and what they refuse

#[test]
fn an_unknown_id_writes_nothing_at_all() {
    let env = Env::seed();
    let run = env.run(&["done", "3", "99"]);
    let err = run.fails();
    assert_contains(err, "错误：plan.toml 中没有编号为“99”的步骤或任务");
    assert_contains(err, "已有的编号：1、1.1、2");
    assert!(!env.ledger_path().exists(), "ledger created");

    let near = env.run(&["done", "3", "4.4"]);
    assert_contains(near.fails(), "提示：是不是“4.1”？");
    assert!(!env.ledger_path().exists(), "ledger created");

    env.run(&["done", "1"]).ok();
    let before = bytes(&env);
    for args in [
        &["done", "3", "99"][..],
        &["reopen", "1", "99"],
        &["note", "99", "text"],
    ] {
        let run = env.run(args);
        assert_contains(run.fails(), "“99”");
        assert_eq!(bytes(&env), before, "{args:?} wrote");
    }
    assert_ne!(state(&env, "3").0, "done");
}

#[test]
fn done_twice_writes_once_and_says_when() {
    let env = Env::seed();
    env.run(&["done", "3", "--on", "6.19"]).ok();
    let before = bytes(&env);
    let again = env.run(&["done", "3"]);
    assert_contains(again.ok(), "已于 2014-06-19 完成");
    assert!(!again.stdout.contains("已记录"), "{again:?}");
    assert_eq!(bytes(&env), before);

    // Reopening what is not done writes nothing either.
    env.run(&["reopen", "5"]).ok();
    assert_eq!(bytes(&env), before);
}

#[test]
fn json_of_done_and_reopen_follows_section_5() {
    let env = Env::seed();
    let first = env.run(&["--json", "done", "3"]).json();
    assert_eq!(first["unchanged"], serde_json::json!([]));
    assert_eq!(first["written"].as_array().unwrap().len(), 1);
    let second = env.run(&["--json", "done", "3"]).json();
    assert_eq!(second["written"], serde_json::json!([]));
    let unchanged = second["unchanged"].as_array().unwrap();
    assert_eq!(unchanged.len(), 1);
    assert_eq!(unchanged[0]["id"], "3");
    assert_contains(
        unchanged[0]["reason"].as_str().expect("reason"),
        "2014-06-20",
    );

    let reopen = env.run(&["--json", "reopen", "3"]).json();
    assert_eq!(reopen["unchanged"], serde_json::json!([]));
    let written = reopen["written"].as_array().unwrap();
    assert_eq!(written.len(), 1);
    let on_disk = lines(&env);
    assert_eq!(on_disk.len(), 2);
    // What was reported written is exactly what is on disk.
    assert_eq!(written[0], on_disk[1]);
    assert_eq!(first["written"][0], on_disk[0]);
    assert_eq!(written[0]["event"], "reopen");
    assert_eq!(written[0]["step"], "3");
    assert_eq!(written[0]["on"], "2014-06-20");
}

#[test]
fn a_step_done_completes_its_tasks_until_reopened() {
    let env = Env::seed();
    env.run(&["done", "4.2", "--on", "6.19"]).ok();
    env.run(&["done", "4"]).ok();
    for id in ["4", "4.1", "4.2", "4.3"] {
        let (st, on) = state(&env, id);
        assert_eq!(st, "done", "{id}");
        let want = if id == "4.2" {
            "2014-06-19"
        } else {
            "2014-06-20"
        };
        assert_eq!(on, want, "{id}");
    }
    env.run(&["reopen", "4"]).ok();
    for id in ["4", "4.1", "4.3"] {
        let (st, on) = state(&env, id);
        assert_ne!(st, "done", "{id}");
        assert_eq!(on, Value::Null, "{id}");
    }
    // A task done on its own stays done.
    assert_eq!(
        state(&env, "4.2"),
        ("done".to_string(), Value::from("2014-06-19"))
    );
}

#[test]
fn a_note_shows_in_the_log() {
    let env = Env::seed();
    let run = env.run(&["note", "3", "谈话记录已存档", "--by", "唐健"]);
    assert_contains(run.ok(), "已记录：3 ");
    let table = env.run(&["log", "3"]);
    assert_contains(table.ok(), "谈话记录已存档");
    assert_contains(&table.stdout, "唐健");
    let log = env.run(&["--json", "log"]).json();
    let events = log["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["event"], "note");
    assert_eq!(events[0]["step"], "3");
    assert_eq!(events[0]["note"], "谈话记录已存档");
    assert_eq!(events[0]["by"], "唐健");
    assert_eq!(events[0].get("on"), None, "a note has no effective date");
    // A note is not completion.
    assert_ne!(state(&env, "3").0, "done");
}

#[test]
fn back_dated_done_fixes_relative_dues_and_future_dates_are_refused() {
    let env = Env::seed();
    let future = env.run(&["done", "3", "--on", "6.21"]);
    assert_contains(future.fails(), "晚于今天");
    assert!(!env.ledger_path().exists(), "ledger created");

    env.run_on("2014-06-30", &["done", "5", "--on", "6.28"])
        .ok();
    let list = env.run_on("2014-06-30", &["--json", "list"]).json();
    assert_eq!(item(&list, "5")["done_on"], "2014-06-28");
    assert_eq!(item(&list, "7.1")["due"], "2014-07-08");
    assert_eq!(item(&list, "7.1")["tentative"], false);
    assert_eq!(item(&list, "7.2")["due"], "2014-07-13");
    assert_eq!(item(&list, "7.2")["tentative"], false);
}

// ---------------------------------------------------------------------------------------
// 10: the exact shape of a line

#[test]
fn every_line_written_has_the_keys_in_order_and_the_plans_offset() {
    let env = Env::seed();
    env.run(&[
        "done",
        "1",
        "--on",
        "6.16",
        "--by",
        "徐燕娟",
        "--note",
        "已报局活动办",
    ])
    .ok();
    env.run(&["done", "2", "5.1"]).ok();
    env.run(&["reopen", "2", "--note", "补材料"]).ok();
    env.run(&["note", "3", "谈话\"记录\"\n第二页", "--by", "唐健"])
        .ok();
    let text = env.ledger();
    assert_eq!(text.lines().count(), 5);
    let order = ["v", "id", "at", "event", "step", "on", "by", "note"];
    for line in text.lines() {
        let Keys(keys) = serde_json::from_str(line).expect("a JSON object");
        let ranks: Vec<usize> = keys
            .iter()
            .map(|k| {
                order
                    .iter()
                    .position(|o| o == k)
                    .unwrap_or_else(|| panic!("unexpected key {k} in {line}"))
            })
            .collect();
        assert!(
            ranks.windows(2).all(|w| w[0] < w[1]),
            "keys out of order in {line}"
        );
        assert_eq!(keys[..5], order[..5], "{line}");

        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["v"], 1);
        let id = v["id"].as_str().unwrap();
        assert!(
            id.len() == 32
                && id
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
            "id {id}"
        );
        let at = v["at"].as_str().unwrap();
        let parsed = DateTime::parse_from_rfc3339(at).unwrap_or_else(|e| panic!("{at}: {e}"));
        assert!(at.ends_with("+08:00"), "{at}");
        assert_eq!(parsed.offset().local_minus_utc(), 8 * 3600);
        if v["event"] != "note" {
            assert!(keys.contains(&"on".to_string()), "{line}");
        }
    }
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["by"], "徐燕娟");
    assert_eq!(first["note"], "已报局活动办");
    assert_eq!(first["on"], "2014-06-16");
    // A note with a newline stays on one line.
    let last: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(last["note"], "谈话\"记录\"\n第二页");
}

#[test]
fn a_line_of_a_later_format_is_kept_shown_and_not_replayed() {
    let env = Env::seed().english();
    env.write(
        "plan.ledger.jsonl",
        "{\"v\":2,\"id\":\"00000000000000000000000000000abc\",\"at\":\"2014-06-16T09:30:00+08:00\",\"event\":\"done\",\"step\":\"3\",\"on\":\"2014-06-16\"}\n",
    );
    let list = env.run(&["--json", "list"]).json();
    let three = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "3")
        .unwrap()
        .clone();
    assert_ne!(
        three["state"], "done",
        "a v2 `done` is not ours to interpret"
    );
    let log = env.run(&["--json", "log"]).json();
    assert_eq!(log["events"][0]["v"], 2, "but it is kept and shown");
    let check = env.run(&["check"]);
    assert!(check.ok().contains("ok"));
    assert!(
        check.stderr.contains("later format (up to v2)"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_record_from_a_wrong_clock_does_not_drag_later_records_into_the_future() {
    let env = Env::seed().english();
    env.write(
        "plan.ledger.jsonl",
        "{\"v\":1,\"id\":\"000000000000000000000000000000aa\",\"at\":\"2099-01-01T00:00:00+08:00\",\"event\":\"note\",\"step\":\"3\",\"note\":\"skewed\"}\n",
    );
    env.run(&["done", "3"]).ok();
    let last = env.ledger().lines().last().unwrap().to_string();
    assert!(
        !last.contains("\"at\":\"2099"),
        "stamped with now, not after 2099: {last}"
    );
    let check = env.run(&["check"]);
    assert!(check.ok().contains("ok"));
    assert!(
        check.stderr.contains("more than a day after now"),
        "{}",
        check.stderr
    );
}

#[test]
fn many_bad_lines_are_summarised_and_a_closed_stderr_is_no_panic() {
    let env = Env::seed().english();
    let bad_lines = |n: usize| "not json\n".repeat(n);
    env.write("plan.ledger.jsonl", &bad_lines(50));
    let status = env.run(&["status"]);
    status.ok();
    let warnings = status
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .count();
    assert_eq!(warnings, 11, "ten lines and a summary:\n{}", status.stderr);
    assert!(
        status
            .stderr
            .contains("and 40 more; `chunjiang check` lists them all")
    );
    // `check` lists every problem: 3000 lines of stderr into a pipe closed after one byte
    // (more than a pipe buffers, so writes fail with EPIPE). No panic (exit 101): `check`
    // still ends with its own verdict, exit 1 for a ledger with bad lines.
    env.write("plan.ledger.jsonl", &bad_lines(3000));
    let out = env
        .shell(
            "set -o pipefail; \"$0\" check 2>&1 >/dev/null | head -c 1 >/dev/null",
            &[],
        )
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
