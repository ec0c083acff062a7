#!/usr/bin/env python3
"""Benchmark of the pictures (issue 11): the default map (PNG) and the
leadership report (HTML) of every dataset import and of generated models of
100, 1,000 and 10,000 units, timed with the real executable.

    tools/render_bench.py                      # build/tools/orgflow, ../shared/datasets
    tools/render_bench.py --orgflow OTHER/orgflow --timeout 150 --work /tmp/before
    tools/render_bench.py --only 'email|gen-1000'

For each case it prints the wall time and the CPU time of the command (its
own and its children's: the Graphviz layouts run in child processes), the
size of what it wrote, the PNG's pixel size, and whether anything but
orgflow's own lines reached standard error. A command still running after
--timeout seconds is stopped and reported as such. The models are imported
with --import-with (default: the orgflow benchmarked) so that two builds can
be compared on the same inputs; they are kept in --work and reused.

Targets (docs/views.md): every dataset import and the 1,000-unit model under
2 s for the map and for the report, the 10,000-unit model under 10 s, PNGs
at most 8,000 px a side, nothing on standard error but orgflow's own lines.
Run it on a quiet machine (or under the shared CPU lock) and quote the load
average it prints. It is not a test: nothing here fails a build.
"""
import argparse
import json
import os
import re
import resource
import signal
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def dataset_imports(datasets):
    """(name, import arguments) for every dataset, as docs/import-*.md run them."""
    cases = []
    ev = os.path.join(datasets, 'eventlogs')
    if os.path.isdir(ev):
        for f in sorted(os.listdir(ev)):
            if f.endswith(('.xes', '.xes.gz', '.csv')):
                name = 'ev-' + re.sub(r'\.(xes\.gz|xes|csv)$', lambda m: '-' + m.group(1).split('.')[0], f)
                cases.append((name, ['import', 'eventlog', os.path.join(ev, f)]))
    bp = os.path.join(datasets, 'bpmn')
    if os.path.isdir(bp):
        for f in sorted(os.listdir(bp)):
            if f.endswith('.bpmn'):
                cases.append(('bpmn-' + f[:-5], ['import', 'bpmn', os.path.join(bp, f)]))
    em = os.path.join(datasets, 'email-eu-core')
    if os.path.isdir(em):
        cases.append(('csv-email-eu-core', [
            'import', 'csv', os.path.join(em, 'email-Eu-core.txt'), '--delimiter', 'whitespace', '--no-header',
            '--people', os.path.join(em, 'email-Eu-core-department-labels.txt'), '--people-delimiter', 'whitespace',
            '--people-no-header']))
    kr = os.path.join(datasets, 'krackhardt-hightech')
    if os.path.isdir(kr):
        cases.append(('csv-krackhardt-advice', [
            'import', 'csv', os.path.join(kr, 'Krack-High-Tec-edgelist-Advice.txt'), '--delimiter', 'whitespace',
            '--no-header', '--count', '3', '--people', os.path.join(kr, 'Krack-High-Tec-Attributes.csv'),
            '--person', 'ID', '--unit', 'DEPT']))
    la = os.path.join(datasets, 'lazega-lawfirm')
    if os.path.isdir(la):
        cases.append(('csv-lazega-advice', [
            'import', 'csv', os.path.join(la, 'ELadv.dat'), '--matrix', '--delimiter', 'whitespace', '--no-header',
            '--people', os.path.join(la, 'ELattr.dat'), '--people-delimiter', 'whitespace', '--people-no-header',
            '--person', '1', '--unit', '4']))
    return cases


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b'\x89PNG\r\n\x1a\n':
        return None
    return struct.unpack('>II', head[16:24])


def children_cpu():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def run(cmd, timeout):
    """Runs cmd in its own process group: (status or None on timeout, wall s, CPU s, stderr text)."""
    cpu0 = children_cpu()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = p.communicate(timeout=timeout)
        status = p.returncode
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        _, err = p.communicate()
        status = None
    wall = time.monotonic() - t0
    return status, wall, children_cpu() - cpu0, err.decode('utf-8', 'replace')


def foreign_lines(stderr):
    """Lines of standard error that are not orgflow's own (`orgflow: ...`)."""
    return [l for l in stderr.splitlines() if l.strip() and not l.startswith('orgflow:')]


def load_average():
    with open('/proc/loadavg') as f:
        return ' '.join(f.read().split()[:3])


def human_bytes(n):
    if n is None:
        return '-'
    for unit in ('B', 'KB', 'MB', 'GB'):
        if n < 1024 or unit == 'GB':
            return f'{n:.0f} {unit}' if unit == 'B' else f'{n:.1f} {unit}'
        n /= 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--orgflow', default=os.path.join(ROOT, 'build', 'tools', 'orgflow'))
    ap.add_argument('--import-with', help='orgflow used for the imports (default: --orgflow)')
    ap.add_argument('--generate', default=os.path.join(ROOT, 'build', 'tools', 'bench', 'orgflow_generate'))
    ap.add_argument('--datasets', default=os.path.join(ROOT, '..', 'shared', 'datasets'))
    ap.add_argument('--work', default='/tmp/orgflow-render-bench')
    ap.add_argument('--timeout', type=float, default=120.0, help='seconds before a command is stopped')
    ap.add_argument('--sizes', default='100,1000,10000', help='units of the generated models')
    ap.add_argument('--only', help='a regular expression: only the cases whose name it matches')
    ap.add_argument('--json', help='also write the figures to this file')
    a = ap.parse_args()
    exe = os.path.abspath(a.orgflow)
    importer = os.path.abspath(a.import_with or a.orgflow)
    os.makedirs(a.work, exist_ok=True)

    models = []
    for name, args in dataset_imports(os.path.abspath(a.datasets)):
        if a.only and not re.search(a.only, name):
            continue
        path = os.path.join(a.work, name + '.json')
        if not os.path.exists(path):
            st, _, _, err = run([importer] + args + ['-o', path], a.timeout)
            if st != 0:
                print(f'{name}: the import failed ({st}): {err.strip()[:200]}', file=sys.stderr)
                continue
        models.append((name, path))
    for n in [int(x) for x in a.sizes.split(',') if x]:
        name = f'gen-{n}'
        if a.only and not re.search(a.only, name):
            continue
        path = os.path.join(a.work, name + '.json')
        if not os.path.exists(path):
            subprocess.run([a.generate, '--units', str(n), '--flows', str(10 * n), '--artifacts', str(max(1, n // 5)),
                            '--needs', str(5 * n), '--seed', '1', '-o', path], check=True, stderr=subprocess.DEVNULL)
        models.append((name, path))

    print(f'orgflow: {exe}')
    print(f'machine: {os.cpu_count()} cores, load average {load_average()} at the start')
    head = (f'{"case":<44} {"units":>6} {"arrows":>7} | {"map s":>7} {"cpu":>6} {"PNG px":>13} {"size":>9} | '
            f'{"report s":>8} {"cpu":>6} {"size":>9} | stderr')
    print(head)
    print('-' * len(head))
    rows = []
    for name, path in models:
        with open(path, encoding='utf-8') as f:
            m = json.load(f)
        units, arrows = len(m.get('units', [])), len(m.get('flows', [])) + len(m.get('handoffs', []))
        png = os.path.join(a.work, name + '-map.png')
        html = os.path.join(a.work, name + '-report.html')
        for out in (png, html):
            if os.path.exists(out):
                os.remove(out)
        ms, mw, mc, merr = run([exe, 'render', path, '-o', png], a.timeout)
        rs, rw, rc, rerr = run([exe, 'report', path, '-o', html], a.timeout)
        px = png_size(png) if ms == 0 and os.path.exists(png) else None
        msize = os.path.getsize(png) if ms == 0 and os.path.exists(png) else None
        rsize = os.path.getsize(html) if rs == 0 and os.path.exists(html) else None
        foreign = foreign_lines(merr) + foreign_lines(rerr)
        row = dict(case=name, units=units, arrows=arrows, map_status=ms, map_s=mw, map_cpu=mc, png=px,
                   map_bytes=msize, report_status=rs, report_s=rw, report_cpu=rc, report_bytes=rsize,
                   stderr_foreign=len(foreign), stderr=(merr + rerr)[:300])

        def status_text(st, wall):
            return f'{wall:7.2f}' if st == 0 else (f'>{a.timeout:.0f}' if st is None else f'exit {st}').rjust(7)

        px_text = f'{px[0]} x {px[1]}' if px else '-'
        err_text = 'clean' if not foreign else f'{len(foreign)} foreign line(s): {foreign[0][:60]}'
        own = [l for l in (merr + rerr).splitlines() if l.startswith('orgflow:')]
        if own and not foreign:
            err_text = f'clean ({len(own)} orgflow line(s))'
        print(f'{name:<44} {units:>6} {arrows:>7} | {status_text(ms, mw)} {mc:6.2f} {px_text:>13} {human_bytes(msize):>9} | '
              f'{status_text(rs, rw):>8} {rc:6.2f} {human_bytes(rsize):>9} | {err_text}', flush=True)
        rows.append(row)
    print(f'load average {load_average()} at the end')

    # The targets of issue 11.
    def late(r, limit):
        return [k for k in ('map', 'report') if r[k + '_status'] != 0 or r[k + '_s'] > limit]
    misses = []
    for r in rows:
        limit = 10.0 if r['case'] == 'gen-10000' else 2.0
        for k in late(r, limit):
            misses.append(f"{r['case']}: {k} " + ('took %.2f s' % r[k + '_s'] if r[k + '_status'] == 0 else
                                                   'stopped' if r[k + '_status'] is None else 'failed'))
        if r['png'] and max(r['png']) > 8000:
            misses.append(f"{r['case']}: PNG {r['png'][0]} x {r['png'][1]} px")
        if r['stderr_foreign']:
            misses.append(f"{r['case']}: {r['stderr_foreign']} foreign line(s) on standard error")
    print('targets: all met' if not misses else 'targets missed:\n  ' + '\n  '.join(misses))
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(rows, f, indent=1)


if __name__ == '__main__':
    main()
