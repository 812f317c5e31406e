//! The table of contents: parse the command line, read the clock and the environment once,
//! run the command, print any error once.

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use chrono::Utc;
use clap::FromArgMatches as _;
use clap::parser::ValueSource;

use chunjiang::cli::{Cli, Command, LangChoice};
use chunjiang::commands::{self, Env, Exit};
use chunjiang::help;
use chunjiang::lang::{self, Lang};
use chunjiang::text::{escape_json, escape_message};

fn main() -> ExitCode {
    // A Tab in a shell that sourced `chunjiang completions SHELL`: answer and exit.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command)
        .var(commands::completions::VAR)
        .complete();
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    // Help and usage errors are printed before a plan is read, in the language of
    // `--lang`, CHUNJIANG_LANG or the locale.
    let choice = lang::choice_from_env_and_args(std::env::args_os(), &var);
    let help_lang = choice.before_plan();
    let matches = match help::command(help_lang).try_get_matches() {
        Ok(m) => m,
        // Help and the version as asked; a usage error in the language the command
        // would have answered in (a Chinese plan's), told again in that language.
        Err(e) if !e.use_stderr() => return help::exit(&e, help_lang),
        Err(e) => {
            let source = usage_plan(&var);
            let lang = lang::for_usage_error(choice, source.as_deref());
            if lang != help_lang
                && let Err(again) = help::command(lang).try_get_matches()
            {
                return help::exit(&again, lang);
            }
            return help::exit(&e, help_lang);
        }
    };
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    // Flags win over the environment; an empty variable is as good as unset.
    let from_env = matches.value_source("plan") != Some(ValueSource::CommandLine)
        && var("CHUNJIANG_PLAN").is_some();
    if from_env && let Some(plan) = var("CHUNJIANG_PLAN") {
        cli.global.plan = plan.into();
    }
    // No --plan, no CHUNJIANG_PLAN: the nearest plan.toml upwards, as git finds a repository
    // (not for `init`, which writes one here).
    let plan_above = if matches.value_source("plan") == Some(ValueSource::DefaultValue)
        && !from_env
        && !matches!(cli.command, Command::Init { .. })
    {
        let found = std::env::current_dir()
            .ok()
            .and_then(|dir| commands::find_plan(&dir));
        found.inspect(|p| cli.global.plan.clone_from(p)).is_some()
    } else {
        false
    };
    let g = &mut cli.global;
    g.ledger = g
        .ledger
        .take()
        .or_else(|| var("CHUNJIANG_LEDGER").map(Into::into));
    g.today = g.today.take().or_else(|| var("CHUNJIANG_TODAY"));
    let stdout = std::io::stdout();
    let is_terminal = stdout.is_terminal();
    let flag = g.lang.map(|l| match l {
        LangChoice::Zh => Lang::Zh,
        LangChoice::En => Lang::En,
    });
    let json = g.json;
    let env = Env {
        now: Utc::now(),
        lang: lang::Choice::new(flag, &var),
        said: std::cell::Cell::new(None),
        no_color: var("NO_COLOR").is_some(),
        by: var("CHUNJIANG_BY"),
        stdout_is_terminal: is_terminal,
        width: var("COLUMNS")
            .and_then(|c| c.parse().ok())
            .or_else(|| is_terminal.then(terminal_width).flatten()),
        login: var("USER").or_else(|| var("USERNAME")),
        plan_above,
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = commands::run(cli, &env, &mut out).and_then(|exit| {
        out.flush()?;
        Ok(exit)
    });
    match result {
        Ok(Exit::Ok) => ExitCode::SUCCESS,
        Ok(Exit::Problems) => ExitCode::FAILURE,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // The language the command decided on, once it read the plan; else the
            // plan's own text when it failed to parse; else flag, variable, locale.
            let lang = env
                .said
                .get()
                .unwrap_or_else(|| chunjiang::error::lang_for(&e, env.lang));
            // Escaped at the boundary: errors quote plan and ledger text.
            let text = if json {
                escape_json(&format!("{}\n", chunjiang::error::to_json(&e, lang)))
            } else {
                escape_message(&chunjiang::error::render(&e, lang))
            };
            let _ = write!(std::io::stderr(), "{text}");
            ExitCode::FAILURE
        }
    }
}

/// The text of the plan a command would read (`CHUNJIANG_PLAN`, else `plan.toml` here or in
/// a folder above), read as every plan is (a regular file within the size limit), when it
/// is UTF-8: only to choose the language of a usage error, so anything else is no plan.
fn usage_plan(var: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let path = match var("CHUNJIANG_PLAN") {
        Some(p) => std::path::PathBuf::from(p),
        None => commands::nearest_plan(&std::env::current_dir().ok()?)?,
    };
    String::from_utf8(chunjiang::plan::read_regular(&path).ok()?).ok()
}

/// `chunjiang list | head` ends quietly: a closed pipe is not a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn terminal_width() -> Option<usize> {
    comfy_table::Table::new().width().map(usize::from)
}
