//! Scenario tests of the vault on the [`crate::testing::Chain`] test host.

mod abi;
mod admin;
mod attacks;
mod books;
mod deposit;
mod hooks;
mod invariants;
mod permit;
mod rewards;
mod router;
mod token;

use alloy_primitives::{address, Address, U256};
use alloy_sol_types::SolEvent;
pub use stylus_sdk::stylus_core::{BlockAccess, ChainAccess, MessageAccess};

use crate::{
    errors::VaultError,
    testing::{Chain, ASSET},
    Vault,
};

pub const DEPLOYER: Address = address!("00000000000000000000000000000000000000d0");
pub const ADMIN: Address = address!("00000000000000000000000000000000000000a1");
pub const TREASURY: Address = address!("00000000000000000000000000000000000000f1");
pub const HUB: Address = address!("00000000000000000000000000000000000000b0");
pub const QUEUE: Address = address!("00000000000000000000000000000000000000c0");
pub const ALICE: Address = address!("000000000000000000000000000000000000a11c");
pub const BOB: Address = address!("0000000000000000000000000000000000000b0b");
pub const BURN: Address = address!("000000000000000000000000000000000000bbbb");

pub fn e18(x: u64) -> U256 {
    U256::from(x) * U256::from(10u64).pow(U256::from(18u8))
}

pub fn u(x: u64) -> U256 {
    U256::from(x)
}

pub struct World {
    pub chain: Chain,
    pub vault: Vault,
}

/// A deployed vault with the hub and queue wired, as the deployer leaves it.
pub fn given_vault() -> World {
    let chain = Chain::new();
    let mut vault = Vault::from(&chain);
    chain.vm.set_sender(DEPLOYER);
    vault
        .constructor(
            ASSET,
            "Restaked ETH".into(),
            "rstETH".into(),
            ADMIN,
            TREASURY,
        )
        .expect("constructor");
    chain.vm.set_sender(ADMIN);
    vault.set_hub(HUB).expect("hub");
    vault.set_withdrawal_queue(QUEUE).expect("queue");
    World { chain, vault }
}

impl World {
    /// The vault as seen by a call from `who`.
    pub fn by(&mut self, who: Address) -> &mut Vault {
        self.chain.vm.set_sender(who);
        &mut self.vault
    }

    /// A call from `who` that leaves no trace when it fails, as a reverted transaction.
    pub fn tx<T>(
        &mut self,
        who: Address,
        call: impl FnOnce(&mut Vault) -> Result<T, VaultError>,
    ) -> Result<T, VaultError> {
        self.chain.vm.set_sender(who);
        let (chain, vault) = (&self.chain, &mut self.vault);
        chain.transact(|| call(vault))
    }

    /// `who` holds `amount` of the asset and has approved the vault for all of it.
    pub fn fund(&self, who: Address, amount: U256) {
        self.chain.mint_asset(who, amount);
        self.chain.approve_asset(who, U256::MAX);
    }

    pub fn deposit(&mut self, who: Address, assets: U256) -> Result<U256, VaultError> {
        self.fund(who, assets);
        self.by(who).deposit(assets, who)
    }

    /// The last emitted event of type `E`.
    pub fn last<E: SolEvent>(&self) -> E {
        let logs = self.chain.vm.get_emitted_logs();
        let (topics, data) = logs
            .iter()
            .rev()
            .find(|(topics, _)| topics.first() == Some(&E::SIGNATURE_HASH))
            .expect("event emitted");
        E::decode_raw_log(topics.iter().copied(), data).expect("event decodes")
    }
}
