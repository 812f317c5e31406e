//! A hermetic place to run `chunjiang`: a temp dir holding a plan (the seed's by default),
//! an environment cleared of the user's CHUNJIANG_* and locale, and a fixed today.

use std::path::PathBuf;
use std::process::{Command, Output};

pub const SEED_PLAN: &str = include_str!("../../plan.toml");

/// The keys of a JSON item, in the order of DESIGN §5 (written out here, not taken from
/// the code, so a test fails if the code drifts from the contract).
pub const ITEM_KEYS: [&str; 14] = [
    "id",
    "kind",
    "step",
    "title",
    "owners",
    "start",
    "due",
    "tentative",
    "state",
    "days_overdue",
    "days_left",
    "done_on",
    "late_days",
    "blocked_by",
];

pub struct Env {
    pub dir: tempfile::TempDir,
    pub today: String,
    /// `CHUNJIANG_LANG` for every run, when a test is about English wording.
    pub lang: Option<&'static str>,
}

/// What one run printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        &self.stdout
    }

    /// Asserts exit 1 (a failure the user can fix) and returns stderr.
    #[track_caller]
    pub fn fails(&self) -> &str {
        assert_eq!(
            self.code, 1,
            "expected exit 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        &self.stderr
    }

    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.ok())
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_chunjiang"))
}

impl Env {
    /// The seed plan, today 2014-06-20.
    pub fn seed() -> Env {
        Env::with_plan(SEED_PLAN)
    }

    pub fn with_plan(plan: &str) -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("plan.toml"), plan).expect("write plan");
        Env {
            dir,
            today: "2014-06-20".to_string(),
            lang: None,
        }
    }

    /// Every run in English (`CHUNJIANG_LANG=en`), for tests of what English says.
    #[must_use]
    pub fn english(mut self) -> Env {
        self.lang = Some("en");
        self
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn ledger_path(&self) -> PathBuf {
        self.path("plan.ledger.jsonl")
    }

    pub fn ledger(&self) -> String {
        std::fs::read_to_string(self.ledger_path()).unwrap_or_default()
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path(name), text).expect("write file");
    }

    /// The command, ready to run in the temp dir with a clean environment.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = cmd_in(self.dir.path(), &self.today, args);
        if let Some(l) = self.lang {
            c.env("CHUNJIANG_LANG", l);
        }
        c
    }

    /// `bash -c SCRIPT` with the binary as `$0` and `args` as `$@`, in the same clean
    /// environment: for what only a shell sets up (umask, ignored signals, `prlimit`).
    /// The script ends by running the binary, e.g. `umask 022; exec "$0" "$@"`.
    pub fn shell(&self, script: &str, args: &[&str]) -> Command {
        let mut c = Command::new("bash");
        c.arg("-c").arg(script).arg(bin()).args(args);
        configure(&mut c, self.dir.path(), &self.today);
        if let Some(l) = self.lang {
            c.env("CHUNJIANG_LANG", l);
        }
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.cmd(args).output().expect("run chunjiang").into()
    }

    /// Runs on another day.
    pub fn run_on(&self, today: &str, args: &[&str]) -> Run {
        let mut c = self.cmd(args);
        c.env("CHUNJIANG_TODAY", today);
        c.output().expect("run chunjiang").into()
    }
}

/// The command, ready to run in `dir` with a clean environment and a fixed today.
pub fn cmd_in(dir: &std::path::Path, today: &str, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args);
    configure(&mut c, dir, today);
    c
}

/// A clean environment: none of the user's CHUNJIANG_* settings, locale or colour choices.
fn configure(c: &mut Command, dir: &std::path::Path, today: &str) {
    c.current_dir(dir)
        .env_remove("CHUNJIANG_PLAN")
        .env_remove("CHUNJIANG_LEDGER")
        .env_remove("CHUNJIANG_BY")
        .env_remove("CHUNJIANG_LANG")
        // Who records, failing --by: neither the user's git name nor their login.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("USER")
        .env_remove("USERNAME")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("CHUNJIANG_TODAY", today);
}

/// The `id` of each entry of a `--json` answer's `items`, in order.
#[track_caller]
pub fn item_ids(json: &serde_json::Value) -> Vec<&str> {
    json["items"]
        .as_array()
        .expect("an `items` array")
        .iter()
        .map(|i| i["id"].as_str().expect("a string `id`"))
        .collect()
}

/// Every line of each table printed by the tool has the same display width (a block of
/// consecutive border/row lines is one table).
#[track_caller]
pub fn assert_aligned(output: &str) {
    let mut tables: Vec<Vec<usize>> = Vec::new();
    let mut in_table = false;
    for line in output.lines() {
        if line.starts_with(['╭', '│', '├', '╞', '╰', '+', '|']) {
            if !in_table {
                tables.push(Vec::new());
            }
            in_table = true;
            if let Some(t) = tables.last_mut() {
                t.push(unicode_width::UnicodeWidthStr::width(line));
            }
        } else {
            in_table = false;
        }
    }
    assert!(!tables.is_empty(), "no table in:\n{output}");
    for widths in tables {
        assert!(
            widths.windows(2).all(|w| w[0] == w[1]),
            "ragged table {widths:?}:\n{output}"
        );
    }
}
