//! Human output: colored one-line progress on stderr (with a spinner on long steps when
//! stderr is a terminal) and aligned tables; `--json` output goes to stdout untouched.

use std::{
    io::{IsTerminal, Write},
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    thread::JoinHandle,
    time::{Duration, Instant},
};

use serde::Serialize;

use crate::error::{Error, Result};

const BOLD_BLUE: &str = "\x1b[1;34m";
const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Where progress goes: nowhere for `--json`, stderr otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Out {
    pub json: bool,
}

impl Out {
    pub fn new(json: bool) -> Self {
        Self { json }
    }

    /// A chapter heading, e.g. the acts of the demo.
    pub fn heading(&self, text: &str) {
        if !self.json {
            eprintln!("\n{BOLD_BLUE}== {text}{RESET}");
        }
    }

    /// A sentence of narration.
    pub fn say(&self, text: &str) {
        if !self.json {
            eprintln!("   {text}");
        }
    }

    /// Starts a step; finish it with [`Step::done`] (or let an error drop it as failed).
    pub fn step(&self, label: impl Into<String>) -> Step {
        Step::start(label.into(), !self.json)
    }

    /// Runs `work` as one step: done with its detail, or failed with the error.
    pub async fn run<T>(
        &self,
        label: impl Into<String>,
        work: impl Future<Output = Result<T>>,
    ) -> Result<T> {
        let step = self.step(label);
        match work.await {
            Ok(value) => {
                step.done("");
                Ok(value)
            }
            Err(err) => {
                step.fail(&err);
                Err(err)
            }
        }
    }

    pub fn table(&self, table: &Table) {
        if !self.json {
            print!("{}", table.render());
        }
    }

    /// Prints `value` as pretty JSON on stdout (only in `--json` mode).
    pub fn json<T: Serialize>(&self, value: &T) -> Result<()> {
        if self.json {
            let text = serde_json::to_string_pretty(value).map_err(|e| Error::Other(e.into()))?;
            println!("{text}");
        }
        Ok(())
    }
}

/// One line of progress: `… label` then `✓ label detail (1.2s)`.
pub struct Step {
    label: String,
    started: Instant,
    visible: bool,
    spinner: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
    finished: bool,
}

impl Step {
    fn start(label: String, visible: bool) -> Self {
        let mut spinner = None;
        if visible && std::io::stderr().is_terminal() {
            let stop = Arc::new(AtomicBool::new(false));
            let flag = stop.clone();
            let text = label.clone();
            let started = Instant::now();
            let handle = std::thread::spawn(move || {
                let frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
                let mut i = 0;
                while !flag.load(Ordering::Relaxed) {
                    eprint!(
                        "\r {BOLD_BLUE}{}{RESET} {text} {DIM}{:.1}s{RESET}\x1b[K",
                        frames[i % frames.len()],
                        started.elapsed().as_secs_f32()
                    );
                    let _ = std::io::stderr().flush();
                    i += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
            });
            spinner = Some((stop, handle));
        } else if visible {
            eprintln!(" {DIM}…{RESET} {label}");
        }
        Self {
            label,
            started: Instant::now(),
            visible,
            spinner,
            finished: false,
        }
    }

    fn stop_spinner(&mut self) {
        if let Some((stop, handle)) = self.spinner.take() {
            stop.store(true, Ordering::Relaxed);
            let _ = handle.join();
            eprint!("\r\x1b[K");
        }
    }

    pub fn done(mut self, detail: &str) {
        self.stop_spinner();
        self.finished = true;
        if self.visible {
            let sep = if detail.is_empty() { "" } else { " " };
            eprintln!(
                " {GREEN}✓{RESET} {}{sep}{detail} {DIM}({:.1}s){RESET}",
                self.label,
                self.started.elapsed().as_secs_f32()
            );
        }
    }

    /// Marks the step failed; the error itself is reported once, by whoever handles it.
    pub fn fail(mut self, err: &Error) {
        self.stop_spinner();
        self.finished = true;
        if self.visible {
            let kind = err
                .revert_name()
                .map(|name| format!(": {name}"))
                .unwrap_or_default();
            eprintln!(" {RED}✗{RESET} {}{kind}", self.label);
        }
    }
}

impl Drop for Step {
    fn drop(&mut self) {
        self.stop_spinner();
        if !self.finished && self.visible {
            eprintln!(" {RED}✗{RESET} {}", self.label);
        }
    }
}

/// A plain-text table: the first column left-aligned, the others right-aligned (numbers).
#[derive(Debug, Clone, Default)]
pub struct Table {
    title: Option<String>,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    left_columns: usize,
}

impl Table {
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Self {
        Self {
            headers: headers.into_iter().map(Into::into).collect(),
            left_columns: 1,
            ..Self::default()
        }
    }

    pub fn titled(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// How many leading columns hold names rather than numbers.
    pub fn left_aligned(mut self, columns: usize) -> Self {
        self.left_columns = columns;
        self
    }

    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn render(&self) -> String {
        let columns = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let mut out = String::from(" ");
            for (i, width) in widths.iter().enumerate() {
                let cell = cells.get(i).map(String::as_str).unwrap_or("");
                let pad = width - cell.chars().count();
                if i < self.left_columns {
                    out.push_str(&format!(" {cell}{} ", " ".repeat(pad)));
                } else {
                    out.push_str(&format!(" {}{cell} ", " ".repeat(pad)));
                }
            }
            out.trim_end().to_owned() + "\n"
        };
        let mut out = String::new();
        if let Some(title) = &self.title {
            out.push_str(&format!("\n {BOLD_BLUE}{title}{RESET}\n"));
        }
        out.push_str(&line(&self.headers));
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        out.push_str(&line(&rule));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        if self.rows.is_empty() {
            out.push_str("  (none)\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_names_left_and_numbers_right() {
        let mut table = Table::new(["name", "amount"]);
        table.row(["a", "1"]);
        table.row(["bbb", "1,000"]);
        let text = table.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[2], "  a          1");
        assert_eq!(lines[3], "  bbb    1,000");
    }
}
