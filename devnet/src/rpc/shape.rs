//! A JSON body that is valid JSON but neither a request object nor a non-empty batch is an
//! invalid request (-32600, HTTP 200), as Anvil answers; the server underneath would call it
//! a parse error. Malformed JSON still gets the parse error.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use http_body_util::BodyExt;
use jsonrpsee::server::{HttpBody, HttpRequest, HttpResponse};
use tower::{Layer, Service};

const INVALID_REQUEST: &str =
    r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request"}}"#;

#[derive(Clone, Copy, Debug, Default)]
pub struct RequestShapeLayer;

impl<S> Layer<S> for RequestShapeLayer {
    type Service = RequestShape<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RequestShape { inner }
    }
}

#[derive(Clone, Debug)]
pub struct RequestShape<S> {
    inner: S,
}

/// Whether `body` parses as JSON that no JSON-RPC request can be.
fn is_wrong_shape(body: &[u8]) -> bool {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(_)) => false,
        Ok(serde_json::Value::Array(batch)) => batch.is_empty(),
        Ok(_) => true,
        Err(_) => false,
    }
}

impl<S> Service<HttpRequest<HttpBody>> for RequestShape<S>
where
    S: Service<HttpRequest<HttpBody>, Response = HttpResponse<HttpBody>> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: Send,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: HttpRequest<HttpBody>) -> Self::Future {
        // The service that was polled ready serves this call; a clone takes its place.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        if request.method() != http::Method::POST {
            return Box::pin(inner.call(request));
        }
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let bytes = match body.collect().await {
                Ok(collected) => collected.to_bytes(),
                // The server reports an unreadable body itself.
                Err(_) => {
                    return inner
                        .call(HttpRequest::from_parts(parts, HttpBody::empty()))
                        .await;
                }
            };
            if is_wrong_shape(&bytes) {
                let response = HttpResponse::builder()
                    .status(http::StatusCode::OK)
                    .header(http::header::CONTENT_TYPE, "application/json")
                    .body(HttpBody::from(INVALID_REQUEST))
                    .expect("a static response is valid");
                return Ok(response);
            }
            inner
                .call(HttpRequest::from_parts(
                    parts,
                    HttpBody::from(bytes.to_vec()),
                ))
                .await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::is_wrong_shape;

    #[test]
    fn only_objects_and_non_empty_batches_are_requests() {
        assert!(is_wrong_shape(b"\"foo\""));
        assert!(is_wrong_shape(b"1"));
        assert!(is_wrong_shape(b"null"));
        assert!(is_wrong_shape(b"[]"));
        assert!(!is_wrong_shape(b"{}"));
        assert!(!is_wrong_shape(b"[{}]"));
        assert!(!is_wrong_shape(b"{ not json"));
    }
}
