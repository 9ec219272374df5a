//! Ethereum's precompiles plus the Arbitrum ones Stylus tooling talks to.

use revm::context::{Cfg, ContextTr};
use revm::handler::{EthPrecompiles, PrecompileProvider};
use revm::interpreter::{CallInputs, InterpreterResult};
use revm::primitives::hardfork::SpecId;
use revm::primitives::{Address, AddressSet, U256};

use super::arbos::{self, ARB_GAS_INFO, ARB_OWNER_PUBLIC, ARB_SYS};
use crate::stylus::Runtime;
use crate::stylus::arbwasm;
use crate::stylus::programs::ARB_WASM;

/// Arbitrum precompile accounts this chain serves.
pub const ARBITRUM_PRECOMPILES: [Address; 4] = [ARB_SYS, ARB_OWNER_PUBLIC, ARB_GAS_INFO, ARB_WASM];

#[derive(Clone, Debug)]
pub struct ArbPrecompiles {
    eth: EthPrecompiles,
    runtime: Runtime,
    warm: AddressSet,
    /// What the running transaction pays for its L1 data.
    poster_fee: U256,
}

impl ArbPrecompiles {
    pub fn new(spec: SpecId, runtime: Runtime, poster_fee: U256) -> Self {
        let eth = EthPrecompiles::new(spec);
        let mut warm = eth.warm_addresses().clone();
        warm.extend(ARBITRUM_PRECOMPILES);
        Self {
            eth,
            runtime,
            warm,
            poster_fee,
        }
    }
}

impl<CTX: ContextTr> PrecompileProvider<CTX> for ArbPrecompiles
where
    <CTX::Cfg as Cfg>::Spec: Into<SpecId>,
{
    type Output = InterpreterResult;

    fn set_spec(&mut self, spec: <CTX::Cfg as Cfg>::Spec) -> bool {
        let changed = <EthPrecompiles as PrecompileProvider<CTX>>::set_spec(&mut self.eth, spec);
        if changed {
            let mut warm = self.eth.warm_addresses().clone();
            warm.extend(ARBITRUM_PRECOMPILES);
            self.warm = warm;
        }
        changed
    }

    fn run(
        &mut self,
        context: &mut CTX,
        inputs: &CallInputs,
    ) -> Result<Option<InterpreterResult>, String> {
        if inputs.bytecode_address == ARB_WASM {
            return Ok(Some(arbwasm::run(context, &self.runtime, inputs)));
        }
        let tx = arbos::TxView {
            rules: self.runtime.rules(),
            poster_fee: self.poster_fee,
        };
        if let Some(result) = arbos::run(context, &tx, inputs) {
            return Ok(Some(result));
        }
        <EthPrecompiles as PrecompileProvider<CTX>>::run(&mut self.eth, context, inputs)
    }

    fn warm_addresses(&self) -> &AddressSet {
        &self.warm
    }
}
