//! The Solidity fixtures compile through foundry-compilers and the solcjs wrapper.

use deployer::{build::workspace_root, solidity};

#[test]
fn mock_lst_compiles_with_its_abi_and_creation_code() {
    let artifacts = solidity::compile(&workspace_root()).expect("test/solidity compiles");

    let lst = artifacts.get("MockLst").expect("MockLst is compiled");
    let functions: Vec<&str> = lst.abi.functions().map(|f| f.name.as_str()).collect();
    for expected in ["mint", "transfer", "transferFrom", "approve", "balanceOf"] {
        assert!(
            functions.contains(&expected),
            "MockLst ABI lacks {expected}: {functions:?}"
        );
    }
    assert!(lst.abi.errors.contains_key("InsufficientBalance"));
    // Solidity creation code starts by setting up the free-memory pointer: PUSH1 <start>
    // PUSH1 0x40 MSTORE (the start is past the immutables, such as the decimals).
    assert!(
        lst.bytecode[0] == 0x60 && lst.bytecode[2..5] == [0x60, 0x40, 0x52],
        "not EVM creation code"
    );
}
