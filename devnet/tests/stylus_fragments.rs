//! ArbOS 60+ programs too large for one account: fragments (`EF F0 01`) behind
//! a root (`EF F0 02`) that activation merges, up to `MaxFragmentCount` (2).
//! Before ArbOS 60 neither prefix may even be deployed.

use crate::stylus_support::{TestChain, output, wat};
use devnet::evm::ExecutionResult;
use devnet::stylus::Rules;
use devnet::stylus::fragments::{Root, split};
use devnet::stylus::{compress, deploy_initcode};
use revm::primitives::{Address, TxKind, U256};

/// EIP-170: no account code over 24 KiB.
const MAX_CODE_SIZE: usize = 24_576;

/// Deterministic incompressible bytes (xorshift).
fn noise(len: usize) -> Vec<u8> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

/// A program carrying `data` in a data segment at 1024; it returns the byte at
/// the offset given by its 4-byte calldata.
fn big_program(data: &[u8]) -> Vec<u8> {
    let escaped: String = data.iter().map(|b| format!("\\{b:02x}")).collect();
    wat(&format!(
        r#"(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (memory (export "memory") 2)
  (data (i32.const 1024) "{escaped}")
  (func (export "user_entrypoint") (param i32) (result i32)
    (call $read_args (i32.const 0))
    (call $write_result (i32.add (i32.const 1024) (i32.load (i32.const 0))) (i32.const 1))
    (i32.const 0)))"#
    ))
}

fn deploy_code(chain: &mut TestChain, code: &[u8]) -> Option<Address> {
    match chain.send(
        TxKind::Create,
        deploy_initcode(code),
        U256::ZERO,
        30_000_000,
    ) {
        ExecutionResult::Success { output, .. } => output.address().copied(),
        _ => None,
    }
}

/// Deploys `wasm` as `count` fragments and a root naming them; returns the root.
fn deploy_fragmented(chain: &mut TestChain, wasm: &[u8], count: usize) -> Address {
    let fragments = split(wasm, count)
        .iter()
        .map(|code| {
            assert!(
                code.len() <= MAX_CODE_SIZE,
                "fragment of {} bytes",
                code.len()
            );
            deploy_code(chain, code).expect("fragment deploys")
        })
        .collect();
    let root = Root {
        dictionary: 0,
        decompressed_len: wasm.len() as u32,
        fragments,
    };
    deploy_code(chain, &root.code()).expect("root deploys")
}

#[test]
fn a_program_over_one_account_runs_from_two_fragments_behind_a_root() {
    let mut chain = TestChain::new();
    let data = noise(36_000);
    let wasm = big_program(&data);
    assert!(compress(&wasm).len() > MAX_CODE_SIZE, "needs fragments");
    let root = deploy_fragmented(&mut chain, &wasm, 2);

    let activation = chain.activate(root);
    let byte = chain.call(root, 35_999u32.to_le_bytes().to_vec());

    assert!(activation.is_success(), "{activation:?}");
    assert_eq!(output(&byte).as_ref(), &[data[35_999]], "{byte:?}");
}

#[test]
fn more_fragments_than_the_limit_are_refused() {
    let mut chain = TestChain::new();
    let root = deploy_fragmented(&mut chain, &big_program(&noise(36_000)), 3);

    let activation = chain.activate(root);

    assert!(!activation.is_success(), "{activation:?}");
    assert!(!chain.call(root, vec![0; 4]).is_success());
}

#[test]
fn a_fragment_cannot_be_activated_on_its_own() {
    let mut chain = TestChain::new();
    let fragment = split(&big_program(&noise(1_000)), 1).remove(0);
    let address = deploy_code(&mut chain, &fragment).expect("fragment deploys");

    let activation = chain.activate(address);

    assert!(
        matches!(activation, ExecutionResult::Revert { .. }),
        "{activation:?}"
    );
}

#[test]
fn before_arbos_60_fragments_and_roots_cannot_be_deployed() {
    let mut chain = TestChain::with_rules(Rules::new(51, false).expect("supported"));
    let fragment = split(&big_program(&noise(1_000)), 1).remove(0);

    assert_eq!(deploy_code(&mut chain, &fragment), None, "EIP-3541 applies");
}
