package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link ND#help(String)}: NumPy names to this library's, from the packed cheat sheet and the API itself. */
class HelpTest {
    private static void assertHas(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected \"" + expected + "\" in:\n" + text);
    }

    @Test
    void aNumPyNameShowsTheCheatSheetRowAndTheMethods() {
        String t = Help.text("np.linspace");
        assertHas(t, "np.linspace(0, 1, 5)   ND.linspace(0, 1, 5)");
        assertHas(t, "Named linspace:");
        assertHas(t, "ND.linspace(double, double, long) -> NDArray");
        assertHas(t, "API reference: scripts/javadoc.sh");
    }

    @Test
    void instanceMethodsUfuncsAndOperatorsAreFound() {
        String t = Help.text("matmul");
        assertHas(t, "a @ a.T");
        assertHas(t, "a.matmul(NDArray) -> NDArray");
        assertHas(Help.text("add"), "Ufunc.ADD   (Ufunc)");
    }

    @Test
    void snakeCaseIsReadAsCamelCase() {
        assertEquals("takeAlongAxis", Help.camelCase("take_along_axis"));
        assertEquals("argmax", Help.camelCase("argmax"));
        assertHas(Help.text("np.empty_like"), "ND.emptyLike(NDArray) -> NDArray");
    }

    @Test
    void aMissSuggestsNamesStartingTheSame() {
        String t = Help.text("linspaced");
        assertHas(t, "nothing named linspaced");
        assertHas(t, "names starting the same: linspace");
        assertThrows(IllegalArgumentException.class, () -> Help.text("  "));
    }
}
