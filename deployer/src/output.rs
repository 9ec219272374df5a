//! Human output: one-line progress on stderr (a spinner on long steps when stderr is a
//! terminal) and tables on stdout; `--json` output goes to stdout untouched. Colour only
//! reaches a terminal, and never when `NO_COLOR` is set (https://no-color.org).

use std::{
    io::IsTerminal,
    time::{Duration, Instant},
};

use comfy_table::{CellAlignment, ContentArrangement, LineStyle, TableStyle};
use serde::Serialize;

use crate::error::{Error, Result};

/// Whether text written to a stream may carry ANSI colour: the stream is a terminal and
/// `NO_COLOR` is unset or empty.
pub fn colour_for(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Colours text for one stream, or leaves it plain.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    on: bool,
}

impl Paint {
    pub fn stdout() -> Self {
        Self {
            on: colour_for(std::io::stdout().is_terminal()),
        }
    }

    pub fn stderr() -> Self {
        Self {
            on: colour_for(std::io::stderr().is_terminal()),
        }
    }

    fn wrap(self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub fn heading(self, text: &str) -> String {
        self.wrap("1;34", text)
    }

    pub fn ok(self, text: &str) -> String {
        self.wrap("32", text)
    }

    pub fn bad(self, text: &str) -> String {
        self.wrap("1;31", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.wrap("2", text)
    }
}

/// Prints the one line an error ends a command with.
pub fn print_error(message: &str) {
    eprintln!("{}: {message}", Paint::stderr().bad("error"));
}

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
            eprintln!("\n{}", Paint::stderr().heading(&format!("== {text}")));
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
    paint: Paint,
    spinner: Option<indicatif::ProgressBar>,
    finished: bool,
}

impl Step {
    fn start(label: String, visible: bool) -> Self {
        let paint = Paint::stderr();
        let mut spinner = None;
        if visible && std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) = indicatif::ProgressStyle::with_template(" {spinner} {msg} {elapsed}")
            {
                bar.set_style(style);
            }
            bar.set_message(label.clone());
            bar.enable_steady_tick(Duration::from_millis(100));
            spinner = Some(bar);
        } else if visible {
            eprintln!(" {} {label}", paint.dim("…"));
        }
        Self {
            label,
            started: Instant::now(),
            visible,
            paint,
            spinner,
            finished: false,
        }
    }

    fn stop_spinner(&mut self) {
        if let Some(bar) = self.spinner.take() {
            bar.finish_and_clear();
        }
    }

    pub fn done(mut self, detail: &str) {
        self.stop_spinner();
        self.finished = true;
        if self.visible {
            let sep = if detail.is_empty() { "" } else { " " };
            let took = format!("({:.1}s)", self.started.elapsed().as_secs_f32());
            eprintln!(
                " {} {}{sep}{detail} {}",
                self.paint.ok("✓"),
                self.label,
                self.paint.dim(&took)
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
            eprintln!(" {} {}{kind}", self.paint.bad("✗"), self.label);
        }
    }
}

impl Drop for Step {
    fn drop(&mut self) {
        self.stop_spinner();
        if !self.finished && self.visible {
            eprintln!(" {} {}", self.paint.bad("✗"), self.label);
        }
    }
}

/// No borders; a rule under the header, broken between columns.
const TABLE_STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

/// Narrower terminals than this are taken as reporting no width at all.
const MIN_TABLE_WIDTH: u16 = 40;

/// A table for people, laid out by comfy-table (which fits it to the terminal's width):
/// the leading name columns left-aligned, the others right-aligned (numbers).
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

    /// The table as text for stdout (its title coloured only when stdout takes colour).
    pub fn render(&self) -> String {
        let mut table = comfy_table::Table::new();
        table
            .load_style(TABLE_STYLE)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(&self.headers);
        for row in &self.rows {
            table.add_row(row);
        }
        if self.rows.is_empty() {
            table.add_row(["(none)"]);
        }
        // A pseudo-terminal may report no width; squeezing into it would put one character
        // per line, so such a table keeps its natural width.
        if table.width().is_some_and(|width| width < MIN_TABLE_WIDTH) {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
        for (i, column) in table.column_iter_mut().enumerate() {
            if i >= self.left_columns {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
        let mut out = String::new();
        if let Some(title) = &self.title {
            out.push_str(&format!("\n {}\n", Paint::stdout().heading(title)));
        }
        for line in table.lines() {
            out.push_str(line.trim_end());
            out.push('\n');
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
        let (a, bbb) = (lines[2], lines[3]);
        assert!(a.trim_start().starts_with('a') && bbb.trim_start().starts_with("bbb"));
        assert_eq!(a.len(), bbb.len(), "{text}");
        assert!(a.ends_with(" 1") && bbb.ends_with("1,000"), "{text}");
    }

    #[test]
    fn an_empty_table_says_none() {
        let text = Table::new(["id", "shares"]).render();
        assert!(text.contains("(none)"), "{text}");
    }

    #[test]
    fn no_colour_reaches_a_non_terminal() {
        assert!(!colour_for(false));
    }
}
