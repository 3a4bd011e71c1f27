# Whole jobs (bench/whole_job.sh's GLM, distribution and nls jobs) with two builds of mlem, before and
# after a change, alternating with the peers in one loop: before, after, R, Python, each a fresh
# process; prints one line a run (CPU s = user + system, wall s, peak RSS, log-likelihood, load).
# Usage: python3 bench/whole_job_ab.py BEFORE_ROOT AFTER_ROOT DATA_DIR REPS JOB... (a ROOT holds a
# ./mlem launcher and its jar; DATA_DIR from bench/whole_job_data.py; jobs: glm-binomial, dist-gamma, nls-mm, ...).
# Env AB_PEERS: the peers to run (default R,python; empty for the two builds only).
import json, os, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
before, after, data, reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
peers = os.environ.get('AB_PEERS', 'R,python').split(',')  # which peers run beside the two builds
formula = 'y ~ ' + ' + '.join(f'x{j}' for j in range(1, 21))


def commands(job):
    kind, fam = job.split('-')
    path = os.path.join(data, 'nls.csv' if kind == 'nls' else f'{kind}_{fam}.csv')
    if kind == 'nls':
        args = ['fit', 'nls', '--formula', 'rate ~ Vm*conc/(K+conc)', '--start', 'Vm=150,K=0.2']
    elif kind == 'glm':
        args = ['fit', 'glm', '--family', fam, *(['--link', 'log'] if fam == 'gamma' else []), '--formula', formula]
    else:
        args = ['fit', 'dist', '--family', fam]
    return {'before': [os.path.join(before, 'mlem'), *args, path, '--json'],
            'after': [os.path.join(after, 'mlem'), *args, path, '--json'],
            'R': ['Rscript', os.path.join(here, 'whole_job_peer.R'), kind, fam, path],
            'python': ['/usr/bin/python3', os.path.join(here, 'whole_job_peer.py'), kind, fam, path]}


for job in sys.argv[5:]:
    cpu = {}
    for r in range(reps):
        for tool, cmd in commands(job).items():
            if tool not in ('before', 'after') and tool not in peers:
                continue
            load = os.getloadavg()[0]
            t0 = time.perf_counter()
            p = subprocess.run(['/usr/bin/time', '-f', '%M %U %S', *cmd], capture_output=True, text=True)
            wall = time.perf_counter() - t0
            if p.returncode != 0:
                print(job, tool, 'FAILED', p.stderr.strip().splitlines()[-3:], flush=True)
                continue
            j = json.loads(p.stdout[p.stdout.index('{'):p.stdout.rindex('}') + 1])
            rss, user, system = p.stderr.strip().splitlines()[-1].split()
            c = float(user) + float(system)
            cpu.setdefault(tool, []).append(c)
            print(f"{job} {tool:6s} rep {r + 1} cpu {c:6.2f} wall {wall:6.2f} rss {int(rss) // 1024:5d} MiB "
                  f"loglik {j.get('logLikelihood', j.get('loglik'))} load {load:.1f}", flush=True)
    print(job, 'median CPU s', {t: sorted(v)[len(v) // 2] for t, v in cpu.items()}, flush=True)
