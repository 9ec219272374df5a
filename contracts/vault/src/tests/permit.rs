use alloy_primitives::{keccak256, B256};
use alloy_sol_types::{eip712_domain, sol, SolStruct};
use k256::ecdsa::SigningKey;

use super::*;
use crate::{errors::*, events::Approval, testing::VAULT};

sol! {
    struct Permit { address owner; address spender; uint256 value; uint256 nonce; uint256 deadline; }
}

pub(super) struct Signed {
    pub owner: Address,
    pub v: u8,
    pub r: B256,
    pub s: B256,
}

pub(super) fn key(seed: &str) -> SigningKey {
    SigningKey::from_slice(keccak256(seed).as_slice()).expect("valid key")
}

/// Signs with alloy's own EIP-712 implementation, independent of the vault's.
pub(super) fn sign(
    w: &World,
    key: &SigningKey,
    spender: Address,
    value: U256,
    nonce: U256,
    deadline: U256,
) -> Signed {
    let owner = Address::from_public_key(key.verifying_key());
    let domain = eip712_domain! {
        name: "Restaked ETH",
        version: "1",
        chain_id: w.chain.vm.chain_id(),
        verifying_contract: VAULT,
    };
    let permit = Permit {
        owner,
        spender,
        value,
        nonce,
        deadline,
    };
    let digest = permit.eip712_signing_hash(&domain);
    let (sig, recid) = key
        .sign_prehash_recoverable(digest.as_slice())
        .expect("signs");
    let bytes = sig.to_bytes();
    Signed {
        owner,
        v: 27 + u8::from(recid.is_y_odd()),
        r: B256::from_slice(&bytes[..32]),
        s: B256::from_slice(&bytes[32..]),
    }
}

#[test]
fn domain_separator_matches_eip712() {
    let w = given_vault();
    let domain = eip712_domain! {
        name: "Restaked ETH",
        version: "1",
        chain_id: w.chain.vm.chain_id(),
        verifying_contract: VAULT,
    };
    assert_eq!(w.vault.domain_separator(), domain.separator());
}

#[test]
fn valid_permit_sets_the_allowance_and_consumes_the_nonce() {
    let mut w = given_vault();
    let deadline = U256::from(u64::MAX);
    let p = sign(&w, &key("alice"), BOB, e18(3), U256::ZERO, deadline);
    assert_eq!(
        w.by(BOB)
            .permit(p.owner, BOB, e18(3), deadline, p.v, p.r, p.s),
        Ok(())
    );
    assert_eq!(w.vault.allowance(p.owner, BOB), e18(3));
    assert_eq!(w.vault.nonces(p.owner), u(1));
    assert_eq!(w.last::<Approval>().owner, p.owner);
}

#[test]
fn replayed_permit_reverts() {
    let mut w = given_vault();
    let deadline = U256::from(u64::MAX);
    let p = sign(&w, &key("alice"), BOB, e18(3), U256::ZERO, deadline);
    w.by(BOB)
        .permit(p.owner, BOB, e18(3), deadline, p.v, p.r, p.s)
        .unwrap();
    let again = w
        .by(BOB)
        .permit(p.owner, BOB, e18(3), deadline, p.v, p.r, p.s);
    assert!(matches!(again, Err(VaultError::InvalidSigner(_))));
}

#[test]
fn expired_permit_reverts() {
    let mut w = given_vault();
    let deadline = U256::from(w.chain.vm.block_timestamp() - 1);
    let p = sign(&w, &key("alice"), BOB, e18(3), U256::ZERO, deadline);
    let err = w
        .by(BOB)
        .permit(p.owner, BOB, e18(3), deadline, p.v, p.r, p.s);
    assert_eq!(err, Err(PermitExpired { deadline }.into()));
}

#[test]
fn malleable_high_s_twin_is_rejected() {
    let mut w = given_vault();
    let deadline = U256::from(u64::MAX);
    let p = sign(&w, &key("alice"), BOB, e18(3), U256::ZERO, deadline);
    // The secp256k1 group order.
    let order: U256 = "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"
        .parse()
        .unwrap();
    let high_s = B256::from(order - U256::from_be_bytes(p.s.0));
    let flipped_v = if p.v == 27 { 28 } else { 27 };
    let err = w
        .by(BOB)
        .permit(p.owner, BOB, e18(3), deadline, flipped_v, p.r, high_s);
    assert_eq!(err, Err(InvalidSignature {}.into()));
}

#[test]
fn bad_v_and_unrecoverable_signatures_are_rejected() {
    let mut w = given_vault();
    let deadline = U256::from(u64::MAX);
    let p = sign(&w, &key("alice"), BOB, e18(3), U256::ZERO, deadline);
    assert_eq!(
        w.by(BOB)
            .permit(p.owner, BOB, e18(3), deadline, 29, p.r, p.s),
        Err(InvalidSignature {}.into())
    );
    let zero = w.by(BOB).permit(
        Address::ZERO,
        BOB,
        e18(3),
        deadline,
        27,
        B256::ZERO,
        B256::ZERO,
    );
    assert_eq!(
        zero,
        Err(InvalidSignature {}.into()),
        "a zero signer never authorises anything"
    );
}

#[test]
fn permit_signed_by_someone_else_reverts() {
    let mut w = given_vault();
    let deadline = U256::from(u64::MAX);
    let mallory = sign(&w, &key("mallory"), BOB, e18(3), U256::ZERO, deadline);
    let err = w.by(BOB).permit(
        ALICE,
        BOB,
        e18(3),
        deadline,
        mallory.v,
        mallory.r,
        mallory.s,
    );
    assert!(matches!(err, Err(VaultError::InvalidSigner(e)) if e.owner == ALICE));
}
