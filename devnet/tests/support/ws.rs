//! A bare WebSocket JSON-RPC client: enough to subscribe and read pushed notifications.

use std::time::Duration;

use soketto::handshake::{Client, ServerResponse};
use tokio::net::TcpStream;
use tokio_util::compat::{Compat, TokioAsyncReadCompatExt};

pub struct WsClient {
    sender: soketto::Sender<Compat<TcpStream>>,
    receiver: soketto::Receiver<Compat<TcpStream>>,
    next_id: u64,
}

impl WsClient {
    pub async fn connect(addr: std::net::SocketAddr) -> Self {
        let stream = TcpStream::connect(addr).await.expect("TCP connects");
        let host = addr.to_string();
        let mut client = Client::new(stream.compat(), &host, "/");
        match client.handshake().await.expect("handshake runs") {
            ServerResponse::Accepted { .. } => {}
            other => panic!("WebSocket refused: {other:?}"),
        }
        let (sender, receiver) = client.into_builder().finish();
        Self {
            sender,
            receiver,
            next_id: 0,
        }
    }

    /// Sends a call and returns its answer, skipping notifications that arrive first.
    pub async fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next_id += 1;
        let id = self.next_id;
        let request =
            serde_json::json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.sender
            .send_text(request.to_string())
            .await
            .expect("sent");
        self.sender.flush().await.expect("flushed");
        loop {
            let message = self.next().await.expect("the node answers the call");
            if message["id"] == id {
                return message;
            }
        }
    }

    /// The next message, or `None` after two seconds of silence.
    pub async fn next(&mut self) -> Option<serde_json::Value> {
        let mut data = Vec::new();
        let received = tokio::time::timeout(
            Duration::from_secs(2),
            self.receiver.receive_data(&mut data),
        )
        .await
        .ok()?;
        received.expect("a readable frame");
        Some(serde_json::from_slice(&data).expect("JSON"))
    }

    /// The next `eth_subscription` notification's `result` for `subscription`.
    pub async fn notification(&mut self, subscription: &serde_json::Value) -> serde_json::Value {
        loop {
            let message = self.next().await.expect("a notification arrives");
            if message["method"] == "eth_subscription"
                && message["params"]["subscription"] == *subscription
            {
                return message["params"]["result"].clone();
            }
        }
    }
}
