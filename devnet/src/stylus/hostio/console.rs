//! The `console` module: printing from a program, importable on debug chains only
//! (activation refuses it otherwise). They charge no ink.

use wasmi::{Error, ValType::*};

use super::memory::read;
use super::register::{HostLinker, Import, NONE};
use super::state::Ctx;

pub(super) const IMPORTS: &[Import] = &[
    Import::console("log_txt", &[I32, I32], NONE),
    Import::console("log_i32", &[I32], NONE),
    Import::console("log_i64", &[I64], NONE),
    Import::console("log_f32", &[F32], NONE),
    Import::console("log_f64", &[F64], NONE),
    Import::console("tee_i32", &[I32], &[I32]),
    Import::console("tee_i64", &[I64], &[I64]),
    Import::console("tee_f32", &[F32], &[F32]),
    Import::console("tee_f64", &[F64], &[F64]),
];

fn say(text: impl std::fmt::Display) {
    eprintln!("[stylus] {text}");
}

pub(super) fn link(host: &mut HostLinker<'_>) -> Result<(), Error> {
    host.func_wrap("console", "log_txt", |c: Ctx<'_>, ptr: u32, len: u32| {
        let text = read(&c, ptr, len)?;
        say(String::from_utf8_lossy(&text));
        Ok(())
    })?;
    host.func_wrap("console", "log_i32", |_: Ctx<'_>, v: i32| say(v))?;
    host.func_wrap("console", "log_i64", |_: Ctx<'_>, v: i64| say(v))?;
    host.func_wrap("console", "log_f32", |_: Ctx<'_>, v: f32| say(v))?;
    host.func_wrap("console", "log_f64", |_: Ctx<'_>, v: f64| say(v))?;
    host.func_wrap("console", "tee_i32", |_: Ctx<'_>, v: i32| {
        say(v);
        v
    })?;
    host.func_wrap("console", "tee_i64", |_: Ctx<'_>, v: i64| {
        say(v);
        v
    })?;
    host.func_wrap("console", "tee_f32", |_: Ctx<'_>, v: f32| {
        say(v);
        v
    })?;
    host.func_wrap("console", "tee_f64", |_: Ctx<'_>, v: f64| {
        say(v);
        v
    })
}
