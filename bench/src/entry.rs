//! The fixed cost of entering each program, three ways: Nitro's formulas applied to the WASM
//! ([`crate::nitro`]), what the devnet charges (its ArbWasm answers), and a transaction that
//! calls a one-line view (receipt gas − 21,000 intrinsic), beside the same view on Solidity.

use std::collections::{HashMap, hash_map::Entry};

use alloy::{
    primitives::{Address, B256, keccak256},
    providers::Provider,
    sol,
};
use anyhow::{Context, Result};
use deployer::{
    abi::{
        fixtures::IMockLst,
        lrt::{IHub, IVault, IWithdrawalQueue},
        stylus::ARB_WASM,
    },
    output::Table,
};
use devnet::stylus::params::memory_gas;

use crate::{
    group,
    nitro::{EntryGas, ModuleShape},
    setup::Bench,
};

sol! {
    #[sol(rpc)]
    interface ArbWasmCosts {
        function programInitGas(address program) external view returns (uint64 gas, uint64 gasWhenCached);
        function programMemoryFootprint(address program) external view returns (uint16 footprint);
    }
}

const INTRINSIC: u64 = 21_000;

pub struct Program {
    pub name: &'static str,
    pub shape: ModuleShape,
    pub nitro: EntryGas,
    /// What the devnet charges on entry (memory + init + cached), first call of a transaction.
    pub devnet: u64,
    /// Receipt gas − 21,000 of a transaction calling a view that reads one storage word.
    pub view_call: u64,
}

pub struct Entries {
    pub hub: Program,
    pub vault: Program,
    pub queue: Program,
    /// The same views on Solidity: OZ vault `decimals()`, the mock token `decimals()`.
    pub oz_view_call: u64,
    pub token_view_call: u64,
}

pub async fn measure(bench: &Bench) -> Result<Entries> {
    let w = &bench.admin.wallet;
    let p = w.provider();
    let ours = &bench.ours;
    let hub_address = bench.admin.manifest.hub.address;

    let devnet_entry = async |program: Address| -> Result<u64> {
        let costs = ArbWasmCosts::new(ARB_WASM, p);
        let init = costs.programInitGas(program).call().await?;
        let pages = costs.programMemoryFootprint(program).call().await?;
        Ok(init.gas + memory_gas(pages, 0, 0))
    };
    let program = async |name, wasm: &[u8], address, view_call| -> Result<Program> {
        let shape = ModuleShape::of(wasm)?;
        Ok(Program {
            name,
            shape,
            nitro: shape.entry_gas(),
            devnet: devnet_entry(address).await?,
            view_call,
        })
    };

    let vault_view = w
        .send(IVault::new(ours.vault, p).decimals(), "vault decimals()")
        .await?
        .gas_used;
    let queue_view = w
        .send(
            IWithdrawalQueue::new(ours.queue, p).withdrawalDelay(),
            "queue withdrawalDelay()",
        )
        .await?
        .gas_used;
    let hub_view = w
        .send(
            IHub::new(hub_address, p).deallocationDelay(),
            "hub deallocationDelay()",
        )
        .await?
        .gas_used;
    let oz_view = w
        .send(
            IVault::new(bench.baseline.vault, p).decimals(),
            "OZ decimals()",
        )
        .await?
        .gas_used;
    let token_view = w
        .send(IMockLst::new(ours.token, p).decimals(), "token decimals()")
        .await?
        .gas_used;

    let programs = &bench.programs;
    Ok(Entries {
        hub: program("hub", &programs.hub, hub_address, hub_view - INTRINSIC).await?,
        vault: program("vault", &programs.vault, ours.vault, vault_view - INTRINSIC).await?,
        queue: program("queue", &programs.queue, ours.queue, queue_view - INTRINSIC).await?,
        oz_view_call: oz_view - INTRINSIC,
        token_view_call: token_view - INTRINSIC,
    })
}

pub fn print(entries: &Entries) {
    let mut table = Table::new([
        "program",
        "WASM bytes",
        "funcs",
        "data bytes",
        "pages",
        "Nitro memory",
        "Nitro init",
        "Nitro cached",
        "Nitro entry",
        "devnet entry",
        "view call",
    ])
    .titled("fixed cost of entering each program (first Stylus call of a transaction)");
    for p in [&entries.vault, &entries.queue, &entries.hub] {
        table.row([
            p.name.to_string(),
            group(p.shape.wasm_len),
            group(p.shape.funcs),
            group(p.shape.data_len),
            p.shape.footprint.to_string(),
            group(p.nitro.memory),
            group(p.nitro.init),
            group(p.nitro.cached),
            group(p.nitro.total()),
            group(p.devnet),
            group(p.view_call),
        ]);
    }
    print!("{}", table.render());
    println!(
        "view call = receipt gas − 21,000 of a transaction calling decimals()/withdrawalDelay()/\n\
         deallocationDelay(); the same on the OZ vault: {}, on the mock token: {}.\n",
        group(entries.oz_view_call),
        group(entries.token_view_call)
    );

    let (v, q, h) = (&entries.vault, &entries.queue, &entries.hub);
    let ops: [(&str, Vec<&Program>); 5] = [
        ("deposit, mint, transfer, approve, permit", vec![v]),
        ("requestRedeem: queue → vault", vec![q, v]),
        ("claim: queue → vault", vec![q, v]),
        ("delegate: hub → vault", vec![h, v]),
        ("slash, 1 vault: hub → vault ×2", vec![h, v, v]),
    ];
    let mut table = Table::new(["operation: Stylus entries", "Nitro (ArbOS 61)"])
        .titled("entry cost inside each operation (callees entered from the first program)");
    for (name, path) in ops {
        table.row([name.to_string(), group(path_cost(&path))]);
    }
    let one = path_cost(&[h, v, v]);
    let two = path_cost(&[h, v, v, v, v]);
    table.row([
        "slash, per extra vault: vault ×2".to_string(),
        group(two - one),
    ]);
    print!("{}", table.render());
    println!(
        "Nitro prices a nested program's memory with the transaction's open pages \
         (MemoryModel.GasCost(footprint, open, ever)),\nand from ArbOS 60 a program already \
         run in the block pays no init gas; the devnet charges by the same rules.\n"
    );
}

/// Nitro's entry gas of calling `path[0]`, which calls each of `path[1..]` in turn, in a
/// transaction alone in its block.
fn path_cost(path: &[&Program]) -> u64 {
    let first = path[0];
    let open = first.shape.footprint;
    let mut ever = open;
    let mut nitro = first.nitro.total();
    for (at, callee) in path.iter().enumerate().skip(1) {
        let pages = callee.shape.footprint;
        let recent = path[..at].iter().any(|p| p.name == callee.name);
        nitro += callee.nitro.cached + callee.shape.nested_memory_gas(open, ever);
        if !recent {
            nitro += callee.nitro.init;
        }
        ever = ever.max(open + pages);
    }
    nitro
}

/// Nitro's entry gas inside transaction `hash`: its call tree (`callTracer`) walked in order,
/// every frame that runs one of our programs paying its memory (priced with the pages its
/// Stylus callers hold open), its cached gas, and its init gas unless the program (by code
/// hash: the 32 vaults are one program) already ran in the transaction. Each measured
/// transaction is alone in its block, so nothing is in ArbOS's recent-programs cache before it.
pub async fn entry_gas_in(bench: &Bench, entries: &Entries, hash: B256) -> Result<u64> {
    let p = bench.admin.wallet.provider();
    let tree: serde_json::Value = p
        .raw_request(
            "debug_traceTransaction".into(),
            (hash, serde_json::json!({ "tracer": "callTracer" })),
        )
        .await
        .context("tracing a measured transaction")?;
    let hub_address = bench.admin.manifest.hub.address;
    let mut by_code = HashMap::new();
    for (address, program) in [
        (bench.ours.vault, &entries.vault),
        (bench.ours.queue, &entries.queue),
        (hub_address, &entries.hub),
    ] {
        by_code.insert(keccak256(p.get_code_at(address).await?), program);
    }
    let mut callees = Vec::new();
    collect_callees(&tree, &mut callees);
    let mut program_at: HashMap<Address, Option<&Program>> = HashMap::new();
    for address in callees {
        if let Entry::Vacant(slot) = program_at.entry(address) {
            let code = keccak256(p.get_code_at(address).await?);
            slot.insert(by_code.get(&code).copied());
        }
    }
    let mut walk = EntryWalk {
        program_at: &program_at,
        ran: Vec::new(),
        open: 0,
        ever: 0,
        gas: 0,
    };
    walk.frame(&tree);
    Ok(walk.gas)
}

fn collect_callees(frame: &serde_json::Value, out: &mut Vec<Address>) {
    if let Some(to) = frame["to"].as_str().and_then(|to| to.parse().ok()) {
        out.push(to);
    }
    for call in frame["calls"].as_array().into_iter().flatten() {
        collect_callees(call, out);
    }
}

struct EntryWalk<'a> {
    program_at: &'a HashMap<Address, Option<&'a Program>>,
    /// Programs already run in the transaction (they pay no init gas again).
    ran: Vec<&'static str>,
    /// Stylus pages held open by the frames on the stack, and the most ever open at once.
    open: u16,
    ever: u16,
    gas: u64,
}

impl EntryWalk<'_> {
    fn frame(&mut self, frame: &serde_json::Value) {
        let to: Option<Address> = frame["to"].as_str().and_then(|to| to.parse().ok());
        let program = to.and_then(|to| self.program_at.get(&to).copied().flatten());
        let pages = program.map_or(0, |p| p.shape.footprint);
        if let Some(program) = program {
            self.gas +=
                program.nitro.cached + program.shape.nested_memory_gas(self.open, self.ever);
            if !self.ran.contains(&program.name) {
                self.gas += program.nitro.init;
                self.ran.push(program.name);
            }
            self.open += pages;
            self.ever = self.ever.max(self.open);
        }
        for call in frame["calls"].as_array().into_iter().flatten() {
            self.frame(call);
        }
        self.open -= pages;
    }
}
