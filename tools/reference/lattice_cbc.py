"""Generating vectors of the rank-1 lattice rules in org.mlem.gmm.GenzQmc (Debian python3: numpy).

For each prime n of a list growing by about 1.5 from 101 to about 10^5, a generating vector
z = (z_1, ..., z_7) built component by component (Sloan and Reztsov 2002; Nuyens and Cools 2006):
z_1 = 1, and each next z_j minimises the worst-case error P_2 of the j-dimensional rule
  P_2(z) = -1 + (1/n) sum_k prod_{i<=j} (1 + 2 pi^2 B_2({k z_i / n})),   B_2(x) = x^2 - x + 1/6,
over the unit weights (the Korobov space of smoothness 2, which a tent (baker's) periodisation
of a smooth integrand lands in: the error of such rules on it falls like n^-2 up to logs). The
candidates for z_j are every integer in [1, n/2] for n <= 6000 and else 600 of them drawn with a
fixed seed, so the script is deterministic. The first j components serve a j-dimensional
integrand (the rule is built to be good in every leading dimension).

Run from the repository root:  /usr/bin/python3 tools/reference/lattice_cbc.py
Prints the Java table that GenzQmc.LATTICES holds.
"""
import numpy as np

DIMS = 7


def primes_from(start, ratio, stop):
    out = []
    n = start
    while n <= stop:
        p = int(n)
        while not is_prime(p):
            p += 1
        out.append(p)
        n = p * ratio
    return out


def is_prime(p):
    if p < 2:
        return False
    q = 2
    while q * q <= p:
        if p % q == 0:
            return False
        q += 1
    return True


def omega(x):
    return 2 * np.pi ** 2 * (x * x - x + 1.0 / 6)


def cbc(n, rng):
    k = np.arange(n, dtype=np.int64)
    prod = np.ones(n)
    z = [1]
    prod *= 1 + omega((k * 1 % n) / n)
    if n <= 6000:
        cands = np.arange(2, n // 2 + 1)
    else:
        cands = np.unique(rng.integers(2, n // 2 + 1, size=600))
    for _ in range(1, DIMS):
        best, best_val = None, np.inf
        for c in cands:
            if c in z:
                continue
            v = np.dot(prod, 1 + omega((k * c % n) / n))
            if v < best_val:
                best, best_val = int(c), v
        z.append(best)
        prod *= 1 + omega((k * best % n) / n)
    return z


def main():
    rng = np.random.default_rng(20261207)
    rows = []
    for n in primes_from(101, 1.5, 110_000):
        rows.append("            {%d, %s}," % (n, ", ".join(str(v) for v in cbc(n, rng))))
    print("\n".join(rows))


if __name__ == "__main__":
    main()
