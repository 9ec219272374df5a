//! ArbSys at 0x64: the chain's own block number, chain id and ArbOS version.

use alloy::sol;
use alloy::sol_types::{SolError, SolInterface};
use revm::Database;
use revm::context::{Block, Cfg, ContextTr, JournalTr};
use revm::interpreter::CallInputs;
use revm::primitives::{Address, U256};

use super::{Answer, TxView, returns};

sol! {
    interface IArbSys {
        function arbBlockNumber() external view returns (uint256);
        function arbBlockHash(uint256 arbBlockNum) external view returns (bytes32);
        function arbChainID() external view returns (uint256);
        function arbOSVersion() external view returns (uint256);
        function getStorageGasAvailable() external view returns (uint256);
        function isTopLevelCall() external view returns (bool);
        function mapL1SenderContractAddressToL2Alias(address sender, address unused) external pure returns (address);
        function wasMyCallersAddressAliased() external view returns (bool);

        error InvalidBlockNumber(uint256 requested, uint256 current);
    }
}

use IArbSys::IArbSysCalls as Call;

/// How many recent blocks `arbBlockHash` can see, like the BLOCKHASH opcode.
const HASH_WINDOW: u64 = 256;
/// What L1 contract addresses are offset by when they act on L2.
const L1_ALIAS_OFFSET: Address = Address::new([
    0x11, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11, 0x11,
]);

pub fn serve<CTX: ContextTr>(
    ctx: &mut CTX,
    tx: &TxView<'_>,
    _: &CallInputs,
    input: &[u8],
) -> Option<Answer> {
    let call = Call::abi_decode(input).ok()?;
    let number: u64 = ctx.block().number().saturating_to();
    match call {
        Call::arbBlockNumber(_) => returns::<IArbSys::arbBlockNumberCall>(&U256::from(number)),
        Call::arbBlockHash(c) => {
            let requested = c.arbBlockNum;
            let visible = requested < U256::from(number)
                && requested >= U256::from(number.saturating_sub(HASH_WINDOW));
            if !visible {
                let error = IArbSys::InvalidBlockNumber {
                    requested,
                    current: U256::from(number),
                };
                return Some(Err(error.abi_encode().into()));
            }
            let hash = ctx.db_mut().block_hash(requested.saturating_to()).ok()?;
            returns::<IArbSys::arbBlockHashCall>(&hash)
        }
        Call::arbChainID(_) => {
            returns::<IArbSys::arbChainIDCall>(&U256::from(ctx.cfg().chain_id()))
        }
        Call::arbOSVersion(_) => {
            returns::<IArbSys::arbOSVersionCall>(&U256::from(tx.rules.reported_version()))
        }
        Call::getStorageGasAvailable(_) => {
            returns::<IArbSys::getStorageGasAvailableCall>(&U256::ZERO)
        }
        // The transaction's own call is depth 1 and this precompile's frame depth 2.
        Call::isTopLevelCall(_) => {
            returns::<IArbSys::isTopLevelCallCall>(&(ctx.journal_mut().depth() <= 2))
        }
        Call::mapL1SenderContractAddressToL2Alias(c) => {
            let alias = U256::from_be_slice(c.sender.as_slice())
                .wrapping_add(U256::from_be_slice(L1_ALIAS_OFFSET.as_slice()));
            let alias = Address::from_slice(&alias.to_be_bytes::<32>()[12..]);
            returns::<IArbSys::mapL1SenderContractAddressToL2AliasCall>(&alias)
        }
        // Only retryable transactions from L1 arrive aliased, and this chain has no L1.
        Call::wasMyCallersAddressAliased(_) => {
            returns::<IArbSys::wasMyCallersAddressAliasedCall>(&false)
        }
    }
}
