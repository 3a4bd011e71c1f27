"""Summarises compare.sh's results (JSON lines) as a Markdown table and a PNG chart.
Usage: report.py results.jsonl chart.png"""
import json
import statistics
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
meta = next(r for r in rows if r.get("meta"))
shapes = {r["workload"]: r for r in rows if "shape" in r}
runs = defaultdict(list)
for r in rows:
    if "tag" in r:
        runs[(r["workload"], r["tag"])].append(r)


loads = [float(r["load_before"]) for r in rows if "load_before" in r]


def med(w, tag, key):
    v = [float(r[key]) for r in runs.get((w, tag), [])]
    return statistics.median(v) if v else None


print(f"date {meta['date']}; machine {meta['machine']}; numpy DGEMM {meta['dgemm_gflops']} GFLOP/s; "
      f"{meta['threads']} threads; {meta['iters']} iterations; median of {meta['reps']} alternating runs; "
      f"command `{meta['command']}`; 1-minute load average before each run "
      f"{min(loads):.1f}–{max(loads):.1f} (2 cores)\n" if loads else f"command `{meta['command']}`\n")
print("| workload | n, d, k, cov | sklearn s/iter | mlem s/iter, fresh JVM | speed-up | sklearn warm s/iter "
      "| mlem warm s/iter | speed-up warm | mlem warm GFLOP/s | share of DGEMM | mlem 1-thread warm s/iter "
      "| 2 vs 1 thread (warm) | peak RSS sklearn / mlem (MiB) | data (MiB) "
      "| final mean log-lik sklearn / mlem | rel. diff |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
names, sk_t, skw_t, ml_t, mlw_t = [], [], [], [], []
fmt = lambda v, p="{:.3f}": "–" if v is None else p.format(v)
ratio = lambda a, b: a / b if a and b else None
for w, s in shapes.items():
    n, d, k, cov = s["shape"].split()
    n, d, k = int(n), int(d), int(k)
    sk, ml = med(w, "sklearn", "s_per_iter"), med(w, "mlem", "s_per_iter")
    skw, mlw, ml1w = med(w, "sklearn", "warm_s_per_iter"), med(w, "mlem", "warm_s_per_iter"), med(w, "mlem-1t", "warm_s_per_iter")
    # scikit-learn's arithmetic per iteration: full, two n×d×d GEMMs per component (E and M);
    # diag, four n×d×k GEMMs (X² and X against precisions in the E-step, Rᵀ X and Rᵀ X² in the M-step)
    flops = 4 * n * k * d * d if cov in ("full", "tied") else 8 * n * k * d if cov == "diag" else None
    gf = flops / mlw / 1e9 if flops and mlw else None
    ll_sk = runs[(w, "sklearn")][-1]["final_mean_ll"] if runs.get((w, "sklearn")) else None
    ll_ml = runs[(w, "mlem")][-1]["final_mean_ll"] if runs.get((w, "mlem")) else None
    rel = abs(float(ll_sk) - float(ll_ml)) / abs(float(ll_sk)) if ll_sk and ll_ml else None
    rss = lambda tag: med(w, tag, "peak_rss_kib") / 1024 if runs.get((w, tag)) else None
    print(f"| {w} | {n:,}, {d}, {k}, {cov} | {fmt(sk)} | {fmt(ml)} | {fmt(ratio(sk, ml), '{:.2f}×')} "
          f"| {fmt(skw)} | {fmt(mlw)} | {fmt(ratio(skw, mlw), '{:.2f}×')} "
          f"| {fmt(gf, '{:.1f}')} | {fmt(gf / float(meta['dgemm_gflops']) if gf else None, '{:.0%}')} "
          f"| {fmt(ml1w)} | {fmt(ratio(ml1w, mlw), '{:.2f}×')} "
          f"| {fmt(rss('sklearn'), '{:.0f}')} / {fmt(rss('mlem'), '{:.0f}')} "
          f"| {s['data_bytes'] / 2**20:.0f} | {ll_sk} / {ll_ml} | {fmt(rel, '{:.1e}')} |")
    names.append(w)
    sk_t.append(sk or 0)
    skw_t.append(skw or 0)
    ml_t.append(ml or 0)
    mlw_t.append(mlw or 0)

if any(tag == "mclust" for _, tag in runs):
    # R mclust's me() (Fortran EM, one thread) beside mlem, same start and iterations (MCLUST=1)
    print("\n| workload | mclust s/iter | mlem s/iter, fresh JVM | speed-up | mclust warm s/iter | mlem warm s/iter "
          "| speed-up warm | final mean log-lik mclust / mlem | rel. diff |")
    print("|---|---|---|---|---|---|---|---|---|")
    for w in shapes:
        mc, ml = med(w, "mclust", "s_per_iter"), med(w, "mlem", "s_per_iter")
        mcw, mlw = med(w, "mclust", "warm_s_per_iter"), med(w, "mlem", "warm_s_per_iter")
        ll_mc = runs[(w, "mclust")][-1]["final_mean_ll"] if runs.get((w, "mclust")) else None
        ll_ml = runs[(w, "mlem")][-1]["final_mean_ll"] if runs.get((w, "mlem")) else None
        rel = abs(float(ll_mc) - float(ll_ml)) / abs(float(ll_mc)) if ll_mc and ll_ml else None
        print(f"| {w} | {fmt(mc)} | {fmt(ml)} | {fmt(ratio(mc, ml), '{:.1f}×')} | {fmt(mcw)} | {fmt(mlw)} "
              f"| {fmt(ratio(mcw, mlw), '{:.1f}×')} | {ll_mc} / {ll_ml} | {fmt(rel, '{:.1e}')} |")

fig, ax = plt.subplots(figsize=(6.4, 3.6))
xs = range(len(names))
ax.bar([i - 0.27 for i in xs], sk_t, 0.27, label="scikit-learn 1.2 (OpenBLAS)")
ax.bar(list(xs), ml_t, 0.27, label="mlem, fresh JVM (JIT warm-up included)")
ax.bar([i + 0.27 for i in xs], mlw_t, 0.27, label="mlem, warm JVM")
for i in xs:  # each mlem bar against scikit-learn in the same state (fresh or warm)
    for dx, t, ref in ((0, ml_t[i], sk_t[i]), (0.27, mlw_t[i], skw_t[i])):
        if ref and t:
            ax.annotate(f"{ref / t:.1f}×", (i + dx, t), ha="center", va="bottom", fontsize=7)
ax.set_xticks(list(xs), names)
ax.set_yscale("log")
ax.set_ylabel("seconds per EM iteration (log)")
ax.set_title(f"Gaussian mixture EM, {meta['threads']} threads, {meta['date'][:10]}")
ax.legend(fontsize=7)
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=110)
