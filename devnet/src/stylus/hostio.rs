//! The `vm_hooks` and `console` host functions, priced in ink as Nitro prices them
//! (arbutil/src/pricing.rs, wasm-libraries/user-host-trait).
//!
//! Hostios that only touch the program's own data run inline. Those that need
//! the chain (storage misses, flushes, calls, logs, other accounts) stop the
//! WASM with a [`Request`] as a resumable host trap; the frame serves it with
//! revm's journal and resumes, so sub-calls run in revm's frame loop instead of
//! native recursion.

use std::collections::HashMap;

use revm::primitives::{Address, B256, Bytes, U256, keccak256};
use wasmi::{Caller, Error, Linker, Memory, StoreLimits, ValType};

use super::hostio_trace::HostioTrace;
use super::meter::InkMeter;
use super::params::{INK_PRICE, gas_to_ink};

/// Registers a `vm_hooks` hostio. Under a tracer its ink before and after is recorded
/// (one that suspends for the chain ends when served); otherwise it costs one check.
macro_rules! hostio {
    ($linker:expr, $name:expr, |$c:ident $(, $arg:ident : $ty:ty)*| $body:expr $(,)?) => {
        $linker.func_wrap("vm_hooks", $name, move |mut $c: Ctx<'_> $(, $arg: $ty)*| {
            let start = traced_ink(&$c);
            #[allow(clippy::redundant_closure_call)]
            let result = (|| $body)();
            if let Some(start) = start {
                record(&mut $c, $name, start, &result);
            }
            result
        })
    };
}

const HOSTIO_INK: u64 = 8400;
const PTR_INK: u64 = 13440 - HOSTIO_INK;
const EVM_API_INK: u64 = 59673;
const DIV_INK: u64 = 20000;
const MUL_MOD_INK: u64 = 24100;
const ADD_MOD_INK: u64 = 21000;

/// Per-call facts a program can read (Nitro's `EvmData`).
#[derive(Clone, Debug, Default)]
pub struct Env {
    pub contract: Address,
    pub sender: Address,
    pub value: U256,
    pub origin: Address,
    pub gas_price: U256,
    pub basefee: U256,
    pub coinbase: Address,
    pub block_gas_limit: u64,
    pub block_number: u64,
    pub timestamp: u64,
    pub chain_id: u64,
    pub reentrant: bool,
}

/// A storage slot as the program sees it; `known` is the value in the journal if read.
#[derive(Clone, Copy, Debug)]
pub struct CachedSlot {
    pub value: B256,
    pub known: Option<B256>,
}

/// Nitro's per-call storage cache: writes stay here until flushed.
#[derive(Debug, Default)]
pub struct StorageCache {
    pub slots: HashMap<B256, CachedSlot>,
    reads: usize,
    writes: usize,
}

impl StorageCache {
    fn read_gas(&mut self) -> u64 {
        self.reads += 1;
        match self.reads {
            0..=32 => 0,
            33..=128 => 2,
            _ => 10,
        }
    }

    fn write_gas(&mut self) -> u64 {
        self.writes += 1;
        match self.writes {
            0..=8 => 0,
            9..=64 => 7,
            _ => 10,
        }
    }

    /// Marks every dirty slot as written and returns them.
    pub fn take_dirty(&mut self, clear: bool) -> Vec<(B256, B256)> {
        let mut dirty = Vec::new();
        for (key, slot) in self.slots.iter_mut() {
            if slot.known != Some(slot.value) {
                dirty.push((*key, slot.value));
                slot.known = Some(slot.value);
            }
        }
        if clear {
            self.slots.clear();
        }
        dirty
    }
}

/// The store data of one running program.
#[derive(Debug, Default)]
pub struct HostState {
    pub env: Env,
    pub args: Bytes,
    pub outs: Vec<u8>,
    pub return_data: Bytes,
    pub memory: Option<Memory>,
    pub cache: StorageCache,
    pub limits: StoreLimits,
    /// The program's ink meter (every activated module has one).
    pub meter: Option<InkMeter>,
    /// The hostios called so far, when a tracer asked for them.
    pub trace: Option<HostioTrace>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    Call,
    Delegate,
    Static,
}

/// Why a program stopped before returning from its entrypoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// `exit_early(status)`: 0 returns the written result, anything else reverts with it.
    Early(u32),
    OutOfInk,
    /// A hostio was misused (bad pointer, bad topic count...); Nitro reverts the call.
    Failure(String),
}

/// A hostio that needs the chain; carried out of the WASM by a host trap.
#[derive(Clone, Debug)]
pub enum Request {
    StorageLoad {
        key: B256,
        dest: u32,
    },
    StorageFlush {
        clear: bool,
    },
    TransientLoad {
        key: B256,
        dest: u32,
    },
    TransientStore {
        key: B256,
        value: B256,
    },
    Call {
        kind: CallKind,
        to: Address,
        input: Bytes,
        value: U256,
        gas: u64,
        ret_len: u32,
    },
    Create {
        code: Bytes,
        value: U256,
        salt: Option<B256>,
        address_out: u32,
        ret_len: u32,
    },
    Log {
        topics: Vec<B256>,
        data: Bytes,
    },
    Balance {
        address: Address,
        dest: u32,
    },
    Code {
        address: Address,
        offset: u32,
        size: u32,
        dest: u32,
    },
    CodeSize {
        address: Address,
    },
    CodeHash {
        address: Address,
        dest: u32,
    },
    Exit(Exit),
}

impl std::fmt::Display for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "stylus host request {self:?}")
    }
}

impl wasmi::errors::HostError for Request {}

fn stop(exit: Exit) -> Error {
    Error::host(Request::Exit(exit))
}

fn request(req: Request) -> Error {
    Error::host(req)
}

type Ctx<'a> = Caller<'a, HostState>;

/// Takes `ink` from the program's meter, or stops it out of ink.
pub fn buy_ink(caller: &mut Ctx<'_>, ink: u64) -> Result<(), Error> {
    let Some(meter) = caller.data().meter else {
        return Err(stop(Exit::OutOfInk));
    };
    let left = meter.ink(&*caller);
    if ink > left {
        meter.exhaust(caller);
        return Err(stop(Exit::OutOfInk));
    }
    meter.set_ink(caller, left - ink);
    Ok(())
}

pub fn buy_gas(caller: &mut Ctx<'_>, gas: u64) -> Result<(), Error> {
    buy_ink(caller, gas_to_ink(gas))
}

pub fn gas_left(caller: &Ctx<'_>) -> Result<u64, Error> {
    Ok(ink_left(caller)? / INK_PRICE as u64)
}

fn ink_left(caller: &Ctx<'_>) -> Result<u64, Error> {
    Ok(caller.data().meter.map_or(0, |meter| meter.ink(caller)))
}

fn traced_ink(caller: &Ctx<'_>) -> Option<u64> {
    caller
        .data()
        .trace
        .is_some()
        .then(|| ink_left(caller).unwrap_or(0))
}

fn record<T>(caller: &mut Ctx<'_>, name: &'static str, start_ink: u64, result: &Result<T, Error>) {
    let end_ink = ink_left(caller).unwrap_or(0);
    let suspends = match result {
        Err(error) => error
            .downcast_ref::<Request>()
            .is_some_and(|request| !matches!(request, Request::Exit(_))),
        Ok(_) => false,
    };
    if let Some(trace) = caller.data_mut().trace.as_mut() {
        match suspends {
            true => trace.suspended(name, start_ink),
            false => trace.finished(name, start_ink, end_ink),
        }
    }
}

/// Stops the program out of ink unless `gas` is left (Nitro's `require_gas`).
fn require_gas(caller: &Ctx<'_>, gas: u64) -> Result<(), Error> {
    if gas_left(caller)? < gas {
        return Err(stop(Exit::OutOfInk));
    }
    Ok(())
}

fn pay_for_read(caller: &mut Ctx<'_>, bytes: u32) -> Result<(), Error> {
    buy_ink(caller, 16381 + 55 * bytes.saturating_sub(32) as u64)
}

fn pay_for_write(caller: &mut Ctx<'_>, bytes: u32) -> Result<(), Error> {
    buy_ink(caller, 5040 + 30 * bytes.saturating_sub(32) as u64)
}

fn memory(caller: &Ctx<'_>) -> Result<Memory, Error> {
    caller
        .data()
        .memory
        .ok_or_else(|| stop(Exit::Failure("program has no memory".into())))
}

pub fn read(caller: &Ctx<'_>, ptr: u32, len: u32) -> Result<Vec<u8>, Error> {
    let mut buf = vec![0; len as usize];
    memory(caller)?
        .read(caller, ptr as usize, &mut buf)
        .map_err(|_| {
            stop(Exit::Failure(format!(
                "read of {len} bytes at {ptr} is out of bounds"
            )))
        })?;
    Ok(buf)
}

fn read_fixed<const N: usize>(caller: &Ctx<'_>, ptr: u32) -> Result<[u8; N], Error> {
    let mut buf = [0; N];
    memory(caller)?
        .read(caller, ptr as usize, &mut buf)
        .map_err(|_| {
            stop(Exit::Failure(format!(
                "read of {N} bytes at {ptr} is out of bounds"
            )))
        })?;
    Ok(buf)
}

fn read_b256(caller: &Ctx<'_>, ptr: u32) -> Result<B256, Error> {
    read_fixed::<32>(caller, ptr).map(B256::from)
}

fn read_address(caller: &Ctx<'_>, ptr: u32) -> Result<Address, Error> {
    read_fixed::<20>(caller, ptr).map(Address::from)
}

pub fn write(caller: &mut Ctx<'_>, ptr: u32, data: &[u8]) -> Result<(), Error> {
    let mem = memory(caller)?;
    mem.write(caller, ptr as usize, data).map_err(|_| {
        stop(Exit::Failure(format!(
            "write of {} bytes at {ptr} is out of bounds",
            data.len()
        )))
    })
}

/// Type of every host function a program may import, by module and name.
pub fn import_signature(
    module: &str,
    name: &str,
) -> Option<(&'static [ValType], &'static [ValType])> {
    use ValType::{F32, F64, I32, I64};
    const NONE: &[ValType] = &[];
    let sig: (&[ValType], &[ValType]) = match (module, name) {
        ("vm_hooks", "read_args") => (&[I32], NONE),
        ("vm_hooks", "write_result") => (&[I32, I32], NONE),
        ("vm_hooks", "exit_early") => (&[I32], NONE),
        ("vm_hooks", "storage_load_bytes32") => (&[I32, I32], NONE),
        ("vm_hooks", "storage_cache_bytes32") => (&[I32, I32], NONE),
        ("vm_hooks", "storage_flush_cache") => (&[I32], NONE),
        ("vm_hooks", "transient_load_bytes32") => (&[I32, I32], NONE),
        ("vm_hooks", "transient_store_bytes32") => (&[I32, I32], NONE),
        ("vm_hooks", "call_contract") => (&[I32, I32, I32, I32, I64, I32], &[I32]),
        ("vm_hooks", "delegate_call_contract") => (&[I32, I32, I32, I64, I32], &[I32]),
        ("vm_hooks", "static_call_contract") => (&[I32, I32, I32, I64, I32], &[I32]),
        ("vm_hooks", "create1") => (&[I32, I32, I32, I32, I32], NONE),
        ("vm_hooks", "create2") => (&[I32, I32, I32, I32, I32, I32], NONE),
        ("vm_hooks", "read_return_data") => (&[I32, I32, I32], &[I32]),
        ("vm_hooks", "return_data_size") => (NONE, &[I32]),
        ("vm_hooks", "emit_log") => (&[I32, I32, I32], NONE),
        ("vm_hooks", "account_balance") => (&[I32, I32], NONE),
        ("vm_hooks", "account_code") => (&[I32, I32, I32, I32], &[I32]),
        ("vm_hooks", "account_code_size") => (&[I32], &[I32]),
        ("vm_hooks", "account_codehash") => (&[I32, I32], NONE),
        ("vm_hooks", "evm_gas_left") => (NONE, &[I64]),
        ("vm_hooks", "evm_ink_left") => (NONE, &[I64]),
        ("vm_hooks", "block_basefee") => (&[I32], NONE),
        ("vm_hooks", "chainid") => (NONE, &[I64]),
        ("vm_hooks", "block_coinbase") => (&[I32], NONE),
        ("vm_hooks", "block_gas_limit") => (NONE, &[I64]),
        ("vm_hooks", "block_number") => (NONE, &[I64]),
        ("vm_hooks", "block_timestamp") => (NONE, &[I64]),
        ("vm_hooks", "contract_address") => (&[I32], NONE),
        ("vm_hooks", "math_div" | "math_mod" | "math_pow") => (&[I32, I32], NONE),
        ("vm_hooks", "math_add_mod" | "math_mul_mod") => (&[I32, I32, I32], NONE),
        ("vm_hooks", "msg_reentrant") => (NONE, &[I32]),
        ("vm_hooks", "msg_sender") => (&[I32], NONE),
        ("vm_hooks", "msg_value") => (&[I32], NONE),
        ("vm_hooks", "native_keccak256") => (&[I32, I32, I32], NONE),
        ("vm_hooks", "tx_gas_price") => (&[I32], NONE),
        ("vm_hooks", "tx_ink_price") => (NONE, &[I32]),
        ("vm_hooks", "tx_origin") => (&[I32], NONE),
        ("vm_hooks", "pay_for_memory_grow") => (&[I32], NONE),
        ("console", "log_txt") => (&[I32, I32], NONE),
        ("console", "log_i32") => (&[I32], NONE),
        ("console", "log_i64") => (&[I64], NONE),
        ("console", "log_f32") => (&[F32], NONE),
        ("console", "log_f64") => (&[F64], NONE),
        ("console", "tee_i32") => (&[I32], &[I32]),
        ("console", "tee_i64") => (&[I64], &[I64]),
        ("console", "tee_f32") => (&[F32], &[F32]),
        ("console", "tee_f64") => (&[F64], &[F64]),
        _ => return None,
    };
    Some(sig)
}

fn say(text: impl std::fmt::Display) {
    eprintln!("[stylus] {text}");
}

fn word(value: U256) -> [u8; 32] {
    value.to_be_bytes()
}

/// Registers every host function in `linker`.
pub fn link(linker: &mut Linker<HostState>) -> Result<(), Error> {
    link_io(linker)?;
    link_storage(linker)?;
    link_calls(linker)?;
    link_accounts(linker)?;
    link_env(linker)?;
    link_math(linker)?;
    link_console(linker)
}

fn link_io(linker: &mut Linker<HostState>) -> Result<(), Error> {
    hostio!(linker, "read_args", |c, ptr: u32| {
        buy_ink(&mut c, HOSTIO_INK)?;
        let args = c.data().args.clone();
        pay_for_write(&mut c, args.len() as u32)?;
        write(&mut c, ptr, &args)
    })?;
    hostio!(linker, "write_result", |c, ptr: u32, len: u32| {
        buy_ink(&mut c, HOSTIO_INK)?;
        pay_for_read(&mut c, len)?;
        pay_for_read(&mut c, len)?;
        let outs = read(&c, ptr, len)?;
        c.data_mut().outs = outs;
        Ok(())
    })?;
    hostio!(linker, "exit_early", |c, status: u32| {
        Err::<(), _>(stop(Exit::Early(status)))
    })?;
    hostio!(
        linker,
        "read_return_data",
        |c, dest: u32, offset: u32, size: u32| {
            buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
            let data = c.data().return_data.clone();
            let max = (data.len() as u32).saturating_sub(offset);
            pay_for_write(&mut c, size.min(max))?;
            if max == 0 {
                return Ok(0u32);
            }
            let start = offset as usize;
            let end = (offset.saturating_add(size) as usize).min(data.len());
            write(&mut c, dest, &data[start..end])?;
            Ok((end - start) as u32)
        },
    )?;
    hostio!(linker, "return_data_size", |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        Ok(c.data().return_data.len() as u32)
    })?;
    hostio!(linker, "emit_log", |c, ptr: u32, len: u32, topics: u32| {
        buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
        if topics > 4 || len < topics * 32 {
            return Err::<(), _>(stop(Exit::Failure("bad topic data".into())));
        }
        pay_for_read(&mut c, len)?;
        let data_len = (len - topics * 32) as u64;
        buy_gas(&mut c, 375 + 375 * topics as u64 + 8 * data_len)?;
        let bytes = read(&c, ptr, len)?;
        let (topic_bytes, data) = bytes.split_at(topics as usize * 32);
        let topics = topic_bytes.chunks(32).map(B256::from_slice).collect();
        Err(request(Request::Log {
            topics,
            data: Bytes::copy_from_slice(data),
        }))
    })?;
    Ok(())
}

fn link_storage(linker: &mut Linker<HostState>) -> Result<(), Error> {
    hostio!(linker, "storage_load_bytes32", |c, key: u32, dest: u32| {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK)?;
        let api_gas = EVM_API_INK / INK_PRICE as u64;
        require_gas(&c, 2100 + 10 + api_gas)?;
        let key = read_b256(&c, key)?;
        let read_gas = c.data_mut().cache.read_gas();
        buy_gas(&mut c, read_gas)?;
        match c.data().cache.slots.get(&key) {
            Some(slot) => {
                let value = slot.value;
                write(&mut c, dest, value.as_slice())
            }
            None => {
                buy_gas(&mut c, api_gas)?;
                Err(request(Request::StorageLoad { key, dest }))
            }
        }
    })?;
    hostio!(
        linker,
        "storage_cache_bytes32",
        |c, key: u32, value: u32| {
            buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK)?;
            require_gas(&c, 2300 + 10)?;
            let key = read_b256(&c, key)?;
            let value = read_b256(&c, value)?;
            let cache = &mut c.data_mut().cache;
            let gas = cache.write_gas();
            cache
                .slots
                .entry(key)
                .and_modify(|slot| slot.value = value)
                .or_insert(CachedSlot { value, known: None });
            buy_gas(&mut c, gas)
        },
    )?;
    hostio!(linker, "storage_flush_cache", |c, clear: u32| {
        buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
        require_gas(&c, 2300)?;
        Err::<(), _>(request(Request::StorageFlush { clear: clear != 0 }))
    })?;
    hostio!(
        linker,
        "transient_load_bytes32",
        |c, key: u32, dest: u32| {
            buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
            buy_gas(&mut c, 100)?;
            let key = read_b256(&c, key)?;
            Err::<(), _>(request(Request::TransientLoad { key, dest }))
        },
    )?;
    hostio!(
        linker,
        "transient_store_bytes32",
        |c, key: u32, value: u32| {
            buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
            buy_gas(&mut c, 100)?;
            let key = read_b256(&c, key)?;
            let value = read_b256(&c, value)?;
            Err::<(), _>(request(Request::TransientStore { key, value }))
        },
    )?;
    Ok(())
}

fn call_request(
    c: &mut Ctx<'_>,
    kind: CallKind,
    (contract, data, data_len): (u32, u32, u32),
    value: Option<u32>,
    gas: u64,
    ret_len: u32,
) -> Result<u32, Error> {
    buy_ink(c, HOSTIO_INK + 3 * PTR_INK + EVM_API_INK)?;
    pay_for_read(c, data_len)?;
    pay_for_read(c, data_len)?;
    let to = read_address(c, contract)?;
    let input = Bytes::from(read(c, data, data_len)?);
    let value = match value {
        Some(ptr) => U256::from_be_bytes(read_fixed::<32>(c, ptr)?),
        None => U256::ZERO,
    };
    Err(request(Request::Call {
        kind,
        to,
        input,
        value,
        gas,
        ret_len,
    }))
}

fn link_calls(linker: &mut Linker<HostState>) -> Result<(), Error> {
    hostio!(
        linker,
        "call_contract",
        |c, to: u32, data: u32, len: u32, value: u32, gas: u64, ret_len: u32| {
            call_request(
                &mut c,
                CallKind::Call,
                (to, data, len),
                Some(value),
                gas,
                ret_len,
            )
        },
    )?;
    hostio!(
        linker,
        "delegate_call_contract",
        |c, to: u32, data: u32, len: u32, gas: u64, ret_len: u32| {
            call_request(
                &mut c,
                CallKind::Delegate,
                (to, data, len),
                None,
                gas,
                ret_len,
            )
        },
    )?;
    hostio!(
        linker,
        "static_call_contract",
        |c, to: u32, data: u32, len: u32, gas: u64, ret_len: u32| {
            call_request(
                &mut c,
                CallKind::Static,
                (to, data, len),
                None,
                gas,
                ret_len,
            )
        },
    )?;
    hostio!(
        linker,
        "create1",
        |c, code: u32, len: u32, endowment: u32, address_out: u32, ret_len: u32| {
            buy_ink(&mut c, HOSTIO_INK + 3 * PTR_INK + EVM_API_INK)?;
            pay_for_read(&mut c, len)?;
            pay_for_read(&mut c, len)?;
            let code = Bytes::from(read(&c, code, len)?);
            let value = U256::from_be_bytes(read_fixed::<32>(&c, endowment)?);
            Err::<(), _>(request(Request::Create {
                code,
                value,
                salt: None,
                address_out,
                ret_len,
            }))
        },
    )?;
    hostio!(
        linker,
        "create2",
        |c, code: u32, len: u32, endowment: u32, salt: u32, address_out: u32, ret_len: u32| {
            buy_ink(&mut c, HOSTIO_INK + 4 * PTR_INK + EVM_API_INK)?;
            pay_for_read(&mut c, len)?;
            pay_for_read(&mut c, len)?;
            let code = Bytes::from(read(&c, code, len)?);
            let value = U256::from_be_bytes(read_fixed::<32>(&c, endowment)?);
            let salt = Some(read_b256(&c, salt)?);
            Err::<(), _>(request(Request::Create {
                code,
                value,
                salt,
                address_out,
                ret_len,
            }))
        },
    )?;
    Ok(())
}

fn link_accounts(linker: &mut Linker<HostState>) -> Result<(), Error> {
    hostio!(linker, "account_balance", |c, address: u32, dest: u32| {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        require_gas(&c, 2600)?;
        let address = read_address(&c, address)?;
        Err::<(), _>(request(Request::Balance { address, dest }))
    })?;
    hostio!(
        linker,
        "account_code",
        |c, address: u32, offset: u32, size: u32, dest: u32| {
            buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
            require_gas(&c, 2600)?;
            let address = read_address(&c, address)?;
            Err::<u32, _>(request(Request::Code {
                address,
                offset,
                size,
                dest,
            }))
        },
    )?;
    hostio!(linker, "account_code_size", |c, address: u32| {
        buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
        require_gas(&c, 2600)?;
        let address = read_address(&c, address)?;
        Err::<u32, _>(request(Request::CodeSize { address }))
    })?;
    hostio!(linker, "account_codehash", |c, address: u32, dest: u32| {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        require_gas(&c, 2600)?;
        let address = read_address(&c, address)?;
        Err::<(), _>(request(Request::CodeHash { address, dest }))
    })?;
    Ok(())
}

fn write_env(
    linker: &mut Linker<HostState>,
    name: &'static str,
    get: fn(&Env) -> Vec<u8>,
) -> Result<(), Error> {
    hostio!(linker, name, |c, ptr: u32| {
        buy_ink(&mut c, HOSTIO_INK + PTR_INK)?;
        let bytes = get(&c.data().env);
        write(&mut c, ptr, &bytes)
    })?;
    Ok(())
}

fn read_env(
    linker: &mut Linker<HostState>,
    name: &'static str,
    get: fn(&Env) -> u64,
) -> Result<(), Error> {
    hostio!(linker, name, |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        Ok(get(&c.data().env))
    })?;
    Ok(())
}

fn link_env(linker: &mut Linker<HostState>) -> Result<(), Error> {
    write_env(linker, "block_basefee", |e| word(e.basefee).to_vec())?;
    write_env(linker, "block_coinbase", |e| e.coinbase.to_vec())?;
    write_env(linker, "contract_address", |e| e.contract.to_vec())?;
    write_env(linker, "msg_sender", |e| e.sender.to_vec())?;
    write_env(linker, "msg_value", |e| word(e.value).to_vec())?;
    write_env(linker, "tx_gas_price", |e| word(e.gas_price).to_vec())?;
    write_env(linker, "tx_origin", |e| e.origin.to_vec())?;
    read_env(linker, "chainid", |e| e.chain_id)?;
    read_env(linker, "block_gas_limit", |e| e.block_gas_limit)?;
    read_env(linker, "block_number", |e| e.block_number)?;
    read_env(linker, "block_timestamp", |e| e.timestamp)?;
    hostio!(linker, "msg_reentrant", |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        Ok(c.data().env.reentrant as u32)
    })?;
    hostio!(linker, "tx_ink_price", |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        Ok(INK_PRICE)
    })?;
    hostio!(linker, "evm_gas_left", |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        gas_left(&c)
    })?;
    hostio!(linker, "evm_ink_left", |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        ink_left(&c)
    })?;
    hostio!(linker, "pay_for_memory_grow", |c, _pages: u32| {
        // Memory growth itself is priced by the store limiter when it happens.
        buy_ink(&mut c, HOSTIO_INK)
    })?;
    hostio!(
        linker,
        "native_keccak256",
        |c, input: u32, len: u32, out: u32| {
            let words = (len as u64).div_ceil(32).saturating_sub(2);
            buy_ink(&mut c, 121_800 + 21_000 * words)?;
            let preimage = read(&c, input, len)?;
            write(&mut c, out, keccak256(preimage).as_slice())
        },
    )?;
    Ok(())
}

fn binary_math(
    linker: &mut Linker<HostState>,
    name: &'static str,
    ink: u64,
    op: fn(&mut Ctx<'_>, U256, U256) -> Result<U256, Error>,
) -> Result<(), Error> {
    hostio!(linker, name, |c, a: u32, b: u32| {
        buy_ink(&mut c, ink)?;
        let x = U256::from_be_bytes(read_fixed::<32>(&c, a)?);
        let y = U256::from_be_bytes(read_fixed::<32>(&c, b)?);
        let result = op(&mut c, x, y)?;
        write(&mut c, a, &word(result))
    })?;
    Ok(())
}

fn ternary_math(
    linker: &mut Linker<HostState>,
    name: &'static str,
    ink: u64,
    op: fn(U256, U256, U256) -> U256,
) -> Result<(), Error> {
    hostio!(linker, name, |c, a: u32, b: u32, m: u32| {
        buy_ink(&mut c, ink)?;
        let x = U256::from_be_bytes(read_fixed::<32>(&c, a)?);
        let y = U256::from_be_bytes(read_fixed::<32>(&c, b)?);
        let z = U256::from_be_bytes(read_fixed::<32>(&c, m)?);
        write(&mut c, a, &word(op(x, y, z)))
    })?;
    Ok(())
}

fn link_math(linker: &mut Linker<HostState>) -> Result<(), Error> {
    binary_math(
        linker,
        "math_div",
        HOSTIO_INK + 3 * PTR_INK + DIV_INK,
        |_, a, b| Ok(a.checked_div(b).unwrap_or_default()),
    )?;
    binary_math(
        linker,
        "math_mod",
        HOSTIO_INK + 3 * PTR_INK + DIV_INK,
        |_, a, b| Ok(a.checked_rem(b).unwrap_or_default()),
    )?;
    binary_math(linker, "math_pow", HOSTIO_INK + 3 * PTR_INK, |c, a, b| {
        // Nitro prices the exponent by its significant bytes.
        let significant = 32 - b.leading_zeros() as u64 / 8;
        buy_ink(c, 3000 + (significant + 1) * 17_500)?;
        Ok(a.wrapping_pow(b))
    })?;
    ternary_math(
        linker,
        "math_add_mod",
        HOSTIO_INK + 4 * PTR_INK + ADD_MOD_INK,
        |a, b, m| a.add_mod(b, m),
    )?;
    ternary_math(
        linker,
        "math_mul_mod",
        HOSTIO_INK + 4 * PTR_INK + MUL_MOD_INK,
        |a, b, m| a.mul_mod(b, m),
    )?;
    Ok(())
}

fn link_console(linker: &mut Linker<HostState>) -> Result<(), Error> {
    linker.func_wrap("console", "log_txt", |c: Ctx<'_>, ptr: u32, len: u32| {
        let text = read(&c, ptr, len)?;
        say(String::from_utf8_lossy(&text));
        Ok(())
    })?;
    linker.func_wrap("console", "log_i32", |_: Ctx<'_>, v: i32| say(v))?;
    linker.func_wrap("console", "log_i64", |_: Ctx<'_>, v: i64| say(v))?;
    linker.func_wrap("console", "log_f32", |_: Ctx<'_>, v: f32| say(v))?;
    linker.func_wrap("console", "log_f64", |_: Ctx<'_>, v: f64| say(v))?;
    linker.func_wrap("console", "tee_i32", |_: Ctx<'_>, v: i32| {
        say(v);
        v
    })?;
    linker.func_wrap("console", "tee_i64", |_: Ctx<'_>, v: i64| {
        say(v);
        v
    })?;
    linker.func_wrap("console", "tee_f32", |_: Ctx<'_>, v: f32| {
        say(v);
        v
    })?;
    linker.func_wrap("console", "tee_f64", |_: Ctx<'_>, v: f64| {
        say(v);
        v
    })?;
    Ok(())
}
