//! The Solidity fixtures behave on the devnet as the scenarios rely on.

use alloy::primitives::{Address, U256};
use deployer::{
    abi::fixtures::IMockLst, chain::Wallet, deploy::deploy_mock_lst, ops::deposit::permit_token,
};

#[tokio::test(flavor = "multi_thread")]
async fn a_permit_signed_by_the_library_is_accepted_by_the_mock_lst_once() {
    // Given a mock LST on a fresh devnet
    let node = devnet::Devnet::spawn(devnet::Config::ephemeral())
        .await
        .unwrap();
    let signers = node.accounts().signers().to_vec();
    let owner = Wallet::with_signer(&node.endpoint(), signers[2].clone()).unwrap();
    let (token, _) = deploy_mock_lst(&owner, "Mock Lido Staked ETH", "stETH", 18)
        .await
        .unwrap();
    let lst = IMockLst::new(token, owner.provider());
    let spender = Address::repeat_byte(0x42);

    // When the owner signs a permit and it is submitted
    permit_token(&owner, token, spender, U256::from(1_000), "permit")
        .await
        .expect("the permit is accepted");

    // Then the allowance is set and the nonce is spent
    assert_eq!(
        lst.allowance(owner.address(), spender)
            .call()
            .await
            .unwrap(),
        U256::from(1_000)
    );
    assert_eq!(
        lst.nonces(owner.address()).call().await.unwrap(),
        U256::from(1)
    );
    let minted = lst
        .mint(owner.address(), U256::from(5))
        .from(owner.address());
    let _ = minted;
}
