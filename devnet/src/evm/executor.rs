use std::convert::Infallible;

use revm::context::result::{EVMError, ExecutionResult, ResultAndState};
use revm::context::{BlockEnv, CfgEnv, Context, Journal, TxEnv};
use revm::database::{CacheDB, EmptyDB};
use revm::primitives::hardfork::SpecId;
use revm::{DatabaseCommit, ExecuteEvm, MainBuilder};

/// All chain state: accounts, code, storage (Stylus activation records included).
pub type Db = CacheDB<EmptyDB>;

/// Why a transaction could not be executed at all (it is then not includable).
pub type ExecError = EVMError<Infallible>;

/// revm's context over a borrowed [`Db`].
type Ctx<'a> = Context<BlockEnv, TxEnv, CfgEnv, &'a mut Db, Journal<&'a mut Db>, ()>;

/// Arbitrum One runs ArbOS 40+, whose EVM rules match Ethereum's Prague.
pub const ARBITRUM_SPEC: SpecId = SpecId::PRAGUE;

/// Executes transactions against a [`Db`]; cheap to clone and share between threads.
#[derive(Clone, Debug)]
pub struct Executor {
    chain_id: u64,
}

impl Executor {
    pub fn new(chain_id: u64) -> Self {
        Self { chain_id }
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
        let mut evm = Ctx::new(db, ARBITRUM_SPEC)
            .with_cfg(self.cfg(relaxed))
            .with_block(block.clone())
            .build_mainnet();
        evm.transact(tx)
    }
}
