//! The one error type of the deployer: every failure is a single line that says what went
//! wrong and what to do, and maps to a process exit code.

use std::fmt;

use alloy::{
    providers::PendingTransactionError,
    transports::{RpcError, TransportErrorKind},
};

use crate::revert::Revert;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug)]
pub enum Error {
    /// A contract call reverted; the revert data is decoded to its named error.
    Reverted(Box<Revert>),
    /// The node does not run Stylus programs; raised before any transaction is sent.
    NoStylus {
        rpc_url: String,
        chain_id: u64,
        missing: String,
    },
    /// Bad input from the command line, a config file or a manifest.
    Input {
        message: String,
        hint: String,
    },
    /// The node could not be reached or answered something unexpected.
    Rpc(String),
    Other(anyhow::Error),
}

impl Error {
    pub fn input(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::Input {
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// The decoded revert, when a contract refused the call.
    pub fn revert(&self) -> Option<&Revert> {
        match self {
            Self::Reverted(revert) => Some(revert),
            _ => None,
        }
    }

    /// Name of the custom error a contract reverted with, e.g. `"NotSlasher"`.
    pub fn revert_name(&self) -> Option<&str> {
        self.revert().map(|r| r.name.as_str())
    }

    /// 1 generic failure, 2 a contract reverted, 3 the chain cannot run Stylus, 64 bad input
    /// (sysexits' EX_USAGE), 69 node unreachable (EX_UNAVAILABLE).
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Other(_) => 1,
            Self::Reverted(_) => 2,
            Self::NoStylus { .. } => 3,
            Self::Input { .. } => 64,
            Self::Rpc(_) => 69,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Reverted(revert) => write!(f, "{revert}"),
            Self::NoStylus {
                rpc_url,
                chain_id,
                missing,
            } => write!(
                f,
                "the chain at {rpc_url} (chain id {chain_id}) cannot run Stylus programs: {missing}; \
                 nothing was sent. Run `lrt devnet` for a local Stylus chain, or point --rpc-url at an \
                 Arbitrum chain with Stylus (Nitro dev node, Arbitrum Sepolia/One)"
            ),
            Self::Input { message, hint } => write!(f, "{message} (hint: {hint})"),
            Self::Rpc(message) => write!(f, "{message}"),
            Self::Other(err) => write!(f, "{err:#}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<anyhow::Error> for Error {
    fn from(err: anyhow::Error) -> Self {
        match err.downcast::<Error>() {
            Ok(err) => err,
            Err(err) => Self::Other(err),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Self::Other(err.into())
    }
}

impl From<RpcError<TransportErrorKind>> for Error {
    fn from(err: RpcError<TransportErrorKind>) -> Self {
        if let Some(data) = err
            .as_error_resp()
            .and_then(|payload| payload.as_revert_data())
        {
            return Self::Reverted(Box::new(Revert::decode(&data)));
        }
        if let Some(payload) = err.as_error_resp()
            && payload.message.contains("revert")
        {
            return Self::Reverted(Box::new(Revert::decode(&[])));
        }
        match err {
            RpcError::Transport(kind)
                if kind.is_retry_err() || matches!(kind, TransportErrorKind::HttpError(_)) =>
            {
                Self::Rpc(format!("the node answered with an error: {kind}"))
            }
            RpcError::Transport(kind) => Self::Rpc(format!(
                "cannot reach the node ({kind}); is it running? Start one with `lrt devnet` or pass --rpc-url"
            )),
            other => Self::Rpc(format!("the node refused the request: {other}")),
        }
    }
}

impl From<alloy::contract::Error> for Error {
    fn from(err: alloy::contract::Error) -> Self {
        match err {
            alloy::contract::Error::TransportError(err) => err.into(),
            alloy::contract::Error::PendingTransactionError(err) => err.into(),
            alloy::contract::Error::ZeroData(function, _) => Self::Rpc(format!(
                "{function} returned no data: no contract at that address on this chain (wrong --rpc-url \
                 or a stale manifest?)"
            )),
            other => match other.as_revert_data() {
                Some(data) => Self::Reverted(Box::new(Revert::decode(&data))),
                None => Self::Other(other.into()),
            },
        }
    }
}

impl From<PendingTransactionError> for Error {
    fn from(err: PendingTransactionError) -> Self {
        match err {
            PendingTransactionError::TransportError(err) => err.into(),
            other => Self::Rpc(format!("waiting for the transaction failed: {other}")),
        }
    }
}

impl Error {
    /// Says what the deployer was doing when this failed, e.g. "deposit into rstETH".
    pub fn during(self, action: impl Into<String>) -> Self {
        match self {
            Self::Reverted(revert) => Self::Reverted(Box::new(revert.during(action))),
            Self::Rpc(message) => Self::Rpc(format!("{}: {message}", action.into())),
            Self::Other(err) => Self::Other(err.context(action.into())),
            other => other,
        }
    }
}
