//! Node-side signing with the dev keys: `eth_sign`, `personal_sign`, `eth_signTypedData_v4`,
//! `eth_signTransaction`. As on Anvil, an impersonated account has no key and cannot sign.

use alloy::dyn_abi::TypedData;
use alloy::primitives::{Address, Bytes};
use alloy::rpc::types::TransactionRequest;
use alloy::signers::SignerSync;
use alloy::signers::local::PrivateKeySigner;
use jsonrpsee::core::RpcResult;
use jsonrpsee::proc_macros::rpc;
use jsonrpsee::types::ErrorObjectOwned;
use jsonrpsee::types::error::INVALID_PARAMS_CODE;

use super::NodeContext;
use crate::chain::ChainError;

#[rpc(server)]
pub trait SignApi {
    /// EIP-191 personal message signature.
    #[method(name = "eth_sign")]
    fn sign(&self, address: Address, message: Bytes) -> RpcResult<Bytes>;

    /// `eth_sign` with the arguments the other way round.
    #[method(name = "personal_sign")]
    fn personal_sign(&self, message: Bytes, address: Address) -> RpcResult<Bytes>;

    #[method(name = "eth_signTypedData_v4")]
    fn sign_typed_data_v4(&self, address: Address, data: TypedData) -> RpcResult<Bytes>;

    /// The raw signed transaction, not sent; fields left out are filled as for sending.
    #[method(name = "eth_signTransaction")]
    fn sign_transaction(&self, request: TransactionRequest) -> RpcResult<Bytes>;
}

fn no_signer() -> ErrorObjectOwned {
    // Anvil's code and wording.
    ErrorObjectOwned::owned(INVALID_PARAMS_CODE, "No Signer available", None::<()>)
}

fn signing_failed(e: alloy::signers::Error) -> ErrorObjectOwned {
    ChainError::Internal(format!("signing failed: {e}")).into()
}

impl NodeContext {
    fn signer(&self, address: Address) -> RpcResult<PrivateKeySigner> {
        self.chain()
            .accounts()
            .signer(address)
            .cloned()
            .ok_or_else(no_signer)
    }
}

impl SignApiServer for NodeContext {
    fn sign(&self, address: Address, message: Bytes) -> RpcResult<Bytes> {
        let signature = self
            .signer(address)?
            .sign_message_sync(&message)
            .map_err(signing_failed)?;
        Ok(signature.as_bytes().into())
    }

    fn personal_sign(&self, message: Bytes, address: Address) -> RpcResult<Bytes> {
        self.sign(address, message)
    }

    fn sign_typed_data_v4(&self, address: Address, data: TypedData) -> RpcResult<Bytes> {
        let signature = self
            .signer(address)?
            .sign_dynamic_typed_data_sync(&data)
            .map_err(signing_failed)?;
        Ok(signature.as_bytes().into())
    }

    fn sign_transaction(&self, request: TransactionRequest) -> RpcResult<Bytes> {
        let from = request.from.ok_or_else(no_signer)?;
        self.signer(from)?;
        let mut request = self.chain().fill_request(request)?;
        if request.gas.is_none() {
            let simulation = self.chain().estimation(&request, None, None)?;
            request.gas = Some(simulation.estimate_gas()?);
        }
        Ok(self.chain().sign_transaction(&request)?)
    }
}
