//! EIP-2612 `permit` with an EIP-712 domain bound to this chain and this address.

use alloy_primitives::{address, Address, B256, U256};
use lrt_common::abi::Word;
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
const HALF_ORDER: U256 = U256::from_be_bytes([
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
]);

const ECRECOVER: Address = address!("0000000000000000000000000000000000000001");

impl Vault {
    /// Recomputed on each call so a chain fork with a new chain id invalidates old permits.
    pub(crate) fn eip712_domain(&self) -> B256 {
        let name = self.name.get();
        let name_hash = self.vm().native_keccak256(short_string::bytes(&name));
        let mut data = [0u8; 160];
        data[..32].copy_from_slice(&DOMAIN_TYPEHASH);
        data[32..64].copy_from_slice(name_hash.as_slice());
        data[64..96].copy_from_slice(&VERSION_HASH);
        data[96..128].copy_from_slice(self.vm().chain_id().word().as_slice());
        data[140..160].copy_from_slice(self.vm().contract_address().as_slice());
        self.vm().native_keccak256(&data)
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
        if U256::from_be_bytes(s.0) > HALF_ORDER || (v != 27 && v != 28) {
            return Err(InvalidSignature {}.into());
        }
        let nonce = self.nonces.get(owner);
        let mut permit = [0u8; 192];
        permit[..32].copy_from_slice(&PERMIT_TYPEHASH);
        permit[44..64].copy_from_slice(owner.as_slice());
        permit[76..96].copy_from_slice(spender.as_slice());
        permit[96..128].copy_from_slice(value.word().as_slice());
        permit[128..160].copy_from_slice(nonce.word().as_slice());
        permit[160..192].copy_from_slice(deadline.word().as_slice());
        let mut digest_input = [0u8; 66];
        digest_input[..2].copy_from_slice(&[0x19, 0x01]);
        digest_input[2..34].copy_from_slice(self.eip712_domain().as_slice());
        digest_input[34..].copy_from_slice(self.vm().native_keccak256(&permit).as_slice());
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
        let mut input = [0u8; 128];
        input[..32].copy_from_slice(digest.as_slice());
        input[63] = v;
        input[64..96].copy_from_slice(r.as_slice());
        input[96..].copy_from_slice(s.as_slice());
        match static_call(self.vm(), Call::new(), ECRECOVER, &input) {
            Ok(out) if out.len() == 32 => Address::from_slice(&out[12..]),
            _ => Address::ZERO,
        }
    }
}
