package io.github.ndarray;

import io.github.ndarray.broadcasting.Shapes;
import io.github.ndarray.spi.HostStorage;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * NumPy's {@code .npy} format
 * (<a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">spec</a>).
 *
 * <p><b>Reading</b> accepts format versions 1.0, 2.0 and 3.0, the dtypes {@code |b1 |i1 |u1
 * i2 i4 i8 f4 f8} in either byte order ({@code <}, {@code >}, {@code =} and {@code |} as
 * NumPy reads them), C or Fortran order. The data goes straight from the file into host
 * memory, in chunks, so arrays over 2 GiB work; big-endian data is swapped to the host's
 * order; a Fortran-order file gives the transpose (a view) of the reversed-shape C array
 * it holds. Bool bytes other than 0 and 1 are read as 1 (true), so kernels may rely on 0/1.
 *
 * <p>Every bad file is an {@link IOException} naming the file and the problem, found before
 * anything big is allocated: the header is at most {@value #MAX_HEADER_SIZE} bytes (NumPy's
 * own default limit), and the data the header promises must be in the file before the
 * array is allocated. Bytes after the data are ignored, as NumPy's {@code np.load} ignores
 * them (a file grown in place by an appending writer stays readable). A valid file larger
 * than the memory left fails as any allocation does, with {@link OutOfMemoryError}.
 *
 * <p><b>Writing</b> gives the bytes NumPy 2's {@code np.save} writes for the same C-order
 * array: version 1.0 (2.0 only if the header needed it), little-endian descr, keys sorted,
 * the header padded with spaces and a newline so that the data starts at a multiple of 64
 * bytes. Views are written in C order without a copy in memory: contiguous ones straight
 * from their memory, others element by element through a buffer. Arrays on another
 * device are copied to the host first. The path is used as given (no {@code .npy} suffix
 * is added).
 */
final class Npy {
    /** NumPy's default {@code max_header_size}: longer headers are refused. */
    static final int MAX_HEADER_SIZE = 10_000;
    /** Bytes per read or write call. */
    static final int CHUNK = 1 << 24;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {
    }

    /**
     * Writes an array as NumPy's {@code np.save} does.
     *
     * @param path the file, created or replaced
     * @param a the array
     * @throws IOException if the file cannot be written
     */
    static void write(Path path, NDArray a) throws IOException {
        write(path, a, CHUNK);
    }

    /**
     * Reads a {@code .npy} file into a host array.
     *
     * @param path the file
     * @return the array (a transposed view for a Fortran-order file)
     * @throws IOException if the file cannot be read or is not a valid {@code .npy} of a
     *     supported dtype
     */
    static NDArray read(Path path) throws IOException {
        return read(path, CHUNK);
    }

    // ------------------------------------------------------------------ reading

    /**
     * {@link #read(Path)} with a chunk size, so that tests can cross chunk boundaries.
     *
     * @param path the file
     * @param chunk bytes per read call
     * @return the array
     * @throws IOException if the file cannot be read or is invalid
     */
    static NDArray read(Path path, int chunk) throws IOException {
        Objects.requireNonNull(path, "path");
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IOException(path + ": not a regular file");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            NpyHeader h;
            long dataOffset;
            // The fixed part: magic, version, header length.
            ByteBuffer fixed = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readUpTo(ch, fixed, 0);
            fixed.flip();
            int got = fixed.remaining();
            if (got >= 4 && fixed.getInt(0) == 0x04034b50) {
                throw bad(path, "not a .npy file but a zip archive (an .npz? it holds .npy files; unzip it first)");
            }
            for (int i = 0; i < MAGIC.length; i++) {
                if (i >= got || fixed.get(i) != MAGIC[i]) {
                    throw bad(path, got < MAGIC.length && i >= got
                            ? "not a .npy file: it is " + got + " bytes long, too short for the magic string \\x93NUMPY"
                            : "not a .npy file: it does not start with the magic string \\x93NUMPY");
                }
            }
            if (got < 8) {
                throw bad(path, "truncated .npy file: it ends inside the format version");
            }
            int major = fixed.get(6) & 0xFF;
            int minor = fixed.get(7) & 0xFF;
            if (minor != 0 || major < 1 || major > 3) {
                throw bad(path, "unsupported .npy format version " + major + "." + minor
                        + " (this reader knows 1.0, 2.0 and 3.0)");
            }
            int lengthBytes = major == 1 ? 2 : 4;
            if (got < 8 + lengthBytes) {
                throw bad(path, "truncated .npy file: it ends inside the header length");
            }
            long headerLength = major == 1 ? fixed.getShort(8) & 0xFFFFL : fixed.getInt(8) & 0xFFFFFFFFL;
            dataOffset = 8 + lengthBytes + headerLength;
            if (headerLength > MAX_HEADER_SIZE) {
                throw bad(path, "the header length " + headerLength + " is over " + MAX_HEADER_SIZE
                        + " bytes (NumPy's default max_header_size); not read, for safety");
            }
            if (dataOffset > fileSize) {
                throw bad(path, "truncated .npy file: it ends inside the header (the header length says " + headerLength
                        + " bytes; " + (dataOffset - fileSize) + " of them are missing)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
            readUpTo(ch, hb, 8 + lengthBytes);
            if (hb.hasRemaining()) {
                throw bad(path, "truncated .npy file: the file ended while reading the header");
            }
            hb.flip();
            String text;
            if (major == 3) {
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb).toString();
                } catch (CharacterCodingException e) {
                    throw new IOException(path + ": malformed header: a version 3.0 header must be UTF-8", e);
                }
            } else {
                text = StandardCharsets.ISO_8859_1.decode(hb).toString();
            }
            try {
                h = NpyHeader.parse(text);
            } catch (IOException e) {
                throw new IOException(path + ": " + e.getMessage(), e);
            }
            long nbytes = h.byteSize();
            long available = fileSize - dataOffset;
            if (available < nbytes) {
                throw bad(path, "truncated .npy file: the header's shape " + NpyHeader.pythonTuple(h.shape()) + " of "
                        + h.dtype() + " needs " + nbytes + " bytes of data, the file has " + available);
            }
            long[] shape = h.shape();
            long[] stored = h.fortranOrder() ? reversed(shape) : shape;
            NDArray a = NDArray.allocate(Device.cpu(), h.dtype(), stored);
            try {
                MemorySegment seg = a.hostSegment();
                readData(ch, dataOffset, seg, nbytes, h.dtype(), h.swap(), chunk, path);
            } catch (IOException | RuntimeException | Error e) {
                a.close();
                throw e;
            }
            if (!h.fortranOrder()) {
                return a;
            }
            NDArray t = a.transpose();
            a.close();
            return t;
        }
    }

    private static IOException bad(Path path, String message) {
        return new IOException(path + ": " + message);
    }

    /** Reads from {@code position} until the buffer is full or the file ends. */
    private static void readUpTo(FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, position + b.position());
            if (r <= 0) {
                return;
            }
        }
    }

    /** Fills {@code seg} from the file in chunks, swapping bytes and normalizing bools per chunk. */
    private static void readData(FileChannel ch, long position, MemorySegment seg, long nbytes, DType t, boolean swap,
            int chunk, Path path) throws IOException {
        int item = t.itemSize();
        long step = Math.max(item, chunk - chunk % item);
        for (long done = 0; done < nbytes; ) {
            int len = (int) Math.min(step, nbytes - done);
            MemorySegment part = seg.asSlice(done, len);
            ByteBuffer b = part.asByteBuffer();
            readUpTo(ch, b, position + done);
            if (b.hasRemaining()) {
                throw bad(path, "truncated .npy file: it ended after " + (done + b.position()) + " of " + nbytes
                        + " data bytes (was it changed while being read?)");
            }
            if (swap) {
                swapBytes(part, item);
            }
            if (t == DType.BOOL) {
                for (long i = 0; i < len; i++) {
                    if (part.get(ValueLayout.JAVA_BYTE, i) != 0) {
                        part.set(ValueLayout.JAVA_BYTE, i, (byte) 1);
                    }
                }
            }
            done += len;
        }
    }

    /** Reverses the bytes of every element, in place. */
    private static void swapBytes(MemorySegment s, int item) {
        long n = s.byteSize() / item;
        switch (item) {
            case 2 -> {
                for (long i = 0; i < n; i++) {
                    s.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i,
                            Short.reverseBytes(s.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i)));
                }
            }
            case 4 -> {
                for (long i = 0; i < n; i++) {
                    s.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i,
                            Integer.reverseBytes(s.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i)));
                }
            }
            case 8 -> {
                for (long i = 0; i < n; i++) {
                    s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i,
                            Long.reverseBytes(s.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i)));
                }
            }
            default -> {
                // one-byte types need no swap
            }
        }
    }

    private static long[] reversed(long[] shape) {
        long[] r = new long[shape.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = shape[shape.length - 1 - i];
        }
        return r;
    }

    // ------------------------------------------------------------------ writing

    /**
     * {@link #write(Path, NDArray)} with a chunk size, so that tests can cross chunk boundaries.
     *
     * @param path the file
     * @param a the array
     * @param chunk bytes per write call
     * @throws IOException if the file cannot be written
     */
    static void write(Path path, NDArray a, int chunk) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(a, "array");
        NDArray host = a.storage() instanceof HostStorage ? a : a.to(Device.cpu());
        try (Hold h = Hold.of(host);
                FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            DType t = host.dtype();
            long[] shape = host.shape();
            writeFully(ch, ByteBuffer.wrap(NpyHeader.format(t.npyDescr(), shape)));
            MemorySegment seg = host.hostSegment();
            int item = t.itemSize();
            long nbytes = host.size() * item;
            if (nbytes == 0) {
                return;
            }
            if (host.isContiguous() && (item == 1 || ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN)) {
                long base = host.elementOffset() * item;
                for (long done = 0; done < nbytes; ) {
                    int len = (int) Math.min(Math.max(1, chunk), nbytes - done);
                    writeFully(ch, seg.asSlice(base + done, len).asByteBuffer());
                    done += len;
                }
            } else {
                writeStrided(ch, seg, t, shape, host.elementStrides(), host.elementOffset(), chunk);
            }
        } finally {
            if (host != a) {
                host.close();
            }
            a.keepAlive();
        }
    }

    /** Writes the elements of a view in C order, little-endian, through a buffer. */
    private static void writeStrided(FileChannel ch, MemorySegment seg, DType t, long[] shape, long[] strides,
            long offset, int chunk) throws IOException {
        int item = t.itemSize();
        long want = Math.min(chunk - chunk % item, Shapes.checkedSize(shape) * item);
        ByteBuffer buf = ByteBuffer.allocate((int) Math.max(item, want)).order(ByteOrder.LITTLE_ENDIAN);
        int nd = shape.length;
        // A 0-d array is one row of one element.
        long inner = nd == 0 ? 1 : shape[nd - 1];
        long innerStride = nd == 0 ? 0 : strides[nd - 1];
        long rows = Shapes.checkedSize(shape) / inner;
        long[] idx = new long[Math.max(nd - 1, 0)];
        long rowStart = offset;
        for (long r = 0; r < rows; r++) {
            long e = rowStart;
            for (long j = 0; j < inner; j++, e += innerStride) {
                if (buf.remaining() < item) {
                    flush(ch, buf);
                }
                switch (item) {
                    case 1 -> buf.put(seg.get(ValueLayout.JAVA_BYTE, e));
                    case 2 -> buf.putShort(seg.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, e));
                    case 4 -> buf.putInt(seg.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, e));
                    default -> buf.putLong(seg.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, e));
                }
            }
            // Odometer over the outer axes, last fastest.
            for (int k = idx.length - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    rowStart += strides[k];
                    break;
                }
                rowStart -= (idx[k] - 1) * strides[k];
                idx[k] = 0;
            }
        }
        flush(ch, buf);
    }

    private static void flush(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        writeFully(ch, buf);
        buf.clear();
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
