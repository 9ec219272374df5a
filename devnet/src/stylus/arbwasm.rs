//! The ArbWasm precompile at `0x71`: activation and the program queries
//! `cargo stylus check/deploy` and contracts use.

use alloy::sol;
use alloy::sol_types::{SolCall, SolError, SolEvent, SolInterface};
use revm::context::{Block, ContextTr, JournalTr};
use revm::interpreter::{CallInputs, Gas, InstructionResult, InterpreterResult};
use revm::primitives::{Address, B256, Bytes, Log, U256, keccak256};

use super::fragments::{self, FragmentMeter, ProgramCodeError};
use super::params::*;
use super::programs::{
    self, ARB_WASM, NETWORK_FEE_ACCOUNT, ProgramError, ProgramRecord, data_pricer,
};
use super::runtime::Runtime;

sol! {
    interface IArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function stylusVersion() external view returns (uint16 version);
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
        function codehashKeepalive(bytes32 codehash) external payable;
        function codehashAsmSize(bytes32 codehash) external view returns (uint32 size);
        function programVersion(address program) external view returns (uint16 version);
        function programInitGas(address program) external view returns (uint64 gas, uint64 gasWhenCached);
        function programMemoryFootprint(address program) external view returns (uint16 footprint);
        function programTimeLeft(address program) external view returns (uint64 _secs);
        function inkPrice() external view returns (uint32 price);
        function maxStackDepth() external view returns (uint32 depth);
        function freePages() external view returns (uint16 pages);
        function pageGas() external view returns (uint16 gas);
        function pageRamp() external view returns (uint64 ramp);
        function pageLimit() external view returns (uint16 limit);
        function minInitGas() external view returns (uint64 gas, uint64 cached);
        function initCostScalar() external view returns (uint64 percent);
        function expiryDays() external view returns (uint16 _days);
        function keepaliveDays() external view returns (uint16 _days);
        function blockCacheSize() external view returns (uint16 count);

        event ProgramActivated(bytes32 indexed codehash, bytes32 moduleHash, address program, uint256 dataFee, uint16 version);
        event ProgramLifetimeExtended(bytes32 indexed codehash, uint256 dataFee);

        error ProgramNotWasm();
        error ProgramNotActivated();
        error ProgramNeedsUpgrade(uint16 version, uint16 stylusVersion);
        error ProgramExpired(uint64 ageInSeconds);
        error ProgramUpToDate();
        error ProgramKeepaliveTooSoon(uint64 ageInSeconds);
        error ProgramInsufficientValue(uint256 have, uint256 want);
    }
}

use IArbWasm::IArbWasmCalls as Call;

/// Gas of a read-only query: Nitro burns an ArbOS storage read per field.
const QUERY_GAS: u64 = 800;
const DAY: u64 = 24 * 60 * 60;

/// Revert data of a program that cannot run, as Nitro returns it.
pub fn program_error_data(error: ProgramError) -> Bytes {
    match error {
        ProgramError::NotActivated => IArbWasm::ProgramNotActivated {}.abi_encode(),
        ProgramError::NeedsUpgrade {
            version,
            stylus_version,
        } => IArbWasm::ProgramNeedsUpgrade {
            version,
            stylusVersion: stylus_version,
        }
        .abi_encode(),
        ProgramError::Expired { age } => {
            IArbWasm::ProgramExpired { ageInSeconds: age }.abi_encode()
        }
    }
    .into()
}

enum Failure {
    /// A Solidity error: reverts with data, unspent gas returned.
    Revert(Bytes),
    /// A call Nitro's precompile dispatcher refuses before the method runs
    /// (unknown selector, bad arguments, value sent to a view): a revert
    /// without data that consumes all gas.
    Refused,
    /// Anything else: Nitro consumes all gas.
    Halt,
    OutOfGas,
}

impl From<ProgramError> for Failure {
    fn from(error: ProgramError) -> Self {
        Failure::Revert(program_error_data(error))
    }
}

struct Meter {
    gas: Gas,
}

impl FragmentMeter for Meter {
    fn charge(&mut self, gas: u64) -> bool {
        self.gas.record_regular_cost(gas)
    }
}

impl Meter {
    fn burn(&mut self, gas: u64) -> Result<(), Failure> {
        match self.gas.record_regular_cost(gas) {
            true => Ok(()),
            false => Err(Failure::OutOfGas),
        }
    }
}

fn word(value: impl Into<U256>) -> [u8; 32] {
    value.into().to_be_bytes()
}

fn words(values: &[U256]) -> Bytes {
    values
        .iter()
        .flat_map(|v| word(*v))
        .collect::<Vec<u8>>()
        .into()
}

/// Serves a call to `0x71`.
pub fn run<CTX: ContextTr>(
    ctx: &mut CTX,
    runtime: &Runtime,
    inputs: &CallInputs,
) -> InterpreterResult {
    let input = inputs.input.bytes(ctx);
    let mut meter = Meter {
        gas: Gas::new(inputs.gas_limit),
    };
    let outcome = dispatch(ctx, runtime, inputs, &input, &mut meter);
    let (result, output) = match outcome {
        Ok(output) => (InstructionResult::Return, output),
        Err(Failure::Revert(data)) => (InstructionResult::Revert, data),
        Err(Failure::Refused) => {
            meter.gas.spend_all();
            (InstructionResult::Revert, Bytes::new())
        }
        Err(Failure::Halt) => (InstructionResult::PrecompileError, Bytes::new()),
        Err(Failure::OutOfGas) => (InstructionResult::PrecompileOOG, Bytes::new()),
    };
    if !matches!(
        result,
        InstructionResult::Return | InstructionResult::Revert
    ) {
        meter.gas.spend_all();
    }
    InterpreterResult {
        result,
        output,
        gas: meter.gas,
    }
}

fn dispatch<CTX: ContextTr>(
    ctx: &mut CTX,
    runtime: &Runtime,
    inputs: &CallInputs,
    input: &[u8],
    meter: &mut Meter,
) -> Result<Bytes, Failure> {
    let call = Call::abi_decode(input).map_err(|_| Failure::Refused)?;
    let payable = matches!(call, Call::activateProgram(_) | Call::codehashKeepalive(_));
    let value = inputs.call_value();
    if !payable && !value.is_zero() {
        return Err(Failure::Refused);
    }
    if !payable {
        meter.burn(QUERY_GAS)?;
    }
    let now: u64 = ctx.block().timestamp().saturating_to();
    let u = |x: u64| U256::from(x);
    Ok(match call {
        Call::activateProgram(c) => activate(ctx, runtime, inputs.caller, value, c.program, meter)?,
        Call::codehashKeepalive(c) => keepalive(ctx, inputs.caller, value, c.codehash, meter)?,
        Call::stylusVersion(_) => words(&[u(STYLUS_VERSION as u64)]),
        Call::codehashVersion(c) => words(&[u(active(ctx, c.codehash, now)?.version as u64)]),
        Call::codehashAsmSize(c) => words(&[u(active(ctx, c.codehash, now)?.asm_estimate_kb
            as u64
            * 1024)]),
        Call::programVersion(c) => {
            let hash = code_hash(ctx, c.program)?;
            words(&[u(active(ctx, hash, now)?.version as u64)])
        }
        Call::programInitGas(c) => {
            let hash = code_hash(ctx, c.program)?;
            let record = active(ctx, hash, now)?;
            let cached = cached_gas(record.cached_cost);
            words(&[u(init_gas(record.init_cost) + cached), u(cached)])
        }
        Call::programMemoryFootprint(c) => {
            let hash = code_hash(ctx, c.program)?;
            words(&[u(active(ctx, hash, now)?.footprint as u64)])
        }
        Call::programTimeLeft(c) => {
            let hash = code_hash(ctx, c.program)?;
            let age = active(ctx, hash, now)?.age(now);
            words(&[u((EXPIRY_DAYS as u64 * DAY).saturating_sub(age))])
        }
        Call::inkPrice(_) => words(&[u(INK_PRICE as u64)]),
        Call::maxStackDepth(_) => words(&[u(runtime.rules().max_stack_depth() as u64)]),
        Call::freePages(_) => words(&[u(FREE_PAGES as u64)]),
        Call::pageGas(_) => words(&[u(PAGE_GAS as u64)]),
        Call::pageRamp(_) => words(&[u(PAGE_RAMP)]),
        Call::pageLimit(_) => words(&[u(runtime.rules().page_limit() as u64)]),
        Call::minInitGas(_) => words(&[
            u(MIN_INIT_GAS as u64 * MIN_INIT_GAS_UNITS),
            u(MIN_CACHED_INIT_GAS as u64 * MIN_CACHED_GAS_UNITS),
        ]),
        Call::initCostScalar(_) => words(&[u(INIT_COST_SCALAR as u64 * COST_SCALAR_PERCENT)]),
        Call::expiryDays(_) => words(&[u(EXPIRY_DAYS as u64)]),
        Call::keepaliveDays(_) => words(&[u(KEEPALIVE_DAYS as u64)]),
        Call::blockCacheSize(_) => words(&[u(BLOCK_CACHE_SIZE as u64)]),
    })
}

fn code_hash<CTX: ContextTr>(ctx: &mut CTX, address: Address) -> Result<B256, Failure> {
    let hash = ctx
        .journal_mut()
        .code_hash(address)
        .map_err(|_| Failure::Halt)?
        .data;
    Ok(hash)
}

fn active<CTX: ContextTr>(
    ctx: &mut CTX,
    code_hash: B256,
    now: u64,
) -> Result<ProgramRecord, Failure> {
    let record = programs::load(ctx.journal_mut(), code_hash).map_err(|_| Failure::Halt)?;
    Ok(record.check_active(now)?)
}

fn activate<CTX: ContextTr>(
    ctx: &mut CTX,
    runtime: &Runtime,
    caller: Address,
    value: U256,
    program: Address,
    meter: &mut Meter,
) -> Result<Bytes, Failure> {
    meter.burn(ACTIVATION_GAS)?;
    let now: u64 = ctx.block().timestamp().saturating_to();
    let code = ctx
        .journal_mut()
        .code(program)
        .map_err(|_| Failure::Halt)?
        .data;
    let hash = code_hash(ctx, program)?;
    let existing = programs::load(ctx.journal_mut(), hash).map_err(|_| Failure::Halt)?;
    if existing.version == STYLUS_VERSION && !existing.expired(now) {
        return Err(Failure::Revert(
            IArbWasm::ProgramUpToDate {}.abi_encode().into(),
        ));
    }
    let rules = *runtime.rules();
    let wasm = fragments::program_wasm(ctx.journal_mut(), &code, &rules, Some(meter)).map_err(
        |e| match e {
            ProgramCodeError::NotWasm => {
                Failure::Revert(IArbWasm::ProgramNotWasm {}.abi_encode().into())
            }
            ProgramCodeError::OutOfGas => Failure::OutOfGas,
            // Nitro's plain errors: the precompile reverts without data, gas kept.
            other => {
                eprintln!("[stylus] activation of {program} failed: {other}");
                Failure::Revert(Bytes::new())
            }
        },
    )?;
    let info = runtime.activate(hash, &wasm).map_err(|e| {
        eprintln!("[stylus] activation of {program} failed: {e}");
        Failure::Halt
    })?;
    let record = ProgramRecord::new(&info, now);
    let fee = data_pricer::update(ctx.journal_mut(), info.asm_estimate, now)
        .map_err(|_| Failure::Halt)?;
    programs::store(ctx.journal_mut(), hash, record).map_err(|_| Failure::Halt)?;
    pay_data_fee(ctx, caller, value, fee)?;

    let event = IArbWasm::ProgramActivated {
        codehash: hash,
        moduleHash: keccak256(&wasm),
        program,
        dataFee: fee,
        version: STYLUS_VERSION,
    };
    ctx.journal_mut().log(Log {
        address: ARB_WASM,
        data: event.encode_log_data(),
    });
    Ok(
        IArbWasm::activateProgramCall::abi_encode_returns(&IArbWasm::activateProgramReturn {
            version: STYLUS_VERSION,
            dataFee: fee,
        })
        .into(),
    )
}

fn keepalive<CTX: ContextTr>(
    ctx: &mut CTX,
    caller: Address,
    value: U256,
    hash: B256,
    meter: &mut Meter,
) -> Result<Bytes, Failure> {
    meter.burn(QUERY_GAS)?;
    let now: u64 = ctx.block().timestamp().saturating_to();
    let mut record = active(ctx, hash, now)?;
    let age = record.age(now);
    if age < KEEPALIVE_DAYS as u64 * DAY {
        return Err(Failure::Revert(
            IArbWasm::ProgramKeepaliveTooSoon { ageInSeconds: age }
                .abi_encode()
                .into(),
        ));
    }
    let fee = data_pricer::update(ctx.journal_mut(), record.asm_estimate_kb * 1024, now)
        .map_err(|_| Failure::Halt)?;
    pay_data_fee(ctx, caller, value, fee)?;
    record.activated_at = programs::hours_since_arbitrum(now);
    programs::store(ctx.journal_mut(), hash, record).map_err(|_| Failure::Halt)?;
    let event = IArbWasm::ProgramLifetimeExtended {
        codehash: hash,
        dataFee: fee,
    };
    ctx.journal_mut().log(Log {
        address: ARB_WASM,
        data: event.encode_log_data(),
    });
    Ok(Bytes::new())
}

/// The fee goes to the network; whatever was sent beyond it goes back to the caller.
fn pay_data_fee<CTX: ContextTr>(
    ctx: &mut CTX,
    caller: Address,
    value: U256,
    fee: U256,
) -> Result<(), Failure> {
    if value < fee {
        return Err(Failure::Revert(
            IArbWasm::ProgramInsufficientValue {
                have: value,
                want: fee,
            }
            .abi_encode()
            .into(),
        ));
    }
    let journal = ctx.journal_mut();
    for (to, amount) in [(NETWORK_FEE_ACCOUNT, fee), (caller, value - fee)] {
        if amount.is_zero() {
            continue;
        }
        match journal.transfer(ARB_WASM, to, amount) {
            Ok(None) => {}
            _ => return Err(Failure::Halt),
        }
    }
    Ok(())
}
