use std::convert::Infallible;

use revm::DatabaseCommit;
use revm::context::result::{EVMError, ExecutionResult, ResultAndState};
use revm::context::{BlockEnv, CfgEnv, ContextSetters, ContextTr, JournalTr, TxEnv};
use revm::database::{CacheDB, EmptyDB};
use revm::handler::Handler;
use revm::primitives::hardfork::SpecId;
use revm::state::{AccountInfo, Bytecode};

use super::arb_evm::{ArbEvm, ArbHandler, Ctx};
use super::precompiles::ARBITRUM_PRECOMPILES;
use crate::stylus::Runtime;

/// All chain state: accounts, code, storage (Stylus activation records included).
pub type Db = CacheDB<EmptyDB>;

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
    pub fn new(chain_id: u64) -> Self {
        Self {
            chain_id,
            runtime: Runtime::new(),
        }
    }

    /// Gives the Arbitrum precompile accounts the one-byte code (INVALID) Nitro
    /// gives them, so they are never "empty" and their storage (activation
    /// records) survives state clearing. Idempotent; `transact_commit` and
    /// `simulate` call it, the node may call it at genesis.
    pub fn install_system_accounts(db: &mut Db) {
        for address in ARBITRUM_PRECOMPILES {
            let has_code = db
                .cache
                .accounts
                .get(&address)
                .is_some_and(|a| !a.info.is_empty_code_hash());
            if !has_code {
                let mut info = db
                    .cache
                    .accounts
                    .get(&address)
                    .map(|a| a.info.clone())
                    .unwrap_or_default();
                let code = Bytecode::new_raw(vec![0xFE].into());
                info.code_hash = code.hash_slow();
                info.code = Some(code);
                db.insert_account_info(address, AccountInfo { ..info });
            }
        }
    }

    pub fn chain_id(&self) -> u64 {
        self.chain_id
    }

    /// Executes `tx` and commits its state changes into `db`.
    pub fn transact_commit(
        &self,
        db: &mut Db,
        block: &BlockEnv,
        tx: TxEnv,
    ) -> Result<ExecutionResult, ExecError> {
        let ResultAndState { result, state } = self.run(db, block, tx, false)?;
        db.commit(state);
        Ok(result)
    }

    /// Executes `tx` without committing. `relaxed` lifts the balance, nonce and
    /// base-fee checks, as `eth_call` and `eth_estimateGas` need.
    pub fn simulate(
        &self,
        db: &mut Db,
        block: &BlockEnv,
        tx: TxEnv,
        relaxed: bool,
    ) -> Result<ResultAndState, ExecError> {
        self.run(db, block, tx, relaxed)
    }

    fn cfg(&self, relaxed: bool) -> CfgEnv {
        let mut cfg = CfgEnv::new().with_spec_and_mainnet_gas_params(ARBITRUM_SPEC);
        cfg.chain_id = self.chain_id;
        if relaxed {
            cfg.disable_balance_check = true;
            cfg.disable_nonce_check = true;
            cfg.disable_base_fee = true;
            cfg.disable_block_gas_limit = true;
            cfg.disable_eip3607 = true;
        }
        cfg
    }

    fn run(
        &self,
        db: &mut Db,
        block: &BlockEnv,
        tx: TxEnv,
        relaxed: bool,
    ) -> Result<ResultAndState, ExecError> {
        Self::install_system_accounts(db);
        let mut ctx = Ctx::new(db, ARBITRUM_SPEC)
            .with_cfg(self.cfg(relaxed))
            .with_block(block.clone());
        ctx.set_tx(tx);
        let mut evm = ArbEvm::new(ctx, self.runtime.clone());
        let result = ArbHandler::default().run(&mut evm);
        let state = evm.ctx.journal_mut().finalize();
        Ok(ResultAndState::new(result?, state))
    }
}
