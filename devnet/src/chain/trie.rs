//! A persistent Merkle-Patricia trie: Ethereum's state and storage tries, shared between
//! blocks.
//!
//! Updates copy only the nodes on the changed path (each block's state is a new root that
//! shares everything else with its parent), and every node caches its hash, so a block
//! re-hashes the paths it changed, not the whole state. Keys are hashed (keccak) as in the
//! secure tries Ethereum uses; each leaf also keeps the key it was inserted under, so the
//! trie can be listed (state dumps) and serves reads itself.

use std::sync::{Arc, OnceLock};

use alloy::consensus::EMPTY_ROOT_HASH;
use alloy::primitives::{B256, Bytes, U256, keccak256};
use alloy::trie::nodes::{BranchNodeRef, ExtensionNodeRef, LeafNodeRef, RlpNode};
use alloy::trie::{Nibbles, TrieMask};

/// A leaf's payload as the trie commits to it.
pub trait TrieValue: Clone {
    /// The RLP encoding stored in the leaf.
    fn encode_value(&self, out: &mut Vec<u8>);
}

/// Storage slots hold their value as a minimal big-endian RLP integer.
impl TrieValue for U256 {
    fn encode_value(&self, out: &mut Vec<u8>) {
        alloy::rlp::Encodable::encode(self, out);
    }
}

/// A trie from `K` to `V`, keyed by the keccak of `K`'s bytes. Cloning is O(1).
#[derive(Clone)]
pub struct Trie<K, V> {
    root: Option<Arc<Node<K, V>>>,
    len: usize,
}

impl<K, V> Default for Trie<K, V> {
    fn default() -> Self {
        Self { root: None, len: 0 }
    }
}

/// A branch's sixteen slots, one per nibble.
type Children<K, V> = Box<[Option<Arc<Node<K, V>>>; 16]>;

enum Node<K, V> {
    Leaf {
        path: Nibbles,
        key: K,
        value: V,
        rlp: OnceLock<RlpNode>,
    },
    Extension {
        path: Nibbles,
        child: Arc<Node<K, V>>,
        rlp: OnceLock<RlpNode>,
    },
    Branch {
        children: Children<K, V>,
        rlp: OnceLock<RlpNode>,
    },
}

/// What removing a key did to a subtree.
enum Removal<K, V> {
    Absent,
    Emptied,
    Replaced(Arc<Node<K, V>>),
}

/// The trie path of a key: the nibbles of its keccak.
pub fn path_of(key: &[u8]) -> Nibbles {
    Nibbles::unpack(keccak256(key))
}

impl<K: Clone, V: TrieValue> Trie<K, V> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, path: &Nibbles) -> Option<&V> {
        let mut node = self.root.as_deref()?;
        let mut depth = 0;
        loop {
            match node {
                Node::Leaf {
                    path: rest, value, ..
                } => return (path.slice(depth..) == *rest).then_some(value),
                Node::Extension {
                    path: rest, child, ..
                } => {
                    if path.slice(depth..).common_prefix_length(rest) != rest.len() {
                        return None;
                    }
                    depth += rest.len();
                    node = child;
                }
                Node::Branch { children, .. } => {
                    node = children[usize::from(path.get(depth)?)].as_deref()?;
                    depth += 1;
                }
            }
        }
    }

    /// Sets `path` (the hashed `key`) to `value`.
    pub fn insert(&mut self, path: Nibbles, key: K, value: V) {
        let mut added = false;
        self.root = Some(insert(self.root.as_ref(), path, key, value, &mut added));
        self.len += usize::from(added);
    }

    pub fn remove(&mut self, path: &Nibbles) {
        let Some(root) = &self.root else {
            return;
        };
        match remove(root, *path) {
            Removal::Absent => return,
            Removal::Emptied => self.root = None,
            Removal::Replaced(node) => self.root = Some(node),
        }
        self.len -= 1;
    }

    /// The root hash Ethereum would compute over the same entries.
    pub fn root_hash(&self) -> B256 {
        let Some(root) = &self.root else {
            return EMPTY_ROOT_HASH;
        };
        let reference = root.reference();
        // A short root is referenced inline, but its hash is still the hash of its encoding.
        reference
            .as_hash()
            .unwrap_or_else(|| keccak256(reference.as_slice()))
    }

    /// The nodes from the root towards `path`, as `eth_getProof` returns them: each node
    /// referenced by hash (nodes short enough to sit inside their parent are not listed
    /// separately). Proves presence when `path` is set, absence otherwise.
    pub fn proof(&self, path: &Nibbles) -> Vec<Bytes> {
        let mut proof = Vec::new();
        let mut next = self.root.as_deref();
        let mut depth = 0;
        while let Some(node) = next {
            let mut encoded = Vec::new();
            node.encode(&mut encoded);
            if proof.is_empty() || encoded.len() >= 32 {
                proof.push(encoded.into());
            }
            next = match node {
                Node::Leaf { .. } => None,
                Node::Extension {
                    path: rest, child, ..
                } => {
                    let matches = path.slice(depth..).common_prefix_length(rest) == rest.len();
                    depth += rest.len();
                    matches.then_some(&**child)
                }
                Node::Branch { children, .. } => {
                    let child = path
                        .get(depth)
                        .and_then(|nibble| children[usize::from(nibble)].as_deref());
                    depth += 1;
                    child
                }
            };
        }
        proof
    }

    /// Every entry, in trie (hashed key) order.
    pub fn entries(&self) -> Vec<(&K, &V)> {
        let mut out = Vec::with_capacity(self.len);
        let mut stack: Vec<&Node<K, V>> = self.root.as_deref().into_iter().collect();
        while let Some(node) = stack.pop() {
            match node {
                Node::Leaf { key, value, .. } => out.push((key, value)),
                Node::Extension { child, .. } => stack.push(child),
                Node::Branch { children, .. } => {
                    stack.extend(children.iter().rev().flatten().map(|c| &**c));
                }
            }
        }
        out
    }
}

impl<K, V: TrieValue> Node<K, V> {
    fn leaf(path: Nibbles, key: K, value: V) -> Arc<Self> {
        Arc::new(Node::Leaf {
            path,
            key,
            value,
            rlp: OnceLock::new(),
        })
    }

    fn extension(path: Nibbles, child: Arc<Self>) -> Arc<Self> {
        if path.is_empty() {
            return child;
        }
        Arc::new(Node::Extension {
            path,
            child,
            rlp: OnceLock::new(),
        })
    }

    fn branch(children: Children<K, V>) -> Arc<Self> {
        Arc::new(Node::Branch {
            children,
            rlp: OnceLock::new(),
        })
    }

    /// How the parent refers to this node: its encoding when shorter than 32 bytes, else
    /// its hash. Computed once per node, so unchanged subtrees are never re-hashed.
    fn reference(&self) -> &RlpNode {
        let cell = match self {
            Node::Leaf { rlp, .. } | Node::Extension { rlp, .. } | Node::Branch { rlp, .. } => rlp,
        };
        cell.get_or_init(|| self.encode(&mut Vec::new()))
    }

    fn encode(&self, out: &mut Vec<u8>) -> RlpNode {
        match self {
            Node::Leaf { path, value, .. } => {
                let mut encoded = Vec::new();
                value.encode_value(&mut encoded);
                LeafNodeRef::new(path, &encoded).rlp(out)
            }
            Node::Extension { path, child, .. } => {
                ExtensionNodeRef::new(path, child.reference()).rlp(out)
            }
            Node::Branch { children, .. } => {
                let mut mask = TrieMask::default();
                let mut stack = Vec::with_capacity(16);
                for (nibble, child) in children.iter().enumerate() {
                    if let Some(child) = child {
                        mask.set_bit(nibble as u8);
                        stack.push(child.reference().clone());
                    }
                }
                BranchNodeRef::new(&stack, mask).rlp(out)
            }
        }
    }

    /// This node moved one level up under `prefix` (a collapsed branch or extension).
    fn prefixed(node: &Arc<Self>, prefix: &Nibbles) -> Arc<Self>
    where
        K: Clone,
    {
        match &**node {
            Node::Leaf {
                path, key, value, ..
            } => Self::leaf(prefix.join(path), key.clone(), value.clone()),
            Node::Extension { path, child, .. } => {
                Self::extension(prefix.join(path), child.clone())
            }
            Node::Branch { .. } => Self::extension(*prefix, node.clone()),
        }
    }
}

fn empty_children<K, V>() -> Children<K, V> {
    Box::new(std::array::from_fn(|_| None))
}

fn insert<K: Clone, V: TrieValue>(
    node: Option<&Arc<Node<K, V>>>,
    path: Nibbles,
    key: K,
    value: V,
    added: &mut bool,
) -> Arc<Node<K, V>> {
    let Some(node) = node else {
        *added = true;
        return Node::leaf(path, key, value);
    };
    match &**node {
        Node::Leaf {
            path: existing,
            key: old_key,
            value: old_value,
            ..
        } => {
            if *existing == path {
                return Node::leaf(path, key, value);
            }
            *added = true;
            // Keys have one length, so two different paths part before either ends.
            let common = existing.common_prefix_length(&path);
            let mut children = empty_children();
            children[usize::from(existing.get_unchecked(common))] = Some(Node::leaf(
                existing.slice(common + 1..),
                old_key.clone(),
                old_value.clone(),
            ));
            children[usize::from(path.get_unchecked(common))] =
                Some(Node::leaf(path.slice(common + 1..), key, value));
            Node::extension(path.slice(..common), Node::branch(children))
        }
        Node::Extension {
            path: prefix,
            child,
            ..
        } => {
            let common = prefix.common_prefix_length(&path);
            if common == prefix.len() {
                let child = insert(Some(child), path.slice(common..), key, value, added);
                return Node::extension(*prefix, child);
            }
            *added = true;
            let mut children = empty_children();
            children[usize::from(prefix.get_unchecked(common))] =
                Some(Node::extension(prefix.slice(common + 1..), child.clone()));
            children[usize::from(path.get_unchecked(common))] =
                Some(Node::leaf(path.slice(common + 1..), key, value));
            Node::extension(path.slice(..common), Node::branch(children))
        }
        Node::Branch { children, .. } => {
            let nibble = usize::from(path.get_unchecked(0));
            let mut children = children.clone();
            children[nibble] = Some(insert(
                children[nibble].as_ref(),
                path.slice(1..),
                key,
                value,
                added,
            ));
            Node::branch(children)
        }
    }
}

fn remove<K: Clone, V: TrieValue>(node: &Arc<Node<K, V>>, path: Nibbles) -> Removal<K, V> {
    match &**node {
        Node::Leaf { path: existing, .. } => match *existing == path {
            true => Removal::Emptied,
            false => Removal::Absent,
        },
        Node::Extension {
            path: prefix,
            child,
            ..
        } => {
            if path.common_prefix_length(prefix) != prefix.len() {
                return Removal::Absent;
            }
            match remove(child, path.slice(prefix.len()..)) {
                Removal::Absent => Removal::Absent,
                Removal::Emptied => Removal::Emptied,
                Removal::Replaced(child) => Removal::Replaced(Node::prefixed(&child, prefix)),
            }
        }
        Node::Branch { children, .. } => {
            let nibble = usize::from(path.get_unchecked(0));
            let Some(child) = &children[nibble] else {
                return Removal::Absent;
            };
            let mut children = children.clone();
            match remove(child, path.slice(1..)) {
                Removal::Absent => return Removal::Absent,
                Removal::Emptied => children[nibble] = None,
                Removal::Replaced(child) => children[nibble] = Some(child),
            }
            let mut left = children.iter().enumerate().filter(|(_, c)| c.is_some());
            match (left.next(), left.next()) {
                // A branch with one child is not canonical: the child takes its place.
                (Some((only, Some(child))), None) => Removal::Replaced(Node::prefixed(
                    child,
                    &Nibbles::from_nibbles_unchecked([only as u8]),
                )),
                (None, _) => Removal::Emptied,
                _ => Removal::Replaced(Node::branch(children)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::consensus::proofs::storage_root_unhashed;
    use alloy::trie::proof::verify_proof;

    fn slot_path(slot: U256) -> Nibbles {
        path_of(&B256::from(slot).0)
    }

    fn reference(entries: &[(U256, U256)]) -> B256 {
        storage_root_unhashed(entries.iter().map(|(k, v)| (B256::from(*k), *v)))
    }

    #[test]
    fn roots_match_a_full_rebuild_through_inserts_updates_and_removals() {
        let mut trie = Trie::<U256, U256>::default();
        let mut entries: std::collections::BTreeMap<U256, U256> = Default::default();
        assert_eq!(trie.root_hash(), EMPTY_ROOT_HASH);
        // A deterministic mix: many keys so branches, extensions and collapses all occur.
        let mut x = 7u64;
        for step in 0..3_000u64 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let key = U256::from(x % 400);
            if x.is_multiple_of(5) {
                trie.remove(&slot_path(key));
                entries.remove(&key);
            } else {
                trie.insert(slot_path(key), key, U256::from(step + 1));
                entries.insert(key, U256::from(step + 1));
            }
            if step % 97 == 0 {
                let all: Vec<_> = entries.iter().map(|(k, v)| (*k, *v)).collect();
                assert_eq!(trie.root_hash(), reference(&all), "step {step}");
                assert_eq!(trie.len(), entries.len());
            }
        }
        for key in entries.keys().copied().collect::<Vec<_>>() {
            trie.remove(&slot_path(key));
        }
        assert_eq!(trie.root_hash(), EMPTY_ROOT_HASH);
        assert!(trie.is_empty());
    }

    #[test]
    fn an_old_root_is_untouched_by_later_updates() {
        let mut trie = Trie::<U256, U256>::default();
        for i in 1..50u64 {
            trie.insert(slot_path(U256::from(i)), U256::from(i), U256::from(i));
        }
        let before = trie.clone();
        let root = before.root_hash();
        trie.insert(slot_path(U256::from(3)), U256::from(3), U256::from(99));
        trie.remove(&slot_path(U256::from(4)));
        assert_eq!(before.root_hash(), root);
        assert_eq!(before.get(&slot_path(U256::from(3))), Some(&U256::from(3)));
        assert_eq!(trie.get(&slot_path(U256::from(3))), Some(&U256::from(99)));
        assert_eq!(trie.get(&slot_path(U256::from(4))), None);
    }

    #[test]
    fn proofs_verify_presence_and_absence_against_the_root() {
        let mut trie = Trie::<U256, U256>::default();
        for i in 1..300u64 {
            trie.insert(slot_path(U256::from(i)), U256::from(i), U256::from(i * 3));
        }
        let root = trie.root_hash();
        for i in [1u64, 77, 299, 500, 1_000] {
            let path = slot_path(U256::from(i));
            let expected = trie.get(&path).map(alloy::rlp::encode);
            verify_proof(root, path, expected, trie.proof(&path).iter())
                .unwrap_or_else(|e| panic!("proof for slot {i}: {e}"));
        }
    }
}
