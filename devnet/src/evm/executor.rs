use std::convert::Infallible;

use revm::DatabaseCommit;
use revm::DatabaseRef;
use revm::context::result::{EVMError, ExecutionResult, ResultAndState};
use revm::context::{BlockEnv, CfgEnv, ContextSetters, ContextTr, JournalTr, TxEnv};
use revm::handler::Handler;
use revm::primitives::hardfork::SpecId;
use revm::primitives::{Address, U256};
use revm::state::Bytecode;

use super::arb_evm::{ArbEvm, ArbHandler};
use super::context::{Ctx, Db};
use super::l1::Posting;
use super::multicall3::{self, MULTICALL3};
use super::observe::FrameObserver;
use super::precompiles::ARBITRUM_PRECOMPILES;
use super::stylus_deployer::{self, STYLUS_DEPLOYER};
use crate::stylus::{RecentPrograms, Rules, Runtime};

/// Why a transaction could not be executed at all (it is then not includable).
pub type ExecError = EVMError<Infallible>;

/// Arbitrum One runs ArbOS 40+, whose EVM rules match Ethereum's Prague.
pub const ARBITRUM_SPEC: SpecId = SpecId::PRAGUE;

/// Executes transactions against a [`Db`]; cheap to clone and share between threads.
#[derive(Clone, Debug)]
pub struct Executor {
    chain_id: u64,
    runtime: Runtime,
}

impl Executor {
    /// An executor for the current Arbitrum (ArbOS 61, not a debug chain).
    pub fn new(chain_id: u64) -> Self {
        Self::with_rules(chain_id, Rules::default())
    }

    /// An executor applying `rules` (ArbOS version, debug chain).
    pub fn with_rules(chain_id: u64, rules: Rules) -> Self {
        Self {
            chain_id,
            runtime: Runtime::new(rules),
        }
    }

    pub fn rules(&self) -> &Rules {
        self.runtime.rules()
    }

    /// Gives the Arbitrum precompile accounts the one-byte code (INVALID) Nitro
    /// gives them, so they are never "empty" and their storage (activation
    /// records) survives state clearing, and puts the StylusDeployer factory and
    /// Multicall3 at their addresses. Idempotent; `transact_commit` and `simulate` call it, the
    /// node should call it at genesis so `eth_getCode` sees them from block 0.
    pub fn install_system_accounts(db: &mut Db) {
        for address in ARBITRUM_PRECOMPILES {
            install_code(db, address, 0, || Bytecode::new_raw(vec![0xFE].into()));
        }
        // Nonce 1: a contract account as EIP-161 creates it, so the factory's own
        // CREATEs land where they would on Arbitrum for a fresh deployer.
        install_code(db, STYLUS_DEPLOYER, 1, stylus_deployer::runtime_code);
        install_code(db, MULTICALL3, 1, multicall3::runtime_code);
    }

    pub fn chain_id(&self) -> u64 {
        self.chain_id
    }

    /// Executes `tx`, a signed transaction alone in its block, and commits its state
    /// changes into `db`. `posting` is its L1 data: the gas that pays for it is charged
    /// before execution and counted in the gas used, as Nitro's `GasChargingHook` does.
    pub fn transact_commit(
        &self,
        db: &mut Db,
        block: &BlockEnv,
        tx: TxEnv,
        posting: Posting,
    ) -> Result<ExecutionResult, ExecError> {
        self.commit(db, block, tx, posting, Checks::Signed)
    }

    /// Executes `tx` after the transactions of `block` that ran before it with the same
    /// `recent` programs (ArbOS 60+ charges a program one of them ran at its cached
    /// cost), and commits it.
    pub fn transact_commit_in_block(
        &self,
        db: &mut Db,
        block: &BlockEnv,
        tx: TxEnv,
        posting: Posting,
        checks: Checks,
        recent: &mut RecentPrograms,
    ) -> Result<ExecutionResult, ExecError> {
        let ResultAndState { result, state } =
            self.run_in_block(db, block, tx, posting, checks, None, recent)?;
        db.commit(state);
        Ok(result)
    }

    /// L2 gas `posting` costs in `block` (a receipt's `gasUsedForL1`).
    pub fn poster_gas(&self, block: &BlockEnv, posting: Posting) -> u64 {
        posting.gas(block.basefee, self.rules().l1_base_fee)
    }

    /// Executes `tx`, sent unsigned from an impersonated account, and commits it. Anvil
    /// lets an impersonated contract send, so the EIP-3607 "sender has code" check is off;
    /// nothing else is.
    pub fn transact_commit_impersonated(
        &self,
        db: &mut Db,
        block: &BlockEnv,
        tx: TxEnv,
        posting: Posting,
    ) -> Result<ExecutionResult, ExecError> {
        self.commit(db, block, tx, posting, Checks::Impersonated)
    }

    /// Executes `tx` without committing. `relaxed` lifts the balance, nonce and
    /// base-fee checks, as `eth_call` and `eth_estimateGas` need.
    pub fn simulate(
        &self,
        db: &mut Db,
        block: &BlockEnv,
        tx: TxEnv,
        posting: Posting,
        relaxed: bool,
    ) -> Result<ResultAndState, ExecError> {
        let checks = if relaxed {
            Checks::Relaxed
        } else {
            Checks::Signed
        };
        self.run(db, block, tx, posting, checks)
    }

    fn commit(
        &self,
        db: &mut Db,
        block: &BlockEnv,
        tx: TxEnv,
        posting: Posting,
        checks: Checks,
    ) -> Result<ExecutionResult, ExecError> {
        let mut recent = RecentPrograms::default();
        self.transact_commit_in_block(db, block, tx, posting, checks, &mut recent)
    }

    fn cfg(&self, checks: Checks) -> CfgEnv {
        let mut cfg = CfgEnv::new().with_spec_and_mainnet_gas_params(ARBITRUM_SPEC);
        cfg.chain_id = self.chain_id;
        match checks {
            Checks::Signed => {}
            Checks::Impersonated => cfg.disable_eip3607 = true,
            Checks::Relaxed => {
                cfg.disable_balance_check = true;
                cfg.disable_nonce_check = true;
                cfg.disable_base_fee = true;
                cfg.disable_block_gas_limit = true;
                cfg.disable_eip3607 = true;
            }
        }
        cfg
    }

    fn run(
        &self,
        db: &mut Db,
        block: &BlockEnv,
        tx: TxEnv,
        posting: Posting,
        checks: Checks,
    ) -> Result<ResultAndState, ExecError> {
        self.run_observed(db, block, tx, posting, checks, None)
    }

    /// Executes `tx` without committing, telling `observer` about every frame (tracing).
    pub fn run_observed<'a>(
        &self,
        db: &'a mut Db,
        block: &BlockEnv,
        tx: TxEnv,
        posting: Posting,
        checks: Checks,
        observer: Option<&'a mut dyn FrameObserver>,
    ) -> Result<ResultAndState, ExecError> {
        let mut recent = RecentPrograms::default();
        self.run_in_block(db, block, tx, posting, checks, observer, &mut recent)
    }

    /// [`Self::run_observed`] after the block's earlier transactions, which ran `recent`.
    #[allow(clippy::too_many_arguments)]
    pub fn run_in_block<'a>(
        &self,
        db: &'a mut Db,
        block: &BlockEnv,
        tx: TxEnv,
        posting: Posting,
        checks: Checks,
        observer: Option<&'a mut dyn FrameObserver>,
        recent: &mut RecentPrograms,
    ) -> Result<ResultAndState, ExecError> {
        Self::install_system_accounts(db);
        let poster_gas = self.poster_gas(block, posting);
        // Nitro caps the gas left for execution (ArbOS 50's per-transaction limit, the
        // block env's here); the L1 data gas is bought on top of it.
        let mut block = block.clone();
        block.gas_limit = block.gas_limit.saturating_add(poster_gas);
        let mut ctx = Ctx::new(db, ARBITRUM_SPEC)
            .with_cfg(self.cfg(checks))
            .with_block(block.clone());
        ctx.set_tx(tx);
        ctx.chain.recent = std::mem::take(recent);
        let poster_fee = U256::from(poster_gas) * U256::from(block.basefee);
        let mut evm = ArbEvm::new(ctx, self.runtime.clone(), poster_fee);
        evm.observer = observer;
        let result = ArbHandler::new(poster_gas).run(&mut evm);
        // Nitro's cache is not journaled: a reverted transaction's programs stay recent.
        *recent = std::mem::take(&mut evm.ctx.chain.recent);
        let state = evm.ctx.journal_mut().finalize();
        Ok(ResultAndState::new(result?, state))
    }
}

/// Which of revm's validity checks a run applies.
#[derive(Clone, Copy, Debug)]
pub enum Checks {
    /// All of them, as for a signed transaction.
    Signed,
    /// All but EIP-3607: an impersonated sender may be a contract.
    Impersonated,
    /// None of balance, nonce, base fee, block gas limit, EIP-3607: `eth_call`.
    Relaxed,
}

/// Sets `address`'s code (and a nonce, if it has none) unless it already has code.
fn install_code(db: &mut Db, address: Address, nonce: u64, code: impl FnOnce() -> Bytecode) {
    let Ok(existing) = db.basic_ref(address);
    if existing
        .as_ref()
        .is_some_and(|info| !info.is_empty_code_hash())
    {
        return;
    }
    let mut info = existing.unwrap_or_default();
    let code = code();
    info.code_hash = code.hash_slow();
    info.code = Some(code);
    info.nonce = info.nonce.max(nonce);
    db.insert_account_info(address, info);
}
