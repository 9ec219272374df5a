//! geth's tracing methods: `debug_traceTransaction` and `debug_traceCall`, with the
//! default struct logger or the `callTracer`, both of which Nitro serves for Stylus
//! programs too.

use alloy::eips::BlockId;
use alloy::primitives::B256;
use alloy::rpc::types::TransactionRequest;
use alloy::rpc::types::state::StateOverride;
use jsonrpsee::core::RpcResult;
use jsonrpsee::proc_macros::rpc;
use serde::{Deserialize, Serialize};

use super::NodeContext;
use crate::chain::{CallFrame, ChainError, StructLogOptions, StructLogTrace, TraceJob};

/// The tracing options geth takes: a tracer by name, or the struct logger's own options.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TraceOptions {
    tracer: Option<String>,
    #[serde(default)]
    tracer_config: CallTracerConfig,
    state_overrides: Option<StateOverride>,
    #[serde(flatten)]
    logger: StructLogOptions,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CallTracerConfig {
    #[serde(default)]
    only_top_call: bool,
}

/// What a trace answers, in the chosen tracer's shape.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Trace {
    Calls(CallFrame),
    Steps(StructLogTrace),
}

#[rpc(server)]
pub trait DebugApi {
    #[method(name = "debug_traceTransaction", blocking)]
    fn trace_transaction(&self, hash: B256, options: Option<TraceOptions>) -> RpcResult<Trace>;

    #[method(name = "debug_traceCall", blocking)]
    fn trace_call(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
        options: Option<TraceOptions>,
    ) -> RpcResult<Trace>;
}

fn trace(job: TraceJob, options: TraceOptions) -> RpcResult<Trace> {
    match options.tracer.as_deref() {
        None => Ok(Trace::Steps(job.struct_logger(options.logger)?)),
        Some("callTracer") => {
            let mut frame = job.call_tracer()?;
            if options.tracer_config.only_top_call {
                frame.calls.clear();
            }
            Ok(Trace::Calls(frame))
        }
        Some(other) => Err(ChainError::InvalidParams(format!(
            "tracer `{other}` is not supported: this devnet serves the default struct logger \
             (no tracer) and the callTracer"
        ))
        .into()),
    }
}

impl DebugApiServer for NodeContext {
    fn trace_transaction(&self, hash: B256, options: Option<TraceOptions>) -> RpcResult<Trace> {
        let job = self.chain().trace_transaction(hash)?;
        trace(job, options.unwrap_or_default())
    }

    fn trace_call(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
        options: Option<TraceOptions>,
    ) -> RpcResult<Trace> {
        let options = options.unwrap_or_default();
        let simulation =
            self.chain()
                .simulation(&request, block, options.state_overrides.as_ref())?;
        trace(simulation.into_trace(), options)
    }
}
