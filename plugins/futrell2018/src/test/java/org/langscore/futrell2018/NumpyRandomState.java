package org.langscore.futrell2018;

/**
 * NumPy's legacy {@code numpy.random.RandomState(seed).random(n)} rewritten for tests: the MT19937
 * generator seeded with {@code init_genrand(seed)} (what RandomState does for an integer seed), and
 * {@code random_sample} = ((a >> 5) * 2^26 + (b >> 6)) / 2^53 from two 32-bit draws.
 */
final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index;

    NumpyRandomState(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            // mt[i] = 1812433253 * (mt[i-1] ^ (mt[i-1] >> 30)) + i, in 32-bit unsigned arithmetic
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** @return the next 32-bit output, as an unsigned value */
    long nextInt32() {
        if (index >= N) {
            regenerate();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void regenerate() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[i] = next;
        }
        index = 0;
    }

    /** @return a double in [0, 1) with 53 random bits, as {@code random_sample()} */
    double nextDouble() {
        long a = nextInt32() >>> 5;
        long b = nextInt32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** @return {@code RandomState(seed).random(n)} */
    static double[] random(long seed, int n) {
        NumpyRandomState state = new NumpyRandomState(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = state.nextDouble();
        }
        return values;
    }
}
