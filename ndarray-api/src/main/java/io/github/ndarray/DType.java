package io.github.ndarray;

/**
 * Element types, named as NumPy names them. {@code toString()} gives NumPy's lowercase name.
 *
 * <p>Promotion follows NumPy 2 (NEP 50): {@link #promote} gives the smallest type both
 * operands cast to safely; Java scalars are "weak" and take the array's type when their
 * kind allows ({@link #withWeakScalar}).
 *
 * {@snippet :
 * DType.promote(DType.INT8, DType.UINT8);      // INT16
 * DType.promote(DType.INT64, DType.FLOAT32);   // FLOAT64
 * DType.FLOAT32.withWeakScalar(1.5);           // FLOAT32
 * DType.INT32.withWeakScalar(1.5);             // FLOAT64
 * }
 */
public enum DType {
    /** Boolean, one byte holding 0 or 1. */
    BOOL("bool", Kind.BOOL, 1, "|b1"),
    /** Signed 8-bit integer. */
    INT8("int8", Kind.SIGNED, 1, "|i1"),
    /** Unsigned 8-bit integer. */
    UINT8("uint8", Kind.UNSIGNED, 1, "|u1"),
    /** Signed 16-bit integer. */
    INT16("int16", Kind.SIGNED, 2, "<i2"),
    /** Signed 32-bit integer. */
    INT32("int32", Kind.SIGNED, 4, "<i4"),
    /** Signed 64-bit integer: NumPy's default integer on 64-bit Linux. */
    INT64("int64", Kind.SIGNED, 8, "<i8"),
    /** IEEE 754 single precision. */
    FLOAT32("float32", Kind.FLOAT, 4, "<f4"),
    /** IEEE 754 double precision: NumPy's default float. */
    FLOAT64("float64", Kind.FLOAT, 8, "<f8");

    /** The category of a dtype, ordered as NumPy orders kinds for weak-scalar promotion. */
    public enum Kind {
        /** bool. */
        BOOL,
        /** unsigned integers. */
        UNSIGNED,
        /** signed integers. */
        SIGNED,
        /** floating point. */
        FLOAT
    }

    private final String numpyName;
    private final Kind kind;
    private final int itemSize;
    private final String npyDescr;

    DType(String numpyName, Kind kind, int itemSize, String npyDescr) {
        this.numpyName = numpyName;
        this.kind = kind;
        this.itemSize = itemSize;
        this.npyDescr = npyDescr;
    }

    /** {@return the size of one element in bytes} */
    public int itemSize() {
        return itemSize;
    }

    /** {@return the kind: bool, unsigned, signed or float} */
    public Kind kind() {
        return kind;
    }

    /** {@return true for the integer kinds (not bool)} */
    public boolean isInteger() {
        return kind == Kind.SIGNED || kind == Kind.UNSIGNED;
    }

    /** {@return true for floating-point types} */
    public boolean isFloating() {
        return kind == Kind.FLOAT;
    }

    /** {@return the {@code descr} string of NumPy's {@code .npy} header, e.g. {@code <f8}} */
    public String npyDescr() {
        return npyDescr;
    }

    /** {@return NumPy's name, e.g. {@code float64}} */
    @Override
    public String toString() {
        return numpyName;
    }

    /**
     * Looks a dtype up by NumPy's name.
     *
     * @param name e.g. {@code "int32"}
     * @return the dtype
     * @throws IllegalArgumentException if the name is not a supported dtype
     */
    public static DType of(String name) {
        for (DType t : values()) {
            if (t.numpyName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("data type '" + name + "' not understood");
    }

    /**
     * Whether a value of this type converts to {@code to} with no loss for every value
     * (NumPy's {@code can_cast(from, to, "safe")}).
     *
     * @param to the target type
     * @return true if the cast is safe
     */
    public boolean canCastSafely(DType to) {
        if (this == to || this == BOOL) {
            return true;
        }
        return switch (kind) {
            case BOOL -> true;
            case UNSIGNED -> switch (to.kind) {
                case BOOL -> false;
                case UNSIGNED -> to.itemSize >= itemSize;
                case SIGNED -> to.itemSize > itemSize;
                case FLOAT -> to.itemSize > itemSize || to == FLOAT64;
            };
            case SIGNED -> switch (to.kind) {
                case BOOL, UNSIGNED -> false;
                case SIGNED -> to.itemSize >= itemSize;
                // NumPy counts int64 -> float64 as safe although it can round.
                case FLOAT -> to.itemSize > itemSize || to == FLOAT64;
            };
            case FLOAT -> to.kind == Kind.FLOAT && to.itemSize >= itemSize;
        };
    }

    /**
     * The smallest type both operands cast to safely ({@code np.promote_types}).
     *
     * @param a one type
     * @param b the other
     * @return the promoted type
     */
    public static DType promote(DType a, DType b) {
        if (a.canCastSafely(b)) {
            return b;
        }
        if (b.canCastSafely(a)) {
            return a;
        }
        for (DType t : values()) {
            if (a.canCastSafely(t) && b.canCastSafely(t)) {
                return t;
            }
        }
        // int64 with uint64 would land here once uint64 exists; NumPy gives float64.
        return FLOAT64;
    }

    /**
     * The result type of this (array) type combined with a weak Java {@code double}: the
     * array's type if it is floating, else float64 (NEP 50).
     *
     * @param scalar the scalar (its value does not matter for floats)
     * @return the promoted type
     */
    public DType withWeakScalar(double scalar) {
        return kind == Kind.FLOAT ? this : FLOAT64;
    }

    /**
     * The result type of this (array) type combined with a weak Java integer: the array's
     * type if it is an integer or float type, int64 for bool (NEP 50). NumPy 2 refuses a
     * scalar that does not fit the array's integer type; so does this method.
     *
     * @param scalar the scalar
     * @return the promoted type
     * @throws IllegalArgumentException if the value does not fit the array's integer type
     */
    public DType withWeakScalar(long scalar) {
        if (kind == Kind.BOOL) {
            return INT64;
        }
        if (isInteger() && !fits(scalar)) {
            throw new IllegalArgumentException("Python integer " + scalar + " out of bounds for " + this);
        }
        return this;
    }

    /**
     * The result type of this type combined with a weak Java boolean: always this type.
     *
     * @param scalar the scalar
     * @return this type
     */
    public DType withWeakScalar(boolean scalar) {
        return this;
    }

    /**
     * The nearest value of this integer type's range (for clipping with out-of-range bounds).
     *
     * @param v the value
     * @return {@code v} clamped to the type's range; {@code v} for bool and float types
     */
    long clamp(long v) {
        return switch (this) {
            case INT8 -> Math.clamp(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case UINT8 -> Math.clamp(v, 0, 255);
            case INT16 -> Math.clamp(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> Math.clamp(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            default -> v;
        };
    }

    /**
     * Whether an integer value is representable in this integer type.
     *
     * @param v the value
     * @return true if it fits; true for float types
     */
    boolean fits(long v) {
        return switch (this) {
            case BOOL -> v == 0 || v == 1;
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case UINT8 -> v >= 0 && v <= 255;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            default -> true;
        };
    }
}
