package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The table of ufunc definitions: complete, one row per id, and its C expressions well-formed. */
class UfuncDefinitionTest {
    @Test
    void everyIdHasExactlyOneDefinitionNamedAsNumpyNamesIt() {
        assertEquals(Ufunc.Id.values().length, Ufunc.all().size());
        for (Ufunc.Id id : Ufunc.Id.values()) {
            Ufunc u = Ufunc.of(id);
            assertSame(id, u.id());
            assertEquals(id.name().toLowerCase(Locale.ROOT), u.name());
        }
    }

    @Test
    void everyLoopOfEveryUfuncHasAnExpression() {
        int checked = 0;
        for (Ufunc u : Ufunc.all()) {
            List<Ufunc.Loop> loops = new ArrayList<>(u.loops());
            if (u.integerInputsLoop() != null) {
                loops.add(u.integerInputsLoop());
            }
            for (Ufunc.Loop loop : loops) {
                String e = u.expression(loop);
                assertTrue(e.startsWith("out0 = ") && e.endsWith(";"), u.name() + " " + loop + ": " + e);
                for (int i = u.nin(); i < 3; i++) {
                    assertFalse(e.contains("in" + i), u.name() + " reads an input it does not have: " + e);
                }
                checked++;
            }
        }
        assertTrue(checked > 300, "checked " + checked);
    }

    @Test
    void expressionsCallOnlyHelpersThePreludeDefines() {
        String prelude = Ufunc.cPrelude();
        Pattern call = Pattern.compile("\\b(nd_\\w+|ND_\\w+)\\(");
        for (Ufunc u : Ufunc.all()) {
            for (Ufunc.Loop loop : u.loops()) {
                Matcher m = call.matcher(u.expression(loop));
                while (m.find()) {
                    String helper = m.group(1);
                    assertTrue(prelude.contains("ND_FN long long " + helper + "(") || prelude.contains("ND_FN double " + helper + "(")
                            || prelude.contains("ND_FN int " + helper + "(") || prelude.contains("#define " + helper + "("),
                            u.name() + " calls " + helper + ", which ufunc_prelude.h does not define");
                }
            }
        }
    }

    @Test
    void expressionsVaryByKindWhereNumpysSemanticsDo() {
        assertEquals("out0 = in0 || in1;", expr(Ufunc.ADD, DType.BOOL));
        assertEquals("out0 = nd_add_i(in0, in1);", expr(Ufunc.ADD, DType.UINT8));
        assertEquals("out0 = in0 + in1;", expr(Ufunc.ADD, DType.FLOAT32));
        assertEquals("out0 = nd_floor_divide_f(in0, in1);", expr(Ufunc.FLOOR_DIVIDE, DType.FLOAT64));
        assertEquals("out0 = ND_MATH1(exp, in0);", expr(Ufunc.EXP, DType.FLOAT32));
        assertEquals("out0 = in0 / in1;", Ufunc.DIVIDE.expression(Ufunc.DIVIDE.resolve(DType.INT8, DType.INT8)));
        assertEquals("out0 = in0 ? in1 : in2;",
                Ufunc.WHERE.expression(Ufunc.WHERE.resolve(DType.BOOL, DType.INT16, DType.INT16)));
    }

    @Test
    void aLoopOfAnotherUfuncIsRefused() {
        Ufunc.Loop less = Ufunc.LESS.resolve(DType.FLOAT64, DType.FLOAT64);
        assertThrows(IllegalArgumentException.class, () -> Ufunc.ADD.expression(less));
    }

    @Test
    void identitiesAreValuesOfTheLoopType() {
        assertEquals(Scalar.of(DType.UINT8, 255L), Ufunc.BITWISE_AND.identity(DType.UINT8));
        assertEquals(Scalar.of(DType.BOOL, true), Ufunc.BITWISE_AND.identity(DType.BOOL));
        assertEquals(-1, Ufunc.BITWISE_AND.identity(DType.INT16).longValue());
        assertEquals(0xFFFF, Ufunc.BITWISE_AND.identity(DType.INT16).bits());
        assertEquals(Scalar.of(DType.FLOAT32, 1.0), Ufunc.MULTIPLY.identity(DType.FLOAT32));
        assertEquals(Scalar.of(DType.BOOL, true), Ufunc.LOGICAL_AND.identity(DType.BOOL));
        assertEquals(Scalar.of(DType.BOOL, false), Ufunc.LOGICAL_OR.identity(DType.BOOL));
        assertEquals(0L, Ufunc.BITWISE_XOR.identity(DType.INT64).bits());
        for (Ufunc u : List.of(Ufunc.MAXIMUM, Ufunc.MINIMUM, Ufunc.SUBTRACT, Ufunc.POWER)) {
            assertFalse(u.hasIdentity(), u.name());
            assertNull(u.identity(DType.INT32), u.name());
        }
    }

    @Test
    void flagsAreTheDeclaredOnes() {
        Set<Ufunc.Id> reorderable = Set.of(Ufunc.Id.ADD, Ufunc.Id.MULTIPLY, Ufunc.Id.MAXIMUM, Ufunc.Id.MINIMUM,
                Ufunc.Id.FMAX, Ufunc.Id.FMIN, Ufunc.Id.LOGICAL_AND, Ufunc.Id.LOGICAL_OR, Ufunc.Id.LOGICAL_XOR,
                Ufunc.Id.BITWISE_AND, Ufunc.Id.BITWISE_OR, Ufunc.Id.BITWISE_XOR);
        Set<Ufunc.Id> refusesBool = Set.of(Ufunc.Id.SUBTRACT, Ufunc.Id.NEGATIVE, Ufunc.Id.SIGN);
        Set<Ufunc.Id> byValue = Set.of(Ufunc.Id.EQUAL, Ufunc.Id.NOT_EQUAL, Ufunc.Id.LESS, Ufunc.Id.LESS_EQUAL,
                Ufunc.Id.GREATER, Ufunc.Id.GREATER_EQUAL, Ufunc.Id.LOGICAL_AND, Ufunc.Id.LOGICAL_OR,
                Ufunc.Id.LOGICAL_XOR);
        for (Ufunc u : Ufunc.all()) {
            assertEquals(reorderable.contains(u.id()), u.reorderable(), u.name());
            assertEquals(refusesBool.contains(u.id()), u.refusesBoolInputs(), u.name());
            assertEquals(byValue.contains(u.id()), u.comparesByValue(), u.name());
            assertEquals(u.id() == Ufunc.Id.DIVIDE, u.integerInputsLoop() != null, u.name());
        }
    }

    private static String expr(Ufunc u, DType t) {
        return u.expression(u.nin() == 1 ? u.resolve(t) : u.resolve(t, t));
    }
}
