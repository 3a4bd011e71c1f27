# Whole jobs, CSV to answer: mlem against R (data.table::fread + glm / MASS::glm.nb / fitdistrplus)
# and Python (pandas + statsmodels / scipy), each a fresh process, alternating within each
# repetition; compares the log-likelihoods and prints the ratios. See docs/benchmarks.md.
# Usage: python3 bench/whole_job.py DATA_DIR OUT.jsonl REPS [JOB ...]   (jobs: glm-binomial ... dist-lognormal, nls-mm)
import json, os, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
data, out, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
ALL = ['glm-binomial', 'glm-poisson', 'glm-gamma', 'glm-negbin',
       'dist-gamma', 'dist-weibull', 'dist-negbin', 'dist-lognormal', 'nls-mm']
jobs = sys.argv[4:] or ALL
formula = 'y ~ ' + ' + '.join(f'x{j}' for j in range(1, 21))


def commands(job):
    kind, fam = job.split('-')
    path = os.path.join(data, 'nls.csv' if kind == 'nls' else f'{kind}_{fam}.csv')
    if kind == 'nls':
        mlem = [os.path.join(root, 'mlem'), 'fit', 'nls', '--formula', 'rate ~ Vm*conc/(K+conc)', '--start',
                'Vm=150,K=0.2', path, '--json']
    elif kind == 'glm':
        extra = ['--link', 'log'] if fam == 'gamma' else []
        mlem = [os.path.join(root, 'mlem'), 'fit', 'glm', '--family', fam, *extra, '--formula', formula, path, '--json']
    else:
        mlem = [os.path.join(root, 'mlem'), 'fit', 'dist', '--family', fam, path, '--json']
    return {'mlem': mlem,
            'R': ['Rscript', os.path.join(here, 'whole_job_peer.R'), kind, fam, path],
            'python': ['/usr/bin/python3', os.path.join(here, 'whole_job_peer.py'), kind, fam, path]}


def run(cmd):
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    p = subprocess.run(['/usr/bin/time', '-f', '%M %U %S', *cmd], capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if p.returncode != 0:
        return {'error': p.stderr.strip().splitlines()[-3:], 'seconds': secs, 'load_before': load}
    text = p.stdout
    j = json.loads(text[text.index('{'):text.rindex('}') + 1])
    ll = j.get('logLikelihood', j.get('loglik'))
    rss, user, system = p.stderr.strip().splitlines()[-1].split()
    return {'seconds': round(secs, 3), 'cpu_seconds': round(float(user) + float(system), 2), 'loglik': ll,
            'peak_rss_kib': int(rss), 'load_before': load,
            **({'mlem_seconds': j['seconds']} if 'seconds' in j else {})}


with open(out, 'a') as f:
    meta = {'meta': True, 'date': time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime()), 'reps': reps,
            'command': 'bench/whole_job.sh ' + ' '.join(jobs)}
    f.write(json.dumps(meta) + '\n')
    for job in jobs:
        cmds = commands(job)
        rows = {t: [] for t in cmds}
        for r in range(reps):
            for tool, cmd in cmds.items():
                res = {'job': job, 'tool': tool, 'rep': r + 1, **run(cmd)}
                f.write(json.dumps(res) + '\n')
                f.flush()
                print(json.dumps(res), file=sys.stderr)
                rows[tool].append(res)
        med, cpu = {}, {}
        for tool, rs in rows.items():
            ok = sorted(x['seconds'] for x in rs if 'error' not in x)
            med[tool] = ok[len(ok) // 2] if ok else float('nan')
            ok = sorted(x['cpu_seconds'] for x in rs if 'error' not in x)
            cpu[tool] = ok[len(ok) // 2] if ok else float('nan')
        ll = {t: next((x['loglik'] for x in rs if 'error' not in x), None) for t, rs in rows.items()}
        fastest = min((t for t in med if t != 'mlem'), key=lambda t: med[t])
        rel = {t: (abs(ll[t] - ll['mlem']) / abs(ll['mlem']) if ll[t] is not None and ll['mlem'] else None)
               for t in ll if t != 'mlem'}
        summary = {'job': job, 'summary': True, 'median_seconds': med, 'median_cpu_seconds': cpu, 'loglik': ll,
                   'rel_diff_loglik': rel, 'fastest_peer': fastest,
                   'speedup_vs_fastest': round(med[fastest] / med['mlem'], 2)}
        f.write(json.dumps(summary) + '\n')
        print(f"{job:15s} mlem {med['mlem']:7.2f} s  R {med['R']:7.2f} s  python {med['python']:7.2f} s  "
              f"x{summary['speedup_vs_fastest']} vs {fastest}  CPU s mlem {cpu['mlem']} R {cpu['R']} "
              f"python {cpu['python']}  loglik rel diff "
              + ' '.join(f'{t} {v:.1e}' for t, v in rel.items() if v is not None))
