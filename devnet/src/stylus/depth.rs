//! Nitro's stack-depth accounting (its prover's `DepthChecker`): each function
//! has a frame size in words, found from its code at activation; a call takes
//! that many words from a per-call budget of `maxStackDepth` words and its
//! return gives them back. Running out traps the program deterministically,
//! whatever the engine's own stack. wasmi has no such hook, so activation
//! rewrites the module the way Nitro's instrumentation does: a global holds the
//! budget, each function checks and charges it on entry and refunds it on exit.

use wasm_encoder::reencode::{self, Reencode};
use wasm_encoder::{
    BlockType as EncBlockType, ConstExpr, ExportKind, GlobalType, Instruction, SectionId,
    ValType as EncValType,
};
use wasmparser::{BlockType, FuncType, FunctionBody, Operator, SubType};

/// The exported global holding the words left; the name is reserved, so no
/// program can export its own.
pub const STACK_LEFT: &str = "stylus_stack_left";
/// Nitro's bounds for Stylus version 1 and 2 modules.
const MAX_FRAME_SIZE: u32 = 10 * 1024;
const MAX_FRAME_CONTENTION: u32 = 4096;
/// Words a frame needs besides its values and locals (return address and such).
const FRAME_OVERHEAD: u32 = 4;
/// Nitro meters ink at the start of every basic block with a header that holds
/// two values on the stack; the depth checker runs after it and counts them.
const METER_HEADER_VALUES: u32 = 2;
/// What Nitro's per-byte meter of `memory.fill` and `memory.copy` adds on top of their operands.
const DYNAMIC_METER_VALUES: u32 = 3;

/// Why a function's frame cannot be accounted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameError {
    Unsupported { func: usize, op: String },
    TooLarge { func: usize, words: u32 },
    Contention { func: usize, values: u32 },
    Malformed { func: usize },
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unsupported { func, op } => {
                write!(f, "func {func}: extension not supported: {op}")
            }
            Self::TooLarge { func, words } => write!(
                f,
                "func {func}: frame too large: {words} > {MAX_FRAME_SIZE}-word limit"
            ),
            Self::Contention { func, values } => write!(
                f,
                "func {func}: too many values on the stack at once: {values} > {MAX_FRAME_CONTENTION}"
            ),
            Self::Malformed { func } => write!(f, "func {func}: malformed scoping"),
        }
    }
}

/// Parameter and result counts of every function and type of a module.
pub struct Signatures {
    types: Vec<(u32, u32)>,
    funcs: Vec<(u32, u32)>,
}

impl Signatures {
    pub fn new(types: &[FuncType], imports: &[(&str, &str, u32)], functions: &[u32]) -> Self {
        let types: Vec<(u32, u32)> = types
            .iter()
            .map(|t| (t.params().len() as u32, t.results().len() as u32))
            .collect();
        let funcs = imports
            .iter()
            .map(|&(_, _, ty)| ty)
            .chain(functions.iter().copied())
            .map(|ty| types.get(ty as usize).copied().unwrap_or_default())
            .collect();
        Self { types, funcs }
    }

    fn block(&self, ty: BlockType) -> (u32, u32) {
        match ty {
            BlockType::Empty => (0, 0),
            BlockType::Type(_) => (0, 1),
            BlockType::FuncType(index) => {
                self.types.get(index as usize).copied().unwrap_or_default()
            }
        }
    }
}

/// Fixed arities only: the control operators and calls are handled before.
impl wasmparser::ModuleArity for Signatures {
    fn sub_type_at(&self, _: u32) -> Option<&SubType> {
        None
    }
    fn tag_type_arity(&self, _: u32) -> Option<(u32, u32)> {
        None
    }
    fn type_index_of_function(&self, _: u32) -> Option<u32> {
        None
    }
    fn func_type_of_cont_type(&self, _: &wasmparser::ContType) -> Option<&FuncType> {
        None
    }
    fn sub_type_of_ref_type(&self, _: &wasmparser::RefType) -> Option<&SubType> {
        None
    }
    fn control_stack_height(&self) -> u32 {
        0
    }
    fn label_block(&self, _: u32) -> Option<(BlockType, wasmparser::FrameKind)> {
        None
    }
}

/// Nitro's basic-block boundaries (where its meter inserts a header).
pub(super) fn ends_basic_block(op: &Operator<'_>) -> bool {
    use Operator::*;
    matches!(
        op,
        End | Else
            | Return
            | Loop { .. }
            | Br { .. }
            | BrTable { .. }
            | BrIf { .. }
            | If { .. }
            | Call { .. }
            | CallIndirect { .. }
    )
}

/// Operators that pass WASM validation with bulk memory enabled but that
/// Nitro's instrumentation refuses.
fn refused(op: &Operator<'_>) -> bool {
    use Operator::*;
    matches!(
        op,
        TypedSelect { .. }
            | TypedSelectMulti { .. }
            | RefNull { .. }
            | RefIsNull
            | RefFunc { .. }
            | MemoryInit { .. }
            | DataDrop { .. }
            | TableInit { .. }
            | ElemDrop { .. }
            | TableCopy { .. }
            | TableFill { .. }
            | TableGet { .. }
            | TableSet { .. }
            | TableGrow { .. }
            | TableSize { .. }
    )
}

/// The frame of function `func` (an index among the module's own functions),
/// in words: the most values it ever holds at once, its locals, and overhead.
pub fn frame_size(
    func: usize,
    body: &FunctionBody<'_>,
    locals: u32,
    signatures: &Signatures,
) -> Result<u32, FrameError> {
    let mut stack: u32 = 0;
    let mut worst: u32 = 0;
    let mut scopes: Vec<u32> = vec![0];
    let mut block_start = true;
    let unsupported = |op: &Operator<'_>| FrameError::Unsupported {
        func,
        op: format!("{op:?}"),
    };
    let reader = body
        .get_operators_reader()
        .map_err(|_| FrameError::Malformed { func })?;
    for op in reader {
        let op = op.map_err(|_| FrameError::Malformed { func })?;
        if block_start {
            worst = worst.max(stack + METER_HEADER_VALUES);
        }
        let mut push = |n: u32, stack: &mut u32| {
            *stack += n;
            worst = worst.max(*stack);
        };
        // A call's results are counted before its arguments are released.
        let mut call = |(ins, outs): (u32, u32), stack: &mut u32| {
            push(outs, stack);
            *stack = stack.saturating_sub(ins);
        };
        match &op {
            op if refused(op) => return Err(unsupported(op)),
            Operator::Block { blockty } | Operator::Loop { blockty } => {
                call(signatures.block(*blockty), &mut stack);
                scopes.push(stack);
            }
            Operator::If { blockty } => {
                stack = stack.saturating_sub(1);
                call(signatures.block(*blockty), &mut stack);
                scopes.push(stack);
            }
            Operator::Else => stack = *scopes.last().ok_or(FrameError::Malformed { func })?,
            Operator::End => stack = scopes.pop().ok_or(FrameError::Malformed { func })?,
            Operator::Call { function_index } => {
                let sig = signatures.funcs.get(*function_index as usize);
                call(*sig.ok_or(FrameError::Malformed { func })?, &mut stack);
            }
            Operator::CallIndirect { type_index, .. } => {
                let sig = signatures.types.get(*type_index as usize);
                call(*sig.ok_or(FrameError::Malformed { func })?, &mut stack);
                stack = stack.saturating_sub(1);
            }
            Operator::MemoryFill { .. } | Operator::MemoryCopy { .. } => {
                // Nitro's dynamic meter, run before its depth checker, prices the
                // length with three more values on the stack at its peak.
                push(DYNAMIC_METER_VALUES, &mut stack);
                stack = stack.saturating_sub(DYNAMIC_METER_VALUES + 3);
            }
            Operator::Br { .. } | Operator::Return | Operator::Unreachable | Operator::Nop => {}
            Operator::BrIf { .. } | Operator::BrTable { .. } => stack = stack.saturating_sub(1),
            op => {
                let (ins, outs) = op
                    .operator_arity(signatures)
                    .ok_or_else(|| unsupported(op))?;
                match outs.checked_sub(ins) {
                    Some(grown) => push(grown, &mut stack),
                    None => stack = stack.saturating_sub(ins - outs),
                }
            }
        }
        block_start = ends_basic_block(&op);
    }
    if worst > MAX_FRAME_CONTENTION {
        return Err(FrameError::Contention {
            func,
            values: worst,
        });
    }
    let words = worst + locals + FRAME_OVERHEAD;
    if words > MAX_FRAME_SIZE {
        return Err(FrameError::TooLarge { func, words });
    }
    Ok(words)
}

/// Rewrites `wasm` with the depth accounting of `frames` (one size per own function).
pub fn instrument(wasm: &[u8], frames: &[u32]) -> Result<Vec<u8>, String> {
    let mut instrumenter = Instrumenter {
        frames,
        next_func: 0,
        global: None,
        globals: 0,
    };
    let mut module = wasm_encoder::Module::new();
    instrumenter
        .parse_core_module(&mut module, wasmparser::Parser::new(0), wasm)
        .map_err(|e| e.to_string())?;
    Ok(module.finish())
}

struct Instrumenter<'a> {
    frames: &'a [u32],
    next_func: usize,
    /// Index of the budget global once it is added.
    global: Option<u32>,
    globals: u32,
}

impl Instrumenter<'_> {
    fn budget_global(globals: &mut wasm_encoder::GlobalSection) {
        let ty = GlobalType {
            val_type: EncValType::I32,
            mutable: true,
            shared: false,
        };
        globals.global(ty, &ConstExpr::i32_const(0));
    }

    /// Gives back the frame's words on the way out.
    fn reclaim(f: &mut wasm_encoder::Function, global: u32, size: i32) {
        f.instruction(&Instruction::GlobalGet(global));
        f.instruction(&Instruction::I32Const(size));
        f.instruction(&Instruction::I32Add);
        f.instruction(&Instruction::GlobalSet(global));
    }
}

/// Sections that come before the global section in a module.
fn precedes_globals(id: SectionId) -> bool {
    matches!(
        id,
        SectionId::Type
            | SectionId::Import
            | SectionId::Function
            | SectionId::Table
            | SectionId::Memory
            | SectionId::Tag
    )
}

/// Whether a module without globals gets its new global section between these two sections
/// (`after` is None before the first section, `before` None after the last). Shared by the
/// instrumentation passes that add globals (this one and the ink meter).
pub(super) fn missing_globals_go_here(after: Option<SectionId>, before: Option<SectionId>) -> bool {
    after.is_none_or(precedes_globals)
        && before.is_none_or(|next| !precedes_globals(next) && next != SectionId::Global)
}

impl Reencode for Instrumenter<'_> {
    type Error = std::convert::Infallible;

    fn parse_global_section(
        &mut self,
        globals: &mut wasm_encoder::GlobalSection,
        section: wasmparser::GlobalSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        self.globals = section.count();
        reencode::utils::parse_global_section(self, globals, section)?;
        Self::budget_global(globals);
        self.global = Some(self.globals);
        Ok(())
    }

    fn intersperse_section_hook(
        &mut self,
        module: &mut wasm_encoder::Module,
        after: Option<SectionId>,
        before: Option<SectionId>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        if self.global.is_none() && missing_globals_go_here(after, before) {
            let mut globals = wasm_encoder::GlobalSection::new();
            Self::budget_global(&mut globals);
            module.section(&globals);
            self.global = Some(0);
        }
        Ok(())
    }

    fn parse_export_section(
        &mut self,
        exports: &mut wasm_encoder::ExportSection,
        section: wasmparser::ExportSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_export_section(self, exports, section)?;
        if let Some(global) = self.global {
            exports.export(STACK_LEFT, ExportKind::Global, global);
        }
        Ok(())
    }

    fn parse_function_body(
        &mut self,
        code: &mut wasm_encoder::CodeSection,
        func: FunctionBody<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let global = self.global.unwrap_or(0);
        let size = self.frames.get(self.next_func).copied().unwrap_or(0) as i32;
        self.next_func += 1;
        let mut f = self.new_function_with_parsed_locals(&func)?;
        // Out of budget: zero it (how the host tells this trap from others) and trap.
        for ins in [
            Instruction::GlobalGet(global),
            Instruction::I32Const(size),
            Instruction::I32LeU,
            Instruction::If(EncBlockType::Empty),
            Instruction::I32Const(0),
            Instruction::GlobalSet(global),
            Instruction::Unreachable,
            Instruction::End,
            Instruction::GlobalGet(global),
            Instruction::I32Const(size),
            Instruction::I32Sub,
            Instruction::GlobalSet(global),
        ] {
            f.instruction(&ins);
        }
        let mut reader = func.get_operators_reader()?;
        let mut scopes = 1usize;
        while !reader.eof() {
            let ins = self.parse_instruction(&mut reader)?;
            match &ins {
                Instruction::Block(_) | Instruction::Loop(_) | Instruction::If(_) => scopes += 1,
                Instruction::End => scopes -= 1,
                _ => {}
            }
            if matches!(ins, Instruction::Return) || scopes == 0 {
                Self::reclaim(&mut f, global, size);
            }
            f.instruction(&ins);
        }
        code.function(&f);
        Ok(())
    }
}
