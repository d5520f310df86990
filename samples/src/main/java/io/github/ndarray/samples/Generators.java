package io.github.ndarray.samples;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Tutorial exercise "generators": the Fibonacci numbers three ways (a loop, an infinite lazy
 * {@code Stream}, an {@code Iterator} class), the primes in a range, and the first ten Fibonacci
 * primes, found lazily in constant memory: nothing holds more than the last two Fibonacci
 * numbers, and the streams stop as soon as they have what was asked.
 *
 * <p>Run it with
 * {@code ./mvnw -q -pl samples -am compile exec:exec -Dtour.main=io.github.ndarray.samples.Generators}
 * (options: {@code -Dtour.args="--from 100 --to 200 --count 10"}; {@code --fast}, for CI, changes
 * nothing: every part takes milliseconds).
 */
public final class Generators {
    /** {@link BigInteger#isProbablePrime} certainty: a composite passes with probability below 2^-100. */
    static final int CERTAINTY = 100;

    private Generators() {
    }

    /**
     * The Fibonacci numbers F(1), F(2), ... as an endless iterator: 1, 1, 2, 3, 5, ...; it keeps
     * the last two numbers only.
     */
    static final class FibonacciIterator implements Iterator<BigInteger> {
        private BigInteger current = BigInteger.ONE;
        private BigInteger next = BigInteger.ONE;

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public BigInteger next() {
            BigInteger f = current;
            current = next;
            next = f.add(next);
            return f;
        }
    }

    /**
     * {@return the first {@code n} Fibonacci numbers from a plain loop}
     *
     * @param n how many, at most 92 (F(93) overflows a long)
     */
    static long[] fibonacciLoop(int n) {
        long[] f = new long[n];
        long a = 1;
        long b = 1;
        for (int i = 0; i < n; i++) {
            f[i] = a;
            long t = a + b;
            a = b;
            b = t;
        }
        return f;
    }

    /** {@return the Fibonacci numbers as an infinite lazy stream of longs (exact up to F(92))} */
    static LongStream fibonacciStream() {
        return Stream.iterate(new long[] {1, 1}, p -> new long[] {p[1], p[0] + p[1]}).mapToLong(p -> p[0]);
    }

    /** {@return the Fibonacci numbers as an infinite lazy stream of BigIntegers, from the iterator} */
    static Stream<BigInteger> fibonacciBig() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(new FibonacciIterator(), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /**
     * {@return whether {@code n} is prime, by trial division by 2 and the odd numbers up to its root}
     *
     * @param n any long
     */
    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d <= n / d; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return the primes in {@code [from, to]}, lazily}
     *
     * @param from first candidate
     * @param to last candidate
     */
    static LongStream primes(long from, long to) {
        return LongStream.rangeClosed(from, to).filter(Generators::isPrime);
    }

    /**
     * {@return the first {@code count} Fibonacci primes, lazily from the iterator (F(1) = F(2) = 1 is not prime, so no number comes twice)}
     *
     * @param count how many
     */
    static Stream<BigInteger> fibonacciPrimes(int count) {
        return fibonacciBig().filter(f -> f.isProbablePrime(CERTAINTY)).limit(count);
    }

    /**
     * Runs the exercise.
     *
     * @param args {@code --from A --to B} (the prime range, default 100 to 200), {@code --count N}
     *     (Fibonacci primes, default 10), {@code --fast} (accepted for CI; changes nothing)
     */
    public static void main(String[] args) {
        Exercises opt = new Exercises(args);
        long from = opt.longOption("from", 100);
        long to = opt.longOption("to", 200);
        int count = (int) opt.longOption("count", 10);
        int shown = 15;

        System.out.println("Fibonacci, a loop:     " + LongStream.of(fibonacciLoop(shown)).mapToObj(Long::toString)
                .collect(Collectors.joining(" ")));
        System.out.println("Fibonacci, a stream:   " + fibonacciStream().limit(shown).mapToObj(Long::toString)
                .collect(Collectors.joining(" ")));
        System.out.println("Fibonacci, an iterator: " + fibonacciBig().limit(shown).map(BigInteger::toString)
                .collect(Collectors.joining(" ")));
        System.out.println("F(100) from the iterator = " + fibonacciBig().skip(99).findFirst().orElseThrow());
        System.out.println("primes in [" + from + ", " + to + "] (" + primes(from, to).count() + "): "
                + primes(from, to).mapToObj(Long::toString).collect(Collectors.joining(" ")));
        System.out.println("the first " + count + " Fibonacci primes: "
                + fibonacciPrimes(count).map(BigInteger::toString).collect(Collectors.joining(", ")));
    }
}
