//! Integration tests of `e2e`, one binary: each module is one concern.

mod demo;
mod deploy;
mod fixtures;
mod lending_contagion;
mod lifecycle;
mod negative_paths;
mod status;
