//! What each actor can do, as library functions the CLI commands, the demo and the
//! end-to-end tests all call. Each returns what happened (amounts, ids, the transaction)
//! and fails with a decoded revert.

pub mod admin;
pub mod avs;
pub mod curator;
pub mod deposit;
pub mod lending;
pub mod operator;
pub mod rewards;
pub mod withdraw;

use alloy::{primitives::Address, providers::DynProvider};

use crate::{
    abi::{
        fixtures::IMockLst::{self, IMockLstInstance},
        lrt::{
            IHub::{self, IHubInstance},
            IVault::{self, IVaultInstance},
            IWithdrawalQueue::{self, IWithdrawalQueueInstance},
        },
    },
    chain::Wallet,
    manifest::{Manifest, VaultRecord},
};

/// One actor (a key on a node) and the deployment it acts on.
#[derive(Clone)]
pub struct Protocol {
    pub wallet: Wallet,
    pub manifest: Manifest,
}

impl Protocol {
    pub fn new(wallet: Wallet, manifest: Manifest) -> Self {
        Self { wallet, manifest }
    }

    /// The same deployment, acted on by another key.
    pub fn acting_as(&self, wallet: Wallet) -> Self {
        Self {
            wallet,
            manifest: self.manifest.clone(),
        }
    }

    pub fn me(&self) -> Address {
        self.wallet.address()
    }

    fn provider(&self) -> DynProvider {
        self.wallet.provider().clone()
    }

    pub fn hub(&self) -> IHubInstance<DynProvider> {
        IHub::new(self.manifest.hub.address, self.provider())
    }

    pub fn vault(&self, v: &VaultRecord) -> IVaultInstance<DynProvider> {
        IVault::new(v.vault.address, self.provider())
    }

    pub fn queue(&self, v: &VaultRecord) -> IWithdrawalQueueInstance<DynProvider> {
        IWithdrawalQueue::new(v.queue.address, self.provider())
    }

    /// The vault's underlying token (bound with the mock's ABI, which is plain ERC-20 + permit).
    pub fn asset(&self, v: &VaultRecord) -> IMockLstInstance<DynProvider> {
        IMockLst::new(v.asset.address, self.provider())
    }
}
