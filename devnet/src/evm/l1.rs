//! The L1 this devnet pretends to settle on, as Arbitrum contracts see it:
//! its block number (what `block.number` means on Arbitrum) and the price of
//! posting a transaction's data to it (the L1 part of every Arbitrum fee).

use std::io::Write;

use alloy::consensus::{SignableTransaction, TxEip1559, TxEnvelope};
use alloy::eips::eip2718::Encodable2718;
use alloy::primitives::Signature;
use revm::context::TxEnv;
use revm::primitives::{Address, B256, U256, address, keccak256};

/// Nitro's sequencer and batch poster: the `block.coinbase` of every Arbitrum block.
pub const SEQUENCER: Address = address!("A4b000000000000000000073657175656e636572");
/// The block gas limit Nitro reports (2^50); transactions are capped separately.
pub const NITRO_BLOCK_GAS_LIMIT: u64 = 1 << 50;

/// Ethereum mainnet's merge block and its timestamp: L1 block numbers are
/// modelled from there on at one block per 12-second slot.
const MERGE_BLOCK: u64 = 15_537_394;
const MERGE_TIMESTAMP: u64 = 1_663_224_179;
const SLOT_SECONDS: u64 = 12;

/// The L1 block number an L2 block at `timestamp` sees as `block.number`.
pub fn block_number(timestamp: u64) -> u64 {
    MERGE_BLOCK + timestamp.saturating_sub(MERGE_TIMESTAMP) / SLOT_SECONDS
}

/// How many past L1 blocks BLOCKHASH answers for.
pub const BLOCK_HASH_HISTORY: u64 = 256;

/// The hash ArbOS recorded for L1 block `number`. With no real L1 behind the
/// devnet, a stand-in derived from the number: stable, distinct per block.
pub fn block_hash(number: u64) -> B256 {
    let mut preimage = b"devnet L1 block ".to_vec();
    preimage.extend_from_slice(&number.to_be_bytes());
    keccak256(preimage)
}

/// ArbOS's L1 base fee estimate unless the node is told otherwise; owned by the
/// ArbOS rules ([`crate::stylus::Rules`]), which carry the price.
pub use crate::stylus::arbos::DEFAULT_L1_BASE_FEE;
/// L1 gas per byte of posted data (EIP-2028's non-zero calldata byte).
pub const UNITS_PER_BYTE: u64 = 16;
/// Nitro's batch compression level (ArbOwnerPublic `getBrotliCompressionLevel`).
pub const BROTLI_LEVEL: u32 = 1;
/// ArbGasInfo's assumed size of a simple transaction.
pub const ASSUMED_SIMPLE_TX_SIZE: u64 = 140;
/// Gas estimation pads the L1 cost for a rising L1 price (Nitro: 110 %).
const ESTIMATION_PADDING_BIPS: u64 = 11_000;
/// ...and, without the signed transaction, assumes it 16 bytes larger and 1 % bigger.
const ESTIMATION_PADDING_UNITS: u64 = 16 * UNITS_PER_BYTE;
const ESTIMATION_PADDING_UNIT_BIPS: u64 = 10_100;

/// Size of `data` once brotli-compressed at Nitro's batch level.
pub fn compressed_len(data: &[u8]) -> u64 {
    let mut out = Vec::with_capacity(data.len());
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, BROTLI_LEVEL, 22);
        // Writing into a Vec cannot fail.
        let _ = writer.write_all(data);
    }
    out.len() as u64
}

/// L1 gas units of posting a signed transaction (`encoded` is its EIP-2718 bytes).
pub fn poster_units(encoded: &[u8]) -> u64 {
    UNITS_PER_BYTE * compressed_len(encoded)
}

/// Units of a transaction known only from its fields (eth_call, eth_estimateGas):
/// Nitro pads them for the signature and fields it does not have yet.
pub fn estimated_units(unsigned: &[u8]) -> u64 {
    (poster_units(unsigned) + ESTIMATION_PADDING_UNITS) * ESTIMATION_PADDING_UNIT_BIPS / 10_000
}

/// Nitro's stand-ins for the fields an estimated transaction does not have yet:
/// bytes hashed from a name, so the size of the stand-in is typical.
fn stand_in(name: &str, bytes: usize) -> u64 {
    let hash = keccak256(name.as_bytes());
    hash[..bytes]
        .iter()
        .fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
}

/// The posting `eth_estimateGas` prices for `tx`: Nitro builds an EIP-1559
/// transaction from what it knows, filling nonce, fees, gas and signature with
/// stand-ins, and pads its units ([`estimated_units`]).
pub fn estimated_posting(tx: &TxEnv, chain_id: u64) -> Posting {
    let nonzero = |value: u128, name: &str, bytes: usize| match value {
        0 => u128::from(stand_in(name, bytes)),
        value => value,
    };
    let fake = TxEip1559 {
        chain_id,
        nonce: match tx.nonce {
            0 => stand_in("Nonce", 8),
            nonce => nonce,
        },
        // The gas limit is left out so that it does not change the estimate.
        gas_limit: stand_in("Gas", 4),
        max_fee_per_gas: nonzero(tx.gas_price, "GasFeeCap", 4),
        max_priority_fee_per_gas: nonzero(tx.gas_priority_fee.unwrap_or(0), "GasTipCap", 4),
        to: tx.kind,
        value: tx.value,
        access_list: tx.access_list.clone(),
        input: tx.data.clone(),
    };
    let r = U256::from_be_bytes(keccak256("R").0);
    let s = U256::from_be_bytes(keccak256("S").0);
    let signed = fake.into_signed(Signature::new(r, s, false));
    let encoded = TxEnvelope::from(signed).encoded_2718();
    Posting::Estimated {
        units: estimated_units(&encoded),
    }
}

/// The L1 data of a transaction, as the batch poster will post it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Posting {
    /// Nothing is posted: `eth_call` (Nitro skips L1 charging there) and
    /// executions outside a chain.
    #[default]
    None,
    /// A signed transaction: units of its EIP-2718 encoding ([`poster_units`]).
    Signed { units: u64 },
    /// A transaction known from its fields only, for `eth_estimateGas`
    /// ([`estimated_units`]); priced with Nitro's estimation padding.
    Estimated { units: u64 },
}

impl Posting {
    /// L2 gas that buys the posting at `basefee` with the L1 priced at `l1_base_fee`
    /// (Nitro's `GetPosterGas`): tips are not collected, so the base fee is the price.
    pub fn gas(self, basefee: u64, l1_base_fee: u64) -> u64 {
        let basefee = U256::from(basefee);
        if basefee.is_zero() {
            return 0;
        }
        let cost = |units: u64| U256::from(units) * U256::from(l1_base_fee);
        match self {
            Self::None => 0,
            Self::Signed { units } => (cost(units) / basefee).saturating_to(),
            // Nitro assumes 7/8 of the price (never below the minimum, which is
            // the devnet's constant base fee) and a 10 % higher L1 price.
            Self::Estimated { units } => {
                let padded =
                    cost(units) * U256::from(ESTIMATION_PADDING_BIPS) / U256::from(10_000u64);
                (padded / basefee).saturating_to()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_l1_advances_one_block_per_twelve_seconds() {
        let now = MERGE_TIMESTAMP + 12 * 7_000_000;
        assert_eq!(block_number(now + 12), block_number(now) + 1);
        assert_eq!(block_number(now + 11), block_number(now));
        assert!(block_number(now) > 20_000_000);
    }

    #[test]
    fn posting_costs_sixteen_units_per_compressed_byte() {
        let data = [7u8; 1000];
        assert_eq!(poster_units(&data), 16 * compressed_len(&data));
        assert!(compressed_len(&data) < 100);
        let posting = Posting::Signed { units: 100 };
        assert_eq!(posting.gas(100_000_000, DEFAULT_L1_BASE_FEE), 1_000);
        assert_eq!(
            Posting::Estimated { units: 100 }.gas(100_000_000, DEFAULT_L1_BASE_FEE),
            1_100
        );
        assert_eq!(Posting::None.gas(100_000_000, DEFAULT_L1_BASE_FEE), 0);
    }
}
