// One Lighthouse run of a URL: default mobile profile, simulated throttling (the page loads
// unthrottled, then Lighthouse simulates a Moto G Power on slow 4G from the trace, each main-thread
// task's time multiplied by its default CPU slowdown of 4). Prints one line for LighthouseTest:
//   performance= tbt= accessibility= best-practices= seo= runtimeError= mainThreadShare=
//
// Why it does not depend on how busy the machine is: the trace gives every main-thread task its
// wall time (dur) and the CPU time the thread actually ran (tdur). On a machine shared with other
// work the thread is descheduled inside tasks and wall time grows (we measured 298 ms of wall for
// 36 ms of CPU under a load of 12 on 2 cores), which Lighthouse would blame on the page. So the
// gather (-G) and the audit (-A) are split, and in between each task of the page's main thread is
// shrunk to its CPU time (its nested events scaled with it, so the nesting Lighthouse checks
// holds). What is simulated is then the page's own work, on the phone Lighthouse emulates.
// Caveat: time the thread waits in a synchronous call to another process (the GPU probe, history
// updates) counts at its CPU cost, as on a machine with cores to spare.
//
//   node run.mjs URL WORKDIR     (CHROME_PATH names the browser)
import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync, mkdirSync, rmSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const [url, work] = process.argv.slice(2);
if (!url || !work) {
  console.error('usage: node run.mjs URL WORKDIR');
  process.exit(2);
}
// ./run-tests installs the pinned package.json of this folder there (npm ci).
const cli = join(dirname(fileURLToPath(import.meta.url)), '../target/lighthouse-web/node_modules/lighthouse/cli/index.js');
const chromeFlags = '--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage';

function lighthouse(args) {
  const r = spawnSync(process.execPath, [cli, ...args, chromeFlags, '--quiet'], {encoding: 'utf8'});
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error('lighthouse ' + args.join(' ') + ' exited with ' + r.status);
  }
}

/**
 * Shrinks each top-level task of the renderer main threads to its CPU time. Returns the share of
 * those tasks' wall time that was CPU time (1: the machine was idle for the page).
 */
function toCpuTime(trace) {
  const events = trace.traceEvents;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain')
      .map((e) => e.pid + ':' + e.tid));
  let wall = 0;
  let cpu = 0;
  for (const main of mains) {
    const own = events.filter((e) => e.pid + ':' + e.tid === main && typeof e.ts === 'number')
        .sort((a, b) => a.ts - b.ts);
    const tasks = own.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.dur > 0 && e.tdur >= 0);
    let i = 0;
    for (const task of tasks) {
      const start = task.ts;
      const end = task.ts + task.dur;
      const f = Math.min(1, task.tdur / task.dur);
      wall += task.dur;
      cpu += task.dur * f;
      while (i < own.length && own[i].ts < start) i++;
      for (let j = i; j < own.length && own[j].ts <= end; j++) {
        const e = own[j];
        if (e.ph === 'X' || e.ph === 'B' || e.ph === 'E') {
          e.ts = start + (e.ts - start) * f;
          if (e.dur) e.dur *= f;
        }
      }
    }
  }
  return wall > 0 ? cpu / wall : 1;
}

rmSync(work, {recursive: true, force: true});
mkdirSync(work, {recursive: true});
lighthouse([url, '-G=' + work]);
const traceFile = join(work, 'defaultPass.trace.json');
const trace = JSON.parse(readFileSync(traceFile, 'utf8'));
const share = toCpuTime(trace);
writeFileSync(traceFile, JSON.stringify(trace));
const report = join(work, 'report.json');
lighthouse([url, '-A=' + work, '--output=json', '--output-path=' + report]);
const lhr = JSON.parse(readFileSync(report, 'utf8'));
const score = (id) => lhr.categories[id].score;
console.log(['performance=' + score('performance'),
  'tbt=' + Math.round(lhr.audits['total-blocking-time'].numericValue), 'accessibility=' + score('accessibility'),
  'best-practices=' + score('best-practices'), 'seo=' + score('seo'), 'runtimeError=' + (lhr.runtimeError ? 1 : 0),
  'mainThreadShare=' + share.toFixed(2)].join(' '));
