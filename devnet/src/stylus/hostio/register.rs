//! How a family registers its hostios: [`Import`] for a line of its import table,
//! [`HostLinker`] for the linker that keeps the name of every host function it is given
//! (so [`super::link`] can hold each family's table against what it linked), and the
//! `hostio!` macro that wraps a `vm_hooks` closure for tracing.

use wasmi::{Error, IntoFunc, Linker, ValType};

use super::ink::ink_left;
use super::request::Request;
use super::state::{Ctx, HostState};

/// No parameters or no results, in an [`Import`].
pub(super) const NONE: &[ValType] = &[];

/// A host function a program may import, with its wasm type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Import {
    pub module: &'static str,
    pub name: &'static str,
    pub params: &'static [ValType],
    pub results: &'static [ValType],
}

impl Import {
    pub(super) const fn vm_hooks(
        name: &'static str,
        params: &'static [ValType],
        results: &'static [ValType],
    ) -> Self {
        Self {
            module: "vm_hooks",
            name,
            params,
            results,
        }
    }

    pub(super) const fn console(
        name: &'static str,
        params: &'static [ValType],
        results: &'static [ValType],
    ) -> Self {
        Self {
            module: "console",
            name,
            params,
            results,
        }
    }
}

/// A linker that remembers the `(module, name)` of each host function defined through it.
pub struct HostLinker<'a> {
    linker: &'a mut Linker<HostState>,
    pub(super) linked: Vec<(&'static str, &'static str)>,
}

impl<'a> HostLinker<'a> {
    pub(super) fn new(linker: &'a mut Linker<HostState>) -> Self {
        Self {
            linker,
            linked: Vec::new(),
        }
    }

    pub(super) fn func_wrap<Params, Results>(
        &mut self,
        module: &'static str,
        name: &'static str,
        func: impl IntoFunc<HostState, Params, Results>,
    ) -> Result<(), Error> {
        self.linker.func_wrap(module, name, func)?;
        self.linked.push((module, name));
        Ok(())
    }
}

/// Registers a `vm_hooks` hostio. Under a tracer its ink before and after is recorded
/// (one that suspends for the chain ends when served); otherwise it costs one check.
macro_rules! hostio {
    ($host:expr, $name:expr, |$c:ident $(, $arg:ident : $ty:ty)*| $body:expr $(,)?) => {
        $host.func_wrap(
            "vm_hooks",
            $name,
            move |mut $c: $crate::stylus::hostio::state::Ctx<'_> $(, $arg: $ty)*| {
                let start = $crate::stylus::hostio::register::traced_ink(&$c);
                #[allow(clippy::redundant_closure_call)]
                let result = (|| $body)();
                if let Some(start) = start {
                    $crate::stylus::hostio::register::record(&mut $c, $name, start, &result);
                }
                result
            },
        )
    };
}
pub(super) use hostio;

pub(super) fn traced_ink(caller: &Ctx<'_>) -> Option<u64> {
    caller
        .data()
        .trace
        .is_some()
        .then(|| ink_left(caller).unwrap_or(0))
}

pub(super) fn record<T>(
    caller: &mut Ctx<'_>,
    name: &'static str,
    start_ink: u64,
    result: &Result<T, Error>,
) {
    let end_ink = ink_left(caller).unwrap_or(0);
    let suspends = match result {
        Err(error) => error
            .downcast_ref::<Request>()
            .is_some_and(|request| !matches!(request, Request::Exit(_))),
        Ok(_) => false,
    };
    if let Some(trace) = caller.data_mut().trace.as_mut() {
        match suspends {
            true => trace.suspended(name, start_ink),
            false => trace.finished(name, start_ink, end_ink),
        }
    }
}
