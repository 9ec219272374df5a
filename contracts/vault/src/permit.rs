//! EIP-2612 `permit` with an EIP-712 domain bound to this chain and this address.

use alloy_primitives::{address, Address, B256, U256};
use lrt_common::abi::{self, Word};
use stylus_sdk::{call::static_call, keccak_const::Keccak256, prelude::*};

use crate::{
    errors::{InvalidSignature, InvalidSigner, PermitExpired, VaultError},
    short_string, Vault,
};

const DOMAIN_TYPEHASH: [u8; 32] = Keccak256::new()
    .update(b"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
    .finalize();
const PERMIT_TYPEHASH: [u8; 32] = Keccak256::new()
    .update(b"Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)")
    .finalize();
const VERSION_HASH: [u8; 32] = Keccak256::new().update(b"1").finalize();

/// secp256k1 order / 2: a larger `s` is the malleable twin of a valid signature.
/// Big-endian bytes, compared as bytes: the same order as the numbers.
const HALF_ORDER: [u8; 32] = [
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
];

const ECRECOVER: Address = address!("0000000000000000000000000000000000000001");

impl Vault {
    /// Recomputed on each call so a chain fork with a new chain id invalidates old permits.
    pub(crate) fn eip712_domain(&self) -> B256 {
        let name = self.name.get();
        let name_hash = self.vm().native_keccak256(short_string::bytes(&name));
        let fields = [
            DOMAIN_TYPEHASH,
            name_hash.0,
            VERSION_HASH,
            self.vm().chain_id().word().0,
            self.vm().contract_address().word().0,
        ];
        self.vm().native_keccak256(fields.as_flattened())
    }

    /// Checks the signature and consumes the owner's nonce.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn verify_permit(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
        deadline: U256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<(), VaultError> {
        if U256::from(self.vm().block_timestamp()) > deadline {
            return Err(PermitExpired { deadline }.into());
        }
        if s.0 > HALF_ORDER || (v != 27 && v != 28) {
            return Err(InvalidSignature {}.into());
        }
        let nonce = self.nonces.get(owner);
        let permit = [
            PERMIT_TYPEHASH,
            owner.word().0,
            spender.word().0,
            value.word().0,
            nonce.word().0,
            deadline.word().0,
        ];
        let struct_hash = self.vm().native_keccak256(permit.as_flattened());
        // "\x19\x01" ‖ domain separator ‖ struct hash, copied without slicing (see `abi::Word`).
        let domain = self.eip712_domain();
        let mut digest_input = [0u8; 66];
        let bytes = [0x19, 0x01]
            .iter()
            .chain(domain.iter())
            .chain(struct_hash.iter());
        for (to, from) in digest_input.iter_mut().zip(bytes) {
            *to = *from;
        }
        let digest = self.vm().native_keccak256(&digest_input);

        let signer = self.ecrecover(digest, v, r, s);
        if signer.is_zero() {
            return Err(InvalidSignature {}.into());
        }
        if signer != owner {
            return Err(InvalidSigner { signer, owner }.into());
        }
        // Cannot overflow in practice: one increment per signed permit.
        self.nonces.setter(owner).set(nonce + U256::from(1u8));
        Ok(())
    }

    /// The precompile answers nothing for an invalid signature; that reads as the zero signer.
    fn ecrecover(&self, digest: B256, v: u8, r: B256, s: B256) -> Address {
        let input = [digest.0, u64::from(v).word().0, r.0, s.0];
        match static_call(self.vm(), Call::new(), ECRECOVER, input.as_flattened()) {
            Ok(out) => match <[u8; 32]>::try_from(out) {
                Ok(word) => abi::address_in(&word),
                Err(_) => Address::ZERO,
            },
            Err(_) => Address::ZERO,
        }
    }
}
