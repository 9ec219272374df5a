//! The hostios a traced program called, in order, with its ink before and after each:
//! what Nitro hands its tracers through `CaptureStylusHostio`. Recorded only when the
//! program runs under a tracer that asks for steps.

use super::params::INK_PRICE;

/// One hostio call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostioStep {
    /// The import's name, as Nitro names the step (`storage_load_bytes32`, `emit_log`...).
    pub name: &'static str,
    pub start_ink: u64,
    pub end_ink: u64,
}

impl HostioStep {
    /// Gas left before the call.
    pub fn gas(&self) -> u64 {
        self.start_ink / INK_PRICE as u64
    }

    /// Gas the call took; a call's includes the gas handed to the callee, as the EVM's
    /// CALL does.
    pub fn gas_cost(&self) -> u64 {
        self.gas().saturating_sub(self.end_ink / INK_PRICE as u64)
    }
}

/// The steps of one program, kept until its frame hands them to the tracer.
#[derive(Debug, Default)]
pub struct HostioTrace {
    steps: Vec<HostioStep>,
    /// A hostio suspended for the chain to serve (storage miss, call, log...): it ends
    /// once served, with the ink left then.
    suspended: Option<(&'static str, u64)>,
}

impl HostioTrace {
    pub fn finished(&mut self, name: &'static str, start_ink: u64, end_ink: u64) {
        self.steps.push(HostioStep {
            name,
            start_ink,
            end_ink,
        });
    }

    pub fn suspended(&mut self, name: &'static str, start_ink: u64) {
        self.suspended = Some((name, start_ink));
    }

    /// The suspended hostio was served; `ink` is what the program has left after it.
    pub fn served(&mut self, ink: u64) {
        if let Some((name, start_ink)) = self.suspended.take() {
            self.finished(name, start_ink, ink);
        }
    }

    pub fn take(&mut self) -> Vec<HostioStep> {
        std::mem::take(&mut self.steps)
    }
}
