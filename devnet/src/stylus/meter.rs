//! Nitro's ink meter, applied at activation as Nitro's prover instruments a
//! module (crates/prover/src/programs/meter.rs and dynamic.rs): every basic
//! block starts with a header that takes the block's summed opcode ink (plus
//! the header's own cost) from an ink global, and traps with the status global
//! set when too little is left; `memory.fill` and `memory.copy` also pay per
//! byte. The host reads and writes the same globals for its hostio charges, so
//! a program's gas is exactly what Nitro's meter charges.

use wasm_encoder::reencode::{self, Reencode};
use wasm_encoder::{
    BlockType as EncBlockType, ConstExpr, ExportKind, GlobalType, Instruction, SectionId,
    ValType as EncValType,
};
use wasmparser::{FunctionBody, Operator};

use wasmi::{AsContext, AsContextMut, Global, Val};

use super::depth::ends_basic_block;

/// Ink left (i64), as Nitro names it.
pub const INK_LEFT: &str = "stylus_ink_left";
/// 1 once the program ran out of ink (i32).
pub const INK_STATUS: &str = "stylus_ink_status";
/// The dynamic meter's spare register (i32).
const SCRATCH: &str = "stylus_scratch_global";
/// Ink of the header itself (Stylus version 1 and 2, `CompileConfig::version`).
const INK_HEADER_COST: u64 = 2450;
/// Ink per byte filled or copied (`memory_fill_ink`, `memory_copy_ink`: 800 / 8).
const MEMORY_FILL_INK: i64 = 800 / 8;
const MEMORY_COPY_INK: i64 = 800 / 8;

/// A running program's meter: the globals above, read and written by the host
/// as Nitro's `MeteredMachine` does.
#[derive(Clone, Copy, Debug)]
pub struct InkMeter {
    left: Global,
    status: Global,
}

impl InkMeter {
    pub fn new(left: Global, status: Global) -> Self {
        Self { left, status }
    }

    /// Ink left; none once the program ran out.
    pub fn ink(&self, ctx: impl AsContext) -> u64 {
        if self.exhausted(&ctx) {
            return 0;
        }
        self.left.get(&ctx).i64().unwrap_or(0) as u64
    }

    pub fn set_ink(&self, mut ctx: impl AsContextMut, ink: u64) {
        // Both globals are the meter's own, mutable and typed as set here.
        let _ = self.left.set(&mut ctx, Val::I64(ink as i64));
        let _ = self.status.set(&mut ctx, Val::I32(0));
    }

    /// Out of ink: what a failed purchase leaves (Nitro's `MachineMeter::Exhausted`).
    pub fn exhaust(&self, mut ctx: impl AsContextMut) {
        let _ = self.left.set(&mut ctx, Val::I64(0));
        let _ = self.status.set(&mut ctx, Val::I32(1));
    }

    pub fn exhausted(&self, ctx: impl AsContext) -> bool {
        self.status.get(&ctx).i32() != Some(0)
    }
}

/// Nitro's `pricing_v1`: the ink of one opcode. `params` gives the parameter
/// count of each type (for `call_indirect`). Opcodes Nitro does not price
/// (floats, SIMD, references...) cost `u64::MAX`: a block holding one always
/// runs out of ink.
pub fn opcode_ink(op: &Operator<'_>, params: &[u32]) -> u64 {
    use Operator::*;
    match op {
        Unreachable | Return | Nop | I32Const { .. } | I64Const { .. } => 1,
        Drop => 9,
        Block { .. } | Loop { .. } | Else | End => 1,
        Br { .. } | BrIf { .. } | If { .. } => 765,
        Select => 1250,
        Call { .. } => 3800,
        LocalGet { .. } | LocalTee { .. } => 75,
        LocalSet { .. } => 210,
        GlobalGet { .. } => 225,
        GlobalSet { .. } => 575,
        I32Load { .. }
        | I32Load8S { .. }
        | I32Load8U { .. }
        | I32Load16S { .. }
        | I32Load16U { .. } => 670,
        I64Load { .. }
        | I64Load8S { .. }
        | I64Load8U { .. }
        | I64Load16S { .. }
        | I64Load16U { .. }
        | I64Load32S { .. }
        | I64Load32U { .. } => 680,
        I32Store { .. } | I32Store8 { .. } | I32Store16 { .. } => 825,
        I64Store { .. } | I64Store8 { .. } | I64Store16 { .. } | I64Store32 { .. } => 950,
        MemorySize { .. } => 3000,
        // The pages themselves are paid through `pay_for_memory_grow`.
        MemoryGrow { .. } => 8050,
        I32Eqz | I32Eq | I32Ne | I32LtS | I32LtU | I32GtS | I32GtU | I32LeS | I32LeU | I32GeS
        | I32GeU => 170,
        I64Eqz | I64Eq | I64Ne | I64LtS | I64LtU | I64GtS | I64GtU | I64LeS | I64LeU | I64GeS
        | I64GeU => 225,
        I32Clz | I32Ctz => 210,
        I32Add | I32Sub => 70,
        I32Mul => 160,
        I32DivS | I32DivU | I32RemS | I32RemU => 1120,
        I32And | I32Or | I32Xor | I32Shl | I32ShrS | I32ShrU | I32Rotl | I32Rotr => 70,
        I64Clz | I64Ctz => 210,
        I64Add | I64Sub => 100,
        I64Mul => 160,
        I64DivS | I64DivU | I64RemS | I64RemU => 1270,
        I64And | I64Or | I64Xor | I64Shl | I64ShrS | I64ShrU | I64Rotl | I64Rotr => 100,
        I32Popcnt => 2650,
        I64Popcnt => 6000,
        I32WrapI64 | I64ExtendI32S | I64ExtendI32U => 100,
        I32Extend8S | I32Extend16S | I64Extend8S | I64Extend16S | I64Extend32S => 100,
        MemoryCopy { .. } | MemoryFill { .. } => 950,
        BrTable { targets } => 2400 + 325 * targets.len() as u64,
        CallIndirect { type_index, .. } => {
            let params = params.get(*type_index as usize).copied().unwrap_or(0);
            13610 + 650 * params as u64
        }
        _ => u64::MAX,
    }
}

/// Rewrites `wasm` with Nitro's ink metering. `params` is the parameter count
/// of each type of the module.
pub fn instrument(wasm: &[u8], params: &[u32]) -> Result<Vec<u8>, String> {
    let mut meter = Meter {
        params,
        globals: None,
    };
    let mut module = wasm_encoder::Module::new();
    meter
        .parse_core_module(&mut module, wasmparser::Parser::new(0), wasm)
        .map_err(|e| e.to_string())?;
    Ok(module.finish())
}

struct Meter<'a> {
    params: &'a [u32],
    /// Indices of the ink, status and scratch globals once added.
    globals: Option<[u32; 3]>,
}

impl Meter<'_> {
    fn add_globals(&mut self, globals: &mut wasm_encoder::GlobalSection, first: u32) {
        let global = |val_type| GlobalType {
            val_type,
            mutable: true,
            shared: false,
        };
        globals.global(global(EncValType::I64), &ConstExpr::i64_const(0));
        globals.global(global(EncValType::I32), &ConstExpr::i32_const(0));
        globals.global(global(EncValType::I32), &ConstExpr::i32_const(0));
        self.globals = Some([first, first + 1, first + 2]);
    }

    fn globals(&self) -> [u32; 3] {
        self.globals.unwrap_or([0, 1, 2])
    }

    /// Takes `cost` ink or traps with the status set (Nitro's block header).
    fn header(&self, cost: u64) -> [Instruction<'static>; 12] {
        let [ink, status, _] = self.globals();
        let cost = cost as i64;
        [
            Instruction::GlobalGet(ink),
            Instruction::I64Const(cost),
            Instruction::I64LtU,
            Instruction::If(EncBlockType::Empty),
            Instruction::I32Const(1),
            Instruction::GlobalSet(status),
            Instruction::Unreachable,
            Instruction::End,
            Instruction::GlobalGet(ink),
            Instruction::I64Const(cost),
            Instruction::I64Sub,
            Instruction::GlobalSet(ink),
        ]
    }

    /// Takes `per_byte` ink for each byte the operation on top of the stack
    /// covers, trapping on underflow (Nitro's `DynamicMeter`); not metered itself.
    fn per_byte(&self, per_byte: i64) -> [Instruction<'static>; 17] {
        let [ink, status, scratch] = self.globals();
        [
            Instruction::GlobalSet(scratch),
            Instruction::GlobalGet(ink),
            Instruction::GlobalGet(ink),
            Instruction::GlobalGet(scratch),
            Instruction::I64ExtendI32U,
            Instruction::I64Const(per_byte),
            Instruction::I64Mul,
            Instruction::I64Sub,
            Instruction::GlobalSet(ink),
            Instruction::GlobalGet(ink),
            Instruction::I64LtU,
            Instruction::If(EncBlockType::Empty),
            Instruction::I32Const(1),
            Instruction::GlobalSet(status),
            Instruction::Unreachable,
            Instruction::End,
            Instruction::GlobalGet(scratch),
        ]
    }
}

impl Reencode for Meter<'_> {
    type Error = std::convert::Infallible;

    fn parse_global_section(
        &mut self,
        globals: &mut wasm_encoder::GlobalSection,
        section: wasmparser::GlobalSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let first = section.count();
        reencode::utils::parse_global_section(self, globals, section)?;
        self.add_globals(globals, first);
        Ok(())
    }

    fn intersperse_section_hook(
        &mut self,
        module: &mut wasm_encoder::Module,
        after: Option<SectionId>,
        before: Option<SectionId>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        // A module without globals gets a global section where one belongs.
        if self.globals.is_none() && super::depth::missing_globals_go_here(after, before) {
            let mut globals = wasm_encoder::GlobalSection::new();
            self.add_globals(&mut globals, 0);
            module.section(&globals);
        }
        Ok(())
    }

    fn parse_export_section(
        &mut self,
        exports: &mut wasm_encoder::ExportSection,
        section: wasmparser::ExportSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_export_section(self, exports, section)?;
        let [ink, status, scratch] = self.globals();
        exports.export(INK_LEFT, ExportKind::Global, ink);
        exports.export(INK_STATUS, ExportKind::Global, status);
        exports.export(SCRATCH, ExportKind::Global, scratch);
        Ok(())
    }

    fn parse_function_body(
        &mut self,
        code: &mut wasm_encoder::CodeSection,
        func: FunctionBody<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let mut f = self.new_function_with_parsed_locals(&func)?;
        let mut block = Vec::new();
        let mut cost: u64 = 0;
        let mut reader = func.get_operators_reader()?;
        while !reader.eof() {
            let op = reader.read()?;
            cost = cost.saturating_add(opcode_ink(&op, self.params));
            let ends_block = ends_basic_block(&op);
            match op {
                Operator::MemoryFill { .. } => block.extend(self.per_byte(MEMORY_FILL_INK)),
                Operator::MemoryCopy { .. } => block.extend(self.per_byte(MEMORY_COPY_INK)),
                _ => {}
            }
            block.push(self.instruction(op)?);
            if ends_block {
                for ins in self.header(cost.saturating_add(INK_HEADER_COST)) {
                    f.instruction(&ins);
                }
                for ins in block.drain(..) {
                    f.instruction(&ins);
                }
                cost = 0;
            }
        }
        for ins in &block {
            f.instruction(ins);
        }
        code.function(&f);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opcodes_cost_what_nitros_table_says() {
        assert_eq!(opcode_ink(&Operator::I32Add, &[]), 70);
        assert_eq!(opcode_ink(&Operator::Call { function_index: 0 }, &[]), 3800);
        let indirect = Operator::CallIndirect {
            type_index: 1,
            table_index: 0,
        };
        assert_eq!(opcode_ink(&indirect, &[0, 3]), 13610 + 3 * 650);
        assert_eq!(opcode_ink(&Operator::F32Add, &[]), u64::MAX);
    }
}
