//! Integration tests of `e2e`, one binary: each module is one concern.

mod assets;
mod demo;
mod deploy;
mod fixtures;
mod governance;
mod lending_contagion;
mod lifecycle;
mod negative_paths;
mod status;
