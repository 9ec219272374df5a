//! geth's tracing methods: `debug_traceTransaction` and `debug_traceCall` with the
//! `callTracer`, which Nitro serves for Stylus programs too.

use alloy::eips::BlockId;
use alloy::primitives::B256;
use alloy::rpc::types::TransactionRequest;
use alloy::rpc::types::state::StateOverride;
use jsonrpsee::core::RpcResult;
use jsonrpsee::proc_macros::rpc;
use serde::Deserialize;

use super::NodeContext;
use crate::chain::{CallFrame, ChainError, TraceJob};

/// The tracing options geth takes; only what the call tracer uses is read.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TraceOptions {
    tracer: Option<String>,
    #[serde(default)]
    tracer_config: CallTracerConfig,
    state_overrides: Option<StateOverride>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CallTracerConfig {
    #[serde(default)]
    only_top_call: bool,
}

#[rpc(server)]
pub trait DebugApi {
    #[method(name = "debug_traceTransaction", blocking)]
    fn trace_transaction(&self, hash: B256, options: Option<TraceOptions>) -> RpcResult<CallFrame>;

    #[method(name = "debug_traceCall", blocking)]
    fn trace_call(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
        options: Option<TraceOptions>,
    ) -> RpcResult<CallFrame>;
}

fn call_tracer(job: TraceJob, options: &TraceOptions) -> RpcResult<CallFrame> {
    match options.tracer.as_deref() {
        Some("callTracer") => {}
        Some(other) => {
            return Err(ChainError::InvalidParams(format!(
                "tracer `{other}` is not supported: this devnet serves the callTracer"
            ))
            .into());
        }
        None => {
            return Err(ChainError::InvalidParams(
                "the default opcode logger is not supported: pass {\"tracer\": \"callTracer\"}"
                    .into(),
            )
            .into());
        }
    }
    let mut frame = job.call_tracer()?;
    if options.tracer_config.only_top_call {
        frame.calls.clear();
    }
    Ok(frame)
}

impl DebugApiServer for NodeContext {
    fn trace_transaction(&self, hash: B256, options: Option<TraceOptions>) -> RpcResult<CallFrame> {
        let options = options.unwrap_or_default();
        let job = self.chain().trace_transaction(hash)?;
        call_tracer(job, &options)
    }

    fn trace_call(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
        options: Option<TraceOptions>,
    ) -> RpcResult<CallFrame> {
        let options = options.unwrap_or_default();
        let simulation =
            self.chain()
                .simulation(&request, block, options.state_overrides.as_ref())?;
        call_tracer(simulation.into_trace(), &options)
    }
}
