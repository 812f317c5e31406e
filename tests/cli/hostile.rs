//! Hostile input (issue 11): text from a plan, a ledger or a file name never reaches the
//! terminal raw, never runs in a spreadsheet and never overwrites the ledger.

use std::fmt::Write as _;

use crate::harness::{Env, Run};

/// Whether `c` could move the cursor, retitle, clear or reorder a terminal: C0 but tab and
/// newline, DEL, C1, line/paragraph separators, bidi embeddings, overrides and isolates.
/// Written out here, not taken from the code, so the test holds the code to the contract.
fn dangerous(c: char) -> bool {
    let n = u32::from(c);
    (n < 0x20 && c != '\t' && c != '\n')
        || (0x7f..=0x9f).contains(&n)
        || (0x2028..=0x202e).contains(&n)
        || (0x2066..=0x2069).contains(&n)
}

/// Asserts that neither stdout nor stderr holds a raw dangerous character (a CR is allowed
/// only as the first half of CRLF; with `--color always`, stdout may hold colour codes,
/// `ESC [ digits ; … m`, and nothing else starting with ESC).
#[track_caller]
fn assert_clean(what: &str, run: &Run) {
    let colour = what.contains("--color always");
    for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' && chars.peek() == Some(&'\n') {
                continue;
            }
            if c == '\u{1b}' && colour && name == "stdout" && chars.peek() == Some(&'[') {
                chars.next();
                while chars.next_if(|c| c.is_ascii_digit() || *c == ';').is_some() {}
                assert_eq!(
                    chars.next(),
                    Some('m'),
                    "`{what}`: not a colour code:\n{text}"
                );
                continue;
            }
            assert!(
                !dangerous(c),
                "`{what}`: raw U+{:04X} in {name}:\n{text}",
                u32::from(c)
            );
        }
    }
}

/// TOML escapes for the attacks: retitle the terminal, clear it, an 8-bit CSI, bidi.
const TITLE: &str = r"\u001B]0;pwned\u0007";
const CLEAR: &str = r"\u001B[2J";
const CSI: &str = r"\u009B31m";
const BIDI: &str = r"\u202Eevil\u202C\u2066x\u2069";

/// A plan whose every string a view prints carries an attack, and a ledger to match.
fn hostile_env() -> Env {
    let plan = format!(
        r#"title = "计划{TITLE}"
org = "学校{CLEAR}"
year = 2014
lang = "zh"

[people]
"唐{CLEAR}健" = {{ role = "主任{BIDI}" }}
"徐{CSI}燕娟" = {{}}

[[step]]
id = 1
title = "步骤{TITLE}"
detail = "详情{CSI}\n第二行\t{BIDI}"
when = "6月16日"
owners = ["唐{CLEAR}健"]

  [[step.task]]
  title = "任务{BIDI}"
  due = "6月18日"

[[step]]
id = 2
title = "=HYPERLINK(\"http://x\"){CLEAR}"
due = "6月30日"
owners = ["徐{CSI}燕娟"]
"#
    );
    let env = Env::with_plan(&plan);
    // Escapes in a JSON key and value, raw bytes in a line that is not JSON, and a note.
    let ledger = [
        r#"{"v":1,"id":"00000000000000000000000000000001","at":"2014-06-16T09:00:00+08:00","event":"done","step":"1.1","on":"2014-06-16"}"#,
        r#"{"v":1,"id":"00000000000000000000000000000002","at":"2014-06-16T10:00:00+08:00","event":"note","step":"1","note":"备注\u001b]0;pwned\u0007\u009b2J\u202e\n第二行","by":"唐\u001b[2J健"}"#,
        r#"{"v":1,"id":"00000000000000000000000000000003","at":"2014-06-16T11:00:00+08:00","event":"done\u001b[2J","step":"2","on":"2014-06-16"}"#,
        r#"{"v":1,"id":"00000000000000000000000000000005","at":"2014-06-16T11:00:00+08:00","event":"done","step":"2","on":"06-1\u001b]0;pwned\u0007\u001b[2J"}"#,
        r#"{"v":1,"id":"00000000000000000000000000000004","at":"2014-06-16T11:00:00+08:00","event":"note","step":"2","note":"x","\u001b]0;pwned\u0007":1}"#,
        "\u{1b}]0;pwned\u{7}\u{1b}[2J not json \u{9b}\u{202e}",
    ]
    .join("\n");
    env.write("plan.ledger.jsonl", &format!("{ledger}\n"));
    env
}

#[test]
fn no_view_prints_plan_or_ledger_text_raw() {
    let env = hostile_env();
    for args in [
        &["status"][..],
        &["status", "--all"],
        &["list"],
        &["log"],
        &["log", "1"],
        &["check"],
        &["show", "1"],
        &["show", "2"],
        &["remind"],
        &["remind", "--days", "30"],
        &["gantt"],
        &["week"],
        &["week", "--last"],
        &["report"],
        &["export", "--format", "md"],
        &["export", "--format", "csv"],
        &["export", "--format", "ics"],
        &["export", "--format", "svg"],
        &["export", "--format", "html"],
        &["--color", "always", "status", "--all"],
        &["--color", "always", "gantt"],
        &["--style", "ascii", "status", "--all"],
        &["show", "3"],
        &["list", "--owner", "唐健"],
    ] {
        let run = env.run(args);
        assert_clean(&args.join(" "), &run);
    }
    let run = env.run(&["status"]);
    assert!(
        run.stderr.contains(r"\u{1b}[2J") && run.stderr.contains(r"\u{1b}]0;pwned\u{7}"),
        "the ledger's bad lines are shown, escaped:\n{}",
        run.stderr
    );
    // A writer refuses (a line is not JSON), quoting it escaped; without that line it
    // records, and what it says is escaped too.
    let run = env.run(&["done", "1"]);
    assert_clean("done", &run);
    assert_eq!(run.code, 1);
    let ledger = env.ledger();
    let kept: Vec<&str> = ledger.lines().filter(|l| l.starts_with('{')).collect();
    env.write("plan.ledger.jsonl", &(kept.join("\n") + "\n"));
    for args in [
        &["done", "1"][..],
        &["note", "2", "hello"],
        &["reopen", "1"],
    ] {
        let run = env.run(args);
        assert_clean(&args.join(" "), &run);
    }
}

#[test]
fn json_stays_valid_and_keeps_the_text() {
    let env = hostile_env();
    for args in [
        &["--json", "status", "--all"][..],
        &["--json", "log"],
        &["--json", "show", "1"],
        &["--json", "check"],
        &["export", "--format", "json"],
    ] {
        let run = env.run(args);
        assert_clean(&args.join(" "), &run);
        let v: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}):\n{}", run.stdout));
        let text = v.to_string();
        assert!(!text.is_empty());
    }
    let v: serde_json::Value =
        serde_json::from_str(&env.run(&["--json", "log"]).stdout).expect("JSON");
    let note = v["events"]
        .as_array()
        .and_then(|e| e.iter().find_map(|e| e["note"].as_str()))
        .expect("a note");
    assert_eq!(
        note, "备注\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}\n第二行",
        "JSON keeps the exact text"
    );
}

/// Plans that are wrong, with the attack in what the error quotes.
#[test]
fn errors_and_hints_quote_plan_text_escaped() {
    let plans = [
        // An unknown key.
        format!(
            "title = \"t\"\nyear = 2014\n\"ti{TITLE}tle\" = 1\n[[step]]\nid = 1\ntitle = \"a\"\ndue = \"6月1日\"\n"
        ),
        // A date string.
        format!(
            "title = \"t\"\nyear = 2014\n[[step]]\nid = 1\ntitle = \"a\"\ndue = \"6月{CLEAR}1日\"\n"
        ),
        // An owner missing from [people].
        format!(
            "title = \"t\"\nyear = 2014\n[people]\n\"唐健\" = {{}}\n[[step]]\nid = 1\ntitle = \"a\"\ndue = \"6月1日\"\nowners = [\"唐{CSI}健\"]\n"
        ),
        // An id.
        format!(
            "title = \"t\"\nyear = 2014\n[[step]]\nid = \"1{BIDI}\"\ntitle = \"a\"\ndue = \"6月1日\"\n"
        ),
        // The ledger path.
        format!(
            "title = \"t\"\nyear = 2014\nledger = \"{CLEAR}/{TITLE}.jsonl\"\n[[step]]\nid = 1\ntitle = \"a\"\ndue = \"6月1日\"\n"
        ),
        // A relative due after an id that does not exist.
        format!(
            "title = \"t\"\nyear = 2014\n[[step]]\nid = 1\ntitle = \"a\"\ndue = {{ after = \"9{TITLE}\", days = 3 }}\n"
        ),
    ];
    for plan in &plans {
        let env = Env::with_plan(plan);
        for args in [
            &["check"][..],
            &["status"],
            &["done", "1"],
            &["show", "1{x"],
            &["list", "--owner", "唐"],
        ] {
            let run = env.run(args);
            assert_clean(&format!("{} with {plan}", args.join(" ")), &run);
        }
    }
}

/// `export -o` never writes over the plan or the ledger, whatever name it is given.
#[test]
fn export_never_overwrites_the_plan_or_ledger_under_another_name() {
    let env = Env::seed();
    env.run(&["done", "1"]).ok();
    let ledger = env.ledger();
    let plan = std::fs::read_to_string(env.path("plan.toml")).unwrap();
    std::fs::hard_link(env.ledger_path(), env.path("copy.csv")).unwrap();
    std::fs::hard_link(env.path("plan.toml"), env.path("plan.md")).unwrap();
    std::os::unix::fs::symlink("plan.ledger.jsonl", env.path("link.csv")).unwrap();
    std::fs::create_dir(env.path("sub")).unwrap();
    for target in [
        "copy.csv",
        "plan.md",
        "link.csv",
        "./plan.ledger.jsonl",
        "sub/../plan.toml",
    ] {
        let run = env.run(&["export", "-f", "csv", "-o", target]);
        assert!(
            run.fails().contains("不把导出写到"),
            "{target}: {}",
            run.stderr
        );
    }
    assert_eq!(env.ledger(), ledger);
    assert_eq!(
        std::fs::read_to_string(env.path("plan.toml")).unwrap(),
        plan
    );
    env.run(&["status"]).ok();
}

/// Before the first `done` there is no ledger yet; an export must not take its name and
/// then block every write.
#[test]
fn export_does_not_take_the_name_of_a_ledger_not_yet_written() {
    let env = Env::seed();
    for target in ["plan.ledger.jsonl", "./plan.ledger.jsonl", "dangling.csv"] {
        if target == "dangling.csv" {
            std::os::unix::fs::symlink("plan.ledger.jsonl", env.path(target)).unwrap();
        }
        let run = env.run(&["export", "-f", "md", "-o", target]);
        let err = run.fails();
        assert!(
            err.contains("不把导出写到") || err.contains("不通过"),
            "{target}: {err}"
        );
        assert!(!env.ledger_path().exists(), "{target}");
    }
    let other = Env::seed();
    other.write("old.ledger.jsonl", "{}\n");
    let run = other.run(&["export", "-f", "md", "-o", "old.ledger.jsonl"]);
    assert!(
        run.fails().contains("不把导出写到"),
        "any ledger: {}",
        run.stderr
    );
    env.run(&["done", "1"]).ok();
}

/// A ledger line whose `on` lies hundreds of thousands of years ahead.
fn far_on(n: u32, on: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{n:032x}","at":"2014-06-16T09:00:00+08:00","event":"done","step":"1","on":"{on}"}}"#
    )
}

#[test]
fn absurd_ledger_dates_are_reported_and_skipped_never_drawn() {
    for on in ["+262142-12-25", "+100000-01-01", "9999-01-01", "1000-01-01"] {
        let env = Env::seed();
        env.write("plan.ledger.jsonl", &format!("{}\n", far_on(1, on)));
        for format in ["svg", "html"] {
            let run = env.run(&["export", "--format", format]);
            assert!(
                run.ok().len() < 200_000,
                "{on}: {} bytes of {format}",
                run.stdout.len()
            );
            assert!(
                run.stderr.contains("`on` 不在 1900–2200 年之间"),
                "{on}: {}",
                run.stderr
            );
        }
        let status = env.run(&["--json", "status", "--all"]).json();
        let one = status["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "1")
            .unwrap()
            .clone();
        assert_eq!(
            one["done_on"],
            serde_json::Value::Null,
            "{on}: the line is skipped"
        );
        let check = env.run(&["check"]);
        assert!(
            check.fails().contains("1900–2200"),
            "{on}: {}",
            check.stderr
        );
    }
}

#[test]
fn absurd_plan_dates_are_refused_with_the_range() {
    for (plan, what) in [
        ("year = 3000\n", "year 3000 is out of range (1900–2200)"),
        ("year = 2014\n", "year 2300 is out of range (1900–2200)"),
    ] {
        let text = format!(
            "title = \"t\"\n{plan}[[step]]\nid = 1\ntitle = \"a\"\ndue = \"2300年6月1日\"\n"
        );
        let env = Env::with_plan(&text);
        for cmd in ["check", "status", "report", "gantt"] {
            let run = env.run(&[cmd]);
            assert!(run.fails().contains(what), "{cmd}: {}", run.stderr);
        }
    }
    let env = Env::seed();
    // The seed is a Chinese plan: the refusal is in Chinese.
    let run = env.run(&["done", "1", "--on", "2300-01-01"]);
    assert!(
        run.fails().contains("年份 2300 超出范围（1900–2200）"),
        "{}",
        run.stderr
    );
    assert!(!env.ledger_path().exists());
}

/// A plan of `n` steps, each due `days` after the one before.
fn chain(n: usize, days: u32) -> String {
    let mut plan = String::from(
        "title = \"t\"\nyear = 2014\n[[step]]\nid = 1\ntitle = \"s\"\ndue = \"6月1日\"\n",
    );
    for i in 2..=n {
        let _ = write!(
            plan,
            "[[step]]\nid = {i}\ntitle = \"s\"\ndue = {{ after = \"{}\", days = {days} }}\n",
            i - 1
        );
    }
    plan
}

#[test]
fn long_chains_of_relative_dues_are_refused_or_stop_at_the_last_year() {
    let env = Env::with_plan(&chain(1000, 100_000));
    let run = env.run(&["check"]);
    assert!(
        run.fails().contains("100000 days is not a sensible delay"),
        "{}",
        run.stderr
    );
    env.run(&["report"]).fails();

    let env = Env::with_plan(&chain(60, 3660));
    let run = env.run(&["check"]);
    assert!(
        run.ok().contains("ok") && run.stderr.contains("is due after 2200-12-31"),
        "{}",
        run.stderr
    );
    let last = env.run(&["--json", "show", "60"]).json();
    assert_eq!(last["item"]["due"], "2200-12-31", "{last}");
    for args in [&["report"][..], &["status", "--all"], &["gantt"], &["week"]] {
        env.run(args).ok();
    }
    let svg = env.run(&["export", "--format", "svg"]);
    assert!(svg.ok().len() < 400_000, "{} bytes", svg.stdout.len());
}

#[test]
fn a_fractional_count_says_it_must_be_a_whole_number() {
    let env = Env::with_plan(
        "title = \"t\"\nyear = 2014\n[[step]]\nid = 1\ntitle = \"a\"\ndue = \"6月1日\"\n[[step]]\nid = 2\ntitle = \"b\"\ndue = { after = \"1\", days = 1.5 }\n",
    );
    let err = env.run(&["check"]);
    let err = err.fails();
    assert!(err.contains("expected a whole number"), "{err}");
    assert!(!err.contains("needs `days` or `workdays`"), "{err}");
}

#[test]
fn check_reports_an_event_kind_it_does_not_know() {
    let env = Env::seed();
    env.write(
        "plan.ledger.jsonl",
        &format!(
            "{}\n",
            r#"{"v":1,"id":"00000000000000000000000000000001","at":"2014-06-16T09:00:00+08:00","event":"DONE","step":"1","on":"2014-06-16"}"#
        ),
    );
    let run = env.run(&["check"]);
    assert!(run.stderr.contains("“DONE”"), "{}", run.stderr);
}

/// A colleague's clock ran ahead: their `done` is stamped tomorrow (by the real clock).
#[test]
fn what_was_just_recorded_takes_effect_whatever_the_clocks() {
    for ahead in [
        chrono::Duration::minutes(11),
        chrono::Duration::days(1),
        chrono::Duration::days(400),
    ] {
        let env = Env::seed();
        let at = (chrono::Utc::now() + ahead)
            .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap())
            .to_rfc3339();
        env.write(
            "plan.ledger.jsonl",
            &format!(
                "{{\"v\":1,\"id\":\"{:032x}\",\"at\":\"{at}\",\"event\":\"done\",\"step\":\"1\",\"on\":\"2014-06-16\"}}\n",
                7
            ),
        );
        let state = |env: &Env| {
            let v = env.run(&["--json", "show", "1"]).json();
            v["item"]["state"].as_str().unwrap().to_string()
        };
        assert_eq!(state(&env), "done");
        let run = env.run(&["--json", "reopen", "1"]).json();
        assert_eq!(run["written"].as_array().unwrap().len(), 1, "{run}");
        assert_ne!(
            state(&env),
            "done",
            "{ahead:?}: reopen recorded but had no effect"
        );
        env.run(&["done", "1"]).ok();
        assert_eq!(state(&env), "done", "{ahead:?}");
        env.run(&["check"]).ok();
    }
}

/// An editor dropped the ledger's final newline while fixing a merge by hand: the last
/// event is whole, so it counts, and the next writer ends it instead of moving it aside.
#[test]
fn a_whole_last_event_without_its_newline_counts_and_is_kept() {
    let env = Env::seed();
    env.run(&["done", "1", "--on", "6.16"]).ok();
    env.run(&["done", "2", "--on", "6.15"]).ok();
    let text = env.ledger();
    let cut = text.strip_suffix('\n').unwrap().to_string();
    env.write("plan.ledger.jsonl", &cut);
    let status = env.run(&["--json", "status", "--all"]);
    let items = status.json();
    let two = items["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "2")
        .unwrap()
        .clone();
    assert_eq!(two["state"], "done", "the last event counts");
    assert!(status.stderr.is_empty(), "{}", status.stderr);
    env.run(&["check"]).ok();
    let run = env.run(&["done", "3"]);
    run.ok();
    assert!(!run.stderr.contains(".torn-"), "{}", run.stderr);
    let after = env.ledger();
    assert!(
        after.starts_with(&text),
        "the old lines stay, ended:\n{after}"
    );
    assert_eq!(after.lines().count(), 3);
    assert!(
        std::fs::read_dir(env.dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains(".torn-"))
    );
}

/// Only regular files are read as a plan or a ledger, and only up to a size.
#[test]
fn pipes_devices_and_huge_files_are_refused_not_read() {
    let env = Env::seed();
    let fifo = env.path("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let run = env.run(&["--plan", "fifo", "status"]);
        assert!(
            run.fails().contains("命名管道") || run.stderr.contains("named pipe"),
            "{}",
            run.stderr
        );
        let run = env.run(&["--ledger", "fifo", "status"]);
        assert!(run.fails().contains("命名管道"), "{}", run.stderr);
    }
    let run = env.run(&["--lang", "en", "--plan", "/dev/zero", "status"]);
    assert!(run.fails().contains("a device"), "{}", run.stderr);
    let run = env.run(&["--ledger", "/dev/zero", "status"]);
    assert!(run.fails().contains("它是设备"), "{}", run.stderr);

    let big = std::fs::File::create(env.path("big.toml")).unwrap();
    big.set_len(9 << 20).unwrap();
    let run = env.run(&["--lang", "en", "--plan", "big.toml", "check"]);
    assert!(run.fails().contains("8 MiB"), "{}", run.stderr);

    let ledger = std::fs::File::create(env.ledger_path()).unwrap();
    ledger.set_len((256 << 20) + 1).unwrap();
    for cmd in [&["status"][..], &["check"], &["done", "1"]] {
        let run = env.run(cmd);
        assert!(
            run.fails().contains("256 兆字节"),
            "{cmd:?}: {}",
            run.stderr
        );
    }
    assert_eq!(
        std::fs::metadata(env.ledger_path()).unwrap().len(),
        (256 << 20) + 1
    );
}

#[test]
fn a_note_longer_than_64_kib_is_a_malformed_line() {
    let env = Env::seed();
    env.run(&["done", "1"]).ok();
    let long = format!(
        r#"{{"v":1,"id":"{:032x}","at":"2014-06-16T09:00:00+08:00","event":"note","step":"1","note":"{}"}}"#,
        9,
        "长".repeat(30_000)
    );
    let text = format!("{}{long}\n", env.ledger());
    env.write("plan.ledger.jsonl", &text);
    let run = env.run(&["--lang", "en", "log"]);
    assert!(run.ok().len() < 10_000, "{} bytes", run.stdout.len());
    assert!(run.stderr.contains("64 KiB"), "{}", run.stderr);
    env.run(&["check"]).fails();
}

#[test]
fn a_ledger_that_is_a_link_to_nothing_is_an_error_not_an_empty_ledger() {
    let env = Env::seed();
    std::os::unix::fs::symlink("elsewhere/plan.ledger.jsonl", env.ledger_path()).unwrap();
    for cmd in [&["status"][..], &["check"], &["done", "1"], &["log"]] {
        let run = env.run(cmd);
        assert!(run.fails().contains("符号链接"), "{cmd:?}: {}", run.stderr);
    }
    assert!(!env.path("elsewhere").exists());
}

/// `init` writes `.gitattributes` only as a regular file in the plan's directory.
#[test]
fn init_neither_follows_a_gitattributes_link_out_nor_opens_a_pipe() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("victim");
    std::fs::write(&target, "precious\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join(".gitattributes")).unwrap();
    let run: Run = crate::harness::cmd_in(dir.path(), "2014-06-20", &["init"])
        .output()
        .unwrap()
        .into();
    assert!(run.fails().contains("符号链接"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious\n");
    assert!(
        !dir.path().join("plan.toml").exists(),
        "nothing was changed"
    );

    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join(".gitattributes"))
        .status();
    if made.is_ok_and(|s| s.success()) {
        let run: Run = crate::harness::cmd_in(dir.path(), "2014-06-20", &["init"])
            .output()
            .unwrap()
            .into();
        assert!(run.fails().contains("命名管道"), "{}", run.stderr);
    }
}

/// White space copied in with a name counts in neither `[people]` nor `owners`.
#[test]
fn a_tab_before_a_name_is_the_same_name_in_people_and_owners() {
    for (people, owner) in [
        ("\"\\t唐健\"", "唐健"),
        ("\"唐健\"", "\\t唐健"),
        ("\" 唐健\\t\"", " 唐健"),
    ] {
        let env = Env::with_plan(&format!(
            "title = \"t\"\nyear = 2014\n[people]\n{people} = {{}}\n[[step]]\nid = 1\ntitle = \"a\"\ndue = \"6月1日\"\nowners = [\"{owner}\"]\n"
        ));
        env.run(&["check"]).ok();
        let list = env.run(&["--json", "list", "--owner", "唐健"]).json();
        assert_eq!(
            list["items"].as_array().unwrap().len(),
            1,
            "{people} / {owner}"
        );
    }
}

#[test]
fn check_warns_when_the_plans_ledger_lies_outside_its_directory() {
    for (ledger, outside) in [
        ("../shared.jsonl", true),
        ("/tmp/x.jsonl", true),
        ("a/../../x.jsonl", true),
        ("records/plan.jsonl", false),
        ("./plan.jsonl", false),
    ] {
        let env = Env::with_plan(&format!(
            "title = \"t\"\nyear = 2014\nledger = \"{ledger}\"\n[[step]]\nid = 1\ntitle = \"a\"\ndue = \"6月1日\"\n"
        ));
        let run = env.run(&["--lang", "en", "check"]);
        run.ok();
        assert_eq!(
            run.stderr.contains("outside the plan's directory"),
            outside,
            "{ledger}: {}",
            run.stderr
        );
    }
}
