//! Hostile input (issue 11): text from a plan, a ledger or a file name never reaches the
//! terminal raw, never runs in a spreadsheet and never overwrites the ledger.

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
        assert!(run.fails().contains("refusing"), "{target}: {}", run.stderr);
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
        assert!(run.fails().contains("refusing"), "{target}: {}", run.stderr);
        assert!(!env.ledger_path().exists(), "{target}");
    }
    let other = Env::seed();
    other.write("old.ledger.jsonl", "{}\n");
    let run = other.run(&["export", "-f", "md", "-o", "old.ledger.jsonl"]);
    assert!(
        run.fails().contains("refusing"),
        "any ledger: {}",
        run.stderr
    );
    env.run(&["done", "1"]).ok();
}
