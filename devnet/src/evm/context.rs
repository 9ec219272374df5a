//! The state and context types every part of the EVM shares: the executor builds a
//! [`Ctx`] over a [`Db`], [`super::arb_evm`] runs frames in it and
//! [`super::stylus_call`] serves a Stylus program's hostios from it.

use std::convert::Infallible;

use revm::context::{BlockEnv, CfgEnv, Context, Journal, TxEnv};
use revm::context_interface::context::ContextError;
use revm::database::CacheDB;

use crate::stylus::StylusTx;

/// All chain state: accounts, code, storage (Stylus activation records included). Writes
/// land in the cache over a block's committed [`crate::chain::State`], which the chain then
/// folds into the next block's state.
pub type Db = CacheDB<crate::chain::State>;

/// revm's context over a borrowed [`Db`].
/// Its `chain` slot holds the transaction's Stylus pages and the block's recent programs.
pub type Ctx<'a> = Context<BlockEnv, TxEnv, CfgEnv, &'a mut Db, Journal<&'a mut Db>, StylusTx>;

pub type DbError = ContextError<Infallible>;
