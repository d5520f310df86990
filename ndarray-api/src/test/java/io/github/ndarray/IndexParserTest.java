package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexParserTest {

    private static Index s(Long start, Long stop, Long step) {
        return Index.slice(start, stop, step);
    }

    @Test
    void integers() {
        assertEquals(List.of(Index.at(3)), IndexParser.parse("3"));
        assertEquals(List.of(Index.at(-1)), IndexParser.parse("-1"));
        assertEquals(List.of(Index.at(7)), IndexParser.parse("+7"));
        assertEquals(List.of(Index.at(-2)), IndexParser.parse("- 2"));
        assertEquals(List.of(Index.at(0), Index.at(-1), Index.at(2)), IndexParser.parse("0,-1,2"));
        assertEquals(List.of(Index.at(Long.MAX_VALUE)), IndexParser.parse("9223372036854775807"));
        assertEquals(List.of(Index.at(Long.MIN_VALUE)), IndexParser.parse("-9223372036854775808"));
    }

    @Test
    void slices() {
        assertEquals(List.of(s(null, null, null)), IndexParser.parse(":"));
        assertEquals(List.of(s(null, null, null)), IndexParser.parse("::"));
        assertEquals(List.of(s(null, null, 2L)), IndexParser.parse("::2"));
        assertEquals(List.of(s(1L, null, null)), IndexParser.parse("1:"));
        assertEquals(List.of(s(null, -1L, null)), IndexParser.parse(":-1"));
        assertEquals(List.of(s(null, null, -1L)), IndexParser.parse("::-1"));
        assertEquals(List.of(s(2L, 8L, 3L)), IndexParser.parse("2:8:3"));
        assertEquals(List.of(s(-3L, null, -2L)), IndexParser.parse("-3::-2"));
        assertEquals(List.of(s(1L, 2L, null)), IndexParser.parse("1:2:"));
    }

    @Test
    void newAxisAndEllipsis() {
        assertEquals(List.of(Index.newAxis()), IndexParser.parse("None"));
        assertEquals(List.of(Index.ellipsis()), IndexParser.parse("..."));
        assertEquals(List.of(s(1L, null, null), s(null, null, -1L), Index.newAxis(), Index.ellipsis()),
                IndexParser.parse("1:, ::-1, None, ..."));
    }

    @Test
    void whitespaceAnywhere() {
        assertEquals(IndexParser.parse("1:,::-1,None,...,-2"),
                IndexParser.parse("  1 :  ,\t: : -1 ,\nNone , ... ,  -2  "));
        assertEquals(List.of(s(2L, 8L, 3L)), IndexParser.parse(" 2 : 8 : 3 "));
    }

    @Test
    void emptyMeansNoIndex() {
        assertEquals(List.of(), IndexParser.parse(""));
        assertEquals(List.of(), IndexParser.parse("   "));
        assertEquals(0, Index.parse("").length);
    }

    @Test
    void trailingCommaAsInPython() {
        assertEquals(List.of(Index.at(1)), IndexParser.parse("1,"));
        assertEquals(List.of(Index.at(1), s(null, null, null)), IndexParser.parse("1, : , "));
    }

    @Test
    void toStringRoundTrips() {
        String expr = "1:, ::-1, None, ..., -2, 2:8:3, :-1, :";
        Index[] ix = Index.parse(expr);
        assertEquals("1:", ix[0].toString());
        assertEquals("::-1", ix[1].toString());
        assertEquals("None", ix[2].toString());
        assertEquals("...", ix[3].toString());
        assertEquals("-2", ix[4].toString());
        assertEquals("2:8:3", ix[5].toString());
        assertEquals(List.of(ix), IndexParser.parse(String.join(",", List.of(ix).stream().map(Index::toString).toList())));
    }

    @Test
    void listLiteralsAreArrayIndices() {
        List<Index> ix = IndexParser.parse("[1, -2], :, [[True, False]], []");
        assertEquals(4, ix.size());
        NDArray ints = ((Index.Array) ix.get(0)).array();
        assertEquals(DType.INT64, ints.dtype());
        assertEquals(List.of(1L, -2L), java.util.Arrays.stream(ints.toLongArray()).boxed().toList());
        NDArray mask = ((Index.Array) ix.get(2)).array();
        assertEquals(DType.BOOL, mask.dtype());
        assertEquals("[[True,False]]", ix.get(2).toString());
        assertEquals(0, ((Index.Array) ix.get(3)).array().size());
        assertEquals(DType.INT64, ((Index.Array) ix.get(3)).array().dtype());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3:4", "abc", "1,,2", ",", ",1", "1,,", "..., ...", "...,1,...", "::0", "1:2:0",
        "99999999999999999999", "-9223372036854775809", "1:99999999999999999999", "1 2", "1.5", "1:a", "none",
        "[1", "1]", "[1.5]", "[[1], 2]", "[True, 1]", "[1][2]", "(1)", "--1", "+", "-", ". ..", "1:2:3:", "0x10"})
    void malformedIsIllegalArgument(String expr) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IndexParser.parse(expr));
        assertTrue(e.getMessage().contains("\"" + expr + "\""), () -> "message should quote the expression: " + e.getMessage());
    }

    @Test
    void messagesNameTheProblem() {
        assertMessage("1:2:3:4", "has 4 parts; a slice has at most three, start:stop:step");
        assertMessage("abc", "\"abc\" is not an integer, a slice start:stop:step, None or ...");
        assertMessage("1,,2", "item 2 is empty");
        assertMessage("..., 0, ...", "an index can only have a single ellipsis ('...')");
        assertMessage("::0", "slice step cannot be zero");
        assertMessage("99999999999999999999", "does not fit in a 64-bit long");
        assertMessage("1:x", "\"x\" in slice \"1:x\" (item 1) is not an integer");
    }

    private static void assertMessage(String expr, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IndexParser.parse(expr));
        assertTrue(e.getMessage().startsWith("invalid index \"" + expr + "\": "), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void nullExpression() {
        assertThrows(IllegalArgumentException.class, () -> IndexParser.parse(null));
    }

    @Test
    void typedSliceRejectsZeroStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Index.slice(null, null, 0L));
        assertEquals("slice step cannot be zero", e.getMessage());
    }
}
